import type { Box, FaceDetection, Point, RgbaImage } from '../types';
import { throwIfAborted } from './abort';
import { FULL_RANGE_ANCHORS, SHORT_RANGE_ANCHORS, generateAnchors, type Anchor } from './blazeface/anchors';
import { FULL_RANGE_DECODE, SHORT_RANGE_DECODE, decodeDetections, type DecodeOptions } from './blazeface/decode';
import { letterboxTransform } from './blazeface/letterbox';
import { iou, weightedNms, type NmsDetection } from './blazeface/nms';
import { giveDownsampled, warpToTensor, type Downsampled } from './image/warp';
import { scratch } from '../memory/scratch';
import { runOnScratchInput } from './run-input';
import { type Affine, applyAffine, composeAffine, invertAffine } from './math/affine';
import type { FloatTensor, ModelName, SessionManager } from './sessions';
import { traced } from './trace';

/** MediaPipe face_detection.pbtxt NonMaxSuppressionCalculator min_suppression_threshold. */
export const NMS_IOU_THRESHOLD = 0.3;

/**
 * A short-range face narrower than this fraction of the letterboxed frame's side counts as small: it is
 * re-detected on a crop around it (refineSmallFace), and the full-range model runs as well unless that
 * re-detection confirms it (REFINE_CONFIRM_SCORE). The short-range model is made for faces within ~2 m
 * of a selfie camera (MediaPipe model card), i.e. faces that fill a good part of the frame; 0.2 is
 * this project's choice (about 26 px of the 128 px input).
 */
export const SMALL_FACE_FRACTION = 0.2;

/**
 * Side of the square crop used to re-detect a face found by the full-range model with the short-range
 * model, in multiples of the face box's longer side (the face then spans about a third of the crop,
 * well within the short-range model's range). Project choice.
 */
export const REFINE_CROP_FACTOR = 3;

interface DetectorSpec {
	/** Pass name in stage traces (trace.ts). */
	label: 'short' | 'full' | 'refine';
	model: ModelName;
	size: number;
	anchors: Anchor[];
	decode: DecodeOptions;
}

let specs: { short: DetectorSpec; full: DetectorSpec } | null = null;
function detectorSpecs() {
	specs ??= {
		short: { label: 'short', model: 'face_detection_short_range', size: 128, anchors: generateAnchors(SHORT_RANGE_ANCHORS), decode: SHORT_RANGE_DECODE },
		full: { label: 'full', model: 'face_detection_full_range', size: 192, anchors: generateAnchors(FULL_RANGE_ANCHORS), decode: FULL_RANGE_DECODE }
	};
	return specs;
}

/** Picks regressors ([1,N,16]) and classificators ([1,N,1]) among the outputs by size. */
function pickDetectorOutputs(out: Record<string, FloatTensor>, n: number): { reg: Float32Array; cls: Float32Array } {
	let reg: Float32Array | undefined;
	let cls: Float32Array | undefined;
	for (const [name, t] of Object.entries(out)) {
		if (t.data.length === n * 16 && (!reg || name.includes('regress'))) reg = t.data;
		else if (t.data.length === n && (!cls || name.includes('classif'))) cls = t.data;
	}
	if (!reg || !cls) throw new Error(`detector outputs not recognised: ${Object.keys(out).join(', ')}`);
	return { reg, cls };
}

/** A detection in source px with the view rotation (degrees clockwise) it was found in. */
type OrientedDetection = NmsDetection & { rotation: number };

/** Rotations tried by the detector, degrees clockwise (see detectFaces). */
export const DETECTION_ROTATIONS = [0, 90, 180, 270] as const;

/**
 * The view of the source image rotated clockwise by `degrees` (a multiple of 90): its size and the
 * transform from view px to source px (continuous coordinates, so pixel areas map exactly).
 * @throws Error for other angles.
 */
export function rotatedView(degrees: number, width: number, height: number): { width: number; height: number; toSource: Affine } {
	switch (((degrees % 360) + 360) % 360) {
		case 0:
			return { width, height, toSource: [1, 0, 0, 0, 1, 0] };
		case 90: // view (x', y') = (H - y, x)
			return { width: height, height: width, toSource: [0, 1, 0, -1, 0, height] };
		case 180:
			return { width, height, toSource: [-1, 0, width, 0, -1, height] };
		case 270: // view (x', y') = (y, W - x)
			return { width: height, height: width, toSource: [0, -1, width, 1, 0, 0] };
		default:
			throw new Error(`rotatedView: ${degrees} is not a multiple of 90`);
	}
}

/**
 * Runs one BlazeFace model on a square-ish region of a rotated view of `image` (letterboxed as
 * MediaPipe does, zero padding), decodes, applies weighted NMS in tensor space, and maps boxes and
 * keypoints to source px. Because the view is rotated by a multiple of 90°, boxes stay axis-aligned.
 * @param region region in view px
 */
async function runDetector(
	sessions: SessionManager,
	spec: DetectorSpec,
	image: RgbaImage,
	degrees: number,
	region: Box | null,
	cache?: Map<string, Downsampled>
): Promise<OrientedDetection[]> {
	const view = rotatedView(degrees, image.width, image.height);
	const r = region ?? { x: 0, y: 0, width: view.width, height: view.height };
	const m = composeAffine(view.toSource, letterboxTransform(r, spec.size, spec.size));
	const stage = `detect.${spec.label}`;
	const input = traced(`${stage}.prep`, () => warpToTensor(image, m, spec.size, spec.size, { range: [-1, 1], border: 'zero', cache, out: scratch.f32(spec.size * spec.size * 3) }));
	const out = await runOnScratchInput(sessions, spec.model, input, [1, spec.size, spec.size, 3], `${stage}.run`);
	return traced(`${stage}.post`, () => decodeToSource(out, spec, m, degrees));
}

/** Decodes one detector run (outputs of `spec`'s model on the tensor that `m` maps to source px) into source-px detections. */
function decodeToSource(out: Record<string, FloatTensor>, spec: DetectorSpec, m: Affine, degrees: number): OrientedDetection[] {
	const { reg, cls } = pickDetectorOutputs(out, spec.anchors.length);
	const raw = decodeDetections(reg, cls, spec.anchors, spec.decode);
	const merged = weightedNms(raw, NMS_IOU_THRESHOLD);
	const s = spec.size;
	return merged.map((d) => {
		const p0 = applyAffine(m, d.xMin * s, d.yMin * s);
		const p1 = applyAffine(m, (d.xMin + d.width) * s, (d.yMin + d.height) * s);
		const kp: number[] = [];
		for (let k = 0; k < d.keypoints.length; k += 2) {
			const p = applyAffine(m, d.keypoints[k] * s, d.keypoints[k + 1] * s);
			kp.push(p.x, p.y);
		}
		const xMin = Math.min(p0.x, p1.x);
		const yMin = Math.min(p0.y, p1.y);
		return { xMin, yMin, width: Math.abs(p1.x - p0.x), height: Math.abs(p1.y - p0.y), score: d.score, keypoints: kp, rotation: degrees };
	});
}

/**
 * runDetector over several rotations (a source-px region is moved into each view); returns the
 * detections of the one orientation whose best score is highest. A photo has one orientation, and
 * a face seen sideways or upside down gives weaker, displaced false detections that would otherwise
 * survive NMS.
 */
async function runOriented(
	sessions: SessionManager,
	spec: DetectorSpec,
	image: RgbaImage,
	rotations: readonly number[],
	sourceRegion: Box | null,
	signal?: AbortSignal
): Promise<OrientedDetection[]> {
	const cache = new Map<string, Downsampled>();
	try {
		return await detectEachRotation(sessions, spec, image, rotations, sourceRegion, cache, signal);
	} finally {
		giveDownsampled(cache);
	}
}

/** runOriented's loop over the rotations; `cache` holds the block averages shared by the rotations. */
async function detectEachRotation(
	sessions: SessionManager,
	spec: DetectorSpec,
	image: RgbaImage,
	rotations: readonly number[],
	sourceRegion: Box | null,
	cache: Map<string, Downsampled>,
	signal?: AbortSignal
): Promise<OrientedDetection[]> {
	let all: OrientedDetection[] = [];
	for (const deg of rotations) {
		throwIfAborted(signal);
		let region: Box | null = null;
		if (sourceRegion) {
			const view = rotatedView(deg, image.width, image.height);
			const c = applyAffine(invertAffine(view.toSource), sourceRegion.x + sourceRegion.width / 2, sourceRegion.y + sourceRegion.height / 2);
			const w = deg % 180 === 0 ? sourceRegion.width : sourceRegion.height;
			const h = deg % 180 === 0 ? sourceRegion.height : sourceRegion.width;
			region = { x: c.x - w / 2, y: c.y - h / 2, width: w, height: h };
		}
		const found = await runDetector(sessions, spec, image, deg, region, cache);
		if (found.length > 0 && (all.length === 0 || found[0].score > all[0].score)) all = found;
	}
	return all;
}

/** Greedy suppression: keeps the best-scoring detection of every group overlapping by IoU > threshold. */
function keepBest<T extends NmsDetection>(dets: T[], threshold: number): T[] {
	const sorted = [...dets].sort((a, b) => b.score - a.score);
	const kept: T[] = [];
	for (const d of sorted) if (!kept.some((k) => iou(k, d) > threshold)) kept.push(d);
	return kept;
}

function toFaceDetection(d: NmsDetection): FaceDetection {
	const keypoints: Point[] = [];
	for (let k = 0; k < d.keypoints.length; k += 2) keypoints.push({ x: d.keypoints[k], y: d.keypoints[k + 1] });
	return { box: { x: d.xMin, y: d.yMin, width: d.width, height: d.height }, score: d.score, keypoints };
}

/** Smallest tile side of the tiled search, px (the full-range input is 192 px: no upsampling beyond that). */
export const MIN_TILE_SIDE = 192;
/** Number of tile scales (sides min(W,H), /2, /4) of the tiled search. Project choice. */
export const TILE_LEVELS = 3;

/**
 * Square tiles of side `side` covering a width x height image with at least half a tile of
 * overlap in each direction (so every face smaller than half a tile lies wholly inside one tile).
 */
export function squareTiles(width: number, height: number, side: number): Box[] {
	const starts = (len: number) => {
		if (len <= side) return [(len - side) / 2];
		const n = Math.ceil((len - side) / (side / 2)) + 1;
		const step = (len - side) / (n - 1);
		return Array.from({ length: n }, (_, i) => i * step);
	};
	const tiles: Box[] = [];
	for (const y of starts(height)) for (const x of starts(width)) tiles.push({ x, y, width: side, height: side });
	return tiles;
}

/**
 * Re-detects face `f` with the short-range model, in the orientation it was found in, on a square crop
 * REFINE_CROP_FACTOR times its size (where the face is large: tighter box and keypoints). Returns the re-detection
 * overlapping `f` (IoU > NMS_IOU_THRESHOLD), or null.
 */
async function refineSmallFace(sessions: SessionManager, image: RgbaImage, f: OrientedDetection, signal?: AbortSignal): Promise<OrientedDetection | null> {
	const crop = Math.max(f.width, f.height) * REFINE_CROP_FACTOR;
	const cx = f.xMin + f.width / 2;
	const cy = f.yMin + f.height / 2;
	const region: Box = { x: cx - crop / 2, y: cy - crop / 2, width: crop, height: crop };
	const refined = await runOriented(sessions, { ...detectorSpecs().short, label: 'refine' }, image, [f.rotation], region, signal);
	return refined.find((r) => iou(r, f) > NMS_IOU_THRESHOLD) ?? null;
}

/**
 * Score of the short-range re-detection (refineSmallFace) at or above which a small short-range face counts as
 * confirmed, so the whole-image full-range run is skipped. Measured with bench/models-sweep.ts (the 8 portraits scaled
 * so the face spans 4–19 % of the long side of a square and a 9:20 frame, 176 cases): every short-range hit on the face
 * that was re-detected scored ≥ 0.79 there, and none of the 9 hits beside the face (all at faces ≤ 10 %) was
 * re-detected at all (≥ 0.5, the short-range decoder's threshold). 0.7 lies between; project choice.
 */
export const REFINE_CONFIRM_SCORE = 0.7;

/** Score above which an upright (0°) detection is trusted without trying the other orientations (engineering choice). */
export const UPRIGHT_CONFIDENT_SCORE = 0.8;

/**
 * True when `d` is a confident, upright face: score ≥ UPRIGHT_CONFIDENT_SCORE, the subject's right eye (keypoint 0) left
 * of the left eye (keypoint 1) with the eye line within 45° of horizontal, and the mouth centre (keypoint 3) below the
 * eyes by at least 0.3 inter-eye distances. Keypoints are [x0, y0, x1, y1, …] in source px.
 */
export function isConfidentUpright(d: NmsDetection | undefined): boolean {
	if (!d || d.score < UPRIGHT_CONFIDENT_SCORE) return false;
	const k = d.keypoints;
	const dx = k[2] - k[0];
	const dy = k[3] - k[1];
	const eyeMidY = (k[1] + k[3]) / 2;
	return dx > 0 && Math.abs(dy) < dx && k[7] - eyeMidY > 0.3 * dx;
}

/**
 * All faces in `image`, best score first, boxes and keypoints in source px (keypoints in
 * MediaPipe order: subject's right eye, left eye, nose tip, mouth centre, right tragion, left tragion).
 *
 * Strategy (MediaPipe's graphs run one model on an upright frame; the combination is this project's):
 * 1. short-range BlazeFace on the whole image, letterboxed to 128x128, upright; unless that gives a
 *    confident upright face (isConfidentUpright), also at 90°, 180° and 270° (BlazeFace is trained on
 *    roughly upright faces and mislabels the eyes of a sideways or upside-down face); the orientation
 *    with the best score wins for the whole image, so a photo without its EXIF rotation still gets
 *    correctly ordered keypoints;
 * 2. every short-range face narrower than SMALL_FACE_FRACTION of the letterboxed side is re-detected
 *    with the short-range model, in the orientation it was found in, on a square crop
 *    REFINE_CROP_FACTOR times its size, where it is large (tighter box and keypoints); a re-detection
 *    replaces the face it overlaps (IoU > 0.3);
 * 3. if the short-range run finds nothing, or its best face is small and that re-detection does not
 *    confirm it with a score ≥ REFINE_CONFIRM_SCORE, full-range BlazeFace (192x192) on the whole upright
 *    image — then, if still nothing, the other three orientations, then upright square tiles of side
 *    min(W,H), /2, /4 (≥ 192 px, half-tile overlap), stopping at the first scale that finds a face;
 *    full-range faces overlapping a short-range face are dropped (short-range keypoints are more
 *    precise), the others are re-detected as in 2.
 *    A confirmed short-range face makes the full-range run redundant for that face (its result would
 *    be dropped in favour of the re-detection); what is not searched for then is a second face smaller
 *    than the short-range model can see (it missed 5–14 of 16 faces spanning 4–11 % of the long side,
 *    none from 12 % up: bench/models-sweep.ts), as for any photo whose face is larger than SMALL_FACE_FRACTION.
 * Large images are downscaled by the warp's box prefilter, so coordinates stay in source px.
 * With `live` (video frames, see DetectOptions.live) only the upright short-range run is made, and the upright
 * full-range run when that finds nothing.
 *
 * @throws DOMException "AbortError" when `signal` aborts (checked between model runs).
 */
export async function detectFaces(sessions: SessionManager, image: RgbaImage, signal?: AbortSignal, live = false): Promise<FaceDetection[]> {
	const { short, full } = detectorSpecs();
	const side = Math.max(image.width, image.height);
	let shortFaces = await runOriented(sessions, short, image, [0], null, signal);
	if (live) {
		const found = shortFaces.length > 0 ? shortFaces : await runOriented(sessions, full, image, [0], null, signal);
		// The main face only is refined (one more short-range run), so its landmarks start from a tight box.
		const main = found[0] && found[0].width < SMALL_FACE_FRACTION * side ? await refineSmallFace(sessions, image, found[0], signal) : null;
		return (main ? [main, ...found.filter((f) => iou(f, main) <= NMS_IOU_THRESHOLD)] : found).map(toFaceDetection);
	}
	if (!isConfidentUpright(shortFaces[0])) {
		const turned = await runOriented(sessions, short, image, DETECTION_ROTATIONS.slice(1), null, signal);
		if (turned.length > 0 && (shortFaces.length === 0 || turned[0].score > shortFaces[0].score)) shortFaces = turned;
	}
	const best = shortFaces[0];
	if (best && best.width >= SMALL_FACE_FRACTION * side) return shortFaces.map(toFaceDetection);

	const refinedFaces: OrientedDetection[] = [];
	const refineAll = async (faces: OrientedDetection[]) => {
		for (const f of faces) {
			if (f.width >= SMALL_FACE_FRACTION * side) continue;
			const refined = await refineSmallFace(sessions, image, f, signal);
			if (refined) refinedFaces.push(refined);
		}
	};
	await refineAll(shortFaces);
	// A small best face re-detected at a larger scale is a face: the full-range model would only find it again.
	const confirmed = best !== undefined && refinedFaces.some((r) => r.score >= REFINE_CONFIRM_SCORE && iou(r, best) > NMS_IOU_THRESHOLD);
	const fullFaces = confirmed ? [] : await searchFullRange(sessions, image, shortFaces.length === 0, signal);
	// Short-range keypoints are the more precise: a full-range face only counts where no short-range one is.
	const extra = fullFaces.filter((f) => !shortFaces.some((d) => iou(d, f) > NMS_IOU_THRESHOLD));
	await refineAll(extra);
	const coarse = [...shortFaces, ...extra];
	const candidates = [...refinedFaces, ...coarse.filter((f) => !refinedFaces.some((r) => iou(r, f) > NMS_IOU_THRESHOLD))];
	return keepBest(candidates, NMS_IOU_THRESHOLD).map(toFaceDetection);
}

/**
 * Full-range BlazeFace on the whole upright image; with `deep` (nothing found so far) and no result, also the other
 * three orientations, then upright square tiles of side min(W,H), /2, /4 (≥ MIN_TILE_SIDE, half-tile overlap),
 * stopping at the first scale that finds a face. Detections in source px.
 */
async function searchFullRange(sessions: SessionManager, image: RgbaImage, deep: boolean, signal?: AbortSignal): Promise<OrientedDetection[]> {
	const { full } = detectorSpecs();
	let fullFaces = await runOriented(sessions, full, image, [0], null, signal);
	if (!deep) return fullFaces;
	if (fullFaces.length === 0) {
		fullFaces = await runOriented(sessions, full, image, DETECTION_ROTATIONS.slice(1), null, signal);
	}
	for (let level = 0; level < TILE_LEVELS && fullFaces.length === 0; level++) {
		const tileSide = Math.min(image.width, image.height) / 2 ** level;
		if (tileSide < MIN_TILE_SIDE) break;
		if (level === 0 && Math.max(image.width, image.height) <= tileSide * 1.25) continue; // ≈ the whole image again
		const tiled: OrientedDetection[] = [];
		for (const tile of squareTiles(image.width, image.height, tileSide)) {
			tiled.push(...(await runOriented(sessions, full, image, [0], tile, signal)));
		}
		fullFaces = keepBest(tiled, NMS_IOU_THRESHOLD);
	}
	return fullFaces;
}

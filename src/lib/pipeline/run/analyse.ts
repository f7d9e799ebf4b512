/**
 * Analysis stage: detect → landmarks → segment, on the bounded-resolution working copy.
 * Results are kept in working-copy px together with the working scale, and converted to
 * original px by `toOriginal`.
 */
import type { Box, FaceDetection, FaceLandmarks, InferenceApi, PersonMask, RgbaImage } from '../../types';
import { PipelineError, throwIfAborted } from './errors';
import { applyAffine, computeLayout, measureHead, type Affine, type LayoutTarget } from '../geometry';

/** Longest side of the working copy, px: enough for 478 landmarks at 192x192 per face while bounding memory. */
export const WORK_LIMIT_PX = 2048;

/** Face-presence flag of the landmark model above which a detection counts as a real face (MediaPipe face_landmark_front graph uses 0.5). */
export const MIN_FACE_FLAG = 0.5;

/**
 * Longer side of the head-region person mask, px: twice the selfie model's 256 px output, so the bilinear mask keeps
 * all the model's detail without resizing it to the working copy's full size (project choice).
 */
export const ROI_MASK_MAX_SIDE = 512;

export interface Analysis {
	/** Working copy (upright, possibly downscaled) the models saw. */
	work: RgbaImage;
	/** work px / original px (≤ 1). */
	scale: number;
	/** Faces confirmed by the landmark model, largest first (work px). */
	faces: FaceDetection[];
	/** The face used (largest box), work px. */
	face: FaceDetection;
	landmarks: FaceLandmarks;
	/** Person mask over a region around the head and shoulders, work px. */
	mask: PersonMask;
	/**
	 * Crown (top of the hair) measured on a portrait crop, in the levelled frame of measureHead, work px;
	 * null when it could not be measured there (the mask search is used instead).
	 */
	crown: { y: number; touchesEdge: boolean } | null;
	/**
	 * Person mask of the portrait crop (see crownOnPortraitCrop): Float32Array [height*width] in [0,1], and the
	 * transform from crop px to work px. Render reuses it as the coarse mask of the finished photo, so adjusting the
	 * framing needs no model run.
	 */
	portrait: { data: Float32Array; width: number; height: number; toWork: Affine } | null;
	warnings: string[];
	timings: Record<string, number>;
}

const now = () => performance.now();

/**
 * Region around the head and shoulders that a passport crop can use, work px, clamped to the image:
 * from 2.5 eye-to-chin distances above the eye line to 3.5 below, ±3 to each side.
 * (A crop with the head at 50 % of its height spans about 2 × crown–chin ≈ 4.5 eye–chin distances.)
 */
export function headRegion(landmarks: FaceLandmarks, width: number, height: number): Box {
	const p = landmarks.points;
	const eye = { x: (landmarks.irisCenters.left.x + landmarks.irisCenters.right.x) / 2, y: (landmarks.irisCenters.left.y + landmarks.irisCenters.right.y) / 2 };
	const chin = { x: p[152 * 3], y: p[152 * 3 + 1] };
	const d = Math.max(8, Math.hypot(chin.x - eye.x, chin.y - eye.y));
	const x0 = Math.max(0, Math.floor(eye.x - 3 * d));
	const x1 = Math.min(width, Math.ceil(eye.x + 3 * d));
	const y0 = Math.max(0, Math.floor(eye.y - 2.5 * d));
	const y1 = Math.min(height, Math.ceil(eye.y + 3.5 * d));
	return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

/**
 * Runs the models on the working copy.
 * @param work upright RGBA working copy (longest side ≤ WORK_LIMIT_PX recommended).
 * @param scale work px / original px.
 * @throws PipelineError 'no-face' when no face is found; AbortError when aborted.
 */
export async function analysePhoto(work: RgbaImage, scale: number, inference: InferenceApi, signal?: AbortSignal): Promise<Analysis> {
	const timings: Record<string, number> = {};
	const warnings: string[] = [];
	let t = now();
	const detections = await inference.detectFaces(work, { signal });
	timings.detect = now() - t;
	throwIfAborted(signal);
	if (detections.length === 0)
		throw new PipelineError('no-face', 'No face was found in this photo. Use a photo that shows your whole face, looking at the camera, in good light.');
	// Every detection is confirmed by the landmark model's face flag (≥ MIN_FACE_FLAG), which removes detector false
	// positives; the largest confirmed face is used. If none is confirmed, the largest detection is used.
	const bySize = [...detections].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
	t = now();
	const confirmed: { face: FaceDetection; landmarks: FaceLandmarks }[] = [];
	let fallback: { face: FaceDetection; landmarks: FaceLandmarks } | null = null;
	for (const candidate of bySize) {
		const lm = await inference.faceLandmarks(work, candidate, { signal });
		throwIfAborted(signal);
		if (lm.faceFlag >= MIN_FACE_FLAG) confirmed.push({ face: candidate, landmarks: lm });
		fallback ??= { face: candidate, landmarks: lm };
	}
	timings.landmarks = now() - t;
	const chosen = confirmed[0] ?? fallback!;
	const face = chosen.face;
	const landmarks = chosen.landmarks;
	const faces = confirmed.length > 0 ? confirmed.map((c) => c.face) : [face];
	if (faces.length > 1) warnings.push(`${faces.length} faces found: using the largest. An ID photo must show only you.`);
	t = now();
	const mask = await inference.segmentPerson(work, { signal, roi: headRegion(landmarks, work.width, work.height), maxSide: ROI_MASK_MAX_SIDE });
	timings.segment = now() - t;
	t = now();
	const { crown, portrait } = await crownOnPortraitCrop(work, landmarks, mask, inference, signal);
	timings.crown = now() - t;
	return { work, scale, faces, face, landmarks, mask, crown, portrait, warnings, timings };
}

/**
 * A neutral portrait framing (35x45 at 10 px/mm, head 70 % of the height) used to measure the crown: the person
 * model then sees the head and shoulders as in a finished ID photo, so the crown found here is the one a finished
 * photo will show (the model's output depends on the framing it is given).
 */
const PORTRAIT_FRAME: LayoutTarget = {
	outWidthPx: 350,
	outHeightPx: 450,
	headDefinition: 'crown-to-chin',
	headHeightRatio: { min: 0.6, max: 0.8, target: 0.7 }
};

/**
 * `mask` (Float32Array [h*w], px of a crop frame `toWork` maps to work px) where the px centre lies inside the
 * `width` x `height` working copy, 0 elsewhere (outside the photo the mask says nothing). Its own function because a
 * long loop inside an async function stays in V8's unoptimised tiers (no on-stack replacement).
 */
function maskInsidePhoto(mask: Float32Array, w: number, h: number, toWork: Affine, width: number, height: number): Float32Array {
	const data = new Float32Array(mask.length);
	const { a, b, c, d, e, f } = toWork;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const u = x + 0.5;
			const v = y + 0.5;
			const sx = a * u + c * v + e;
			const sy = b * u + d * v + f;
			data[y * w + x] = sx >= 0 && sy >= 0 && sx <= width && sy <= height ? mask[y * w + x] : 0;
		}
	return data;
}

/**
 * Crown on a portrait crop of the working copy: frame the head with PORTRAIT_FRAME, segment the crop, search the crown
 * there and map it back to the levelled work frame. Returns null when the hair reaches the crop's top edge inside the
 * photo (the framing was too tight) or no crown is found.
 */
async function crownOnPortraitCrop(
	work: RgbaImage,
	landmarks: FaceLandmarks,
	mask: PersonMask,
	inference: InferenceApi,
	signal?: AbortSignal
): Promise<{ crown: Analysis['crown']; portrait: Analysis['portrait'] }> {
	const head = measureHead(landmarks, mask, { imageSize: work });
	const layout = computeLayout(head, PORTRAIT_FRAME, work);
	const { outWidthPx: W, outHeightPx: H } = PORTRAIT_FRAME;
	// The model input is sampled from the working copy through the crop's frame in one resampling (segmentPerson's
	// crop: box prefilter, then bilinear into its 256x256 input); white beyond the photo's edge, a plain wall.
	const t = layout.inverse;
	const cropMask = await inference.segmentPerson(work, { signal, crop: { width: W, height: H, toSource: [t.a, t.c, t.e, t.b, t.d, t.f], outside: 'white' } });
	throwIfAborted(signal);
	const points = new Float32Array(landmarks.points.length);
	for (let i = 0; i < points.length; i += 3) {
		const p = applyAffine(layout.transform, { x: landmarks.points[i], y: landmarks.points[i + 1] });
		points[i] = p.x;
		points[i + 1] = p.y;
		points[i + 2] = landmarks.points[i + 2] * layout.scale;
	}
	const map = (p: { x: number; y: number }) => applyAffine(layout.transform, p);
	const lmCrop: FaceLandmarks = { points, faceFlag: landmarks.faceFlag, irisCenters: { right: map(landmarks.irisCenters.right), left: map(landmarks.irisCenters.left) } };
	const data = maskInsidePhoto(cropMask.data, cropMask.width, cropMask.height, layout.inverse, work.width, work.height);
	const portrait = { data, width: W, height: H, toWork: layout.inverse };
	const h = measureHead(lmCrop, cropMask, { imageSize: { width: W, height: H } });
	if (h.crownY === null) return { crown: null, portrait };
	// Hair at the crop's top edge: cut off in the photo itself when that edge lies outside the photo, else unknown.
	const top = applyAffine(layout.inverse, { x: Math.round(h.eyeCentre.x) + 0.5, y: 0.5 });
	const topOutside = top.x < 0 || top.y < 0 || top.x > work.width || top.y > work.height;
	if (h.crownTouchesEdge && !topOutside) return { crown: null, portrait };
	// The crop is levelled, so its y maps to the levelled work frame through the scale about the eye centre.
	return { crown: { y: (h.crownY - h.eyeCentre.y) / layout.scale + head.eyeY, touchesEdge: h.crownTouchesEdge }, portrait };
}

/** Landmarks and mask of an analysis in ORIGINAL px (divides by the working scale). */
export function toOriginal(a: Analysis): { landmarks: FaceLandmarks; mask: PersonMask; crown: Analysis['crown'] } {
	const k = 1 / a.scale;
	if (k === 1) return { landmarks: a.landmarks, mask: a.mask, crown: a.crown };
	const points = a.landmarks.points.map((v) => v * k);
	const s = (p: { x: number; y: number }) => ({ x: p.x * k, y: p.y * k });
	const b = a.mask.box;
	return {
		landmarks: { points, faceFlag: a.landmarks.faceFlag, irisCenters: { right: s(a.landmarks.irisCenters.right), left: s(a.landmarks.irisCenters.left) } },
		mask: { ...a.mask, box: { x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k } },
		crown: a.crown ? { y: a.crown.y * k, touchesEdge: a.crown.touchesEdge } : null
	};
}

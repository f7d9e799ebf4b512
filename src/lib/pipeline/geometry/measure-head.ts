/**
 * Head measurements from MediaPipe face-mesh landmarks and, optionally, the person mask.
 *
 * Frames:
 * - "source": source image px (continuous coordinates, y down).
 * - "levelled": the source rotated about the eye centre by -rollDeg, so the eye line is horizontal.
 *   Because the rotation pivot is the eye centre, the eye centre has the same coordinates in both frames;
 *   vertical distances in the levelled frame are in source px.
 */
import type { FaceLandmarks, PersonMask, Point } from '../../types';
import { rotateAbout } from './affine';
import {
	LM_CHIN,
	LM_LEFT_CHEEK_CONTOUR,
	LM_RIGHT_CHEEK_CONTOUR,
	MESH_POINT_COUNT,
	landmark
} from './landmarks';

/**
 * Ratio k in skullTopY = eyeY - k * (chinY - eyeY) (levelled frame): the top of the skull (vertex, hair
 * excluded) lies k eye-to-chin distances above the eye line.
 *
 * k = 1.0 is the classical proportional canon of the adult head: the eye line lies halfway between the
 * vertex and the menton (e.g. A. Loomis, "Drawing the Head and Hands", 1956, the "ideal head" divided at the
 * eye line). Anthropometric survey data put the pupils at or slightly below mid-head for adults, so k = 1.0 is,
 * if anything, a small under-estimate of the skull height (a few % of the head height). APPROXIMATE:
 * individual variation is of the order of +-10 % of the head height; children have relatively larger crania
 * (k > 1). Override with MeasureHeadOptions.skullTopEyeChinRatio.
 */
export const SKULL_TOP_EYE_CHIN_RATIO = 1.0;

/** Mask threshold for "person" when searching the crown. */
export const CROWN_MASK_THRESHOLD = 0.5;

/** Half-width of the crown search band, as a fraction of the inter-eye distance, centred on the eye centre. */
export const CROWN_BAND_HALF_WIDTH_IED = 0.75;

/** Consecutive below-threshold samples (1 px apart) that end a column's upward run (tolerates 1-2 px mask noise). */
const CROWN_GAP_TOLERANCE = 3;

export interface HeadMeasurement {
	/** Chin (landmark 152), source px. */
	chin: Point;
	/** Midpoint of the iris centres (landmarks 468, 473), source px; also the levelling pivot. */
	eyeCentre: Point;
	/** Iris centres, source px (subject's right = image left). */
	rightIris: Point;
	leftIris: Point;
	/** Distance between the iris centres, source px. */
	interEyeDistancePx: number;
	/**
	 * Roll of the eye line in degrees: atan2(left.y - right.y, left.x - right.x) with y down.
	 * Positive = the subject's left eye (image right) is lower in the image, i.e. the head is tilted
	 * clockwise as seen on screen. Levelling rotates the image by -rollDeg about eyeCentre.
	 */
	rollDeg: number;
	/** Chin y in the levelled frame, px. */
	chinY: number;
	/** Eye line y in the levelled frame (= eyeCentre.y), px. */
	eyeY: number;
	/** Top of the face mesh (min y over the 468 mesh points, normally landmark 10) in the levelled frame, px. */
	meshTopY: number;
	/**
	 * Top of the hair (crown) from the person mask in the levelled frame, px: the highest point where
	 * mask >= 0.5, searched upward from meshTopY in a column band eyeCentre.x +- 0.75 * interEyeDistancePx.
	 * null when no mask was given or the mask does not cover the forehead.
	 */
	crownY: number | null;
	/** True when the person mask still reads >= 0.5 at the image (or mask-box) edge: the crown is cut off. */
	crownTouchesEdge: boolean;
	/**
	 * Top of the skull (hair excluded), levelled frame, px: eyeY - k * (chinY - eyeY), k = SKULL_TOP_EYE_CHIN_RATIO,
	 * never below meshTopY and never above crownY (the skull cannot stick out of the person silhouette).
	 */
	skullTopY: number;
	/** Face width at the cheek contour (landmarks 234-454) in the levelled frame, px. */
	faceWidthPx: number;
}

export interface MeasureHeadOptions {
	/** k in skullTopY = eyeY - k (chinY - eyeY). Default SKULL_TOP_EYE_CHIN_RATIO. */
	skullTopEyeChinRatio?: number;
	/** Source image size; when given, the crown search also stops at the image edge. */
	imageSize?: { width: number; height: number };
	/**
	 * Crown measured elsewhere (levelled frame, px), e.g. on a portrait crop segmented at higher effective resolution;
	 * when given it replaces the search on `mask`.
	 */
	crown?: { y: number; touchesEdge: boolean } | null;
}

/** Bilinear sample of the person mask at source point (x, y); returns NaN outside the mask box. */
export function sampleMask(mask: PersonMask, x: number, y: number): number {
	const u = ((x - mask.box.x) * mask.width) / mask.box.width - 0.5;
	const v = ((y - mask.box.y) * mask.height) / mask.box.height - 0.5;
	if (u < -0.5 || v < -0.5 || u > mask.width - 0.5 || v > mask.height - 0.5) return NaN;
	const x0 = Math.max(0, Math.min(mask.width - 1, Math.floor(u)));
	const y0 = Math.max(0, Math.min(mask.height - 1, Math.floor(v)));
	const x1 = Math.min(mask.width - 1, x0 + 1);
	const y1 = Math.min(mask.height - 1, y0 + 1);
	const fx = Math.max(0, Math.min(1, u - x0));
	const fy = Math.max(0, Math.min(1, v - y0));
	const d = mask.data;
	const w = mask.width;
	const top = d[y0 * w + x0] * (1 - fx) + d[y0 * w + x1] * fx;
	const bot = d[y1 * w + x0] * (1 - fx) + d[y1 * w + x1] * fx;
	return top * (1 - fy) + bot * fy;
}

/**
 * Measures the head: eye centre, inter-eye distance, roll, chin, crown (from `mask`) and skull top (estimated).
 * @param landmarks 478 MediaPipe landmarks in source px (iris centres required).
 * @param mask optional person mask (PersonMask, values in [0,1]) over the source image.
 * @throws RangeError when fewer than 478 landmarks are given or the iris centres coincide.
 */
export function measureHead(landmarks: FaceLandmarks, mask?: PersonMask, options: MeasureHeadOptions = {}): HeadMeasurement {
	if (landmarks.points.length < 478 * 3) throw new RangeError(`measureHead: need 478 landmarks, got ${landmarks.points.length / 3}`);
	const right = landmarks.irisCenters.right;
	const left = landmarks.irisCenters.left;
	const dx = left.x - right.x;
	const dy = left.y - right.y;
	const ied = Math.hypot(dx, dy);
	if (!(ied > 1e-6)) throw new RangeError('measureHead: iris centres coincide');
	const rollDeg = (Math.atan2(dy, dx) * 180) / Math.PI;
	const eyeCentre = { x: (left.x + right.x) / 2, y: (left.y + right.y) / 2 };
	const level = (p: Point) => rotateAbout(p, eyeCentre, -rollDeg);

	const chin = landmark(landmarks, LM_CHIN);
	const chinY = level(chin).y;
	let meshTopY = Infinity;
	for (let i = 0; i < MESH_POINT_COUNT; i++) {
		const y = level(landmark(landmarks, i)).y;
		if (y < meshTopY) meshTopY = y;
	}
	const faceWidthPx = Math.abs(level(landmark(landmarks, LM_LEFT_CHEEK_CONTOUR)).x - level(landmark(landmarks, LM_RIGHT_CHEEK_CONTOUR)).x);

	let crownY: number | null = null;
	let crownTouchesEdge = false;
	if (options.crown) {
		crownY = options.crown.y;
		crownTouchesEdge = options.crown.touchesEdge;
	} else if (mask) {
		const r = crownSearch(mask, eyeCentre, rollDeg, meshTopY, ied, options.imageSize);
		crownY = r.crownY;
		crownTouchesEdge = r.touchesEdge;
	}

	const k = options.skullTopEyeChinRatio ?? SKULL_TOP_EYE_CHIN_RATIO;
	let skullTopY = eyeCentre.y - k * (chinY - eyeCentre.y);
	skullTopY = Math.min(skullTopY, meshTopY);
	if (crownY !== null && !crownTouchesEdge) skullTopY = Math.max(skullTopY, crownY);

	return {
		chin,
		eyeCentre,
		rightIris: { ...right },
		leftIris: { ...left },
		interEyeDistancePx: ied,
		rollDeg,
		chinY,
		eyeY: eyeCentre.y,
		meshTopY,
		crownY,
		crownTouchesEdge,
		skullTopY,
		faceWidthPx
	};
}

function crownSearch(
	mask: PersonMask,
	eyeCentre: Point,
	rollDeg: number,
	meshTopY: number,
	ied: number,
	imageSize?: { width: number; height: number }
): { crownY: number | null; touchesEdge: boolean } {
	const half = Math.max(2, Math.round(CROWN_BAND_HALF_WIDTH_IED * ied));
	let best = Infinity;
	let touchesEdge = false;
	let anyColumn = false;
	const inImage = (p: Point) =>
		!imageSize || (p.x >= 0 && p.y >= 0 && p.x <= imageSize.width && p.y <= imageSize.height);
	for (let du = -half; du <= half; du++) {
		const u = eyeCentre.x + du;
		const toSource = (v: number) => rotateAbout({ x: u, y: v }, eyeCentre, rollDeg);
		const start = toSource(meshTopY);
		const m0 = sampleMask(mask, start.x, start.y);
		if (!(m0 >= CROWN_MASK_THRESHOLD)) continue;
		anyColumn = true;
		let lastInside = meshTopY;
		let lastValue = m0;
		let gap = 0;
		let edge = false;
		let boundary = meshTopY;
		for (let v = meshTopY - 1; ; v -= 1) {
			const p = toSource(v);
			const m = inImage(p) ? sampleMask(mask, p.x, p.y) : NaN;
			if (Number.isNaN(m)) {
				edge = true;
				boundary = lastInside;
				break;
			}
			if (m >= CROWN_MASK_THRESHOLD) {
				lastInside = v;
				lastValue = m;
				gap = 0;
			} else {
				if (gap === 0) {
					// sub-pixel: where the linear interpolation between the last inside sample and this one crosses 0.5
					const t = (lastValue - CROWN_MASK_THRESHOLD) / Math.max(1e-6, lastValue - m);
					boundary = lastInside - Math.max(0, Math.min(1, t));
				}
				gap++;
				if (gap >= CROWN_GAP_TOLERANCE) break;
			}
		}
		// The crown is cut off only when the highest point of the hair is at the edge; a strand elsewhere in the band
		// reaching the edge below the crown does not count.
		if (boundary < best || (edge && boundary <= best)) {
			best = boundary;
			touchesEdge = edge;
		}
	}
	return { crownY: anyColumn ? best : null, touchesEdge };
}

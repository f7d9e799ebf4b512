/**
 * Landmark measures of the eyes and mouth, taken in the canonical face frame (pose.ts `toFaceFrame`: the face
 * frontalised and upright, cm, x to the subject's left, y up), so they do not depend on head pose, roll or image
 * scale. Distances are 2-D (x, y) in that frame, as OFIQ measures them in its aligned image.
 *
 * T, the face-size unit, is OFIQ's: the distance from the midpoint of the two eye centres to the chin
 * (ISO/IEC 29794-5 / OFIQ EyesOpen and MouthClosed, quality-measures.md 1.3: 0x4D, 0x4E). Eye centre here = midpoint
 * of the two eye corners.
 */
import { CHIN, INNER_LIP_PAIRS, LEFT_EYE, MOUTH_LEFT, MOUTH_RIGHT, RIGHT_EYE, type EyeIds } from './landmark-ids';

/** Float64Array [n*3] of face-frame points (see toFaceFrame). */
export type FacePoints = Float64Array;

const px = (f: FacePoints, i: number) => f[i * 3];
const py = (f: FacePoints, i: number) => f[i * 3 + 1];
const dist2d = (f: FacePoints, a: number, b: number) => Math.hypot(px(f, a) - px(f, b), py(f, a) - py(f, b));

function eyeCentre(f: FacePoints, e: EyeIds): [number, number] {
	return [(px(f, e.outer) + px(f, e.inner)) / 2, (py(f, e.outer) + py(f, e.inner)) / 2];
}

/** T: eye-centres midpoint to chin distance, face-frame cm. */
export function eyeToChin(f: FacePoints): number {
	const [rx, ry] = eyeCentre(f, RIGHT_EYE);
	const [lx, ly] = eyeCentre(f, LEFT_EYE);
	return Math.hypot((rx + lx) / 2 - px(f, CHIN), (ry + ly) / 2 - py(f, CHIN));
}

/**
 * Eyelid opening of each eye as OFIQ EyesOpen defines it: the largest of three upper/lower lid point distances,
 * divided by T. Ratio; OFIQ maps it with 100·σ(x; 0.02, 0.01).
 */
export function eyelidOpening(f: FacePoints): { right: number; left: number } {
	const t = eyeToChin(f);
	const open = (e: EyeIds) => Math.max(...e.lidPairs.map(([u, l]) => dist2d(f, u, l))) / t;
	return { right: open(RIGHT_EYE), left: open(LEFT_EYE) };
}

/** Lip separation as OFIQ MouthClosed defines it: the largest inner-lip pair distance divided by T. Ratio. */
export function lipSeparation(f: FacePoints): number {
	return Math.max(...INNER_LIP_PAIRS.map(([u, l]) => dist2d(f, u, l))) / eyeToChin(f);
}

/**
 * Mouth-corner lift: how far the mouth corners sit ABOVE the lip centre (the midpoint of the inner-lip midline pair
 * 13/14, the stomion), divided by T; positive when the corners are raised (a smile), negative when they droop.
 * Mouth width: corner-to-corner distance divided by the distance between the eye centres (a smile widens the mouth).
 */
export function mouthShape(f: FacePoints): { cornerLift: number; widthToEyes: number } {
	const t = eyeToChin(f);
	const stomionY = (py(f, 13) + py(f, 14)) / 2;
	const cornersY = (py(f, MOUTH_RIGHT) + py(f, MOUTH_LEFT)) / 2;
	const [rx, ry] = eyeCentre(f, RIGHT_EYE);
	const [lx, ly] = eyeCentre(f, LEFT_EYE);
	return { cornerLift: (cornersY - stomionY) / t, widthToEyes: dist2d(f, MOUTH_RIGHT, MOUTH_LEFT) / Math.hypot(lx - rx, ly - ry) };
}

/**
 * Iris position in each eye opening: horizontal offset of the iris centre from the midpoint of the eye corners along
 * the corner line (positive towards the subject's LEFT, i.e. looking to the image's right), and vertical offset
 * (positive up), both divided by that eye's corner-to-corner width. Returns the two eyes' mean.
 */
export function irisOffset(f: FacePoints): { horizontal: number; vertical: number } {
	let h = 0;
	let v = 0;
	for (const e of [RIGHT_EYE, LEFT_EYE]) {
		const [cx, cy] = eyeCentre(f, e);
		const w = dist2d(f, e.outer, e.inner);
		h += (px(f, e.iris) - cx) / w;
		v += (py(f, e.iris) - cy) / w;
	}
	return { horizontal: h / 2, vertical: v / 2 };
}

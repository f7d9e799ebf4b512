/**
 * Trimap band around the edge of a binary mask.
 */
import { BoxFilter } from './box';

/** Trimap codes. */
export const TRIMAP_BACKGROUND = 0;
export const TRIMAP_UNKNOWN = 128;
export const TRIMAP_FOREGROUND = 255;
/** Outside the source photo (no data): neither foreground nor background samples. */
export const TRIMAP_OUTSIDE = 1;

/**
 * Unknown band = pixels whose (2r+1)^2 window (clipped at the border) contains both mask and non-mask pixels, i.e.
 * the difference between the square dilation and the square erosion of `mask` with half-size r (Chebyshev distance
 * <= r from the edge on either side).
 * With `valid` (Uint8Array [h*w], 1 = pixel inside the source photo), only valid pixels count: the border of the
 * valid area is not an edge, and invalid pixels get TRIMAP_OUTSIDE.
 * @param mask Uint8Array [h*w], 0/1.
 * @returns Uint8Array [h*w] with TRIMAP_BACKGROUND / TRIMAP_UNKNOWN / TRIMAP_FOREGROUND (/ TRIMAP_OUTSIDE).
 */
export function trimapFromMask(mask: Uint8Array, w: number, h: number, r: number, valid?: Uint8Array): Uint8Array {
	const box = new BoxFilter(w, h, Math.max(0, Math.round(r)));
	const n = w * h;
	let src: Uint8Array = mask;
	if (valid) {
		src = new Uint8Array(n);
		for (let i = 0; i < n; i++) src[i] = mask[i] & valid[i];
	}
	const counts = box.sum(src);
	const totals = valid ? box.sum(valid) : null;
	const out = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		if (valid && !valid[i]) {
			out[i] = TRIMAP_OUTSIDE;
			continue;
		}
		const total = totals ? totals[i] : 1 / box.invCount[i];
		const c = counts[i];
		out[i] = c > 0.5 && c < total - 0.5 ? TRIMAP_UNKNOWN : src[i] ? TRIMAP_FOREGROUND : TRIMAP_BACKGROUND;
	}
	return out;
}

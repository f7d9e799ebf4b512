/**
 * Trimap band around the edge of a binary mask.
 */
import { BoxFilter } from './box';

/** Trimap codes. */
export const TRIMAP_BACKGROUND = 0;
export const TRIMAP_UNKNOWN = 128;
export const TRIMAP_FOREGROUND = 255;

/**
 * Unknown band = pixels whose (2r+1)^2 window (clipped at the border) contains both mask and non-mask pixels, i.e.
 * the difference between the square dilation and the square erosion of `mask` with half-size r (Chebyshev distance
 * <= r from the edge on either side).
 * @param mask Uint8Array [h*w], 0/1.
 * @returns Uint8Array [h*w] with TRIMAP_BACKGROUND / TRIMAP_UNKNOWN / TRIMAP_FOREGROUND.
 */
export function trimapFromMask(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
	const box = new BoxFilter(w, h, Math.max(0, Math.round(r)));
	const counts = box.sum(mask);
	const out = new Uint8Array(w * h);
	for (let i = 0; i < w * h; i++) {
		const total = 1 / box.invCount[i];
		const c = counts[i];
		out[i] = c > 0.5 && c < total - 0.5 ? TRIMAP_UNKNOWN : mask[i] ? TRIMAP_FOREGROUND : TRIMAP_BACKGROUND;
	}
	return out;
}

/**
 * Trimap band around the edge of a binary mask.
 */
import { boxFilter } from './box';
import { scratch } from '../../memory/scratch';

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
	const box = boxFilter(w, h, Math.max(0, Math.round(r)));
	const n = w * h;
	// the float planes are scratch memory (memory/scratch.ts), given back before returning
	const src = valid ? maskedToFloat(mask, valid, scratch.f32(n)) : toFloat(mask, scratch.f32(n));
	const counts = box.sum(src, scratch.f32(n));
	const validF = valid ? toFloat(valid, scratch.f32(n)) : null;
	const totals = validF ? box.sum(validF, scratch.f32(n)) : totalsOf(box.invCount, scratch.f32(n));
	const out = new Uint8Array(n);
	classify(src, counts, totals, out);
	if (valid) markOutside(valid, out);
	scratch.give(src, counts, validF, totals);
	return out;
}

// The loops are small functions of their own, so that V8 compiles each once (see refine.ts).

function toFloat(m: Uint8Array, out: Float32Array): Float32Array {
	for (let i = 0; i < m.length; i++) out[i] = m[i];
	return out;
}

function maskedToFloat(m: Uint8Array, valid: Uint8Array, out: Float32Array): Float32Array {
	for (let i = 0; i < m.length; i++) out[i] = m[i] & valid[i];
	return out;
}

/** Pixel count of each clipped window (the reciprocal of BoxFilter.invCount). */
function totalsOf(invCount: Float32Array, out: Float32Array): Float32Array {
	for (let i = 0; i < out.length; i++) out[i] = 1 / invCount[i];
	return out;
}

function classify(src: Float32Array, counts: Float32Array, totals: Float32Array, out: Uint8Array): void {
	for (let i = 0; i < out.length; i++) {
		const c = counts[i];
		out[i] = c > 0.5 && c < totals[i] - 0.5 ? TRIMAP_UNKNOWN : src[i] ? TRIMAP_FOREGROUND : TRIMAP_BACKGROUND;
	}
}

function markOutside(valid: Uint8Array, out: Uint8Array): void {
	for (let i = 0; i < out.length; i++) if (!valid[i]) out[i] = TRIMAP_OUTSIDE;
}

/**
 * Grey-scale morphology on Float32 planes (Float32Array [h*w], row-major): max / min over a (2r+1)^2 square window,
 * clipped at the border, computed separably (rows then columns), O(N r).
 */
import { scratch } from '../../memory/scratch';

/**
 * Square max filter (grey-scale dilation) of half-size r px, into `out` (Float32Array [h*w], default a new one; every
 * element is written). @throws RangeError when src or out is not w*h long.
 */
export function maxFilter(src: Float32Array, w: number, h: number, r: number, out?: Float32Array): Float32Array {
	return separable(src, w, h, r, 1, out ?? new Float32Array(w * h));
}

/** Square min filter (grey-scale erosion) of half-size r px, into `out` as maxFilter. @throws RangeError as maxFilter. */
export function minFilter(src: Float32Array, w: number, h: number, r: number, out?: Float32Array): Float32Array {
	return separable(src, w, h, r, -1, out ?? new Float32Array(w * h));
}

/** sign = 1: max; sign = -1: min (computed as -max(-x)). */
function separable(src: Float32Array, w: number, h: number, r: number, sign: 1 | -1, out: Float32Array): Float32Array {
	if (src.length !== w * h || out.length !== w * h) throw new RangeError('morphology: size differs');
	// the row pass's result is scratch memory (memory/scratch.ts), given back below
	const tmp = scratch.f32(w * h);
	for (let y = 0; y < h; y++) {
		const o = y * w;
		for (let x = 0; x < w; x++) {
			const k1 = Math.min(w - 1, x + r);
			let v = -Infinity;
			for (let k = Math.max(0, x - r); k <= k1; k++) {
				const s = sign * src[o + k];
				if (s > v) v = s;
			}
			tmp[o + x] = v;
		}
	}
	for (let y = 0; y < h; y++) {
		const k0 = Math.max(0, y - r);
		const k1 = Math.min(h - 1, y + r);
		for (let x = 0; x < w; x++) {
			let v = -Infinity;
			for (let k = k0; k <= k1; k++) {
				const s = tmp[k * w + x];
				if (s > v) v = s;
			}
			out[y * w + x] = sign * v;
		}
	}
	scratch.give(tmp);
	return out;
}

/**
 * Grey-scale morphology on Float32 planes (Float32Array [h*w], row-major): max / min over a (2r+1)^2 square window,
 * clipped at the border, computed separably (rows then columns), O(N r).
 */

/** Square max filter (grey-scale dilation) of half-size r px. @throws RangeError when src is not w*h long. */
export function maxFilter(src: Float32Array, w: number, h: number, r: number): Float32Array {
	return separable(src, w, h, r, 1);
}

/** Square min filter (grey-scale erosion) of half-size r px. @throws RangeError when src is not w*h long. */
export function minFilter(src: Float32Array, w: number, h: number, r: number): Float32Array {
	return separable(src, w, h, r, -1);
}

/** sign = 1: max; sign = -1: min (computed as -max(-x)). */
function separable(src: Float32Array, w: number, h: number, r: number, sign: 1 | -1): Float32Array {
	if (src.length !== w * h) throw new RangeError('morphology: size differs');
	const tmp = new Float32Array(w * h);
	const out = new Float32Array(w * h);
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
	return out;
}

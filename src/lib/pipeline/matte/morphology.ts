/**
 * Grey-scale morphology on Float32 planes (Float32Array [h*w], row-major): max / min over a (2r+1)^2 square window,
 * clipped at the border, computed separably (rows then columns), O(N r).
 */

/** Square max filter (grey-scale dilation) of half-size r px. */
export function maxFilter(src: Float32Array, w: number, h: number, r: number): Float32Array {
	return separable(src, w, h, r, Math.max);
}

/** Square min filter (grey-scale erosion) of half-size r px. */
export function minFilter(src: Float32Array, w: number, h: number, r: number): Float32Array {
	return separable(src, w, h, r, Math.min);
}

function separable(src: Float32Array, w: number, h: number, r: number, op: (a: number, b: number) => number): Float32Array {
	if (src.length !== w * h) throw new RangeError('morphology: size differs');
	const tmp = new Float32Array(w * h);
	const out = new Float32Array(w * h);
	for (let y = 0; y < h; y++) {
		const o = y * w;
		for (let x = 0; x < w; x++) {
			let v = src[o + x];
			for (let k = Math.max(0, x - r); k <= Math.min(w - 1, x + r); k++) v = op(v, src[o + k]);
			tmp[o + x] = v;
		}
	}
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			let v = tmp[y * w + x];
			for (let k = Math.max(0, y - r); k <= Math.min(h - 1, y + r); k++) v = op(v, tmp[k * w + x]);
			out[y * w + x] = v;
		}
	return out;
}

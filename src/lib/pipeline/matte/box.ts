/**
 * Box filters on Float32 planes via summed-area tables (integral images; Crow 1984, as used by He et al. 2013 for
 * the O(N) guided filter). Planes are Float32Array [h*w] row-major.
 */

/** Reusable summed-area table buffer (Float64 to keep sums of up to ~10^7 values exact enough). */
export class BoxFilter {
	readonly w: number;
	readonly h: number;
	readonly r: number;
	private readonly sat: Float64Array;
	/** 1 / (number of in-image pixels in each pixel's clipped window), Float32Array [h*w]. */
	readonly invCount: Float32Array;

	/** @param r window half-size: the window is (2r+1) x (2r+1), clipped at the image border. */
	constructor(w: number, h: number, r: number) {
		if (!(w > 0 && h > 0 && r >= 0)) throw new RangeError('BoxFilter: bad size or radius');
		this.w = w;
		this.h = h;
		this.r = r;
		this.sat = new Float64Array((w + 1) * (h + 1));
		this.invCount = new Float32Array(w * h);
		for (let y = 0; y < h; y++) {
			const ny = Math.min(h - 1, y + r) - Math.max(0, y - r) + 1;
			for (let x = 0; x < w; x++) {
				const nx = Math.min(w - 1, x + r) - Math.max(0, x - r) + 1;
				this.invCount[y * w + x] = 1 / (nx * ny);
			}
		}
	}

	/** Window sums of `src` into `out` (Float32Array [h*w]); returns `out`. */
	sum(src: ArrayLike<number>, out: Float32Array = new Float32Array(this.w * this.h)): Float32Array {
		const { w, h, r, sat } = this;
		const W1 = w + 1;
		for (let y = 0; y < h; y++) {
			let row = 0;
			const o = (y + 1) * W1;
			const p = y * W1;
			for (let x = 0; x < w; x++) {
				row += src[y * w + x];
				sat[o + x + 1] = sat[p + x + 1] + row;
			}
		}
		for (let y = 0; y < h; y++) {
			const y0 = Math.max(0, y - r);
			const y1 = Math.min(h - 1, y + r) + 1;
			for (let x = 0; x < w; x++) {
				const x0 = Math.max(0, x - r);
				const x1 = Math.min(w - 1, x + r) + 1;
				out[y * w + x] = sat[y1 * W1 + x1] - sat[y0 * W1 + x1] - sat[y1 * W1 + x0] + sat[y0 * W1 + x0];
			}
		}
		return out;
	}

	/** Window means of `src` (clipped windows divide by the in-image pixel count). */
	mean(src: ArrayLike<number>, out: Float32Array = new Float32Array(this.w * this.h)): Float32Array {
		this.sum(src, out);
		const ic = this.invCount;
		for (let i = 0; i < out.length; i++) out[i] *= ic[i];
		return out;
	}
}

/**
 * O(N) box filters on Float32 planes, independent of the radius (He et al. 2013 use integral images for the same
 * purpose). Implemented as separable running sums (a one-dimensional integral image per axis): a Float64 running
 * column sum per x, updated row by row, then a running sum along each row. Planes are Float32Array [h*w] row-major.
 */

/** Box filter of a fixed size and radius; reusable across planes (Float64 running sums). */
export class BoxFilter {
	readonly w: number;
	readonly h: number;
	readonly r: number;
	private readonly colSum: Float64Array;
	/** 1 / (number of in-image pixels in each pixel's clipped window), Float32Array [h*w]. */
	readonly invCount: Float32Array;

	/** @param r window half-size: the window is (2r+1) x (2r+1), clipped at the image border. */
	constructor(w: number, h: number, r: number) {
		if (!(w > 0 && h > 0 && r >= 0)) throw new RangeError('BoxFilter: bad size or radius');
		this.w = w;
		this.h = h;
		this.r = r;
		this.colSum = new Float64Array(w);
		this.invCount = new Float32Array(w * h);
		for (let y = 0; y < h; y++) {
			const ny = Math.min(h - 1, y + r) - Math.max(0, y - r) + 1;
			for (let x = 0; x < w; x++) {
				const nx = Math.min(w - 1, x + r) - Math.max(0, x - r) + 1;
				this.invCount[y * w + x] = 1 / (nx * ny);
			}
		}
	}

	/**
	 * Window sums of `src` into `out` (Float32Array [h*w]); returns `out`. Float32Array input only: one element type
	 * keeps V8's compiled code monomorphic (a Uint8Array caller made it deoptimise and recompile on every photo).
	 */
	sum(src: Float32Array, out: Float32Array = new Float32Array(this.w * this.h)): Float32Array {
		const { w, h, r, colSum } = this;
		// vertical running sums, row by row (cache friendly): colSum[x] = Σ src[y', x] for y' in the clipped window of y
		colSum.fill(0);
		for (let y = 0; y <= Math.min(h - 1, r); y++) for (let x = 0; x < w; x++) colSum[x] += src[y * w + x];
		// the running sum along a row in three spans (window growing at the left edge, sliding, shrinking at the right
		// edge) instead of two bounds checks per pixel; the same additions in the same order
		const grow = Math.min(w, r);
		const slideEnd = Math.max(grow, w - r - 1);
		for (let y = 0; y < h; y++) {
			// horizontal running sum of colSum
			const o = y * w;
			let acc = 0;
			for (let x = 0; x <= Math.min(w - 1, r); x++) acc += colSum[x];
			let x = 0;
			for (; x < grow; x++) {
				out[o + x] = acc;
				if (x + r + 1 < w) acc += colSum[x + r + 1];
			}
			for (; x < slideEnd; x++) {
				out[o + x] = acc;
				acc += colSum[x + r + 1];
				acc -= colSum[x - r];
			}
			for (; x < w; x++) {
				// x + r + 1 >= w here: nothing enters the window any more
				out[o + x] = acc;
				acc -= colSum[x - r];
			}
			const addRow = y + r + 1;
			const subRow = y - r;
			if (addRow < h) for (let x = 0, k = addRow * w; x < w; x++, k++) colSum[x] += src[k];
			if (subRow >= 0) for (let x = 0, k = subRow * w; x < w; x++, k++) colSum[x] -= src[k];
		}
		return out;
	}

	/** Window means of `src` (clipped windows divide by the in-image pixel count). */
	mean(src: Float32Array, out: Float32Array = new Float32Array(this.w * this.h)): Float32Array {
		this.sum(src, out);
		const ic = this.invCount;
		for (let i = 0; i < out.length; i++) out[i] *= ic[i];
		return out;
	}
}

/**
 * Box filters kept by boxFilter: 12. A photo's matting uses about six sizes (grid and band boxes, each with its own
 * radii); building one costs a pass over the plane and a new invCount plane (see memory/scratch.ts for why new planes
 * are expensive in a browser). Project choice.
 */
const BOX_FILTERS_KEPT = 12;
const filters: BoxFilter[] = [];

/**
 * A BoxFilter of this size and radius: the one made for an earlier call when it is still kept, else a new one. Its
 * invCount is shared: read it, never write it. Not re-entrant (sum uses the instance's running sums): fine on one
 * thread, as every caller runs sum to its end.
 * @throws RangeError as the BoxFilter constructor.
 */
export function boxFilter(w: number, h: number, r: number): BoxFilter {
	for (const f of filters) if (f.w === w && f.h === h && f.r === r) return f;
	const f = new BoxFilter(w, h, r);
	filters.push(f);
	if (filters.length > BOX_FILTERS_KEPT) filters.shift();
	return f;
}

/**
 * Integer-factor resampling between the full-resolution output crop and the reduced grid on which the two-scale matting
 * (two-scale.ts) runs its colour analysis. Grid cell (X, Y) of factor s covers full-resolution pixels
 * [X s, (X+1) s) x [Y s, (Y+1) s), clipped at the right / bottom edge; its centre lies at full-resolution coordinate
 * ((X + 0.5) s, (Y + 0.5) s) in pixel-centre-at-half-integer convention.
 */
import type { RgbaImage } from '../../types';

/** Grid size for factor s: ceil(w / s) x ceil(h / s). */
export function gridSize(w: number, h: number, s: number): { gw: number; gh: number } {
	return { gw: Math.ceil(w / s), gh: Math.ceil(h / s) };
}

/**
 * Box-average downsampling of an RGBA 8-bit image by an integer factor (partial cells average what they hold).
 * @returns RGBA 8-bit image of ceil(w/s) x ceil(h/s) px (alpha 255).
 * @throws RangeError when s is not a positive integer.
 */
export function downsampleRgba(image: RgbaImage, s: number): RgbaImage {
	if (!(Number.isInteger(s) && s >= 1)) throw new RangeError('downsampleRgba: factor must be a positive integer');
	const { width: w, height: h, data } = image;
	const { gw, gh } = gridSize(w, h, s);
	const acc = new Float64Array(gw * 3);
	const out = new Uint8ClampedArray(gw * gh * 4);
	for (let Y = 0; Y < gh; Y++) {
		acc.fill(0);
		const y1 = Math.min(h, (Y + 1) * s);
		for (let y = Y * s; y < y1; y++) {
			const row = y * w;
			for (let X = 0; X < gw; X++) {
				let r = 0,
					g = 0,
					b = 0;
				const e = (row + Math.min(w, (X + 1) * s)) * 4;
				for (let k = (row + X * s) * 4; k < e; k += 4) {
					r += data[k];
					g += data[k + 1];
					b += data[k + 2];
				}
				acc[X * 3] += r;
				acc[X * 3 + 1] += g;
				acc[X * 3 + 2] += b;
			}
		}
		const rows = y1 - Y * s;
		for (let X = 0; X < gw; X++) {
			const cols = Math.min(w, (X + 1) * s) - X * s;
			const inv = 1 / (rows * cols);
			const o = (Y * gw + X) * 4;
			out[o] = acc[X * 3] * inv;
			out[o + 1] = acc[X * 3 + 1] * inv;
			out[o + 2] = acc[X * 3 + 2] * inv;
			out[o + 3] = 255;
		}
	}
	return { width: gw, height: gh, data: out };
}

/**
 * Samples a smooth Float32 plane (Float32Array [h*w], e.g. a warped 256 px segmentation mask or a coverage map) at the
 * grid cell centres ((X + 0.5) s, (Y + 0.5) s) by bilinear interpolation: O(grid size) instead of a full-resolution
 * pass; equal to the box average for planes that are linear across a cell.
 * @returns Float32Array [ceil(h/s) * ceil(w/s)].
 */
export function samplePlaneAtCells(src: Float32Array, w: number, h: number, s: number): Float32Array {
	if (!(Number.isInteger(s) && s >= 1)) throw new RangeError('samplePlaneAtCells: factor must be a positive integer');
	if (src.length !== w * h) throw new RangeError('samplePlaneAtCells: size differs');
	return samplePixelsAtCells(w, h, s, (x, y) => src[y * w + x]);
}

/**
 * A smooth Float32 plane of the output crop (a coarse person mask) that the matting reads either whole (single scale)
 * or only at the grid's cell centres (two scales, refineMatte): a producer that can sample the cell centres directly
 * (render.ts warps the model masks straight to them) saves the full-resolution pass.
 */
export interface PlaneSampler {
	/** Plane size, px. */
	width: number;
	height: number;
	/** The whole plane, Float32Array [height*width]. */
	full(): Float32Array;
	/** The plane at the cell centres of grid factor s, as samplePlaneAtCells: Float32Array [ceil(height/s)*ceil(width/s)]. */
	atCells(s: number): Float32Array;
}

/** A PlaneSampler over a plane already at full resolution (Float32Array [h*w]); atCells is samplePlaneAtCells. */
export function planeSampler(plane: Float32Array, w: number, h: number): PlaneSampler {
	if (plane.length !== w * h) throw new RangeError(`planeSampler: plane length ${plane.length} != ${w}x${h}`);
	return { width: w, height: h, full: () => plane, atCells: (s) => samplePlaneAtCells(plane, w, h, s) };
}

/**
 * samplePlaneAtCells of a w x h plane whose px values come from `at(x, y)` (integer px, finite values), called only for
 * the px those samples read (one per cell when s is odd, up to four otherwise): the same values as samplePlaneAtCells on
 * the whole plane, for planes that are costly to make whole (render.ts: model masks warped to the output crop).
 * @returns Float32Array [ceil(h/s) * ceil(w/s)].
 * @throws RangeError when s is not a positive integer.
 */
export function samplePixelsAtCells(w: number, h: number, s: number, at: (x: number, y: number) => number): Float32Array {
	if (!(Number.isInteger(s) && s >= 1)) throw new RangeError('samplePixelsAtCells: factor must be a positive integer');
	const { gw, gh } = gridSize(w, h, s);
	const out = new Float32Array(gw * gh);
	for (let Y = 0; Y < gh; Y++) {
		const v = cellCoordinate(Y, h, s);
		const y0 = Math.floor(v);
		const y1 = Math.min(h - 1, y0 + 1);
		const fy = v - y0;
		for (let X = 0; X < gw; X++) {
			const u = cellCoordinate(X, w, s);
			const x0 = Math.floor(u);
			const x1 = Math.min(w - 1, x0 + 1);
			const fx = u - x0;
			// a cell centre on a px centre (odd s; fx = fy = 0) reads that px alone: the formula gives at(x0, y0) exactly then
			// (weights 1 and 0, finite values), so the other three px are not asked for
			out[Y * gw + X] =
				fx === 0 && fy === 0 ? at(x0, y0) : (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy;
		}
	}
	return out;
}

/** Centre of (possibly clipped) cell c of factor s along an axis of n px, in px-centre coordinates (px i at i), clamped. */
function cellCoordinate(c: number, n: number, s: number): number {
	const e = Math.min(n, (c + 1) * s);
	const u = (c * s + e) / 2 - 0.5;
	return u < 0 ? 0 : u > n - 1 ? n - 1 : u;
}

/**
 * Box-average downsampling of a Float32 plane (Float32Array [h*w]) by an integer factor.
 * @returns Float32Array [ceil(h/s) * ceil(w/s)].
 */
export function downsamplePlane(src: Float32Array, w: number, h: number, s: number): Float32Array {
	if (!(Number.isInteger(s) && s >= 1)) throw new RangeError('downsamplePlane: factor must be a positive integer');
	if (src.length !== w * h) throw new RangeError('downsamplePlane: size differs');
	const { gw, gh } = gridSize(w, h, s);
	const out = new Float32Array(gw * gh);
	for (let Y = 0; Y < gh; Y++) {
		const y1 = Math.min(h, (Y + 1) * s);
		const o = Y * gw;
		for (let y = Y * s; y < y1; y++) {
			const row = y * w;
			for (let x = 0, X = o, c = 0; x < w; x++) {
				out[X] += src[row + x];
				if (++c === s) {
					c = 0;
					X++;
				}
			}
		}
		const rows = y1 - Y * s;
		for (let X = 0; X < gw; X++) out[o + X] /= rows * (Math.min(w, (X + 1) * s) - X * s);
	}
	return out;
}

/**
 * Bilinear interpolation tables from a grid of factor s to full resolution along one axis: for full-resolution
 * coordinate i, grid cells i0[i], i1[i] = i0 + 1 (clamped) and the weight f[i] of i1 (cell centres at (I + 0.5) s).
 */
export function bilinearAxis(n: number, gn: number, s: number): { i0: Int32Array; i1: Int32Array; f: Float32Array } {
	const i0 = new Int32Array(n);
	const i1 = new Int32Array(n);
	const f = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		let u = (i + 0.5) / s - 0.5;
		if (u < 0) u = 0;
		else if (u > gn - 1) u = gn - 1;
		const a = Math.floor(u);
		i0[i] = a;
		i1[i] = Math.min(gn - 1, a + 1);
		f[i] = u - a;
	}
	return { i0, i1, f };
}

/**
 * Affine warps with an anti-aliasing prefilter.
 *
 * Sampling: each output pixel is the average of n x n bilinear samples spread uniformly over its area
 * (n = ceil(1 / scale − SUPERSAMPLE_SLACK), 1..MAX_SUPERSAMPLE), i.e. a box prefilter of the output pixel's footprint in the source:
 * close to area averaging for downscales down to 1/MAX_SUPERSAMPLE, plain bilinear for upscales.
 * Coordinates: continuous px, source pixel (i, j) has its centre at (i + 0.5, j + 0.5).
 */
import type { PersonMask, RgbaImage } from '../../types';
import { type Affine, affineScale, composeAffine, invertAffine } from './affine';
import { scratch } from '../../memory/scratch';

export const MAX_SUPERSAMPLE = 8;

/**
 * Slack on the supersampling factor: n = ceil(1/scale − SUPERSAMPLE_SLACK), so a transform that shrinks by up to ~5 %
 * is sampled once per output px (bilinear) instead of 2x2. Project choice: render reads the crop at the output's
 * scale rounded to whole px, so its warp scale lies within a fraction of a percent of 1, on either side; without
 * slack half the renders took 4 samples per px (4x the warp time) for a difference below one 8-bit level.
 */
export const SUPERSAMPLE_SLACK = 0.05;

export interface WarpResult {
	image: RgbaImage;
	/** Float32Array [outH*outW], fraction of each output pixel's samples that fell inside the source, in [0,1]. */
	coverage: Float32Array;
}

export interface WarpOptions {
	/** Colour for samples outside the source, 0..255; alpha defaults to 255. */
	background?: { r: number; g: number; b: number; a?: number };
	/** Override the supersampling factor per axis (1..MAX_SUPERSAMPLE). */
	supersample?: number;
}

function supersampleFor(t: Affine, override?: number): number {
	if (override !== undefined) return Math.max(1, Math.min(MAX_SUPERSAMPLE, Math.round(override)));
	const s = affineScale(t);
	return Math.max(1, Math.min(MAX_SUPERSAMPLE, Math.ceil(1 / s - SUPERSAMPLE_SLACK)));
}

/**
 * Warps `src` with `transform` (source px -> output px) into an outW x outH image.
 * @returns RGBA image (straight alpha; outside samples take `background`) and the coverage mask, both in scratch memory
 *   (memory/scratch.ts): the caller may give them back once done with them.
 * @throws RangeError on a non-positive output size or a singular transform.
 */
export function warpAffine(src: RgbaImage, transform: Affine, outW: number, outH: number, options: WarpOptions = {}): WarpResult {
	if (!(outW > 0 && outH > 0 && Number.isInteger(outW) && Number.isInteger(outH))) throw new RangeError('warpAffine: output size must be positive integers');
	const inv = invertAffine(transform);
	const n = supersampleFor(transform, options.supersample);
	const bg = options.background ?? { r: 255, g: 255, b: 255 };
	const bgA = bg.a ?? 255;
	const sw = src.width;
	const sh = src.height;
	const sd = src.data;
	const out = scratch.u8c(outW * outH * 4);
	const coverage = scratch.f32(outW * outH);
	const inv2 = 1 / (n * n);
	const offs: number[] = [];
	for (let k = 0; k < n; k++) offs.push((k + 0.5) / n);
	for (let Y = 0; Y < outH; Y++) {
		for (let X = 0; X < outW; X++) {
			let r = 0,
				g = 0,
				b = 0,
				a = 0,
				inside = 0;
			for (let j = 0; j < n; j++) {
				const oy = Y + offs[j];
				for (let i = 0; i < n; i++) {
					const ox = X + offs[i];
					const x = inv.a * ox + inv.c * oy + inv.e;
					const y = inv.b * ox + inv.d * oy + inv.f;
					if (x < 0 || y < 0 || x > sw || y > sh) {
						r += bg.r;
						g += bg.g;
						b += bg.b;
						a += bgA;
						continue;
					}
					inside++;
					let u = x - 0.5;
					let v = y - 0.5;
					if (u < 0) u = 0;
					else if (u > sw - 1) u = sw - 1;
					if (v < 0) v = 0;
					else if (v > sh - 1) v = sh - 1;
					const x0 = Math.floor(u);
					const y0 = Math.floor(v);
					const x1 = x0 + 1 < sw ? x0 + 1 : x0;
					const y1 = y0 + 1 < sh ? y0 + 1 : y0;
					const fx = u - x0;
					const fy = v - y0;
					const w00 = (1 - fx) * (1 - fy);
					const w10 = fx * (1 - fy);
					const w01 = (1 - fx) * fy;
					const w11 = fx * fy;
					const p00 = (y0 * sw + x0) * 4;
					const p10 = (y0 * sw + x1) * 4;
					const p01 = (y1 * sw + x0) * 4;
					const p11 = (y1 * sw + x1) * 4;
					r += w00 * sd[p00] + w10 * sd[p10] + w01 * sd[p01] + w11 * sd[p11];
					g += w00 * sd[p00 + 1] + w10 * sd[p10 + 1] + w01 * sd[p01 + 1] + w11 * sd[p11 + 1];
					b += w00 * sd[p00 + 2] + w10 * sd[p10 + 2] + w01 * sd[p01 + 2] + w11 * sd[p11 + 2];
					a += w00 * sd[p00 + 3] + w10 * sd[p10 + 3] + w01 * sd[p01 + 3] + w11 * sd[p11 + 3];
				}
			}
			const o = (Y * outW + X) * 4;
			out[o] = r * inv2;
			out[o + 1] = g * inv2;
			out[o + 2] = b * inv2;
			out[o + 3] = a * inv2;
			coverage[Y * outW + X] = inside * inv2;
		}
	}
	return { image: { width: outW, height: outH, data: out }, coverage };
}

/**
 * Warps a single Float32 plane `[h*w]` row-major (e.g. a probability mask) with `transform` (plane px -> output px),
 * same sampling as warpAffine; samples outside the plane read `fill` (default 0).
 * @returns Float32Array [outH*outW].
 * @throws RangeError when the plane's length is not w*h, or on a singular transform.
 */
export function warpPlane(
	plane: Float32Array,
	w: number,
	h: number,
	transform: Affine,
	outW: number,
	outH: number,
	options: { fill?: number; supersample?: number } = {}
): Float32Array {
	if (plane.length !== w * h) throw new RangeError(`warpPlane: plane length ${plane.length} != ${w}x${h}`);
	const inv = invertAffine(transform);
	const n = supersampleFor(transform, options.supersample);
	const fill = options.fill ?? 0;
	const inv2 = 1 / (n * n);
	const out = new Float32Array(outW * outH);
	for (let Y = 0; Y < outH; Y++) for (let X = 0; X < outW; X++) out[Y * outW + X] = warpedPixel(plane, w, h, inv, n, inv2, fill, X, Y);
	return out;
}

/**
 * warpPlane's value at one output px, without warping the rest: `(X, Y) => number` for output px (X, Y) (integers), the
 * same samples, arithmetic and float32 rounding as warpPlane(plane, w, h, transform, ...) gives that px (so a plane
 * sampled sparsely, e.g. at the matting grid's cell centres by matte/resample.ts samplePixelsAtCells, equals sampling
 * the full warp).
 * @throws RangeError when the plane's length is not w*h, or on a singular transform.
 */
export function planeWarpAt(plane: Float32Array, w: number, h: number, transform: Affine, options: { fill?: number; supersample?: number } = {}): (X: number, Y: number) => number {
	if (plane.length !== w * h) throw new RangeError(`planeWarpAt: plane length ${plane.length} != ${w}x${h}`);
	const inv = invertAffine(transform);
	const n = supersampleFor(transform, options.supersample);
	const fill = options.fill ?? 0;
	const inv2 = 1 / (n * n);
	// rounded to float32 as warpPlane's Float32Array output stores it
	return (X, Y) => Math.fround(warpedPixel(plane, w, h, inv, n, inv2, fill, X, Y));
}

/** warpPlane's output px (X, Y): n x n bilinear samples at X + (i + 0.5) / n, Y + (j + 0.5) / n, averaged. */
function warpedPixel(plane: Float32Array, w: number, h: number, inv: Affine, n: number, inv2: number, fill: number, X: number, Y: number): number {
	let acc = 0;
	for (let j = 0; j < n; j++) {
		const oy = Y + (j + 0.5) / n;
		for (let i = 0; i < n; i++) {
			const ox = X + (i + 0.5) / n;
			const x = inv.a * ox + inv.c * oy + inv.e;
			const y = inv.b * ox + inv.d * oy + inv.f;
			if (x < 0 || y < 0 || x > w || y > h) {
				acc += fill;
				continue;
			}
			let u = x - 0.5;
			let v = y - 0.5;
			if (u < 0) u = 0;
			else if (u > w - 1) u = w - 1;
			if (v < 0) v = 0;
			else if (v > h - 1) v = h - 1;
			const x0 = Math.floor(u);
			const y0 = Math.floor(v);
			const x1 = x0 + 1 < w ? x0 + 1 : x0;
			const y1 = y0 + 1 < h ? y0 + 1 : y0;
			const fx = u - x0;
			const fy = v - y0;
			acc += (plane[y0 * w + x0] * (1 - fx) + plane[y0 * w + x1] * fx) * (1 - fy) + (plane[y1 * w + x0] * (1 - fx) + plane[y1 * w + x1] * fx) * fy;
		}
	}
	return acc * inv2;
}

/**
 * Warps a PersonMask (covering `mask.box` of the source) into the output crop.
 * @param transform source px -> output px (Layout.transform).
 * @returns Float32Array [outH*outW], values in [0,1], 0 outside the mask box.
 */
export function warpPersonMask(mask: PersonMask, transform: Affine, outW: number, outH: number): Float32Array {
	return warpPlane(mask.data, mask.width, mask.height, composeAffine(transform, personMaskToSource(mask)), outW, outH, { fill: 0 });
}

/** Mask px -> source px of a PersonMask (mask px (i, j) lies over its box, scaled). */
function personMaskToSource(mask: PersonMask): Affine {
	return { a: mask.box.width / mask.width, b: 0, c: 0, d: mask.box.height / mask.height, e: mask.box.x, f: mask.box.y };
}

/** warpPersonMask's value at one output px (see planeWarpAt). */
export function personMaskWarpAt(mask: PersonMask, transform: Affine): (X: number, Y: number) => number {
	return planeWarpAt(mask.data, mask.width, mask.height, composeAffine(transform, personMaskToSource(mask)), { fill: 0 });
}

/**
 * Second scale of the two-scale matting (refine.ts): the alpha matte and foreground / background colours found on a
 * grid of factor s (the output crop box-averaged by s, so that the inter-eye distance is about WORK_IED_PX grid px)
 * are carried to full resolution, and only a thin band of grid cells around the grid matte's edge is worked on:
 *
 * 1. Band: grid cells whose 3x3 neighbourhood holds grid alpha both above BAND_EPS and below 1 − BAND_EPS (the edge
 *    and every fractional cell, e.g. a hair fringe); outside the band alpha is the grid alpha rounded (0 or 1).
 * 2. Alpha in the band: Fast Guided Filter (K. He, J. Sun, "Fast Guided Filter", arXiv:1505.00996, 2015): the colour
 *    guided filter's coefficients (He et al., TPAMI 2013) are computed on the grid, with the grid image as guide and
 *    the grid alpha as input, window half-size REFINE_RADIUS_CELLS cells, then upsampled bilinearly and applied to the
 *    full-resolution colours, q = ā · I + b̄, so alpha follows the image's own edges (hair strands) at full resolution.
 *    q is clamped to [1 − s²(1 − min), s² · max] of the grid alpha over the cell's 3x3 neighbourhood (a cell's alpha is
 *    the mean of its s² pixels', so these are the bounds the grid allows): a hair strand may reach alpha 1 in a cell
 *    of grid alpha 1/s², but where the grid says definite background no alpha is invented (no haze over textured walls).
 * 3. Foreground colour in the band: the finest level of multi-level foreground estimation (Germer et al. 2020; see
 *    foreground.ts), with the grid's F and B (the grid ran the full pyramid) upsampled bilinearly as the coarser
 *    level: each fractional band pixel solves the per-pixel 2x2 system once, with the upsampled F̂, B̂ standing in for
 *    its neighbours' values (bandForeground). Where alpha is 1, F = I; where 0, F is irrelevant (image kept).
 * 4. Guard rail: band pixels with alpha > DETACHED_ALPHA not connected through the band to the definite foreground are
 *    cleared (dropDetachedBandAlpha).
 * Work outside the band is O(1) per pixel (copies and roundings), so the cost follows the band's length, not the crop's
 * area.
 */
import type { RgbaImage } from '../../types';
import { guidedFilterCoefficients } from './guided-filter';
import { maxFilter, minFilter } from './morphology';
import { bilinearAxis, gridSize } from './resample';
import { TRIMAP_FOREGROUND, TRIMAP_OUTSIDE, TRIMAP_UNKNOWN } from './trimap';
import { DETACHED_ALPHA } from './colour-prior';

/** Grid alpha within BAND_EPS of 0 or 1 counts as definite: 0.02 (5 / 255). Engineering choice. */
export const BAND_EPS = 0.02;
/**
 * Guided-filter window half-size on the grid: 2 cells (2 s full-resolution px, about 0.1 inter-eye distance). He & Sun
 * subsample by s = r / 4 or more; a 5x5-cell window sees both sides of the grid matte's edge. Engineering choice.
 */
export const REFINE_RADIUS_CELLS = 2;
/** Guided-filter ε of the refinement (guide in [0,1]): 1e-4, as GUIDED_EPS in refine.ts. */
export const REFINE_EPS = 1e-4;

type Planes3 = [Float32Array, Float32Array, Float32Array];

/** Matte of the grid (output of the single-scale matting on the downsampled crop). */
export interface GridMatte {
	/** grid px: ceil(w / s) x ceil(h / s) */
	gw: number;
	gh: number;
	/** Float32Array [gh*gw], alpha in [0,1]. */
	alpha: Float32Array;
	/** Grid image R, G, B in [0,1] (the guide), Float32Array [gh*gw] each. */
	image: Planes3;
	/** Foreground / background colour estimates, R, G, B in [0,1], Float32Array [gh*gw] each. */
	fg: Planes3;
	bg: Planes3;
	/** Uint8Array [gh*gw], 1 = cell inside the source photo (coverage >= 0.5); omitted = all. */
	valid?: Uint8Array;
}

export interface FullResolutionMatte {
	/** Float32Array [h*w], alpha in [0,1]. */
	alpha: Float32Array;
	/** Foreground colours, RGBA 8-bit (alpha channel 255); the image itself outside the band. */
	foreground: RgbaImage;
	/** Uint8Array [h*w]: TRIMAP_BACKGROUND / TRIMAP_UNKNOWN (band) / TRIMAP_FOREGROUND / TRIMAP_OUTSIDE. */
	trimap: Uint8Array;
	/** Full-resolution px in the band (inside the source or not). */
	bandPx: number;
	/** Band px cleared as detached from the person (dropDetachedBandAlpha). */
	detachedPx: number;
	/** ms: guided (band, coefficients, alpha), foreground (band sweeps and output image). */
	timingsMs: { guided: number; foreground: number };
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Carries a grid matte of factor s to the full-resolution crop (see the file comment).
 * @param image full-resolution crop, RGBA 8-bit sRGB, w x h.
 * @param s integer grid factor >= 1; grid size ceil(w/s) x ceil(h/s).
 * @param coverage Float32Array [h*w] from warpAffine: pixels below 0.5 lie outside the source and get alpha 0.
 * @throws RangeError when the grid size does not match.
 */
export function refineToFullResolution(image: RgbaImage, s: number, grid: GridMatte, coverage?: Float32Array): FullResolutionMatte {
	const w = image.width;
	const h = image.height;
	const n = w * h;
	const { gw, gh } = gridSize(w, h, s);
	if (grid.gw !== gw || grid.gh !== gh || grid.alpha.length !== gw * gh) throw new RangeError('refineToFullResolution: grid size differs');
	if (coverage && coverage.length !== n) throw new RangeError('refineToFullResolution: coverage size differs');
	const t0 = now();
	const gn = gw * gh;
	const aG = fillOutside(grid.alpha, grid.valid, gw, gh);
	const fG = grid.fg.map((p) => fillOutside(p, grid.valid, gw, gh)) as Planes3;
	const bG = grid.bg.map((p) => fillOutside(p, grid.valid, gw, gh)) as Planes3;
	const lo = minFilter(aG, gw, gh, 1);
	const hi = maxFilter(aG, gw, gh, 1);
	// band cells, numbered in raster order
	const cellIndex = new Int32Array(gn).fill(-1);
	let bandCells = 0;
	for (let c = 0; c < gn; c++) if (lo[c] < 1 - BAND_EPS && hi[c] > BAND_EPS) cellIndex[c] = bandCells++;
	const [A0, A1, A2, Bc] = guidedFilterCoefficients(grid.image, aG, gw, gh, REFINE_RADIUS_CELLS, REFINE_EPS);
	const ax = bilinearAxis(w, gw, s);
	const ay = bilinearAxis(h, gh, s);
	const data = image.data;
	const alpha = new Float32Array(n);
	const trimap = new Uint8Array(n);
	const inv255 = 1 / 255;
	const ss = s * s;
	let bandPx = 0;
	const bandList = new Int32Array(bandCells * ss);
	for (let y = 0; y < h; y++) {
		const Y = (y / s) | 0;
		const row = y * w;
		const y0 = ay.i0[y] * gw;
		const y1 = ay.i1[y] * gw;
		const fy = ay.f[y];
		for (let X = 0; X < gw; X++) {
			const c = Y * gw + X;
			const xs = X * s;
			const xe = Math.min(w, xs + s);
			if (cellIndex[c] < 0) {
				// alpha is 0 from the allocation; coverage is applied after the loop
				if (aG[c] >= 0.5) {
					alpha.fill(1, row + xs, row + xe);
					trimap.fill(TRIMAP_FOREGROUND, row + xs, row + xe);
				}
				continue;
			}
			// a grid cell's alpha is the mean of its s² pixels' alphas, so no pixel can exceed s² times it (nor fall
			// below 1 − s² (1 − it)); with the neighbourhood's max / min (bilinear reach) these bound q
			const l = 1 - ss * (1 - lo[c]);
			const u = ss * hi[c];
			for (let x = xs; x < xe; x++) {
				const i = row + x;
				const fx = ax.f[x];
				const q00 = y0 + ax.i0[x];
				const q01 = y0 + ax.i1[x];
				const q10 = y1 + ax.i0[x];
				const q11 = y1 + ax.i1[x];
				const w00 = (1 - fx) * (1 - fy);
				const w01 = fx * (1 - fy);
				const w10 = (1 - fx) * fy;
				const w11 = fx * fy;
				const k = i * 4;
				let q =
					(A0[q00] * w00 + A0[q01] * w01 + A0[q10] * w10 + A0[q11] * w11) * data[k] * inv255 +
					(A1[q00] * w00 + A1[q01] * w01 + A1[q10] * w10 + A1[q11] * w11) * data[k + 1] * inv255 +
					(A2[q00] * w00 + A2[q01] * w01 + A2[q10] * w10 + A2[q11] * w11) * data[k + 2] * inv255 +
					(Bc[q00] * w00 + Bc[q01] * w01 + Bc[q10] * w10 + Bc[q11] * w11);
				if (q < l) q = l;
				else if (q > u) q = u;
				alpha[i] = q < 0 ? 0 : q > 1 ? 1 : q;
				trimap[i] = TRIMAP_UNKNOWN;
				bandList[bandPx++] = i;
			}
		}
	}
	if (coverage)
		for (let i = 0; i < n; i++)
			if (coverage[i] < 0.5) {
				alpha[i] = 0;
				trimap[i] = TRIMAP_OUTSIDE;
			}
	const detachedPx = dropDetachedBandAlpha(alpha, trimap, w, h, bandList.subarray(0, bandPx));
	const t1 = now();
	const foreground = bandForeground(image, alpha, trimap, s, gw, gh, cellIndex, fG, bG, ax, ay);
	const t2 = now();
	return { alpha, foreground, trimap, bandPx, detachedPx, timingsMs: { guided: t1 - t0, foreground: t2 - t1 } };
}

/**
 * Guard rail at full resolution (as dropDetachedAlpha on the grid): band pixels with alpha > DETACHED_ALPHA that are not
 * 8-connected, through such band pixels, to a definite-foreground pixel get alpha 0: specks the full-resolution filter
 * drew on background texture (e.g. mortar joints of a brick wall) next to, but detached from, the person.
 * @param band Int32Array of the band's pixel indices. @returns number of pixels cleared.
 */
function dropDetachedBandAlpha(alpha: Float32Array, trimap: Uint8Array, w: number, h: number, band: Int32Array): number {
	const n = w * h;
	const reached = new Uint8Array(n);
	const stack = new Int32Array(band.length);
	let sp = 0;
	const live = (q: number) => trimap[q] === TRIMAP_UNKNOWN && alpha[q] > DETACHED_ALPHA && !reached[q];
	for (let k = 0; k < band.length; k++) {
		const i = band[k];
		if (!live(i)) continue;
		const x = i % w;
		const y = (i - x) / w;
		let seed = false;
		for (let dy = -1; dy <= 1 && !seed; dy++)
			for (let dx = -1; dx <= 1; dx++) {
				const xx = x + dx;
				const yy = y + dy;
				if (xx >= 0 && yy >= 0 && xx < w && yy < h && trimap[yy * w + xx] === TRIMAP_FOREGROUND) {
					seed = true;
					break;
				}
			}
		if (seed) {
			reached[i] = 1;
			stack[sp++] = i;
		}
	}
	while (sp > 0) {
		const p = stack[--sp];
		const x = p % w;
		const y = (p - x) / w;
		for (let dy = -1; dy <= 1; dy++) {
			const yy = y + dy;
			if (yy < 0 || yy >= h) continue;
			for (let dx = -1; dx <= 1; dx++) {
				const xx = x + dx;
				if (xx < 0 || xx >= w) continue;
				const q = yy * w + xx;
				if (!reached[q] && trimap[q] === TRIMAP_UNKNOWN && alpha[q] > DETACHED_ALPHA) {
					reached[q] = 1;
					stack[sp++] = q;
				}
			}
		}
	}
	let cleared = 0;
	for (let k = 0; k < band.length; k++) {
		const i = band[k];
		if (trimap[i] === TRIMAP_UNKNOWN && alpha[i] > DETACHED_ALPHA && !reached[i]) {
			alpha[i] = 0;
			cleared++;
		}
	}
	return cleared;
}

/**
 * Values of the cells outside the source (valid = 0) replaced by the mean of their valid 4-neighbours, in two rounds
 * (a full-resolution pixel inside the source may lie in a cell that is mostly outside it; its matte must come from the
 * covered side, as compose extends the person from the last covered row). Returns `p` itself when nothing is invalid.
 */
function fillOutside(p: Float32Array, valid: Uint8Array | undefined, gw: number, gh: number): Float32Array {
	if (!valid) return p;
	let out = p;
	let ok = valid;
	for (let round = 0; round < 2; round++) {
		const next = new Float32Array(out);
		const nok = new Uint8Array(ok);
		let changed = false;
		for (let Y = 0; Y < gh; Y++)
			for (let X = 0; X < gw; X++) {
				const c = Y * gw + X;
				if (ok[c]) continue;
				let sum = 0;
				let k = 0;
				for (const q of [X > 0 ? c - 1 : -1, X < gw - 1 ? c + 1 : -1, Y > 0 ? c - gw : -1, Y < gh - 1 ? c + gw : -1])
					if (q >= 0 && ok[q]) {
						sum += out[q];
						k++;
					}
				if (k) {
					next[c] = sum / k;
					nok[c] = 1;
					changed = true;
				}
			}
		if (!changed) break;
		out = next;
		ok = nok;
	}
	// cells still without a valid neighbour keep 0 alpha / their own value
	return out;
}

/**
 * Foreground colours in the band (step 3 of the file comment); the image elsewhere. Each band pixel with 0 < alpha < 1
 * solves Germer et al.'s per-pixel 2x2 system for (F_i, B_i) once, with the upsampled grid estimates F̂, B̂ in place of
 * its neighbours' values: the neighbour weights Σ_j (ε_r + ω |α_i − α_j|) over the 4-neighbours j are kept, so pixels
 * on a steep alpha edge lean on the grid estimate and flat ones follow the compositing equation.
 */
function bandForeground(
	image: RgbaImage,
	alpha: Float32Array,
	trimap: Uint8Array,
	s: number,
	gw: number,
	gh: number,
	cellIndex: Int32Array,
	fG: Planes3,
	bG: Planes3,
	ax: ReturnType<typeof bilinearAxis>,
	ay: ReturnType<typeof bilinearAxis>
): RgbaImage {
	const w = image.width;
	const h = image.height;
	const data = image.data;
	const out = new Uint8ClampedArray(data);
	// alpha channel 255 (little- or big-endian: set the byte through a 32-bit view with the matching mask)
	const u32 = new Uint32Array(out.buffer, out.byteOffset, out.length >> 2);
	const opaque = new Uint8Array(new Uint32Array([0x01020304]).buffer)[0] === 4 ? 0xff000000 : 0x000000ff;
	for (let i = 0; i < u32.length; i++) u32[i] |= opaque;
	const [gF0, gF1, gF2] = fG;
	const [gB0, gB1, gB2] = bG;
	const inv255 = 1 / 255;
	// Germer et al.'s regularisation ε_r = 1e-5 and gradient weight ω = 1 (as foreground.ts)
	const reg = 1e-5;
	for (let Y = 0; Y < gh; Y++)
		for (let X = 0; X < gw; X++) {
			if (cellIndex[Y * gw + X] < 0) continue;
			const ye = Math.min(h, (Y + 1) * s);
			const xe = Math.min(w, (X + 1) * s);
			for (let y = Y * s; y < ye; y++) {
				const fy = ay.f[y];
				const r0 = ay.i0[y] * gw;
				const r1 = ay.i1[y] * gw;
				for (let x = X * s; x < xe; x++) {
					const i = y * w + x;
					const a0 = alpha[i];
					if (trimap[i] !== TRIMAP_UNKNOWN || a0 <= 0 || a0 >= 1) continue;
					let wsum = 0;
					if (x > 0) wsum += reg + Math.abs(a0 - alpha[i - 1]);
					if (x < w - 1) wsum += reg + Math.abs(a0 - alpha[i + 1]);
					if (y > 0) wsum += reg + Math.abs(a0 - alpha[i - w]);
					if (y < h - 1) wsum += reg + Math.abs(a0 - alpha[i + w]);
					const fx = ax.f[x];
					const q00 = r0 + ax.i0[x];
					const q01 = r0 + ax.i1[x];
					const q10 = r1 + ax.i0[x];
					const q11 = r1 + ax.i1[x];
					const w00 = (1 - fx) * (1 - fy);
					const w01 = fx * (1 - fy);
					const w10 = (1 - fx) * fy;
					const w11 = fx * fy;
					const a1 = 1 - a0;
					const A00 = a0 * a0 + wsum;
					const A01 = a0 * a1;
					const A11 = a1 * a1 + wsum;
					const id = 1 / (A00 * A11 - A01 * A01);
					const k00 = A11 * id;
					const k01 = -A01 * id;
					const k = i * 4;
					const v0 = data[k] * inv255;
					const v1 = data[k + 1] * inv255;
					const v2 = data[k + 2] * inv255;
					const f0 = k00 * (a0 * v0 + wsum * (gF0[q00] * w00 + gF0[q01] * w01 + gF0[q10] * w10 + gF0[q11] * w11)) + k01 * (a1 * v0 + wsum * (gB0[q00] * w00 + gB0[q01] * w01 + gB0[q10] * w10 + gB0[q11] * w11));
					const f1 = k00 * (a0 * v1 + wsum * (gF1[q00] * w00 + gF1[q01] * w01 + gF1[q10] * w10 + gF1[q11] * w11)) + k01 * (a1 * v1 + wsum * (gB1[q00] * w00 + gB1[q01] * w01 + gB1[q10] * w10 + gB1[q11] * w11));
					const f2 = k00 * (a0 * v2 + wsum * (gF2[q00] * w00 + gF2[q01] * w01 + gF2[q10] * w10 + gF2[q11] * w11)) + k01 * (a1 * v2 + wsum * (gB2[q00] * w00 + gB2[q01] * w01 + gB2[q10] * w10 + gB2[q11] * w11));
					// Uint8ClampedArray clamps to [0, 255] and rounds
					out[k] = f0 * 255;
					out[k + 1] = f1 * 255;
					out[k + 2] = f2 * 255;
				}
			}
		}
	return { width: w, height: h, data: out };
}


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
 *
 * Implementation (speed; the results equal the straightforward per-pixel form to float rounding): each grid row is
 * split into runs of background / foreground / band cells (gridRuns), so non-band pixels are written by typed-array
 * fills; in a band run the grid planes are interpolated along y once per full-resolution row (interpolateRow) and, per
 * segment of pixels between the same two grid columns, along x as base + slope · f (two taps instead of four per plane
 * and pixel); the guard rail's flood runs on a 1-px padded raster without bounds checks, and a pixel reached by one
 * flood is not tested as a seed again.
 */
import type { RgbaImage } from '../../types';
import { guidedFilterCoefficients } from './guided-filter';
import { maxFilter, minFilter } from './morphology';
import { scratch } from '../../memory/scratch';
import { bilinearAxis, gridSize } from './resample';
import { TRIMAP_FOREGROUND, TRIMAP_OUTSIDE, TRIMAP_UNKNOWN } from './trimap';
import { DETACHED_ALPHA } from './colour-prior';
import { setOpaque } from '../compose/opaque';

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

/** Int32Array [gn]: band cells numbered in raster order, −1 elsewhere (step 1 of the file comment). */
function bandCellIndex(lo: Float32Array, hi: Float32Array, gn: number): Int32Array {
	const cellIndex = new Int32Array(gn).fill(-1);
	let bandCells = 0;
	for (let c = 0; c < gn; c++) if (lo[c] < 1 - BAND_EPS && hi[c] > BAND_EPS) cellIndex[c] = bandCells++;
	return cellIndex;
}

/** Runs of equal cells along one grid row: kind RUN_BACKGROUND / RUN_FOREGROUND / RUN_BAND, cells [x0, x1). */
const RUN_BACKGROUND = 0;
const RUN_FOREGROUND = 1;
const RUN_BAND = 2;
interface Runs {
	/** Int32Array: run r of grid row Y is index first[Y] + k, k < first[Y + 1] - first[Y] */
	first: Int32Array;
	x0: Int32Array;
	x1: Int32Array;
	kind: Uint8Array;
}

/** Splits every grid row into runs of background, foreground (grid alpha >= 0.5) and band cells. */
function gridRuns(cellIndex: Int32Array, aG: Float32Array, gw: number, gh: number): Runs {
	const first = new Int32Array(gh + 1);
	const x0: number[] = [];
	const x1: number[] = [];
	const kind: number[] = [];
	for (let Y = 0; Y < gh; Y++) {
		first[Y] = kind.length;
		let prev = -1;
		for (let X = 0; X < gw; X++) {
			const c = Y * gw + X;
			const k = cellIndex[c] >= 0 ? RUN_BAND : aG[c] >= 0.5 ? RUN_FOREGROUND : RUN_BACKGROUND;
			if (k === prev) x1[x1.length - 1] = X + 1;
			else {
				x0.push(X);
				x1.push(X + 1);
				kind.push(k);
				prev = k;
			}
		}
	}
	first[gh] = kind.length;
	return { first, x0: Int32Array.from(x0), x1: Int32Array.from(x1), kind: Uint8Array.from(kind) };
}

/**
 * Bilinear interpolation of a grid plane along y for one full-resolution row: out[X] = ((1 − fy) P[r0 + X] +
 * fy P[r1 + X]) · scale, for grid columns X in [xa, xb). The remaining interpolation along x is then two taps per
 * plane and pixel (the separable form of the 4-tap bilinear interpolation).
 */
function interpolateRow(P: Float32Array, out: Float32Array, r0: number, r1: number, fy: number, xa: number, xb: number, scale: number): void {
	const gy = 1 - fy;
	for (let X = xa; X < xb; X++) out[X] = (P[r0 + X] * gy + P[r1 + X] * fy) * scale;
}

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
	const lo = minFilter(aG, gw, gh, 1, scratch.f32(gn));
	const hi = maxFilter(aG, gw, gh, 1, scratch.f32(gn));
	const cellIndex = bandCellIndex(lo, hi, gn);
	const runs = gridRuns(cellIndex, aG, gw, gh);
	const coef = guidedFilterCoefficients(grid.image, aG, gw, gh, REFINE_RADIUS_CELLS, REFINE_EPS);
	const ax = bilinearAxis(w, gw, s);
	const ay = bilinearAxis(h, gh, s);
	const data = image.data;
	const alpha = new Float32Array(n);
	const trimap = new Uint8Array(n);
	// flood state of the guard rail on a 1-px padded raster (no bounds checks): FLOOD_* below
	const pw = w + 2;
	const state = scratch.u8(pw * (h + 2));
	bandAlpha(data, w, h, s, gw, runs, coef, lo, hi, ax, ay, alpha, trimap, state);
	scratch.give(...coef, lo, hi);
	if (coverage) clearOutside(coverage, w, h, alpha, trimap, state);
	const { detachedPx, bandPx } = dropDetachedBandAlpha(alpha, state, w, h, s, runs);
	scratch.give(state);
	const t1 = now();
	const foreground = bandForeground(image, alpha, trimap, s, gw, runs, fG, bG, ax, ay);
	// the filled copies (fillOutside returns the grid's own planes when nothing lies outside the photo)
	if (aG !== grid.alpha) scratch.give(aG);
	for (let c = 0; c < 3; c++) {
		if (fG[c] !== grid.fg[c]) scratch.give(fG[c]);
		if (bG[c] !== grid.bg[c]) scratch.give(bG[c]);
	}
	const t2 = now();
	return { alpha, foreground, trimap, bandPx, detachedPx, timingsMs: { guided: t1 - t0, foreground: t2 - t1 } };
}

/**
 * Alpha of the full-resolution rows (step 2 of the file comment): 1 in foreground runs, the Fast Guided Filter's
 * q = ā · I + b̄ clamped to the grid's bounds in band runs (0 in background runs, from the allocation); marks the
 * trimap and the guard rail's flood state. Its own function so that V8 compiles the loop once (see refine.ts).
 */
function bandAlpha(
	data: Uint8ClampedArray,
	w: number,
	h: number,
	s: number,
	gw: number,
	runs: Runs,
	coef: Float32Array[],
	lo: Float32Array,
	hi: Float32Array,
	ax: ReturnType<typeof bilinearAxis>,
	ay: ReturnType<typeof bilinearAxis>,
	alpha: Float32Array,
	trimap: Uint8Array,
	state: Uint8Array
): void {
	const gh = runs.first.length - 1;
	const pw = w + 2;
	const axi0 = ax.i0;
	const axi1 = ax.i1;
	const axf = ax.f;
	const ss = s * s;
	// coefficients interpolated along y for the current row; the colour coefficients pre-scaled by 1/255 (8-bit guide)
	const R0 = new Float32Array(gw);
	const R1 = new Float32Array(gw);
	const R2 = new Float32Array(gw);
	const RB = new Float32Array(gw);
	const C0 = coef[0];
	const C1 = coef[1];
	const C2 = coef[2];
	const CB = coef[3];
	const first = runs.first;
	const runX0 = runs.x0;
	const runX1 = runs.x1;
	const runKind = runs.kind;
	for (let Y = 0; Y < gh; Y++) {
		const ya = Y * s;
		const yb = Math.min(h, ya + s);
		for (let y = ya; y < yb; y++) {
			const row = y * w;
			const prow = (y + 1) * pw + 1;
			const r0 = ay.i0[y] * gw;
			const r1 = ay.i1[y] * gw;
			const fy = ay.f[y];
			for (let r = first[Y]; r < first[Y + 1]; r++) {
				const kind = runKind[r];
				const xs = runX0[r] * s;
				const xe = Math.min(w, runX1[r] * s);
				if (kind === RUN_BACKGROUND) continue; // alpha 0, TRIMAP_BACKGROUND (0) from the allocation
				if (kind === RUN_FOREGROUND) {
					alpha.fill(1, row + xs, row + xe);
					trimap.fill(TRIMAP_FOREGROUND, row + xs, row + xe);
					state.fill(FLOOD_FOREGROUND, prow + xs, prow + xe);
					continue;
				}
				// band run: pixel x reads grid columns ax.i0[x], ax.i1[x] in [X − 1, X + 1]
				const ca = Math.max(0, runX0[r] - 1);
				const cb = Math.min(gw, runX1[r] + 1);
				interpolateRow(C0, R0, r0, r1, fy, ca, cb, 1 / 255);
				interpolateRow(C1, R1, r0, r1, fy, ca, cb, 1 / 255);
				interpolateRow(C2, R2, r0, r1, fy, ca, cb, 1 / 255);
				interpolateRow(CB, RB, r0, r1, fy, ca, cb, 1);
				trimap.fill(TRIMAP_UNKNOWN, row + xs, row + xe);
				for (let X = runX0[r]; X < runX1[r]; X++) {
					const c = Y * gw + X;
					// a grid cell's alpha is the mean of its s² pixels' alphas, so no pixel can exceed s² times it (nor
					// fall below 1 − s² (1 − it)); with the neighbourhood's max / min (bilinear reach) these bound q
					const l = Math.max(0, 1 - ss * (1 - lo[c]));
					const u = Math.min(1, ss * hi[c]);
					const cellEnd = Math.min(w, (X + 1) * s);
					let x = X * s;
					while (x < cellEnd) {
						// a segment of pixels between the same two grid columns: coefficient = base + slope · f
						const c0 = axi0[x];
						const c1 = axi1[x];
						const a0 = R0[c0];
						const a1 = R1[c0];
						const a2 = R2[c0];
						const b = RB[c0];
						const d0 = R0[c1] - a0;
						const d1 = R1[c1] - a1;
						const d2 = R2[c1] - a2;
						const db = RB[c1] - b;
						for (; x < cellEnd && axi0[x] === c0; x++) {
							const f = axf[x];
							const k = (row + x) << 2;
							let q = (a0 + d0 * f) * data[k] + (a1 + d1 * f) * data[k + 1] + (a2 + d2 * f) * data[k + 2] + (b + db * f);
							if (q < l) q = l;
							else if (q > u) q = u;
							alpha[row + x] = q;
							if (q > DETACHED_ALPHA) state[prow + x] = FLOOD_LIVE;
						}
					}
				}
			}
		}
	}
}

/** Pixels outside the source photo (coverage < 0.5): alpha 0, TRIMAP_OUTSIDE, no flood state. */
function clearOutside(coverage: Float32Array, w: number, h: number, alpha: Float32Array, trimap: Uint8Array, state: Uint8Array): void {
	const pw = w + 2;
	for (let y = 0, i = 0; y < h; y++) {
		const prow = (y + 1) * pw + 1;
		for (let x = 0; x < w; x++, i++)
			if (coverage[i] < 0.5) {
				alpha[i] = 0;
				trimap[i] = TRIMAP_OUTSIDE;
				state[prow + x] = FLOOD_NONE;
			}
	}
}

/** Flood states of dropDetachedBandAlpha: nothing; band pixel with alpha > DETACHED_ALPHA; such a pixel reached; definite foreground. */
const FLOOD_NONE = 0;
const FLOOD_LIVE = 1;
const FLOOD_REACHED = 2;
const FLOOD_FOREGROUND = 3;

/**
 * Guard rail at full resolution (as dropDetachedAlpha on the grid): band pixels with alpha > DETACHED_ALPHA that are not
 * 8-connected, through such band pixels, to a definite-foreground pixel get alpha 0: specks the full-resolution filter
 * drew on background texture (e.g. mortar joints of a brick wall) next to, but detached from, the person.
 * @param state Uint8Array [(h+2)*(w+2)]: the raster padded by one pixel of FLOOD_NONE on every side, holding
 *   FLOOD_LIVE / FLOOD_FOREGROUND / FLOOD_NONE; updated in place.
 * @param runs the band is the RUN_BAND runs of the grid rows (factor s).
 * @returns detachedPx: pixels cleared; bandPx: full-resolution pixels in the band.
 */
function dropDetachedBandAlpha(alpha: Float32Array, state: Uint8Array, w: number, h: number, s: number, runs: Runs): { detachedPx: number; bandPx: number } {
	const pw = w + 2;
	let stack = new Int32Array(4096);
	let bandPx = 0;
	const gh = runs.first.length - 1;
	// pass 1: a live pixel touching the foreground seeds a flood; pixels reached by an earlier flood skip the seed test
	for (let Y = 0; Y < gh; Y++)
		for (let r = runs.first[Y]; r < runs.first[Y + 1]; r++) {
			if (runs.kind[r] !== RUN_BAND) continue;
			const xa = runs.x0[r] * s;
			const xb = Math.min(w, runs.x1[r] * s);
			const yb = Math.min(h, (Y + 1) * s);
			bandPx += (xb - xa) * (yb - Y * s);
			for (let y = Y * s; y < yb; y++) {
				const prow = (y + 1) * pw + 1;
				for (let p0 = prow + xa; p0 < prow + xb; p0++) {
					if (state[p0] !== FLOOD_LIVE) continue;
					if (
						state[p0 - pw - 1] !== FLOOD_FOREGROUND &&
						state[p0 - pw] !== FLOOD_FOREGROUND &&
						state[p0 - pw + 1] !== FLOOD_FOREGROUND &&
						state[p0 - 1] !== FLOOD_FOREGROUND &&
						state[p0 + 1] !== FLOOD_FOREGROUND &&
						state[p0 + pw - 1] !== FLOOD_FOREGROUND &&
						state[p0 + pw] !== FLOOD_FOREGROUND &&
						state[p0 + pw + 1] !== FLOOD_FOREGROUND
					)
						continue;
					state[p0] = FLOOD_REACHED;
					let sp = 0;
					stack[sp++] = p0;
					while (sp > 0) {
						if (sp + 8 > stack.length) {
							const grown = new Int32Array(stack.length * 2);
							grown.set(stack);
							stack = grown;
						}
						const p = stack[--sp];
						let q = p - pw - 1;
						if (state[q] === FLOOD_LIVE) ((state[q] = FLOOD_REACHED), (stack[sp++] = q));
						q = p - pw;
						if (state[q] === FLOOD_LIVE) ((state[q] = FLOOD_REACHED), (stack[sp++] = q));
						q = p - pw + 1;
						if (state[q] === FLOOD_LIVE) ((state[q] = FLOOD_REACHED), (stack[sp++] = q));
						q = p - 1;
						if (state[q] === FLOOD_LIVE) ((state[q] = FLOOD_REACHED), (stack[sp++] = q));
						q = p + 1;
						if (state[q] === FLOOD_LIVE) ((state[q] = FLOOD_REACHED), (stack[sp++] = q));
						q = p + pw - 1;
						if (state[q] === FLOOD_LIVE) ((state[q] = FLOOD_REACHED), (stack[sp++] = q));
						q = p + pw;
						if (state[q] === FLOOD_LIVE) ((state[q] = FLOOD_REACHED), (stack[sp++] = q));
						q = p + pw + 1;
						if (state[q] === FLOOD_LIVE) ((state[q] = FLOOD_REACHED), (stack[sp++] = q));
					}
				}
			}
		}
	// pass 2: live pixels left unreached are detached
	let detachedPx = 0;
	for (let Y = 0; Y < gh; Y++)
		for (let r = runs.first[Y]; r < runs.first[Y + 1]; r++) {
			if (runs.kind[r] !== RUN_BAND) continue;
			const xa = runs.x0[r] * s;
			const xb = Math.min(w, runs.x1[r] * s);
			const yb = Math.min(h, (Y + 1) * s);
			for (let y = Y * s; y < yb; y++) {
				const prow = (y + 1) * pw + 1;
				for (let x = xa; x < xb; x++)
					if (state[prow + x] === FLOOD_LIVE) {
						alpha[y * w + x] = 0;
						detachedPx++;
					}
			}
		}
	return { detachedPx, bandPx };
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
		// copies in scratch memory (memory/scratch.ts); a round's inputs go back once the next round has its own
		const next = scratch.f32(out.length);
		next.set(out);
		const nok = scratch.u8(ok.length);
		nok.set(ok);
		let changed = false;
		for (let Y = 0; Y < gh; Y++)
			for (let X = 0; X < gw; X++) {
				const c = Y * gw + X;
				if (ok[c]) continue;
				let sum = 0;
				let k = 0;
				if (X > 0 && ok[c - 1]) ((sum += out[c - 1]), k++);
				if (X < gw - 1 && ok[c + 1]) ((sum += out[c + 1]), k++);
				if (Y > 0 && ok[c - gw]) ((sum += out[c - gw]), k++);
				if (Y < gh - 1 && ok[c + gw]) ((sum += out[c + gw]), k++);
				if (k) {
					next[c] = sum / k;
					nok[c] = 1;
					changed = true;
				}
			}
		if (!changed) {
			scratch.give(next, nok);
			break;
		}
		if (out !== p) scratch.give(out);
		if (ok !== valid) scratch.give(ok);
		out = next;
		ok = nok;
	}
	if (ok !== valid) scratch.give(ok);
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
	runs: Runs,
	fG: Planes3,
	bG: Planes3,
	ax: ReturnType<typeof bilinearAxis>,
	ay: ReturnType<typeof bilinearAxis>
): RgbaImage {
	const w = image.width;
	const h = image.height;
	const data = image.data;
	const out = new Uint8ClampedArray(data);
	setOpaque(out);
	const F0 = new Float32Array(gw);
	const F1 = new Float32Array(gw);
	const F2 = new Float32Array(gw);
	const B0 = new Float32Array(gw);
	const B1 = new Float32Array(gw);
	const B2 = new Float32Array(gw);
	const axi0 = ax.i0;
	const axi1 = ax.i1;
	const axf = ax.f;
	const inv255 = 1 / 255;
	// Germer et al.'s regularisation ε_r = 1e-5 and gradient weight ω = 1 (as foreground.ts)
	const reg = 1e-5;
	const gh = runs.first.length - 1;
	for (let Y = 0; Y < gh; Y++) {
		const ya = Y * s;
		const yb = Math.min(h, ya + s);
		for (let r = runs.first[Y]; r < runs.first[Y + 1]; r++) {
			if (runs.kind[r] !== RUN_BAND) continue;
			const xa = runs.x0[r] * s;
			const xb = Math.min(w, runs.x1[r] * s);
			const ca = Math.max(0, runs.x0[r] - 1);
			const cb = Math.min(gw, runs.x1[r] + 1);
			for (let y = ya; y < yb; y++) {
				const r0 = ay.i0[y] * gw;
				const r1 = ay.i1[y] * gw;
				const fy = ay.f[y];
				interpolateRow(fG[0], F0, r0, r1, fy, ca, cb, 1);
				interpolateRow(fG[1], F1, r0, r1, fy, ca, cb, 1);
				interpolateRow(fG[2], F2, r0, r1, fy, ca, cb, 1);
				interpolateRow(bG[0], B0, r0, r1, fy, ca, cb, 1);
				interpolateRow(bG[1], B1, r0, r1, fy, ca, cb, 1);
				interpolateRow(bG[2], B2, r0, r1, fy, ca, cb, 1);
				const row = y * w;
				let x = xa;
				while (x < xb) {
					// a segment of pixels between the same two grid columns: F̂, B̂ = base + slope · f
					const c0 = axi0[x];
					const c1 = axi1[x];
					const f0 = F0[c0],
						f1 = F1[c0],
						f2 = F2[c0],
						b0 = B0[c0],
						b1 = B1[c0],
						b2 = B2[c0];
					const df0 = F0[c1] - f0,
						df1 = F1[c1] - f1,
						df2 = F2[c1] - f2,
						db0 = B0[c1] - b0,
						db1 = B1[c1] - b1,
						db2 = B2[c1] - b2;
					for (; x < xb && axi0[x] === c0; x++) {
						const i = row + x;
						const a0 = alpha[i];
						if (a0 <= 0 || a0 >= 1 || trimap[i] !== TRIMAP_UNKNOWN) continue;
						let wsum = 0;
						if (x > 0) wsum += reg + Math.abs(a0 - alpha[i - 1]);
						if (x < w - 1) wsum += reg + Math.abs(a0 - alpha[i + 1]);
						if (y > 0) wsum += reg + Math.abs(a0 - alpha[i - w]);
						if (y < h - 1) wsum += reg + Math.abs(a0 - alpha[i + w]);
						const f = axf[x];
						const a1 = 1 - a0;
						const A00 = a0 * a0 + wsum;
						const A01 = a0 * a1;
						const A11 = a1 * a1 + wsum;
						const id = 255 / (A00 * A11 - A01 * A01);
						// F = k00 (α I + W F̂) + k01 ((1 − α) I + W B̂), the first row of the 2x2 inverse (times 255)
						const k00 = A11 * id;
						const k01 = -A01 * id;
						const kI = (k00 * a0 + k01 * a1) * inv255;
						const kF = k00 * wsum;
						const kB = k01 * wsum;
						const k = i << 2;
						out[k] = kI * data[k] + kF * (f0 + df0 * f) + kB * (b0 + db0 * f);
						out[k + 1] = kI * data[k + 1] + kF * (f1 + df1 * f) + kB * (b1 + db1 * f);
						out[k + 2] = kI * data[k + 2] + kF * (f2 + df2 * f) + kB * (b2 + db2 * f);
					}
				}
			}
		}
	}
	return { width: w, height: h, data: out };
}

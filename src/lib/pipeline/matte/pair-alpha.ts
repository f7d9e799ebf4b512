/**
 * Sampling-based alpha from local palette colours: for each unknown pixel, candidate foreground colours F and background
 * colours B are the PAIR_CANDIDATES most frequent palette colours among the definite-foreground / definite-background
 * pixels of its neighbourhood (local-histogram.ts); for every pair the compositing equation I = αF + (1−α)B is solved
 * for α by projection, and the pair with the lowest cost wins (the sample-pair selection of sampling-based matting:
 * Wang & Cohen, "Optimized Color Sampling for Robust Matting", CVPR 2007; Gastal & Oliveira, "Shared Sampling for
 * Real-Time Alpha Matting", Eurographics 2010, whose cost also uses the chromatic distortion below).
 *   cost = |I − (αF + (1−α)B)|² + τ_p · E · (α (1 − P) + (1 − α) P)
 * with the pixel's histogram posterior P and evidence E: where a colour occurs on both sides (dark hair and a dark
 * window frame), the side where it is locally more frequent breaks the tie. Pairs with |F − B| < PAIR_MIN_DISTANCE are
 * skipped (α is undefined for them). Where only one side has local candidates, α is that side's (1 or 0) with the
 * residual to its nearest candidate colour.
 * Unlike the single mean-colour projection (colour-model.ts), a textured background (panes and frames) keeps α = 0 on
 * each of its colours.
 */
import type { LocalHistograms } from './local-histogram';
import { TRIMAP_UNKNOWN } from './trimap';
import { scratch } from '../../memory/scratch';

/**
 * Candidate colours per side: 10. Engineering choice (up to 100 pairs per pixel; 6 left more window remnants above short
 * grey hair on the shared portraits).
 */
export const PAIR_CANDIDATES = 10;
/** Minimum |F − B| for a pair, colours in [0,1]: 0.06 (15 / 255). Engineering choice. */
export const PAIR_MIN_DISTANCE = 0.06;
/** Weight τ_p of the posterior term: 0.02 (≈ a colour error of 36 / 255). Engineering choice. */
export const PAIR_POSTERIOR_WEIGHT = 0.02;
/** Minimum window frequency (share of the side's samples) of a candidate colour: 2 %. */
export const PAIR_MIN_FREQ = 0.02;

export interface PairAlpha {
	/** Float32Array [h*w]: α of the best pair (queried pixels; 0 elsewhere). */
	alpha: Float32Array;
	/** Float32Array [h*w]: squared colour residual of the best pair (Infinity where no pair was available). */
	residual: Float32Array;
}

/**
 * @param planes R, G, B in [0,1], Float32Array [h*w] each.
 * @param palette Float32Array [k*3] palette colours (buildPalette).
 * @param hist local histograms of the palette indices (localHistograms).
 * @param posterior, evidence Float32Array [h*w] from histogramPosterior.
 * @param query Uint8Array [h*w], 1 = compute.
 * @returns alpha and residual planes in scratch memory (memory/scratch.ts): the caller may give them back.
 */
export function pairAlpha(
	planes: [Float32Array, Float32Array, Float32Array],
	palette: Float32Array,
	hist: LocalHistograms,
	posterior: Float32Array,
	evidence: Float32Array,
	w: number,
	h: number,
	query: Uint8Array
): PairAlpha {
	const n = w * h;
	const { k, s, sw, sh, fg, bg, totF, totB } = hist;
	const K = PAIR_CANDIDATES;
	const sn = sw * sh;
	// per block: the K most frequent colours of each side (-1 = none)
	const topF = new Int16Array(sn * K).fill(-1);
	const topB = new Int16Array(sn * K).fill(-1);
	const need = blocksNeeded(query, w, s, sw, sn);
	for (let j = 0; j < sn; j++) {
		if (!need[j]) continue;
		pickTop(fg, k, K, totF[j], j, topF);
		pickTop(bg, k, K, totB[j], j, topB);
	}
	// scratch memory (memory/scratch.ts): the caller may give both back
	const alpha = scratch.f32(n);
	const residual = scratch.f32(n).fill(Infinity);
	pairPixels(planes[0], planes[1], planes[2], palette, posterior, evidence, w, s, sw, topF, topB, query, alpha, residual);
	return { alpha, residual };
}

// The loops are small functions of their own with typed-array parameters, so that V8 compiles each once (see refine.ts).

/** Uint8Array [sn]: 1 for the blocks (s px, sw per row) that hold a query pixel. */
function blocksNeeded(query: Uint8Array, w: number, s: number, sw: number, sn: number): Uint8Array {
	const need = new Uint8Array(sn);
	for (let i = 0; i < query.length; i++) if (query[i]) need[Math.floor(Math.floor(i / w) / s) * sw + Math.floor((i % w) / s)] = 1;
	return need;
}

/** The K most frequent colours (at least max(0.5, PAIR_MIN_FREQ · tot) counts) of block j, sorted, into out[j K ..]. */
function pickTop(counts: Float32Array, k: number, K: number, tot: number, j: number, out: Int16Array): void {
	const min = Math.max(0.5, PAIR_MIN_FREQ * tot);
	for (let c = 0; c < k; c++) {
		const v = counts[j * k + c];
		if (v < min) continue;
		// insertion into the sorted top-K list
		let pos = K;
		while (pos > 0 && (out[j * K + pos - 1] < 0 || counts[j * k + out[j * K + pos - 1]] < v)) pos--;
		if (pos >= K) continue;
		for (let t = K - 1; t > pos; t--) out[j * K + t] = out[j * K + t - 1];
		out[j * K + pos] = c;
	}
}

/** Best pair alpha and its residual for every query pixel (see pairAlpha). */
function pairPixels(
	P0: Float32Array,
	P1: Float32Array,
	P2: Float32Array,
	palette: Float32Array,
	posterior: Float32Array,
	evidence: Float32Array,
	w: number,
	s: number,
	sw: number,
	topF: Int16Array,
	topB: Int16Array,
	query: Uint8Array,
	alpha: Float32Array,
	residual: Float32Array
): void {
	const K = PAIR_CANDIDATES;
	const minD2 = PAIR_MIN_DISTANCE * PAIR_MIN_DISTANCE;
	for (let i = 0; i < query.length; i++) {
		if (!query[i]) continue;
		const x = i % w;
		const y = (i - x) / w;
		const j = Math.floor(y / s) * sw + Math.floor(x / s);
		const r = P0[i];
		const g = P1[i];
		const b = P2[i];
		const P = posterior[i];
		const wE = PAIR_POSTERIOR_WEIGHT * evidence[i];
		let best = Infinity;
		let bestA = 0;
		let bestR = Infinity;
		for (let u = 0; u < K; u++) {
			const cf = topF[j * K + u];
			if (cf < 0) break;
			const fr = palette[cf * 3];
			const fgn = palette[cf * 3 + 1];
			const fb = palette[cf * 3 + 2];
			for (let v = 0; v < K; v++) {
				const cb = topB[j * K + v];
				if (cb < 0) break;
				const br = palette[cb * 3];
				const bgn = palette[cb * 3 + 1];
				const bb = palette[cb * 3 + 2];
				const dr = fr - br;
				const dg = fgn - bgn;
				const db = fb - bb;
				const dd = dr * dr + dg * dg + db * db;
				if (dd < minD2) continue;
				let a = ((r - br) * dr + (g - bgn) * dg + (b - bb) * db) / dd;
				a = a < 0 ? 0 : a > 1 ? 1 : a;
				const er = r - br - a * dr;
				const eg = g - bgn - a * dg;
				const eb = b - bb - a * db;
				const res = er * er + eg * eg + eb * eb;
				const cost = res + wE * (a * (1 - P) + (1 - a) * P);
				if (cost < best) {
					best = cost;
					bestA = a;
					bestR = res;
				}
			}
		}
		if (bestR === Infinity) {
			// one side has no local candidates: the pixel is that of the other side if its colour matches a candidate
			if (topB[j * K] < 0) {
				const res = nearestCandidate(topF, j * K, K, r, g, b, palette);
				if (res < bestR) ((bestR = res), (bestA = 1));
			}
			if (topF[j * K] < 0) {
				const res = nearestCandidate(topB, j * K, K, r, g, b, palette);
				if (res < bestR) ((bestR = res), (bestA = 0));
			}
		}
		alpha[i] = bestA;
		residual[i] = bestR;
	}
}

/** Smallest squared colour distance from (r, g, b) to the candidates top[o .. o + K) (−1 ends the list); Infinity if none. */
function nearestCandidate(top: Int16Array, o: number, K: number, r: number, g: number, b: number, palette: Float32Array): number {
	let bestR = Infinity;
	for (let u = 0; u < K; u++) {
		const c = top[o + u];
		if (c < 0) break;
		const er = r - palette[c * 3];
		const eg = g - palette[c * 3 + 1];
		const eb = b - palette[c * 3 + 2];
		const res = er * er + eg * eg + eb * eb;
		if (res < bestR) bestR = res;
	}
	return bestR;
}

/** Residual scale τ_r of blendPairAlpha: 0.06² (a colour error of 15 / 255 gives weight e^-1). Engineering choice. */
export const PAIR_RESIDUAL_TAU = 0.0036;

/**
 * Blends the pair alpha into the data term `data` (in place, unknown pixels of `trimap` only) with weight
 * c = exp(−residual / PAIR_RESIDUAL_TAU): where some local foreground/background pair explains the pixel colour, its α
 * is used; where none does (a colour seen on neither side), the data term keeps the mean-colour / histogram estimate.
 * @param data, alpha, residual Float32Array [n]; trimap Uint8Array [n].
 */
export function blendPairAlpha(data: Float32Array, alpha: Float32Array, residual: Float32Array, trimap: Uint8Array): Float32Array {
	for (let i = 0; i < data.length; i++) {
		if (trimap[i] !== TRIMAP_UNKNOWN) continue;
		const r = residual[i];
		if (!(r < Infinity)) continue;
		const c = Math.exp(-r / PAIR_RESIDUAL_TAU);
		data[i] = c * alpha[i] + (1 - c) * data[i];
	}
	return data;
}

/**
 * Local colour-histogram classifier: for each pixel, how often its colour occurs among the definite-foreground and the
 * definite-background pixels of its neighbourhood. Unlike a single mean colour per side (colour-model.ts), a histogram
 * describes a textured background (a window with bright panes and dark frames, a street) and a multi-coloured person
 * (face, hair, shirt, suit), in the spirit of the local colour models of GrabCut (Rother et al., SIGGRAPH 2004) and
 * Video SnapCut (Bai et al., SIGGRAPH 2009), with a palette histogram instead of a Gaussian mixture.
 *
 * 1. Palette: PALETTE_SIZE colours by k-means (Lloyd's algorithm, farthest-point initialisation) on a regular subsample
 *    of the pixels inside the window of interest; every pixel gets the index of its nearest palette colour.
 * 2. Per palette colour, the counts of definite-foreground and definite-background pixels are summed over blocks of
 *    s x s px and box-filtered over a window of half-size R px; read back at the pixel's block (nearest block).
 * 3. Relative frequencies fF = nF[c] / NF and fB = nB[c] / NB (NF, NB: all foreground / background samples in the
 *    window); posterior (equal priors) P = fF / (fF + fB); evidence E = (fF + fB) / (fF + fB + EVIDENCE_FREQ): a
 *    colour that is rare on both sides (a mixed edge colour) gets little evidence.
 */
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND } from './trimap';
import { scratch } from '../../memory/scratch';

/** Palette size: 48 colours (enough to separate skin, hair, shirt, suit and a few background tones). Engineering choice. */
export const PALETTE_SIZE = 48;
/** Frequency at which the evidence reaches 1/2: 2 % of the samples of one side. Engineering choice. */
export const EVIDENCE_FREQ = 0.02;

type Planes3 = [Float32Array, Float32Array, Float32Array];

/**
 * k-means palette of the pixels selected by `use` (Uint8Array [h*w], 1 = use; all pixels when omitted), from a regular
 * subsample of at most about `maxSamples` of them.
 * @param planes R, G, B in [0,1], Float32Array [h*w] each.
 * @returns Float32Array [k*3] palette colours (RGB in [0,1]) and Uint8Array [h*w] nearest-palette index of every pixel
 *   (nearest to the pixel colour quantised to 6 bits per channel).
 */
export function buildPalette(
	planes: Planes3,
	n: number,
	k = PALETTE_SIZE,
	use?: Uint8Array,
	maxSamples = 6000
): { palette: Float32Array; index: Uint8Array } {
	if (k < 1 || k > 255) throw new RangeError('buildPalette: k must be in 1..255');
	// regular subsample, at most ~maxSamples samples
	let total = 0;
	for (let i = 0; i < n; i++) if (!use || use[i]) total++;
	const step = Math.max(1, Math.floor(total / maxSamples));
	const samples = new Float32Array(Math.ceil(total / step) * 3);
	let m = 0;
	let seen = 0;
	const [P0, P1, P2] = planes;
	for (let i = 0; i < n; i++)
		if (!use || use[i])
			if (seen++ % step === 0) {
				samples[m * 3] = P0[i];
				samples[m * 3 + 1] = P1[i];
				samples[m * 3 + 2] = P2[i];
				m++;
			}
	const pal = new Float32Array(k * 3);
	if (m === 0) return { palette: pal, index: new Uint8Array(n) };
	const kk = Math.min(k, m);
	farthestPointInit(samples, m, pal, kk);
	for (let c = kk; c < k; c++) pal.set(pal.subarray(0, 3), c * 3);
	lloyd(samples, m, pal, k, kk);
	// nearest palette colour per pixel through a lazily filled lookup table over colours quantised to 6 bits per channel
	// (a 4 / 255 step, well below the palette's spacing), so each distinct colour is searched once
	return { palette: pal, index: paletteIndex(planes[0], planes[1], planes[2], n, pal, kk) };
}

/** Farthest-point initialisation of the first kk palette colours (deterministic, from the first sample). */
function farthestPointInit(samples: Float32Array, m: number, pal: Float32Array, kk: number): void {
	const dmin = new Float32Array(m).fill(Infinity);
	let pick = 0;
	for (let c = 0; c < kk; c++) {
		pal[c * 3] = samples[pick * 3];
		pal[c * 3 + 1] = samples[pick * 3 + 1];
		pal[c * 3 + 2] = samples[pick * 3 + 2];
		let best = -1;
		for (let j = 0; j < m; j++) {
			const d = sq(samples, j, pal, c);
			if (d < dmin[j]) dmin[j] = d;
			if (dmin[j] > best) {
				best = dmin[j];
				pick = j;
			}
		}
	}
}

/** Lloyd iterations on the palette (at most 8; stops early once no sample changes its cluster). */
function lloyd(samples: Float32Array, m: number, pal: Float32Array, k: number, kk: number): void {
	const assign = new Uint8Array(m).fill(255);
	for (let it = 0; it < 8; it++) {
		const sum = new Float64Array(k * 3);
		const cnt = new Float64Array(k);
		let changed = 0;
		for (let j = 0; j < m; j++) {
			const c = nearest(samples[j * 3], samples[j * 3 + 1], samples[j * 3 + 2], pal, kk);
			if (assign[j] !== c) changed++;
			assign[j] = c;
			cnt[c]++;
			sum[c * 3] += samples[j * 3];
			sum[c * 3 + 1] += samples[j * 3 + 1];
			sum[c * 3 + 2] += samples[j * 3 + 2];
		}
		if (changed === 0) break;
		for (let c = 0; c < kk; c++) if (cnt[c] > 0) for (let t = 0; t < 3; t++) pal[c * 3 + t] = sum[c * 3 + t] / cnt[c];
	}
}

/** Uint8Array [n]: nearest of the first kk palette colours for every pixel (colours quantised to 6 bits per channel). */
function paletteIndex(P0: Float32Array, P1: Float32Array, P2: Float32Array, n: number, pal: Float32Array, kk: number): Uint8Array {
	const index = new Uint8Array(n);
	const lut = new Uint8Array(1 << 18).fill(255);
	for (let i = 0; i < n; i++) {
		const qr = Math.min(63, Math.floor(P0[i] * 64));
		const qg = Math.min(63, Math.floor(P1[i] * 64));
		const qb = Math.min(63, Math.floor(P2[i] * 64));
		const key = (qr << 12) | (qg << 6) | qb;
		let c = lut[key];
		if (c === 255) {
			c = nearest((qr + 0.5) / 64, (qg + 0.5) / 64, (qb + 0.5) / 64, pal, kk);
			lut[key] = c;
		}
		index[i] = c;
	}
	return index;
}

function sq(a: Float32Array, i: number, b: Float32Array, j: number): number {
	const d0 = a[i * 3] - b[j * 3];
	const d1 = a[i * 3 + 1] - b[j * 3 + 1];
	const d2 = a[i * 3 + 2] - b[j * 3 + 2];
	return d0 * d0 + d1 * d1 + d2 * d2;
}

function nearest(r: number, g: number, b: number, pal: Float32Array, k: number): number {
	let best = 0;
	let bd = Infinity;
	for (let c = 0; c < k; c++) {
		// partial sums skip a colour as soon as it cannot be nearer (same result and order as the full distance)
		const d0 = r - pal[c * 3];
		let d = d0 * d0;
		if (d >= bd) continue;
		const d1 = g - pal[c * 3 + 1];
		d += d1 * d1;
		if (d >= bd) continue;
		const d2 = b - pal[c * 3 + 2];
		d += d2 * d2;
		if (d < bd) {
			bd = d;
			best = c;
		}
	}
	return best;
}

/** Block-wise local palette histograms (see the file comment, step 2). */
export interface LocalHistograms {
	k: number;
	/** block size in px */
	s: number;
	/** blocks per row / column */
	sw: number;
	sh: number;
	/** Float32Array [sw*sh*k]: window counts of definite-foreground / definite-background pixels per palette colour. */
	fg: Float32Array;
	bg: Float32Array;
	/** Float32Array [sw*sh]: window totals. */
	totF: Float32Array;
	totB: Float32Array;
}

/**
 * Counts the TRIMAP_FOREGROUND / TRIMAP_BACKGROUND pixels of `samples` per palette colour over windows of half-size R
 * px (blocks of s = clamp(floor(R / 6), 1, 8) px, box radius round(R / s) blocks).
 * @param index Uint8Array [h*w] palette indices in 0..k-1.
 * @param weight optional Float32Array [h*w] of per-sample weights (default 1).
 * @returns histograms whose planes are scratch memory (memory/scratch.ts): see giveHistograms.
 */
export function localHistograms(index: Uint8Array, k: number, samples: Uint8Array, w: number, h: number, R: number, weight?: Float32Array): LocalHistograms {
	const s = Math.max(1, Math.min(8, Math.floor(R / 6)));
	const sw = Math.ceil(w / s);
	const sh = Math.ceil(h / s);
	const sn = sw * sh;
	// the block counts and their window sums are scratch memory (memory/scratch.ts): the counts go back here, the sums
	// with giveHistograms
	const fg = scratch.f32(sn * k);
	const bg = scratch.f32(sn * k);
	const ones = weight ? null : scratch.f32(w * h).fill(1);
	accumulate(index, k, samples, weight ?? ones!, w, h, s, sw, fg, bg);
	// box-filter every palette plane (stored interleaved as [block][colour])
	const r = Math.max(1, Math.round(R / s));
	const colSum = new Float64Array(sw * k);
	const acc = new Float64Array(k);
	const fgSum = boxSumInterleaved(fg, sw, sh, k, r, colSum, acc);
	const bgSum = boxSumInterleaved(bg, sw, sh, k, r, colSum, acc);
	scratch.give(fg, bg, ones);
	const totF = blockTotals(fgSum, k, sn);
	const totB = blockTotals(bgSum, k, sn);
	return { k, s, sw, sh, fg: fgSum, bg: bgSum, totF, totB };
}

/**
 * Gives the planes of local histograms (or of a histogram posterior: its posterior and evidence too) back to the
 * scratch pool (memory/scratch.ts). Nothing may read them afterwards. Optional: planes not given back are collected.
 */
export function giveHistograms(h: LocalHistograms | HistogramPosterior | null | undefined): void {
	if (!h) return;
	if ('hist' in h) {
		scratch.give(h.posterior, h.evidence);
		giveHistograms(h.hist);
		return;
	}
	scratch.give(h.fg, h.bg, h.totF, h.totB);
}

// The loops are small functions of their own with typed-array parameters, so that V8 compiles each once (see refine.ts).

/** Block counts of the TRIMAP_FOREGROUND / TRIMAP_BACKGROUND samples per palette colour, each with its weight. */
function accumulate(
	index: Uint8Array,
	k: number,
	samples: Uint8Array,
	weight: Float32Array,
	w: number,
	h: number,
	s: number,
	sw: number,
	fg: Float32Array,
	bg: Float32Array
): void {
	for (let y = 0; y < h; y++) {
		const row = Math.floor(y / s) * sw;
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			const t = samples[i];
			const j = (row + Math.floor(x / s)) * k + index[i];
			if (t === TRIMAP_FOREGROUND) fg[j] += weight[i];
			else if (t === TRIMAP_BACKGROUND) bg[j] += weight[i];
		}
	}
}

/**
 * Window sums (half-size r blocks, clipped at the border) of the k interleaved planes of `src` ([block][colour],
 * Float32Array [sh*sw*k]): the running sums of BoxFilter.sum (box.ts) applied to all k colours of a block at once, so
 * the memory is read in order. Each colour's sums are computed with the same operations in the same order as
 * BoxFilter.sum on that plane alone (identical results).
 * @param colSum Float64Array [sw*k], acc Float64Array [k]: scratch.
 * @returns Float32Array [sh*sw*k].
 */
function boxSumInterleaved(src: Float32Array, sw: number, sh: number, k: number, r: number, colSum: Float64Array, acc: Float64Array): Float32Array {
	const out = scratch.f32(src.length);
	const rowLen = sw * k;
	colSum.fill(0);
	for (let y = 0; y <= Math.min(sh - 1, r); y++) for (let t = 0, o = y * rowLen; t < rowLen; t++) colSum[t] += src[o + t];
	const xr = Math.min(sw - 1, r);
	for (let y = 0; y < sh; y++) {
		const o = y * rowLen;
		acc.fill(0);
		for (let x = 0; x <= xr; x++) for (let c = 0; c < k; c++) acc[c] += colSum[x * k + c];
		for (let x = 0; x < sw; x++) {
			const ox = o + x * k;
			for (let c = 0; c < k; c++) out[ox + c] = acc[c];
			const add = x + r + 1;
			const sub = x - r;
			if (add < sw) for (let c = 0; c < k; c++) acc[c] += colSum[add * k + c];
			if (sub >= 0) for (let c = 0; c < k; c++) acc[c] -= colSum[sub * k + c];
		}
		const addRow = y + r + 1;
		const subRow = y - r;
		if (addRow < sh) for (let t = 0, q = addRow * rowLen; t < rowLen; t++) colSum[t] += src[q + t];
		if (subRow >= 0) for (let t = 0, q = subRow * rowLen; t < rowLen; t++) colSum[t] -= src[q + t];
	}
	return out;
}

/** Float32Array [sn]: per block, the sum of its k colour counts (added in colour order, as float32). */
function blockTotals(hist: Float32Array, k: number, sn: number): Float32Array {
	const tot = scratch.f32(sn);
	for (let j = 0; j < sn; j++) for (let c = 0; c < k; c++) tot[j] += hist[j * k + c];
	return tot;
}

export interface HistogramPosterior {
	/** Float32Array [h*w]: P(foreground | colour) from the local histograms; 0.5 where a side has no samples. */
	posterior: Float32Array;
	/** Float32Array [h*w] in [0,1): how common the pixel's colour is on either side (0 = never seen). */
	evidence: Float32Array;
	hist: LocalHistograms;
}

/**
 * Local histogram posterior for the pixels marked in `query` (Uint8Array [h*w]; others get posterior 0.5, evidence 0).
 * @param index Uint8Array [h*w] palette indices in 0..k-1 (buildPalette).
 * @param samples Uint8Array [h*w] trimap codes: TRIMAP_FOREGROUND / TRIMAP_BACKGROUND pixels are the samples.
 * @param R window half-size in px.
 * @param weight optional Float32Array [h*w] of per-sample weights (default 1).
 * @returns posterior, evidence and histograms in scratch memory (memory/scratch.ts): the caller may give them back with
 *   giveHistograms once it no longer reads them.
 */
export function histogramPosterior(
	index: Uint8Array,
	k: number,
	samples: Uint8Array,
	w: number,
	h: number,
	R: number,
	query: Uint8Array,
	weight?: Float32Array
): HistogramPosterior {
	const n = w * h;
	// scratch memory (memory/scratch.ts): the caller may give it back with giveHistograms
	const posterior = scratch.f32(n).fill(0.5);
	const evidence = scratch.f32(n);
	const hist = localHistograms(index, k, samples, w, h, R, weight);
	const { s, sw, fg, bg, totF, totB } = hist;
	for (let i = 0; i < n; i++) {
		if (!query[i]) continue;
		const x = i % w;
		const y = (i - x) / w;
		const j = Math.floor(y / s) * sw + Math.floor(x / s);
		if (totF[j] < 1 || totB[j] < 1) continue;
		const fF = fg[j * k + index[i]] / totF[j];
		const fB = bg[j * k + index[i]] / totB[j];
		const sum = fF + fB;
		if (sum <= 0) continue;
		posterior[i] = fF / sum;
		evidence[i] = sum / (sum + EVIDENCE_FREQ);
	}
	return { posterior, evidence, hist };
}

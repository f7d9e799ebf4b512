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
import { BoxFilter } from './box';
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND } from './trimap';

/** Palette size: 24 colours (enough to separate skin, hair, shirt, suit and a few background tones). Engineering choice. */
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
	// farthest-point initialisation (deterministic), starting from the first sample
	const dmin = new Float32Array(m).fill(Infinity);
	let pick = 0;
	const kk = Math.min(k, m);
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
	for (let c = kk; c < k; c++) pal.set(pal.subarray(0, 3), c * 3);
	// Lloyd iterations (at most 8; stops early once no sample changes its cluster)
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
	// nearest palette colour per pixel through a lazily filled lookup table over colours quantised to 6 bits per channel
	// (a 4 / 255 step, well below the palette's spacing), so each distinct colour is searched once
	const index = new Uint8Array(n);
	const lut = new Uint8Array(1 << 18).fill(255);
	for (let i = 0; i < n; i++) {
		const qr = Math.min(63, Math.floor(planes[0][i] * 64));
		const qg = Math.min(63, Math.floor(planes[1][i] * 64));
		const qb = Math.min(63, Math.floor(planes[2][i] * 64));
		const key = (qr << 12) | (qg << 6) | qb;
		let c = lut[key];
		if (c === 255) {
			c = nearest((qr + 0.5) / 64, (qg + 0.5) / 64, (qb + 0.5) / 64, pal, kk);
			lut[key] = c;
		}
		index[i] = c;
	}
	return { palette: pal, index };
}

function sq(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): number {
	const d0 = a[i * 3] - b[j * 3];
	const d1 = a[i * 3 + 1] - b[j * 3 + 1];
	const d2 = a[i * 3 + 2] - b[j * 3 + 2];
	return d0 * d0 + d1 * d1 + d2 * d2;
}

function nearest(r: number, g: number, b: number, pal: Float32Array, k: number): number {
	let best = 0;
	let bd = Infinity;
	for (let c = 0; c < k; c++) {
		const d0 = r - pal[c * 3];
		const d1 = g - pal[c * 3 + 1];
		const d2 = b - pal[c * 3 + 2];
		const d = d0 * d0 + d1 * d1 + d2 * d2;
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
 */
export function localHistograms(index: Uint8Array, k: number, samples: Uint8Array, w: number, h: number, R: number, weight?: Float32Array): LocalHistograms {
	const s = Math.max(1, Math.min(8, Math.floor(R / 6)));
	const sw = Math.ceil(w / s);
	const sh = Math.ceil(h / s);
	const sn = sw * sh;
	const box = new BoxFilter(sw, sh, Math.max(1, Math.round(R / s)));
	const fg = new Float32Array(sn * k);
	const bg = new Float32Array(sn * k);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			const t = samples[i];
			const j = (Math.floor(y / s) * sw + Math.floor(x / s)) * k + index[i];
			const v = weight ? weight[i] : 1;
			if (t === TRIMAP_FOREGROUND) fg[j] += v;
			else if (t === TRIMAP_BACKGROUND) bg[j] += v;
		}
	// box-filter every palette plane (stored interleaved as [block][colour])
	const plane = new Float32Array(sn);
	const out = new Float32Array(sn);
	const filt = (hist: Float32Array) => {
		const tot = new Float32Array(sn);
		for (let c = 0; c < k; c++) {
			for (let j = 0; j < sn; j++) plane[j] = hist[j * k + c];
			box.sum(plane, out);
			for (let j = 0; j < sn; j++) {
				hist[j * k + c] = out[j];
				tot[j] += out[j];
			}
		}
		return tot;
	};
	const totF = filt(fg);
	const totB = filt(bg);
	return { k, s, sw, sh, fg, bg, totF, totB };
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
	const posterior = new Float32Array(n).fill(0.5);
	const evidence = new Float32Array(n);
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

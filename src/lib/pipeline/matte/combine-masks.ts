/**
 * Combination of two person masks of the same output crop: the crop mask (MediaPipe selfie segmentation re-run on the
 * output crop, 256x256 model input, sharper) and the analysis mask (the same model on the whole photo, warped to the
 * crop; coarser). Both err on the wide side beside the head (background between the ears and a window frame or curtain
 * labelled person with high confidence) but rarely at the same pixels, so beside the head, above the chin line and
 * outside the face ellipse, the combination is their minimum (a pixel counts as person only if both say so); below the
 * chin line (shoulders, where a cut is worse than a margin) and in the face ellipse it is the crop mask.
 *
 * Both masks also miss real hair, at different places: the whole-photo model, seeing a close-up, drops long side hair
 * that the crop mask keeps (child-room in `npm run eval:matting`: band ΔE00 23 on red with the plain minimum), and the
 * crop mask leaves a hole in hair falling over a shoulder that the analysis mask fills (longhair-street: 6.5). With
 * colour evidence (the `colour` argument) the masks' disagreements are settled by colour (maskDecisions): local palette
 * histograms (local-histogram.ts) of the pixels both masks agree on (person: both >= 0.5; background: both below
 * KEEP_BACKGROUND_BELOW) give each disagreeing pixel a posterior P and an evidence E (histogramPosterior).
 * - Kept (above the chin line, crop >= 0.5 > analysis): the crop mask's value is kept instead of the minimum unless the
 *   colour says background (P < 1/2 with E >= DISAGREE_EVIDENCE) or the window holds no person sample at all. A window
 *   frame or curtain that one mask wrongly calls person has the colours of the background both masks agree on, so it is
 *   still cut.
 * - Raised (anywhere, analysis >= 0.5 > crop): the analysis mask's value replaces the crop mask's where the colour
 *   clearly says person, P >= RAISE_POSTERIOR with E >= DISAGREE_EVIDENCE; where the window holds no background sample
 *   (hair filling a frame corner), a window RAISE_WIDE_FACTOR times larger decides, with E >= RAISE_WIDE_EVIDENCE.
 * Guards keep the plain rule where a decision would leave no edge for the matting to work on:
 * - thin runs (removed by a 3x3 opening): a one- or two-pixel arc of hair kept around a pocket of background would
 *   close the pocket, and the guard rails fill closed holes as person;
 * - kept pixels within KEEP_BORDER_IED inter-eye distances of the left, right or top frame border: a mask that runs off
 *   the frame has no edge there, so no unknown band would form and mixed border pixels would stay opaque.
 */
import type { Point } from '../../types';
import { CHIN_BELOW_EYES_IED, DISAGREE_EVIDENCE, DISAGREE_POSTERIOR, inFaceEllipse } from './colour-prior';
import { giveHistograms, histogramPosterior, type HistogramPosterior } from './local-histogram';
import { maxFilter, minFilter } from './morphology';
import { scratch } from '../../memory/scratch';
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND, TRIMAP_UNKNOWN } from './trimap';

/**
 * Background samples of the colour decisions: pixels that both masks give less than 0.2. Side hair that both masks are
 * unsure of (values 0.3-0.5) would otherwise count as background and make hair colours look like background.
 * Engineering choice, measured on the eval's known-answer composites: red band ΔE00 mean 4.79 with 0.2 vs 5.36 with 0.5
 * (the plain "both below 1/2"), the other backgrounds equal or better.
 */
export const KEEP_BACKGROUND_BELOW = 0.2;

/**
 * Window half-size of the decisions' histograms, as a fraction of the inter-eye distance: 0.6 (the colour check's final
 * window, INNER_CHECK_IED + BAND_HALF_WIDTH_IED in refine.ts; it reaches from side hair to the hair above the ear).
 * Engineering choice.
 */
export const KEEP_WINDOW_IED = 0.6;

/**
 * Kept pixels within this many inter-eye distances of the left, right or top frame border fall back to the minimum:
 * 0.15, the unknown band's half-width (BAND_HALF_WIDTH_IED in refine.ts). Engineering choice, measured: on the eval's
 * red composites a kept strip of mixed hair-and-background pixels along the frame border left 26 px of the old hue
 * (longhair-blazer) without it, 0 with it.
 */
export const KEEP_BORDER_IED = 0.15;

/** Posterior from which a pixel only the analysis mask calls person is raised: 0.8 = 1 − DISAGREE_POSTERIOR (colour-prior.ts). */
export const RAISE_POSTERIOR = 1 - DISAGREE_POSTERIOR;

/**
 * Window of the second look for raise candidates whose window holds no background sample: RAISE_WIDE_FACTOR (3) times
 * the first, with evidence >= RAISE_WIDE_EVIDENCE (0.25: one hair shade is a small share of the many person colours of a
 * wide window). Engineering choices, measured: longhair-street red band ΔE00 6.52 → 2.94; with the first window alone
 * (no background sample: posterior undefined) 6.52; with any person colour raised there, the white shirt in the frame
 * corners of bun-uniform on white was raised (alpha MAE 0.018 → 0.037).
 */
export const RAISE_WIDE_FACTOR = 3;
export const RAISE_WIDE_EVIDENCE = 0.25;

/** Decision codes of maskDecisions. */
export const MASK_PLAIN = 0;
export const MASK_KEEP_CROP = 1;
export const MASK_RAISE_ANALYSIS = 2;

/** Colour evidence for combinePersonMasks: the crop's palette indices (buildPalette) and the palette size. */
export interface MaskColourEvidence {
	/** Uint8Array [h*w], palette index of every pixel in 0..k-1. */
	index: Uint8Array;
	k: number;
	/** Uint8Array [h*w], 1 = pixel inside the source photo; other pixels are neither samples nor decided. Omitted = all. */
	valid?: Uint8Array;
}

/**
 * @param crop Float32Array [h*w], person probability in [0,1] from the crop itself.
 * @param analysis Float32Array [h*w], person probability in [0,1] warped from the analysis of the whole photo.
 * @param face eye centre in output px; ied inter-eye distance in output px.
 * @param colour optional colour evidence (see the file comment); without it the plain rule (minimum beside the head
 *   above the chin line, crop mask elsewhere).
 * @returns a new Float32Array [h*w].
 * @throws RangeError when the sizes differ.
 */
export function combinePersonMasks(
	crop: Float32Array,
	analysis: Float32Array,
	w: number,
	h: number,
	face: Point,
	ied: number,
	colour?: MaskColourEvidence
): Float32Array {
	const n = w * h;
	if (crop.length !== n || analysis.length !== n) throw new RangeError('combinePersonMasks: mask sizes differ');
	const decision = colour ? maskDecisions(crop, analysis, w, h, face, ied, colour) : null;
	const out = new Float32Array(crop);
	if (decision) for (let i = 0; i < n; i++) if (decision[i] === MASK_RAISE_ANALYSIS) out[i] = analysis[i];
	// the minimum fades in over 0.3 inter-eye distances above the chin line, so the result has no seam
	const chinY = face.y + CHIN_BELOW_EYES_IED * ied;
	const ramp = 0.3 * ied;
	for (let y = 0; y < h; y++) {
		const t = Math.min(1, Math.max(0, (chinY - (y + 0.5)) / ramp));
		if (t <= 0) continue;
		for (let x = 0; x < w; x++) {
			if (inFaceEllipse(x, y, face, ied)) continue;
			const i = y * w + x;
			if (decision && decision[i] !== MASK_PLAIN) continue;
			const m = Math.min(crop[i], analysis[i]);
			out[i] = t * m + (1 - t) * crop[i];
		}
	}
	return out;
}

/**
 * The colour decisions of the file comment for the pixels where the two masks disagree.
 * @param face eye centre in px; ied inter-eye distance in px.
 * @returns Uint8Array [h*w]: MASK_KEEP_CROP (keep the crop mask's value instead of the minimum), MASK_RAISE_ANALYSIS
 *   (take the analysis mask's value), MASK_PLAIN (the plain rule).
 * @throws RangeError when the sizes differ from w*h.
 */
export function maskDecisions(crop: Float32Array, analysis: Float32Array, w: number, h: number, face: Point, ied: number, colour: MaskColourEvidence): Uint8Array {
	const n = w * h;
	if (crop.length !== n || analysis.length !== n) throw new RangeError('maskDecisions: mask sizes differ');
	if (colour.index.length !== n || (colour.valid && colour.valid.length !== n)) throw new RangeError('maskDecisions: colour evidence size differs');
	const samples = new Uint8Array(n);
	const query = new Uint8Array(n);
	const chinY = face.y + CHIN_BELOW_EYES_IED * ied;
	let any = false;
	for (let i = 0; i < n; i++) {
		if (colour.valid && !colour.valid[i]) {
			samples[i] = TRIMAP_UNKNOWN;
			continue;
		}
		const c = crop[i];
		const a = analysis[i];
		samples[i] = c >= 0.5 && a >= 0.5 ? TRIMAP_FOREGROUND : c < KEEP_BACKGROUND_BELOW && a < KEEP_BACKGROUND_BELOW ? TRIMAP_BACKGROUND : TRIMAP_UNKNOWN;
		if (c >= 0.5 && a < 0.5) {
			if (Math.floor(i / w) + 0.5 < chinY) query[i] = MASK_KEEP_CROP;
		} else if (c < 0.5 && a >= 0.5) query[i] = MASK_RAISE_ANALYSIS;
		if (query[i]) any = true;
	}
	const decision = new Uint8Array(n);
	if (!any) return decision;
	const R = Math.max(2, Math.round(KEEP_WINDOW_IED * ied));
	const first = histogramPosterior(colour.index, colour.k, samples, w, h, R, query);
	const block = (p: HistogramPosterior, i: number) => {
		const x = i % w;
		return Math.floor((i - x) / w / p.hist.s) * p.hist.sw + Math.floor(x / p.hist.s);
	};
	// raise candidates whose window holds no background sample get a second, wider look
	const wide = new Uint8Array(n);
	let anyWide = false;
	for (let i = 0; i < n; i++)
		if (query[i] === MASK_RAISE_ANALYSIS && first.hist.totB[block(first, i)] < 1) {
			wide[i] = 1;
			anyWide = true;
		}
	const second = anyWide ? histogramPosterior(colour.index, colour.k, samples, w, h, RAISE_WIDE_FACTOR * R, wide) : null;
	const kept = scratch.f32(n);
	const raised = scratch.f32(n);
	for (let i = 0; i < n; i++) {
		if (query[i] === MASK_RAISE_ANALYSIS) {
			const P = wide[i] ? second!.posterior[i] : first.posterior[i];
			const E = wide[i] ? second!.evidence[i] : first.evidence[i];
			if (P >= RAISE_POSTERIOR && E >= (wide[i] ? RAISE_WIDE_EVIDENCE : DISAGREE_EVIDENCE)) raised[i] = 1;
		} else if (query[i] === MASK_KEEP_CROP) {
			if (first.posterior[i] < 0.5 && first.evidence[i] >= DISAGREE_EVIDENCE) continue;
			// no person samples within reach: nothing supports the crop mask against the analysis mask
			if (first.hist.totF[block(first, i)] < 1) continue;
			kept[i] = 1;
		}
	}
	// 3x3 openings: thin runs keep the plain rule
	// every plane from here on is scratch memory (memory/scratch.ts), given back with the histograms below
	const eroded = minFilter(kept, w, h, 1, scratch.f32(n));
	const openKept = maxFilter(eroded, w, h, 1, scratch.f32(n));
	minFilter(raised, w, h, 1, eroded);
	const openRaised = maxFilter(eroded, w, h, 1, scratch.f32(n));
	const b = Math.max(1, Math.round(KEEP_BORDER_IED * ied));
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			if (raised[i] && openRaised[i] >= 0.5) decision[i] = MASK_RAISE_ANALYSIS;
			else if (kept[i] && openKept[i] >= 0.5 && x >= b && x < w - b && y >= b) decision[i] = MASK_KEEP_CROP;
		}
	scratch.give(kept, raised, eroded, openKept, openRaised);
	giveHistograms(first);
	giveHistograms(second);
	return decision;
}

/**
 * Colour checks of the coarse person mask, for the places where a segmentation mask is wrong with high confidence
 * (a mask 20-30 px too wide beside the head over a window, a street patch beside long hair) or uncertain (soft mask
 * values over a shoulder): the trimap's unknown region is widened where the local colour histograms
 * (local-histogram.ts) disagree with the mask, the band's data term follows the histograms where they are confident,
 * and alpha islands not attached to the person are removed. Engineering design of this project; the constants are tuned
 * on synthetic scenes (tests/unit/matte) and the shared portraits.
 */
import type { Point } from '../../types';
import { labelComponents } from './components';
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND, TRIMAP_UNKNOWN, trimapFromMask } from './trimap';

/** Depth of the inner zone checked for background colours, as a fraction of the inter-eye distance: 0.45 (about 28 mm). */
export const INNER_CHECK_IED = 0.45;
/** Posterior below which a mask pixel counts as background-coloured (and above 1 - this as person-coloured). */
export const DISAGREE_POSTERIOR = 0.2;
/** Minimum histogram evidence for a disagreement. */
export const DISAGREE_EVIDENCE = 0.5;
/** Coarse mask values in [UNCERTAIN_LOW, 0.5) outside the mask are "uncertain" and may be re-labelled by colour. */
export const UNCERTAIN_LOW = 0.1;
/** Alpha threshold for the connectivity check of dropDetachedAlpha. */
export const DETACHED_ALPHA = 0.1;

/**
 * Face ellipse that is never re-labelled (skin, eyebrows, beard): centre 0.4 inter-eye distances below the eye centre,
 * semi-axes 0.85 (horizontal) and 1.5 (vertical) inter-eye distances; from typical adult proportions (eye-to-chin
 * about 1.7 and face width about 2 inter-eye distances, e.g. Farkas, "Anthropometry of the Head and Face", 1994).
 */
export function inFaceEllipse(x: number, y: number, face: Point, ied: number): boolean {
	const dx = (x + 0.5 - face.x) / (0.85 * ied);
	const dy = (y + 0.5 - face.y - 0.4 * ied) / (1.5 * ied);
	return dx * dx + dy * dy <= 1;
}

/** Chin line below the eye centre, in inter-eye distances: 1.7 (typical adult eye-to-chin distance; Farkas 1994). */
export const CHIN_BELOW_EYES_IED = 1.7;

/**
 * Candidate pixels whose mask label the colour check may overturn.
 * - Inner (1): mask pixels (kept = 1, trimap foreground) outside the face ellipse that lie within `innerPx` of the mask
 *   edge, or, above the chin line, within `innerPx` of the left, right or top image border (a mask that runs off the
 *   frame beside the head has no edge there, yet may hold background).
 * - Outer (2): trimap-background pixels whose coarse value is at least UNCERTAIN_LOW, or that lie below the chin line
 *   within `innerPx` of the mask (a shoulder the mask left out).
 * @returns Uint8Array [h*w]: 1 = inner candidate, 2 = outer candidate, 0 = none.
 */
export function candidateZone(
	kept: Uint8Array,
	trimap: Uint8Array,
	coarse: Float32Array,
	w: number,
	h: number,
	innerPx: number,
	face: Point,
	ied: number,
	valid?: Uint8Array
): Uint8Array {
	const near = trimapFromMask(kept, w, h, innerPx, valid);
	const chinY = face.y + CHIN_BELOW_EYES_IED * ied;
	const zone = new Uint8Array(w * h);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			if (trimap[i] === TRIMAP_FOREGROUND) {
				const nearBorder = y < chinY && (x < innerPx || x >= w - innerPx || y < innerPx);
				if ((near[i] === TRIMAP_UNKNOWN || nearBorder) && !inFaceEllipse(x, y, face, ied)) zone[i] = 1;
			} else if (trimap[i] === TRIMAP_BACKGROUND && (coarse[i] >= UNCERTAIN_LOW || (y > chinY && near[i] === TRIMAP_UNKNOWN))) zone[i] = 2;
		}
	return zone;
}

/**
 * Pixels where mask and colour disagree.
 * - Inner candidates (zone 1) with posterior < DISAGREE_POSTERIOR and evidence >= DISAGREE_EVIDENCE, 4-connected
 *   through such pixels to an unknown-band pixel whose posterior is below 1/2 (background reaching in from outside the
 *   mask; an isolated dark patch inside the suit stays foreground).
 * - Outer candidates (zone 2) with posterior > 1 - DISAGREE_POSTERIOR (same evidence), 4-connected through such pixels
 *   to an unknown-band pixel with posterior above 1/2 (a shoulder the mask left out).
 * @param flag Uint8Array [h*w] of earlier flags (kept, and used as seeds); filled in place with the zone code (1 / 2).
 * @returns number of pixels newly flagged.
 */
export function flagDisagreement(
	flag: Uint8Array,
	trimap: Uint8Array,
	zone: Uint8Array,
	posterior: Float32Array,
	evidence: Float32Array,
	w: number,
	h: number
): number {
	const n = w * h;
	const stack = new Int32Array(n);
	const before = countNonZero(flag);
	floodFlags(1, true, flag, trimap, zone, posterior, evidence, w, stack);
	floodFlags(2, false, flag, trimap, zone, posterior, evidence, w, stack);
	return countNonZero(flag) - before;
}

// The loops are small functions of their own (no closures over mutable counters), so that V8 compiles each once
// (see refine.ts).

function countNonZero(a: Uint8Array): number {
	let c = 0;
	for (let i = 0; i < a.length; i++) if (a[i]) c++;
	return c;
}

/** Whether zone pixel q of side `code` disagrees confidently with its mask label (see flagDisagreement). */
function disagrees(q: number, code: number, bgSide: boolean, zone: Uint8Array, posterior: Float32Array, evidence: Float32Array): boolean {
	return zone[q] === code && evidence[q] >= DISAGREE_EVIDENCE && (bgSide ? posterior[q] < DISAGREE_POSTERIOR : posterior[q] > 1 - DISAGREE_POSTERIOR);
}

/** Pushes q when it is unflagged and disagrees (flagging it `code`); returns the new stack size. */
function visitFlag(q: number, code: number, bgSide: boolean, flag: Uint8Array, zone: Uint8Array, posterior: Float32Array, evidence: Float32Array, stack: Int32Array, sp: number): number {
	if (flag[q] || !disagrees(q, code, bgSide, zone, posterior, evidence)) return sp;
	flag[q] = code;
	stack[sp] = q;
	return sp + 1;
}

/** visitFlag on the 4-neighbours of p (inside the w-wide raster); returns the new stack size. */
function visitNeighbours(p: number, w: number, code: number, bgSide: boolean, flag: Uint8Array, zone: Uint8Array, posterior: Float32Array, evidence: Float32Array, stack: Int32Array, sp: number): number {
	const n = flag.length;
	const x = p % w;
	if (x > 0) sp = visitFlag(p - 1, code, bgSide, flag, zone, posterior, evidence, stack, sp);
	if (x < w - 1) sp = visitFlag(p + 1, code, bgSide, flag, zone, posterior, evidence, stack, sp);
	if (p >= w) sp = visitFlag(p - w, code, bgSide, flag, zone, posterior, evidence, stack, sp);
	if (p < n - w) sp = visitFlag(p + w, code, bgSide, flag, zone, posterior, evidence, stack, sp);
	return sp;
}

/** Flood of one side's flags (code 1: background colours inside the mask; 2: person colours outside it), in place. */
function floodFlags(
	code: number,
	bgSide: boolean,
	flag: Uint8Array,
	trimap: Uint8Array,
	zone: Uint8Array,
	posterior: Float32Array,
	evidence: Float32Array,
	w: number,
	stack: Int32Array
): void {
	const n = flag.length;
	let sp = 0;
	for (let i = 0; i < n; i++) {
		const seed = flag[i] === code || (trimap[i] === TRIMAP_UNKNOWN && (bgSide ? posterior[i] < 0.5 : posterior[i] > 0.5));
		if (!seed) continue;
		sp = visitNeighbours(i, w, code, bgSide, flag, zone, posterior, evidence, stack, sp);
	}
	while (sp > 0) {
		const p = stack[--sp];
		sp = visitNeighbours(p, w, code, bgSide, flag, zone, posterior, evidence, stack, sp);
	}
}

/**
 * Turns the flagged pixels (flagDisagreement), grown by `growPx` (square) within their zone, into unknown pixels of
 * `trimap` (in place), so that the outline of the flagged region lies inside the unknown region.
 * @returns number of pixels turned unknown.
 */
export function widenUnknown(trimap: Uint8Array, flag: Uint8Array, zone: Uint8Array, w: number, h: number, growPx = 2): number {
	let changed = 0;
	const g = Math.max(0, Math.round(growPx));
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			if (!flag[i]) continue;
			for (let yy = Math.max(0, y - g); yy <= Math.min(h - 1, y + g); yy++)
				for (let xx = Math.max(0, x - g); xx <= Math.min(w - 1, x + g); xx++) {
					const q = yy * w + xx;
					if (zone[q] === flag[i] && trimap[q] !== TRIMAP_UNKNOWN) {
						trimap[q] = TRIMAP_UNKNOWN;
						changed++;
					}
				}
		}
	return changed;
}

/**
 * Band data term: the mean-colour projection `projection` (colour-model.ts), pulled to the histogram's verdict where
 * the histograms are confident: u = evidence · |2 posterior − 1|, data = (1 − u) · projection + u · [posterior > 1/2].
 * The projection handles mixed edge colours (hair strands) whose colour is rare on both sides (low evidence); the
 * histograms handle textured backgrounds whose darker or lighter parts project towards the person's mean colour.
 * @returns Float32Array [n], in place into `projection` for unknown pixels of `trimap` only.
 */
export function combineDataTerms(projection: Float32Array, posterior: Float32Array, evidence: Float32Array, trimap: Uint8Array): Float32Array {
	for (let i = 0; i < projection.length; i++) {
		if (trimap[i] !== TRIMAP_UNKNOWN) continue;
		const p = posterior[i];
		const u = evidence[i] * Math.abs(2 * p - 1);
		projection[i] = (1 - u) * projection[i] + u * (p > 0.5 ? 1 : 0);
	}
	return projection;
}

/**
 * Sets alpha to 0 (in place) on every 8-connected component of {alpha > DETACHED_ALPHA} that holds no definite
 * foreground pixel of `trimap`: specks of background that the band's data term let through, detached from the person.
 * @returns number of pixels cleared.
 */
export function dropDetachedAlpha(alpha: Float32Array, trimap: Uint8Array, w: number, h: number): number {
	const n = w * h;
	const m = new Uint8Array(n);
	for (let i = 0; i < n; i++) m[i] = alpha[i] > DETACHED_ALPHA ? 1 : 0;
	const { labels, count } = labelComponents(m, w, h);
	const keep = new Uint8Array(count + 1);
	for (let i = 0; i < n; i++) if (trimap[i] === TRIMAP_FOREGROUND && labels[i]) keep[labels[i]] = 1;
	let cleared = 0;
	for (let i = 0; i < n; i++)
		if (labels[i] && !keep[labels[i]]) {
			alpha[i] = 0;
			cleared++;
		}
	return cleared;
}

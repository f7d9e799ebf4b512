/**
 * Crop layout: the similarity transform that levels the eyes, scales the head to the target head-height ratio
 * and places the eye line and the face centre in their windows.
 */
import type { Point } from '../../types';
import { type Affine, applyAffine, invertAffine, similarity } from './affine';
import type { HeadMeasurement } from './measure-head';

/** A closed window [min, max] with a preferred value, all as ratios of the output photo height. */
export interface RatioWindow {
	min: number;
	max: number;
	target: number;
}

/**
 * What the layout has to achieve, independent of any spec library (the spec library converts its mm rules to
 * this). All ratios are fractions of the OUTPUT photo height.
 */
export interface LayoutTarget {
	/** Output size in px. */
	outWidthPx: number;
	outHeightPx: number;
	/** 'crown-to-chin': head top = top of the hair (crown); 'skull-to-chin': head top = top of the skull, hair excluded. */
	headDefinition: 'crown-to-chin' | 'skull-to-chin';
	/** Head height (head top to chin) / photo height. */
	headHeightRatio: RatioWindow;
	/** Eye line distance from the BOTTOM edge / photo height. */
	eyeFromBottomRatio?: RatioWindow;
	/** Distance from the top edge to the head top / photo height. */
	topMarginRatio?: RatioWindow;
}

export interface LayoutOptions {
	/** Multiplies the target head-height ratio; the result is clamped to the head window. Default 1. */
	headScale?: number;
	/** Horizontal nudge of the eye centre, output px (+ = right); clamped to the centring window. Default 0. */
	offsetX?: number;
	/** Vertical nudge of the eye line, output px (+ = down); clamped to the feasible eye window. Default 0. */
	offsetY?: number;
}

/**
 * Horizontal centring window for the eye midpoint, fraction of the output width: 45-55 %
 * (quality-measures.md section 2, "Horizontal centring", third-party ISO/IEC 19794-5 checkers; medium confidence).
 */
export const CENTRING_WINDOW = { min: 0.45, max: 0.55 } as const;

/**
 * Fallback top margin (fraction of photo height) when the target has neither an eye-line nor a top-margin window:
 * 10 %, the low end of HivisionIDPhotos' 10-12 % default (peers.md).
 */
export const DEFAULT_TOP_MARGIN_RATIO = 0.1;

/**
 * Minimum top margin (fraction of photo height) enforced when the target has no top-margin window: 3 %. ICAO 9303 photo
 * guidelines require the whole head, hair included, inside the photo with space above it; 3 % keeps the crown off the
 * edge even with ~1 % crown-measurement noise. Engineering choice (JP's 4 +- 2 mm of 45 mm is 4-13 %).
 */
export const MIN_TOP_MARGIN_RATIO = 0.03;

/**
 * How far inside the head-height window (fraction of photo height) a head ratio must be for the layout to shrink the
 * head so that hair above the skull fits (skull-to-chin documents): the pipeline's ratio tolerance of 1 %, so the
 * finished photo's re-measurement stays inside the window. Engineering choice.
 */
export const HAIR_FIT_RATIO_MARGIN = 0.01;

export type LayoutConflict = 'top-margin' | 'eye-line' | 'head-height';

export interface Layout {
	/** Source px -> output px. */
	transform: Affine;
	/** Output px -> source px. */
	inverse: Affine;
	outWidthPx: number;
	outHeightPx: number;
	/** Output px per source px. */
	scale: number;
	/** Rotation applied to the source, degrees clockwise on screen (= -head.rollDeg). */
	rotationDeg: number;
	/** The output rectangle in source px: corners of the output TL, TR, BR, BL, its centre, size (source px) and the angle of its top edge (degrees clockwise on screen, = head.rollDeg). */
	crop: { corners: [Point, Point, Point, Point]; centre: Point; widthPx: number; heightPx: number; angleDeg: number };
	/** Which head top was used: the mask crown, the estimated skull top, or the skull estimate standing in for a missing crown. */
	headTop: 'crown' | 'skull' | 'skull-estimate-for-crown';
	/** Predicted positions in the output, px from the top / left edge, and ratios of the output height / width. */
	predicted: {
		eyeXPx: number;
		eyeYPx: number;
		headTopYPx: number;
		crownYPx: number | null;
		skullTopYPx: number;
		chinYPx: number;
		headHeightRatio: number;
		eyeLineFromBottomRatio: number;
		topMarginRatio: number;
		eyeCentreXRatio: number;
	};
	/** Windows that could not be met together with the higher-priority ones (priority: head height, eye line, top margin). */
	conflicts: LayoutConflict[];
	/** Human-readable notes (crown estimated, conflicts explained). */
	warnings: string[];
}

interface Interval {
	lo: number;
	hi: number;
}

const intersect = (a: Interval, b: Interval): Interval => ({ lo: Math.max(a.lo, b.lo), hi: Math.min(a.hi, b.hi) });
const nonEmpty = (i: Interval) => i.lo <= i.hi + 1e-9;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function checkWindow(name: string, w: RatioWindow | undefined) {
	if (!w) return;
	if (!(w.min <= w.target && w.target <= w.max) || w.min < 0 || w.max > 1)
		throw new RangeError(`computeLayout: ${name} window must satisfy 0 <= min <= target <= max <= 1, got ${JSON.stringify(w)}`);
}

/**
 * Computes the crop layout.
 *
 * Order of decisions: (1) head-height ratio = target * headScale, clamped to its window; (2) the eye line is placed at
 * its target (or, without an eye window, the head top at the top-margin target, else at DEFAULT_TOP_MARGIN_RATIO),
 * shifted by offsetY and clamped to the intersection of: the eye window, the top-margin window (without one: top margin
 * >= MIN_TOP_MARGIN_RATIO), and "head top >= 0, chin <= bottom". When that intersection is empty at the chosen head ratio, other head ratios inside the head window are
 * tried (nearest first); if none works the top-margin window is dropped ('top-margin' conflict), then the eye window
 * ('eye-line' conflict). (3) The eye centre is placed at the horizontal centre + offsetX, clamped to CENTRING_WINDOW.
 *
 * @param head measurement from measureHead (levelled frame).
 * @param target output size and windows.
 * @param sourceSize source image size in px; only validated here (whether the crop fits the source is needsExtension's job).
 * @throws RangeError on invalid windows / sizes or a degenerate head (chin not below the head top).
 */
export function computeLayout(
	head: HeadMeasurement,
	target: LayoutTarget,
	sourceSize: { width: number; height: number },
	options: LayoutOptions = {}
): Layout {
	const W = target.outWidthPx;
	const H = target.outHeightPx;
	if (!(W > 0 && H > 0 && Number.isFinite(W) && Number.isFinite(H))) throw new RangeError('computeLayout: output size must be positive');
	if (!(sourceSize.width > 0 && sourceSize.height > 0)) throw new RangeError('computeLayout: source size must be positive');
	checkWindow('headHeightRatio', target.headHeightRatio);
	checkWindow('eyeFromBottomRatio', target.eyeFromBottomRatio);
	checkWindow('topMarginRatio', target.topMarginRatio);

	const warnings: string[] = [];
	let headTop: Layout['headTop'];
	let topY: number;
	if (target.headDefinition === 'crown-to-chin') {
		if (head.crownY !== null) {
			topY = head.crownY;
			headTop = 'crown';
			if (head.crownTouchesEdge) warnings.push('The hair reaches the top edge of the source photo: the crown may be higher than measured.');
		} else {
			topY = head.skullTopY;
			headTop = 'skull-estimate-for-crown';
			warnings.push('No person mask over the head: the crown was estimated from the face landmarks (skull top, hair excluded).');
		}
	} else {
		topY = head.skullTopY;
		headTop = 'skull';
	}
	const dTop = head.eyeY - topY; // levelled px, eye line to head top
	const dChin = head.chinY - head.eyeY; // levelled px, eye line to chin
	if (!(dTop > 0 && dChin > 0)) throw new RangeError('computeLayout: degenerate head (head top, eye line and chin not in order)');
	const headPxSrc = dTop + dChin;
	// A document that measures to the skull still wants the hair in the picture (reference/peers.md: "head top cut
	// off" is a common complaint): eye line to the top of the hair, levelled px, when the hair rises above the skull.
	const dHair = target.headDefinition === 'skull-to-chin' && head.crownY !== null && head.crownY < topY ? head.eyeY - head.crownY : null;

	const hw = target.headHeightRatio;
	const r0 = clamp(hw.target * (options.headScale ?? 1), hw.min, hw.max);
	const eyeWin = target.eyeFromBottomRatio;
	const topWin = target.topMarginRatio;

	const intervalsAt = (r: number) => {
		const s = (r * H) / headPxSrc;
		const phys: Interval = { lo: s * dTop, hi: H - s * dChin };
		const eye: Interval = eyeWin ? { lo: H * (1 - eyeWin.max), hi: H * (1 - eyeWin.min) } : { lo: -Infinity, hi: Infinity };
		const top: Interval = topWin
			? { lo: topWin.min * H + s * dTop, hi: topWin.max * H + s * dTop }
			: { lo: MIN_TOP_MARGIN_RATIO * H + s * dTop, hi: Infinity };
		// The top of the hair at least MIN_TOP_MARGIN_RATIO below the top edge.
		const hair: Interval = dHair !== null ? { lo: MIN_TOP_MARGIN_RATIO * H + s * dHair, hi: Infinity } : { lo: -Infinity, hi: Infinity };
		return { s, phys, eye, top, hair };
	};
	// candidate head ratios: r0 first, then outward within the head window in steps of 1/400 of the window width
	const candidates: number[] = [r0];
	const step = Math.max((hw.max - hw.min) / 400, 1e-6);
	for (let k = 1; r0 - k * step >= hw.min - 1e-12 || r0 + k * step <= hw.max + 1e-12; k++) {
		if (r0 + k * step <= hw.max + 1e-12) candidates.push(r0 + k * step);
		if (r0 - k * step >= hw.min - 1e-12) candidates.push(r0 - k * step);
	}
	// To fit the hair the head ratio may move away from the requested r0 only to ratios at least HAIR_FIT_RATIO_MARGIN
	// inside the head window: a head height at the window's very edge would fail the re-measurement of the finished
	// photo on measurement noise alone.
	const hairFits = (r: number) => r === r0 || (r >= hw.min + HAIR_FIT_RATIO_MARGIN && r <= hw.max - HAIR_FIT_RATIO_MARGIN);
	const never: Interval = { lo: 1, hi: 0 };
	const tiers: { use: (x: ReturnType<typeof intervalsAt>, r: number) => Interval; conflicts: LayoutConflict[] }[] = [
		{ use: (x, r) => (hairFits(r) ? intersect(intersect(intersect(x.phys, x.eye), x.top), x.hair) : never), conflicts: [] },
		{ use: (x) => intersect(intersect(x.phys, x.eye), x.top), conflicts: [] },
		{ use: (x) => intersect(x.phys, x.eye), conflicts: ['top-margin'] },
		{ use: (x) => x.phys, conflicts: [...(eyeWin ? (['eye-line'] as LayoutConflict[]) : []), 'top-margin'] }
	];
	let chosen: { r: number; s: number; win: Interval; conflicts: LayoutConflict[] } | null = null;
	for (const tier of tiers) {
		for (const r of candidates) {
			const x = intervalsAt(r);
			const win = tier.use(x, r);
			if (nonEmpty(win)) {
				chosen = { r, s: x.s, win, conflicts: tier.conflicts };
				break;
			}
		}
		if (chosen) break;
	}
	if (!chosen) {
		// Only possible when the head window itself exceeds the photo; place the head top at 0.
		const x = intervalsAt(r0);
		chosen = { r: r0, s: x.s, win: { lo: x.phys.lo, hi: x.phys.lo }, conflicts: ['head-height'] };
	}
	const { s, win, conflicts } = chosen;
	if (Math.abs(chosen.r - r0) > 1e-9) warnings.push(`Head height moved from ${(r0 * 100).toFixed(1)} % to ${(chosen.r * 100).toFixed(1)} % of the photo height to meet the eye-line and top-margin windows together.`);
	if (conflicts.includes('top-margin'))
		warnings.push(
			topWin
				? 'The top-margin window cannot be met together with the head-height and eye-line windows for this face.'
				: 'There is too little space above the head with the required head height and eye line for this face.'
		);
	if (conflicts.includes('eye-line')) warnings.push('The eye-line window cannot be met together with the head-height window for this face (unusual head proportions).');

	let preferred: number;
	if (eyeWin) preferred = H * (1 - eyeWin.target);
	else if (topWin) preferred = topWin.target * H + s * dTop;
	else preferred = Math.min(DEFAULT_TOP_MARGIN_RATIO, (1 - chosen.r) / 2) * H + s * dTop;
	const eyeYPx = clamp(preferred + (options.offsetY ?? 0), win.lo, win.hi);
	const eyeXPx = clamp(W / 2 + (options.offsetX ?? 0), CENTRING_WINDOW.min * W, CENTRING_WINDOW.max * W);

	const rotationDeg = -head.rollDeg;
	const transform = similarity(s, rotationDeg, head.eyeCentre, { x: eyeXPx, y: eyeYPx });
	const inverse = invertAffine(transform);
	const corners: [Point, Point, Point, Point] = [
		applyAffine(inverse, { x: 0, y: 0 }),
		applyAffine(inverse, { x: W, y: 0 }),
		applyAffine(inverse, { x: W, y: H }),
		applyAffine(inverse, { x: 0, y: H })
	];
	const yOut = (levelledY: number) => eyeYPx + s * (levelledY - head.eyeY);
	const headTopYPx = yOut(topY);
	const chinYPx = yOut(head.chinY);
	return {
		transform,
		inverse,
		outWidthPx: W,
		outHeightPx: H,
		scale: s,
		rotationDeg,
		crop: { corners, centre: applyAffine(inverse, { x: W / 2, y: H / 2 }), widthPx: W / s, heightPx: H / s, angleDeg: head.rollDeg },
		headTop,
		predicted: {
			eyeXPx,
			eyeYPx,
			headTopYPx,
			crownYPx: head.crownY === null ? null : yOut(head.crownY),
			skullTopYPx: yOut(head.skullTopY),
			chinYPx,
			headHeightRatio: (chinYPx - headTopYPx) / H,
			eyeLineFromBottomRatio: (H - eyeYPx) / H,
			topMarginRatio: headTopYPx / H,
			eyeCentreXRatio: eyeXPx / W
		},
		conflicts,
		warnings
	};
}

/**
 * Size and geometry helpers derived from a PhotoSpec: output pixel size, mm <-> ratio
 * conversions, resolved windows, and the normalised geometry target for the layout engine.
 * Units: mm on paper, px, dpi (1 in = 25.4 mm); ratios are fractions of photo height
 * (head width: of photo width).
 */
import { DEFAULT_DPI, MM_PER_INCH, type HeadDefinition, type PhotoSpec } from './schema';

/** mm at `dpi` -> px (not rounded). px = mm * dpi / 25.4. */
export function mmToPx(mm: number, dpi: number): number {
	return (mm * dpi) / MM_PER_INCH;
}

/** px at `dpi` -> mm. mm = px * 25.4 / dpi. */
export function pxToMm(px: number, dpi: number): number {
	return (px * MM_PER_INCH) / dpi;
}

/** A length in mm -> ratio of `photoLengthMm` (the photo height, or width for head width). */
export function mmToRatio(mm: number, photoLengthMm: number): number {
	if (!(photoLengthMm > 0)) throw new RangeError(`photo length must be > 0 mm, got ${photoLengthMm}`);
	return mm / photoLengthMm;
}

/** A ratio of `photoLengthMm` -> mm. */
export function ratioToMm(ratio: number, photoLengthMm: number): number {
	if (!(photoLengthMm > 0)) throw new RangeError(`photo length must be > 0 mm, got ${photoLengthMm}`);
	return ratio * photoLengthMm;
}

/** Output pixel size of a spec and where it comes from. */
export interface OutputSize {
	widthPx: number;
	heightPx: number;
	/**
	 * Resolution to write into the file and to print at (dpi). With a print size it is the
	 * resolution at which `heightPx` prints at `print.heightMm`; digital-only specs get
	 * DEFAULT_DPI (300), which then only matters as file metadata.
	 */
	dpi: number;
	/** 'digital-exact': the authority's exact px; 'print': print mm x dpi / 25.4, rounded (and scaled into a digital range if one is given); 'digital-min': the range minimum. */
	basis: 'digital-exact' | 'print' | 'digital-min';
}

/**
 * Pixel size to produce for `spec`.
 * 1. `digital.widthPx/heightPx` (exact) wins.
 * 2. Else print: round(mm * dpi / 25.4) per side; when a digital range is also given the
 *    size is scaled uniformly (aspect kept) up to the minima or down to the maxima.
 * 3. Else the digital range minima (`minWidthPx` x `minHeightPx`).
 * Example: us-passport 2x2 in (50.8 mm) at 300 dpi -> 600x600; 35x45 mm at 300 dpi -> 413x531.
 */
export function outputPixelSize(spec: PhotoSpec): OutputSize {
	const d = spec.digital;
	const p = spec.print;
	if (d?.widthPx !== undefined && d.heightPx !== undefined) {
		const dpi = p ? Math.round(d.heightPx / (p.heightMm / MM_PER_INCH)) : DEFAULT_DPI;
		return { widthPx: d.widthPx, heightPx: d.heightPx, dpi, basis: 'digital-exact' };
	}
	if (p) {
		const w = mmToPx(p.widthMm, p.dpi);
		const h = mmToPx(p.heightMm, p.dpi);
		let scale = 1;
		if (d) {
			scale = Math.max(scale, (d.minWidthPx ?? 0) / w, (d.minHeightPx ?? 0) / h);
			scale = Math.min(scale, (d.maxWidthPx ?? Infinity) / w, (d.maxHeightPx ?? Infinity) / h);
		}
		const widthPx = Math.round(w * scale);
		const heightPx = Math.round(h * scale);
		const dpi = scale === 1 ? p.dpi : Math.round(heightPx / (p.heightMm / MM_PER_INCH));
		return { widthPx, heightPx, dpi, basis: 'print' };
	}
	if (d?.minWidthPx !== undefined && d.minHeightPx !== undefined) {
		return { widthPx: d.minWidthPx, heightPx: d.minHeightPx, dpi: DEFAULT_DPI, basis: 'digital-min' };
	}
	// parseSpec guarantees print or digital; reaching here means an unvalidated object.
	throw new Error(`spec "${spec.id}" has neither a print size nor a digital size`);
}

/** A window in ratio units; a missing side means the spec gives no bound there. */
export interface RatioWindow {
	min?: number;
	max?: number;
	/** Spec's preferred value (ratio), when it states one. */
	target?: number;
}

type AnyWindow = { minRatio?: number; maxRatio?: number; minMm?: number; maxMm?: number; targetRatio?: number };

/**
 * Combines a window's ratio and mm bounds into one ratio window (their intersection: a value
 * must satisfy both statements). mm bounds are divided by `photoLengthMm` (photo height, or
 * width for head width); they are ignored when no print size is known (parseSpec rejects
 * mm without print).
 */
export function resolveWindow(w: AnyWindow, photoLengthMm: number | undefined): RatioWindow {
	const mins: number[] = [];
	const maxs: number[] = [];
	if (w.minRatio !== undefined) mins.push(w.minRatio);
	if (w.maxRatio !== undefined) maxs.push(w.maxRatio);
	if (photoLengthMm !== undefined) {
		if (w.minMm !== undefined) mins.push(mmToRatio(w.minMm, photoLengthMm));
		if (w.maxMm !== undefined) maxs.push(mmToRatio(w.maxMm, photoLengthMm));
	}
	const out: RatioWindow = {};
	if (mins.length) out.min = Math.max(...mins);
	if (maxs.length) out.max = Math.min(...maxs);
	if (w.targetRatio !== undefined) out.target = w.targetRatio;
	return out;
}

/** Closed window with a layout target, all ratios of photo height. */
export interface TargetWindow {
	min: number;
	max: number;
	target: number;
}

/** What the layout engine needs to frame a face for a spec. */
export interface GeometryTarget {
	outWidthPx: number;
	outHeightPx: number;
	dpi: number;
	headDefinition: HeadDefinition;
	/** 'assumed' when the authority publishes no head size (see the spec's notes). */
	headBasis: 'published' | 'assumed';
	/** Chin to top of head (per headDefinition) / photo height. */
	headHeightRatio: TargetWindow;
	/** Eye line height above the BOTTOM edge / photo height (top-measured specs are converted). */
	eyeFromBottomRatio?: TargetWindow;
	/** Top edge to top of head / photo height. */
	topMarginRatio?: TargetWindow;
}

function closed(w: RatioWindow, what: string, specId: string): TargetWindow | undefined {
	if (w.min === undefined || w.max === undefined) return undefined;
	// min == max is a single published value (e.g. RU: 5 mm above the head).
	if (!(w.min <= w.max)) throw new Error(`spec "${specId}": empty ${what} window [${w.min}, ${w.max}]`);
	const target = w.target ?? (w.min + w.max) / 2;
	return { min: w.min, max: w.max, target: Math.min(w.max, Math.max(w.min, target)) };
}

/**
 * Normalised geometry target for the layout engine.
 * - Sizes from `outputPixelSize`.
 * - Each window = intersection of its ratio and mm bounds (mm / print height).
 * - Targets are the spec's `targetRatio` or else the window middle.
 * - An eye line published from the top is converted: fromBottom = 1 - fromTop
 *   (min and max swap).
 * - Windows bounded on one side only (e.g. CN resident ID: eye line >= 207 px from the
 *   bottom) are constraints, not targets: they are left out here; the checker reads them
 *   from the spec via `resolveWindow`.
 * @throws Error when a window is empty after intersecting (cannot happen for parsed specs).
 */
export function geometryTarget(spec: PhotoSpec): GeometryTarget {
	const size = outputPixelSize(spec);
	const h = spec.print?.heightMm;
	const head = closed(resolveWindow(spec.head, h), 'head', spec.id);
	if (!head) throw new Error(`spec "${spec.id}": head window needs both bounds`);
	const out: GeometryTarget = {
		outWidthPx: size.widthPx,
		outHeightPx: size.heightPx,
		dpi: size.dpi,
		headDefinition: spec.head.definition,
		headBasis: spec.head.basis,
		headHeightRatio: head
	};
	if (spec.eyeLine) {
		const w = closed(resolveWindow(spec.eyeLine, h), 'eye line', spec.id);
		if (w) {
			out.eyeFromBottomRatio =
				spec.eyeLine.from === 'bottom' ? w : { min: 1 - w.max, max: 1 - w.min, target: 1 - w.target };
		}
	}
	if (spec.topMargin) {
		const w = closed(resolveWindow(spec.topMargin, h), 'top margin', spec.id);
		if (w) out.topMarginRatio = w;
	}
	return out;
}

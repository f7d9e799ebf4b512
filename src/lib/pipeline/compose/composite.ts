/**
 * Compositing the matted person over a flat background, and extending the person where the output crop reaches
 * beyond the source photo.
 */
import type { RgbaImage } from '../../types';
import { scratch } from '../../memory/scratch';

export interface Rgb {
	r: number;
	g: number;
	b: number;
}

/** Coverage at or above which an output pixel counts as "inside the source" (warpAffine supersamples, so edges are fractional). */
export const FULL_COVERAGE = 0.999;

export interface ExtensionResult {
	foreground: RgbaImage;
	alpha: Float32Array;
	/** Output pixels whose person colour / alpha were synthesised by extension. */
	extendedPx: number;
}

/**
 * Extends the person into the parts of the output that lie outside the source (coverage < FULL_COVERAGE), so that a
 * crop reaching below the photo does not leave a floating head:
 * - Bottom: in every column, the last fully covered row's foreground colour and alpha are repeated down to the bottom
 *   edge (clothing continues straight down; background stays background because its alpha, 0, is repeated too).
 * - Sides: only for rows below `chinYPx` (the shoulders), the first / last fully covered pixel of the row (after the
 *   bottom step) is repeated outwards. Rows at and above the chin are never extended sideways (no smeared face / hair).
 * - Top: never extended; the head cannot be invented. Those pixels keep alpha 0 and become background
 *   (the check report flags a cut crown).
 * Inputs are not modified; the returned foreground and alpha are copies in scratch memory (memory/scratch.ts), which
 * the caller may give back.
 * @param fg RGBA image (colour of the person; alpha channel ignored).
 * @param alpha Float32Array [h*w] in [0,1].
 * @param coverage Float32Array [h*w] from warpAffine.
 * @param chinYPx chin line in output px; omit to disable sideways extension.
 */
export function extendBeyondSource(fg: RgbaImage, alpha: Float32Array, coverage: Float32Array, chinYPx?: number): ExtensionResult {
	const w = fg.width;
	const h = fg.height;
	const n = w * h;
	if (alpha.length !== n || coverage.length !== n) throw new RangeError('extendBeyondSource: plane sizes differ');
	// copies in scratch memory (memory/scratch.ts): composite gives them back
	const out = scratch.u8c(n * 4);
	out.set(fg.data);
	const a = scratch.f32(n);
	a.set(alpha);
	const valid = scratch.u8(n);
	for (let i = 0; i < n; i++) valid[i] = coverage[i] >= FULL_COVERAGE ? 1 : 0;
	let extended = 0;
	const copy = (from: number, to: number) => {
		out[to * 4] = out[from * 4];
		out[to * 4 + 1] = out[from * 4 + 1];
		out[to * 4 + 2] = out[from * 4 + 2];
		a[to] = a[from];
		valid[to] = 1;
		extended++;
	};
	for (let x = 0; x < w; x++) {
		let last = h - 1;
		while (last >= 0 && !valid[last * w + x]) last--;
		if (last < 0 || last === h - 1) continue;
		// only extend downwards from a covered run that reaches this row (not from above a hole in the middle)
		for (let y = last + 1; y < h; y++) copy(last * w + x, y * w + x);
	}
	if (chinYPx !== undefined) {
		const y0 = Math.max(0, Math.ceil(chinYPx));
		for (let y = y0; y < h; y++) {
			const row = y * w;
			let first = 0;
			while (first < w && !valid[row + first]) first++;
			if (first === w) continue;
			let lastX = w - 1;
			while (lastX >= 0 && !valid[row + lastX]) lastX--;
			for (let x = first - 1; x >= 0; x--) copy(row + first, row + x);
			for (let x = lastX + 1; x < w; x++) copy(row + lastX, row + x);
		}
	}
	// whatever is still uncovered is background
	for (let i = 0; i < n; i++) if (!valid[i]) a[i] = 0;
	scratch.give(valid);
	return { foreground: { width: w, height: h, data: out }, alpha: a, extendedPx: extended };
}

/** True when every output pixel lies inside the source (coverage ≥ FULL_COVERAGE). */
function fullyCovered(coverage: Float32Array): boolean {
	for (let i = 0; i < coverage.length; i++) if (coverage[i] < FULL_COVERAGE) return false;
	return true;
}

export interface CompositeOptions {
	/** Output coverage from warpAffine; when given the person is extended beyond the source first (extendBeyondSource). */
	coverage?: Float32Array;
	/** Chin line in output px, enables sideways extension below it. */
	chinYPx?: number;
}

/**
 * out = α·F + (1 − α)·background per channel, in 8-bit sRGB values (the usual display-referred compositing; not in linear
 * light, matching how the matte was estimated). Output alpha is 255 everywhere.
 * @param fg person colours, RGBA (alpha channel ignored).
 * @param alpha Float32Array [h*w] in [0,1].
 * @param background 0..255 per channel.
 * @throws RangeError when sizes differ.
 */
export function composite(fg: RgbaImage, alpha: Float32Array, background: Rgb, options: CompositeOptions = {}): RgbaImage {
	const n = fg.width * fg.height;
	if (alpha.length !== n) throw new RangeError('composite: alpha size differs');
	let F = fg;
	let A = alpha;
	// A crop wholly inside the photo needs no extension (extendBeyondSource would return copies of its inputs).
	if (options.coverage && !fullyCovered(options.coverage)) {
		const e = extendBeyondSource(fg, alpha, options.coverage, options.chinYPx);
		F = e.foreground;
		A = e.alpha;
	}
	const out = new Uint8ClampedArray(n * 4);
	const fd = F.data;
	for (let i = 0; i < n; i++) {
		const t = A[i] < 0 ? 0 : A[i] > 1 ? 1 : A[i];
		const u = 1 - t;
		out[i * 4] = Math.round(t * fd[i * 4] + u * background.r);
		out[i * 4 + 1] = Math.round(t * fd[i * 4 + 1] + u * background.g);
		out[i * 4 + 2] = Math.round(t * fd[i * 4 + 2] + u * background.b);
		out[i * 4 + 3] = 255;
	}
	if (F !== fg) scratch.give(F.data, A);
	return { width: fg.width, height: fg.height, data: out };
}

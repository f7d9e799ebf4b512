/** Small helpers shared by the image and background checks: building a QualityCheck and OFIQ's mapping functions. */
import type { Box } from '../../types';
import type { CheckText, QualityCheck, QualityGroup, QualityId, QualityStatus } from '../types';
import { renderText } from '../messages';

/** Logistic σ(x; x0, w) = 1 / (1 + e^((x0 − x)/w)) (OFIQ, quality-measures.md §1.3). */
export function sigmoid(x: number, x0: number, w: number): number {
	return 1 / (1 + Math.exp((x0 - x) / w));
}

/** OFIQ's configurable mapping Q = clip₀..₁₀₀(round(h·(a + s·σ(x; x0, w)))) (quality-measures.md §1.3). */
export function ofiqMap(x: number, x0: number, w: number, h = 100, a = 0, s = 1): number {
	return Math.max(0, Math.min(100, Math.round(h * (a + s * sigmoid(x, x0, w)))));
}

/** Clamps to [0,100] and rounds, for the fixed OFIQ mappings. */
export function q100(x: number): number {
	return Math.max(0, Math.min(100, Math.round(x)));
}

/** Status from a value and two limits on the same side: `bad(warnAt)` → warn, `bad(failAt)` → fail. */
export function grade(fail: boolean, warn: boolean): QualityStatus {
	return fail ? 'fail' : warn ? 'warn' : 'pass';
}

/** Rounds to `d` decimals (values shown in the report). */
export function round(x: number, d = 2): number {
	const k = Math.pow(10, d);
	return Math.round(x * k) / k;
}

/**
 * Builds a check from its message texts (CheckText, rendered in English by ../messages.ts for `message`, `fix` and
 * `limit`); `fix` is dropped on 'pass' and 'unknown' (the contract: null when status is 'pass').
 */
export function check(c: {
	id: QualityId;
	group: QualityGroup;
	status: QualityStatus;
	value: number | null;
	unit: string;
	limitText: CheckText | null;
	ofiq: number | null;
	text: CheckText;
	fixText: CheckText;
	region: Box | null;
	severity: number;
}): QualityCheck {
	const { limitText, text: t, fixText, ...rest } = c;
	const withFix = c.status !== 'pass' && c.status !== 'unknown';
	return {
		...rest,
		limit: limitText ? renderText(limitText) : null,
		message: renderText(t),
		fix: withFix ? renderText(fixText) : null,
		text: t,
		...(withFix ? { fixText } : {}),
		...(limitText ? { limitText } : {})
	};
}

/** A check that could not be measured: status 'unknown', value null; `why` says why. */
export function unknown(id: QualityId, group: QualityGroup, unit: string, limitText: CheckText | null, why: CheckText, severity: number): QualityCheck {
	return {
		id,
		group,
		status: 'unknown',
		value: null,
		unit,
		limit: limitText ? renderText(limitText) : null,
		ofiq: null,
		message: renderText(why),
		fix: null,
		region: null,
		severity,
		text: why,
		...(limitText ? { limitText } : {})
	};
}

/** Box grown by `pad` px on every side and clamped to the image. */
export function clampBox(b: Box, width: number, height: number, pad = 0): Box {
	const x0 = Math.max(0, Math.floor(b.x - pad)), y0 = Math.max(0, Math.floor(b.y - pad));
	const x1 = Math.min(width, Math.ceil(b.x + b.width + pad)), y1 = Math.min(height, Math.ceil(b.y + b.height + pad));
	return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/**
 * Quantile q ∈ [0,1] of the values v[i] (i < n) by a histogram of `bins` equal bins over [lo, hi] (values outside are
 * clamped): O(n), exact to (hi − lo)/bins. NaN when n = 0.
 */
export function histQuantile(get: (i: number) => number, n: number, q: number, lo: number, hi: number, bins: number): number {
	if (n === 0) return NaN;
	const h = new Uint32Array(bins);
	const k = bins / (hi - lo);
	for (let i = 0; i < n; i++) {
		const b = Math.floor((get(i) - lo) * k);
		h[b < 0 ? 0 : b >= bins ? bins - 1 : b]++;
	}
	const target = q * (n - 1);
	let acc = 0;
	for (let b = 0; b < bins; b++) {
		acc += h[b];
		if (acc > target) return lo + (b + 0.5) / k;
	}
	return hi;
}

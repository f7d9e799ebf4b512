/**
 * The one number format of the check report (issue 4 report units): '.' as decimal mark, at most the given number of
 * decimals with trailing zeros dropped, a space between a number and its unit ('25.4 %', '33.1 mm', '120 px'),
 * no space before the degree sign ('11.4°'). Used for the values of the message templates (CheckText) and the
 * `limit` strings, so every sentence and column writes numbers the same way.
 */
import type { CheckText } from './types';

/** `x` with at most `decimals` decimals, trailing zeros dropped ('0.5', '12', '-3.25'); '—' for non-finite. */
export function fmtNum(x: number, decimals = 1): string {
	if (!Number.isFinite(x)) return '—';
	const v = Number(x.toFixed(decimals));
	return (Object.is(v, -0) ? 0 : v).toString();
}

/** Degrees: '11.4°' (absolute value when `abs`, the default: the templates name the direction in words). */
export function fmtDeg(deg: number, abs = true, decimals = 1): string {
	return `${fmtNum(abs ? Math.abs(deg) : deg, decimals)}°`;
}

/** A fraction as a percentage: 0.254 → '25.4 %'. */
export function fmtPct(ratio: number, decimals = 1): string {
	return `${fmtNum(100 * ratio, decimals)} %`;
}

/** A number with a unit after a space: fmtUnit(120, 'px') → '120 px'. */
export function fmtUnit(x: number, unit: string, decimals = 1): string {
	return `${fmtNum(x, decimals)} ${unit}`;
}

/** A CheckText: the key (relative to the `checks` locale area) and its values. */
export function text(key: string, values: Record<string, string | number> = {}): CheckText {
	return { key, values };
}

/** Hex colour strings <-> 8-bit RGB. */
import type { Rgb } from './composite';

/**
 * Parses '#rrggbb', 'rrggbb', '#rgb' or 'rgb' (case-insensitive) into 0..255 channels.
 * @throws RangeError on anything else.
 */
export function parseHex(hex: string): Rgb {
	const s = hex.trim().replace(/^#/, '');
	if (/^[0-9a-fA-F]{6}$/.test(s)) return { r: parseInt(s.slice(0, 2), 16), g: parseInt(s.slice(2, 4), 16), b: parseInt(s.slice(4, 6), 16) };
	if (/^[0-9a-fA-F]{3}$/.test(s)) return { r: parseInt(s[0] + s[0], 16), g: parseInt(s[1] + s[1], 16), b: parseInt(s[2] + s[2], 16) };
	throw new RangeError(`parseHex: not a hex colour: ${JSON.stringify(hex)}`);
}

/** 0..255 channels -> '#rrggbb' (lower case; channels rounded and clamped). */
export function toHex(c: Rgb): string {
	const h = (v: number) => Math.max(0, Math.min(255, Math.round(v))).toString(16).padStart(2, '0');
	return `#${h(c.r)}${h(c.g)}${h(c.b)}`;
}

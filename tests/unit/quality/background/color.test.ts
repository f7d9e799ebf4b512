/**
 * Colour maths of src/lib/quality/color: CIEDE2000 against the 34 published test pairs of Sharma, Wu & Dalal (2005),
 * Table 1 (ΔE00 to 4 decimals), and sRGB → CIELAB against reference values (Bruce Lindbloom's calculator, D65 sRGB).
 */
import { describe, expect, it } from 'vitest';
import { deltaE2000, labToSrgb, lightness, lightnessToY, parseHexColour, srgbToLab } from '$lib/quality/color';

// [L1, a1, b1, L2, a2, b2, ΔE00] — Sharma, Wu, Dalal 2005, Table 1, pairs 1–34.
const SHARMA: [number, number, number, number, number, number, number][] = [
	[50, 2.6772, -79.7751, 50, 0, -82.7485, 2.0425],
	[50, 3.1571, -77.2803, 50, 0, -82.7485, 2.8615],
	[50, 2.8361, -74.02, 50, 0, -82.7485, 3.4412],
	[50, -1.3802, -84.2814, 50, 0, -82.7485, 1.0],
	[50, -1.1848, -84.8006, 50, 0, -82.7485, 1.0],
	[50, -0.9009, -85.5211, 50, 0, -82.7485, 1.0],
	[50, 0, 0, 50, -1, 2, 2.3669],
	[50, -1, 2, 50, 0, 0, 2.3669],
	[50, 2.49, -0.001, 50, -2.49, 0.0009, 7.1792],
	[50, 2.49, -0.001, 50, -2.49, 0.001, 7.1792],
	[50, 2.49, -0.001, 50, -2.49, 0.0011, 7.2195],
	[50, 2.49, -0.001, 50, -2.49, 0.0012, 7.2195],
	[50, -0.001, 2.49, 50, 0.0009, -2.49, 4.8045],
	[50, -0.001, 2.49, 50, 0.001, -2.49, 4.8045],
	[50, -0.001, 2.49, 50, 0.0011, -2.49, 4.7461],
	[50, 2.5, 0, 50, 0, -2.5, 4.3065],
	[50, 2.5, 0, 73, 25, -18, 27.1492],
	[50, 2.5, 0, 61, -5, 29, 22.8977],
	[50, 2.5, 0, 56, -27, -3, 31.903],
	[50, 2.5, 0, 58, 24, 15, 19.4535],
	[50, 2.5, 0, 50, 3.1736, 0.5854, 1.0],
	[50, 2.5, 0, 50, 3.2972, 0, 1.0],
	[50, 2.5, 0, 50, 1.8634, 0.5757, 1.0],
	[50, 2.5, 0, 50, 3.2592, 0.335, 1.0],
	[60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644],
	[63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.263],
	[61.2901, 3.7196, -5.3901, 61.4292, 2.248, -4.962, 1.8731],
	[35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645],
	[22.7233, 20.0904, -46.694, 23.0331, 14.973, -42.5619, 2.0373],
	[36.4612, 47.858, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146],
	[90.8027, -2.0831, 1.441, 91.1528, -1.6435, 0.0447, 1.4441],
	[90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381],
	[6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377],
	[2.0776, 0.0795, -1.135, 0.9033, -0.0636, -0.5514, 0.9082]
];

describe('deltaE2000 (Sharma, Wu, Dalal 2005 test data)', () => {
	it.each(SHARMA.map((r, i) => [i + 1, ...r] as const))('pair %i', (_i, L1, a1, b1, L2, a2, b2, expected) => {
		const p = { L: L1, a: a1, b: b1 };
		const q = { L: L2, a: a2, b: b2 };
		expect(deltaE2000(p, q)).toBeCloseTo(expected, 4);
		expect(deltaE2000(q, p)).toBeCloseTo(expected, 4);
	});
	it('is 0 for identical colours', () => {
		expect(deltaE2000({ L: 42, a: 12, b: -7 }, { L: 42, a: 12, b: -7 })).toBe(0);
	});
});

describe('sRGB → CIELAB (D65)', () => {
	// Bruce Lindbloom's CIE colour calculator, sRGB, D65, 2° observer.
	const REF: [number, number, number, number, number, number][] = [
		[106, 81, 67, 36.657, 8.25, 12.27],
		[194, 121, 48, 57.421, 22.476, 49.944],
		[63, 134, 163, 52.676, -13.319, -22.048],
		[242, 241, 236, 95.095, -0.589, 2.575],
		[122, 121, 120, 50.884, 0.149, 0.71]
	];
	it.each(REF)('rgb(%i,%i,%i)', (r, g, b, L, A, B) => {
		const lab = srgbToLab(r, g, b);
		expect(lab.L).toBeCloseTo(L, 1);
		expect(lab.a).toBeCloseTo(A, 1);
		expect(lab.b).toBeCloseTo(B, 1);
		expect(labToSrgb(lab)).toEqual({ r, g, b });
	});
	it('maps white and black to L* 100 and 0 with a* = b* = 0', () => {
		const w = srgbToLab(255, 255, 255);
		expect(w.L).toBeCloseTo(100, 6);
		expect(Math.abs(w.a) + Math.abs(w.b)).toBeLessThan(1e-6);
		expect(srgbToLab(0, 0, 0).L).toBeCloseTo(0, 6);
	});
	it('L* ↔ Y round-trips (mid grey L* 50 ↔ Y 0.1842)', () => {
		expect(lightnessToY(50)).toBeCloseTo(0.18419, 4);
		for (const L of [0, 3, 8, 20, 50, 77, 100]) expect(lightness(lightnessToY(L))).toBeCloseTo(L, 6);
	});
	it('parses #RRGGBB and rejects other strings', () => {
		expect(parseHexColour('#F0e1D2')).toEqual({ r: 240, g: 225, b: 210 });
		expect(() => parseHexColour('#FFF')).toThrow(/RRGGBB/);
	});
});

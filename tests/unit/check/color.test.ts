import { describe, expect, it } from 'vitest';
import { deltaE2000, deltaE2000Srgb, srgbToLab } from '../../../src/lib/pipeline/compose/color';

// G. Sharma, W. Wu, E. N. Dalal (2005), Table 1 test data: Lab1, Lab2, ΔE00 (pair numbers as in the paper)
const SHARMA: [number, [number, number, number], [number, number, number], number][] = [
	[1, [50.0, 2.6772, -79.7751], [50.0, 0.0, -82.7485], 2.0425],
	[2, [50.0, 3.1571, -77.2803], [50.0, 0.0, -82.7485], 2.8615],
	[3, [50.0, 2.8361, -74.02], [50.0, 0.0, -82.7485], 3.4412],
	[4, [50.0, -1.3802, -84.2814], [50.0, 0.0, -82.7485], 1.0],
	[7, [50.0, 0.0, 0.0], [50.0, -1.0, 2.0], 2.3669],
	[9, [50.0, 2.49, -0.001], [50.0, -2.49, 0.0009], 7.1792],
	[11, [50.0, 2.49, -0.001], [50.0, -2.49, 0.0011], 7.2195],
	[13, [50.0, -0.001, 2.49], [50.0, 0.0009, -2.49], 4.8045],
	[16, [50.0, 2.5, 0.0], [50.0, 0.0, -2.5], 4.3065],
	[17, [50.0, 2.5, 0.0], [73.0, 25.0, -18.0], 27.1492],
	[18, [50.0, 2.5, 0.0], [61.0, -5.0, 29.0], 22.8977],
	[19, [50.0, 2.5, 0.0], [56.0, -27.0, -3.0], 31.903],
	[20, [50.0, 2.5, 0.0], [58.0, 24.0, 15.0], 19.4535],
	[25, [60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
	[26, [63.0109, -31.0961, -5.8663], [62.8187, -29.7946, -4.0864], 1.263],
	[27, [61.2901, 3.7196, -5.3901], [61.4292, 2.248, -4.962], 1.8731],
	[29, [22.7233, 20.0904, -46.694], [23.0331, 14.973, -42.5619], 2.0373],
	[31, [90.8027, -2.0831, 1.441], [91.1528, -1.6435, 0.0447], 1.4441],
	[33, [6.7747, -0.2908, -2.4247], [5.8714, -0.0985, -2.2286], 0.6377],
	[34, [2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082]
];

describe('CIEDE2000', () => {
	it.each(SHARMA)('Sharma et al. pair %i', (_n, l1, l2, want) => {
		const a = { L: l1[0], a: l1[1], b: l1[2] };
		const b = { L: l2[0], a: l2[1], b: l2[2] };
		expect(deltaE2000(a, b)).toBeCloseTo(want, 4);
		expect(deltaE2000(b, a)).toBeCloseTo(want, 4);
	});

	it('is zero for identical colours', () => {
		expect(deltaE2000Srgb({ r: 12, g: 200, b: 99 }, { r: 12, g: 200, b: 99 })).toBe(0);
	});
});

describe('sRGB -> Lab (D65)', () => {
	it('maps white, black and primaries to their reference values', () => {
		const w = srgbToLab(255, 255, 255);
		expect(w.L).toBeCloseTo(100, 2);
		expect(Math.abs(w.a)).toBeLessThan(0.01);
		expect(Math.abs(w.b)).toBeLessThan(0.01);
		expect(srgbToLab(0, 0, 0).L).toBeCloseTo(0, 6);
		// sRGB red: L* 53.24, a* 80.09, b* 67.20 (D65, IEC 61966-2-1 matrix)
		const r = srgbToLab(255, 0, 0);
		expect(r.L).toBeCloseTo(53.24, 1);
		expect(r.a).toBeCloseTo(80.09, 1);
		expect(r.b).toBeCloseTo(67.2, 1);
		// mid grey 119: L* ~ 50
		expect(srgbToLab(119, 119, 119).L).toBeCloseTo(50.0, 0);
	});
});

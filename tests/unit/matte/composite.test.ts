import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../../src/lib/types';
import { composite, extendBeyondSource } from '../../../src/lib/pipeline/compose/composite';

function solid(w: number, h: number, rgb: [number, number, number]): RgbaImage {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let i = 0; i < w * h; i++) data.set([...rgb, 255], i * 4);
	return { width: w, height: h, data };
}

describe('composite', () => {
	it('blends α·F + (1-α)·background', () => {
		const fg = solid(2, 1, [100, 50, 200]);
		const out = composite(fg, Float32Array.from([1, 0.25]), { r: 255, g: 255, b: 255 });
		expect(Array.from(out.data)).toEqual([100, 50, 200, 255, Math.round(0.25 * 100 + 0.75 * 255), Math.round(0.25 * 50 + 0.75 * 255), Math.round(0.25 * 200 + 0.75 * 255), 255]);
	});

	it('extends clothing below the source instead of leaving a floating torso, and never extends the top', () => {
		const w = 10,
			h = 10;
		const fg = solid(w, h, [0, 0, 0]);
		const alpha = new Float32Array(w * h);
		const coverage = new Float32Array(w * h);
		for (let y = 0; y < h; y++)
			for (let x = 0; x < w; x++) {
				const i = y * w + x;
				coverage[i] = y >= 1 && y <= 6 ? 1 : 0; // source covers rows 1..6; row 0 (above the head) and 7..9 are outside
				alpha[i] = x >= 3 && x <= 6 && y >= 1 && y <= 6 ? 1 : 0; // person: columns 3..6
				fg.data[i * 4] = 10 * x; // distinguishable colours
				fg.data[i * 4 + 1] = 10 * y;
			}
		const e = extendBeyondSource(fg, alpha, coverage);
		for (let y = 7; y < h; y++) {
			for (let x = 3; x <= 6; x++) {
				expect(e.alpha[y * w + x]).toBe(1);
				expect(e.foreground.data[(y * w + x) * 4]).toBe(10 * x);
				expect(e.foreground.data[(y * w + x) * 4 + 1]).toBe(60); // colour of the last covered row
			}
			expect(e.alpha[y * w + 1]).toBe(0);
		}
		for (let x = 0; x < w; x++) expect(e.alpha[x]).toBe(0); // top row: not extended
		expect(e.extendedPx).toBe(30);
		const out = composite(fg, alpha, { r: 255, g: 255, b: 255 }, { coverage });
		expect(out.data[(9 * w + 4) * 4 + 2]).toBe(0); // person colour (blue channel 0) reaches the bottom
		expect(out.data[(9 * w + 1) * 4 + 2]).toBe(255); // background where the last row was background
		expect(out.data[(0 * w + 4) * 4 + 2]).toBe(255); // above the source: background
	});

	it('extends shoulders sideways only below the chin', () => {
		const w = 8,
			h = 6;
		const fg = solid(w, h, [30, 60, 90]);
		const alpha = new Float32Array(w * h).fill(1);
		const coverage = new Float32Array(w * h);
		for (let y = 0; y < h; y++) for (let x = 2; x < w; x++) coverage[y * w + x] = 1; // columns 0..1 outside
		const e = extendBeyondSource(fg, alpha, coverage, 3);
		expect(e.alpha[2 * w + 0]).toBe(0); // above the chin: not extended
		expect(e.alpha[3 * w + 0]).toBe(1); // below: extended
		expect(e.alpha[5 * w + 1]).toBe(1);
		expect(e.extendedPx).toBe(6);
	});

	it('rejects mismatched sizes', () => {
		expect(() => composite(solid(2, 2, [0, 0, 0]), new Float32Array(3), { r: 0, g: 0, b: 0 })).toThrow(RangeError);
	});
});

describe('parseHex / toHex', () => {
	it('parses 6- and 3-digit forms and round-trips', async () => {
		const { parseHex, toHex } = await import('../../../src/lib/pipeline/compose/hex');
		expect(parseHex('#628BCE')).toEqual({ r: 0x62, g: 0x8b, b: 0xce });
		expect(parseHex('fff')).toEqual({ r: 255, g: 255, b: 255 });
		expect(toHex({ r: 215, g: 69, b: 50 })).toBe('#d74532');
		expect(() => parseHex('#12345')).toThrow(RangeError);
		expect(() => parseHex('red')).toThrow(RangeError);
	});
});

import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { applyOrientation, readOrientation } from '../../../src/lib/pipeline/decode';
import { decodeNode, readRegion } from '../../../src/lib/pipeline/decode/node';
import type { RgbaImage } from '../../../src/lib/types';
import { maxDiff, QUAD, quadImage, quadrants, rawSharp, storedFor } from './helpers';

describe('applyOrientation (pure)', () => {
	// 3×2 with 6 distinct pixels: every orientation gives a distinct pixel arrangement.
	const u: RgbaImage = { width: 3, height: 2, data: new Uint8ClampedArray([1, 0, 0, 255, 2, 0, 0, 255, 3, 0, 0, 255, 4, 0, 0, 255, 5, 0, 0, 255, 6, 0, 0, 255]) };
	for (let o = 1; o <= 8; o++) {
		it(`orientation ${o}: stored pixels become the upright 3×2 image exactly`, () => {
			const s = storedFor(u, o);
			if (o >= 5) expect([s.width, s.height]).toEqual([2, 3]);
			const up = applyOrientation(s, o);
			expect([up.width, up.height]).toEqual([3, 2]);
			expect(Array.from(up.data)).toEqual(Array.from(u.data));
		});
	}
	it('known value: orientation 6 rotates the stored image 90° clockwise', () => {
		// stored 2×1: [A B] -> upright 1×2: A on top, B below
		const s: RgbaImage = { width: 2, height: 1, data: new Uint8ClampedArray([10, 0, 0, 255, 20, 0, 0, 255]) };
		expect(Array.from(applyOrientation(s, 6).data)).toEqual([10, 0, 0, 255, 20, 0, 0, 255]);
		// orientation 8: A at the bottom
		expect(Array.from(applyOrientation(s, 8).data)).toEqual([20, 0, 0, 255, 10, 0, 0, 255]);
	});
	it('rejects orientation outside 1..8', () => {
		expect(() => applyOrientation(u, 0)).toThrow(RangeError);
		expect(() => applyOrientation(u, 9)).toThrow(RangeError);
	});
	it('writes into `out` when given (every orientation; the input is left as it was), and rejects a wrong length', () => {
		for (let o = 1; o <= 8; o++) {
			const s = storedFor(u, o);
			const before = Array.from(s.data);
			const out = new Uint8ClampedArray(24).fill(99);
			const up = applyOrientation(s, o, out);
			expect(up.data, `orientation ${o}`).toBe(out);
			expect(Array.from(out), `orientation ${o}`).toEqual(Array.from(u.data));
			expect(Array.from(s.data), `orientation ${o}`).toEqual(before);
		}
		expect(() => applyOrientation(u, 6, new Uint8ClampedArray(20))).toThrow(RangeError);
	});
});

describe('EXIF orientation in real JPEGs (sharp withMetadata) → decodeNode upright', () => {
	const upright = quadImage(320, 240);
	for (let o = 1; o <= 8; o++) {
		it(`orientation ${o}`, async () => {
			const s = storedFor(upright, o);
			const jpg = new Uint8Array(await rawSharp(s).jpeg({ quality: 95 }).withMetadata({ orientation: o }).toBuffer());
			expect(await readOrientation(jpg)).toBe(o);
			const d = await decodeNode(jpg);
			expect(d.original.orientation).toBe(o);
			expect([d.image.width, d.image.height, d.original.width, d.original.height]).toEqual([320, 240, 320, 240]);
			const q = quadrants(d.image);
			const want = [QUAD.tl, QUAD.tr, QUAD.bl, QUAD.br];
			for (let i = 0; i < 4; i++) expect(maxDiff(q[i], want[i])).toBeLessThanOrEqual(8);
			// Cross-check with libvips' own auto-orientation.
			const ref = await sharp(jpg).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
			expect([ref.info.width, ref.info.height]).toEqual([320, 240]);
			let worst = 0;
			for (let i = 0; i < ref.data.length; i++) worst = Math.max(worst, Math.abs(ref.data[i] - d.image.data[i]));
			expect(worst).toBeLessThanOrEqual(2);
			// Region read from the oriented original: right half of the upright image, at half scale.
			const r = await readRegion(jpg, { x: 160, y: 0, width: 160, height: 240 }, 80, 120);
			const rq = quadrants(r);
			expect(maxDiff(rq[0], QUAD.tr)).toBeLessThanOrEqual(8);
			expect(maxDiff(rq[3], QUAD.br)).toBeLessThanOrEqual(8);
		});
	}
});

/** JPEG quantisation tables and the IJG quality estimate (src/lib/quality/image/jpeg.ts). */
import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import { ANNEX_K_LUMINANCE, estimateJpegQuality, ijgTable, isJpeg, readQuantTables, ZIGZAG } from '$lib/quality/image/jpeg';

const tiny = (q: number) => {
	const data = Buffer.alloc(16 * 16 * 4, 128);
	return new Uint8Array(jpeg.encode({ width: 16, height: 16, data }, q).data);
};

describe('readQuantTables / estimateJpegQuality', () => {
	it.each([5, 10, 25, 50, 75, 90, 95, 100])('recovers the quality %i of a jpeg-js file exactly', (q) => {
		const t = readQuantTables(tiny(q));
		expect(t.has(0)).toBe(true);
		expect(t.has(1)).toBe(true); // chrominance
		expect(estimateJpegQuality(t.get(0)!)).toEqual({ quality: q, fitError: 0 });
	});
	it('scales the Annex K table as libjpeg does (q50 = the table itself, q100 = all ones)', () => {
		expect(ijgTable(50)).toEqual(ANNEX_K_LUMINANCE);
		expect(ijgTable(100).every((v) => v === 1)).toBe(true);
		expect(ijgTable(1).every((v) => v === 255)).toBe(true); // 10·50 ≥ 255: baseline clamp
	});
	it('reads a 16-bit table and maps zig-zag order to row-major', () => {
		// SOI, DQT (Pq = 1, Tq = 2, 64 × 16-bit values 1000 + k in zig-zag order), EOI.
		const body = [0x12];
		for (let k = 0; k < 64; k++) body.push((1000 + k) >> 8, (1000 + k) & 255);
		const len = body.length + 2;
		const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xdb, len >> 8, len & 255, ...body, 0xff, 0xd9]);
		const t = readQuantTables(bytes).get(2)!;
		for (let k = 0; k < 64; k++) expect(t[ZIGZAG[k]]).toBe(1000 + k);
	});
	it('returns no tables for non-JPEG or truncated bytes, without throwing', () => {
		expect(isJpeg(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBe(false);
		expect(readQuantTables(new Uint8Array([0x89, 0x50, 0x4e, 0x47])).size).toBe(0);
		const full = tiny(75);
		expect(readQuantTables(full.slice(0, 30)).size).toBe(0);
	});
});

import jpegJs from 'jpeg-js';
import sharp from 'sharp';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { comPadding, encodeJpeg, encodeJpegInWindow, jpegSegments, JpegSizeError, kbToBytes, kbToBytesCeil, bytesToKb, MAX_COM_PAYLOAD } from '../../../src/lib/pipeline/encode';
import type { RgbaImage } from '../../../src/lib/types';
import { meanAbsDiff, rawSharp } from './helpers';

const FIXTURE = new URL('../../fixtures/astronaut.png', import.meta.url);

async function astronaut(size = 256): Promise<RgbaImage> {
	const { data, info } = await sharp(readFileSync(FIXTURE)).resize(size, size).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data) };
}

function decode(bytes: Uint8Array): RgbaImage {
	const d = jpegJs.decode(bytes, { useTArray: true, formatAsRGBA: true });
	return { width: d.width, height: d.height, data: new Uint8ClampedArray(d.data) };
}

describe('encodeJpeg: JFIF density, no metadata', () => {
	it('writes JFIF 1.02 APP0 with units = 1 (dpi) and X/Y density big-endian', async () => {
		const b = encodeJpeg(await astronaut(), { quality: 90, dpi: 300 });
		expect(Array.from(b.subarray(0, 20))).toEqual([
			0xff, 0xd8, // SOI
			0xff, 0xe0, 0x00, 0x10, // APP0, length 16
			0x4a, 0x46, 0x49, 0x46, 0x00, // "JFIF\0"
			0x01, 0x02, // version 1.02
			0x01, // units: dots per inch
			0x01, 0x2c, 0x01, 0x2c, // Xdensity = Ydensity = 300
			0x00, 0x00 // Xthumbnail, Ythumbnail
		]);
		const m = await sharp(b).metadata();
		expect(m.density).toBe(300);
		const b600 = encodeJpeg(await astronaut(), { quality: 90, dpi: 600 });
		expect(Array.from(b600.subarray(13, 18))).toEqual([1, 0x02, 0x58, 0x02, 0x58]);
	});
	it('strips APP1 (EXIF/XMP), APP2 (ICC) and COM from the encoder output; only one APP0', async () => {
		const b = encodeJpeg(await astronaut(), { quality: 80, dpi: 300 });
		const markers = jpegSegments(b).map((s) => s.marker);
		expect(markers.filter((m) => m >= 0xe0 && m <= 0xef)).toEqual([0xe0]);
		expect(markers).not.toContain(0xfe);
		expect(markers).toContain(0xc0); // baseline SOF0
		const text = Buffer.from(b).toString('latin1');
		expect(text).not.toContain('Exif');
		expect(b[b.length - 2]).toBe(0xff);
		expect(b[b.length - 1]).toBe(0xd9);
		expect((await sharp(b).metadata()).exif).toBeUndefined();
	});
	it('decoded output equals the input within JPEG error; alpha flattened over white', async () => {
		const img = await astronaut();
		const d = decode(encodeJpeg(img, { quality: 92, dpi: 300 }));
		expect([d.width, d.height]).toEqual([256, 256]);
		const mad = meanAbsDiff(img, d);
		expect(mad).toBeLessThan(4);
		const half: RgbaImage = { width: 16, height: 16, data: new Uint8ClampedArray(16 * 16 * 4).fill(0) };
		for (let i = 3; i < half.data.length; i += 4) half.data[i] = 0; // fully transparent black
		const w = decode(encodeJpeg(half, { quality: 95, dpi: 72 }));
		expect(w.data[0]).toBeGreaterThanOrEqual(250);
	});
	it('rejects bad dpi and quality', async () => {
		const img = await astronaut(32);
		expect(() => encodeJpeg(img, { quality: 90, dpi: 0 })).toThrow(RangeError);
		expect(() => encodeJpeg(img, { quality: 90, dpi: 70000 })).toThrow(RangeError);
		expect(() => encodeJpeg(img, { quality: 0, dpi: 300 })).toThrow(RangeError);
	});
});

describe('encodeJpegInWindow', () => {
	it('max: picks the highest quality whose size ≤ max, never exceeding it', async () => {
		const img = await astronaut(160);
		const size = (q: number) => encodeJpeg(img, { quality: q, dpi: 300 }).length;
		const s10 = size(10);
		const s50 = size(50);
		const s80 = size(80);
		const s100 = size(100);
		expect(s10).toBeLessThan(s50);
		expect(s50).toBeLessThan(s80);
		for (const [max, expected] of [[s10, 10], [s50 + 1, 50], [s80, 80], [s100, 100]] as const) {
			const r = await encodeJpegInWindow(img, { dpi: 300, maxBytes: max });
			expect(r.bytes.length).toBeLessThanOrEqual(max);
			expect(r.padded).toBe(false);
			expect(r.bytes.length).toBe(size(r.quality));
			// Highest: one step up no longer fits (or q is 100). jpeg-js sizes rise with quality here.
			if (r.quality < 100) expect(size(r.quality + 1)).toBeGreaterThan(max);
			expect(r.quality).toBe(expected);
			expect(decode(r.bytes).width).toBe(160);
		}
	});
	it('min: pads with COM up to exactly min, pixel size kept, image unchanged', async () => {
		const img = await astronaut(200);
		const r = await encodeJpegInWindow(img, { dpi: 300, minBytes: 200_000, maxBytes: 250_000 });
		expect(r.quality).toBe(100);
		expect(r.padded).toBe(true);
		expect(r.bytes.length).toBe(200_000);
		const coms = jpegSegments(r.bytes).filter((s) => s.marker === 0xfe);
		expect(coms.length).toBeGreaterThanOrEqual(3); // > 2 × 65537 bytes of padding
		for (const c of coms) expect(c.end - c.start - 4).toBeLessThanOrEqual(MAX_COM_PAYLOAD);
		const d = decode(r.bytes);
		expect([d.width, d.height]).toEqual([200, 200]);
		const plain = decode(encodeJpeg(img, { quality: 100, dpi: 300 }));
		expect(meanAbsDiff(d, plain)).toBe(0);
		expect((await sharp(r.bytes).metadata()).width).toBe(200);
	});
	it('min gap under 4 bytes: pads 4 when max allows', async () => {
		const img = await astronaut(64);
		const size = encodeJpeg(img, { quality: 100, dpi: 300 }).length;
		const r = await encodeJpegInWindow(img, { dpi: 300, minBytes: size + 2 });
		expect(r.bytes.length).toBe(size + 4);
		expect(r.padBytes).toBe(4);
	});
	it('throws JpegSizeError when quality 1 exceeds max; RangeError when min > max', async () => {
		const img = await astronaut(400);
		await expect(encodeJpegInWindow(img, { dpi: 300, maxBytes: 1000 })).rejects.toThrow(JpegSizeError);
		await expect(encodeJpegInWindow(img, { dpi: 300, maxBytes: 1000 })).rejects.toThrow(/lowest JPEG quality/);
		await expect(encodeJpegInWindow(img, { dpi: 300, minBytes: 5, maxBytes: 4 })).rejects.toThrow(RangeError);
	});
	it('comPadding splits into segments of ≤ 65533 payload bytes totalling exactly n', () => {
		for (const n of [4, 5, 65537, 65538, 131074, 131075, 300_001]) {
			const p = comPadding(n);
			expect(p.length).toBe(n);
			let i = 0;
			while (i < p.length) {
				expect([p[i], p[i + 1]]).toEqual([0xff, 0xfe]);
				const len = (p[i + 2] << 8) | p[i + 3];
				expect(len - 2).toBeLessThanOrEqual(MAX_COM_PAYLOAD);
				i += 2 + len;
			}
			expect(i).toBe(n);
		}
		expect(() => comPadding(3)).toThrow(RangeError);
	});
});

describe('KB units', () => {
	it('converts with 1000 or 1024', () => {
		expect(kbToBytes(240, 1000)).toBe(240_000);
		expect(kbToBytes(240, 1024)).toBe(245_760);
		expect(kbToBytes(0.5, 1000)).toBe(500);
		expect(kbToBytesCeil(10.0001, 1000)).toBe(10_001);
		expect(bytesToKb(2048, 1024)).toBe(2);
	});
});

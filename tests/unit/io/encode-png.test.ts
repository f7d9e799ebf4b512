import { decode as decodePng } from 'fast-png';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { crc32, dpiToPixelsPerMetre, encodePng } from '../../../src/lib/pipeline/encode';
import type { RgbaImage } from '../../../src/lib/types';

function gradientWithAlpha(w: number, h: number): RgbaImage {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set([x % 256, y % 256, (x + y) % 256, (x * 7 + y) % 256], (y * w + x) * 4);
	return { width: w, height: h, data };
}

describe('encodePng', () => {
	it('writes pHYs right after IHDR: 11811 px/m for 300 dpi, unit 1 (metre), valid CRC', () => {
		const b = encodePng(gradientWithAlpha(40, 30), { dpi: 300 });
		expect(dpiToPixelsPerMetre(300)).toBe(11811);
		const v = new DataView(b.buffer, b.byteOffset);
		expect(Buffer.from(b.subarray(37, 41)).toString('latin1')).toBe('pHYs');
		expect(v.getUint32(33)).toBe(9);
		expect(v.getUint32(41)).toBe(11811);
		expect(v.getUint32(45)).toBe(11811);
		expect(b[49]).toBe(1);
		expect(v.getUint32(50)).toBe(crc32(b.subarray(37, 50)));
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926); // CRC-32 check value
	});
	it('alpha round trip is exact (fast-png and sharp decode), density read back', async () => {
		const img = gradientWithAlpha(300, 257);
		const b = encodePng(img, { dpi: 600 });
		const d = decodePng(b);
		expect([d.width, d.height, d.channels, d.depth]).toEqual([300, 257, 4, 8]);
		expect(Array.from(d.data)).toEqual(Array.from(img.data));
		expect(d.resolution).toEqual({ x: 23622, y: 23622, unit: 1 });
		const s = await sharp(b).raw().toBuffer({ resolveWithObject: true });
		expect(s.info.channels).toBe(4);
		expect(Buffer.compare(s.data, Buffer.from(img.data))).toBe(0);
		expect((await sharp(b).metadata()).density).toBe(600);
	});
});

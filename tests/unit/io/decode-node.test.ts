import { existsSync, readdirSync, readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../../src/lib/pipeline/decode';
import { decodeNode, readRegion } from '../../../src/lib/pipeline/decode/node';
import { maxDiff, meanAbsDiff, px, quadImage, rawSharp } from './helpers';

const FIXTURE = new URL('../../fixtures/astronaut.png', import.meta.url);
const PORTRAITS = '/work/shared/testdata/portraits';

describe('decodeNode colour conversion to 8-bit sRGB RGBA', () => {
	it('16-bit PNG: values are the 16-bit samples scaled to 8 bits', async () => {
		// Horizontal 16-bit ramp: R = x * 257 * 255 / (w-1) style values, G constant, B constant.
		const w = 256, h = 200;
		const raw = new Uint16Array(w * h * 3);
		for (let y = 0; y < h; y++)
			for (let x = 0; x < w; x++) raw.set([x * 257, 40000, 1000], (y * w + x) * 3);
		const png = new Uint8Array(await sharp(raw, { raw: { width: w, height: h, channels: 3 } }) // depth 'ushort' inferred from Uint16Array
			.toColourspace('rgb16').png().toBuffer());
		expect(readImageHeader(png)).toMatchObject({ bitDepth: 16 });
		const d = await decodeNode(png);
		expect(d.original.bitDepth).toBe(16);
		expect(d.image.data).toBeInstanceOf(Uint8ClampedArray);
		expect(d.image.data.length).toBe(w * h * 4);
		for (const x of [0, 37, 128, 255]) {
			const p = px(d.image, x, 100);
			expect(Math.abs(p[0] - x)).toBeLessThanOrEqual(1);
			expect(Math.abs(p[1] - Math.round(40000 / 257))).toBeLessThanOrEqual(1);
			expect(Math.abs(p[2] - Math.round(1000 / 257))).toBeLessThanOrEqual(1);
			expect(p[3]).toBe(255);
		}
	});
	it('CMYK JPEG: converted back to sRGB within a few levels of the source colours', async () => {
		// In-gamut (for a press CMYK profile) colours so the sRGB → CMYK → sRGB round trip is meaningful.
		const src = quadImage(400, 300, [[200, 150, 120], [120, 160, 110], [110, 130, 170], [190, 190, 120]]);
		const cmyk = new Uint8Array(await rawSharp(src).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer());
		expect(readImageHeader(cmyk).jpegComponents).toBe(4);
		const d = await decodeNode(cmyk);
		expect(d.original.colorSpace).toBe('cmyk');
		// Reference: libvips' own CMYK → sRGB of the same file.
		const ref = await sharp(cmyk).toColourspace('srgb').raw().toBuffer();
		for (const [x, y] of [[100, 75], [300, 75], [100, 225], [300, 225]]) {
			const p = px(d.image, x, y);
			const i = (y * 400 + x) * 3;
			expect(maxDiff(p, [ref[i], ref[i + 1], ref[i + 2]])).toBeLessThanOrEqual(2);
			// Round trip sRGB → CMYK (profile) → sRGB is close to the original colour.
			expect(maxDiff(p, px(src, x, y))).toBeLessThanOrEqual(24);
		}
	});
	it('CMYK JPEG with an embedded CMYK ICC profile: within a few levels of the source colours', async () => {
		const colours = [[200, 150, 120], [120, 160, 110], [110, 130, 170], [190, 190, 120]];
		const src = quadImage(400, 300, colours);
		const cmyk = new Uint8Array(await rawSharp(src).toColourspace('cmyk').withIccProfile('cmyk').jpeg({ quality: 95 }).toBuffer());
		const d = await decodeNode(cmyk);
		expect(d.original.colorSpace).toBe('cmyk');
		const got = [px(d.image, 100, 75), px(d.image, 300, 75), px(d.image, 100, 225), px(d.image, 300, 225)];
		for (let i = 0; i < 4; i++) expect(maxDiff(got[i], colours[i])).toBeLessThanOrEqual(12);
	});
	it('greyscale JPEG and palette PNG become RGBA', async () => {
		const g = new Uint8Array(await sharp({ create: { width: 300, height: 300, channels: 3, background: { r: 90, g: 90, b: 90 } } }).toColourspace('b-w').jpeg().toBuffer());
		const dg = await decodeNode(g);
		expect(dg.original.colorSpace).toBe('grey');
		expect(maxDiff(px(dg.image, 150, 150), [90, 90, 90])).toBeLessThanOrEqual(2);
		const p = new Uint8Array(await rawSharp(quadImage(300, 300)).png({ palette: true }).toBuffer());
		const dp = await decodeNode(p);
		expect(dp.original.colorSpace).toBe('palette');
		expect(maxDiff(px(dp.image, 75, 75), [220, 30, 30])).toBeLessThanOrEqual(3);
	});
	it('PNG alpha is kept straight (not premultiplied)', async () => {
		const png = new Uint8Array(await sharp({ create: { width: 256, height: 256, channels: 4, background: { r: 200, g: 100, b: 50, alpha: 0.5 } } }).png().toBuffer());
		const d = await decodeNode(png);
		expect(px(d.image, 10, 10)).toEqual([200, 100, 50, 128]);
	});
});

describe('decodeNode workLimit and readRegion', () => {
	it('downscales to the working limit and reports the scale', async () => {
		const png = new Uint8Array(await rawSharp(quadImage(1600, 1200)).png().toBuffer());
		const d = await decodeNode(png, { workLimit: 800 });
		expect([d.image.width, d.image.height]).toEqual([800, 600]);
		expect([d.original.width, d.original.height]).toEqual([1600, 1200]);
		expect(d.scale).toBe(0.5);
		const full = await decodeNode(png, { workLimit: 4000 });
		expect(full.scale).toBe(1);
		expect(full.image.width).toBe(1600);
	});
	it('readRegion equals the crop of the full-resolution decode', async () => {
		const buf = readFileSync(FIXTURE);
		const full = (await decodeNode(new Uint8Array(buf))).image;
		const box = { x: 100, y: 60, width: 240, height: 300 };
		const r = await readRegion(new Uint8Array(buf), box, 240, 300);
		const crop = await rawSharp(full).extract({ left: 100, top: 60, width: 240, height: 300 }).raw().toBuffer();
		expect(meanAbsDiff(r, { width: 240, height: 300, data: new Uint8ClampedArray(crop) })).toBe(0);
		// Resampled read: half size, close to a downscaled crop.
		const half = await readRegion(new Uint8Array(buf), box, 120, 150);
		const ref = await rawSharp(full).extract({ left: 100, top: 60, width: 240, height: 300 }).resize(120, 150).raw().toBuffer();
		expect(meanAbsDiff(half, { width: 120, height: 150, data: new Uint8ClampedArray(ref) })).toBeLessThan(2);
	});
	it('readRegion: parts of the box outside the image are transparent', async () => {
		const png = new Uint8Array(await rawSharp(quadImage(400, 400)).png().toBuffer());
		const r = await readRegion(png, { x: -100, y: -100, width: 300, height: 300 }, 300, 300);
		expect(px(r, 50, 50)[3]).toBe(0);
		expect(px(r, 150, 150)).toEqual([220, 30, 30, 255]);
		expect(px(r, 299, 299)).toEqual([220, 30, 30, 255]);
	});
});

describe('real portraits (shared test data)', () => {
	const present = existsSync(PORTRAITS);
	it.skipIf(!present)('decodes every portrait at its header size', async () => {
		for (const f of readdirSync(PORTRAITS).filter((n) => /\.(jpe?g|png|webp)$/i.test(n))) {
			const bytes = new Uint8Array(readFileSync(`${PORTRAITS}/${f}`));
			const h = readImageHeader(bytes);
			const d = await decodeNode(bytes, { workLimit: 1024 });
			const swap = d.original.orientation >= 5;
			expect([d.original.width, d.original.height], f).toEqual(swap ? [h.height, h.width] : [h.width, h.height]);
			expect(Math.max(d.image.width, d.image.height), f).toBe(Math.min(1024, Math.max(h.width, h.height)));
		}
	});
	if (!present) it('portraits folder absent: skipped', () => console.warn(`${PORTRAITS} not found; real-portrait decode test skipped`));
});

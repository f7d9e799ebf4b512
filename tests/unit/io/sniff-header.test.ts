import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { readImageHeader, sniffFormat } from '../../../src/lib/pipeline/decode';
import { isComplete } from '../../../src/lib/pipeline/decode/header';
import { craftHeif } from './helpers';

const base = () => sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 10, g: 120, b: 200 } } });
const alphaBase = () => sharp({ create: { width: 300, height: 210, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 0.5 } } });

describe('sniffFormat + readImageHeader', () => {
	it('JPEG: SOF0 dimensions, 8-bit, 3 components', async () => {
		const b = new Uint8Array(await base().jpeg().toBuffer());
		expect(sniffFormat(b)).toBe('jpeg');
		expect(readImageHeader(b)).toMatchObject({ format: 'jpeg', width: 320, height: 240, bitDepth: 8, jpegComponents: 3 });
	});
	it('JPEG progressive (SOF2) and CMYK (4 components)', async () => {
		const p = new Uint8Array(await base().jpeg({ progressive: true }).toBuffer());
		expect(readImageHeader(p)).toMatchObject({ width: 320, height: 240 });
		const c = new Uint8Array(await base().toColourspace('cmyk').jpeg().toBuffer());
		expect(readImageHeader(c)).toMatchObject({ width: 320, height: 240, jpegComponents: 4 });
	});
	it('PNG: IHDR incl. 16-bit depth and colour types', async () => {
		const p16 = new Uint8Array(await base().png({ bitdepth: 16 } as never).toColourspace('rgb16').toBuffer());
		expect(sniffFormat(p16)).toBe('png');
		expect(readImageHeader(p16)).toMatchObject({ width: 320, height: 240, bitDepth: 16, pngColorType: 2 });
		const rgba = new Uint8Array(await alphaBase().png().toBuffer());
		expect(readImageHeader(rgba)).toMatchObject({ width: 300, height: 210, bitDepth: 8, pngColorType: 6 });
		const pal = new Uint8Array(await base().png({ palette: true }).toBuffer());
		expect(readImageHeader(pal)).toMatchObject({ pngColorType: 3 });
		const grey = new Uint8Array(await base().toColourspace('b-w').png().toBuffer());
		expect(readImageHeader(grey)).toMatchObject({ pngColorType: 0 });
	});
	it('WebP: VP8 (lossy), VP8L (lossless), VP8X (extended)', async () => {
		const lossy = new Uint8Array(await base().webp().toBuffer());
		expect(sniffFormat(lossy)).toBe('webp');
		expect(readImageHeader(lossy)).toMatchObject({ webpChunk: 'VP8 ', width: 320, height: 240 });
		const lossless = new Uint8Array(await base().webp({ lossless: true }).toBuffer());
		expect(readImageHeader(lossless)).toMatchObject({ webpChunk: 'VP8L', width: 320, height: 240 });
		const ext = new Uint8Array(await alphaBase().webp().withMetadata({ orientation: 6 }).toBuffer());
		expect(readImageHeader(ext)).toMatchObject({ webpChunk: 'VP8X', width: 300, height: 210 });
	});
	it('AVIF: ispe of the primary item', async () => {
		const b = new Uint8Array(await base().avif().toBuffer());
		expect(sniffFormat(b)).toBe('avif');
		expect(readImageHeader(b)).toMatchObject({ format: 'avif', width: 320, height: 240 });
	});
	it('HEIC (crafted): primary ispe chosen via pitm/ipma, not the thumbnail; irot read', () => {
		const b = craftHeif('heic', 4032, 3024, 90);
		expect(sniffFormat(b)).toBe('heic');
		expect(readImageHeader(b)).toMatchObject({ format: 'heic', width: 4032, height: 3024, heifRotation: 90 });
	});
	it('GIF, BMP, SVG, text', async () => {
		expect(readImageHeader(new Uint8Array(await base().gif().toBuffer()))).toMatchObject({ format: 'gif', width: 320, height: 240 });
		const bmp = new Uint8Array(54);
		bmp.set([0x42, 0x4d]);
		const v = new DataView(bmp.buffer);
		v.setUint32(14, 40, true);
		v.setInt32(18, 640, true);
		v.setInt32(22, -480, true);
		v.setUint16(28, 24, true);
		expect(readImageHeader(bmp)).toMatchObject({ format: 'bmp', width: 640, height: 480, bitDepth: 24 });
		const svg = new TextEncoder().encode('\uFEFF<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10"/>');
		expect(sniffFormat(svg)).toBe('svg');
		expect(sniffFormat(new TextEncoder().encode('hello, this is not an image at all'))).toBe('unknown');
	});
});

describe('isComplete (JPEG): an EOI after the first SOS', () => {
	// SOI; APP1 holding an embedded thumbnail's EOI (FF D9), which must not count; SOS with its header; entropy data
	const head = [0xff, 0xd8, 0xff, 0xe1, 0x00, 0x06, 0xff, 0xd9, 0x00, 0x00, 0xff, 0xda, 0x00, 0x04, 0x01, 0x00];
	const scan = [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56];
	it('true with the EOI at the end, and with bytes after it', () => {
		expect(isComplete(new Uint8Array([...head, ...scan, 0xff, 0xd9]), 'jpeg')).toBe(true);
		expect(isComplete(new Uint8Array([...head, ...scan, 0xff, 0xd9, 0x00, 0x00, 0x00]), 'jpeg')).toBe(true);
	});
	it('false when the scan is cut, even with an FF D9 before the SOS', () => {
		expect(isComplete(new Uint8Array([...head, ...scan]), 'jpeg')).toBe(false);
		expect(isComplete(new Uint8Array(head), 'jpeg')).toBe(false);
	});
	it('a real JPEG and its halves', async () => {
		const jpg = new Uint8Array(await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } }).jpeg().toBuffer());
		expect(isComplete(jpg, 'jpeg')).toBe(true);
		expect(isComplete(jpg.subarray(0, jpg.length >> 1), 'jpeg')).toBe(false);
	});
});

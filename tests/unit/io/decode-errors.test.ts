import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DecodeError, preflight, type DecodeErrorCode } from '../../../src/lib/pipeline/decode';
import { decodeNode } from '../../../src/lib/pipeline/decode/node';
import { crc32 } from '../../../src/lib/pipeline/encode';
import { craftHeif } from './helpers';

async function codeOf(p: Promise<unknown>): Promise<DecodeErrorCode | 'no error'> {
	try {
		await p;
		return 'no error';
	} catch (e) {
		expect(e).toBeInstanceOf(DecodeError);
		expect((e as Error).message.length).toBeGreaterThan(20);
		return (e as DecodeError).code;
	}
}

/** PNG signature + a valid IHDR declaring w×h, 8-bit RGB, and nothing else (no IDAT). */
function pngHeaderOnly(w: number, h: number): Uint8Array {
	const b = new Uint8Array(8 + 25);
	b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const v = new DataView(b.buffer);
	v.setUint32(8, 13);
	b.set([0x49, 0x48, 0x44, 0x52], 12);
	v.setUint32(16, w);
	v.setUint32(20, h);
	b[24] = 8;
	b[25] = 2;
	v.setUint32(29, crc32(b.subarray(12, 29)));
	return b;
}

const photo = () => sharp({ create: { width: 640, height: 480, channels: 3, background: 'black', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });

describe('DecodeError codes (decodeNode)', () => {
	it('empty: 0 bytes', async () => {
		expect(await codeOf(decodeNode(new Uint8Array(0)))).toBe('empty');
	});
	it('truncated: JPEG cut in half (header intact, no EOI)', async () => {
		const jpg = new Uint8Array(await photo().jpeg().toBuffer());
		expect(await codeOf(decodeNode(jpg.subarray(0, jpg.length >> 1)))).toBe('truncated');
	});
	it('truncated: JPEG cut inside its header (before SOF)', async () => {
		const jpg = new Uint8Array(await photo().jpeg().toBuffer());
		expect(await codeOf(decodeNode(jpg.subarray(0, 30)))).toBe('truncated');
	});
	it('truncated: PNG without IEND', async () => {
		const png = new Uint8Array(await photo().png().toBuffer());
		expect(await codeOf(decodeNode(png.subarray(0, png.length - 40)))).toBe('truncated');
	});
	it('not-an-image: a text file', async () => {
		expect(await codeOf(decodeNode(new TextEncoder().encode('Name,Date\nAda,1815-12-10\n')))).toBe('not-an-image');
	});
	it('svg-not-supported: an SVG file', async () => {
		const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><rect width="600" height="800"/></svg>');
		expect(await codeOf(decodeNode(svg))).toBe('svg-not-supported');
	});
	it('too-large: PNG header declaring 20000×20000 is rejected before decoding (no pixel data present)', async () => {
		const b = pngHeaderOnly(20000, 20000);
		expect(() => preflight(b)).toThrowError(/400 MP/);
		expect(await codeOf(decodeNode(b))).toBe('too-large');
	});
	it('too-large: absurd side (40000×300) even under the pixel budget', async () => {
		expect(await codeOf(decodeNode(pngHeaderOnly(40000, 300)))).toBe('too-large');
	});
	it('too-large: custom maxPixels', async () => {
		const jpg = new Uint8Array(await photo().jpeg().toBuffer());
		expect(await codeOf(decodeNode(jpg, { maxPixels: 640 * 480 - 1 }))).toBe('too-large');
		expect(await codeOf(decodeNode(jpg, { maxPixels: 640 * 480 }))).toBe('no error');
	});
	it('too-small: 150×400 image (short side < 200 px)', async () => {
		const b = new Uint8Array(await sharp({ create: { width: 150, height: 400, channels: 3, background: 'white' } }).png().toBuffer());
		expect(await codeOf(decodeNode(b))).toBe('too-small');
	});
	it('heic-unsupported: HEIF whose data libheif cannot decode', async () => {
		expect(await codeOf(decodeNode(craftHeif('heic', 1200, 1600)))).toBe('heic-unsupported');
	});
});

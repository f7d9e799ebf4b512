/**
 * Browser adapter in real Chromium (Debian /usr/bin/chromium via playwright-core), inside a
 * dedicated worker: EXIF orientation (JPEG through WebCodecs' IDCT-scaled decode, and createImageBitmap), CMYK,
 * workLimit, errors, regions from the working copy or the original, and jpeg-js encoding without Node's Buffer.
 * Skips when Chromium is absent.
 */
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, meanAbsDiff, QUAD, quadImage, rawSharp, storedFor } from './helpers';
import type { RgbaImage } from '../../../src/lib/types';

const CHROMIUM = '/usr/bin/chromium';
const have = existsSync(CHROMIUM);
let browser: Browser;
let page: Page;

type Img = { width: number; height: number; data: number[] };
const pix = (img: Img, x: number, y: number) => img.data.slice((Math.round(y) * img.width + Math.round(x)) * 4, (Math.round(y) * img.width + Math.round(x)) * 4 + 4);

/**
 * Byte arrays cross the page boundary as base64 ({ b64 }) both ways: as JSON number arrays, the megapixel images of
 * these tests took seconds each to serialise. Results come back with every byte array as a number[].
 */
type Packed = { b64: string };
const isPacked = (v: unknown): v is Packed => typeof v === 'object' && v !== null && typeof (v as Packed).b64 === 'string' && Object.keys(v).length === 1;
function unpack(v: unknown): unknown {
	if (isPacked(v)) return Array.from(Buffer.from(v.b64, 'base64'));
	if (Array.isArray(v)) return v.map(unpack);
	if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unpack(x)]));
	return v;
}

async function call<T>(fn: string, ...args: unknown[]): Promise<T> {
	const packed = args.map((a) => (a instanceof Uint8Array ? { b64: Buffer.from(a).toString('base64') } : a));
	const r = unpack(await page.evaluate(([fn, args]) => (window as unknown as { call: (f: string, a: unknown[]) => Promise<unknown> }).call(fn as string, args as unknown[]), [fn, packed] as const));
	const res = r as { ok: boolean; value: T; code?: string; message?: string };
	if (!res.ok) throw Object.assign(new Error(res.message), { code: res.code });
	return res.value;
}

describe.skipIf(!have)('decodeBrowser in Chromium (worker)', () => {
	beforeAll(async () => {
		const out = await build({
			entryPoints: [new URL('./browser-entry.ts', import.meta.url).pathname],
			bundle: true,
			format: 'esm',
			platform: 'browser',
			write: false,
			external: ['libheif-js/*']
		});
		const workerJs = out.outputFiles[0].text;
		browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
		page = await browser.newPage();
		// localhost is a secure context (WebCodecs' ImageDecoder exists only there); the route answers, nothing listens.
		await page.route('http://localhost:4269/**', (route) =>
			route.request().url().endsWith('/worker.js')
				? route.fulfill({ contentType: 'text/javascript', body: workerJs })
				: route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>t</title>' })
		);
		await page.goto('http://localhost:4269/');
		await page.evaluate(() => {
			const w = new Worker('/worker.js', { type: 'module' });
			let next = 0;
			const pending = new Map<number, (v: unknown) => void>();
			// byte arrays to and from base64 (see `call` in the test file)
			const toBytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
			const toB64 = (bytes: Uint8Array) => {
				let bin = '';
				for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
				return btoa(bin);
			};
			const pack = (v: unknown): unknown => {
				if (v instanceof Uint8Array || v instanceof Uint8ClampedArray) return { b64: toB64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
				if (Array.isArray(v)) return v.map(pack);
				if (typeof v === 'object' && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, pack(x)]));
				return v;
			};
			w.onmessage = (e) => {
				pending.get(e.data.id)?.(pack(e.data));
				pending.delete(e.data.id);
			};
			(window as unknown as { call: unknown }).call = (fn: string, args: unknown[]) =>
				new Promise((resolve) => {
					const id = next++;
					pending.set(id, resolve);
					w.postMessage({ id, fn, args: args.map((a) => (typeof a === 'object' && a !== null && typeof (a as { b64?: unknown }).b64 === 'string' ? toBytes((a as { b64: string }).b64) : a)) });
				});
		});
	}, 60_000);
	afterAll(async () => browser?.close());

	it('EXIF orientations 1–8 come out upright, through WebCodecs (orientation applied here) and createImageBitmap(from-image)', async () => {
		const up = quadImage(160, 120);
		for (let o = 1; o <= 8; o++) {
			// Stored pixels for orientation o: undo the display transform with libvips, then tag.
			const stored = await rawSharp(storedFor(up, o)).jpeg({ quality: 95 }).withMetadata({ orientation: o }).toBuffer();
			// Sanity: libvips agrees these files display upright.
			const ref = await sharp(stored).rotate().raw().toBuffer({ resolveWithObject: true });
			expect([ref.info.width, ref.info.height]).toEqual([160, 120]);
			for (const hide of [false, true]) {
				const d = await call<{ decoder: string; image: Img; original: { width: number; height: number; orientation: number }; scale: number }>('open', new Uint8Array(stored), { minShortSide: 100, scaledJpeg: true }, hide, []);
				const tag = `orientation ${o} via ${d.decoder}`;
				expect(d.decoder, tag).toBe(hide ? 'bitmap' : 'imagedecoder');
				expect([d.image.width, d.image.height, d.original.orientation], tag).toEqual([160, 120, o]);
				const q = [pix(d.image, 40, 30), pix(d.image, 120, 30), pix(d.image, 40, 90), pix(d.image, 120, 90)];
				const want = [QUAD.tl, QUAD.tr, QUAD.bl, QUAD.br];
				for (let i = 0; i < 4; i++) expect(maxDiff(q[i], want[i]), `${tag} quadrant ${i}`).toBeLessThanOrEqual(10);
			}
		}
	});
	it('CMYK JPEG decodes to sRGB close to libvips, workLimit downscales', async () => {
		const src = quadImage(400, 300, [[200, 150, 120], [120, 160, 110], [110, 130, 170], [190, 190, 120]]);
		// CMYK with the CMYK ICC profile embedded, as print-workflow files carry it.
		const cmyk = await rawSharp(src).toColourspace('cmyk').withIccProfile('cmyk').jpeg({ quality: 95 }).toBuffer();
		const ref = await sharp(cmyk).toColourspace('srgb').raw().toBuffer();
		const d = await call<{ decoder: string; image: Img; original: { colorSpace: string; width: number }; scale: number }>('open', new Uint8Array(cmyk), { workLimit: 200, scaledJpeg: true }, false, []);
		expect(d.decoder).toBe('imagedecoder'); // decoded at 4/8 in the IDCT, converted by the browser's colour management
		expect([d.image.width, d.image.height, d.original.width, d.scale]).toEqual([200, 150, 400, 0.5]);
		expect(d.original.colorSpace).toBe('cmyk');
		for (const [x, y] of [[50, 37], [150, 37], [50, 112], [150, 112]]) {
			const i = (y * 2 * 400 + x * 2) * 3;
			// Skia/skcms and lcms2 differ by up to ~15 levels on this profile (measured 8–15); the source colour is the ground truth.
			expect(maxDiff(pix(d.image, x, y), [ref[i], ref[i + 1], ref[i + 2]])).toBeLessThanOrEqual(16);
			const s = (y * 2 * 400 + x * 2) * 4;
			expect(maxDiff(pix(d.image, x, y), Array.from(src.data.subarray(s, s + 3)))).toBeLessThanOrEqual(16);
		}
	});
	it('errors keep their codes across the worker boundary', async () => {
		await expect(call('decode', new Uint8Array(0), {})).rejects.toMatchObject({ code: 'empty' });
		const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'.padEnd(100, ' '));
		await expect(call('decode', svg, {})).rejects.toMatchObject({ code: 'svg-not-supported' });
		const jpg = await rawSharp(quadImage(400, 300)).jpeg().toBuffer();
		await expect(call('decode', new Uint8Array(jpg.subarray(0, jpg.length - 300)), {})).rejects.toMatchObject({ code: 'truncated' });
		const tiny = await rawSharp(quadImage(100, 80)).png().toBuffer();
		await expect(call('decode', new Uint8Array(tiny), {})).rejects.toMatchObject({ code: 'too-small' });
	});
	it('readRegionBrowser crops the upright original and leaves outside parts transparent', async () => {
		const stored = await rawSharp(quadImage(240, 320)).rotate(270).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
		// upright after orientation 6 is 240×320 quad image
		const r = await call<Img>('region', new Uint8Array(stored), { x: 120, y: -40, width: 160, height: 200 }, 80, 100);
		expect([r.width, r.height]).toEqual([80, 100]);
		expect(pix(r, 10, 50)[3]).toBe(255);
		expect(maxDiff(pix(r, 20, 60), QUAD.tr)).toBeLessThanOrEqual(10);
		expect(pix(r, 70, 50)[3]).toBe(0); // x > 240: outside
		expect(pix(r, 20, 5)[3]).toBe(0); // y < 0: outside
	});
	/** The astronaut fixture as an upright 800×600 RGBA photo (detail everywhere, so resampling differences show). */
	async function photo(): Promise<RgbaImage> {
		const { data, info } = await sharp(new URL('../../fixtures/astronaut.png', import.meta.url).pathname).resize(800, 600, { fit: 'fill' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
		return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
	}
	const toImg = (i: Img): RgbaImage => ({ width: i.width, height: i.height, data: new Uint8ClampedArray(i.data) });
	type Opened = { decoder: string; original: { width: number; height: number; orientation: number }; scale: number; image: Img; regions: Img[] };

	it('JPEG working copy: the WebCodecs IDCT-scaled decode matches the createImageBitmap path and libvips, orientations 1, 3, 6, 7', async () => {
		const up = await photo();
		// libvips reference of the whole upright photo at 200×150 (the working size for workLimit 200).
		const ref = await rawSharp(up).resize(200, 150, { kernel: 'lanczos3' }).ensureAlpha().raw().toBuffer();
		const refImg: RgbaImage = { width: 200, height: 150, data: new Uint8ClampedArray(ref) };
		for (const o of [1, 3, 6, 7]) {
			const jpg = new Uint8Array(await rawSharp(storedFor(up, o)).jpeg({ quality: 95 }).withMetadata({ orientation: o }).toBuffer());
			const fast = await call<Opened>('open', jpg, { workLimit: 200, scaledJpeg: true }, false, []);
			const slow = await call<Opened>('open', jpg, { workLimit: 200, scaledJpeg: true }, true, []);
			expect([fast.decoder, slow.decoder], `orientation ${o}`).toEqual(['imagedecoder', 'bitmap']);
			// 800 px long side, limit 200: decoded at 2/8 in the IDCT, exactly the working size.
			expect([fast.image.width, fast.image.height, fast.scale, fast.original.width, fast.original.height, fast.original.orientation]).toEqual([200, 150, 0.25, 800, 600, o]);
			expect([slow.image.width, slow.image.height]).toEqual([200, 150]);
			const a = toImg(fast.image);
			// Measured 1.3–1.6 levels mean against libvips and against the canvas path (different downscale filters);
			// a wrong orientation or colour conversion gives tens of levels.
			expect(meanAbsDiff(a, refImg), `orientation ${o} vs libvips`).toBeLessThan(4);
			expect(meanAbsDiff(a, toImg(slow.image)), `orientation ${o} vs createImageBitmap`).toBeLessThan(4);
			expect(a.data[3]).toBe(255);
		}
	});
	it('JPEG regions: from the working copy when it is fine enough, else from the full-resolution original; outside transparent', async () => {
		const up = await photo();
		const o = 6;
		const jpg = new Uint8Array(await rawSharp(storedFor(up, o)).jpeg({ quality: 95 }).withMetadata({ orientation: o }).toBuffer());
		const box = { x: 201, y: 149, width: 400, height: 300 };
		// Working copy at 0.25 px per original px. 80×60 needs 0.2 (0.25 ≥ 1.25 × 0.2: read from the copy); 400×300
		// needs 1 (read from the original); the third box starts 100 px left of the photo.
		const regions: [typeof box, number, number][] = [
			[box, 80, 60],
			[box, 400, 300],
			[{ x: -100, y: 0, width: 400, height: 300 }, 200, 150]
		];
		const r = await call<Opened>('open', jpg, { workLimit: 200, scaledJpeg: true }, false, regions);
		const old = await call<Opened>('open', jpg, { workLimit: 200, scaledJpeg: true }, true, regions.slice(0, 1));
		expect([r.decoder, old.decoder]).toEqual(['imagedecoder', 'bitmap']);
		const crop = rawSharp(up).extract({ left: 201, top: 149, width: 400, height: 300 });
		const small: RgbaImage = { width: 80, height: 60, data: new Uint8ClampedArray(await crop.clone().resize(80, 60, { kernel: 'lanczos3' }).raw().toBuffer()) };
		const full: RgbaImage = { width: 400, height: 300, data: new Uint8ClampedArray(await crop.clone().raw().toBuffer()) };
		expect([r.regions[0].width, r.regions[0].height, r.regions[1].width, r.regions[1].height]).toEqual([80, 60, 400, 300]);
		// Measured: from the copy 3.75 levels mean against libvips, the createImageBitmap path reading the original
		// 3.54, the two 1.19 apart; from the original at full size 1.8 (JPEG q95 only). A misplaced box gives > 7.
		expect(meanAbsDiff(toImg(r.regions[0]), small)).toBeLessThan(4.5);
		expect(meanAbsDiff(toImg(r.regions[0]), toImg(old.regions[0]))).toBeLessThan(2);
		expect(meanAbsDiff(toImg(r.regions[1]), full)).toBeLessThan(2.5);
		const edge = toImg(r.regions[2]);
		// 100 of 400 box px lie left of the photo: output columns 0..49 transparent, 51.. opaque.
		expect(edge.data[(75 * 200 + 10) * 4 + 3]).toBe(0);
		expect(edge.data[(75 * 200 + 48) * 4 + 3]).toBe(0);
		expect(edge.data[(75 * 200 + 52) * 4 + 3]).toBe(255);
	});
	it('JPEG working copy copied out of the frame as it is: the same bytes as copyTo RGBA/sRGB, in recycled memory when given; Display P3 still converted by copyTo', async () => {
		type Check = {
			decoder: string;
			format: string;
			colorSpace: { primaries: string | null };
			size: number[];
			referenceSize: number[];
			diffVsReference: number;
			diffUnconvertedVsReference: number;
			pool: { taken: number; given: number[]; imageIn: number };
		};
		const up = await photo();
		for (const o of [1, 6])
			for (const pooled of [false, true]) {
				const jpg = new Uint8Array(await rawSharp(storedFor(up, o)).jpeg({ quality: 92 }).withMetadata({ orientation: o }).toBuffer());
				// 800 px long side, limit 400: decoded at 4/8 in the IDCT (no resize), Chromium's frame is BGRX in sRGB
				const r = await call<Check>('workingCopy', jpg, 400, pooled);
				const tag = `orientation ${o}${pooled ? ', pooled memory' : ''}`;
				expect([r.decoder, r.format, r.colorSpace.primaries], tag).toEqual(['imagedecoder', 'BGRX', 'bt709']);
				expect([r.size, r.referenceSize], tag).toEqual([
					[400, 300],
					[400, 300]
				]);
				// every byte written (the pool's buffers come filled with 0xAB)
				expect(r.diffVsReference, tag).toBe(0);
				// orientation 1: converted in place in the one buffer taken; 6: the first buffer is scratch, given back, the
				// upright copy lives in the second
				const pool = !pooled ? { taken: 0, given: [], imageIn: -1 } : o === 1 ? { taken: 1, given: [], imageIn: 0 } : { taken: 2, given: [0], imageIn: 1 };
				expect(r.pool, tag).toEqual(pool);
			}
		// Display P3: the frame is not sRGB, so the adapter lets copyTo convert it (same bytes as the reference); the frame's
		// own bytes differ from that conversion in most px (so the comparison above can fail).
		const p3 = new Uint8Array(await rawSharp(up).withIccProfile('p3').jpeg({ quality: 92 }).toBuffer());
		const r = await call<Check>('workingCopy', p3, 400, true);
		expect([r.decoder, r.format, r.colorSpace.primaries]).toEqual(['imagedecoder', 'BGRX', null]);
		expect(r.diffVsReference).toBe(0);
		expect(r.pool).toEqual({ taken: 1, given: [], imageIn: 0 });
		expect(r.diffUnconvertedVsReference).toBeGreaterThan(100_000);
	});
	it('encodeJpeg (jpeg-js) works in a worker without Node Buffer and leaves no global behind', async () => {
		const r = await call<{ bytes: number[]; bufferAfter: string }>('encode', 64, 48, [10, 200, 30]);
		expect(r.bufferAfter).toBe('undefined');
		expect(r.bytes.slice(0, 4)).toEqual([0xff, 0xd8, 0xff, 0xe0]);
		const m = await sharp(Buffer.from(r.bytes)).metadata();
		expect([m.width, m.height, m.density]).toEqual([64, 48, 300]);
	});
});

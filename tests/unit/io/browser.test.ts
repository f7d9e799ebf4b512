/**
 * Browser adapter in real Chromium (Debian /usr/bin/chromium via playwright-core), inside a
 * dedicated worker: EXIF orientation via createImageBitmap, CMYK, workLimit, errors, regions,
 * and jpeg-js encoding without Node's Buffer. Skips when Chromium is absent.
 */
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxDiff, QUAD, quadImage, rawSharp, storedFor } from './helpers';

const CHROMIUM = '/usr/bin/chromium';
const have = existsSync(CHROMIUM);
let browser: Browser;
let page: Page;

type Img = { width: number; height: number; data: number[] };
const pix = (img: Img, x: number, y: number) => img.data.slice((Math.round(y) * img.width + Math.round(x)) * 4, (Math.round(y) * img.width + Math.round(x)) * 4 + 4);

async function call<T>(fn: string, ...args: unknown[]): Promise<T> {
	const r = await page.evaluate(([fn, args]) => (window as unknown as { call: (f: string, a: unknown[]) => Promise<unknown> }).call(fn as string, args as unknown[]), [fn, args.map((a) => (a instanceof Uint8Array ? Array.from(a) : a))] as const);
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
		await page.route('http://test.local/**', (route) =>
			route.request().url().endsWith('/worker.js')
				? route.fulfill({ contentType: 'text/javascript', body: workerJs })
				: route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>t</title>' })
		);
		await page.goto('http://test.local/');
		await page.evaluate(() => {
			const w = new Worker('/worker.js', { type: 'module' });
			let next = 0;
			const pending = new Map<number, (v: unknown) => void>();
			w.onmessage = (e) => {
				pending.get(e.data.id)?.(e.data);
				pending.delete(e.data.id);
			};
			(window as unknown as { call: unknown }).call = (fn: string, args: unknown[]) =>
				new Promise((resolve) => {
					const id = next++;
					pending.set(id, resolve);
					w.postMessage({ id, fn, args: args.map((a) => (Array.isArray(a) && a.length > 64 ? new Uint8Array(a as number[]) : a)) });
				});
		});
	}, 60_000);
	afterAll(async () => browser?.close());

	it('EXIF orientations 1–8 come out upright with createImageBitmap(from-image)', async () => {
		const up = quadImage(160, 120);
		for (let o = 1; o <= 8; o++) {
			// Stored pixels for orientation o: undo the display transform with libvips, then tag.
			const stored = await rawSharp(storedFor(up, o)).jpeg({ quality: 95 }).withMetadata({ orientation: o }).toBuffer();
			// Sanity: libvips agrees these files display upright.
			const ref = await sharp(stored).rotate().raw().toBuffer({ resolveWithObject: true });
			expect([ref.info.width, ref.info.height]).toEqual([160, 120]);
			const d = await call<{ image: Img; original: { width: number; height: number; orientation: number }; scale: number }>('decode', new Uint8Array(stored), { minShortSide: 100 });
			expect([d.image.width, d.image.height, d.original.orientation], `orientation ${o}`).toEqual([160, 120, o]);
			const q = [pix(d.image, 40, 30), pix(d.image, 120, 30), pix(d.image, 40, 90), pix(d.image, 120, 90)];
			const want = [QUAD.tl, QUAD.tr, QUAD.bl, QUAD.br];
			for (let i = 0; i < 4; i++) expect(maxDiff(q[i], want[i]), `orientation ${o} quadrant ${i}`).toBeLessThanOrEqual(10);
		}
	});
	it('CMYK JPEG decodes to sRGB close to libvips, workLimit downscales', async () => {
		const src = quadImage(400, 300, [[200, 150, 120], [120, 160, 110], [110, 130, 170], [190, 190, 120]]);
		// CMYK with the CMYK ICC profile embedded, as print-workflow files carry it.
		const cmyk = await rawSharp(src).toColourspace('cmyk').withIccProfile('cmyk').jpeg({ quality: 95 }).toBuffer();
		const ref = await sharp(cmyk).toColourspace('srgb').raw().toBuffer();
		const d = await call<{ image: Img; original: { colorSpace: string; width: number }; scale: number }>('decode', new Uint8Array(cmyk), { workLimit: 200 });
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
	it('encodeJpeg (jpeg-js) works in a worker without Node Buffer and leaves no global behind', async () => {
		const r = await call<{ bytes: number[]; bufferAfter: string }>('encode', 64, 48, [10, 200, 30]);
		expect(r.bufferAfter).toBe('undefined');
		expect(r.bytes.slice(0, 4)).toEqual([0xff, 0xd8, 0xff, 0xe0]);
		const m = await sharp(Buffer.from(r.bytes)).metadata();
		expect([m.width, m.height, m.density]).toEqual([64, 48, 300]);
	});
});

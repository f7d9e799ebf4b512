/**
 * Worker entry used by browser.test.ts: exposes the browser decode adapter and the pure encoders
 * to the test over postMessage, so they run where production runs them (a dedicated worker).
 */
import { decodeBrowser, openBrowserPhoto, readRegionBrowser } from '../../../src/lib/pipeline/decode/browser';
import { encodeJpeg } from '../../../src/lib/pipeline/encode';

const fns: Record<string, (...args: never[]) => unknown> = {
	async decode(bytes: Uint8Array, options: object) {
		const d = await decodeBrowser(new Blob([bytes as Uint8Array<ArrayBuffer>]), options);
		return { ...d, image: { width: d.image.width, height: d.image.height, data: d.image.data } };
	},
	async region(bytes: Uint8Array, box: { x: number; y: number; width: number; height: number }, w: number, h: number) {
		const r = await readRegionBrowser(new Blob([bytes as Uint8Array<ArrayBuffer>]), box, w, h);
		return { width: r.width, height: r.height, data: r.data };
	},
	/**
	 * openBrowserPhoto, optionally with WebCodecs hidden (the createImageBitmap path), and region reads from it:
	 * `regions` are [box, outW, outH] triples.
	 */
	async open(bytes: Uint8Array, options: object, hideImageDecoder: boolean, regions: [{ x: number; y: number; width: number; height: number }, number, number][]) {
		const g = globalThis as { ImageDecoder?: unknown };
		const saved = g.ImageDecoder;
		if (hideImageDecoder) g.ImageDecoder = undefined;
		try {
			const p = await openBrowserPhoto(new Blob([bytes as Uint8Array<ArrayBuffer>]), options);
			const out = [];
			for (const [box, w, h] of regions) {
				const r = await p.readRegion(box, w, h);
				out.push({ width: r.width, height: r.height, data: r.data });
			}
			p.close();
			return { decoder: p.decoder, original: p.original, scale: p.scale, image: { width: p.image.width, height: p.image.height, data: p.image.data }, regions: out };
		} finally {
			g.ImageDecoder = saved;
		}
	},
	encode(w: number, h: number, rgb: number[]) {
		const data = new Uint8ClampedArray(w * h * 4);
		for (let i = 0; i < w * h; i++) data.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
		const bytes = encodeJpeg({ width: w, height: h, data }, { quality: 90, dpi: 300 });
		return { bytes, bufferAfter: typeof (globalThis as { Buffer?: unknown }).Buffer };
	}
};

self.onmessage = async (e: MessageEvent<{ id: number; fn: string; args: never[] }>) => {
	const { id, fn, args } = e.data;
	try {
		postMessage({ id, ok: true, value: await fns[fn](...args) });
	} catch (err) {
		postMessage({ id, ok: false, code: (err as { code?: string }).code, message: String((err as Error).message) });
	}
};

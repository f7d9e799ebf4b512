/**
 * Worker entry used by browser.test.ts: exposes the browser decode adapter and the pure encoders
 * to the test over postMessage, so they run where production runs them (a dedicated worker).
 */
import { decodeBrowser, openBrowserPhoto, readRegionBrowser } from '../../../src/lib/pipeline/decode/browser';
import { encodeJpeg } from '../../../src/lib/pipeline/encode';
import { applyOrientation } from '../../../src/lib/pipeline/decode/orientation';
import { uprightRgba } from '../../../src/lib/pipeline/decode/pixels';

/** Bytes that differ between two equal-length arrays (Infinity when the lengths differ). */
function diffBytes(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) return Infinity;
	let d = 0;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) d++;
	return d;
}

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
	/**
	 * The JPEG working copy of openBrowserPhoto (scaledJpeg) against a reference made here the way the adapter made it
	 * before copying frames out as they are: ImageDecoder at the same size, copyTo with format 'RGBA' and colorSpace
	 * 'srgb' (the browser's own conversion), alpha 255, then the EXIF orientation. Also reports the frame's format and
	 * colour space and, with `pooled`, how the decode used a pixel-memory pool whose buffers come filled with 0xAB (old
	 * pixels): which buffer the working copy lives in, and what was given back.
	 */
	async workingCopy(bytes: Uint8Array, workLimit: number, pooled: boolean) {
		const taken: ArrayBuffer[] = [];
		const given: number[] = [];
		const pixelMemory = {
			take(n: number) {
				const b = new ArrayBuffer(n);
				new Uint8Array(b).fill(0xab);
				taken.push(b);
				return b;
			},
			give(b: ArrayBuffer) {
				given.push(taken.indexOf(b));
			}
		};
		const p = await openBrowserPhoto(new Blob([bytes as Uint8Array<ArrayBuffer>]), { workLimit, scaledJpeg: true, ...(pooled ? { pixelMemory } : {}) });
		p.close();
		const swap = p.original.orientation >= 5;
		const dec = new ImageDecoder({ data: bytes, type: 'image/jpeg', desiredWidth: swap ? p.image.height : p.image.width, desiredHeight: swap ? p.image.width : p.image.height, colorSpaceConversion: 'default' });
		const frame = (await dec.decode()).image;
		const w = frame.visibleRect!.width;
		const h = frame.visibleRect!.height;
		const converted = new Uint8ClampedArray(w * h * 4);
		await frame.copyTo(converted, { format: 'RGBA', colorSpace: 'srgb' });
		for (let i = 3; i < converted.length; i += 4) converted[i] = 255;
		const native = new Uint8Array(w * h * 4);
		await frame.copyTo(native, { layout: [{ offset: 0, stride: w * 4 }] });
		const format = frame.format;
		const colorSpace = frame.colorSpace.toJSON();
		frame.close();
		dec.close();
		const reference = applyOrientation({ width: w, height: h, data: converted }, p.original.orientation);
		// the frame's own bytes reordered without any colour conversion: what a wrongly taken native path would give
		const unconverted = uprightRgba({ width: w, height: h, order: format === 'RGBX' || format === 'RGBA' ? 'rgbx' : 'bgrx', orientation: p.original.orientation, data: native });
		return {
			decoder: p.decoder,
			format,
			colorSpace,
			size: [p.image.width, p.image.height],
			referenceSize: [reference.width, reference.height],
			diffVsReference: diffBytes(p.image.data, reference.data),
			diffUnconvertedVsReference: diffBytes(unconverted.data, reference.data),
			pool: { taken: taken.length, given, imageIn: taken.indexOf(p.image.data.buffer as ArrayBuffer) }
		};
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

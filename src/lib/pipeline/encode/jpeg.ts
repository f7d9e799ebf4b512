/**
 * Baseline JPEG encoding with jpeg-js (pure JS, identical output in browser and Node; baseline
 * DCT, Huffman, 4:4:4 — jpeg-js writes sampling factors 1×1 for Y, Cb and Cr, i.e. no chroma
 * subsampling), then header rewrite: no metadata, JFIF APP0 with the print dpi.
 */
import jpegJs from 'jpeg-js';
import type { RgbaImage } from '../../types';
import { rewriteJpegHeader } from './jfif';

/**
 * RGB over an opaque background for pixels with alpha < 255 (JPEG has no alpha channel).
 * `background` is 8-bit sRGB [r, g, b]; compositing is done on the 8-bit values (straight alpha).
 */
export function flattenAlpha(image: RgbaImage, background: [number, number, number] = [255, 255, 255]): RgbaImage {
	const src = image.data;
	let opaque = true;
	for (let i = 3; i < src.length; i += 4) if (src[i] !== 255) { opaque = false; break; }
	if (opaque) return image;
	const data = new Uint8ClampedArray(src.length);
	for (let i = 0; i < src.length; i += 4) {
		const a = src[i + 3] / 255;
		data[i] = src[i] * a + background[0] * (1 - a);
		data[i + 1] = src[i + 1] * a + background[1] * (1 - a);
		data[i + 2] = src[i + 2] * a + background[2] * (1 - a);
		data[i + 3] = 255;
	}
	return { width: image.width, height: image.height, data };
}

/**
 * jpeg-js's encoder ends with `Buffer.from(byteout)` whenever a CommonJS `module` exists, which
 * is also true inside a Vite/Rollup bundle, where `Buffer` is missing. The call is synchronous,
 * so a minimal `Buffer.from` is installed for its duration only and removed afterwards (other
 * libraries, e.g. exifr, feature-detect Node through `typeof Buffer`).
 */
function withBufferFrom<T>(fn: () => T): T {
	const g = globalThis as { Buffer?: unknown };
	if (typeof g.Buffer !== 'undefined') return fn();
	g.Buffer = { from: (a: ArrayLike<number>) => Uint8Array.from(a) };
	try {
		return fn();
	} finally {
		delete g.Buffer;
	}
}

/** Raw jpeg-js output (JFIF APP0 with density 1:1 and no units). `quality` 1..100 (IJG scale). */
export function encodeJpegRaw(image: RgbaImage, quality: number): Uint8Array {
	if (!Number.isInteger(quality) || quality < 1 || quality > 100) throw new RangeError(`JPEG quality must be an integer in 1..100, got ${quality}`);
	const flat = flattenAlpha(image);
	const out = withBufferFrom(() => jpegJs.encode({ width: flat.width, height: flat.height, data: flat.data }, quality).data);
	return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export interface JpegOptions {
	/** IJG quality 1..100. */
	quality: number;
	/** Print density written to JFIF APP0, dots per inch (integer 1..65535). */
	dpi: number;
	/** Extra COM padding, bytes (0 or ≥ 4). Default 0. */
	padBytes?: number;
}

/**
 * Encodes `image` (RGBA; alpha flattened over white) as a baseline JPEG with no metadata
 * segments and a JFIF 1.02 APP0 stating `dpi`. Returns the file bytes.
 * Throws RangeError for quality outside 1..100 or dpi outside 1..65535.
 */
export function encodeJpeg(image: RgbaImage, options: JpegOptions): Uint8Array {
	return rewriteJpegHeader(encodeJpegRaw(image, options.quality), options.dpi, options.padBytes ?? 0);
}

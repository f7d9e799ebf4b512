/**
 * Browser adapter (Web Worker or page): decodes with createImageBitmap, which applies EXIF
 * orientation (`imageOrientation: 'from-image'`), ICC and CMYK→sRGB conversion (Chromium/Skia),
 * then reads pixels through an OffscreenCanvas 2D context. HEIC falls back to libheif-js (lazy
 * chunk) when the browser cannot decode it (everything but Safari).
 * Needs: createImageBitmap, OffscreenCanvas (Chromium 69+, Firefox 105+, Safari 16.4+).
 */
import type { Box, RgbaImage } from '../../types';
import { DecodeError, isDecodeError } from './errors';
import { decodeHeif } from './heif';
import { colorSpaceOf, type ImageHeader } from './header';
import { preflight } from './limits';
import { readOrientation } from './orientation';
import { planRegion } from './region';
import { workingSize, type DecodedImage, type DecodeOptions, type OriginalInfo } from './types';

const BITMAP_OPTIONS: ImageBitmapOptions = { imageOrientation: 'from-image', premultiplyAlpha: 'none', colorSpaceConversion: 'default' };

/** Full-resolution upright bitmap of the file; HEIC through libheif when the browser refuses it. */
async function uprightBitmap(blob: Blob, bytes: Uint8Array, header: ImageHeader): Promise<ImageBitmap> {
	try {
		return await createImageBitmap(blob, BITMAP_OPTIONS);
	} catch (e) {
		if (header.format !== 'heic') throw new DecodeError('decode-failed', undefined, { cause: e });
	}
	const rgba = await decodeHeif(bytes);
	return createImageBitmap(new ImageData(rgba.data as Uint8ClampedArray<ArrayBuffer>, rgba.width, rgba.height), { premultiplyAlpha: 'none' });
}

/** Draws `bitmap` (or its `src` part) into a w×h OffscreenCanvas and returns straight-alpha sRGB RGBA. */
function readPixels(bitmap: ImageBitmap, w: number, h: number, draw?: (ctx: OffscreenCanvasRenderingContext2D) => void): RgbaImage {
	const canvas = new OffscreenCanvas(w, h);
	const ctx = canvas.getContext('2d', { willReadFrequently: true, colorSpace: 'srgb' }) as OffscreenCanvasRenderingContext2D | null;
	if (!ctx) throw new DecodeError('decode-failed', '(No 2D canvas available.)');
	ctx.imageSmoothingEnabled = true;
	ctx.imageSmoothingQuality = 'high';
	if (draw) draw(ctx);
	else ctx.drawImage(bitmap, 0, 0, w, h);
	const id = ctx.getImageData(0, 0, w, h, { colorSpace: 'srgb' });
	return { width: w, height: h, data: id.data };
}

/**
 * Decodes `blob` to an upright 8-bit sRGB RGBA image, downscaled to `options.workLimit`
 * (long side, px) with createImageBitmap's resizeWidth/resizeHeight (resizeQuality 'high').
 * Same result type and errors as decodeNode: DecodeError 'empty' | 'truncated' | 'not-an-image' |
 * 'svg-not-supported' | 'heic-unsupported' | 'too-large' | 'too-small' | 'decode-failed'.
 */
export async function decodeBrowser(blob: Blob, options: DecodeOptions = {}): Promise<DecodedImage> {
	const photo = await openBrowserPhoto(blob, options);
	photo.close();
	return { image: photo.image, original: photo.original, scale: photo.scale };
}

/** `box` of an upright bitmap (may extend past it: outside parts transparent) drawn into an outW×outH RGBA image. */
function regionOf(bmp: ImageBitmap, box: Box, outW: number, outH: number): RgbaImage {
	const plan = planRegion(box, bmp.width, bmp.height, outW, outH);
	return readPixels(bmp, outW, outH, (ctx) => {
		if (!plan.src) return;
		const { x0, y0, x1, y1 } = plan.src;
		ctx.drawImage(bmp, x0, y0, x1 - x0, y1 - y0, plan.dst.x, plan.dst.y, plan.dst.width, plan.dst.height);
	});
}

/**
 * Browser twin of readRegion: `box` in upright full-resolution px (may extend past the image;
 * outside parts are transparent), resampled to outW×outH px by the canvas ('high' smoothing).
 * Throws DecodeError as decodeBrowser, RangeError for empty sizes.
 */
export async function readRegionBrowser(blob: Blob, box: Box, outW: number, outH: number, options: DecodeOptions = {}): Promise<RgbaImage> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	const header = preflight(bytes, options);
	let full: ImageBitmap | null = null;
	try {
		full = await uprightBitmap(blob, bytes, header);
		return regionOf(full, box, outW, outH);
	} catch (e) {
		throw isDecodeError(e) || e instanceof RangeError ? e : new DecodeError('decode-failed', undefined, { cause: e });
	} finally {
		full?.close();
	}
}

/** A decoded photo that keeps its full-resolution bitmap, so later crops need no second decode. */
export interface OpenBrowserPhoto extends DecodedImage {
	/** The file's bytes as read for decoding (the quality checks read a JPEG's quantisation tables from them). */
	bytes: Uint8Array;
	/** Reads `box` (upright full-resolution px, may extend past the image: outside is transparent) at outW×outH px. */
	readRegion(box: Box, outW: number, outH: number): RgbaImage;
	/** Releases the full-resolution bitmap. */
	close(): void;
}

/**
 * Like decodeBrowser, but keeps the upright full-resolution ImageBitmap (GPU/compressed memory managed by the
 * browser) for `readRegion`, so each re-render of the crop reads from memory instead of decoding the file again.
 * Throws DecodeError as decodeBrowser.
 */
export async function openBrowserPhoto(blob: Blob, options: DecodeOptions = {}): Promise<OpenBrowserPhoto> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	const header = preflight(bytes, options);
	const heif = header.format === 'heic' || header.format === 'avif';
	const orientation = heif ? 1 : await readOrientation(bytes);
	let full: ImageBitmap | null = null;
	try {
		full = await uprightBitmap(blob, bytes, header);
		const ws = workingSize(full.width, full.height, options.workLimit);
		const bmp = full;
		const image = readPixels(bmp, ws.width, ws.height);
		const original: OriginalInfo = { width: bmp.width, height: bmp.height, format: header.format, orientation, bitDepth: header.bitDepth ?? 8, colorSpace: colorSpaceOf(header) };
		return {
			image,
			original,
			scale: image.width / bmp.width,
			bytes,
			readRegion: (box: Box, outW: number, outH: number): RgbaImage => regionOf(bmp, box, outW, outH),
			close: () => bmp.close()
		};
	} catch (e) {
		full?.close();
		throw isDecodeError(e) ? e : new DecodeError('decode-failed', undefined, { cause: e });
	}
}

/**
 * Browser adapter (Web Worker or page): decodes with createImageBitmap, which applies EXIF
 * orientation (`imageOrientation: 'from-image'`), ICC and CMYK→sRGB conversion (Chromium/Skia),
 * then reads pixels through an OffscreenCanvas 2D context. HEIC falls back to libheif-js (lazy
 * chunk) when the browser cannot decode it (everything but Safari).
 *
 * JPEG fast path (DecodeOptions.scaledJpeg; the pipeline worker uses it): the working copy is decoded at m/8 size
 * inside the IDCT by the WebCodecs ImageDecoder (desiredWidth/desiredHeight, see scaled.ts) and copied straight out as RGBA
 * (VideoFrame.copyTo), with the EXIF orientation applied here; the full-resolution original is decoded only when a crop needs finer pixels than the
 * working copy has (a 35x45 mm photo at 300 dpi from a 12 MP portrait reads at ~1/4 of the original's px). Any
 * failure or disagreement there (no ImageDecoder, orientation not reported, unexpected size) falls back to the
 * createImageBitmap path, which also produces the decode error messages.
 * Needs: createImageBitmap, OffscreenCanvas (Chromium 69+, Firefox 105+, Safari 16.4+); ImageDecoder optional.
 */
import type { Box, RgbaImage } from '../../types';
import { DecodeError, isDecodeError } from './errors';
import { decodeHeif } from './heif';
import { colorSpaceOf, type ImageHeader } from './header';
import { preflight } from './limits';
import { applyOrientation, readOrientation, swapsAxes } from './orientation';
import { planRegion } from './region';
import { jpegScaledSize, levelSuffices, neededScale, orientationFromTransform, planJpegScale, planScaledRegion } from './scaled';
import { workingSize, type DecodedImage, type DecodeOptions, type OriginalInfo, type PixelMemory } from './types';
import { setOpaque } from '../compose/opaque';
import { uprightRgba, type DecoderPixels, type PixelOrder } from './pixels';

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

/**
 * A 2D context of a new w x h OffscreenCanvas in sRGB; `read`: willReadFrequently (the pixels are read back) and
 * 'high' smoothing for the draws that resample.
 * @throws DecodeError when no 2D context is available.
 */
function context2d(w: number, h: number, read: boolean): OffscreenCanvasRenderingContext2D {
	const ctx = new OffscreenCanvas(w, h).getContext('2d', read ? { willReadFrequently: true, colorSpace: 'srgb' } : { colorSpace: 'srgb' }) as OffscreenCanvasRenderingContext2D | null;
	if (!ctx) throw new DecodeError('decode-failed', '(No 2D canvas available.)');
	if (read) {
		ctx.imageSmoothingEnabled = true;
		ctx.imageSmoothingQuality = 'high';
	}
	return ctx;
}

/** Draws `bitmap` (or its `src` part) into a w×h OffscreenCanvas and returns straight-alpha sRGB RGBA. */
function readPixels(bitmap: ImageBitmap, w: number, h: number, draw?: (ctx: OffscreenCanvasRenderingContext2D) => void): RgbaImage {
	const ctx = context2d(w, h, true);
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

/** A decoded photo that keeps what later crops need, so re-renders read from memory instead of decoding again. */
export interface OpenBrowserPhoto extends DecodedImage {
	/** The file's bytes as read for decoding (the quality checks read a JPEG's quantisation tables from them). */
	bytes: Uint8Array;
	/** How the working copy was made: 'imagedecoder' (JPEG, WebCodecs IDCT-scaled) or 'bitmap' (createImageBitmap). */
	decoder: 'imagedecoder' | 'bitmap';
	/**
	 * Reads `box` (upright full-resolution px, may extend past the image: outside is transparent) at outW×outH px,
	 * from the working copy when it is fine enough for that output size (see scaled.ts levelSuffices), else from the
	 * full-resolution original (decoded on first need and kept). Throws DecodeError when that decode fails.
	 */
	readRegion(box: Box, outW: number, outH: number): Promise<RgbaImage>;
	/** Releases the bitmaps held. */
	close(): void;
}

/** Minimal typing of the WebCodecs VideoFrame orientation fields (Chromium 131+; not yet in TypeScript's DOM lib). */
type OrientedFrame = VideoFrame & { rotation?: unknown; flip?: unknown };

/**
 * Channel order of a frame that can be copied out as it is: 4-byte px ('BGRX' / 'BGRA' / 'RGBX' / 'RGBA') in sRGB
 * (primaries BT.709, transfer IEC 61966-2-1, RGB, full range: what Chromium's decoder reports for a JPEG without an ICC
 * profile or with an sRGB one). Null for anything else, e.g. a Display P3 photo (primaries not BT.709), whose frame
 * copyTo must convert to sRGB.
 */
function srgbOrder(frame: VideoFrame): PixelOrder | null {
	const cs = frame.colorSpace;
	if (cs.primaries !== 'bt709' || cs.transfer !== 'iec61966-2-1' || cs.matrix !== 'rgb' || cs.fullRange !== true) return null;
	if (frame.format === 'BGRX' || frame.format === 'BGRA') return 'bgrx';
	if (frame.format === 'RGBX' || frame.format === 'RGBA') return 'rgbx';
	return null;
}

/**
 * A JPEG's working copy through WebCodecs: decoded at m/8 (planJpegScale) in the IDCT, copied out as sRGB RGBA,
 * resized to the working size when the plan says so, then turned upright. Returns null whenever this path cannot be
 * trusted (no ImageDecoder, the frame's orientation differs from the EXIF tag read by exifr, an unexpected frame
 * size, any decoder error); the caller then uses createImageBitmap.
 * An sRGB frame of 4-byte px (srgbOrder) that needs no resize is copied out as it is and reordered here (pixels.ts
 * uprightRgba; the same bytes as copyTo's own conversion, tests/unit/io/browser.test.ts): in `npm run bench` (12 MP,
 * 1500x2000 working copy, Chromium) copy and conversion took 13 + 6 ms against 20 + 3 ms for copyTo 'RGBA' and
 * setOpaque. On either path the frame's copy lands in memory from `memory` (DecodeOptions.pixelMemory) when given: it
 * is the working copy (orientation 1, no resize), or scratch given back once the rotated or resized copy is made.
 * @param header stored (pre-orientation) size from the SOF segment.
 */
async function jpegWorkingCopy(bytes: Uint8Array, header: ImageHeader, orientation: number, workLimit: number | undefined, memory: PixelMemory | undefined): Promise<RgbaImage | null> {
	if (typeof ImageDecoder === 'undefined') return null;
	const plan = planJpegScale(header.width, header.height, workLimit);
	const want = jpegScaledSize(header.width, header.height, plan.m);
	let decoder: ImageDecoder | null = null;
	let frame: OrientedFrame | null = null;
	try {
		decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg', desiredWidth: want.width, desiredHeight: want.height, colorSpaceConversion: 'default' });
		frame = (await decoder.decode()).image as OrientedFrame;
		if (orientationFromTransform(frame.rotation, frame.flip) !== orientation) return null;
		const rect = frame.visibleRect;
		if (!rect || rect.width > header.width || rect.height > header.height || rect.width < 1 || rect.height < 1) return null;
		// The decoder may round the scale differently: accept any size ≤ the original whose aspect matches to 1 px.
		if (Math.abs((rect.width * header.height) / header.width - rect.height) > 1.5) return null;
		const target = workingSize(header.width, header.height, workLimit);
		const fits = rect.width <= target.width && rect.height <= target.height;
		const order = fits ? srgbOrder(frame) : null;
		const size = rect.width * rect.height * 4;
		// memory from the pool: the working copy itself, or scratch given back once the working copy is made from it
		const take = () => (memory ? memory.take(size) : new ArrayBuffer(size));
		if (order) {
			const buffer = take();
			await frame.copyTo(new Uint8Array(buffer, 0, size), { rect, layout: [{ offset: 0, stride: rect.width * 4 }] });
			const pixels: DecoderPixels = { width: rect.width, height: rect.height, order, orientation, data: new Uint8Array(buffer, 0, size) };
			// in place: orientation 1 keeps this memory; any other leaves it as scratch for the rotated copy
			const upright = uprightRgba(pixels, true, orientation !== 1 && memory ? new Uint8ClampedArray(memory.take(size), 0, size) : undefined);
			if (orientation !== 1) memory?.give(buffer);
			return upright;
		}
		const data = new Uint8ClampedArray(take(), 0, size);
		await frame.copyTo(data, { format: 'RGBA', colorSpace: 'srgb' });
		// JPEG has no alpha; the padding byte of BGRX/I420 frames is not guaranteed to be 255.
		setOpaque(data);
		let stored: RgbaImage = { width: rect.width, height: rect.height, data };
		if (!fits) {
			const bmp = await createImageBitmap(new ImageData(data as Uint8ClampedArray<ArrayBuffer>, stored.width, stored.height), { premultiplyAlpha: 'none' });
			try {
				stored = readPixels(bmp, target.width, target.height);
			} finally {
				bmp.close();
			}
			memory?.give(data.buffer as ArrayBuffer);
		}
		if (orientation === 1) return stored;
		const upright = applyOrientation(stored, orientation, fits && memory ? new Uint8ClampedArray(memory.take(size), 0, size) : undefined);
		if (fits) memory?.give(data.buffer as ArrayBuffer);
		return upright;
	} catch {
		return null;
	} finally {
		frame?.close();
		decoder?.close();
	}
}

type Rect = { x: number; y: number; width: number; height: number };

/** A decoded copy of the upright photo that region reads draw from. */
interface Level {
	/** copy px / original px. */
	scale: number;
	width: number;
	height: number;
	/** Draws the copy's `src` rectangle (copy px, fractional) into `dst` of `ctx` (output px, fractional). */
	draw(ctx: OffscreenCanvasRenderingContext2D, src: Rect, dst: Rect): Promise<void>;
	close(): void;
}

/** A level held as a bitmap made once, on first use, by `make` (the full-resolution original). */
function bitmapLevel(scale: number, width: number, height: number, make: () => Promise<ImageBitmap>): Level {
	let pending: Promise<ImageBitmap> | null = null;
	let closed = false;
	return {
		scale,
		width,
		height,
		async draw(ctx, src, dst) {
			pending ??= make().then((b) => (closed ? (b.close(), Promise.reject(new Error('photo closed'))) : b));
			const bmp = await pending;
			ctx.drawImage(bmp, src.x, src.y, src.width, src.height, dst.x, dst.y, dst.width, dst.height);
		},
		close: () => {
			closed = true;
			pending?.then((b) => b.close()).catch(() => {});
		}
	};
}

/** Whole source px around a fractional rectangle kept for the resampling filter's support (Lanczos3: 3). */
const FILTER_MARGIN_PX = 3;

/** The part canvas of the last working-copy read, reused while reads keep its size (see partCanvas). */
let part: OffscreenCanvasRenderingContext2D | null = null;

/**
 * A w x h canvas for a working-copy read's rectangle: the last one when it has that size (photos in a row read
 * rectangles of the same size), else a new one. A new canvas of a 12 MP photo's crop holds ~4 MB whose pages fault on
 * first use (see run/buffer-pool.ts). Drawing it into another canvas snapshots it, so a later putImageData cannot change
 * an earlier draw.
 * @throws DecodeError when no 2D context is available.
 */
function partCanvas(w: number, h: number): OffscreenCanvasRenderingContext2D {
	if (!part || part.canvas.width !== w || part.canvas.height !== h) part = context2d(w, h, false);
	return part;
}

/**
 * A level held as RGBA in memory (the working copy): each read copies only the rectangle it needs (plus
 * FILTER_MARGIN_PX) into a small canvas with putImageData and resamples from there, so no bitmap of the whole copy is
 * ever made.
 */
function pixelLevel(scale: number, image: RgbaImage): Level {
	const whole = new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height);
	return {
		scale,
		width: image.width,
		height: image.height,
		async draw(ctx, src, dst) {
			const x0 = Math.max(0, Math.floor(src.x) - FILTER_MARGIN_PX);
			const y0 = Math.max(0, Math.floor(src.y) - FILTER_MARGIN_PX);
			const x1 = Math.min(image.width, Math.ceil(src.x + src.width) + FILTER_MARGIN_PX);
			const y1 = Math.min(image.height, Math.ceil(src.y + src.height) + FILTER_MARGIN_PX);
			const pctx = partCanvas(x1 - x0, y1 - y0);
			// putImageData replaces every px of the part canvas (it is exactly the rectangle's size)
			pctx.putImageData(whole, -x0, -y0, x0, y0, x1 - x0, y1 - y0);
			ctx.drawImage(pctx.canvas, src.x - x0, src.y - y0, src.width, src.height, dst.x, dst.y, dst.width, dst.height);
		},
		close: () => {}
	};
}

/** `box` (original px) drawn from `level` into an outW×outH RGBA image, fractional rectangles kept exact. */
async function regionFromLevel(level: Level, box: Box, outW: number, outH: number): Promise<RgbaImage> {
	const plan = planScaledRegion(box, level.scale, level.width, level.height, outW, outH);
	const ctx = context2d(outW, outH, true);
	if (plan.src) await level.draw(ctx, plan.src, plan.dst);
	const id = ctx.getImageData(0, 0, outW, outH, { colorSpace: 'srgb' });
	return { width: outW, height: outH, data: id.data };
}

/**
 * Decodes `blob` like decodeBrowser (working copy ≤ options.workLimit px) and keeps what later crops need: the working
 * copy, and the full-resolution original, decoded once when a crop first needs it (JPEG fast path) or kept from the
 * decode (other formats). Throws DecodeError as decodeBrowser.
 */
export async function openBrowserPhoto(blob: Blob, options: DecodeOptions = {}): Promise<OpenBrowserPhoto> {
	const bytes = new Uint8Array(await blob.arrayBuffer());
	const header = preflight(bytes, options);
	const heif = header.format === 'heic' || header.format === 'avif';
	const orientation = heif ? 1 : await readOrientation(bytes);
	const fast = header.format === 'jpeg' && options.scaledJpeg ? await jpegWorkingCopy(bytes, header, orientation, options.workLimit, options.pixelMemory) : null;
	if (fast) {
		const W = swapsAxes(orientation) ? header.height : header.width;
		const H = swapsAxes(orientation) ? header.width : header.height;
		const scale = fast.width / W;
		const original: OriginalInfo = { width: W, height: H, format: header.format, orientation, bitDepth: header.bitDepth ?? 8, colorSpace: colorSpaceOf(header) };
		const levels = [
			pixelLevel(scale, fast),
			bitmapLevel(1, W, H, async () => {
				try {
					const full = await uprightBitmap(blob, bytes, header);
					if (full.width !== W || full.height !== H) {
						full.close();
						throw new DecodeError('decode-failed', `(The decoder returned ${full.width}×${full.height} px for a ${W}×${H} px photo.)`);
					}
					return full;
				} catch (e) {
					throw isDecodeError(e) ? e : new DecodeError('decode-failed', undefined, { cause: e });
				}
			})
		];
		return {
			image: fast,
			original,
			scale,
			bytes,
			decoder: 'imagedecoder',
			readRegion: (box, outW, outH) => {
				const need = neededScale(box, outW, outH);
				return regionFromLevel(levels.find((l) => levelSuffices(l.scale, need)) ?? levels[levels.length - 1], box, outW, outH);
			},
			close: () => levels.forEach((l) => l.close())
		};
	}
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
			decoder: 'bitmap',
			readRegion: async (box: Box, outW: number, outH: number): Promise<RgbaImage> => regionOf(bmp, box, outW, outH),
			close: () => bmp.close()
		};
	} catch (e) {
		full?.close();
		throw isDecodeError(e) ? e : new DecodeError('decode-failed', undefined, { cause: e });
	}
}

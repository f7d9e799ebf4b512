/**
 * Node adapter (CLI, tests): decodes with sharp/libvips, which handles JPEG (incl. CMYK/YCCK),
 * PNG (1–16 bit, palette, grey), WebP, AVIF, GIF, TIFF; HEIC goes to libheif-js because the
 * prebuilt sharp has no HEVC decoder. Output is always 8-bit sRGB RGBA, upright.
 * Not for the browser bundle (imports sharp).
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { Box, RgbaImage } from '../../types';
import { DecodeError, isDecodeError } from './errors';
import { decodeHeif } from './heif';
import { colorSpaceOf, type ImageHeader } from './header';
import { DEFAULT_MAX_PIXELS, preflight } from './limits';
import { applyOrientation, readOrientation, swapsAxes } from './orientation';
import { pasteInto, planRegion, uprightToStored } from './region';
import { workingSize, type DecodedImage, type DecodeOptions, type OriginalInfo } from './types';

/** Maps a sharp/libvips error message to a DecodeError code. */
function fromSharpError(e: unknown): DecodeError {
	if (isDecodeError(e)) return e;
	const msg = e instanceof Error ? e.message : String(e);
	if (/pixel limit/i.test(msg)) return new DecodeError('too-large', undefined, { cause: e });
	if (/premature|truncat|end of (file|input|data)|not enough data/i.test(msg)) return new DecodeError('truncated', undefined, { cause: e });
	if (/unsupported image format/i.test(msg)) return new DecodeError('not-an-image', undefined, { cause: e });
	return new DecodeError('decode-failed', `(${msg})`, { cause: e });
}

/** sharp pipeline: input → (optional resize) → 8-bit sRGB RGBA raw. `maxPixels` guards libvips too. */
function rgbaPipeline(bytes: Uint8Array, maxPixels: number) {
	return sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated' });
}

async function toRgba(p: Sharp): Promise<RgbaImage> {
	const { data, info } = await p.toColourspace('srgb').ensureAlpha().raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
	if (info.channels !== 4) throw new DecodeError('decode-failed', `(Expected 4 channels, got ${info.channels}.)`);
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
}

/** Orientation to apply ourselves: EXIF for JPEG/PNG/WebP/GIF/BMP; 1 for HEIF/AVIF (decoder applies irot/imir). */
async function orientationFor(bytes: Uint8Array, header: ImageHeader): Promise<number> {
	return header.format === 'avif' || header.format === 'heic' ? 1 : readOrientation(bytes);
}

/**
 * Decodes `bytes` to an upright 8-bit sRGB RGBA image.
 * Steps: preflight (header-only checks: empty, SVG, unknown, truncated, too large/small) →
 * decode (sharp, libheif for HEIC) → colour conversion to sRGB (ICC / CMYK via libvips) →
 * optional downscale to `options.workLimit` (long side, px; Lanczos3) → EXIF orientation
 * (applyOrientation with the exifr value).
 * Throws DecodeError with codes 'empty' | 'truncated' | 'not-an-image' | 'svg-not-supported' |
 * 'heic-unsupported' | 'too-large' | 'too-small' | 'decode-failed'.
 */
export async function decodeNode(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
	const header = preflight(bytes, options);
	const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
	const orientation = await orientationFor(bytes, header);
	let stored: RgbaImage;
	let space: string | undefined;
	let depth: string | undefined;
	if (header.format === 'heic') {
		const full = await decodeHeif(bytes);
		const ws = workingSize(full.width, full.height, options.workLimit);
		stored = ws.scale === 1 ? full : await toRgba(sharp(full.data, { raw: { width: full.width, height: full.height, channels: 4 } }).resize(ws.width, ws.height, { fit: 'fill' }));
		const original: OriginalInfo = { width: full.width, height: full.height, format: 'heic', orientation: 1, bitDepth: header.bitDepth ?? 8, colorSpace: 'srgb' };
		return { image: stored, original, scale: stored.width / full.width };
	}
	let meta: Metadata;
	try {
		meta = await rgbaPipeline(bytes, maxPixels).metadata();
		space = meta.space;
		depth = meta.depth;
		// Stored (pre-orientation) size; workLimit bounds the long side, so it is orientation-independent.
		const ws = workingSize(meta.width ?? header.width, meta.height ?? header.height, options.workLimit);
		let p = rgbaPipeline(bytes, maxPixels);
		if (ws.scale !== 1) p = p.resize(ws.width, ws.height, { fit: 'fill', kernel: 'lanczos3' });
		stored = await toRgba(p);
	} catch (e) {
		throw fromSharpError(e);
	}
	const image = applyOrientation(stored, orientation);
	const fullW = meta.width ?? header.width;
	const fullH = meta.height ?? header.height;
	const original: OriginalInfo = {
		width: swapsAxes(orientation) ? fullH : fullW,
		height: swapsAxes(orientation) ? fullW : fullH,
		format: header.format,
		orientation,
		bitDepth: header.bitDepth ?? (depth === 'ushort' ? 16 : 8),
		colorSpace: colorSpaceOf(header, space)
	};
	return { image, original, scale: image.width / original.width };
}

/**
 * Reads `box` (upright full-resolution px, as in DecodedImage.original; may extend past the
 * image, rounded to whole px) from the ORIGINAL file and resamples it to outW×outH px (Lanczos3),
 * so the final crop keeps full detail even when the pipeline worked on a downscaled copy.
 * Parts of the box outside the image are transparent (alpha 0).
 * Returns 8-bit sRGB RGBA, upright. Throws DecodeError as decodeNode, RangeError for empty sizes.
 */
export async function readRegion(bytes: Uint8Array, box: Box, outW: number, outH: number, options: DecodeOptions = {}): Promise<RgbaImage> {
	const header = preflight(bytes, options);
	const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
	const orientation = await orientationFor(bytes, header);
	try {
		if (header.format === 'heic') {
			const full = await decodeHeif(bytes);
			const plan = planRegion(box, full.width, full.height, outW, outH);
			if (!plan.src) return pasteInto(outW, outH, { width: 0, height: 0, data: new Uint8ClampedArray(0) }, 0, 0);
			const part = await toRgba(
				sharp(full.data, { raw: { width: full.width, height: full.height, channels: 4 } })
					.extract({ left: plan.src.x0, top: plan.src.y0, width: plan.src.x1 - plan.src.x0, height: plan.src.y1 - plan.src.y0 })
					.resize(plan.dst.width, plan.dst.height, { fit: 'fill', kernel: 'lanczos3' })
			);
			return pasteInto(outW, outH, part, plan.dst.x, plan.dst.y);
		}
		const meta = await rgbaPipeline(bytes, maxPixels).metadata();
		const w = meta.width ?? header.width;
		const h = meta.height ?? header.height;
		const swap = swapsAxes(orientation);
		const plan = planRegion(box, swap ? h : w, swap ? w : h, outW, outH);
		if (!plan.src) return pasteInto(outW, outH, { width: 0, height: 0, data: new Uint8ClampedArray(0) }, 0, 0);
		const s = uprightToStored(plan.src, orientation, w, h);
		const part = await toRgba(
			rgbaPipeline(bytes, maxPixels)
				.extract({ left: s.x0, top: s.y0, width: s.x1 - s.x0, height: s.y1 - s.y0 })
				.resize(swap ? plan.dst.height : plan.dst.width, swap ? plan.dst.width : plan.dst.height, { fit: 'fill', kernel: 'lanczos3' })
		);
		return pasteInto(outW, outH, applyOrientation(part, orientation), plan.dst.x, plan.dst.y);
	} catch (e) {
		throw fromSharpError(e);
	}
}

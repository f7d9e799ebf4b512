/**
 * Size limits checked from the header, before any pixels are decoded.
 */
import { DecodeError } from './errors';
import { isComplete, readImageHeader, type ImageHeader } from './header';

/** Default pixel budget: 100 megapixels (declared width × height). An RGBA copy of that is 400 MB. */
export const DEFAULT_MAX_PIXELS = 100_000_000;
/**
 * Longest side accepted, px. 32767 is Chromium's maximum canvas dimension
 * (third_party/blink/renderer/core/html/canvas/canvas_rendering_context_host / SkISize limits),
 * so nothing larger can reach an OffscreenCanvas anyway; anything above is treated as absurd.
 */
export const DEFAULT_MAX_SIDE = 32767;
/**
 * Minimum short side, px. A 35×45 mm photo printed at 300 dpi needs 413×531 px; 200 px is
 * a conservative floor below which no ID-photo crop (face ≥ ~50 % of height) can be printed sharply.
 */
export const DEFAULT_MIN_SHORT_SIDE = 200;

export interface DecodeLimits {
	/** Max declared width × height, px². Default DEFAULT_MAX_PIXELS. */
	maxPixels?: number;
	/** Max declared width or height, px. Default DEFAULT_MAX_SIDE. */
	maxSide?: number;
	/** Min of width and height, px. Default DEFAULT_MIN_SHORT_SIDE. */
	minShortSide?: number;
}

/** Throws DecodeError 'too-large' / 'too-small' / 'decode-failed' (zero size) for the declared dimensions. */
export function checkDimensions(header: Pick<ImageHeader, 'width' | 'height'>, limits: DecodeLimits = {}): void {
	const { width, height } = header;
	const maxPixels = limits.maxPixels ?? DEFAULT_MAX_PIXELS;
	const maxSide = limits.maxSide ?? DEFAULT_MAX_SIDE;
	const minShort = limits.minShortSide ?? DEFAULT_MIN_SHORT_SIDE;
	if (!(width > 0 && height > 0)) throw new DecodeError('decode-failed', `(The header declares ${width}×${height} pixels.)`);
	const mp = (width * height) / 1e6;
	if (width * height > maxPixels)
		throw new DecodeError('too-large', `It declares ${width}×${height} pixels (${mp.toFixed(0)} MP); the limit is ${(maxPixels / 1e6).toFixed(0)} MP.`);
	if (width > maxSide || height > maxSide)
		throw new DecodeError('too-large', `It declares ${width}×${height} pixels; no side may exceed ${maxSide} px.`);
	if (Math.min(width, height) < minShort)
		throw new DecodeError('too-small', `It is ${width}×${height} pixels; the shorter side must be at least ${minShort} px.`);
}

/**
 * Everything that can be rejected without decoding: empty, unknown/SVG, truncated header,
 * truncated JPEG/PNG body, too large, too small. Returns the header on success.
 * Throws DecodeError with the matching code.
 */
export function preflight(bytes: Uint8Array, limits: DecodeLimits = {}): ImageHeader {
	const header = readImageHeader(bytes);
	checkDimensions(header, limits);
	if (!isComplete(bytes, header.format)) throw new DecodeError('truncated');
	return header;
}

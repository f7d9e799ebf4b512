/**
 * JPEG encoding into a file-size window [minBytes, maxBytes] (sizes in BYTES; see units.ts for
 * KB conversion), as passport/visa portals demand. The pixel size never changes: the maximum is
 * met by lowering quality, the minimum by COM-segment padding.
 */
import type { RgbaImage } from '../../types';
import { encodeJpegRaw } from './jpeg';
import { rewriteJpegHeader } from './jfif';

/** Thrown when no JPEG of this image fits the window. */
export class JpegSizeError extends Error {
	/** Size at quality 1, bytes (what the smallest possible file would be). */
	readonly smallestBytes: number;
	constructor(message: string, smallestBytes: number) {
		super(message);
		this.name = 'JpegSizeError';
		this.smallestBytes = smallestBytes;
	}
}

export interface JpegWindowOptions {
	/** JFIF density, dots per inch. */
	dpi: number;
	/** Minimum file size, bytes (inclusive). Reached by COM padding. */
	minBytes?: number;
	/** Maximum file size, bytes (inclusive). */
	maxBytes?: number;
	/** Highest quality tried (1..100). Default 100. */
	maxQuality?: number;
	/**
	 * Baseline JPEG encoder to use, IJG quality 1..100 (its metadata is replaced anyway). Default: jpeg-js
	 * (`encodeJpegRaw`, pure JS, Node and browser); the browser worker passes the canvas's native encoder.
	 */
	encoder?: RawJpegEncoder;
}

/** Encodes RGBA to a baseline JPEG at IJG quality 1..100. */
export type RawJpegEncoder = (image: RgbaImage, quality: number) => Uint8Array | Promise<Uint8Array>;

export interface JpegWindowResult {
	bytes: Uint8Array;
	/** IJG quality used, 1..100. */
	quality: number;
	/** True when COM padding was added to reach minBytes. */
	padded: boolean;
	/** Bytes of COM padding (0 when not padded). */
	padBytes: number;
}

/**
 * Highest quality q in 1..maxQuality whose file (metadata stripped, JFIF dpi) is ≤ maxBytes,
 * found by binary search (jpeg-js sizes grow with quality; every accepted size is measured, so
 * the maximum holds even if that growth had a dip). If the file is < minBytes it is padded with
 * COM segments (each ≤ 65533 payload bytes) to exactly minBytes (or minBytes + 1..3 when the
 * gap is under the 4-byte minimum segment and the maximum allows it).
 * Rejects with RangeError when minBytes > maxBytes; JpegSizeError when even quality 1 exceeds maxBytes
 * or the window is too narrow to hit with padding.
 */
export async function encodeJpegInWindow(image: RgbaImage, options: JpegWindowOptions): Promise<JpegWindowResult> {
	const { dpi, minBytes = 0, maxBytes = Infinity, maxQuality = 100, encoder = encodeJpegRaw } = options;
	if (minBytes > maxBytes) throw new RangeError(`minBytes (${minBytes}) exceeds maxBytes (${maxBytes})`);
	// Encoding is the expensive step (jpeg-js rebuilds its tables on every call, ~0.1 s), so each quality is encoded once.
	const raw = new Map<number, Uint8Array>();
	const cache = new Map<number, Uint8Array>();
	const rawAt = async (q: number) => {
		let b = raw.get(q);
		if (!b) raw.set(q, (b = await encoder(image, q)));
		return b;
	};
	const at = async (q: number) => {
		let b = cache.get(q);
		if (!b) cache.set(q, (b = rewriteJpegHeader(await rawAt(q), dpi)));
		return b;
	};
	let q = maxQuality;
	if ((await at(q)).length > maxBytes) {
		if ((await at(1)).length > maxBytes)
			throw new JpegSizeError(
				`Even at the lowest JPEG quality the photo is ${(await at(1)).length} bytes, over the ${maxBytes}-byte maximum. Use a smaller pixel size or a larger limit.`,
				(await at(1)).length
			);
		let lo = 1; // fits
		let hi = maxQuality; // does not fit
		while (hi - lo > 1) {
			const mid = (lo + hi) >> 1;
			if ((await at(mid)).length <= maxBytes) lo = mid;
			else hi = mid;
		}
		q = lo;
	}
	let bytes = await at(q);
	if (bytes.length >= minBytes) return { bytes, quality: q, padded: false, padBytes: 0 };
	let need = minBytes - bytes.length;
	if (need < 4) {
		if (bytes.length + 4 <= maxBytes) need = 4;
		else {
			// Step down until the gap to minBytes is at least one empty COM segment (4 bytes).
			while (q > 1 && minBytes - (await at(q)).length < 4) q--;
			bytes = await at(q);
			need = minBytes - bytes.length;
			if (need < 4) throw new JpegSizeError(`The window ${minBytes}..${maxBytes} bytes is too narrow to reach by padding.`, (await at(1)).length);
		}
	}
	return { bytes: rewriteJpegHeader(await rawAt(q), dpi, need), quality: q, padded: true, padBytes: need };
}

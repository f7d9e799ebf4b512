/**
 * Pixels as a decoder delivers them (WebCodecs VideoFrame formats 'BGRX' / 'RGBX', 4 bytes per px, the fourth byte
 * padding) and their conversion to the pipeline's upright RGBA. Pure (tested in Node); the browser adapter
 * (decode/browser.ts) converts a JPEG's working copy with it.
 */
import type { RgbaImage } from '../../types';
import { applyOrientation } from './orientation';

/** Channel order of 4-byte decoder pixels: B, G, R, padding ('bgrx', VideoFrame 'BGRX' / 'BGRA') or R, G, B, padding. */
export type PixelOrder = 'bgrx' | 'rgbx';

/**
 * A decoded picture before conversion: `data` is Uint8Array [height*width*4], rows tight (stride width*4 bytes), in
 * `order`; the fourth byte of each px is ignored (JPEG has no alpha). `width` x `height` are the STORED size (before the
 * EXIF orientation, 1..8, which uprightRgba applies). uprightRgba writes to it only when asked to work in place.
 */
export interface DecoderPixels {
	width: number;
	height: number;
	order: PixelOrder;
	orientation: number;
	data: Uint8Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Upright 8-bit RGBA (alpha 255) from decoder pixels: channels reordered, then the EXIF orientation applied
 * (orientation.ts applyOrientation).
 * @param inPlace reorder inside `p.data` (only for memory nobody else reads): for orientation 1 the result then uses
 *   `p.data`'s memory; otherwise `p.data` is scratch and the upright result goes to `out` or new memory.
 * @param out memory for a result that is not made in place: Uint8ClampedArray [width*height*4], not overlapping `p.data`.
 * @throws RangeError when the data length is not width*height*4, `out` has the wrong length, or the orientation is
 *   outside 1..8.
 */
export function uprightRgba(p: DecoderPixels, inPlace = false, out?: Uint8ClampedArray): RgbaImage {
	const n = p.width * p.height;
	if (p.data.length !== n * 4) throw new RangeError(`decoder pixels: ${p.data.length} bytes for ${p.width}x${p.height} px`);
	if (out && out.length !== n * 4) throw new RangeError(`uprightRgba: out has length ${out.length}, need ${n * 4}`);
	if (!Number.isInteger(p.orientation) || p.orientation < 1 || p.orientation > 8) throw new RangeError(`EXIF orientation must be 1..8, got ${p.orientation}`);
	const stored = inPlace ? new Uint8ClampedArray(p.data.buffer, p.data.byteOffset, n * 4) : p.orientation === 1 && out ? out : new Uint8ClampedArray(n * 4);
	if (LITTLE_ENDIAN && p.data.byteOffset % 4 === 0 && stored.byteOffset % 4 === 0) {
		const src = new Uint32Array(p.data.buffer, p.data.byteOffset, n);
		const dst = new Uint32Array(stored.buffer, stored.byteOffset, n);
		if (p.order === 'bgrx') bgrxWords(src, dst);
		else rgbxWords(src, dst);
	} else reorderBytes(p.data, stored, p.order === 'bgrx');
	const image = { width: p.width, height: p.height, data: stored };
	return p.orientation === 1 ? image : applyOrientation(image, p.orientation, out);
}

// Small functions with typed-array parameters only, so V8 compiles each loop once (see matte/refine.ts).

/** Little-endian words B,G,R,X → R,G,B,255: swaps bytes 0 and 2, sets byte 3. `dst` may be `src`. */
function bgrxWords(src: Uint32Array, dst: Uint32Array): void {
	for (let i = 0; i < src.length; i++) {
		const v = src[i];
		dst[i] = ((v >>> 16) & 0xff) | (v & 0xff00) | ((v & 0xff) << 16) | 0xff000000;
	}
}

/** Little-endian words R,G,B,X → R,G,B,255. `dst` may be `src`. */
function rgbxWords(src: Uint32Array, dst: Uint32Array): void {
	for (let i = 0; i < src.length; i++) dst[i] = src[i] | 0xff000000;
}

/** Byte-wise fallback (unaligned data or a big-endian platform). `dst` may share `src`'s memory. */
function reorderBytes(src: Uint8Array, dst: Uint8ClampedArray, swap: boolean): void {
	for (let i = 0; i < src.length; i += 4) {
		const c0 = src[i];
		const c2 = src[i + 2];
		dst[i] = swap ? c2 : c0;
		dst[i + 1] = src[i + 1];
		dst[i + 2] = swap ? c0 : c2;
		dst[i + 3] = 255;
	}
}

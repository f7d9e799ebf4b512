/**
 * EXIF orientation (tag 0x0112, TIFF 6.0 p. 36 "Orientation"; EXIF 2.32 §4.6.4 A):
 * value → where the stored row 0 and column 0 lie in the upright (visual) image.
 *   1: row 0 = top,    col 0 = left     (as stored)
 *   2: row 0 = top,    col 0 = right    (mirror horizontally)
 *   3: row 0 = bottom, col 0 = right    (rotate 180°)
 *   4: row 0 = bottom, col 0 = left     (mirror vertically)
 *   5: row 0 = left,   col 0 = top      (transpose)
 *   6: row 0 = right,  col 0 = top      (display needs 90° clockwise rotation)
 *   7: row 0 = right,  col 0 = bottom   (transverse)
 *   8: row 0 = left,   col 0 = bottom   (display needs 90° anticlockwise rotation)
 */
import exifr from 'exifr';
import type { RgbaImage } from '../../types';

export type Orientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** True when the orientation swaps width and height (5–8). */
export function swapsAxes(o: number): boolean {
	return o >= 5 && o <= 8;
}

/**
 * Reads the EXIF orientation with exifr (JPEG APP1, PNG eXIf, WebP EXIF, HEIF Exif item, TIFF).
 * Returns 1 when there is no EXIF block, no tag, or an out-of-range value. Never throws.
 */
export async function readOrientation(bytes: Uint8Array): Promise<Orientation> {
	try {
		const o = await exifr.orientation(bytes);
		return typeof o === 'number' && o >= 1 && o <= 8 ? (o as Orientation) : 1;
	} catch {
		return 1;
	}
}

/**
 * Upright pixels from stored pixels tagged with `orientation` (see the table above).
 * Output is a new image (in `out` when given: Uint8ClampedArray [W*H*4], not overlapping the input); for 5–8 its
 * width/height are the input's height/width.
 * Throws RangeError for an orientation outside 1..8 or an `out` of the wrong length.
 */
export function applyOrientation(image: RgbaImage, orientation: number, out?: Uint8ClampedArray): RgbaImage {
	if (!Number.isInteger(orientation) || orientation < 1 || orientation > 8) throw new RangeError(`EXIF orientation must be 1..8, got ${orientation}`);
	const { width: w, height: h, data: src } = image;
	if (out && out.length !== w * h * 4) throw new RangeError(`applyOrientation: out has length ${out.length}, need ${w * h * 4}`);
	if (orientation === 1) {
		if (!out) return { width: w, height: h, data: new Uint8ClampedArray(src) };
		out.set(src);
		return { width: w, height: h, data: out };
	}
	const swap = swapsAxes(orientation);
	const W = swap ? h : w;
	const H = swap ? w : h;
	out ??= new Uint8ClampedArray(W * H * 4);
	// Stored pixel index of upright (x, y) = base + x·dx + y·dy (from the table above).
	const [base, dx, dy] = {
		2: [w - 1, -1, w],
		3: [(h - 1) * w + w - 1, -1, -w],
		4: [(h - 1) * w, 1, -w],
		5: [0, w, 1],
		6: [(h - 1) * w, -w, 1],
		7: [(h - 1) * w + w - 1, -w, -1],
		8: [w - 1, w, -1]
	}[orientation as 2 | 3 | 4 | 5 | 6 | 7 | 8];
	// One 32-bit word per RGBA pixel when the buffer is aligned (4x fewer moves); byte copies otherwise.
	const aligned = src.byteOffset % 4 === 0;
	const s32 = aligned ? new Uint32Array(src.buffer, src.byteOffset, w * h) : null;
	const o32 = out.byteOffset % 4 === 0 ? new Uint32Array(out.buffer, out.byteOffset, W * H) : null;
	let o = 0;
	for (let y = 0; y < H; y++) {
		let s = base + y * dy;
		if (s32 && o32) {
			for (let x = 0; x < W; x++, o++, s += dx) o32[o] = s32[s];
		} else {
			for (let x = 0; x < W; x++, o++, s += dx) {
				const i = s * 4;
				out[o * 4] = src[i];
				out[o * 4 + 1] = src[i + 1];
				out[o * 4 + 2] = src[i + 2];
				out[o * 4 + 3] = src[i + 3];
			}
		}
	}
	return { width: W, height: H, data: out };
}

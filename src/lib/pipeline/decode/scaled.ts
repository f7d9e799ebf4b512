/**
 * Pure planning for reduced-size JPEG decoding and for choosing which decoded level a crop is read from.
 *
 * A JPEG decoder can scale by m/8 (m = 1..8) inside the inverse DCT, so a 1/2-size copy costs a fraction of a full
 * decode (libjpeg-turbo `jpeg_calc_output_dimensions`: output = ceil(size × m / 8); Chromium exposes it through the
 * WebCodecs ImageDecoder's desiredWidth/desiredHeight, whose JPEG decoder picks m = floor(8 × √(desired px / stored
 * px)), Blink `JPEGImageDecoder::DesiredScaleNumerator`). Nothing here touches the DOM, so it is tested in Node.
 */
import type { Box } from '../../types';

/** Denominator of libjpeg's IDCT scaling (scale = m / 8). */
export const JPEG_SCALE_DENOMINATOR = 8;

/**
 * A reduced decode is accepted as the working copy without a further resize when its long side is at least this
 * fraction of the working limit (project choice: 4000 px photos decode at 1/2 to 2000 px, 98 % of 2048; below 75 % the
 * decoder is asked for the next larger scale and the result resized to the exact working size, so analysis never
 * sees much less detail than the limit allows).
 */
export const MIN_SCALED_FRACTION = 0.75;

/** Size in px of a JPEG of `width`×`height` px decoded at m/8 (libjpeg jdiv_round_up). */
export function jpegScaledSize(width: number, height: number, m: number): { width: number; height: number } {
	return { width: Math.ceil((width * m) / JPEG_SCALE_DENOMINATOR), height: Math.ceil((height * m) / JPEG_SCALE_DENOMINATOR) };
}

/**
 * IDCT scale numerator m (1..8) for a working copy whose long side must not exceed `limit` px:
 * the largest m whose scaled long side fits, or the next larger m when that one falls below MIN_SCALED_FRACTION of
 * the limit (the caller then resizes to the working size). 8 (no scaling) when the image already fits or `limit` is
 * unset. `resize` says whether the decoded size still exceeds `limit`.
 */
export function planJpegScale(width: number, height: number, limit?: number): { m: number; resize: boolean } {
	const long = Math.max(width, height);
	if (!limit || long <= limit) return { m: JPEG_SCALE_DENOMINATOR, resize: false };
	let m = JPEG_SCALE_DENOMINATOR;
	while (m > 1 && Math.ceil((long * m) / JPEG_SCALE_DENOMINATOR) > limit) m--;
	const fits = Math.ceil((long * m) / JPEG_SCALE_DENOMINATOR) <= limit;
	if (fits && Math.ceil((long * m) / JPEG_SCALE_DENOMINATOR) >= MIN_SCALED_FRACTION * limit) return { m, resize: false };
	// m = 1 still too large, or the fitting scale loses too much: decode larger and resize.
	return { m: fits ? m + 1 : m, resize: true };
}

/**
 * EXIF orientation (1..8, TIFF 6.0 tag 0x0112) from a WebCodecs VideoFrame's `rotation` (clockwise degrees) and `flip`
 * (horizontal mirror after the rotation), as Chromium's ImageDecoder sets them from the file's orientation
 * (media/base/video_transformation: 2 = flip, 3 = 180, 4 = 180 + flip, 5 = 90 + flip, 6 = 90, 7 = 270 + flip,
 * 8 = 270). Null for anything else (e.g. a browser that does not report them).
 */
export function orientationFromTransform(rotation: unknown, flip: unknown): number | null {
	if (typeof rotation !== 'number' || typeof flip !== 'boolean') return null;
	const table: Record<number, [number, number]> = { 0: [1, 2], 90: [6, 5], 180: [3, 4], 270: [8, 7] };
	const row = table[rotation];
	return row ? row[flip ? 1 : 0] : null;
}

/**
 * Source-pixel scale a region read needs: output px per original px of `box` along the larger axis ratio
 * (reading `box` into outW×outH px keeps all its detail only from a copy at least this fine).
 */
export function neededScale(box: Box, outW: number, outH: number): number {
	return Math.max(outW / box.width, outH / box.height);
}

/**
 * A reduced copy serves a region read only when it has at least this many px per px of the output (project
 * measurement, tests/unit/io/browser.test.ts, astronaut at 1/4: reading 1:1 from the copy at fractional offsets
 * interpolates every pixel and differs from a read off the original by 2.3 levels mean, 4.6 vs 3.2 against libvips;
 * at 1.25 copy px per output px the two reads agree to 1.2 levels, 3.75 vs 3.54 against libvips).
 */
export const LEVEL_MARGIN = 1.25;

/**
 * True when a copy at `levelScale` (its px / original px) serves a read at `needed` output px per original px without
 * visible loss: needed × LEVEL_MARGIN ≤ levelScale.
 */
export function levelSuffices(levelScale: number, needed: number): boolean {
	return needed * LEVEL_MARGIN <= levelScale;
}

/** Source rectangle (fractional px of a copy at `scale`) and destination in the outW×outH output for `box`. */
export interface ScaledRegion {
	src: { x: number; y: number; width: number; height: number } | null;
	dst: { x: number; y: number; width: number; height: number };
}

/**
 * Maps `box` (original px, may extend past the image) onto a copy of size W×H at `scale` (copy px / original px)
 * without rounding: the part inside the copy and where it lands in the output, both in fractional px, so the region
 * covers exactly `box` (canvas drawImage takes fractional rectangles). src is null when nothing overlaps.
 * Throws RangeError for a non-positive box or output size.
 */
export function planScaledRegion(box: Box, scale: number, W: number, H: number, outW: number, outH: number): ScaledRegion {
	if (!(box.width > 0 && box.height > 0 && outW >= 1 && outH >= 1 && scale > 0)) throw new RangeError('region box, scale and output size must be positive');
	const bx0 = box.x * scale;
	const by0 = box.y * scale;
	const bx1 = (box.x + box.width) * scale;
	const by1 = (box.y + box.height) * scale;
	const x0 = Math.max(0, bx0);
	const y0 = Math.max(0, by0);
	const x1 = Math.min(W, bx1);
	const y1 = Math.min(H, by1);
	if (!(x1 > x0 && y1 > y0)) return { src: null, dst: { x: 0, y: 0, width: 0, height: 0 } };
	const sx = outW / (bx1 - bx0);
	const sy = outH / (by1 - by0);
	return {
		src: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
		dst: { x: (x0 - bx0) * sx, y: (y0 - by0) * sy, width: (x1 - x0) * sx, height: (y1 - y0) * sy }
	};
}

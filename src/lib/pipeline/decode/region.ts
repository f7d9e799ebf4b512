/**
 * Geometry shared by the Node and browser region readers: upright boxes, their mapping to
 * stored (pre-orientation) pixels, and clipping of crop boxes that extend past the image.
 */
import type { Box } from '../../types';
import { swapsAxes } from './orientation';

/** Integer box [x0,x1)×[y0,y1) in px. */
export interface IntRect {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/**
 * Maps an integer box in upright coordinates to stored coordinates for EXIF `orientation`
 * (inverse of applyOrientation). `w`,`h` are the STORED width and height, px.
 */
export function uprightToStored(r: IntRect, orientation: number, w: number, h: number): IntRect {
	const { x0, y0, x1, y1 } = r;
	switch (orientation) {
		case 2:
			return { x0: w - x1, x1: w - x0, y0, y1 };
		case 3:
			return { x0: w - x1, x1: w - x0, y0: h - y1, y1: h - y0 };
		case 4:
			return { x0, x1, y0: h - y1, y1: h - y0 };
		case 5:
			return { x0: y0, x1: y1, y0: x0, y1: x1 };
		case 6:
			return { x0: y0, x1: y1, y0: h - x1, y1: h - x0 };
		case 7:
			return { x0: w - y1, x1: w - y0, y0: h - x1, y1: h - x0 };
		case 8:
			return { x0: w - y1, x1: w - y0, y0: x0, y1: x1 };
		default:
			return { ...r };
	}
}

/** Plan for reading `box` (upright px, may exceed the image) into an outW×outH output. */
export interface RegionPlan {
	/** Part of the upright image inside the (rounded) box, px; null when they do not overlap. */
	src: IntRect | null;
	/** Where that part lands in the output, px. */
	dst: { x: number; y: number; width: number; height: number };
}

/**
 * Rounds `box` to whole pixels, clips it to the W×H upright image and scales the clipped part
 * into the output (outW/box.width horizontally, outH/box.height vertically).
 * Throws RangeError for a non-positive box or output size.
 */
export function planRegion(box: Box, W: number, H: number, outW: number, outH: number): RegionPlan {
	if (!(box.width > 0 && box.height > 0 && outW >= 1 && outH >= 1)) throw new RangeError('region box and output size must be positive');
	const bx0 = Math.round(box.x);
	const by0 = Math.round(box.y);
	const bx1 = Math.max(bx0 + 1, Math.round(box.x + box.width));
	const by1 = Math.max(by0 + 1, Math.round(box.y + box.height));
	const sx = outW / (bx1 - bx0);
	const sy = outH / (by1 - by0);
	const src = { x0: Math.max(0, bx0), y0: Math.max(0, by0), x1: Math.min(W, bx1), y1: Math.min(H, by1) };
	if (src.x0 >= src.x1 || src.y0 >= src.y1) return { src: null, dst: { x: 0, y: 0, width: 0, height: 0 } };
	const x = Math.round((src.x0 - bx0) * sx);
	const y = Math.round((src.y0 - by0) * sy);
	const width = Math.max(1, Math.min(outW - x, Math.round((src.x1 - bx0) * sx) - x));
	const height = Math.max(1, Math.min(outH - y, Math.round((src.y1 - by0) * sy) - y));
	return { src, dst: { x, y, width, height } };
}

/** Copies `part` into a transparent outW×outH RGBA canvas at (x, y). */
export function pasteInto(outW: number, outH: number, part: { width: number; height: number; data: Uint8ClampedArray }, x: number, y: number) {
	const data = new Uint8ClampedArray(outW * outH * 4);
	for (let r = 0; r < part.height; r++) {
		const row = part.data.subarray(r * part.width * 4, (r + 1) * part.width * 4);
		data.set(row, ((y + r) * outW + x) * 4);
	}
	return { width: outW, height: outH, data };
}

export { swapsAxes };

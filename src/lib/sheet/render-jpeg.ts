/**
 * Raster print sheet: white paper at `dpi`, the photo in every cell, black cut ticks.
 */
import type { RgbaImage } from '../types';
import { encodeJpeg } from '../pipeline/encode/jpeg';
import type { SheetLayout } from './layout';
import { MM_PER_INCH, mmToPx } from './papers';
import { resampleRgba } from './resample';

export interface SheetRasterOptions {
	/** Tick line width, mm. Default 0.15 (≈ 2 px at 300 dpi); at least 1 px. */
	tickWidthMm?: number;
	/** Tick colour, 8-bit sRGB. Default black. */
	tickColor?: [number, number, number];
}

interface PxRect {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/**
 * Renders `layout` to an RGBA raster of round(paper mm × dpi / 25.4) px per side. Each cell's
 * pixel rectangle is its mm edges converted and rounded, and the photo (composited over white)
 * is resampled to it (area average / bilinear). Tick pixels that would fall inside a cell
 * rectangle are skipped, so ticks never mark a photo.
 * Throws RangeError for dpi ≤ 0.
 */
export function renderSheetRgba(layout: SheetLayout, photo: RgbaImage, dpi: number, options: SheetRasterOptions = {}): RgbaImage {
	if (!(dpi > 0)) throw new RangeError(`dpi must be positive, got ${dpi}`);
	const W = mmToPx(layout.paperMm.w, dpi);
	const H = mmToPx(layout.paperMm.h, dpi);
	const data = new Uint8ClampedArray(W * H * 4).fill(255);
	const rects: PxRect[] = layout.cells.map((c) => ({ x0: mmToPx(c.xMm, dpi), y0: mmToPx(c.yMm, dpi), x1: mmToPx(c.xMm + c.wMm, dpi), y1: mmToPx(c.yMm + c.hMm, dpi) }));
	const scaled = new Map<string, RgbaImage>();
	for (const r of rects) {
		const w = r.x1 - r.x0;
		const h = r.y1 - r.y0;
		const key = `${w}x${h}`;
		let img = scaled.get(key);
		if (!img) scaled.set(key, (img = resampleRgba(photo, w, h)));
		for (let y = 0; y < h; y++) {
			for (let x = 0; x < w; x++) {
				const s = (y * w + x) * 4;
				const d = ((r.y0 + y) * W + r.x0 + x) * 4;
				const a = img.data[s + 3] / 255;
				data[d] = img.data[s] * a + 255 * (1 - a);
				data[d + 1] = img.data[s + 1] * a + 255 * (1 - a);
				data[d + 2] = img.data[s + 2] * a + 255 * (1 - a);
			}
		}
	}
	const k = dpi / MM_PER_INCH;
	const lw = Math.max(1, Math.round((options.tickWidthMm ?? 0.15) * k));
	const [tr, tg, tb] = options.tickColor ?? [0, 0, 0];
	const inCell = (x: number, y: number) => rects.some((r) => x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1);
	for (const t of layout.ticks) {
		const vertical = t.x1 === t.x2;
		const x0 = vertical ? Math.round(t.x1 * k - lw / 2) : Math.round(Math.min(t.x1, t.x2) * k);
		const x1 = vertical ? x0 + lw : Math.round(Math.max(t.x1, t.x2) * k);
		const y0 = vertical ? Math.round(Math.min(t.y1, t.y2) * k) : Math.round(t.y1 * k - lw / 2);
		const y1 = vertical ? Math.round(Math.max(t.y1, t.y2) * k) : y0 + lw;
		for (let y = Math.max(0, y0); y < Math.min(H, y1); y++) {
			for (let x = Math.max(0, x0); x < Math.min(W, x1); x++) {
				if (inCell(x, y)) continue;
				const d = (y * W + x) * 4;
				data[d] = tr;
				data[d + 1] = tg;
				data[d + 2] = tb;
			}
		}
	}
	return { width: W, height: H, data };
}

/**
 * renderSheetRgba then baseline JPEG (quality default 95) with JFIF density = `dpi` dots per inch
 * and no metadata. Pixel size = round(paperMm × dpi / 25.4). dpi must be an integer 1..65535.
 */
export function renderSheetJpeg(layout: SheetLayout, photo: RgbaImage, dpi: number, options: SheetRasterOptions & { quality?: number } = {}): Uint8Array {
	return encodeJpeg(renderSheetRgba(layout, photo, dpi, options), { quality: options.quality ?? 95, dpi });
}

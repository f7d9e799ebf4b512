/**
 * The background of the photo as a grid of cells around the head and shoulders, in CIELAB, with the person mask and
 * each cell's distance from the person. All background checks read this grid.
 */
import type { Box, FaceLandmarks, PersonMask, RgbaImage } from '../../types';
import { SRGB_TO_LINEAR, lightnessFast, linearRgbToLab } from '../color';
import { eyeCentres, interEye2d, lm } from '../image/landmarks';

/** Cells per inter-eye distance: a cell is IED/16 image px (≈ 4 mm at the wall's distance). */
export const CELLS_PER_IED = 16;
/** The person mask is grown by this many IED before a cell counts as background (hair strands, mask edge). */
export const DILATE_IED = 0.15;

export interface BackgroundGrid {
	/** Grid size in cells. */
	cols: number;
	rows: number;
	/** Image px per cell (square cells). */
	cell: number;
	/** Image px of the grid's top-left corner. */
	x0: number;
	y0: number;
	/** Float32Array [rows*cols] each: mean CIELAB of the cell (linear-light mean colour converted to Lab). */
	L: Float32Array;
	a: Float32Array;
	b: Float32Array;
	/** Float32Array [rows*cols]: standard deviation of L* inside the cell (sampled texture below the cell size). */
	texture: Float32Array;
	/** Float32Array [rows*cols]: mean linear luminance Y in [0,1] of the cell. */
	Y: Float32Array;
	/** Float32Array [rows*cols*3]: mean linear R, G, B in [0,1] of the cell. */
	rgb: Float32Array;
	/** Uint8Array [rows*cols]: 1 where the cell is background (outside the grown person mask, inside the mask's box). */
	bg: Uint8Array;
	/** Float32Array [rows*cols]: distance from the (ungrown) person, in IED (chamfer distance, steps 1 and 1.4 cells); Infinity with no person. */
	dist: Float32Array;
	/** Inter-eye distance, image px. */
	ied: number;
	/** Face centre x and the rows of the eye line and the chin, image px. */
	faceX: number;
	eyeY: number;
	chinY: number;
	/** Number of background cells. */
	count: number;
}

/**
 * The band searched for background: from 2.2 eye-to-chin distances (T) above the eye line to 0.8·T below the chin,
 * and 3.2 face widths wide (face width = distance of landmarks 234–454), clamped to the image and the mask's box.
 */
export function backgroundBand(l: FaceLandmarks, image: RgbaImage, mask: PersonMask): Box | null {
	const e = eyeCentres(l);
	const chin = lm(l, 152);
	const T = Math.max(4, Math.hypot(chin.x - e.mid.x, chin.y - e.mid.y));
	const fw = Math.max(4, Math.hypot(lm(l, 454).x - lm(l, 234).x, lm(l, 454).y - lm(l, 234).y));
	const cx = (lm(l, 454).x + lm(l, 234).x) / 2;
	const x0 = Math.max(0, mask.box.x, cx - 1.6 * fw);
	const x1 = Math.min(image.width, mask.box.x + mask.box.width, cx + 1.6 * fw);
	const y0 = Math.max(0, mask.box.y, e.mid.y - 2.2 * T);
	const y1 = Math.min(image.height, mask.box.y + mask.box.height, chin.y + 0.8 * T);
	if (x1 - x0 < 4 || y1 - y0 < 4) return null;
	return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Builds the grid; null when the band is empty. Pixels inside a cell are sampled on a stride of ⌊cell/3⌋ px (3–5 samples per side). */
export function backgroundGrid(image: RgbaImage, l: FaceLandmarks, mask: PersonMask): BackgroundGrid | null {
	const band = backgroundBand(l, image, mask);
	if (!band) return null;
	const ied = Math.max(1, interEye2d(l));
	const cell = Math.max(1, Math.round(ied / CELLS_PER_IED));
	const cols = Math.floor(band.width / cell), rows = Math.floor(band.height / cell);
	if (cols < 3 || rows < 3) return null;
	const x0 = Math.round(band.x), y0 = Math.round(band.y);
	const n = cols * rows;
	const L = new Float32Array(n), A = new Float32Array(n), B = new Float32Array(n), texture = new Float32Array(n);
	const Yc = new Float32Array(n), rgb = new Float32Array(3 * n);
	const person = new Uint8Array(n), unsure = new Uint8Array(n);
	const d = image.data, W = image.width;
	const step = Math.max(1, Math.floor(cell / 3));
	const mx = mask.width / mask.box.width, my = mask.height / mask.box.height;
	for (let r = 0; r < rows; r++) {
		for (let c = 0; c < cols; c++) {
			let R = 0, G = 0, Bl = 0, sl = 0, sll = 0, m = 0, k = 0;
			for (let y = y0 + r * cell + (step >> 1); y < y0 + (r + 1) * cell; y += step) {
				for (let x = x0 + c * cell + (step >> 1); x < x0 + (c + 1) * cell; x += step) {
					const o = (y * W + x) * 4;
					const lr = SRGB_TO_LINEAR[d[o]], lg = SRGB_TO_LINEAR[d[o + 1]], lb = SRGB_TO_LINEAR[d[o + 2]];
					R += lr; G += lg; Bl += lb;
					// L* of the pixel for the texture: from luminance only, through a 4096-step table.
					const Ls = lightnessFast(0.2126 * lr + 0.7152 * lg + 0.0722 * lb);
					sl += Ls; sll += Ls * Ls;
					const mi = Math.min(mask.width - 1, Math.max(0, Math.floor((x + 0.5 - mask.box.x) * mx)));
					const mj = Math.min(mask.height - 1, Math.max(0, Math.floor((y + 0.5 - mask.box.y) * my)));
					m += mask.data[mj * mask.width + mi];
					k++;
				}
			}
			const i = r * cols + c;
			const lab = linearRgbToLab(R / k, G / k, Bl / k);
			rgb[3 * i] = R / k; rgb[3 * i + 1] = G / k; rgb[3 * i + 2] = Bl / k;
			Yc[i] = (0.2126 * R + 0.7152 * G + 0.0722 * Bl) / k;
			L[i] = lab.L; A[i] = lab.a; B[i] = lab.b;
			texture[i] = Math.sqrt(Math.max(0, sll / k - (sl / k) * (sl / k)));
			const mm = m / k;
			person[i] = mm >= 0.5 ? 1 : 0;
			unsure[i] = mm > 0.1 ? 1 : 0;
		}
	}
	const dist = chamfer(person, cols, rows);
	const grow = (DILATE_IED * ied) / cell;
	const bg = new Uint8Array(n);
	let count = 0;
	for (let i = 0; i < n; i++) {
		// dist is in cells here; a cell is background when clear of the grown person and not partly person.
		if (dist[i] > grow && !unsure[i]) { bg[i] = 1; count++; }
		dist[i] = (dist[i] * cell) / ied;
	}
	const e = eyeCentres(l);
	return {
		cols, rows, cell, x0, y0, L, a: A, b: B, texture, Y: Yc, rgb, bg, dist, ied,
		faceX: (lm(l, 454).x + lm(l, 234).x) / 2,
		eyeY: e.mid.y,
		chinY: lm(l, 152).y,
		count
	};
}

/** Two-pass chamfer distance (steps 1 and 1.4 ≈ √2) from the cells marked 1, in cells. */
function chamfer(src: Uint8Array, w: number, h: number): Float32Array {
	const INF = 1e9;
	const d = new Float32Array(w * h);
	for (let i = 0; i < d.length; i++) d[i] = src[i] ? 0 : INF;
	const D = 1.4;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			let v = d[i];
			if (x > 0) v = Math.min(v, d[i - 1] + 1);
			if (y > 0) {
				v = Math.min(v, d[i - w] + 1);
				if (x > 0) v = Math.min(v, d[i - w - 1] + D);
				if (x < w - 1) v = Math.min(v, d[i - w + 1] + D);
			}
			d[i] = v;
		}
	for (let y = h - 1; y >= 0; y--)
		for (let x = w - 1; x >= 0; x--) {
			const i = y * w + x;
			let v = d[i];
			if (x < w - 1) v = Math.min(v, d[i + 1] + 1);
			if (y < h - 1) {
				v = Math.min(v, d[i + w] + 1);
				if (x < w - 1) v = Math.min(v, d[i + w + 1] + D);
				if (x > 0) v = Math.min(v, d[i + w - 1] + D);
			}
			d[i] = v;
		}
	for (let i = 0; i < d.length; i++) if (d[i] >= INF) d[i] = Infinity;
	return d;
}

/** Image-px box of a cell range [c0, c1) × [r0, r1). */
export function cellsBox(g: BackgroundGrid, c0: number, r0: number, c1: number, r1: number): Box {
	return { x: g.x0 + c0 * g.cell, y: g.y0 + r0 * g.cell, width: (c1 - c0) * g.cell, height: (r1 - r0) * g.cell };
}

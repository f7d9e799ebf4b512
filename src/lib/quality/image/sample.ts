/** Pixel sampling helpers of the image checks: face-region pixel lists and a pose-normalised grey face crop. */
import type { FaceLandmarks, Point, RgbaImage } from '../../types';
import { eyeCentres, faceOval, interEye2d, polygonSpans, shrinkPolygon } from './landmarks';

/**
 * Byte offsets (into `image.data`, multiples of 4) of the pixels inside `poly`, taken on a regular grid with a step
 * chosen so that at most about `maxSamples` pixels are returned (step 1 when the polygon is small).
 */
export function polygonPixels(image: RgbaImage, poly: Point[], maxSamples = 20000): Int32Array {
	let y0 = Infinity, y1 = -Infinity, x0 = Infinity, x1 = -Infinity;
	for (const p of poly) { y0 = Math.min(y0, p.y); y1 = Math.max(y1, p.y); x0 = Math.min(x0, p.x); x1 = Math.max(x1, p.x); }
	const area = Math.max(1, (y1 - y0) * (x1 - x0) * 0.8);
	const step = Math.max(1, Math.floor(Math.sqrt(area / maxSamples)));
	const out: number[] = [];
	const ya = Math.max(0, Math.floor(y0)), yb = Math.min(image.height - 1, Math.ceil(y1));
	for (let y = ya; y <= yb; y += step) {
		const xs = polygonSpans(poly, y);
		for (let k = 0; k + 1 < xs.length; k += 2) {
			const xa = Math.max(0, Math.ceil(xs[k] - 0.5)), xb = Math.min(image.width - 1, Math.floor(xs[k + 1] - 0.5));
			// Align x to the grid so that the sampling stays regular across rows.
			for (let x = xa + ((step - (xa % step)) % step); x <= xb; x += step) out.push((y * image.width + x) * 4);
		}
	}
	return Int32Array.from(out);
}

/** Byte offsets of the pixels in the axis-aligned box (clamped to the image), every pixel. */
export function boxPixels(image: RgbaImage, b: { x: number; y: number; width: number; height: number }): Int32Array {
	const xa = Math.max(0, Math.round(b.x)), xb = Math.min(image.width, Math.round(b.x + b.width));
	const ya = Math.max(0, Math.round(b.y)), yb = Math.min(image.height, Math.round(b.y + b.height));
	if (xb <= xa || yb <= ya) return new Int32Array(0);
	const out = new Int32Array((xb - xa) * (yb - ya));
	let n = 0;
	for (let y = ya; y < yb; y++) for (let x = xa; x < xb; x++) out[n++] = (y * image.width + x) * 4;
	return out;
}

/** Standard deviation of the total resampling blur of normaliseFace, crop px (0.6: no visible aliasing). */
export const TOTAL_SIGMA = 0.6;

/** In-place separable Gaussian blur of a Float32Array [h*w] plane, standard deviation `sigma` px, edges clamped. */
export function gaussianInPlace(p: Float32Array, w: number, h: number, sigma: number): void {
	const r = Math.max(1, Math.ceil(3 * sigma));
	const k = new Float32Array(2 * r + 1);
	let sum = 0;
	for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
	for (let i = 0; i < k.length; i++) k[i] /= sum;
	const line = new Float32Array(Math.max(w, h));
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) line[x] = p[y * w + x];
		for (let x = 0; x < w; x++) {
			let s = 0;
			for (let i = -r; i <= r; i++) s += k[i + r] * line[Math.min(w - 1, Math.max(0, x + i))];
			p[y * w + x] = s;
		}
	}
	for (let x = 0; x < w; x++) {
		for (let y = 0; y < h; y++) line[y] = p[y * w + x];
		for (let y = 0; y < h; y++) {
			let s = 0;
			for (let i = -r; i <= r; i++) s += k[i + r] * line[Math.min(h - 1, Math.max(0, y + i))];
			p[y * w + x] = s;
		}
	}
}

/** A grey face crop in a pose-normalised frame (eye axis horizontal, fixed inter-eye distance). */
export interface NormalisedFace {
	/** Float32Array [height*width] row-major, BT.601 luma of the sRGB codes, 0..255. */
	grey: Float32Array;
	width: number;
	height: number;
	/** Uint8Array [height*width]: 1 inside the face oval shrunk to 85 % about its centroid (skin, eyes, nose, mouth), else 0. */
	inner: Uint8Array;
	/** 1 where the crop lies inside the image, else 0 (outside pixels are edge-clamped). */
	valid: Uint8Array;
	/** Crop px per image px. */
	k: number;
	/** Maps a crop point to image px. */
	toImage: (u: number, v: number) => Point;
}

/**
 * Resamples the face to a frame where the eye centres lie on a horizontal line `ied` px apart (rotation removed),
 * the eye midpoint at (1.2·ied, 0.9·ied); the crop is 2.4·ied × 2.8·ied px. Downscaling box-averages the face's
 * footprint by the integer factor ⌊1/k⌋, blurs it with a Gaussian chosen so that the total resampling blur is
 * σ = TOTAL_SIGMA crop px whatever the ratio, and samples it bilinearly: the same face at any source size gives the
 * same crop, up to the detail the source really has (faces smaller than `ied` are upsampled and look softer).
 * Crop px (u, v) covers [u, u+1)×[v, v+1); image px likewise.
 */
export function normaliseFace(image: RgbaImage, l: FaceLandmarks, ied: number): NormalisedFace {
	const e = eyeCentres(l);
	const d = Math.max(1e-3, interEye2d(l));
	const k = ied / d;
	const ux = (e.left.x - e.right.x) / d, uy = (e.left.y - e.right.y) / d; // eye axis
	const W = Math.round(2.4 * ied), H = Math.round(2.8 * ied);
	const cu = 1.2 * ied, cv = 0.9 * ied;
	const toImage = (u: number, v: number): Point => {
		const a = (u - cu) / k, b = (v - cv) / k;
		return { x: e.mid.x + a * ux - b * uy, y: e.mid.y + a * uy + b * ux };
	};
	// Grey plane of the crop's footprint, box-downsampled by the integer factor q = ⌊1/k⌋ (area averaging).
	const q = Math.max(1, Math.floor(1 / k));
	const corners = [toImage(0, 0), toImage(W, 0), toImage(0, H), toImage(W, H)];
	const bx0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.x))) - 2 * q);
	const by0 = Math.max(0, Math.floor(Math.min(...corners.map((c) => c.y))) - 2 * q);
	const bx1 = Math.min(image.width, Math.ceil(Math.max(...corners.map((c) => c.x))) + 2 * q);
	const by1 = Math.min(image.height, Math.ceil(Math.max(...corners.map((c) => c.y))) + 2 * q);
	if (bx1 - bx0 < q || by1 - by0 < q) {
		// The face lies outside the image: an empty crop (no inner pixels, so nothing is measured).
		return { grey: new Float32Array(W * H), width: W, height: H, inner: new Uint8Array(W * H), valid: new Uint8Array(W * H), k, toImage };
	}
	const PW = Math.floor((bx1 - bx0) / q), PH = Math.floor((by1 - by0) / q);
	const plane = new Float32Array(PW * PH);
	const data = image.data, IW = image.width, IH = image.height;
	for (let py = 0; py < PH; py++)
		for (let px = 0; px < PW; px++) {
			let acc = 0;
			for (let j = 0; j < q; j++) {
				let o = ((by0 + py * q + j) * IW + bx0 + px * q) * 4;
				for (let i = 0; i < q; i++, o += 4) acc += 0.299 * data[o] + 0.587 * data[o + 1] + 0.114 * data[o + 2];
			}
			plane[py * PW + px] = acc / (q * q);
		}
	// Anti-aliasing so that every face ends with the same blur in crop px whatever its source size: a Gaussian on the
	// plane brings the total (box q + Gaussian + bilinear tent) to a variance of TOTAL_SIGMA² crop px². The box (q > 1)
	// has variance (kq)²/12 and the tent (kq)²/6 crop px²; when those already exceed it (faces much smaller than
	// `ied`), there is no prefilter.
	const kq = k * q;
	const gVar = TOTAL_SIGMA * TOTAL_SIGMA - (kq * kq) / 6 - (q > 1 ? (kq * kq) / 12 : 0);
	if (gVar > 0) gaussianInPlace(plane, PW, PH, Math.sqrt(gVar) / kq);
	const at = (x: number, y: number) => plane[Math.min(PH - 1, Math.max(0, y)) * PW + Math.min(PW - 1, Math.max(0, x))];
	// Image px → plane px (pixel centres at +0.5 on both).
	const bilinear = (x: number, y: number) => {
		const fxp = (x - bx0) / q - 0.5, fyp = (y - by0) / q - 0.5;
		const x0 = Math.floor(fxp), y0 = Math.floor(fyp), fx = fxp - x0, fy = fyp - y0;
		return (at(x0, y0) * (1 - fx) + at(x0 + 1, y0) * fx) * (1 - fy) + (at(x0, y0 + 1) * (1 - fx) + at(x0 + 1, y0 + 1) * fx) * fy;
	};
	const grey = new Float32Array(W * H);
	const valid = new Uint8Array(W * H);
	for (let v = 0; v < H; v++) {
		for (let u = 0; u < W; u++) {
			const c = toImage(u + 0.5, v + 0.5);
			grey[v * W + u] = bilinear(c.x, c.y);
			valid[v * W + u] = c.x >= 0 && c.y >= 0 && c.x < IW && c.y < IH ? 1 : 0;
		}
	}
	// Face oval in crop coordinates (inverse of toImage), shrunk to keep the face's outline (a background edge) out.
	const toCrop = (p: Point): Point => {
		const a = p.x - e.mid.x, b = p.y - e.mid.y;
		return { x: cu + k * (a * ux + b * uy), y: cv + k * (-a * uy + b * ux) };
	};
	const poly = shrinkPolygon(faceOval(l).map(toCrop), 0.85);
	const inner = new Uint8Array(W * H);
	for (let v = 0; v < H; v++) {
		const xs = polygonSpans(poly, v);
		for (let q = 0; q + 1 < xs.length; q += 2) {
			for (let u = Math.max(0, Math.ceil(xs[q] - 0.5)); u <= Math.min(W - 1, Math.floor(xs[q + 1] - 0.5)); u++) inner[v * W + u] = valid[v * W + u];
		}
	}
	return { grey, width: W, height: H, inner, valid, k, toImage };
}

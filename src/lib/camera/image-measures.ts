/**
 * Live-guidance image statistics on a video frame: face brightness, left/right light balance and background
 * clutter. Pure functions over RgbaImage (src/lib/types.ts), no browser APIs; cheap enough for every frame at
 * 640 px (each looks at a few thousand pixels).
 */
import type { Box, FaceDetection, RgbaImage } from '../types';

/** Luma Y' of 8-bit gamma-encoded sRGB with the Rec. ITU-R BT.709 weights, in [0,1]. */
export function luma(r: number, g: number, b: number): number {
	return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

/** A pixel counts as clipped (over-exposed) when its brightest channel is >= 247: OFIQ OverExposurePrevention's 247-255 bin (quality-measures.md). */
export const CLIPPED_LEVEL = 247;

export interface LightStats {
	/** Mean luma Y' over the inner face region, [0,1]. */
	faceLuma: number;
	/** Fraction of inner-face pixels with a channel >= CLIPPED_LEVEL, [0,1]. */
	clippedFraction: number;
	/** Mean luma of the subject's right cheek zone (image left) and left cheek zone, [0,1]. */
	rightCheekLuma: number;
	leftCheekLuma: number;
}

function clampBox(b: Box, w: number, h: number): { x0: number; y0: number; x1: number; y1: number } {
	const x0 = Math.max(0, Math.floor(b.x));
	const y0 = Math.max(0, Math.floor(b.y));
	const x1 = Math.min(w, Math.ceil(b.x + b.width));
	const y1 = Math.min(h, Math.ceil(b.y + b.height));
	return { x0, y0, x1, y1 };
}

/** Mean luma and clipped fraction over `box` (clipped to the image), sampling every `step` px. NaN mean when empty. */
function regionLuma(img: RgbaImage, box: Box, step: number): { mean: number; clipped: number; n: number } {
	const { x0, y0, x1, y1 } = clampBox(box, img.width, img.height);
	let sum = 0;
	let clipped = 0;
	let n = 0;
	const d = img.data;
	for (let y = y0; y < y1; y += step) {
		for (let x = x0; x < x1; x += step) {
			const i = (y * img.width + x) * 4;
			sum += luma(d[i], d[i + 1], d[i + 2]);
			if (Math.max(d[i], d[i + 1], d[i + 2]) >= CLIPPED_LEVEL) clipped++;
			n++;
		}
	}
	return { mean: n ? sum / n : NaN, clipped: n ? clipped / n : 0, n };
}

/**
 * Face light statistics.
 * - Inner face region: the detection box's central 60 % horizontally and 70 % vertically (skin, little hair or
 *   background; project choice).
 * - Cheek zones as OFIQ's IlluminationUniformity (quality-measures.md, 0x43): squares of side 0.3 × inter-eye
 *   distance, each below its eye keypoint by half the eye-to-mouth distance. OFIQ compares the zones' histograms;
 *   live guidance compares their mean luma (fewer pixels per frame, steadier).
 * @param face BlazeFace detection in `img` px (keypoints 0 right eye, 1 left eye, 3 mouth centre).
 */
export function measureLight(img: RgbaImage, face: FaceDetection): LightStats {
	const b = face.box;
	const step = Math.max(1, Math.floor(Math.min(b.width, b.height) / 48));
	const inner = regionLuma(img, { x: b.x + 0.2 * b.width, y: b.y + 0.15 * b.height, width: 0.6 * b.width, height: 0.7 * b.height }, step);
	const [re, le, , mouth] = face.keypoints;
	const ied = Math.hypot(le.x - re.x, le.y - re.y);
	const side = Math.max(2, 0.3 * ied);
	const eyeMouth = Math.hypot(mouth.x - (re.x + le.x) / 2, mouth.y - (re.y + le.y) / 2);
	const zone = (p: { x: number; y: number }) => ({ x: p.x - side / 2, y: p.y + eyeMouth / 2 - side / 2, width: side, height: side });
	const cheekStep = Math.max(1, Math.floor(side / 16));
	return {
		faceLuma: inner.mean,
		clippedFraction: inner.clipped,
		rightCheekLuma: regionLuma(img, zone(re), cheekStep).mean,
		leftCheekLuma: regionLuma(img, zone(le), cheekStep).mean
	};
}

/** Sobel gradient magnitude (|gx| + |gy| on 0-255 luma, kernel weights 1-2-1) above which a pixel is an edge. Project choice. */
export const EDGE_MAGNITUDE = 96;

/** Longest side of the luma plane the background is measured on, px (frames are box-averaged down to it). */
export const BACKGROUND_PLANE_SIDE = 160;

export interface BackgroundStats {
	/** Fraction of background pixels that are edges, [0,1]. */
	edgeDensity: number;
	/** Background pixels measured (at the reduced resolution). */
	pixels: number;
}

/**
 * Edge density of the background: the part of the frame beside and above the head, i.e. rows above the chin
 * (detection box bottom) minus the head region (detection box widened to 1.8 × its width and extended up to the
 * top of the frame, so hair is not counted). Below the chin are the shoulders and clothes, left out. The frame is
 * box-averaged to BACKGROUND_PLANE_SIDE px on its longest side first (clutter, not sensor noise).
 * @param region optional part of the frame to consider (e.g. the capture frame), `img` px; default the whole frame.
 */
export function measureBackground(img: RgbaImage, face: FaceDetection, region?: Box): BackgroundStats {
	const f = Math.max(1, Math.ceil(Math.max(img.width, img.height) / BACKGROUND_PLANE_SIDE));
	const w = Math.floor(img.width / f);
	const h = Math.floor(img.height / f);
	const plane = new Float32Array(w * h);
	const d = img.data;
	for (let y = 0; y < h; y++) {
		for (let x = 0; x < w; x++) {
			let s = 0;
			for (let yy = 0; yy < f; yy++) {
				let i = ((y * f + yy) * img.width + x * f) * 4;
				for (let xx = 0; xx < f; xx++, i += 4) s += 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
			}
			plane[y * w + x] = s / (f * f);
		}
	}
	const b = face.box;
	const headX0 = (b.x + b.width / 2 - 0.9 * b.width) / f;
	const headX1 = (b.x + b.width / 2 + 0.9 * b.width) / f;
	const chinY = (b.y + b.height) / f;
	const r = region ?? { x: 0, y: 0, width: img.width, height: img.height };
	const rx0 = Math.max(1, Math.floor(r.x / f));
	const ry0 = Math.max(1, Math.floor(r.y / f));
	const rx1 = Math.min(w - 1, Math.ceil((r.x + r.width) / f));
	const ry1 = Math.min(h - 1, Math.ceil(Math.min(r.y + r.height, b.y + b.height) / f), Math.ceil(chinY));
	let edges = 0;
	let n = 0;
	for (let y = ry0; y < ry1; y++) {
		for (let x = rx0; x < rx1; x++) {
			if (x >= headX0 && x <= headX1) continue;
			const p = (yy: number, xx: number) => plane[yy * w + xx];
			const gx = p(y - 1, x + 1) + 2 * p(y, x + 1) + p(y + 1, x + 1) - p(y - 1, x - 1) - 2 * p(y, x - 1) - p(y + 1, x - 1);
			const gy = p(y + 1, x - 1) + 2 * p(y + 1, x) + p(y + 1, x + 1) - p(y - 1, x - 1) - 2 * p(y - 1, x) - p(y - 1, x + 1);
			if (Math.abs(gx) + Math.abs(gy) > EDGE_MAGNITUDE) edges++;
			n++;
		}
	}
	return { edgeDensity: n ? edges / n : 0, pixels: n };
}

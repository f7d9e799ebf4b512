/**
 * Image evidence that each eye is visible (not covered by hair, a hand, a patch, tinted glass...).
 *
 * The landmark model places eye points even under an occluder, and its per-point confidence is not available, so the
 * measure looks at the pixels: an uncovered open eye shows a dark iris disc inside a brighter sclera. Per eye:
 *   - the eye opening is the polygon of the lid-margin landmarks (landmark-ids.ts `contour`), image px;
 *   - the iris disc is centred on the iris landmark with the mean radius of its four contour points;
 *   - irisL = median luma of the opening's pixels inside 0.9 × the iris radius, scleraL = median luma of the
 *     opening's pixels outside 1.2 × the radius (the band between is left out: the limbus is blurred);
 *     scleraL is taken on each side of the iris (towards the inner and the outer corner) and the darker side is used,
 *     so that an edge crossing the eye (dark on one side, light on the other) does not pass for an eye; a side with
 *     under 30 % of the sclera pixels (the eye turned towards that corner) is left out;
 *   - contrast = (scleraL − irisL) / (scleraL + irisL) (Michelson contrast of sclera against iris).
 * A flat patch, hair strands or skin over the eye give a contrast near 0 (both medians sample the same texture); the
 * uncovered eyes of the test portraits give 0.21-0.79 (dark irises higher, light irises and shaded eyes lower).
 * A second cue catches dark covers with some structure (a dark strand of hair over the iris between lighter strands):
 *   - brightness = 90th percentile luma of the sclera pixels / median luma of the cheek skin below the eye (square
 *     patches around landmark-ids.ts RIGHT_CHEEK / LEFT_CHEEK). An uncovered eye shows some white of the eye: 0.56-1.10
 *     in the test portraits (lowest: deeply shaded eyes); dark hair over the eye gives 0.15-0.45.
 * Small eyes: below an iris radius of SUPERSAMPLE_IRIS_RADIUS_PX the same medians are taken on a sub-pixel grid
 * (bilinear), so a face with an inter-eye distance of 20-40 px is still judged (a patch over the eyes reads as skin-dark
 * or flat against the cheek); an eye is "undecidable" (null, the check says 'unknown') only when its iris is under
 * 3 px across (MIN_IRIS_RADIUS_PX) or its opening holds fewer than MIN_SAMPLE_PX samples of iris or sclera (nearly
 * closed).
 * Luma is Rec. 709 (0.2126 R + 0.7152 G + 0.0722 B) on the 8-bit sRGB values, enough for ratios of the same photo.
 *
 * The limits are set from the portraits in /work/shared/testdata/portraits (uncovered eyes) and synthetic covers
 * (skin, hair, noise, flat patches; tests/unit/quality/face): limits.ts EYE_CONTRAST_WARN, SCLERA_BRIGHTNESS_WARN,
 * EYE_VISIBILITY_FAIL.
 */
import type { Box, FaceLandmarks, RgbaImage } from '../../types';
import type { EyeIds } from './landmark-ids';

export interface EyeVisibility {
	/** Michelson contrast sclera vs iris, ratio in [-1, 1]; null when the opening has too few pixels to judge. */
	contrast: number | null;
	/** Brightest sclera (90th percentile luma) / cheek skin median luma, ratio; null when not measured. */
	brightness: number | null;
	/** Pixels inside the eye opening (inner iris disc, sclera ring). */
	irisPixels: number;
	scleraPixels: number;
	/** Bounding box of the eye opening, image px. */
	box: Box;
}

/**
 * Minimum samples in each of the iris and sclera sets for a judgement. With the sub-pixel grid of a small eye (see
 * SUPERSAMPLE_IRIS_RADIUS_PX) this is reached while the iris disc covers about 3 px² or more; below that (an eye
 * nearly closed, or an iris under 1 px across) the eye is "too small to judge" and the check says 'unknown'.
 */
export const MIN_SAMPLE_PX = 12;

/**
 * Iris radius, px, under which the eye is sampled on a sub-pixel grid (bilinear interpolation, step r / 6 px, at least
 * 0.25 px) rather than once per pixel: at an inter-eye distance of 41 px (astronaut.png) the iris radius is about
 * 3.5 px and the opening of a smiling eye holds fewer than 12 whole pixels of iris.
 */
export const SUPERSAMPLE_IRIS_RADIUS_PX = 6;

/**
 * Smallest iris radius, px, at which an eye is judged: below it (iris under 3 px across, an inter-eye distance under
 * about 16 px) iris and sclera blur into each other and no pixel measure can tell an open eye from a cover, so the
 * check is 'unknown' (the resolution check fails such a photo anyway).
 */
export const MIN_IRIS_RADIUS_PX = 1.5;

function insidePolygon(x: number, y: number, xs: number[], ys: number[]): boolean {
	let inside = false;
	for (let i = 0, j = xs.length - 1; i < xs.length; j = i++) {
		if (ys[i] > y !== ys[j] > y && x < ((xs[j] - xs[i]) * (y - ys[i])) / (ys[j] - ys[i]) + xs[i]) inside = !inside;
	}
	return inside;
}

function median(values: number[]): number {
	values.sort((a, b) => a - b);
	const m = values.length >> 1;
	return values.length % 2 ? values[m] : (values[m - 1] + values[m]) / 2;
}

/** The q-quantile (nearest rank) of `values` (sorted in place); 0 when empty. */
function quantile(values: number[], q: number): number {
	if (values.length === 0) return 0;
	values.sort((a, b) => a - b);
	return values[Math.min(values.length - 1, Math.floor(q * values.length))];
}

/** Median luma of square patches (half side `r` px) around the cheek landmarks `ids`; 0 when none is in the image. */
function cheekLuma(image: RgbaImage, lm: FaceLandmarks, ids: readonly number[], r: number): number {
	const values: number[] = [];
	const d = image.data;
	for (const id of ids) {
		const cx = lm.points[id * 3];
		const cy = lm.points[id * 3 + 1];
		for (let y = Math.max(0, Math.round(cy - r)); y <= Math.min(image.height - 1, Math.round(cy + r)); y++)
			for (let x = Math.max(0, Math.round(cx - r)); x <= Math.min(image.width - 1, Math.round(cx + r)); x++) {
				const k = (y * image.width + x) * 4;
				values.push(0.2126 * d[k] + 0.7152 * d[k + 1] + 0.0722 * d[k + 2]);
			}
	}
	return values.length ? median(values) : 0;
}

/**
 * Measures one eye's visibility on `image`.
 * @param image RGBA 8-bit sRGB, the px frame of `landmarks`
 * @param landmarks 478 points (the iris points 468-477 are needed)
 * @param cheek landmark ids of the skin reference below this eye
 */
export function measureEyeVisibility(image: RgbaImage, landmarks: FaceLandmarks, eye: EyeIds, cheek: readonly number[]): EyeVisibility {
	const p = landmarks.points;
	const xs = eye.contour.map((i) => p[i * 3]);
	const ys = eye.contour.map((i) => p[i * 3 + 1]);
	const cx = p[eye.iris * 3];
	const cy = p[eye.iris * 3 + 1];
	const r = eye.irisRing.reduce((s, i) => s + Math.hypot(p[i * 3] - cx, p[i * 3 + 1] - cy), 0) / eye.irisRing.length;
	const x0 = Math.max(0, Math.floor(Math.min(...xs)));
	const x1 = Math.min(image.width - 1, Math.ceil(Math.max(...xs)));
	const y0 = Math.max(0, Math.floor(Math.min(...ys)));
	const y1 = Math.min(image.height - 1, Math.ceil(Math.max(...ys)));
	const box: Box = { x: x0, y: y0, width: Math.max(0, x1 - x0 + 1), height: Math.max(0, y1 - y0 + 1) };
	const iris: number[] = [];
	const scleraInner: number[] = [];
	const scleraOuter: number[] = [];
	// the inner corner lies on this side of the iris centre (sign of x)
	const innerSide = Math.sign(p[eye.inner * 3] - cx) || 1;
	const rIn = 0.9 * r;
	const rOut = 1.2 * r;
	const d = image.data;
	// Sampling step, px: every pixel centre for an eye of normal size; for a small eye (iris radius under
	// SUPERSAMPLE_IRIS_RADIUS_PX) a finer grid read by bilinear interpolation, so that the iris disc and the sclera
	// still get enough samples: their medians are then taken over the (blurred) intensity surface of the eye.
	const step = r >= SUPERSAMPLE_IRIS_RADIUS_PX ? 1 : Math.max(0.25, r / SUPERSAMPLE_IRIS_RADIUS_PX);
	const W = image.width, H = image.height;
	const lumaAt = (x: number, y: number): number => {
		if (step === 1) {
			const k = (Math.floor(y) * W + Math.floor(x)) * 4;
			return 0.2126 * d[k] + 0.7152 * d[k + 1] + 0.0722 * d[k + 2];
		}
		// bilinear on pixel centres (pixel i covers [i, i+1), its centre is i + 0.5)
		const fx = Math.min(W - 1, Math.max(0, x - 0.5)), fy = Math.min(H - 1, Math.max(0, y - 0.5));
		const xa = Math.floor(fx), ya = Math.floor(fy);
		const xb = Math.min(W - 1, xa + 1), yb = Math.min(H - 1, ya + 1);
		const tx = fx - xa, ty = fy - ya;
		const L = (xx: number, yy: number) => {
			const k = (yy * W + xx) * 4;
			return 0.2126 * d[k] + 0.7152 * d[k + 1] + 0.0722 * d[k + 2];
		};
		return (L(xa, ya) * (1 - tx) + L(xb, ya) * tx) * (1 - ty) + (L(xa, yb) * (1 - tx) + L(xb, yb) * tx) * ty;
	};
	for (let y = y0 + step / 2; y < y1 + 1; y += step) {
		for (let x = x0 + step / 2; x < x1 + 1; x += step) {
			if (!insidePolygon(x, y, xs, ys)) continue;
			const luma = lumaAt(x, y);
			const rr = Math.hypot(x - cx, y - cy);
			if (rr <= rIn) iris.push(luma);
			else if (rr >= rOut) (Math.sign(x - cx) === innerSide ? scleraInner : scleraOuter).push(luma);
		}
	}
	const scleraPixels = scleraInner.length + scleraOuter.length;
	// a side holding under 30 % of the sclera pixels (the iris turned towards that corner) is too small to be judged alone
	const sides = [scleraInner, scleraOuter].filter((side) => side.length >= MIN_SAMPLE_PX && side.length >= 0.3 * scleraPixels);
	if (r < MIN_IRIS_RADIUS_PX || iris.length < MIN_SAMPLE_PX || sides.length === 0) return { contrast: null, brightness: null, irisPixels: iris.length, scleraPixels, box };
	const s = Math.min(...sides.map(median));
	const i = median(iris);
	const skin = cheekLuma(image, landmarks, cheek, Math.max(1, 0.06 * Math.hypot(p[eye.outer * 3] - p[eye.inner * 3], p[eye.outer * 3 + 1] - p[eye.inner * 3 + 1])));
	const white = quantile([...scleraInner, ...scleraOuter], 0.9);
	return {
		contrast: s + i > 0 ? (s - i) / (s + i) : 0,
		brightness: skin > 0 ? white / skin : null,
		irisPixels: iris.length,
		scleraPixels,
		box
	};
}

/** 'skin-colour', 'greyscale' and 'colour-cast' (CIELAB, D65). */
import type { RgbaImage } from '../../types';
import type { QualityCheck } from '../types';
import { SRGB_TO_LINEAR, linearRgbToLab, type Lab } from '../color';
import { check, histQuantile, ofiqMap, round, unknown } from './check';
import { fmtNum, text } from '../format';
import type { ImageContext } from './context';
import { cheekZones, squareAt } from './landmarks';
import { boxPixels } from './sample';

/** OFIQ NaturalColour 0x4B: the natural range of cheek colour, a* ∈ [5, 25], b* ∈ [5, 35]. */
export const SKIN_A = [5, 25] as const;
export const SKIN_B = [5, 35] as const;
/**
 * Distance of the cheek (a*, b*) from that box; OFIQ's quality 200·(1 − σ(x; 0, 10)) is 50 at ≈ 11.
 * Limits: warn > 6, fail > 11 (the fail limit is OFIQ's Q50; the warn limit is project calibration: clean testdata
 * portraits lie at 0–3).
 */
export const SKIN_WARN = 6;
export const SKIN_FAIL = 11;

/**
 * Greyscale: the 95th percentile, over a grid of ~12 000 pixels of the whole image, of each pixel's (a*, b*)
 * distance from the image's median (a*, b*) — 0 for any monochrome image, tinted or not.
 * Limits (project calibration: a greyscale copy of a testdata portrait measures < 1.5 after JPEG; colour photos ≥ 12):
 * fail < 3, warn < 5.
 */
export const GREY_FAIL = 3;
export const GREY_WARN = 5;

/**
 * Colour cast: the (a*, b*) of the image's neutral colours, found by a mean shift from (0, 0) over the pixels with
 * L* in [20, 97] (3 iterations, window radius 12): the densest near-neutral cluster (walls, shirts, suits). A cast
 * moves that cluster by the cast itself. Value = its chroma √(a*² + b*²).
 * Limits: ANSI/NIST-ITL 1-2011 E.3.4 allows a difference ≤ 10 between the means of any two RGB components of a
 * neutral area (≈ 5–7 units of a* or b* at mid grey), but scenes with warm walls and no white object cannot be told
 * from a cast by this measure: the clean testdata portraits measure 0.9–9.8 (warm room of child-room, warm-grey wall
 * of bun-uniform), so the limits are project calibration: warn > 11, fail > 16. An added cast of 10 units moves the
 * measure by 8–10 units.
 */
export const CAST_WARN = 11;
export const CAST_FAIL = 16;

/** Mean (linear-light average) colour of the two OFIQ cheek zones, as CIELAB. */
export function cheekLab(ctx: ImageContext): Lab | null {
	const z = cheekZones(ctx.landmarks);
	const d = ctx.image.data;
	let R = 0, G = 0, B = 0, n = 0;
	for (const c of [z.right, z.left]) {
		for (const o of boxPixels(ctx.image, squareAt(c, z.side))) {
			R += SRGB_TO_LINEAR[d[o]]; G += SRGB_TO_LINEAR[d[o + 1]]; B += SRGB_TO_LINEAR[d[o + 2]]; n++;
		}
	}
	if (n < 9) return null;
	// OFIQ averages RGB then converts; averaging in linear light keeps the mean physically meaningful.
	return linearRgbToLab(R / n, G / n, B / n);
}

/** Distance of (a, b) from the natural skin box. */
export function skinBoxDistance(a: number, b: number): number {
	const da = a < SKIN_A[0] ? SKIN_A[0] - a : a > SKIN_A[1] ? a - SKIN_A[1] : 0;
	const db = b < SKIN_B[0] ? SKIN_B[0] - b : b > SKIN_B[1] ? b - SKIN_B[1] : 0;
	return Math.hypot(da, db);
}

/** 'skin-colour': OFIQ NaturalColour distance of the cheeks' mean (a*, b*) from the natural box. */
export function checkSkinColour(ctx: ImageContext): QualityCheck {
	const lab = cheekLab(ctx);
	const skinLimit = text('skin-colour.limit', { limit: fmtNum(SKIN_WARN), a0: SKIN_A[0], a1: SKIN_A[1], b0: SKIN_B[0], b1: SKIN_B[1] });
	if (!lab) return unknown('skin-colour', 'lighting', 'ΔE', skinLimit, text('skin-colour.unknown'), 40);
	const dist = skinBoxDistance(lab.a, lab.b);
	const status = dist > SKIN_FAIL ? 'fail' : dist > SKIN_WARN ? 'warn' : 'pass';
	const hue = lab.a > SKIN_A[1] ? 'red' : lab.a < SKIN_A[0] && lab.b < SKIN_B[0] ? 'grey' : lab.a < SKIN_A[0] ? 'green' : lab.b > SKIN_B[1] ? 'yellow' : 'blue';
	return check({
		id: 'skin-colour',
		group: 'lighting',
		status,
		value: round(dist, 1),
		unit: 'ΔE',
		limitText: skinLimit,
		ofiq: ofiqMap(dist, 0, 10, 200, 1, -1),
		text: text(status === 'pass' ? 'skin-colour.pass' : 'skin-colour.problem', { a: fmtNum(lab.a, 0), b: fmtNum(lab.b, 0), hue, measured: fmtNum(dist, 1) }),
		fixText: text('skin-colour.fix'),
		region: ctx.faceBox,
		severity: 40
	});
}

/** CIELAB of a regular grid of about `n` pixels (default 12 000) of the whole image. Float32Array triples [L, a, b, L, a, b, ...]. */
export function imageLabGrid(image: RgbaImage, n = 12000): Float32Array {
	const step = Math.max(1, Math.floor(Math.sqrt((image.width * image.height) / n)));
	const out: number[] = [];
	const d = image.data;
	for (let y = step >> 1; y < image.height; y += step) {
		for (let x = step >> 1; x < image.width; x += step) {
			const o = (y * image.width + x) * 4;
			const lab = linearRgbToLab(SRGB_TO_LINEAR[d[o]], SRGB_TO_LINEAR[d[o + 1]], SRGB_TO_LINEAR[d[o + 2]]);
			out.push(lab.L, lab.a, lab.b);
		}
	}
	return Float32Array.from(out);
}

/** Greyscale measure (see GREY_*): p95 of the chroma distance from the median (a*, b*). NaN for no pixels. */
export function chromaSpread(lab: Float32Array): number {
	const n = lab.length / 3;
	if (n === 0) return NaN;
	// Medians and the percentile from histograms of 0.05-unit bins (O(n)).
	const ma = histQuantile((i) => lab[3 * i + 1], n, 0.5, -128, 128, 5120);
	const mb = histQuantile((i) => lab[3 * i + 2], n, 0.5, -128, 128, 5120);
	return histQuantile((i) => Math.sqrt((lab[3 * i + 1] - ma) ** 2 + (lab[3 * i + 2] - mb) ** 2), n, 0.95, 0, 256, 5120);
}

/** 'greyscale' from the image grid of imageLabGrid (Float32Array [L, a, b, …]). */
export function checkGreyscale(lab: Float32Array): QualityCheck {
	const spread = chromaSpread(lab);
	if (!Number.isFinite(spread)) return unknown('greyscale', 'lighting', 'C*', null, text('greyscale.unknown'), 60);
	const status = spread < GREY_FAIL ? 'fail' : spread < GREY_WARN ? 'warn' : 'pass';
	return check({
		id: 'greyscale',
		group: 'lighting',
		status,
		value: round(spread, 1),
		unit: 'C*',
		limitText: text('limit.min-fail', { limit: `${GREY_WARN} C*`, fail: `${GREY_FAIL} C*` }),
		ofiq: null,
		text: text(`greyscale.${status}`, { measured: fmtNum(spread, 1) }),
		fixText: text('greyscale.fix'),
		region: null,
		severity: 60
	});
}

/**
 * Neutral point of the image (see CAST_*): the (a*, b*) where pixels with L* in [20, 97] are densest inside a
 * (2·6+1)² window, weighted by a Gaussian prior of σ = 15 around (0, 0), searched over |a*|, |b*| ≤ 30 on a 1-unit
 * histogram (window sums from an integral image); then refined to the mean (a*, b*) of the pixels within radius 6 of
 * it. `n` = pixels in that disc.
 */
export function neutralPoint(lab: Float32Array): { a: number; b: number; n: number } {
	const R = 6, M = 30 + R, S = 2 * M + 1;
	const hist = new Float32Array(S * S);
	for (let i = 0; i < lab.length; i += 3) {
		const L = lab[i];
		if (L < 20 || L > 97) continue;
		const a = Math.round(lab[i + 1]) + M, b = Math.round(lab[i + 2]) + M;
		if (a < 0 || b < 0 || a >= S || b >= S) continue;
		hist[b * S + a]++;
	}
	// Integral image for square-window sums (a square of side 2R+1 approximates the disc for finding the mode).
	const I = new Float64Array((S + 1) * (S + 1));
	for (let y = 0; y < S; y++) for (let x = 0; x < S; x++) I[(y + 1) * (S + 1) + x + 1] = hist[y * S + x] + I[y * (S + 1) + x + 1] + I[(y + 1) * (S + 1) + x] - I[y * (S + 1) + x];
	const box = (x0: number, y0: number, x1: number, y1: number) => I[y1 * (S + 1) + x1] - I[y0 * (S + 1) + x1] - I[y1 * (S + 1) + x0] + I[y0 * (S + 1) + x0];
	let best = -1, bx = M, by = M;
	for (let y = R; y < S - R; y++)
		for (let x = R; x < S - R; x++) {
			const v = box(x - R, y - R, x + R + 1, y + R + 1);
			// Prior toward neutral: a cluster at chroma d counts exp(−d²/(2·15²)) times its pixels, so that a large
			// coloured area (red curtains, skin) does not outweigh the neutral colours of the scene.
			const d2 = (x - M) * (x - M) + (y - M) * (y - M);
			const w = v * Math.exp(-d2 / (2 * 15 * 15));
			if (w > best) { best = w; bx = x; by = y; }
		}
	const ca = bx - M, cb = by - M;
	let sa = 0, sb = 0, n = 0;
	for (let i = 0; i < lab.length; i += 3) {
		const L = lab[i];
		if (L < 20 || L > 97) continue;
		const da = lab[i + 1] - ca, db = lab[i + 2] - cb;
		if (da * da + db * db > R * R) continue;
		sa += lab[i + 1]; sb += lab[i + 2]; n++;
	}
	return n ? { a: sa / n, b: sb / n, n } : { a: 0, b: 0, n: 0 };
}

/** 'colour-cast' from the image grid of imageLabGrid; unknown when < 2 % of the grid is near the neutral point. */
export function checkColourCast(lab: Float32Array): QualityCheck {
	const np = neutralPoint(lab);
	if (np.n < 0.02 * (lab.length / 3))
		return unknown('colour-cast', 'lighting', 'C*', text('limit.max-fail', { limit: `${CAST_WARN} C*`, fail: `${CAST_FAIL} C*` }), text('colour-cast.unknown'), 40);
	const c = Math.hypot(np.a, np.b);
	const status = c > CAST_FAIL ? 'fail' : c > CAST_WARN ? 'warn' : 'pass';
	const hue = Math.abs(np.a) >= Math.abs(np.b) ? (np.a > 0 ? 'magenta' : 'green') : np.b > 0 ? 'yellow' : 'blue';
	return check({
		id: 'colour-cast',
		group: 'lighting',
		status,
		value: round(c, 1),
		unit: 'C*',
		limitText: text('limit.max-fail', { limit: `${CAST_WARN} C*`, fail: `${CAST_FAIL} C*` }),
		ofiq: null,
		text:
			status === 'pass'
				? text('colour-cast.pass', { a: fmtNum(np.a, 1), b: fmtNum(np.b, 1), measured: fmtNum(c, 1) })
				: text('colour-cast.problem', { a: fmtNum(np.a, 0), b: fmtNum(np.b, 0), hue, measured: fmtNum(c, 1) }),
		fixText: text('colour-cast.fix'),
		region: null,
		severity: 40
	});
}


/**
 * Focus measures on the pose-normalised grey face crop (see sample.ts: eye axis horizontal, inter-eye distance
 * fixed), so that the values mean the same for a face of 60 px or of 600 px between the eyes.
 *
 * For each of 4 directions θ (0°, 45°, 90°, 135°) the ratio
 *   M_θ = E[(I(x + u_θ) − I(x))²] / E[(I(x + 3u_θ) − I(x))²]
 * is taken over the inner face. It is contrast- and exposure-invariant (a gain on I cancels) and depends only on how
 * fast the image changes at the finest scale relative to three times that scale: ≈ 1/3 for step edges
 * (in focus), → 1/9 for smooth ramps (defocus), 1 for pixel noise. Defocus lowers every M_θ; motion blur along θ
 * lowers M_θ and hardly changes the perpendicular direction, so min/max over θ measures its directionality.
 * (OFIQ's Sharpness 0x49 uses Laplacian / box-blur / Sobel statistics inside the face mask fed to a random forest; this
 * ratio is the project's own, light measure of the same thing.)
 */
import type { FaceLandmarks, RgbaImage } from '../../types';
import { cheekZones, squareAt } from './landmarks';
import type { NormalisedFace } from './sample';
import type { QualityCheck } from '../types';
import { check, round, unknown } from './check';
import { fmtNum, text } from '../format';
import type { ImageContext } from './context';

/** The 4 directions as pixel steps (dx, dy): 0°, 45°, 90°, 135°. */
const DIRS: [number, number][] = [
	[1, 0],
	[1, 1],
	[0, 1],
	[-1, 1]
];

/** M_θ for the 4 directions (see file comment); NaN where no inner pixel pair exists. */
export function directionalFocus(f: NormalisedFace): number[] {
	const { grey, inner, width: W, height: H } = f;
	return DIRS.map(([dx, dy]) => {
		let e1 = 0, e3 = 0, n = 0;
		for (let y = 0; y < H; y++) {
			const y3 = y + 3 * dy;
			if (y3 < 0 || y3 >= H) continue;
			for (let x = 0; x < W; x++) {
				const i = y * W + x;
				if (!inner[i]) continue;
				const x3 = x + 3 * dx;
				if (x3 < 0 || x3 >= W) continue;
				const i3 = y3 * W + x3;
				if (!inner[i3]) continue;
				const v = grey[i];
				const d1 = grey[(y + dy) * W + x + dx] - v;
				const d3 = grey[i3] - v;
				e1 += d1 * d1;
				e3 += d3 * d3;
				n++;
			}
		}
		return n > 0 && e3 > 0 ? e1 / e3 : NaN;
	});
}


/** Smooth-image limit of M_θ (a linear ramp gives 1/9) and the step-edge value 1/3. */
const M_SMOOTH = 1 / 9;
const M_EDGE = 1 / 3;

/**
 * Sharpness score: mean over θ of (M_θ − 1/9) / (1/3 − 1/9) × 100 — 0 for a face with no detail finer than 3 px at
 * IED 48 px, 100 for step edges everywhere.
 * Limits (project calibration on the testdata portraits, IED normalised to 48 px): clean portraits score 24–43 at
 * full, 3/4 and 1/2 size (the AI-generated, smooth-skinned longhair-street is the lowest); a Gaussian blur of
 * σ = 0.01·IED gives 19–35, σ = 0.015·IED 14–22, σ = 0.02·IED 11–16. warn < 23, fail < 17: the fail limit is crossed by
 * every portrait at σ = 0.02·IED (≈ 1.3 mm on the face, IED ≈ 63 mm), the warn limit by most at σ = 0.01–0.015·IED.
 */
export const SHARPNESS_WARN = 23;
export const SHARPNESS_FAIL = 17;

/**
 * Motion-blur directionality: for the two perpendicular pairs (0°, 90°) and (45°, 135°) the ratio of the smaller to
 * the larger excess M_θ − 1/9; value = 1 − the smaller of the two ratios (0 = same detail in every direction).
 * Limits (project calibration): clean portraits 0.06–0.28; a horizontal box smear of 0.05·IED gives 0.31–0.62,
 * 0.07·IED 0.51–0.72, 0.1·IED 0.68–0.78. warn ≥ 0.40, fail ≥ 0.50. Not judged when the sharpness score is below 12 (no
 * detail left in any direction: the sharpness check reports it).
 */
export const MOTION_WARN = 0.4;
export const MOTION_FAIL = 0.5;
const MOTION_MIN_SCORE = 12;

/** Sharpness score (see SHARPNESS_*) of the 4 directional ratios M_θ. */
/**
 * Noise: Immerkær's fast noise estimate (J. Immerkær, "Fast noise variance estimation", CVIU 64(2), 1996):
 * σ = √(π/2) · mean|I ∗ N| / 6 with N = [1 −2 1; −2 4 −2; 1 −2 1], on the BT.601 luma (0–255) of the two OFIQ cheek
 * zones at the analysed resolution. Limits (project calibration on the testdata portraits: clean 0.0–2.4; added
 * Gaussian noise of σ 6 / 10 / 20 per RGB channel measures 4.0–4.9 / 6.6–7.7 / 12.4–14.2): warn > 4, fail > 6.
 * Reported by the 'sharpness' check (grain hides detail as blur does).
 */
export const NOISE_WARN = 4;
export const NOISE_FAIL = 6;

/** Immerkær noise σ (8-bit grey levels) on the cheek zones; NaN when they hold no full 3×3 neighbourhood. */
export function cheekNoise(image: RgbaImage, l: FaceLandmarks): number {
	const z = cheekZones(l);
	const { width: W, height: H, data: d } = image;
	const Y = (x: number, y: number) => {
		const o = (y * W + x) * 4;
		return 0.299 * d[o] + 0.587 * d[o + 1] + 0.114 * d[o + 2];
	};
	let s = 0, n = 0;
	for (const c of [z.right, z.left]) {
		const b = squareAt(c, z.side);
		for (let y = Math.max(1, Math.round(b.y)); y < Math.min(H - 1, Math.round(b.y + b.height)); y++)
			for (let x = Math.max(1, Math.round(b.x)); x < Math.min(W - 1, Math.round(b.x + b.width)); x++) {
				const v =
					Y(x - 1, y - 1) - 2 * Y(x, y - 1) + Y(x + 1, y - 1) - 2 * Y(x - 1, y) + 4 * Y(x, y) - 2 * Y(x + 1, y) + Y(x - 1, y + 1) - 2 * Y(x, y + 1) + Y(x + 1, y + 1);
				s += Math.abs(v);
				n++;
			}
	}
	return n ? (Math.sqrt(Math.PI / 2) * s) / n / 6 : NaN;
}

export function sharpnessScore(m: number[]): number {
	return (100 * m.reduce((a, v) => a + (v - M_SMOOTH), 0)) / m.length / (M_EDGE - M_SMOOTH);
}

/** Directionality (see MOTION_*) of the 4 ratios M_θ, and the most blurred direction in degrees (0, 45, 90, 135; y down). */
export function motionDirectionality(m: number[]): { value: number; angleDeg: number } {
	const ex = m.map((v) => Math.max(v - M_SMOOTH, 1e-4));
	const r0 = Math.min(ex[0], ex[2]) / Math.max(ex[0], ex[2]);
	const r1 = Math.min(ex[1], ex[3]) / Math.max(ex[1], ex[3]);
	// The blurred direction is the one with the least detail in the worse pair.
	const pair = r0 <= r1 ? [0, 2] : [1, 3];
	const dir = ex[pair[0]] < ex[pair[1]] ? pair[0] : pair[1];
	return { value: 1 - Math.min(r0, r1), angleDeg: dir * 45 };
}

/** 'sharpness' and 'motion-blur' on the normalised face. */
export function checkFocus(ctx: ImageContext): QualityCheck[] {
	const f = ctx.normalised();
	const m = directionalFocus(f);
	if (m.some((v) => !Number.isFinite(v)))
		return [
			unknown('sharpness', 'face', 'score', text('limit.min-fail', { limit: fmtNum(SHARPNESS_WARN), fail: fmtNum(SHARPNESS_FAIL) }), text('sharpness.unknown'), 70),
			unknown('motion-blur', 'face', 'ratio', text('limit.below-fail', { limit: fmtNum(MOTION_WARN), fail: fmtNum(MOTION_FAIL) }), text('motion-blur.unknown'), 65)
		];
	const score = sharpnessScore(m);
	const region = ctx.faceBox;
	const noise = cheekNoise(ctx.image, ctx.landmarks);
	const blurStatus = score < SHARPNESS_FAIL ? 'fail' : score < SHARPNESS_WARN ? 'warn' : 'pass';
	const noiseStatus = !(noise > NOISE_WARN) ? 'pass' : noise > NOISE_FAIL ? 'fail' : 'warn';
	const rank = { pass: 0, warn: 1, fail: 2 } as const;
	const byNoise = rank[noiseStatus] > rank[blurStatus];
	const sStatus = byNoise ? noiseStatus : blurStatus;
	const sharp = check({
		id: 'sharpness',
		group: 'face',
		status: sStatus,
		value: byNoise ? round(noise, 1) : round(score, 1),
		unit: byNoise ? 'noise σ' : 'score',
		limitText: byNoise
			? text('sharpness.limit-noise', { limit: fmtNum(NOISE_WARN), fail: fmtNum(NOISE_FAIL) })
			: text('limit.min-fail', { limit: fmtNum(SHARPNESS_WARN), fail: fmtNum(SHARPNESS_FAIL) }),
		ofiq: null,
		text: byNoise
			? text('sharpness.noise', { measured: fmtNum(noise, 0), limit: fmtNum(NOISE_WARN) })
			: text(`sharpness.${sStatus}`, { measured: fmtNum(score, 0), noise: Number.isFinite(noise) ? fmtNum(noise, 1) : '–', limit: fmtNum(SHARPNESS_WARN) }),
		fixText: text(byNoise ? 'sharpness.fix-noise' : 'sharpness.fix'),
		region,
		severity: 70
	});
	const md = motionDirectionality(m);
	const judged = score >= MOTION_MIN_SCORE;
	const mStatus = !judged ? 'unknown' : md.value >= MOTION_FAIL ? 'fail' : md.value >= MOTION_WARN ? 'warn' : 'pass';
	const dirName = ['horizontal', 'down_right', 'vertical', 'down_left'][md.angleDeg / 45];
	const motion = check({
		id: 'motion-blur',
		group: 'face',
		status: mStatus,
		value: round(md.value, 2),
		unit: 'ratio',
		limitText: text('limit.below-fail', { limit: fmtNum(MOTION_WARN), fail: fmtNum(MOTION_FAIL) }),
		ofiq: null,
		text: text(!judged ? 'motion-blur.unknown-blurred' : mStatus === 'pass' ? 'motion-blur.pass' : 'motion-blur.problem', { measured: fmtNum(md.value, 2), direction: dirName }),
		fixText: text('motion-blur.fix'),
		region,
		severity: 65
	});
	return [sharp, motion];
}

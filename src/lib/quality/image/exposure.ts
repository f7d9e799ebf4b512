/**
 * 'exposure' (clipped face pixels) and 'luminance' (face brightness mean and spread), on the skin samples of
 * ImageContext (face oval shrunk to 90 %, forehead above the brows left out).
 */
import type { QualityCheck } from '../types';
import { lightnessFast, lightnessToY } from '../color';
import { check, histQuantile, q100, round, unknown } from './check';
import type { ImageContext } from './context';

/** OFIQ UnderExposurePrevention 0x46 / OverExposurePrevention 0x47 count 8-bit grey 0–25 and 247–255. */
export const DARK_LUMA = 25;
export const BRIGHT_LUMA = 247;
/**
 * Limits on the clipped fractions (project calibration on the testdata portraits: clean faces have ≤ 0.5 % of either;
 * OFIQ's over-exposure mapping gives Q50 at 1 % and Q17 at 5 %): bright warn > 2 %, fail > 5 %;
 * dark warn > 10 %, fail > 25 % (dark pixels inside the oval are also brows, nostrils and hair strands).
 */
export const BRIGHT_WARN = 0.02;
export const BRIGHT_FAIL = 0.05;
export const DARK_WARN = 0.1;
export const DARK_FAIL = 0.25;

/**
 * Face mean L* limits (project calibration on the testdata portraits, whose faces lie at L* 50–72 with very light to
 * dark skin): warn outside [35, 80], fail outside [25, 88]. −2 EV on a light face (L* ≈ 65) gives L* ≈ 40 and −3 EV
 * L* ≈ 29; +1.5 EV gives L* ≈ 88 with clipping (also caught by 'exposure').
 */
export const L_FAIL_LOW = 25;
export const L_WARN_LOW = 35;
export const L_WARN_HIGH = 80;
export const L_FAIL_HIGH = 88;

/**
 * Underexposure of the whole photo: its white point, the 99th percentile of L* over the image grid. Clean testdata
 * portraits: 89–99; the same photos −1 EV: 68–75, −2 EV: 50–56 (project calibration). warn < 75, fail < 62.
 * (A dark face alone is not underexposure: dark skin in a well-exposed photo has L* 35–45.)
 */
export const WHITE_WARN = 75;
export const WHITE_FAIL = 62;

/** 99th percentile of L* of an [L, a, b, ...] grid (histogram of 0.1 L* bins). */
export function whitePoint(lab: Float32Array): number {
	return histQuantile((i) => lab[3 * i], lab.length / 3, 0.99, 0, 100, 1000);
}

/**
 * 'exposure': fractions of the face's pixels clipped to black or white (OFIQ 0x46 / 0x47), and the photo's white
 * point. Value and unit are those of the deciding measure: the clipped fraction ('ratio') or the white point ('L*').
 */
export function checkExposure(ctx: ImageContext, lab: Float32Array): QualityCheck {
	const n = ctx.skinLuma.length;
	if (n < 50) return unknown('exposure', 'lighting', 'ratio', null, 'The exposure of the face could not be measured.', 70);
	let dark = 0, bright = 0;
	for (const v of ctx.skinLuma) {
		if (v <= DARK_LUMA) dark++;
		else if (v >= BRIGHT_LUMA) bright++;
	}
	const fd = dark / n, fb = bright / n;
	const qUnder = q100(120 * (0.832 - 1 / (1 + Math.exp((0.92 - fd) / 0.05))));
	const qOver = q100(Math.round(1 / (fb + 0.01)));
	const wp = whitePoint(lab);
	const over = fb / BRIGHT_FAIL >= fd / DARK_FAIL;
	const clipStatus = fb > BRIGHT_FAIL || fd > DARK_FAIL ? 'fail' : fb > BRIGHT_WARN || fd > DARK_WARN ? 'warn' : 'pass';
	const wpStatus = wp < WHITE_FAIL ? 'fail' : wp < WHITE_WARN ? 'warn' : 'pass';
	const rank = { pass: 0, warn: 1, fail: 2 } as const;
	const byWhite = rank[wpStatus] > rank[clipStatus];
	const status = byWhite ? wpStatus : clipStatus;
	const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
	const stops = Math.log2(lightnessToY(90) / Math.max(1e-4, lightnessToY(wp)));
	const under = byWhite || (status !== 'pass' && !over);
	return check({
		id: 'exposure',
		group: 'lighting',
		status,
		value: byWhite ? round(wp, 1) : round(over ? fb : fd, 4),
		unit: byWhite ? 'L*' : 'ratio',
		limit: byWhite
			? `brightest 1 % of the photo ≥ L* ${WHITE_WARN} (fail < ${WHITE_FAIL})`
			: `white ≤ ${pct(BRIGHT_WARN)}, black ≤ ${pct(DARK_WARN)} of the face`,
		ofiq: Math.min(qUnder, qOver),
		message:
			status === 'pass'
				? `The photo is well exposed: ${pct(fb)} of the face is burnt-out white and ${pct(fd)} is black.`
				: byWhite
					? `The photo is underexposed by about ${stops.toFixed(1)} stops: even its brightest parts reach only L* ${wp.toFixed(0)}.`
					: over
						? `The face is overexposed: ${pct(fb)} of it is burnt-out white (at most ${pct(BRIGHT_WARN)}).`
						: `The face is underexposed: ${pct(fd)} of it is black (at most ${pct(DARK_WARN)}).`,
		fix: under ? 'Use more light on your face' : 'Use less light on your face or reduce the exposure; avoid direct flash',
		region: byWhite ? null : ctx.faceBox,
		severity: 70
	});
}

/**
 * 'luminance': face mean L* and its spread (standard deviation of L*).
 * ofiq: min of OFIQ LuminanceMean 0x44 (100·σ(m; 0.2, 0.05)·(1 − σ(m; 0.8, 0.05)), m = mean linear Y) and
 * LuminanceVariance 0x45 (100·sin(π·60v/(60v+1)), v = variance of Y).
 */
export function checkLuminance(ctx: ImageContext): QualityCheck {
	const n = ctx.skinY.length;
	if (n < 50) return unknown('luminance', 'lighting', 'L*', null, 'The brightness of the face could not be measured.', 55);
	let sy = 0, syy = 0, sl = 0, sll = 0;
	for (const y of ctx.skinY) {
		const L = lightnessFast(y);
		sy += y; syy += y * y; sl += L; sll += L * L;
	}
	const mY = sy / n, vY = Math.max(0, syy / n - mY * mY);
	const mL = sl / n, sdL = Math.sqrt(Math.max(0, sll / n - mL * mL));
	const qMean = Math.round(100 * (1 / (1 + Math.exp((0.2 - mY) / 0.05))) * (1 - 1 / (1 + Math.exp((0.8 - mY) / 0.05))));
	const qVar = q100(100 * Math.sin((Math.PI * 60 * vY) / (60 * vY + 1)));
	const status = mL < L_FAIL_LOW || mL > L_FAIL_HIGH ? 'fail' : mL < L_WARN_LOW || mL > L_WARN_HIGH ? 'warn' : 'pass';
	const dark = mL < L_WARN_LOW;
	return check({
		id: 'luminance',
		group: 'lighting',
		status,
		value: round(mL, 1),
		unit: 'L*',
		limit: `${L_WARN_LOW}–${L_WARN_HIGH} L* (fail < ${L_FAIL_LOW} or > ${L_FAIL_HIGH})`,
		ofiq: Math.min(q100(qMean), qVar),
		message:
			status === 'pass'
				? `The face is evenly bright: mean L* ${mL.toFixed(0)}, spread ${sdL.toFixed(0)}.`
				: `The face is too ${dark ? 'dark' : 'bright'}: mean L* ${mL.toFixed(0)} (${L_WARN_LOW}–${L_WARN_HIGH} wanted).`,
		fix: dark ? 'Use more light on your face' : 'Use less light on your face or reduce the exposure',
		region: ctx.faceBox,
		severity: 55
	});
}


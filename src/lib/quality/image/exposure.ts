/**
 * 'exposure' (clipped face pixels) and 'luminance' (face brightness mean and spread), on the skin samples of
 * ImageContext (face oval shrunk to 90 %, forehead above the brows left out).
 */
import type { QualityCheck } from '../types';
import { lightnessFast, lightnessToY } from '../color';
import { check, histQuantile, q100, round, unknown } from './check';
import { fmtNum, fmtPct, text } from '../format';
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
 * Clipped highlights: a pixel of the whole face oval whose brightest channel is ≥ CHANNEL_CLIP (8-bit sRGB code) has
 * lost its texture in that channel (the red channel of skin clips first). OFIQ 0x47 counts luma 247–255 only, which a
 * face reaches late: +1.5 EV on a dimly lit face (L* 40 → 63) clips the red channel of a quarter of the face (forehead,
 * nose, cheekbones) while luma stays below 247 almost everywhere. Clean testdata portraits: 0–2.3 % of the oval (light
 * skin, well exposed, highest), 7 % with strong sensor noise; +1.5 EV: 25–82 % (project calibration,
 * `npm run eval:checks`). warn > 10 %, fail > 20 %.
 */
export const CHANNEL_CLIP = 250;
export const CHANNEL_CLIP_WARN = 0.1;
export const CHANNEL_CLIP_FAIL = 0.2;

/** Fraction of the samples `offsets` (byte offsets into `data`) whose brightest channel is ≥ CHANNEL_CLIP. */
export function channelClipFraction(data: Uint8ClampedArray, offsets: Int32Array): number {
	if (offsets.length === 0) return NaN;
	let n = 0;
	for (const o of offsets) if (data[o] >= CHANNEL_CLIP || data[o + 1] >= CHANNEL_CLIP || data[o + 2] >= CHANNEL_CLIP) n++;
	return n / offsets.length;
}

type Status3 = 'pass' | 'warn' | 'fail';
const RANK = { pass: 0, warn: 1, fail: 2 } as const;

/**
 * 'exposure', three measures, the worst decides (its value and unit are reported):
 *   1. OFIQ UnderExposurePrevention 0x46 / OverExposurePrevention 0x47: fractions of the face's skin samples with
 *      luma ≤ DARK_LUMA or ≥ BRIGHT_LUMA ('ratio');
 *   2. clipped highlights: fraction of the whole face oval with a channel ≥ CHANNEL_CLIP ('ratio'), see above;
 *   3. the photo's white point (99th percentile L*) for underexposure of the whole photo ('L*').
 * ofiq: min(0x46, 0x47) on the skin samples.
 */
export function checkExposure(ctx: ImageContext, lab: Float32Array): QualityCheck {
	const n = ctx.skinLuma.length;
	if (n < 50) return unknown('exposure', 'lighting', 'ratio', null, text('exposure.unknown'), 70);
	let dark = 0, bright = 0;
	for (const v of ctx.skinLuma) {
		if (v <= DARK_LUMA) dark++;
		else if (v >= BRIGHT_LUMA) bright++;
	}
	const fd = dark / n, fb = bright / n;
	const fc = ctx.oval.length >= 50 ? channelClipFraction(ctx.image.data, ctx.oval) : 0;
	const qUnder = q100(120 * (0.832 - 1 / (1 + Math.exp((0.92 - fd) / 0.05))));
	const qOver = q100(Math.round(1 / (fb + 0.01)));
	const wp = whitePoint(lab);
	const over = fb / BRIGHT_FAIL >= fd / DARK_FAIL;
	const clipStatus: Status3 = fb > BRIGHT_FAIL || fd > DARK_FAIL ? 'fail' : fb > BRIGHT_WARN || fd > DARK_WARN ? 'warn' : 'pass';
	const channelStatus: Status3 = fc > CHANNEL_CLIP_FAIL ? 'fail' : fc > CHANNEL_CLIP_WARN ? 'warn' : 'pass';
	const wpStatus: Status3 = wp < WHITE_FAIL ? 'fail' : wp < WHITE_WARN ? 'warn' : 'pass';
	// Which measure decides: the worst status; on a tie the OFIQ fractions, then the highlights, then the white point.
	const decider: 'ofiq' | 'highlights' | 'white' =
		RANK[wpStatus] > Math.max(RANK[clipStatus], RANK[channelStatus]) ? 'white' : RANK[channelStatus] > RANK[clipStatus] ? 'highlights' : 'ofiq';
	const status = decider === 'white' ? wpStatus : decider === 'highlights' ? channelStatus : clipStatus;
	const stops = Math.log2(lightnessToY(90) / Math.max(1e-4, lightnessToY(wp)));
	const under = decider === 'white' || (decider === 'ofiq' && status !== 'pass' && !over);
	const key =
		status === 'pass' ? 'exposure.pass' : decider === 'white' ? 'exposure.under-photo' : decider === 'highlights' ? 'exposure.over-clipped' : over ? 'exposure.over' : 'exposure.under';
	return check({
		id: 'exposure',
		group: 'lighting',
		status,
		value: decider === 'white' ? round(wp, 1) : decider === 'highlights' ? round(fc, 4) : round(over ? fb : fd, 4),
		unit: decider === 'white' ? 'L*' : 'ratio',
		limitText:
			decider === 'white'
				? text('exposure.limit-white', { limit: WHITE_WARN, fail: WHITE_FAIL })
				: decider === 'highlights'
					? text('exposure.limit-clipped', { limit: fmtPct(CHANNEL_CLIP_WARN) })
					: text('exposure.limit', { white: fmtPct(BRIGHT_WARN), black: fmtPct(DARK_WARN) }),
		ofiq: Math.min(qUnder, qOver),
		text: text(key, {
			white: fmtPct(fb),
			black: fmtPct(fd),
			clipped: fmtPct(fc),
			stops: fmtNum(stops, 1),
			lightness: fmtNum(wp, 0),
			limit: decider === 'highlights' ? fmtPct(CHANNEL_CLIP_WARN) : over ? fmtPct(BRIGHT_WARN) : fmtPct(DARK_WARN)
		}),
		fixText: text(under ? 'exposure.fix-under' : 'exposure.fix-over'),
		region: decider === 'white' ? null : ctx.faceBox,
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
	if (n < 50) return unknown('luminance', 'lighting', 'L*', null, text('luminance.unknown'), 55);
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
		limitText: text('luminance.limit', { min: L_WARN_LOW, max: L_WARN_HIGH, failMin: L_FAIL_LOW, failMax: L_FAIL_HIGH }),
		ofiq: Math.min(q100(qMean), qVar),
		text: text(status === 'pass' ? 'luminance.pass' : 'luminance.problem', {
			measured: fmtNum(mL, 0),
			spread: fmtNum(sdL, 0),
			side: dark ? 'dark' : 'bright',
			min: L_WARN_LOW,
			max: L_WARN_HIGH
		}),
		fixText: text(dark ? 'luminance.fix-dark' : 'luminance.fix-bright'),
		region: ctx.faceBox,
		severity: 55
	});
}


/** 'illumination-symmetry': left vs right cheek brightness (OFIQ IlluminationUniformity 0x43 zones). */
import type { QualityCheck } from '../types';
import { SRGB_TO_LINEAR, lightnessFast } from '../color';
import { check, q100, round, unknown } from './check';
import { fmtNum, text } from '../format';
import type { ImageContext } from './context';
import { cheekZones, squareAt } from './landmarks';
import { boxPixels } from './sample';

/**
 * |ΔL*| between the mean L* of the two cheek zones. Limits (project calibration on the testdata portraits: 1.9–5 for
 * seven of them, 9.6 for child-room, whose light falls a little from one side): warn > 10, fail > 18 (half the face in
 * shadow gives 20 or more). ICAO 9303 asks for uniform lighting with no shadows on the face, without a number.
 */
export const SYMMETRY_WARN = 10;
export const SYMMETRY_FAIL = 18;

/**
 * Histogram intersection of the two zones' normalised L* histograms (32 bins over 0–100), OFIQ's native value; OFIQ's
 * quality = round(100·x^0.3).
 */
function intersection(a: Float32Array, b: Float32Array): number {
	const bins = 32;
	const ha = new Float32Array(bins), hb = new Float32Array(bins);
	for (const v of a) ha[Math.min(bins - 1, Math.floor((v / 100) * bins))] += 1 / a.length;
	for (const v of b) hb[Math.min(bins - 1, Math.floor((v / 100) * bins))] += 1 / b.length;
	let s = 0;
	for (let i = 0; i < bins; i++) s += Math.min(ha[i], hb[i]);
	return s;
}

/** 'illumination-symmetry' on the two OFIQ cheek zones (landmarks.cheekZones); unknown when a zone is off the image. */
export function checkIlluminationSymmetry(ctx: ImageContext): QualityCheck {
	const z = cheekZones(ctx.landmarks);
	const d = ctx.image.data;
	const zoneL = (c: { x: number; y: number }) => {
		const px = boxPixels(ctx.image, squareAt(c, z.side));
		const L = new Float32Array(px.length);
		for (let i = 0; i < px.length; i++) {
			const o = px[i];
			L[i] = lightnessFast(0.2126 * SRGB_TO_LINEAR[d[o]] + 0.7152 * SRGB_TO_LINEAR[d[o + 1]] + 0.0722 * SRGB_TO_LINEAR[d[o + 2]]);
		}
		return L;
	};
	const right = zoneL(z.right), left = zoneL(z.left);
	if (right.length < 9 || left.length < 9)
		return unknown('illumination-symmetry', 'lighting', 'ΔL*', text('limit.max-fail', { limit: `${SYMMETRY_WARN} ΔL*`, fail: `${SYMMETRY_FAIL} ΔL*` }), text('illumination-symmetry.unknown'), 50);
	const mean = (a: Float32Array) => a.reduce((s, v) => s + v, 0) / a.length;
	const mr = mean(right), ml = mean(left);
	const dL = Math.abs(mr - ml);
	const status = dL > SYMMETRY_FAIL ? 'fail' : dL > SYMMETRY_WARN ? 'warn' : 'pass';
	// The darker side (image left = subject's right).
	const darkerIsImageLeft = mr < ml;
	const r = z.side / 2;
	const xs = [z.right.x, z.left.x], ys = [z.right.y, z.left.y];
	return check({
		id: 'illumination-symmetry',
		group: 'lighting',
		status,
		value: round(dL, 1),
		unit: 'ΔL*',
		limitText: text('limit.max-fail', { limit: `${SYMMETRY_WARN} ΔL*`, fail: `${SYMMETRY_FAIL} ΔL*` }),
		ofiq: q100(100 * Math.pow(intersection(right, left), 0.3)),
		text: text(status === 'pass' ? 'illumination-symmetry.pass' : 'illumination-symmetry.problem', {
			measured: status === 'pass' ? fmtNum(dL, 1) : fmtNum(dL, 0),
			side: darkerIsImageLeft ? 'left' : 'right'
		}),
		fixText: text('illumination-symmetry.fix'),
		region: { x: Math.min(...xs) - r, y: Math.min(...ys) - r, width: Math.abs(xs[1] - xs[0]) + 2 * r, height: Math.abs(ys[1] - ys[0]) + 2 * r },
		severity: 50
	});
}

/** 'inter-eye-distance': the face's resolution in the ORIGINAL photo. */
import type { QualityCheck, QualityRules } from '../types';
import { check, ofiqMap, round } from './check';
import { fmtNum, text } from '../format';
import { eyeCentres, interEye3d } from './landmarks';
import type { FaceLandmarks } from '../../types';

/** ICAO 9303 p3 / ISO/IEC 19794-5: at least 90 px between the eye centres; 120 px preferred (quality-measures.md §2). */
export const MIN_IED_PX = 90;
export const PREFERRED_IED_PX = 120;

/**
 * Inter-eye distance in source px = yaw-corrected distance between the eye centres in `image` px (3-D, see
 * landmarks.interEye3d; OFIQ 0x52 divides by cos(yaw)) / `scale`.
 * fail below rules.minInterEyePx (default 90), warn below max(min, 120), else pass.
 * ofiq: OFIQ InterEyeDistance mapping 100·σ(x; 70, 20).
 */
export function checkInterEye(landmarks: FaceLandmarks, scale: number, rules: QualityRules): QualityCheck {
	const min = rules.minInterEyePx ?? MIN_IED_PX;
	const preferred = Math.max(min, PREFERRED_IED_PX);
	// One number for one measurement: the status, the value and the sentence all use the distance rounded to 0.1 px.
	const ied = round(interEye3d(landmarks) / scale, 1);
	const e = eyeCentres(landmarks);
	const status = ied < min ? 'fail' : ied < preferred ? 'warn' : 'pass';
	const values = { measured: `${fmtNum(ied, 1)} px`, limit: `${min} px`, preferred: `${preferred} px`, source: rules.minInterEyePx !== undefined ? 'document' : 'icao' };
	const pad = 0.25 * Math.hypot(e.left.x - e.right.x, e.left.y - e.right.y);
	return check({
		id: 'inter-eye-distance',
		group: 'file',
		status,
		value: ied,
		unit: 'px',
		limitText: text('inter-eye-distance.limit', values),
		ofiq: ofiqMap(ied, 70, 20),
		text: text(`inter-eye-distance.${status}`, values),
		fixText: text('inter-eye-distance.fix'),
		region: {
			x: Math.min(e.right.x, e.left.x) - pad,
			y: Math.min(e.right.y, e.left.y) - pad,
			width: Math.abs(e.left.x - e.right.x) + 2 * pad,
			height: Math.abs(e.left.y - e.right.y) + 2 * pad
		},
		severity: 60
	});
}

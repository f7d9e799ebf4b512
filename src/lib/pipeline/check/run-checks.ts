/**
 * Check report v1: compares MEASURED values of a photo with a LayoutTarget and file limits, so the same code checks
 * photos made by this app and photos made elsewhere.
 */
import { CENTRING_WINDOW, type LayoutTarget, type RatioWindow } from '../geometry/layout';
import { MIN_INTER_EYE_PX, PREFERRED_INTER_EYE_PX } from '../geometry/extension';
import type { CheckEntry, CheckOptions, CheckStatus, FileInfo, PhotoMeasurements } from './types';

/**
 * Roll limit, degrees: ISO/IEC 19794-5:2011 section 7.2.2 (pose: yaw +-5, pitch +-5, roll +-8 degrees), as cited by
 * VisionLabs LUNA SDK docs (quality-measures.md section 2, "Pose", high confidence).
 */
export const MAX_ROLL_DEG = 8;

/** KB -> bytes; `kb` must say which kilobyte the spec means (1000 or 1024 bytes). */
export function kbToBytes(kb: number, bytesPerKb: 1000 | 1024): number {
	return Math.round(kb * bytesPerKb);
}

const fmt = (v: number, d = 3) => Number(v.toFixed(d)).toString();

/** 'pass' inside [min, max], 'warn' outside by at most `tol`, else 'fail'. */
export function windowStatus(value: number, min: number | null, max: number | null, tol: number): CheckStatus {
	const below = min !== null ? min - value : 0;
	const above = max !== null ? value - max : 0;
	const out = Math.max(below, above, 0);
	if (out === 0) return 'pass';
	return out <= tol + 1e-12 ? 'warn' : 'fail';
}

function ratioEntry(
	id: CheckEntry['id'],
	value: number,
	unit: string,
	win: RatioWindow,
	tol: number,
	what: string
): CheckEntry {
	const status = windowStatus(value, win.min, win.max, tol);
	const pct = (v: number) => `${fmt(v * 100, 1)} %`;
	const message =
		status === 'pass'
			? `${what} ${pct(value)} is within ${pct(win.min)}-${pct(win.max)}.`
			: status === 'warn'
				? `${what} ${pct(value)} is just outside ${pct(win.min)}-${pct(win.max)} (within the measurement uncertainty).`
				: `${what} ${pct(value)} is outside ${pct(win.min)}-${pct(win.max)}.`;
	return { id, status, value, unit, limit: `${fmt(win.min)}-${fmt(win.max)}`, window: { min: win.min, max: win.max }, message };
}

const unknown = (id: CheckEntry['id'], unit: string, limit: string | null, message: string): CheckEntry => ({
	id,
	status: 'unknown',
	value: null,
	unit,
	limit,
	window: null,
	message
});

/**
 * Runs the v1 checks.
 * @param m measurements of the photo being checked (its own px).
 * @param target the layout target (output size and ratio windows).
 * @param file file size facts.
 * @returns entries in a fixed order: face-count, head-height, eye-line, horizontal-centring, top-margin, roll,
 *   resolution, output-size, file-size.
 */
export function runChecks(m: PhotoMeasurements, target: LayoutTarget, file: FileInfo, options: CheckOptions = {}): CheckEntry[] {
	const tol = options.ratioTolerance ?? 0.01;
	const rollTol = options.rollToleranceDeg ?? 1;
	const H = m.imageHeightPx;
	const W = m.imageWidthPx;
	const out: CheckEntry[] = [];

	// face-count: exactly one face (ICAO 9303 / peers.md: one person only)
	if (m.faceCount === null) out.push(unknown('face-count', 'faces', '1', 'Faces were not counted.'));
	else
		out.push({
			id: 'face-count',
			status: m.faceCount === 1 ? 'pass' : 'fail',
			value: m.faceCount,
			unit: 'faces',
			limit: '1',
			window: { min: 1, max: 1 },
			message: m.faceCount === 1 ? 'Exactly one face.' : m.faceCount === 0 ? 'No face found.' : `${m.faceCount} faces found; the photo must show one person only.`
		});

	// head top by the target's definition
	let headTop: number | null = null;
	let headTopEstimated = false;
	if (target.headDefinition === 'crown-to-chin') {
		if (m.crownYPx !== null) headTop = m.crownYPx;
		else if (m.skullTopYPx !== null) {
			headTop = m.skullTopYPx;
			headTopEstimated = true;
		}
	} else headTop = m.skullTopYPx;

	// head-height
	if (headTop === null || m.chinYPx === null) out.push(unknown('head-height', 'ratio of height', null, 'Head top or chin not measured.'));
	else {
		const e = ratioEntry('head-height', (m.chinYPx - headTop) / H, 'ratio of height', target.headHeightRatio, tol, 'Head height');
		if (headTopEstimated && e.status === 'pass') {
			e.status = 'warn';
			e.message += ' The crown was estimated from the face, not measured on the hair.';
		}
		if (m.crownTouchesEdge && target.headDefinition === 'crown-to-chin') {
			e.status = 'fail';
			e.message = 'The top of the head is cut off, so the head height cannot be right.';
		}
		out.push(e);
	}

	// eye-line, measured from the BOTTOM edge
	if (m.eyeYPx === null) out.push(unknown('eye-line', 'ratio of height', null, 'Eyes not found.'));
	else if (!target.eyeFromBottomRatio) {
		const v = (H - m.eyeYPx) / H;
		out.push({ id: 'eye-line', status: 'pass', value: v, unit: 'ratio of height', limit: null, window: null, message: 'This document sets no eye-line rule.' });
	} else out.push(ratioEntry('eye-line', (H - m.eyeYPx) / H, 'ratio of height', target.eyeFromBottomRatio, tol, 'Eye line height above the bottom edge'));

	// horizontal-centring of the eye midpoint
	if (m.eyeCentreXPx === null) out.push(unknown('horizontal-centring', 'ratio of width', `${CENTRING_WINDOW.min}-${CENTRING_WINDOW.max}`, 'Eyes not found.'));
	else
		out.push(
			ratioEntry('horizontal-centring', m.eyeCentreXPx / W, 'ratio of width', { ...CENTRING_WINDOW, target: 0.5 }, tol, 'Face centre (eye midpoint) position across the width')
		);

	// top-margin
	if (headTop === null) out.push(unknown('top-margin', 'ratio of height', null, 'Head top not measured.'));
	else if (m.crownTouchesEdge || headTop <= 0)
		out.push({ id: 'top-margin', status: 'fail', value: Math.max(0, headTop) / H, unit: 'ratio of height', limit: target.topMarginRatio ? `${fmt(target.topMarginRatio.min)}-${fmt(target.topMarginRatio.max)}` : '> 0', window: target.topMarginRatio ? { min: target.topMarginRatio.min, max: target.topMarginRatio.max } : { min: 0, max: null }, message: 'The head touches the top edge; there must be space above the head.' });
	else if (target.topMarginRatio) out.push(ratioEntry('top-margin', headTop / H, 'ratio of height', target.topMarginRatio, tol, 'Space above the head'));
	else out.push({ id: 'top-margin', status: 'pass', value: headTop / H, unit: 'ratio of height', limit: '> 0', window: { min: 0, max: null }, message: 'There is space above the head (this document sets no exact top margin).' });
	// A document that measures to the top of the skull still wants the whole head in the picture: hair (a bun, volume)
	// cut off by the top edge is the complaint "head top cut off" of reference/peers.md, so it is at least a warning.
	const topEntry = out[out.length - 1];
	const hairCut = target.headDefinition === 'skull-to-chin' && (m.crownTouchesEdge || (m.crownYPx !== null && m.crownYPx <= 0));
	if (hairCut && topEntry.status === 'pass') {
		topEntry.status = 'warn';
		topEntry.message = 'The hair above the head is cut off by the top edge: this document measures the head to the top of the skull, but the whole head, hair included, should show (choose a smaller head size).';
	}

	// roll
	if (m.rollDeg === null) out.push(unknown('roll', 'deg', `<= ${MAX_ROLL_DEG} deg`, 'Head tilt not measured.'));
	else {
		const a = Math.abs(m.rollDeg);
		const status = windowStatus(a, null, MAX_ROLL_DEG, rollTol);
		out.push({
			id: 'roll',
			status,
			value: m.rollDeg,
			unit: 'deg',
			limit: `<= ${MAX_ROLL_DEG} deg`,
			window: { min: -MAX_ROLL_DEG, max: MAX_ROLL_DEG },
			message: status === 'pass' ? `Head tilt ${fmt(a, 1)} deg is within ${MAX_ROLL_DEG} deg.` : `Head tilt ${fmt(a, 1)} deg exceeds ${MAX_ROLL_DEG} deg.`
		});
	}

	// resolution: inter-eye distance in the source
	if (m.sourceInterEyeDistancePx === null) out.push(unknown('resolution', 'px', `>= ${MIN_INTER_EYE_PX} px`, 'Inter-eye distance in the original photo unknown.'));
	else {
		const d = m.sourceInterEyeDistancePx;
		const status: CheckStatus = d >= PREFERRED_INTER_EYE_PX ? 'pass' : d >= MIN_INTER_EYE_PX ? 'warn' : 'fail';
		out.push({
			id: 'resolution',
			status,
			value: d,
			unit: 'px',
			limit: `>= ${MIN_INTER_EYE_PX} px (${PREFERRED_INTER_EYE_PX} px preferred)`,
			window: { min: MIN_INTER_EYE_PX, max: null },
			message:
				status === 'pass'
					? `The eyes are ${fmt(d, 0)} px apart in the original photo: enough detail.`
					: status === 'warn'
						? `The eyes are ${fmt(d, 0)} px apart in the original photo: acceptable, ${PREFERRED_INTER_EYE_PX} px or more is preferred.`
						: `The eyes are only ${fmt(d, 0)} px apart in the original photo; at least ${MIN_INTER_EYE_PX} px are required.`
		});
	}

	// output-size: exact px
	const sizeOk = W === target.outWidthPx && H === target.outHeightPx;
	out.push({
		id: 'output-size',
		status: sizeOk ? 'pass' : 'fail',
		value: `${W}x${H}`,
		unit: 'px',
		limit: `${target.outWidthPx}x${target.outHeightPx}`,
		window: null,
		message: sizeOk ? `The photo is ${W}x${H} px as required.` : `The photo is ${W}x${H} px; ${target.outWidthPx}x${target.outHeightPx} px is required.`
	});

	// file-size
	const min = file.minBytes ?? null;
	const max = file.maxBytes ?? null;
	const limit = min === null && max === null ? null : `${min ?? 0}-${max ?? 'any'} bytes`;
	if (file.bytes === null) out.push(unknown('file-size', 'bytes', limit, 'File not encoded yet.'));
	else {
		const status: CheckStatus = (min !== null && file.bytes < min) || (max !== null && file.bytes > max) ? 'fail' : 'pass';
		out.push({
			id: 'file-size',
			status,
			value: file.bytes,
			unit: 'bytes',
			limit,
			window: limit === null ? null : { min, max },
			message:
				limit === null
					? 'This document sets no file-size limit.'
					: status === 'pass'
						? `The file is ${file.bytes} bytes, within the limit.`
						: `The file is ${file.bytes} bytes, outside ${limit}.`
		});
	}
	return out;
}

/**
 * Check report v1: compares MEASURED values of a photo with a LayoutTarget and file limits, so the same code checks
 * photos made by this app and photos made elsewhere.
 */
import { CENTRING_WINDOW, type LayoutTarget, type RatioWindow } from '../geometry/layout';
import { MIN_INTER_EYE_PX, PREFERRED_INTER_EYE_PX } from '../geometry/extension';
import type { CheckEntry, CheckOptions, CheckStatus, FileInfo, PhotoMeasurements } from './types';
import type { CheckText } from '../../quality/types';
import { fmtDeg, fmtNum, fmtPct, text } from '../../quality/format';
import { renderText } from '../../quality/messages';

/**
 * Roll limit, degrees: ISO/IEC 19794-5:2011 section 7.2.2 (pose: yaw +-5, pitch +-5, roll +-8 degrees), as cited by
 * VisionLabs LUNA SDK docs (quality-measures.md section 2, "Pose", high confidence).
 */
export const MAX_ROLL_DEG = 8;

/** KB -> bytes; `kb` must say which kilobyte the spec means (1000 or 1024 bytes). */
export function kbToBytes(kb: number, bytesPerKb: 1000 | 1024): number {
	return Math.round(kb * bytesPerKb);
}


/** 'pass' inside [min, max], 'warn' outside by at most `tol`, else 'fail'. */
export function windowStatus(value: number, min: number | null, max: number | null, tol: number): CheckStatus {
	const below = min !== null ? min - value : 0;
	const above = max !== null ? value - max : 0;
	const out = Math.max(below, above, 0);
	if (out === 0) return 'pass';
	return out <= tol + 1e-12 ? 'warn' : 'fail';
}

/** An entry whose `message` and `limit` are the English renderings of `t` and `limitText` (quality/messages.ts). */
function entry(
	e: Omit<CheckEntry, 'message' | 'limit' | 'text' | 'limitText'>,
	t: CheckText,
	limitText: CheckText | null
): CheckEntry {
	return { ...e, limit: limitText ? renderText(limitText) : null, message: renderText(t), text: t, ...(limitText ? { limitText } : {}) };
}

/** Bytes for reading: '123.4 kB' (kB = 1000 bytes, SI). */
export function fmtBytes(bytes: number): string {
	return `${fmtNum(bytes / 1000, 1)} kB`;
}

/** A ratio window as a limit text: '50 % – 69 %'. */
const windowText = (win: { min: number; max: number }) => text('limit.window', { min: fmtPct(win.min), max: fmtPct(win.max) });

function ratioEntry(id: CheckEntry['id'], value: number, unit: string, win: RatioWindow, tol: number): CheckEntry {
	const status = windowStatus(value, win.min, win.max, tol);
	return entry(
		{ id, status, value, unit, window: { min: win.min, max: win.max } },
		text(`${id}.${status}`, { measured: fmtPct(value), min: fmtPct(win.min), max: fmtPct(win.max) }),
		windowText(win)
	);
}

const unknown = (id: CheckEntry['id'], unit: string, limitText: CheckText | null, why: CheckText): CheckEntry =>
	entry({ id, status: 'unknown', value: null, unit, window: null }, why, limitText);

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
	const oneFace = text('face-count.limit');
	if (m.faceCount === null) out.push(unknown('face-count', 'faces', oneFace, text('report.unknown')));
	else
		out.push(
			entry(
				{ id: 'face-count', status: m.faceCount === 1 ? 'pass' : 'fail', value: m.faceCount, unit: 'faces', window: { min: 1, max: 1 } },
				text(m.faceCount === 1 ? 'face-count.pass' : m.faceCount === 0 ? 'face-count.none' : 'face-count.many', { count: m.faceCount }),
				oneFace
			)
		);

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
	if (headTop === null || m.chinYPx === null) out.push(unknown('head-height', 'ratio of height', null, text('report.unknown')));
	else {
		let e = ratioEntry('head-height', (m.chinYPx - headTop) / H, 'ratio of height', target.headHeightRatio, tol);
		if (headTopEstimated && e.status === 'pass') e = entry({ ...e, status: 'warn' }, text('head-height.estimated', e.text!.values), e.limitText ?? null);
		if (m.crownTouchesEdge && target.headDefinition === 'crown-to-chin') e = entry({ ...e, status: 'fail' }, text('head-height.cut', e.text!.values), e.limitText ?? null);
		out.push(e);
	}

	// eye-line, measured from the BOTTOM edge
	if (m.eyeYPx === null) out.push(unknown('eye-line', 'ratio of height', null, text('report.unknown')));
	else if (!target.eyeFromBottomRatio) {
		const v = (H - m.eyeYPx) / H;
		out.push(entry({ id: 'eye-line', status: 'pass', value: v, unit: 'ratio of height', window: null }, text('eye-line.no-rule', { measured: fmtPct(v) }), null));
	} else out.push(ratioEntry('eye-line', (H - m.eyeYPx) / H, 'ratio of height', target.eyeFromBottomRatio, tol));

	// horizontal-centring of the eye midpoint
	if (m.eyeCentreXPx === null) out.push(unknown('horizontal-centring', 'ratio of width', windowText(CENTRING_WINDOW), text('report.unknown')));
	else out.push(ratioEntry('horizontal-centring', m.eyeCentreXPx / W, 'ratio of width', { ...CENTRING_WINDOW, target: 0.5 }, tol));

	// top-margin
	const topWin = target.topMarginRatio;
	const aboveZero = text('limit.above-zero');
	if (headTop === null) out.push(unknown('top-margin', 'ratio of height', null, text('report.unknown')));
	else if (m.crownTouchesEdge || headTop <= 0)
		out.push(
			entry(
				{ id: 'top-margin', status: 'fail', value: Math.max(0, headTop) / H, unit: 'ratio of height', window: topWin ? { min: topWin.min, max: topWin.max } : { min: 0, max: null } },
				text('top-margin.touches', { measured: fmtPct(Math.max(0, headTop) / H) }),
				topWin ? windowText(topWin) : aboveZero
			)
		);
	else if (topWin) out.push(ratioEntry('top-margin', headTop / H, 'ratio of height', topWin, tol));
	else
		out.push(
			entry({ id: 'top-margin', status: 'pass', value: headTop / H, unit: 'ratio of height', window: { min: 0, max: null } }, text('top-margin.open', { measured: fmtPct(headTop / H) }), aboveZero)
		);
	// A document that measures to the top of the skull still wants the whole head in the picture: hair (a bun, volume)
	// cut off by the top edge is the complaint "head top cut off" of reference/peers.md, so it is at least a warning.
	const topEntry = out[out.length - 1];
	const hairCut = target.headDefinition === 'skull-to-chin' && (m.crownTouchesEdge || (m.crownYPx !== null && m.crownYPx <= 0));
	// The warning is about the HAIR, so its value and limit are the space above the hair (0 when it touches the edge),
	// not the skull's top margin that passed (a 10 % skull margin shown with "warning, limit > 0" read as a contradiction).
	if (hairCut && topEntry.status === 'pass') {
		const hair = m.crownTouchesEdge || m.crownYPx === null ? 0 : Math.max(0, m.crownYPx) / H;
		out[out.length - 1] = entry(
			{ ...topEntry, status: 'warn', value: hair, window: { min: 0, max: null } },
			text('top-margin.hair-cut', { measured: fmtPct(hair), skull: topEntry.text!.values.measured }),
			text('top-margin.hair-limit')
		);
	}

	// roll
	const rollLimit = text('limit.max-deg', { limit: fmtDeg(MAX_ROLL_DEG) });
	if (m.rollDeg === null) out.push(unknown('roll', 'deg', rollLimit, text('report.unknown')));
	else {
		const a = Math.abs(m.rollDeg);
		const status = windowStatus(a, null, MAX_ROLL_DEG, rollTol);
		out.push(
			entry(
				{ id: 'roll', status, value: m.rollDeg, unit: 'deg', window: { min: -MAX_ROLL_DEG, max: MAX_ROLL_DEG } },
				text(status === 'pass' ? 'roll.finished-pass' : 'roll.finished-problem', { measured: fmtDeg(a), limit: fmtDeg(MAX_ROLL_DEG) }),
				rollLimit
			)
		);
	}

	// resolution: inter-eye distance in the source
	const resLimit = text('inter-eye-distance.limit', { limit: `${MIN_INTER_EYE_PX} px`, preferred: `${PREFERRED_INTER_EYE_PX} px` });
	if (m.sourceInterEyeDistancePx === null) out.push(unknown('resolution', 'px', resLimit, text('report.unknown')));
	else {
		const d = m.sourceInterEyeDistancePx;
		const status: CheckStatus = d >= PREFERRED_INTER_EYE_PX ? 'pass' : d >= MIN_INTER_EYE_PX ? 'warn' : 'fail';
		out.push(
			entry(
				{ id: 'resolution', status, value: d, unit: 'px', window: { min: MIN_INTER_EYE_PX, max: null } },
				text(`resolution.${status}`, { measured: `${fmtNum(d, 0)} px`, min: `${MIN_INTER_EYE_PX} px`, preferred: `${PREFERRED_INTER_EYE_PX} px` }),
				resLimit
			)
		);
	}

	// output-size: exact px
	const sizeOk = W === target.outWidthPx && H === target.outHeightPx;
	const sizeLimit = text('limit.exact-size', { width: target.outWidthPx, height: target.outHeightPx });
	out.push(
		entry(
			{ id: 'output-size', status: sizeOk ? 'pass' : 'fail', value: `${W}x${H}`, unit: 'px', window: null },
			text(sizeOk ? 'output-size.pass' : 'output-size.fail', { measured: `${W} × ${H} px`, required: `${target.outWidthPx} × ${target.outHeightPx} px` }),
			sizeLimit
		)
	);

	// file-size
	const min = file.minBytes ?? null;
	const max = file.maxBytes ?? null;
	const sizeValues = { min: min === null ? '0 kB' : fmtBytes(min), max: max === null ? '∞' : fmtBytes(max) };
	const fileLimit = min === null && max === null ? null : text('limit.file-size', sizeValues);
	if (file.bytes === null) out.push(unknown('file-size', 'bytes', fileLimit, text('report.unknown')));
	else {
		const status: CheckStatus = (min !== null && file.bytes < min) || (max !== null && file.bytes > max) ? 'fail' : 'pass';
		out.push(
			entry(
				{ id: 'file-size', status, value: file.bytes, unit: 'bytes', window: fileLimit === null ? null : { min, max } },
				fileLimit === null ? text('file-size.no-rule') : text(`file-size.${status}`, { measured: fmtBytes(file.bytes), ...sizeValues }),
				fileLimit
			)
		);
	}
	return out;
}

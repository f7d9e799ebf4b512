/**
 * Face checks (issue 4, landmark-based half): head pose (yaw, pitch, roll), gaze, eyes open, mouth closed, neutral
 * expression, eyes not covered, no other person. Measured on `QualityInput.landmarks` (478 MediaPipe points of the main
 * face, image px) and, for eye covering and other persons, on the image pixels, the face list and the person mask.
 *
 * Methods, sources and limits: pose.ts (canonical-face fit), expression-measures.ts (OFIQ-style ratios in the
 * frontalised face frame), eye-visibility.ts (sclera/iris contrast and white-of-eye brightness), other-person.ts,
 * limits.ts (every threshold with its source). Cost: about 1-2 ms per photo in Node (least-disturbed runs on the test
 * portraits; the person-mask labelling ≈ 0.5 ms, each eye's pixel scan ≈ 0.2-0.5 ms, the pose fit ≈ 0.1 ms).
 */
import type { Box, FaceLandmarks } from '../../types';
import type { CheckText, QualityCheck, QualityId, QualityInput, QualityModule, QualityRules, QualityStatus } from '../types';
import { fmtDeg, fmtNum, fmtPct, text } from '../format';
import { renderText } from '../messages';
import { eyelidOpening, irisOffset, lipSeparation, mouthShape } from './expression-measures';
import { measureEyeVisibility } from './eye-visibility';
import { FACE_OVAL, LEFT_CHEEK, LEFT_EYE, OUTER_LIPS, RIGHT_CHEEK, RIGHT_EYE } from './landmark-ids';
import * as L from './limits';
import { secondFace, secondPersonBlob } from './other-person';
import { estimateHeadPose, toFaceFrame, type HeadPose } from './pose';

export { estimateHeadPose, poseRotation, rotationToAngles, toFaceFrame, type HeadPose } from './pose';

/** Importance of each face check for ordering problems (0-100, higher first); the same as QUALITY_CATALOGUE in ../rules.ts. */
export const FACE_SEVERITY: Record<FaceCheckId, number> = {
	'other-person': 95,
	'eyes-occluded': 90,
	'eyes-open': 85,
	yaw: 80,
	pitch: 75,
	gaze: 70,
	'mouth-closed': 65,
	roll: 60,
	expression: 60
};

export type FaceCheckId = Extract<QualityId, 'yaw' | 'pitch' | 'roll' | 'gaze' | 'eyes-open' | 'mouth-closed' | 'expression' | 'eyes-occluded' | 'other-person'>;

/** The ids measureFace returns, in this order. */
export const FACE_CHECK_IDS: readonly FaceCheckId[] = ['yaw', 'pitch', 'roll', 'gaze', 'eyes-open', 'mouth-closed', 'expression', 'eyes-occluded', 'other-person'];

type Decided = Omit<QualityCheck, 'id' | 'group' | 'severity' | 'message' | 'fix' | 'text' | 'fixText'> & { text: CheckText; fixText: CheckText | null };

/** A face check; `message` and `fix` are the English renderings of `text` and `fixText` (../messages.ts). */
function check(id: FaceCheckId, c: Decided): QualityCheck {
	const pass = c.status === 'pass';
	const { fixText, ...rest } = c;
	return {
		id,
		group: 'face',
		severity: FACE_SEVERITY[id],
		...rest,
		message: renderText(c.text),
		fix: pass || !fixText ? null : renderText(fixText),
		...(pass || !fixText ? {} : { fixText })
	};
}

function unknown(id: FaceCheckId, unit: string, limitText: CheckText | null, why: CheckText, region: Box | null = null): QualityCheck {
	return check(id, {
		status: 'unknown',
		value: null,
		unit,
		limit: limitText ? renderText(limitText) : null,
		...(limitText ? { limitText } : {}),
		ofiq: null,
		text: why,
		fixText: null,
		region
	});
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

/** Bounding box of the given landmarks, grown by `grow` × its larger side on each side, clamped to the image. */
function landmarkBox(lm: FaceLandmarks, ids: readonly number[], grow: number, width: number, height: number): Box {
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const i of ids) {
		const x = lm.points[i * 3];
		const y = lm.points[i * 3 + 1];
		x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
	}
	const g = grow * Math.max(x1 - x0, y1 - y0);
	x0 = Math.max(0, x0 - g); y0 = Math.max(0, y0 - g);
	x1 = Math.min(width, x1 + g); y1 = Math.min(height, y1 + g);
	return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/** pass within `limit`, warn within `limit + margin`, fail beyond (on |value|). */
function band(abs: number, limit: number, margin: number): QualityStatus {
	return abs <= limit ? 'pass' : abs <= limit + margin ? 'warn' : 'fail';
}

/** Limit texts: '≤ 5°' and the ratio limits of the eye-to-chin distance T. */
const maxDeg = (deg: number) => text('limit.max-deg', { limit: fmtDeg(deg) });
const ratioOfT = (kind: 'min' | 'max', v: number) => text(`limit.${kind}-of-eye-chin`, { limit: fmtNum(v, 3) });

function poseChecks(pose: HeadPose, rules: QualityRules, faceBox: Box): QualityCheck[] {
	const yawMax = rules.maxYawDeg ?? L.DEFAULT_MAX_YAW_DEG;
	const pitchMax = rules.maxPitchDeg ?? L.DEFAULT_MAX_PITCH_DEG;
	const rollMax = rules.maxRollDeg ?? L.DEFAULT_MAX_ROLL_DEG;
	const yaw = pose.yawDeg;
	const yawStatus = band(Math.abs(yaw), yawMax, L.POSE_WARN_MARGIN_DEG.yaw);
	const pitch = pose.pitchDeg;
	const pitchStatus = band(Math.abs(pitch), pitchMax + L.PITCH_VIEW_UNCERTAINTY_DEG, L.POSE_WARN_MARGIN_DEG.pitch);
	const roll = pose.rollDeg;
	const rollStatus = band(Math.abs(roll), rollMax, L.POSE_WARN_MARGIN_DEG.roll);
	const side = (v: number) => (v > 0 ? 'left' : 'right');
	const other = (v: number) => (v > 0 ? 'right' : 'left');
	// the limit actually applied (pitchMax + PITCH_VIEW_UNCERTAINTY_DEG) is what the limit and the sentence state
	const pitchApplied = pitchMax + L.PITCH_VIEW_UNCERTAINTY_DEG;
	const pitchLimit = text('limit.pitch', { applied: fmtDeg(pitchApplied), limit: fmtDeg(pitchMax), uncertainty: fmtDeg(L.PITCH_VIEW_UNCERTAINTY_DEG) });
	return [
		check('yaw', {
			status: yawStatus,
			value: round(yaw, 2),
			unit: 'deg',
			limit: renderText(maxDeg(yawMax)),
			limitText: maxDeg(yawMax),
			ofiq: L.ofiqPose(yaw),
			text: text(yawStatus === 'pass' ? 'yaw.pass' : 'yaw.problem', { measured: fmtDeg(yaw), limit: fmtDeg(yawMax), side: side(yaw) }),
			fixText: text('yaw.fix', { side: other(yaw) }),
			region: faceBox
		}),
		check('pitch', {
			status: pitchStatus,
			value: round(pitch, 2),
			unit: 'deg',
			limit: renderText(pitchLimit),
			limitText: pitchLimit,
			ofiq: L.ofiqPose(pitch),
			text: text(`pitch.${pitchStatus}`, {
				measured: fmtDeg(pitch),
				applied: fmtDeg(pitchApplied),
				limit: fmtDeg(pitchMax),
				uncertainty: fmtDeg(L.PITCH_VIEW_UNCERTAINTY_DEG),
				direction: pitch > 0 ? 'raised' : 'lowered'
			}),
			fixText: text('pitch.fix', { direction: pitch > 0 ? 'lower' : 'lift' }),
			region: faceBox
		}),
		check('roll', {
			status: rollStatus,
			value: round(roll, 2),
			unit: 'deg',
			limit: renderText(maxDeg(rollMax)),
			limitText: maxDeg(rollMax),
			ofiq: L.ofiqPose(roll),
			text: text(rollStatus === 'pass' ? 'roll.pass' : 'roll.problem', { measured: fmtDeg(roll), limit: fmtDeg(rollMax), side: side(roll) }),
			fixText: text('roll.fix', { side: side(roll) }),
			region: faceBox
		})
	];
}

function gazeCheck(face: Float64Array, pose: HeadPose, eyesBox: Box): QualityCheck {
	const { horizontal: h, vertical: v } = irisOffset(face);
	const eyeTurn = (Math.asin(Math.max(-1, Math.min(1, h / L.EYE_RADIUS_TO_WIDTH))) * 180) / Math.PI;
	const gaze = pose.yawDeg + eyeTurn;
	const dv = v - L.GAZE_VERTICAL_REF;
	const a = Math.abs(gaze);
	const hStatus: QualityStatus = a <= L.GAZE_WARN_DEG ? 'pass' : a <= L.GAZE_FAIL_DEG ? 'warn' : 'fail';
	const vOff = Math.abs(dv) > L.GAZE_VERTICAL_WARN;
	const status: QualityStatus = hStatus === 'pass' && vOff ? 'warn' : hStatus;
	const values = {
		measured: fmtDeg(gaze),
		limit: fmtDeg(L.GAZE_WARN_DEG),
		side: gaze > 0 ? 'left' : 'right',
		// the eye-in-head turn is named when it is 3° or more
		eyes: Math.abs(eyeTurn) >= 3 ? fmtDeg(eyeTurn) : 'none',
		eyesSide: eyeTurn > 0 ? 'left' : 'right',
		vertical: dv > 0 ? 'up' : 'down',
		offset: fmtNum(Math.abs(dv), 3)
	};
	return check('gaze', {
		status,
		value: round(gaze, 2),
		unit: 'deg',
		limit: renderText(maxDeg(L.GAZE_WARN_DEG)),
		limitText: maxDeg(L.GAZE_WARN_DEG),
		ofiq: null,
		text: text(status === 'pass' ? 'gaze.pass' : hStatus !== 'pass' ? (Math.abs(eyeTurn) >= 3 ? 'gaze.aside-eyes' : 'gaze.aside') : 'gaze.vertical', values),
		fixText: text('gaze.fix'),
		region: eyesBox
	});
}

function eyesOpenCheck(face: Float64Array, eyesBox: Box): QualityCheck {
	const { right, left } = eyelidOpening(face);
	const v = Math.min(right, left);
	const status: QualityStatus = v < L.EYES_OPEN_FAIL ? 'fail' : v < L.EYES_OPEN_WARN ? 'warn' : 'pass';
	const which = Math.abs(right - left) > 0.01 ? (right < left ? 'right' : 'left') : 'both';
	const lim = ratioOfT('min', L.EYES_OPEN_WARN);
	return check('eyes-open', {
		status,
		value: round(v, 4),
		unit: 'ratio',
		limit: renderText(lim),
		limitText: lim,
		ofiq: L.ofiqEyesOpen(v),
		text: text(`eyes-open.${status}`, { measured: fmtNum(v, 3), limit: fmtNum(L.EYES_OPEN_WARN, 3), eye: which }),
		fixText: text('eyes-open.fix'),
		region: eyesBox
	});
}

function mouthChecks(face: Float64Array, mouthBox: Box): QualityCheck[] {
	const sep = lipSeparation(face);
	const { cornerLift, widthToEyes } = mouthShape(face);
	const mouthStatus: QualityStatus = sep > L.MOUTH_OPEN_FAIL ? 'fail' : sep > L.MOUTH_OPEN_WARN ? 'warn' : 'pass';
	const openSmile = cornerLift > L.SMILE_OPEN_LIFT && sep > L.MOUTH_OPEN_FAIL;
	const smileStatus: QualityStatus = cornerLift > L.SMILE_FAIL || openSmile ? 'fail' : cornerLift > L.SMILE_WARN ? 'warn' : 'pass';
	const mouthLim = ratioOfT('max', L.MOUTH_OPEN_WARN);
	const smileLim = ratioOfT('max', L.SMILE_WARN);
	return [
		check('mouth-closed', {
			status: mouthStatus,
			value: round(sep, 4),
			unit: 'ratio',
			limit: renderText(mouthLim),
			limitText: mouthLim,
			ofiq: L.ofiqMouthClosed(sep),
			text: text(`mouth-closed.${mouthStatus}`, { measured: fmtNum(sep, 3), limit: fmtNum(L.MOUTH_OPEN_WARN, 3) }),
			fixText: text('mouth-closed.fix'),
			region: mouthBox
		}),
		check('expression', {
			status: smileStatus,
			value: round(cornerLift, 4),
			unit: 'ratio',
			limit: renderText(smileLim),
			limitText: smileLim,
			ofiq: null,
			text: text(`expression.${smileStatus}`, {
				measured: fmtNum(cornerLift, 3),
				limit: fmtNum(L.SMILE_WARN, 3),
				open: openSmile ? 'yes' : 'no',
				width: fmtNum(widthToEyes, 2)
			}),
			fixText: text('expression.fix'),
			region: mouthBox
		})
	];
}

/**
 * 'eyes-occluded': the worse eye's visibility score (eye-visibility.ts; 1 = the limit). 'unknown' only when an eye
 * cannot be judged: closed (eyelid opening below EYES_OPEN_FAIL), an iris under 3 px across (MIN_IRIS_RADIUS_PX,
 * inter-eye distance under about 16 px) or too few iris/sclera samples in the opening.
 */
function occlusionCheck(input: QualityInput, face: Float64Array, eyesBox: Box): QualityCheck {
	const lim = text('limit.visibility', { limit: '1' });
	const { right: openR, left: openL } = eyelidOpening(face);
	if (Math.min(openR, openL) < L.EYES_OPEN_FAIL) return unknown('eyes-occluded', 'score', lim, text('eyes-occluded.unknown-closed'), eyesBox);
	const eyes = [
		{ name: 'right', m: measureEyeVisibility(input.image, input.landmarks, RIGHT_EYE, RIGHT_CHEEK) },
		{ name: 'left', m: measureEyeVisibility(input.image, input.landmarks, LEFT_EYE, LEFT_CHEEK) }
	];
	if (eyes.some((e) => e.m.contrast === null || e.m.brightness === null))
		return unknown('eyes-occluded', 'score', lim, text('eyes-occluded.unknown-small'), eyesBox);
	const scored = eyes.map((e) => {
		const c = e.m.contrast! / L.EYE_CONTRAST_WARN;
		const b = e.m.brightness! / L.SCLERA_BRIGHTNESS_WARN;
		return { ...e, score: Math.min(c, b), dark: b < c };
	});
	const worst = scored[0].score <= scored[1].score ? scored[0] : scored[1];
	const v = worst.score;
	const status: QualityStatus = v < L.EYE_VISIBILITY_FAIL ? 'fail' : v < 1 ? 'warn' : 'pass';
	const both = Math.max(scored[0].score, scored[1].score) < 1;
	return check('eyes-occluded', {
		status,
		// the value and the sentence state the same quantity (the visibility score) at the same precision
		value: round(v, 2),
		unit: 'score',
		limit: renderText(lim),
		limitText: lim,
		ofiq: null,
		text: text(status === 'pass' ? 'eyes-occluded.pass' : 'eyes-occluded.problem', {
			contrast: fmtNum(Math.min(eyes[0].m.contrast!, eyes[1].m.contrast!), 2),
			measured: fmtNum(v, 2),
			limit: '1',
			eye: both ? 'both' : worst.name,
			cue: worst.dark ? 'dark' : 'flat'
		}),
		fixText: text('eyes-occluded.fix'),
		region: status === 'pass' || both ? eyesBox : worst.m.box
	});
}

function otherPersonCheck(input: QualityInput, faceBox: Box): QualityCheck {
	const f = secondFace(input.faces);
	const mainFace = input.faces.length > 0 ? [...input.faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0].box : faceBox;
	const blob = input.mask ? secondPersonBlob(input.mask, mainFace) : { ratio: 0, box: null };
	const ofiq = L.ofiqSingleFace(f.ratio);
	const lim = text('limit.one-face');
	if (f.count > 1) {
		return check('other-person', {
			status: 'fail',
			value: round(f.ratio, 4),
			unit: 'ratio',
			limit: renderText(lim),
			limitText: lim,
			ofiq,
			text: text('other-person.faces', { count: f.count, measured: fmtPct(f.ratio) }),
			fixText: text('other-person.fix'),
			region: f.box
		});
	}
	const status: QualityStatus = blob.ratio >= L.OTHER_BLOB_FAIL ? 'fail' : blob.ratio >= L.OTHER_BLOB_WARN ? 'warn' : 'pass';
	return check('other-person', {
		status,
		value: round(blob.ratio, 4),
		unit: 'ratio',
		limit: renderText(lim),
		limitText: lim,
		ofiq,
		text: text(status === 'pass' ? (input.mask ? 'other-person.pass' : 'other-person.pass-no-mask') : 'other-person.part', { measured: fmtPct(blob.ratio) }),
		fixText: text('other-person.fix-part'),
		region: status === 'pass' ? null : blob.box
	});
}

function hasValidLandmarks(lm: FaceLandmarks | null | undefined): lm is FaceLandmarks {
	if (!lm || !lm.points || lm.points.length < 478 * 3) return false;
	for (let i = 0; i < 478 * 3; i++) if (!Number.isFinite(lm.points[i])) return false;
	return true;
}

/**
 * Measures and decides the face checks, in FACE_CHECK_IDS order: yaw, pitch, roll (deg), gaze, eyes-open,
 * mouth-closed, expression (ratios; gaze in degrees), eyes-occluded (score, 1 = limit) and other-person (ratio of the second face's or person blob's area
 * to the main one). Regions are `input.image` px. Never throws: without 478 finite landmarks every check but
 * other-person is 'unknown'.
 */
export const measureFace: QualityModule = (input: QualityInput, rules: QualityRules): QualityCheck[] => {
	const { width, height } = input.image;
	if (!hasValidLandmarks(input.landmarks)) {
		const why = text('common.no-landmarks');
		const faceBox = input.faces[0]?.box ?? null;
		return [
			unknown('yaw', 'deg', maxDeg(rules.maxYawDeg ?? L.DEFAULT_MAX_YAW_DEG), why),
			unknown('pitch', 'deg', maxDeg(rules.maxPitchDeg ?? L.DEFAULT_MAX_PITCH_DEG), why),
			unknown('roll', 'deg', maxDeg(rules.maxRollDeg ?? L.DEFAULT_MAX_ROLL_DEG), why),
			unknown('gaze', 'deg', maxDeg(L.GAZE_WARN_DEG), why),
			unknown('eyes-open', 'ratio', ratioOfT('min', L.EYES_OPEN_WARN), why),
			unknown('mouth-closed', 'ratio', ratioOfT('max', L.MOUTH_OPEN_WARN), why),
			unknown('expression', 'ratio', ratioOfT('max', L.SMILE_WARN), why),
			unknown('eyes-occluded', 'score', text('limit.visibility', { limit: '1' }), why),
			otherPersonCheck(input, faceBox ?? { x: 0, y: 0, width, height })
		];
	}
	const lm = input.landmarks;
	const pose = estimateHeadPose(lm);
	const face = toFaceFrame(lm, pose);
	const faceBox = landmarkBox(lm, FACE_OVAL, 0, width, height);
	const eyesBox = landmarkBox(lm, [...RIGHT_EYE.contour, ...LEFT_EYE.contour], 0.08, width, height);
	const mouthBox = landmarkBox(lm, OUTER_LIPS, 0.1, width, height);
	return [
		...poseChecks(pose, rules, faceBox),
		gazeCheck(face, pose, eyesBox),
		eyesOpenCheck(face, eyesBox),
		...mouthChecks(face, mouthBox),
		occlusionCheck(input, face, eyesBox),
		otherPersonCheck(input, faceBox)
	];
};

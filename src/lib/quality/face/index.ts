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
import type { QualityCheck, QualityId, QualityInput, QualityModule, QualityRules, QualityStatus } from '../types';
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

type Decided = Omit<QualityCheck, 'id' | 'group' | 'severity'>;

function check(id: FaceCheckId, c: Decided): QualityCheck {
	return { id, group: 'face', severity: FACE_SEVERITY[id], ...c, fix: c.status === 'pass' ? null : c.fix };
}

function unknown(id: FaceCheckId, unit: string, limit: string | null, why: string, region: Box | null = null): QualityCheck {
	return check(id, { status: 'unknown', value: null, unit, limit, ofiq: null, message: why, fix: null, region });
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

function poseChecks(pose: HeadPose, rules: QualityRules, faceBox: Box): QualityCheck[] {
	const yawMax = rules.maxYawDeg ?? L.DEFAULT_MAX_YAW_DEG;
	const pitchMax = rules.maxPitchDeg ?? L.DEFAULT_MAX_PITCH_DEG;
	const rollMax = rules.maxRollDeg ?? L.DEFAULT_MAX_ROLL_DEG;
	const deg = (v: number) => `${Math.abs(round(v, 1))}°`;
	const yaw = pose.yawDeg;
	const yawStatus = band(Math.abs(yaw), yawMax, L.POSE_WARN_MARGIN_DEG.yaw);
	const pitch = pose.pitchDeg;
	const pitchStatus = band(Math.abs(pitch), pitchMax + L.PITCH_VIEW_UNCERTAINTY_DEG, L.POSE_WARN_MARGIN_DEG.pitch);
	const roll = pose.rollDeg;
	const rollStatus = band(Math.abs(roll), rollMax, L.POSE_WARN_MARGIN_DEG.roll);
	return [
		check('yaw', {
			status: yawStatus,
			value: round(yaw, 2),
			unit: 'deg',
			limit: `<= ${yawMax} deg`,
			ofiq: L.ofiqPose(yaw),
			message:
				yawStatus === 'pass'
					? `The head faces the camera (turned ${deg(yaw)}, at most ${yawMax}° allowed).`
					: `The head is turned ${deg(yaw)} to your ${yaw > 0 ? 'left' : 'right'}; at most ${yawMax}° is allowed.`,
			fix: `Turn your head slightly to your ${yaw > 0 ? 'right' : 'left'} so that you face the camera.`,
			region: faceBox
		}),
		check('pitch', {
			status: pitchStatus,
			value: round(pitch, 2),
			unit: 'deg',
			limit: `<= ${pitchMax} deg (± ${L.PITCH_VIEW_UNCERTAINTY_DEG} deg measurement uncertainty)`,
			ofiq: L.ofiqPose(pitch),
			message:
				pitchStatus === 'pass'
					? `The head is level (measured ${deg(pitch)} up or down, at most ${pitchMax}° allowed; one photo cannot tell pitch closer than about ${L.PITCH_VIEW_UNCERTAINTY_DEG}°).`
					: pitchStatus === 'warn'
						? `The chin may be ${pitch > 0 ? 'raised' : 'lowered'}: measured ${deg(pitch)}, at most ${pitchMax}° is allowed (face proportions alone can read as up to ${L.PITCH_VIEW_UNCERTAINTY_DEG}° more).`
						: `The chin is ${pitch > 0 ? 'raised' : 'lowered'} by about ${deg(pitch)}; at most ${pitchMax}° is allowed.`,
			fix: pitch > 0 ? 'Lower your chin slightly.' : 'Lift your chin slightly.',
			region: faceBox
		}),
		check('roll', {
			status: rollStatus,
			value: round(roll, 2),
			unit: 'deg',
			limit: `<= ${rollMax} deg`,
			ofiq: L.ofiqPose(roll),
			message:
				rollStatus === 'pass'
					? `The head is upright (tilted ${deg(roll)} sideways, at most ${rollMax}° allowed).`
					: `The head leans ${deg(roll)} towards your ${roll > 0 ? 'left' : 'right'} shoulder; at most ${rollMax}° is allowed.`,
			fix: `Straighten your head: it leans towards your ${roll > 0 ? 'left' : 'right'} shoulder.`,
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
	const side = gaze > 0 ? 'your left' : 'your right';
	const eyesPart = Math.abs(eyeTurn) >= 3 ? `, the eyes turned ${round(Math.abs(eyeTurn), 1)}° to ${eyeTurn > 0 ? 'your left' : 'your right'} in the head` : '';
	const message =
		status === 'pass'
			? `The eyes look at the camera (${round(a, 1)}° off; at most ${L.GAZE_WARN_DEG}° allowed).`
			: hStatus !== 'pass'
				? `The eyes look ${round(a, 1)}° to ${side} of the camera${eyesPart}; at most ${L.GAZE_WARN_DEG}° is allowed.`
				: `The eyes look ${dv > 0 ? 'up' : 'down'} rather than at the camera (irises ${round(Math.abs(dv), 3)} eye widths ${dv > 0 ? 'above' : 'below'} their usual height).`;
	return check('gaze', {
		status,
		value: round(gaze, 2),
		unit: 'deg',
		limit: `<= ${L.GAZE_WARN_DEG} deg`,
		ofiq: null,
		message,
		fix: 'Look straight into the camera lens.',
		region: eyesBox
	});
}

function eyesOpenCheck(face: Float64Array, eyesBox: Box): QualityCheck {
	const { right, left } = eyelidOpening(face);
	const v = Math.min(right, left);
	const status: QualityStatus = v < L.EYES_OPEN_FAIL ? 'fail' : v < L.EYES_OPEN_WARN ? 'warn' : 'pass';
	const which = Math.abs(right - left) > 0.01 ? (right < left ? 'your right eye' : 'your left eye') : 'the eyes';
	return check('eyes-open', {
		status,
		value: round(v, 4),
		unit: 'ratio',
		limit: `>= ${L.EYES_OPEN_WARN} of eye-to-chin`,
		ofiq: L.ofiqEyesOpen(v),
		message:
			status === 'pass'
				? `Both eyes are open (eyelid opening ${round(v, 3)} of the eye-to-chin distance).`
				: `${which[0].toUpperCase()}${which.slice(1)} ${which === 'the eyes' ? 'are' : 'is'} ${status === 'fail' ? 'closed or nearly closed' : 'half closed'} (eyelid opening ${round(v, 3)} of the eye-to-chin distance; at least ${L.EYES_OPEN_WARN}).`,
		fix: 'Open your eyes fully and look at the camera.',
		region: eyesBox
	});
}

function mouthChecks(face: Float64Array, mouthBox: Box): QualityCheck[] {
	const sep = lipSeparation(face);
	const { cornerLift, widthToEyes } = mouthShape(face);
	const mouthStatus: QualityStatus = sep > L.MOUTH_OPEN_FAIL ? 'fail' : sep > L.MOUTH_OPEN_WARN ? 'warn' : 'pass';
	const openSmile = cornerLift > L.SMILE_OPEN_LIFT && sep > L.MOUTH_OPEN_FAIL;
	const smileStatus: QualityStatus = cornerLift > L.SMILE_FAIL || openSmile ? 'fail' : cornerLift > L.SMILE_WARN ? 'warn' : 'pass';
	return [
		check('mouth-closed', {
			status: mouthStatus,
			value: round(sep, 4),
			unit: 'ratio',
			limit: `<= ${L.MOUTH_OPEN_WARN} of eye-to-chin`,
			ofiq: L.ofiqMouthClosed(sep),
			message:
				mouthStatus === 'pass'
					? `The mouth is closed (lip gap ${round(sep, 3)} of the eye-to-chin distance).`
					: `The mouth is ${mouthStatus === 'fail' ? 'open' : 'slightly open'} (lip gap ${round(sep, 3)} of the eye-to-chin distance; at most ${L.MOUTH_OPEN_WARN}).`,
			fix: 'Close your mouth: lips together and relaxed.',
			region: mouthBox
		}),
		check('expression', {
			status: smileStatus,
			value: round(cornerLift, 4),
			unit: 'ratio',
			limit: `<= ${L.SMILE_WARN} of eye-to-chin`,
			ofiq: null,
			message:
				smileStatus === 'pass'
					? `The expression is neutral (mouth corners ${round(cornerLift, 3)} of the eye-to-chin distance above the lip line).`
					: `${smileStatus === 'fail' ? 'A smile' : 'A slight smile'}: the mouth corners are raised by ${round(cornerLift, 3)} of the eye-to-chin distance (at most ${L.SMILE_WARN})${openSmile ? ' and the lips are apart' : ''}; mouth width ${round(widthToEyes, 2)} × the eye distance.`,
			fix: 'Keep a neutral expression: relax your mouth, no smile.',
			region: mouthBox
		})
	];
}

function occlusionCheck(input: QualityInput, face: Float64Array, eyesBox: Box): QualityCheck {
	const limit = '>= 1 (visibility score)';
	const { right: openR, left: openL } = eyelidOpening(face);
	if (Math.min(openR, openL) < L.EYES_OPEN_FAIL)
		return unknown('eyes-occluded', 'score', limit, 'Could not check whether the eyes are covered: they look closed.', eyesBox);
	const eyes = [
		{ name: 'right', m: measureEyeVisibility(input.image, input.landmarks, RIGHT_EYE, RIGHT_CHEEK) },
		{ name: 'left', m: measureEyeVisibility(input.image, input.landmarks, LEFT_EYE, LEFT_CHEEK) }
	];
	if (eyes.some((e) => e.m.contrast === null || e.m.brightness === null))
		return unknown('eyes-occluded', 'score', limit, 'Could not check whether the eyes are covered: the eyes are too small in this photo.', eyesBox);
	const scored = eyes.map((e) => {
		const c = e.m.contrast! / L.EYE_CONTRAST_WARN;
		const b = e.m.brightness! / L.SCLERA_BRIGHTNESS_WARN;
		return { ...e, score: Math.min(c, b), dark: b < c };
	});
	const worst = scored[0].score <= scored[1].score ? scored[0] : scored[1];
	const v = worst.score;
	const status: QualityStatus = v < L.EYE_VISIBILITY_FAIL ? 'fail' : v < 1 ? 'warn' : 'pass';
	const both = Math.max(scored[0].score, scored[1].score) < 1;
	const why = worst.dark ? 'little of the white of the eye shows' : 'the iris does not stand out from the white of the eye';
	return check('eyes-occluded', {
		status,
		value: round(v, 3),
		unit: 'score',
		limit,
		ofiq: null,
		message:
			status === 'pass'
				? `Both eyes are clearly visible (iris against the white of the eye: contrast ${round(Math.min(eyes[0].m.contrast!, eyes[1].m.contrast!), 2)}).`
				: `${both ? 'Both eyes look' : `Your ${worst.name} eye looks`} covered by hair or something else: ${why} (visibility ${round(v, 2)}, at least 1).`,
		fix: 'Move hair or anything else away from your eyes.',
		region: status === 'pass' || both ? eyesBox : worst.m.box
	});
}

function otherPersonCheck(input: QualityInput, faceBox: Box): QualityCheck {
	const f = secondFace(input.faces);
	const mainFace = input.faces.length > 0 ? [...input.faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height)[0].box : faceBox;
	const blob = input.mask ? secondPersonBlob(input.mask, mainFace) : { ratio: 0, box: null };
	const ofiq = L.ofiqSingleFace(f.ratio);
	if (f.count > 1) {
		return check('other-person', {
			status: 'fail',
			value: round(f.ratio, 4),
			unit: 'ratio',
			limit: 'one face only',
			ofiq,
			message: `${f.count} faces are in the photo (the second is ${round(f.ratio * 100, 1)} % the size of yours); an ID photo must show only you.`,
			fix: 'Make sure nobody else is in the photo.',
			region: f.box
		});
	}
	const status: QualityStatus = blob.ratio >= L.OTHER_BLOB_FAIL ? 'fail' : blob.ratio >= L.OTHER_BLOB_WARN ? 'warn' : 'pass';
	return check('other-person', {
		status,
		value: round(blob.ratio, 4),
		unit: 'ratio',
		limit: 'one face only',
		ofiq,
		message:
			status === 'pass'
				? input.mask
					? 'Only one person is in the photo.'
					: 'Only one face is in the photo (no person mask to look for other people).'
				: `Part of another person seems to be in the photo (a separate person area ${round(blob.ratio * 100, 1)} % the size of yours).`,
		fix: 'Make sure nobody else, not even a shoulder or an arm, is in the photo.',
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
		const why = 'Could not measure: no face landmarks.';
		const faceBox = input.faces[0]?.box ?? null;
		return [
			unknown('yaw', 'deg', `<= ${rules.maxYawDeg ?? L.DEFAULT_MAX_YAW_DEG} deg`, why),
			unknown('pitch', 'deg', `<= ${rules.maxPitchDeg ?? L.DEFAULT_MAX_PITCH_DEG} deg`, why),
			unknown('roll', 'deg', `<= ${rules.maxRollDeg ?? L.DEFAULT_MAX_ROLL_DEG} deg`, why),
			unknown('gaze', 'deg', `<= ${L.GAZE_WARN_DEG} deg`, why),
			unknown('eyes-open', 'ratio', `>= ${L.EYES_OPEN_WARN} of eye-to-chin`, why),
			unknown('mouth-closed', 'ratio', `<= ${L.MOUTH_OPEN_WARN} of eye-to-chin`, why),
			unknown('expression', 'ratio', `<= ${L.SMILE_WARN} of eye-to-chin`, why),
			unknown('eyes-occluded', 'score', '>= 1 (visibility score)', why),
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

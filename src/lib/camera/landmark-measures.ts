/**
 * Live-guidance measures from the 478 MediaPipe face-mesh landmarks (src/lib/types.ts FaceLandmarks, source px,
 * z = relative depth in the same scale as x, smaller = nearer the camera). Pure functions, no browser APIs.
 *
 * Landmark indices: MediaPipe face mesh topology (mediapipe/python/solutions/face_mesh_connections.py FACEMESH_*,
 * canonical_face_model.obj); "right" = the subject's right (image left in a non-mirrored photo).
 */
import type { FaceLandmarks, Point } from '../types';
import { LM_CHIN, LM_FOREHEAD_TOP, LM_LEFT_EYE_INNER, LM_LEFT_EYE_OUTER, LM_RIGHT_EYE_INNER, LM_RIGHT_EYE_OUTER } from '../pipeline/geometry/landmarks';

/** Eyelid pairs (upper, lower) of the subject's right eye: FACEMESH_RIGHT_EYE contour, 3 vertical pairs as OFIQ uses. */
export const RIGHT_EYELID_PAIRS: readonly (readonly [number, number])[] = [
	[160, 144],
	[159, 145],
	[158, 153]
];
/** Eyelid pairs (upper, lower) of the subject's left eye (FACEMESH_LEFT_EYE). */
export const LEFT_EYELID_PAIRS: readonly (readonly [number, number])[] = [
	[385, 380],
	[386, 374],
	[387, 373]
];
/** Inner-lip pairs (upper, lower), FACEMESH_LIPS inner contour: centre 13/14 and either side. */
export const INNER_LIP_PAIRS: readonly (readonly [number, number])[] = [
	[82, 87],
	[13, 14],
	[312, 317]
];
/** Iris centre landmarks (refined mesh): 468 subject's right, 473 subject's left. */
export const RIGHT_IRIS = 468;
export const LEFT_IRIS = 473;
/** Upper / lower eyelid midpoints used as the vertical reference of the iris (159/145 right, 386/374 left). */
const RIGHT_LID = [159, 145] as const;
const LEFT_LID = [386, 374] as const;

/**
 * Baseline of the raw forehead(10)-to-chin(152) depth slope on frontal, level portraits (the mesh reads the chin a little
 * farther than the forehead top, so a level head does not read 0): the mean of -11.2, -12.4, -15.7, -15.8, -12.0 and -3.5 measured by this project on
 * the six frontal portraits of /work/shared/testdata/portraits (astronaut, bun-uniform, child-room, longhair-blazer, longhair-street, obama-official) at 640 px;
 * degrees, subtracted from the raw slope. APPROXIMATE.
 */
export const PITCH_BASELINE_DEG = -11.8;

/** What the guidance needs from one set of landmarks. Distances are px of the image the landmarks are in. */
export interface LandmarkMeasures {
	/** Eye centre = midpoint of the iris centres, px. */
	eyeCentre: Point;
	/** Distance between the iris centres, px. */
	interEyePx: number;
	/** Eye-line roll, degrees, atan2(left.y - right.y, left.x - right.x); + = the subject's left eye lower on screen. */
	rollDeg: number;
	/**
	 * Yaw, degrees, from the depth of the outer eye corners (33, 263): atan2(z33 - z263, x263 - x33).
	 * + = the head is turned toward the subject's right (their left eye nearer the camera).
	 */
	yawDeg: number;
	/**
	 * Pitch, degrees, from the depth slope forehead top (10) → chin (152) along the levelled vertical, minus
	 * PITCH_BASELINE_DEG. + = chin raised (the chin nearer the camera than on a level head).
	 */
	pitchDeg: number;
	/** T = eye centre to chin (152) along the levelled vertical, px (OFIQ's normaliser for eyes and mouth). */
	eyeToChinPx: number;
	/** OFIQ EyesOpen native value: min over both eyes of the max eyelid-pair distance, / T. */
	eyesOpenRatio: number;
	/** OFIQ MouthClosed native value: max inner-lip pair distance / T. */
	mouthOpenRatio: number;
	/**
	 * Gaze offset: mean over both eyes of the iris centre's offset from the middle of the eye corners, levelled
	 * frame, as a fraction of that eye's corner-to-corner width; x + = toward the image right, y + = down.
	 */
	gaze: Point;
}

function lm(l: FaceLandmarks, i: number): { x: number; y: number; z: number } {
	const p = l.points;
	if (i * 3 + 2 >= p.length) throw new RangeError(`landmark ${i} not present (${p.length / 3} points)`);
	return { x: p[i * 3], y: p[i * 3 + 1], z: p[i * 3 + 2] };
}

const deg = (rad: number) => (rad * 180) / Math.PI;

/**
 * Measures pose, eyes, mouth and gaze on one face.
 * @param l 478 landmarks (iris refinement required), px.
 * @throws RangeError with fewer than 478 points or coincident iris centres.
 */
export function measureLandmarks(l: FaceLandmarks): LandmarkMeasures {
	if (l.points.length < 478 * 3) throw new RangeError(`measureLandmarks: need 478 landmarks, got ${l.points.length / 3}`);
	const r = l.irisCenters.right;
	const le = l.irisCenters.left;
	const dx = le.x - r.x;
	const dy = le.y - r.y;
	const ied = Math.hypot(dx, dy);
	if (!(ied > 1e-6)) throw new RangeError('measureLandmarks: iris centres coincide');
	const rollRad = Math.atan2(dy, dx);
	const cos = Math.cos(rollRad);
	const sin = Math.sin(rollRad);
	const eyeCentre = { x: (r.x + le.x) / 2, y: (r.y + le.y) / 2 };
	// Levelled frame: rotate by -roll about the eye centre; u along the eye line, v down the face.
	const lev = (p: { x: number; y: number }) => {
		const ax = p.x - eyeCentre.x;
		const ay = p.y - eyeCentre.y;
		return { u: ax * cos + ay * sin, v: -ax * sin + ay * cos };
	};
	const dist = (a: number, b: number) => {
		const pa = lm(l, a);
		const pb = lm(l, b);
		return Math.hypot(pa.x - pb.x, pa.y - pb.y);
	};

	const chin = lm(l, LM_CHIN);
	const T = lev(chin).v;
	const forehead = lm(l, LM_FOREHEAD_TOP);
	const vSpan = T - lev(forehead).v;
	const pitchDeg = deg(Math.atan2(forehead.z - chin.z, Math.max(1e-6, vSpan))) - PITCH_BASELINE_DEG;

	const ro = lm(l, LM_RIGHT_EYE_OUTER);
	const lo = lm(l, LM_LEFT_EYE_OUTER);
	const uSpan = lev(lo).u - lev(ro).u;
	const yawDeg = deg(Math.atan2(ro.z - lo.z, Math.max(1e-6, uSpan)));

	const tSafe = Math.max(1e-6, T);
	const eyeOpen = (pairs: readonly (readonly [number, number])[]) => Math.max(...pairs.map(([a, b]) => dist(a, b)));
	const eyesOpenRatio = Math.min(eyeOpen(RIGHT_EYELID_PAIRS), eyeOpen(LEFT_EYELID_PAIRS)) / tSafe;
	const mouthOpenRatio = Math.max(...INNER_LIP_PAIRS.map(([a, b]) => dist(a, b))) / tSafe;

	const eyeGaze = (iris: number, outer: number, inner: number, lid: readonly [number, number]) => {
		const i = lev(lm(l, iris));
		const a = lev(lm(l, outer));
		const b = lev(lm(l, inner));
		const up = lev(lm(l, lid[0]));
		const down = lev(lm(l, lid[1]));
		const w = Math.max(1e-6, Math.abs(b.u - a.u));
		return { x: (i.u - (a.u + b.u) / 2) / w, y: (i.v - (up.v + down.v) / 2) / w };
	};
	const gr = eyeGaze(RIGHT_IRIS, LM_RIGHT_EYE_OUTER, LM_RIGHT_EYE_INNER, RIGHT_LID);
	const gl = eyeGaze(LEFT_IRIS, LM_LEFT_EYE_OUTER, LM_LEFT_EYE_INNER, LEFT_LID);

	return {
		eyeCentre,
		interEyePx: ied,
		rollDeg: deg(rollRad),
		yawDeg,
		pitchDeg,
		eyeToChinPx: T,
		eyesOpenRatio,
		mouthOpenRatio,
		gaze: { x: (gr.x + gl.x) / 2, y: (gr.y + gl.y) / 2 }
	};
}

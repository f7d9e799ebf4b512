/**
 * Head pose (yaw, pitch, roll) from the 478 face-mesh landmarks, by fitting MediaPipe's canonical face model to them.
 *
 * Method (as MediaPipe's face_geometry pipeline, mediapipe/modules/face_geometry/libs/geometry_pipeline.cc, but with
 * the landmarks' weak-perspective z used directly): the landmarks are put into a right-handed camera frame
 * (x right, y UP, z TOWARDS the camera: (x, −y, −z) of the image px and MediaPipe's relative depth, where smaller z is
 * nearer), and the canonical face (canonical/canonical-face.ts) is fitted to them by a weighted least-squares
 * similarity (rigid-fit.ts, Horn's closed form) over MediaPipe's own Procrustes landmark basis (33 points chosen by
 * MediaPipe to follow head motion and not expression) LESS its two mandible points 136 and 365 (on the jaw beside the
 * chin): the lower jaw moves when the mouth opens and its length varies most between faces, and with it the fit read
 * short-chinned faces up to 3.5° more chin-down and roughly doubled the residual (test portraits). The remaining 31
 * points lie on the skull (forehead, temples, eye corners, nose, cheekbones). The fitted rotation R (camera ←
 * canonical face) is decomposed as
 *
 *   R = Ry(yaw) · Rx(−pitch) · Rz(−roll)     (intrinsic y-x'-z'': turn, then nod, then tilt)
 *
 * Sign conventions (for an unmirrored photo; "left/right" = the SUBJECT's):
 * - yaw   > 0: the head is turned to the subject's LEFT (the nose points to the image's right).
 * - pitch > 0: the chin is raised (head tilted back, nose points up).
 * - roll  > 0: the head leans to the subject's LEFT shoulder, i.e. the face turns clockwise on screen; this is the
 *   sign of measureHead's eye-line roll (src/lib/pipeline/geometry/measure-head.ts: atan2(left.y − right.y, ...)).
 */
import type { FaceLandmarks } from '../../types';
import { CANONICAL_FACE, PROCRUSTES_BASIS } from './canonical/canonical-face';
import { fitSimilarity, type Mat3 } from './rigid-fit';

export interface HeadPose {
	/** Degrees, see the module's sign conventions. */
	yawDeg: number;
	pitchDeg: number;
	rollDeg: number;
	/** camera ← canonical rotation, row-major [9] (camera frame: x right, y up, z towards the camera). */
	rotation: Mat3;
	/** image px per canonical cm. */
	scale: number;
	/** Translation of the canonical origin in the camera frame, px. */
	translation: [number, number, number];
	/** Weighted RMS residual of the fit over the basis landmarks, in canonical cm (a fit-quality figure). */
	rmsCm: number;
}

const DEG = 180 / Math.PI;
/** Mandible points of MediaPipe's basis left out of the pose fit (see the module comment). */
export const MANDIBLE_BASIS_IDS: readonly number[] = [136, 365];
const POSE_BASIS = PROCRUSTES_BASIS.filter(([id]) => !MANDIBLE_BASIS_IDS.includes(id));
const BASIS_IDS = POSE_BASIS.map(([id]) => id);
const BASIS_WEIGHTS = Float64Array.from(POSE_BASIS.map(([, w]) => w));
const BASIS_MODEL = Float64Array.from(BASIS_IDS.flatMap((id) => [CANONICAL_FACE[id * 3], CANONICAL_FACE[id * 3 + 1], CANONICAL_FACE[id * 3 + 2]]));

/** Image (x, y, z) → camera frame (x, −y, −z). Involution: the same map converts back. */
export function imageToCamera(points: ArrayLike<number>): Float64Array {
	const out = new Float64Array(points.length);
	for (let i = 0; i < points.length; i += 3) {
		out[i] = points[i];
		out[i + 1] = -points[i + 1];
		out[i + 2] = -points[i + 2];
	}
	return out;
}

/**
 * Rotation (row-major [9], camera frame) for given yaw, pitch, roll in degrees with this module's conventions:
 * Ry(yaw)·Rx(−pitch)·Rz(−roll). `estimateHeadPose` of a face rotated by this matrix returns the same angles.
 */
export function poseRotation(yawDeg: number, pitchDeg: number, rollDeg: number): Mat3 {
	const a = yawDeg / DEG, b = -pitchDeg / DEG, c = -rollDeg / DEG;
	const ca = Math.cos(a), sa = Math.sin(a), cb = Math.cos(b), sb = Math.sin(b), cc = Math.cos(c), sc = Math.sin(c);
	// Ry·Rx = [[ca, sa sb, sa cb], [0, cb, −sb], [−sa, ca sb, ca cb]]; then · Rz
	return Float64Array.of(
		ca * cc + sa * sb * sc, -ca * sc + sa * sb * cc, sa * cb,
		cb * sc, cb * cc, -sb,
		-sa * cc + ca * sb * sc, sa * sc + ca * sb * cc, ca * cb
	);
}

/** Inverse of poseRotation: yaw, pitch, roll (degrees) of a rotation matrix. */
export function rotationToAngles(R: Mat3): { yawDeg: number; pitchDeg: number; rollDeg: number } {
	const b = Math.asin(Math.max(-1, Math.min(1, -R[5])));
	const a = Math.atan2(R[2], R[8]);
	const c = Math.atan2(R[3], R[4]);
	return { yawDeg: a * DEG, pitchDeg: -b * DEG, rollDeg: -c * DEG };
}

/**
 * Estimates the head pose of `landmarks`.
 * @param landmarks 478 (or 468) face-mesh points, image px (z relative depth in px, smaller = nearer).
 * @throws Error when fewer than 468 points are given.
 */
export function estimateHeadPose(landmarks: FaceLandmarks): HeadPose {
	const p = landmarks.points;
	if (p.length < 468 * 3) throw new Error(`estimateHeadPose: need 468 landmarks, got ${p.length / 3}`);
	const target = new Float64Array(BASIS_IDS.length * 3);
	BASIS_IDS.forEach((id, k) => {
		target[k * 3] = p[id * 3];
		target[k * 3 + 1] = -p[id * 3 + 1];
		target[k * 3 + 2] = -p[id * 3 + 2];
	});
	const fit = fitSimilarity(BASIS_MODEL, target, BASIS_WEIGHTS);
	return { ...rotationToAngles(fit.rotation), rotation: fit.rotation, scale: fit.scale, translation: fit.translation, rmsCm: fit.rms / fit.scale };
}

/**
 * All landmarks mapped into the canonical face frame (cm; x to the subject's left, y up, z towards the camera), i.e.
 * the face seen frontally and upright at the canonical size: Rᵀ·(camera − t)/s. Expression measures use this frame so
 * that they do not depend on pose or image scale.
 * @returns Float64Array [n*3]
 */
export function toFaceFrame(landmarks: FaceLandmarks, pose: HeadPose): Float64Array {
	const cam = imageToCamera(landmarks.points);
	const R = pose.rotation;
	const [tx, ty, tz] = pose.translation;
	const out = new Float64Array(cam.length);
	for (let i = 0; i < cam.length; i += 3) {
		const x = (cam[i] - tx) / pose.scale, y = (cam[i + 1] - ty) / pose.scale, z = (cam[i + 2] - tz) / pose.scale;
		out[i] = R[0] * x + R[3] * y + R[6] * z;
		out[i + 1] = R[1] * x + R[4] * y + R[7] * z;
		out[i + 2] = R[2] * x + R[5] * y + R[8] * z;
	}
	return out;
}

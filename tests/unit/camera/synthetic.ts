/** Synthetic faces for the camera guidance tests: BlazeFace-like detections and landmark measures. */
import type { FaceDetection } from '../../../src/lib/types';
import type { FrameObservation } from '../../../src/lib/camera/guidance';
import type { LandmarkMeasures } from '../../../src/lib/camera/landmark-measures';

/**
 * A detection with the eye centre at (x, y), inter-eye distance `ied` px and roll `rollDeg` (+ = the subject's left
 * eye, image right, lower). Nose 0.6 ied and mouth 1.1 ied below the eyes (levelled); box 2 ied wide.
 */
export function face(x: number, y: number, ied: number, rollDeg = 0, score = 0.95): FaceDetection {
	const a = (rollDeg * Math.PI) / 180;
	const c = Math.cos(a);
	const s = Math.sin(a);
	const at = (u: number, v: number) => ({ x: x + u * c - v * s, y: y + u * s + v * c });
	return {
		box: { x: x - ied, y: y - 0.6 * ied, width: 2 * ied, height: 2.2 * ied },
		score,
		keypoints: [at(-ied / 2, 0), at(ied / 2, 0), at(0, 0.6 * ied), at(0, 1.1 * ied), at(-ied, 0.2 * ied), at(ied, 0.2 * ied)]
	};
}

/** Landmark measures of a compliant face (values like the frontal portraits of the test set). */
export function goodLandmarks(over: Partial<LandmarkMeasures> = {}): LandmarkMeasures {
	return {
		eyeCentre: { x: 320, y: 231 },
		interEyePx: 88,
		rollDeg: 0,
		yawDeg: 1,
		pitchDeg: -2,
		eyeToChinPx: 154,
		eyesOpenRatio: 0.09,
		mouthOpenRatio: 0.01,
		gaze: { x: -0.02, y: 0 },
		...over
	};
}

/** An observation of one good face at (x, y) with `ied`, good light and a plain background; `over` replaces fields. */
export function observation(faces: FaceDetection[], over: Partial<FrameObservation> = {}): FrameObservation {
	return {
		width: 640,
		height: 480,
		faces,
		landmarks: goodLandmarks(),
		eyeToChinPerIed: 1.75,
		light: { faceLuma: 0.6, clippedFraction: 0.01, rightCheekLuma: 0.7, leftCheekLuma: 0.68 },
		background: { edgeDensity: 0.02, pixels: 4000 },
		...over
	};
}

import type { FaceDetection } from '../../types';

/** A rotated rectangle in source px: centre, size, rotation θ (radians; x axis along (cos θ, sin θ), y down). */
export interface RotatedRect {
	cx: number;
	cy: number;
	width: number;
	height: number;
	rotation: number;
}

/** Wraps an angle into [-π, π) (MediaPipe NormalizeRadians). */
export function normalizeRadians(angle: number): number {
	return angle - 2 * Math.PI * Math.floor((angle + Math.PI) / (2 * Math.PI));
}

/**
 * Face ROI for the landmark model from a face detection, as MediaPipe's
 * face_detection_front_detection_to_roi.pbtxt computes it:
 * DetectionsToRectsCalculator (box centre; rotation from keypoint 0 to keypoint 1, i.e. from the
 * subject's right eye to the subject's left eye, target angle 0°:
 * θ = normalize(0 − atan2(−(y1 − y0), x1 − x0)), in px), then RectTransformationCalculator
 * (`square_long: true`: side = longer box side; `scale_x = scale_y = 1.5`; no shift).
 * @param face detection in source px, keypoints in MediaPipe order
 * @throws Error when the detection has fewer than 2 keypoints.
 */
export function detectionToRoi(face: FaceDetection): RotatedRect {
	if (face.keypoints.length < 2) throw new Error('detectionToRoi: need the two eye keypoints');
	const [r, l] = face.keypoints;
	const rotation = normalizeRadians(0 - Math.atan2(-(l.y - r.y), l.x - r.x));
	const side = Math.max(face.box.width, face.box.height) * 1.5;
	return {
		cx: face.box.x + face.box.width / 2,
		cy: face.box.y + face.box.height / 2,
		width: side,
		height: side,
		rotation
	};
}

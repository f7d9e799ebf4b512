import type { FaceDetection, FaceLandmarks, RgbaImage } from '../types';
import { throwIfAborted } from './abort';
import { sigmoid } from './blazeface/decode';
import { warpToTensor } from './image/warp';
import { scratch } from '../memory/scratch';
import { runOnScratchInput } from './run-input';
import { LEFT_IRIS_CENTER, RIGHT_IRIS_CENTER, refineAttentionLandmarks, type AttentionOutputs } from './landmarks/refine';
import { detectionToRoi, type RotatedRect } from './landmarks/roi';
import { type Affine, rotatedRectToSource } from './math/affine';
import type { FloatTensor, SessionManager } from './sessions';
import { traced } from './trace';

/** Input side of face_landmark_with_attention (model card / TFLite tensor 1x192x192x3). */
export const LANDMARK_INPUT_SIZE = 192;

/**
 * Maps landmarks from model-input px to source px through the ROI transform, as MediaPipe's
 * LandmarkProjectionCalculator does: (x, y) through `toSource`; z (model px, TensorsToLandmarks
 * normalises it by the input width) scaled by the same factor as x (ROI width / 192).
 * @param pts Float32Array [n*3] model px, modified in place and returned
 */
export function projectLandmarks(pts: Float32Array, toSource: Affine, zScale: number): Float32Array {
	const [a, b, c, d, e, f] = toSource;
	for (let i = 0; i < pts.length; i += 3) {
		const x = pts[i];
		const y = pts[i + 1];
		pts[i] = a * x + b * y + c;
		pts[i + 1] = d * x + e * y + f;
		pts[i + 2] *= zScale;
	}
	return pts;
}

/**
 * Sorts the attention model's outputs by size and name: 1404 mesh, 160 lips, 142 eyes, 10 irises,
 * 1 face flag. Among the two eye (iris) outputs the one whose name says "left" is MediaPipe's
 * "left" (image left); without such names, graph order (left first, as in the TFLite model) is used.
 * @throws Error when an output is missing.
 */
export function pickAttentionOutputs(out: Record<string, FloatTensor>): AttentionOutputs & { faceFlag: number } {
	const bySize = (n: number) => Object.entries(out).filter(([, t]) => t.data.length === n);
	const leftFirst = (list: [string, FloatTensor][]): [Float32Array, Float32Array] => {
		if (list.length !== 2) throw new Error(`attention model: expected 2 outputs of that size, got ${list.length}`);
		const l = list.findIndex(([n]) => /left/i.test(n));
		const r = list.findIndex(([n]) => /right/i.test(n));
		if (l >= 0 && r >= 0 && l !== r) return [list[l][1].data, list[r][1].data];
		return [list[0][1].data, list[1][1].data];
	};
	const one = (n: number, what: string) => {
		const list = bySize(n);
		if (list.length !== 1) throw new Error(`attention model: expected one ${what} output (${n} values), got ${list.length}`);
		return list[0][1].data;
	};
	const [imageLeftEye, imageRightEye] = leftFirst(bySize(142));
	const [imageLeftIris, imageRightIris] = leftFirst(bySize(10));
	return {
		mesh: one(1404, 'mesh'),
		lips: one(160, 'lips'),
		imageLeftEye,
		imageRightEye,
		imageLeftIris,
		imageRightIris,
		faceFlag: one(1, 'face flag')[0]
	};
}

/**
 * 478 face-mesh landmarks of `face` in source px (MediaPipe face_landmark_front graph):
 * ROI from the detection (`detectionToRoi`: box centre, rotation from the eye keypoints, square of
 * 1.5 × the longer box side), rotated bilinear crop to 192x192 RGB in [0,1] (BORDER_REPLICATE, as the
 * landmark graph's ImageToTensorCalculator), face_landmark_with_attention, refinement to 478 points,
 * projection back through the inverse crop.
 *
 * `irisCenters.right` is landmark 468 = the subject's right eye (on the image's left in a
 * non-mirrored photo); `irisCenters.left` is landmark 473. `faceFlag` = sigmoid(model's face-flag
 * logit) (the TFLite graph outputs a logit; MediaPipe applies TensorsToFloatsCalculator SIGMOID).
 *
 * @throws DOMException "AbortError" when `signal` aborts before the model runs.
 */
export async function faceLandmarks(
	sessions: SessionManager,
	image: RgbaImage,
	face: FaceDetection,
	signal?: AbortSignal
): Promise<FaceLandmarks & { roi: RotatedRect }> {
	throwIfAborted(signal);
	const roi = detectionToRoi(face);
	const s = LANDMARK_INPUT_SIZE;
	const toSource = rotatedRectToSource(roi.cx, roi.cy, roi.width, roi.height, roi.rotation, s, s);
	// the model input is scratch memory (memory/scratch.ts), given back by runOnScratchInput
	const input = traced('landmarks.prep', () => warpToTensor(image, toSource, s, s, { range: [0, 1], border: 'replicate', out: scratch.f32(s * s * 3) }));
	const model = 'face_landmark_with_attention' as const;
	const out = await runOnScratchInput(sessions, model, input, [1, s, s, 3], 'landmarks.run', signal);
	const picked = pickAttentionOutputs(out);
	const pts = traced('landmarks.post', () => projectLandmarks(refineAttentionLandmarks(picked), toSource, roi.width / s));
	return {
		points: pts,
		irisCenters: {
			right: { x: pts[RIGHT_IRIS_CENTER * 3], y: pts[RIGHT_IRIS_CENTER * 3 + 1] },
			left: { x: pts[LEFT_IRIS_CENTER * 3], y: pts[LEFT_IRIS_CENTER * 3 + 1] }
		},
		faceFlag: sigmoid(picked.faceFlag),
		roi
	};
}

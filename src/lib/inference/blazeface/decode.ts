import type { Anchor } from './anchors';

/** A detection in normalised model-input coordinates (0..1 of the 128 or 192 px tensor). */
export interface RawDetection {
	xMin: number;
	yMin: number;
	width: number;
	height: number;
	/** Sigmoid score in [0,1]. */
	score: number;
	/** Keypoints as [x0, y0, x1, y1, ...], normalised like the box. */
	keypoints: number[];
}

/** The subset of MediaPipe's `TensorsToDetectionsCalculatorOptions` BlazeFace uses. */
export interface DecodeOptions {
	numCoords: number;
	boxCoordOffset: number;
	keypointCoordOffset: number;
	numKeypoints: number;
	numValuesPerKeypoint: number;
	/** Raw logits are clipped to ±this before the sigmoid. */
	scoreClippingThresh: number;
	/** Detections whose sigmoid score is below this are dropped. */
	minScoreThresh: number;
	xScale: number;
	yScale: number;
	wScale: number;
	hScale: number;
}

const COMMON = {
	numCoords: 16,
	boxCoordOffset: 0,
	keypointCoordOffset: 4,
	numKeypoints: 6,
	numValuesPerKeypoint: 2,
	scoreClippingThresh: 100
} as const;

/** Options of face_detection.pbtxt + face_detection_short_range.pbtxt (MediaPipe). */
export const SHORT_RANGE_DECODE: DecodeOptions = { ...COMMON, minScoreThresh: 0.5, xScale: 128, yScale: 128, wScale: 128, hScale: 128 };
/** Options of face_detection.pbtxt + face_detection_full_range.pbtxt (MediaPipe). */
export const FULL_RANGE_DECODE: DecodeOptions = { ...COMMON, minScoreThresh: 0.6, xScale: 192, yScale: 192, wScale: 192, hScale: 192 };

/** Logistic sigmoid. */
export function sigmoid(x: number): number {
	return 1 / (1 + Math.exp(-x));
}

/**
 * Decodes BlazeFace output tensors into detections, as TensorsToDetectionsCalculator does with
 * `reverse_output_order: true` (x before y), `sigmoid_score: true` and `apply_exponential_on_box_size: false`:
 *   xCenter = raw[0] / xScale * anchor.w + anchor.xCenter, w = raw[2] / wScale * anchor.w, etc.,
 *   keypoint k = (raw[4+2k] / xScale * anchor.w + anchor.xCenter, raw[5+2k] / yScale * anchor.h + anchor.yCenter).
 * @param regressors Float32Array [1, numBoxes, numCoords]
 * @param classificators Float32Array [1, numBoxes, 1], logits
 * @param anchors numBoxes anchors from `generateAnchors`
 * @returns detections with score ≥ minScoreThresh, in anchor order (not sorted)
 * @throws Error when tensor sizes do not match the anchors.
 */
export function decodeDetections(
	regressors: Float32Array,
	classificators: Float32Array,
	anchors: Anchor[],
	o: DecodeOptions
): RawDetection[] {
	const n = anchors.length;
	if (regressors.length !== n * o.numCoords) {
		throw new Error(`decodeDetections: regressors has ${regressors.length} values, expected ${n * o.numCoords}`);
	}
	if (classificators.length !== n) {
		throw new Error(`decodeDetections: classificators has ${classificators.length} values, expected ${n}`);
	}
	const out: RawDetection[] = [];
	for (let i = 0; i < n; i++) {
		let logit = classificators[i];
		logit = Math.max(-o.scoreClippingThresh, Math.min(o.scoreClippingThresh, logit));
		const score = sigmoid(logit);
		if (!(score >= o.minScoreThresh)) continue;
		const a = anchors[i];
		const base = i * o.numCoords;
		const b = base + o.boxCoordOffset;
		const xc = (regressors[b] / o.xScale) * a.width + a.xCenter;
		const yc = (regressors[b + 1] / o.yScale) * a.height + a.yCenter;
		const w = (regressors[b + 2] / o.wScale) * a.width;
		const h = (regressors[b + 3] / o.hScale) * a.height;
		const keypoints: number[] = [];
		for (let k = 0; k < o.numKeypoints; k++) {
			const kb = base + o.keypointCoordOffset + k * o.numValuesPerKeypoint;
			keypoints.push((regressors[kb] / o.xScale) * a.width + a.xCenter, (regressors[kb + 1] / o.yScale) * a.height + a.yCenter);
		}
		out.push({ xMin: xc - w / 2, yMin: yc - h / 2, width: w, height: h, score, keypoints });
	}
	return out;
}

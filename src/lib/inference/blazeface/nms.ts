/** Any detection with an axis-aligned box, a score and flat keypoints [x0, y0, x1, y1, ...]. */
export interface NmsDetection {
	xMin: number;
	yMin: number;
	width: number;
	height: number;
	score: number;
	keypoints: number[];
}

/** Intersection over union of two boxes; 0 when they do not overlap or either is empty. */
export function iou(a: NmsDetection, b: NmsDetection): number {
	const x0 = Math.max(a.xMin, b.xMin);
	const y0 = Math.max(a.yMin, b.yMin);
	const x1 = Math.min(a.xMin + a.width, b.xMin + b.width);
	const y1 = Math.min(a.yMin + a.height, b.yMin + b.height);
	if (x1 <= x0 || y1 <= y0) return 0;
	const inter = (x1 - x0) * (y1 - y0);
	const union = a.width * a.height + b.width * b.height - inter;
	return union > 0 ? inter / union : 0;
}

/**
 * MediaPipe NonMaxSuppressionCalculator, `algorithm: WEIGHTED`, `overlap_type: INTERSECTION_OVER_UNION`
 * (mediapipe/calculators/util/non_max_suppression_calculator.cc; BlazeFace uses
 * min_suppression_threshold 0.3, face_detection.pbtxt). Repeatedly takes the best remaining
 * detection, collects every remaining detection with IoU > threshold (itself included), and
 * replaces box and keypoints by their score-weighted mean; the score stays the best one's.
 * Works in any coordinate frame (normalised or px) as long as all inputs share it.
 * @returns merged detections, best score first
 */
export function weightedNms<T extends NmsDetection>(detections: T[], iouThreshold = 0.3): T[] {
	let remaining = [...detections].sort((a, b) => b.score - a.score);
	const out: T[] = [];
	while (remaining.length > 0) {
		const best = remaining[0];
		const cluster: T[] = [];
		const rest: T[] = [];
		for (const d of remaining) (iou(best, d) > iouThreshold ? cluster : rest).push(d);
		if (cluster.length === 0) cluster.push(best); // an empty best box has IoU 0 even with itself
		if (rest.length === remaining.length) rest.shift();
		let total = 0;
		let x0 = 0;
		let y0 = 0;
		let x1 = 0;
		let y1 = 0;
		const kp = new Array<number>(best.keypoints.length).fill(0);
		for (const d of cluster) {
			total += d.score;
			x0 += d.score * d.xMin;
			y0 += d.score * d.yMin;
			x1 += d.score * (d.xMin + d.width);
			y1 += d.score * (d.yMin + d.height);
			for (let k = 0; k < kp.length; k++) kp[k] += d.score * (d.keypoints[k] ?? 0);
		}
		if (total > 0) {
			x0 /= total;
			y0 /= total;
			x1 /= total;
			y1 /= total;
			for (let k = 0; k < kp.length; k++) kp[k] /= total;
			out.push({ ...best, xMin: x0, yMin: y0, width: x1 - x0, height: y1 - y0, keypoints: kp });
		} else {
			out.push(best);
		}
		remaining = rest;
	}
	return out;
}

/**
 * Reference implementation of MediaPipe's Landmarks2TransformMatrix v2 kernel
 * (mediapipe/util/tflite/operations/landmarks_to_transform_matrix.cc, namespace v2),
 * written from its semantics for testing the ONNX subgraph. Uses atan2/cos/sin as the kernel does.
 */
import type { Landmarks2TransformMatrixOptions } from '../converter/custom-options.ts';

type M4 = number[]; // row-major 4x4

function mul4(a: M4, b: M4): M4 {
	const r = new Array<number>(16).fill(0);
	for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) for (let k = 0; k < 4; k++) r[i * 4 + j] += a[i * 4 + k] * b[k * 4 + j];
	return r;
}

/**
 * @param landmarks Float32Array [N*3] (x, y, z per landmark, px of the feature map)
 * @returns Float32Array [16], the row-major [1,4,4] matrix (output crop px → feature px).
 * @throws Error for landmark indices out of range.
 */
export function landmarksToTransformMatrixRef(landmarks: Float32Array, o: Landmarks2TransformMatrixOptions): Float32Array {
	const n = landmarks.length / 3;
	const xy = (i: number): [number, number] => {
		if (i < 0 || i >= n) throw new Error(`landmark index ${i} out of range`);
		return [landmarks[3 * i], landmarks[3 * i + 1]];
	};
	const [lx, ly] = xy(o.leftRotationIdx);
	const [rx, ry] = xy(o.rightRotationIdx);
	// EstimateRotationRadians
	const rotation = o.targetRotationRadians - Math.atan2(ry - ly, rx - lx);
	// EstimateCenterAndSize: pairs from subset_idxs, an odd trailing index paired with itself
	const idx: number[] = [];
	for (let k = 0; k + 1 < o.subsetIdxs.length; k += 2) idx.push(o.subsetIdxs[k], o.subsetIdxs[k + 1]);
	if (o.subsetIdxs.length % 2) idx.push(o.subsetIdxs[o.subsetIdxs.length - 1], o.subsetIdxs[o.subsetIdxs.length - 1]);
	const c = Math.cos(rotation);
	const s = Math.sin(rotation);
	let maxX = -Infinity, maxY = -Infinity, minX = Infinity, minY = Infinity;
	for (const i of idx) {
		const [x, y] = xy(i);
		const px = c * x - s * y;
		const py = s * x + c * y;
		maxX = Math.max(maxX, px);
		maxY = Math.max(maxY, py);
		minX = Math.min(minX, px);
		minY = Math.min(minY, py);
	}
	const cropW = maxX - minX;
	const cropH = maxY - minY;
	const mx = (minX + maxX) / 2;
	const my = (minY + maxY) / 2;
	// inverse rotation of the centre
	const cx = Math.cos(-rotation) * mx - Math.sin(-rotation) * my;
	const cy = Math.sin(-rotation) * mx + Math.cos(-rotation) * my;
	const r = -rotation;
	const sx = (o.scaleX * cropW) / o.outputWidth;
	const sy = (o.scaleY * cropH) / o.outputHeight;
	let t: M4 = [1, 0, 0, cx, 0, 1, 0, cy, 0, 0, 1, 0, 0, 0, 0, 1];
	t = mul4(t, [Math.cos(r), -Math.sin(r), 0, 0, Math.sin(r), Math.cos(r), 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
	t = mul4(t, [sx, 0, 0, 0, 0, sy, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
	t = mul4(t, [1, 0, 0, -o.outputWidth / 2, 0, 1, 0, -o.outputHeight / 2, 0, 0, 1, 0, 0, 0, 0, 1]);
	return Float32Array.from(t);
}

/**
 * Reference implementation of MediaPipe's TransformLandmarks v2 kernel
 * (mediapipe/util/tflite/operations/transform_landmarks.cc, namespace v2).
 */

/**
 * @param landmarks Float32Array [1, N, D], D = 2 or 3 (x, y[, z])
 * @param matrix Float32Array [16], row-major [1,4,4]
 * @returns Float32Array [1, N, D]: x' = m0·x + m1·y + m3, y' = m4·x + m5·y + m7 (the z input of the
 *   dot product is 0), z copied.
 * @throws Error for D other than 2 or 3.
 */
export function transformLandmarksRef(landmarks: Float32Array, dims: number, matrix: Float32Array): Float32Array {
	if (dims !== 2 && dims !== 3) throw new Error(`unsupported dimensions ${dims}`);
	const out = new Float32Array(landmarks.length);
	for (let o = 0; o < landmarks.length; o += dims) {
		const x = landmarks[o];
		const y = landmarks[o + 1];
		out[o] = matrix[0] * x + matrix[1] * y + matrix[2] * 0 + matrix[3];
		out[o + 1] = matrix[4] * x + matrix[5] * y + matrix[6] * 0 + matrix[7];
		if (dims === 3) out[o + 2] = landmarks[o + 2];
	}
	return out;
}

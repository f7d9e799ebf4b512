/**
 * Reference implementation of MediaPipe's TransformTensorBilinear v2 kernel
 * (mediapipe/util/tflite/operations/transform_tensor_bilinear.cc, namespace v2).
 */

/**
 * @param input Float32Array [1, H, W, C] NHWC
 * @param matrix Float32Array [16], row-major [1,4,4] (rows 0–1 used)
 * @returns Float32Array [1, outH, outW, C] NHWC; sample points outside [0, W−1]×[0, H−1] give 0,
 *   corner reads outside the image read 0 (as the kernel's ReadValue).
 */
export function transformTensorBilinearRef(input: Float32Array, h: number, w: number, c: number, matrix: Float32Array, outH: number, outW: number): Float32Array {
	const xt = [matrix[0], matrix[1], matrix[2], matrix[3]];
	const yt = [matrix[4], matrix[5], matrix[6], matrix[7]];
	// v2 align-corners correction: T → S·(T·A), A = +0.5 shift, S = −0.5 shift
	xt[3] += xt[0] * 0.5 + xt[1] * 0.5 - 0.5;
	yt[3] += yt[0] * 0.5 + yt[1] * 0.5 - 0.5;
	const out = new Float32Array(outH * outW * c);
	const read = (y: number, x: number, ch: number) => (y < 0 || x < 0 || y >= h || x >= w ? 0 : input[(y * w + x) * c + ch]);
	for (let oy = 0; oy < outH; oy++)
		for (let ox = 0; ox < outW; ox++) {
			const tx = xt[0] * ox + xt[1] * oy + xt[3];
			const ty = yt[0] * ox + yt[1] * oy + yt[3];
			if (tx < 0 || tx > w - 1 || ty < 0 || ty > h - 1) continue; // zeros
			const fx = Math.floor(tx);
			const fy = Math.floor(ty);
			const rc = tx - fx;
			const lc = ty - fy;
			for (let ch = 0; ch < c; ch++) {
				const upper = (1 - rc) * read(fy, fx, ch) + rc * read(fy, fx + 1, ch);
				const lower = (1 - rc) * read(fy + 1, fx, ch) + rc * read(fy + 1, fx + 1, ch);
				out[(oy * outW + ox) * c + ch] = lc * lower + (1 - lc) * upper;
			}
		}
	return out;
}

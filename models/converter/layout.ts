/**
 * NHWC (TFLite) ↔ NCHW (ONNX) layout helpers.
 *
 * Convention of this converter (shared/reference/model-conversion.md, "Layout"):
 * every 4-D activation is stored NCHW inside the ONNX graph; everything else keeps
 * TFLite's shape and element order. Graph inputs/outputs keep TFLite's NHWC shapes.
 */

/** Permutation NHWC → NCHW (ONNX Transpose `perm`). */
export const NHWC_TO_NCHW = [0, 3, 1, 2];
/** Permutation NCHW → NHWC. */
export const NCHW_TO_NHWC = [0, 2, 3, 1];

/** Map a TFLite NHWC axis (negative allowed) to the NCHW axis. @throws Error if out of range. */
export function nhwcAxisToNchw(axis: number): number {
	const a = axis < 0 ? axis + 4 : axis;
	if (a < 0 || a > 3) throw new Error(`axis ${axis} out of range for a 4-D tensor`);
	return [0, 2, 3, 1][a];
}

/** Shape permuted by `perm` (out[i] = shape[perm[i]]). */
export function permuteShape(shape: readonly number[], perm: readonly number[]): number[] {
	return perm.map((p) => shape[p]);
}

/**
 * Transpose a dense row-major array: output[i0..] = input[index permuted by perm],
 * i.e. numpy `np.transpose(x, perm)`.
 */
export function transposeData<T extends Float32Array | Int32Array>(data: T, shape: readonly number[], perm: readonly number[]): T {
	const rank = shape.length;
	const outShape = permuteShape(shape, perm);
	const inStrides = new Array<number>(rank);
	let s = 1;
	for (let i = rank - 1; i >= 0; i--) {
		inStrides[i] = s;
		s *= shape[i];
	}
	const stepIn = perm.map((p) => inStrides[p]);
	const out = new (data.constructor as { new (n: number): T })(data.length);
	const idx = new Array<number>(rank).fill(0);
	let inOff = 0;
	for (let o = 0; o < data.length; o++) {
		out[o] = data[inOff];
		for (let d = rank - 1; d >= 0; d--) {
			idx[d]++;
			inOff += stepIn[d];
			if (idx[d] < outShape[d]) break;
			inOff -= stepIn[d] * idx[d];
			idx[d] = 0;
		}
	}
	return out;
}

/**
 * TensorFlow "SAME" padding for one spatial dimension, split as TFLite does
 * (tensorflow/lite/kernels/padding.h: the extra pixel goes after).
 * @returns [before, after] in pixels.
 */
export function samePadding(inSize: number, kernel: number, stride: number, dilation = 1): [number, number] {
	const out = Math.ceil(inSize / stride);
	const effK = (kernel - 1) * dilation + 1;
	const total = Math.max((out - 1) * stride + effK - inSize, 0);
	const before = Math.floor(total / 2);
	return [before, total - before];
}

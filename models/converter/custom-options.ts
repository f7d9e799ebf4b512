/**
 * Parsing of MediaPipe custom-op options. The attention mesh ops store a
 * flexbuffer map (parsed like tensorflow/lite/delegates/gpu/common/mediapipe/*.cc:
 * Parse*V2Attributes); Convolution2DTransposeBias stores a raw
 * TfLiteTransposeConvParams struct (mediapipe/util/tflite/operations/transpose_conv_bias.cc).
 */
import { toReference } from 'flatbuffers/mjs/flexbuffers.js';

/** Landmarks2TransformMatrix v2 options. */
export interface Landmarks2TransformMatrixOptions {
	leftRotationIdx: number;
	rightRotationIdx: number;
	/** Radians. */
	targetRotationRadians: number;
	/** Output crop size in px (of the feature map the matrix samples). */
	outputHeight: number;
	outputWidth: number;
	scaleX: number;
	scaleY: number;
	/** Landmark indices whose rotated bounding box defines the crop (pairs; an odd trailing index is paired with itself). */
	subsetIdxs: number[];
}

/** TransformTensorBilinear v2 options: output size in px. */
export interface TransformTensorBilinearOptions {
	outputHeight: number;
	outputWidth: number;
}

/** Convolution2DTransposeBias options (TfLiteTransposeConvParams: padding enum 1 = SAME, 2 = VALID). */
export interface TransposeConvBiasOptions {
	padding: 'SAME' | 'VALID';
	strideW: number;
	strideH: number;
}

function map(bytes: Uint8Array) {
	const copy = bytes.slice();
	const ref = toReference(copy.buffer);
	if (!ref.isMap()) throw new Error('custom options are not a flexbuffer map');
	return ref;
}

function num(ref: ReturnType<typeof toReference>, key: string, required: boolean): number {
	const v = ref.get(key as unknown as number);
	if (v.isNull()) {
		if (required) throw new Error(`custom option ${key} missing`);
		return 0;
	}
	// floatValue() for float entries (numericValue() returns null for them in flatbuffers 25.9).
	if (v.isFloat()) return v.floatValue() ?? 0;
	return Number(v.intValue() ?? 0);
}

/** @throws Error if a required key is missing. */
export function parseLandmarks2TransformMatrix(bytes: Uint8Array): Landmarks2TransformMatrixOptions {
	const m = map(bytes);
	const subset = m.get('subset_idxs' as unknown as number);
	const subsetIdxs: number[] = [];
	for (let k = 0; k < subset.length(); k++) subsetIdxs.push(Number(subset.get(k).intValue()));
	if (subsetIdxs.length === 0) throw new Error('Landmarks2TransformMatrix: empty subset_idxs');
	return {
		leftRotationIdx: num(m, 'left_rotation_idx', true),
		rightRotationIdx: num(m, 'right_rotation_idx', true),
		targetRotationRadians: num(m, 'target_rotation_radians', false),
		outputHeight: num(m, 'output_height', true),
		outputWidth: num(m, 'output_width', true),
		scaleX: num(m, 'scale_x', true),
		scaleY: num(m, 'scale_y', true),
		subsetIdxs
	};
}

/** @throws Error if a required key is missing. */
export function parseTransformTensorBilinear(bytes: Uint8Array): TransformTensorBilinearOptions {
	const m = map(bytes);
	return { outputHeight: num(m, 'output_height', true), outputWidth: num(m, 'output_width', true) };
}

/** @throws Error if fewer than 12 bytes or an unknown padding value. */
export function parseTransposeConvBias(bytes: Uint8Array): TransposeConvBiasOptions {
	if (bytes.length < 12) throw new Error('Convolution2DTransposeBias options shorter than 12 bytes');
	const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const p = dv.getInt32(0, true);
	if (p !== 1 && p !== 2) throw new Error(`Convolution2DTransposeBias: unknown padding ${p}`);
	return { padding: p === 1 ? 'SAME' : 'VALID', strideW: dv.getInt32(4, true), strideH: dv.getInt32(8, true) };
}

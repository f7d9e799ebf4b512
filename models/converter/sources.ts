/**
 * The MediaPipe models this project converts, where their .tflite bytes come from
 * (npm packages pinned in package.json devDependencies), and what their tensors mean.
 *
 * Sources of the facts below:
 * - byte ranges of face_mesh_solution_packed_assets.data: shared/reference/model-conversion.md,
 *   checked at conversion time by the TFL3 file identifier;
 * - input normalisation: MediaPipe graphs' ImageToTensorCalculator `output_tensor_float_range`
 *   (mediapipe/modules/face_detection/face_detection.pbtxt: [-1, 1]; face_landmark and
 *   selfie_segmentation graphs: [0, 1]); BlazeFace decoding: TensorsToDetectionsCalculator options
 *   in face_detection.pbtxt (sigmoid_score: true, score_clipping_thresh: 100, num_coords 16);
 * - face flag: a logit, passed through a sigmoid by MediaPipe's TensorsToFloatsCalculator
 *   (activation: SIGMOID) in the face_landmark graphs;
 * - selfie mask: the model ends in LOGISTIC (tensor `activation_10`), so values are probabilities.
 */

/** Description of one graph input or output tensor in a manifest. */
export interface TensorSpec {
	name: string;
	shape: number[];
	dtype: 'float32';
	/** Memory layout: 'NHWC' for 4-D tensors (TFLite's own shape), 'anchor-major [batch, anchor, value]' for detector outputs. */
	layout: string;
	description: string;
	/** Value range of the input, or of the output where known. */
	range?: [number, number];
	/** How to turn 8-bit RGB into this input (inputs only). */
	normalisation?: string;
	/** What to apply to get a probability (outputs only), e.g. "sigmoid". */
	activation?: 'none' | 'sigmoid';
}

export interface ModelSource {
	/** Output base name: models/onnx/<name>.onnx and .json. */
	name: string;
	package: string;
	/** File inside the package. */
	path: string;
	/** [start, end) byte range inside `path` when the model is packed with other assets. */
	byteRange: [number, number] | null;
	/** Name of the model file inside a packed asset blob. */
	innerName: string;
	description: string;
	inputs: Omit<TensorSpec, 'name' | 'shape' | 'dtype'>[];
	/** Keyed by TFLite output tensor name. */
	outputs: Record<string, Omit<TensorSpec, 'name' | 'shape' | 'dtype'>>;
}

const RGB_M1_1 = {
	layout: 'NHWC',
	description: 'RGB image, row-major, batch 1',
	range: [-1, 1] as [number, number],
	normalisation: 'v / 127.5 - 1 for 8-bit RGB v (ImageToTensorCalculator output_tensor_float_range [-1, 1])'
};
const RGB_0_1 = {
	layout: 'NHWC',
	description: 'RGB image, row-major, batch 1',
	range: [0, 1] as [number, number],
	normalisation: 'v / 255 for 8-bit RGB v (ImageToTensorCalculator output_tensor_float_range [0, 1])'
};

const detectorOutputs = (reg: string, cls: string, anchors: number, size: number) => ({
	[reg]: {
		layout: 'anchor-major [batch, anchor, value]',
		description: `per SSD anchor: box centre offset x, y and width, height, then 6 keypoints (x, y) (right eye, left eye, nose tip, mouth, right ear tragion, left ear tragion), all in px of the ${size}x${size} input, offsets relative to the anchor centre`,
		activation: 'none' as const
	},
	[cls]: {
		layout: 'anchor-major [batch, anchor, value]',
		description: 'face score logit per anchor; MediaPipe clips to ±100 then applies a sigmoid',
		activation: 'sigmoid' as const
	}
});

const meshOut = (n: number, dims: number, what: string) => ({
	layout: 'NHWC',
	description: `${what}: ${n} × (${dims === 3 ? 'x, y, z' : 'x, y'}) flattened along the channel axis; x and y in px of the 192x192 input${dims === 3 ? '; z is relative depth in the same scale as x' : ''}`,
	activation: 'none' as const
});
const faceFlag = {
	layout: 'NHWC',
	description: 'face presence logit (one value)',
	activation: 'sigmoid' as const
};

/** The five converted models. */
export const MODEL_SOURCES: ModelSource[] = [
	{
		name: 'face_detection_short_range',
		package: '@mediapipe/face_detection',
		path: 'face_detection_short_range.tflite',
		byteRange: null,
		innerName: 'face_detection_short_range.tflite',
		description: 'BlazeFace short-range face detector (faces within ~2 m), 128x128 input, 896 anchors',
		inputs: [RGB_M1_1],
		outputs: detectorOutputs('regressors', 'classificators', 896, 128)
	},
	{
		name: 'face_detection_full_range',
		package: '@mediapipe/face_detection',
		path: 'face_detection_full_range.tflite',
		byteRange: null,
		innerName: 'face_detection_full_range.tflite',
		description: 'BlazeFace full-range face detector (small faces in large frames), 192x192 input, 2304 anchors',
		inputs: [RGB_M1_1],
		outputs: detectorOutputs('reshaped_regressor_face_4', 'reshaped_classifier_face_4', 2304, 192)
	},
	{
		name: 'face_landmark',
		package: '@mediapipe/face_mesh',
		path: 'face_mesh_solution_packed_assets.data',
		byteRange: [2495952, 3737848],
		innerName: 'face_landmark.tflite',
		description: 'Face mesh, 468 3-D landmarks, on a 192x192 face crop (rotated ROI, 1.5x the detection box)',
		inputs: [RGB_0_1],
		outputs: { conv2d_21: meshOut(468, 3, '468 face mesh landmarks'), conv2d_31: faceFlag }
	},
	{
		name: 'face_landmark_with_attention',
		package: '@mediapipe/face_mesh',
		path: 'face_mesh_solution_packed_assets.data',
		byteRange: [0, 2495952],
		innerName: 'face_landmark_with_attention.tflite',
		description: 'Face mesh with attention: 468 3-D landmarks plus refined lips, eyes and irises, on a 192x192 face crop',
		inputs: [RGB_0_1],
		outputs: {
			output_mesh_identity: meshOut(468, 3, '468 face mesh landmarks'),
			output_lips: meshOut(80, 2, '80 refined lip landmarks'),
			output_left_eye: meshOut(71, 2, '71 refined left-eye landmarks'),
			output_right_eye: meshOut(71, 2, '71 refined right-eye landmarks'),
			output_left_iris: meshOut(5, 2, '5 left-iris landmarks (centre first)'),
			output_right_iris: meshOut(5, 2, '5 right-iris landmarks (centre first)'),
			conv_faceflag: faceFlag
		}
	},
	{
		name: 'selfie_segmentation',
		package: '@mediapipe/selfie_segmentation',
		path: 'selfie_segmentation.tflite',
		byteRange: null,
		innerName: 'selfie_segmentation.tflite',
		description: 'Selfie (person) segmentation, general model, 256x256 input',
		inputs: [RGB_0_1],
		outputs: {
			activation_10: {
				layout: 'NHWC',
				description: 'person probability per pixel (already through a sigmoid)',
				range: [0, 1],
				activation: 'none'
			}
		}
	}
];

/**
 * The reference cases: which model sees which real image, and how the image becomes its input tensor.
 *
 * Every input starts from tests/fixtures/astronaut.png (512x512 sRGB, public domain, NASA portrait of
 * Eileen Collins). Pixels are prepared in Node with sharp (crop, optional horizontal mirror, resize)
 * and stored as raw 8-bit RGB, NHWC, batch 1. The float tensor fed to a model is
 * `value = byte / divisor + offset`, computed in float64 and rounded to float32, per channel-agnostic
 * rule below. The same rule is applied by the parity test, so both runtimes see identical floats.
 *
 * Normalisation sources (MediaPipe graphs, via the model card ranges in
 * /work/shared/reference/model-conversion.md and the brief):
 * - BlazeFace detectors: RGB in [-1, 1] (mediapipe/modules/face_detection/face_detection.pbtxt,
 *   ImageToTensorCalculator output_tensor_float_range {min: -1, max: 1}) → divisor 127.5, offset -1.
 * - face_landmark: RGB in [0, 1] (mediapipe/modules/face_landmark/face_landmark_cpu.pbtxt,
 *   output_tensor_float_range {min: 0, max: 1}) → divisor 255, offset 0.
 */

/** Maps an 8-bit channel value to the model's float range: `byte / divisor + offset`. */
export interface Normalization {
	divisor: number;
	offset: number;
}

/** How a case's input pixels are cut out of the source image, in source pixels (origin top-left). */
export interface Preparation {
	/** Source image, relative to the project root. */
	source: string;
	/** Square region to extract, px; null = whole image. */
	extract: { left: number; top: number; width: number; height: number } | null;
	/** Mirror left-right after extracting (sharp `flop`). */
	mirror: boolean;
	/** Output side, px (the model's input is side x side). */
	size: number;
	/** sharp resize kernel. */
	kernel: 'lanczos3';
}

export interface CaseSpec {
	/** Unique id; also the fixture file stem. */
	id: string;
	/** Model name (see models.ts). */
	model: string;
	description: string;
	/** Graph input tensor name in the TFLite model (and in the converted ONNX model). */
	inputName: string;
	prep: Preparation;
	norm: Normalization;
}

const SOURCE = 'tests/fixtures/astronaut.png';
const SIGNED: Normalization = { divisor: 127.5, offset: -1 };
const UNIT: Normalization = { divisor: 255, offset: 0 };

/**
 * Face crops for face_landmark, checked by eye on astronaut.png: the face (hairline to chin, ear to ear)
 * spans about x 165-290, y 55-190. `face` is a 190 px square around it with margin, close to the
 * ~1.5x face-box ROI MediaPipe feeds the landmark model; `face_tight` is a 160 px square, face larger
 * and shifted, to exercise a second pose of the same face.
 */
const FACE = { left: 130, top: 25, width: 190, height: 190 };
const FACE_TIGHT = { left: 150, top: 45, width: 160, height: 160 };

export const CASES: readonly CaseSpec[] = [
	{
		id: 'face_detection_short_range__astronaut',
		model: 'face_detection_short_range',
		description: 'whole astronaut.png resized to 128x128',
		inputName: 'input',
		prep: { source: SOURCE, extract: null, mirror: false, size: 128, kernel: 'lanczos3' },
		norm: SIGNED
	},
	{
		id: 'face_detection_short_range__astronaut_mirrored',
		model: 'face_detection_short_range',
		description: 'whole astronaut.png mirrored left-right, resized to 128x128',
		inputName: 'input',
		prep: { source: SOURCE, extract: null, mirror: true, size: 128, kernel: 'lanczos3' },
		norm: SIGNED
	},
	{
		id: 'face_detection_full_range__astronaut',
		model: 'face_detection_full_range',
		description: 'whole astronaut.png resized to 192x192',
		inputName: 'input',
		prep: { source: SOURCE, extract: null, mirror: false, size: 192, kernel: 'lanczos3' },
		norm: SIGNED
	},
	{
		id: 'face_detection_full_range__astronaut_mirrored',
		model: 'face_detection_full_range',
		description: 'whole astronaut.png mirrored left-right, resized to 192x192',
		inputName: 'input',
		prep: { source: SOURCE, extract: null, mirror: true, size: 192, kernel: 'lanczos3' },
		norm: SIGNED
	},
	{
		id: 'face_landmark__astronaut_face',
		model: 'face_landmark',
		description: 'astronaut.png face crop x 130-320, y 25-215 (190 px square) resized to 192x192',
		inputName: 'input_1',
		prep: { source: SOURCE, extract: FACE, mirror: false, size: 192, kernel: 'lanczos3' },
		norm: UNIT
	},
	{
		id: 'face_landmark__astronaut_face_tight',
		model: 'face_landmark',
		description: 'astronaut.png tighter face crop x 150-310, y 45-205 (160 px square) resized to 192x192',
		inputName: 'input_1',
		prep: { source: SOURCE, extract: FACE_TIGHT, mirror: false, size: 192, kernel: 'lanczos3' },
		norm: UNIT
	}
];

/**
 * Deterministic model inputs from tests/fixtures/astronaut.png, made with the project's own
 * pre-processing (src/lib/inference): the same tensors are fed to every backend.
 * Each is Float32Array NHWC [1,S,S,3] as the model's manifest requires.
 */
import sharp from 'sharp';
import { letterboxTransform } from '../../../src/lib/inference/blazeface/letterbox';
import { warpToTensor } from '../../../src/lib/inference/image/warp';
import { detectionToRoi } from '../../../src/lib/inference/landmarks/roi';
import { rotatedRectToSource } from '../../../src/lib/inference/math/affine';
import type { ModelName } from '../../../src/lib/inference/sessions';
import type { RgbaImage } from '../../../src/lib/types';

export interface ModelInput {
	model: ModelName;
	inputName: string;
	dims: number[];
	data: Float32Array;
}

export async function loadRgba(path: string): Promise<RgbaImage> {
	const { data, info } = await sharp(path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
}

/**
 * One input per model. The face crop uses the detection measured on astronaut.png
 * (box 175,73,102x102 px; eyes at (203,102) and (247,105)), so the landmark models see a real face.
 */
export async function modelInputs(fixture = 'tests/fixtures/astronaut.png'): Promise<ModelInput[]> {
	const img = await loadRgba(fixture);
	const whole = { x: 0, y: 0, width: img.width, height: img.height };
	const det = (s: number) => warpToTensor(img, letterboxTransform(whole, s, s), s, s, { range: [-1, 1], border: 'zero' });
	const roi = detectionToRoi({
		box: { x: 175, y: 73, width: 102, height: 102 },
		score: 1,
		keypoints: [
			{ x: 203, y: 102 },
			{ x: 247, y: 105 }
		]
	});
	const crop = warpToTensor(img, rotatedRectToSource(roi.cx, roi.cy, roi.width, roi.height, roi.rotation, 192, 192), 192, 192, {
		range: [0, 1],
		border: 'replicate'
	});
	const selfie = warpToTensor(img, [img.width / 256, 0, 0, 0, img.height / 256, 0], 256, 256, { range: [0, 1], border: 'zero' });
	return [
		{ model: 'face_detection_short_range', inputName: 'input', dims: [1, 128, 128, 3], data: det(128) },
		{ model: 'face_detection_full_range', inputName: 'input', dims: [1, 192, 192, 3], data: det(192) },
		{ model: 'face_landmark_with_attention', inputName: 'input_1', dims: [1, 192, 192, 3], data: crop },
		{ model: 'face_landmark', inputName: 'input_1', dims: [1, 192, 192, 3], data: crop },
		{ model: 'selfie_segmentation', inputName: 'input_1', dims: [1, 256, 256, 3], data: selfie }
	];
}

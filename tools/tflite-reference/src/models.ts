/**
 * Where the real TFLite models come from, and how to read their bytes.
 *
 * The `.tflite` files ship in Google's legacy MediaPipe "solutions" npm packages (Apache-2.0),
 * installed as devDependencies of the root project. face_landmark.tflite has no file of its own:
 * it is packed into face_mesh_solution_packed_assets.data at the byte range below
 * (source: /work/shared/reference/model-conversion.md, "Where the weights come from";
 * the range is verified here by the FlatBuffers file identifier "TFL3" at offset 4 of the slice).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Root of the project checkout (two levels above tools/tflite-reference/src). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** One model as found in an npm package. `byteRange` is [start, end) in bytes, or null for the whole file. */
export interface ModelSource {
	/** Model name, also the base name of models/onnx/<name>.onnx written by the converter. */
	name: string;
	/** npm package that ships the file. */
	npmPackage: string;
	/** File inside the package. */
	file: string;
	byteRange: [number, number] | null;
}

/** The three models that tfjs-tflite can run (no custom ops). */
export const MODELS: readonly ModelSource[] = [
	{
		name: 'face_detection_short_range',
		npmPackage: '@mediapipe/face_detection',
		file: 'face_detection_short_range.tflite',
		byteRange: null
	},
	{
		name: 'face_detection_full_range',
		npmPackage: '@mediapipe/face_detection',
		file: 'face_detection_full_range.tflite',
		byteRange: null
	},
	{
		name: 'face_landmark',
		npmPackage: '@mediapipe/face_mesh',
		file: 'face_mesh_solution_packed_assets.data',
		byteRange: [2495952, 3737848]
	}
];

/** Version string of an installed package of the root project, e.g. "0.4.1657300184". */
export function rootPackageVersion(pkg: string): string {
	const json = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', pkg, 'package.json'), 'utf8'));
	return json.version as string;
}

/**
 * Reads a model's `.tflite` bytes.
 * @throws Error if the file is missing or the bytes do not carry the TFLite identifier "TFL3" at offset 4.
 */
export function readModelBytes(model: ModelSource): Uint8Array {
	const path = join(PROJECT_ROOT, 'node_modules', model.npmPackage, model.file);
	const whole = readFileSync(path);
	const bytes = model.byteRange ? whole.subarray(model.byteRange[0], model.byteRange[1]) : whole;
	if (model.byteRange && whole.length < model.byteRange[1]) {
		throw new Error(`${path} is ${whole.length} bytes, shorter than the range end ${model.byteRange[1]}`);
	}
	const ident = Buffer.from(bytes.subarray(4, 8)).toString('latin1');
	if (ident !== 'TFL3') {
		throw new Error(`${model.name}: expected FlatBuffers identifier "TFL3" at offset 4, found ${JSON.stringify(ident)}`);
	}
	return new Uint8Array(bytes);
}

/** Lower-case hex SHA-256 of a byte array. */
export function sha256(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** Node adapters of the pipeline: files through sharp, models from models/onnx through onnxruntime-web (WASM). */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { decodeNode, readRegion } from '$lib/pipeline/decode/node';
import { createInferenceEngine, type InferenceEngine } from '$lib/inference/engine';
import { fsModelLoader } from '$lib/inference/loaders';
import { WORK_LIMIT_PX } from '$lib/pipeline/run/analyse';
import type { OpenedPhoto } from '$lib/pipeline/run/photo';

/** Folder of the converted models (written by `npm install` → models/convert.ts). */
export const MODEL_DIR = fileURLToPath(new URL('../../models/onnx/', import.meta.url));

/** In-process inference on onnxruntime-web's WASM backend. */
export function createNodeInference(numThreads = 1): InferenceEngine {
	return createInferenceEngine({ loader: fsModelLoader(MODEL_DIR), backend: 'wasm', numThreads, log: () => {} });
}

/**
 * Decodes a photo file (any format sharp reads; EXIF orientation applied; CMYK and 16-bit converted to 8-bit sRGB)
 * into a working copy of at most WORK_LIMIT_PX on its longest side, with a reader for full-resolution regions.
 * @throws DecodeError with a user-facing message for unreadable files; ENOENT when the file does not exist.
 */
export async function openPhotoNode(pathOrBytes: string | Uint8Array): Promise<OpenedPhoto> {
	const bytes = typeof pathOrBytes === 'string' ? new Uint8Array(await readFile(pathOrBytes)) : pathOrBytes;
	const decoded = await decodeNode(bytes, { workLimit: WORK_LIMIT_PX });
	return {
		work: decoded.image,
		scale: decoded.scale,
		original: decoded.original,
		bytes,
		source: {
			width: decoded.original.width,
			height: decoded.original.height,
			read: (box, w, h) => readRegion(bytes, box, w, h)
		}
	};
}

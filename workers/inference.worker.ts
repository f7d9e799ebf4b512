/**
 * Inference Web Worker: runs face detection, face landmarks and person segmentation with
 * onnxruntime-web off the main thread. Use it through `createInferenceClient`
 * (src/lib/inference/client.ts), which implements `InferenceApi` over this API:
 *
 *   const worker = new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module' });
 *   const inference = createInferenceClient(worker, { modelBaseUrl: '/models/onnx/' });
 */
import { expose } from 'comlink';
import { createInferenceEngine } from '../src/lib/inference/engine';
import { fetchModelLoader } from '../src/lib/inference/loaders-fetch';
import { createWorkerApi } from '../src/lib/inference/worker-api';

const api = createWorkerApi((config) =>
	createInferenceEngine({
		loader: fetchModelLoader(config.modelBaseUrl ?? '/models/onnx/'),
		backend: config.backend ?? 'auto',
		numThreads: config.numThreads,
		wasmPaths: config.wasmPaths
	})
);

expose(api);

export type InferenceWorkerApi = typeof api;

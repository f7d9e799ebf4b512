/**
 * The object the inference worker exposes with comlink (workers/inference.worker.ts), kept here so
 * that it can be tested in Node over a MessageChannel. Comlink cannot clone an AbortSignal, so every
 * long call takes a caller-chosen call id; `cancel(id)` aborts that call's AbortController in the
 * worker, and the pipeline checks the signal between stages (detection passes, crop, model run).
 * Results carrying large buffers (landmark points, mask) are transferred back, not copied.
 */
import { transfer } from 'comlink';
import type { Box, FaceDetection, FaceLandmarks, PersonMask, RgbaImage, SegmentCrop } from '../types';
import type { InferenceEngine } from './engine';
import type { SessionInfo } from './sessions';

/** Settings a page passes to the worker before the first call. */
export interface WorkerConfig {
	/** URL prefix of the .onnx files, ending in '/'. Default '/models/onnx/'. */
	modelBaseUrl?: string;
	backend?: 'auto' | 'webgpu' | 'wasm';
	numThreads?: number;
	/** URL prefix of onnxruntime-web's .wasm files, if not served next to the bundle. */
	wasmPaths?: string;
}

/**
 * Builds the worker API over an engine factory. The engine is created on the first call, with the
 * latest config given to `configure` (calls to `configure` after that throw).
 */
export function createWorkerApi(makeEngine: (config: WorkerConfig) => InferenceEngine) {
	let config: WorkerConfig = {};
	let engine: InferenceEngine | null = null;
	const controllers = new Map<number, AbortController>();
	const getEngine = () => (engine ??= makeEngine(config));

	async function withCall<T>(id: number, f: (signal: AbortSignal) => Promise<T>): Promise<T> {
		const ctrl = new AbortController();
		controllers.set(id, ctrl);
		try {
			return await f(ctrl.signal);
		} finally {
			controllers.delete(id);
		}
	}

	return {
		/** Sets model URL, backend and threads. @throws Error once the engine exists. */
		configure(c: WorkerConfig): void {
			if (engine) throw new Error('inference worker: configure() must be called before the first inference');
			config = { ...c };
		},
		/** InferenceApi.detectFaces under call id `id`. */
		detectFaces(id: number, image: RgbaImage, live?: boolean): Promise<FaceDetection[]> {
			return withCall(id, (signal) => getEngine().detectFaces(image, { signal, live }));
		},
		/** InferenceApi.faceLandmarks under call id `id`; `points` is transferred. */
		faceLandmarks(id: number, image: RgbaImage, face: FaceDetection): Promise<FaceLandmarks> {
			return withCall(id, async (signal) => {
				const r = await getEngine().faceLandmarks(image, face, { signal });
				return transfer(r, [r.points.buffer as ArrayBuffer]);
			});
		},
		/** InferenceApi.segmentPerson under call id `id`; the mask is transferred. */
		segmentPerson(id: number, image: RgbaImage, roi?: Box, maxSide?: number, crop?: SegmentCrop): Promise<PersonMask> {
			return withCall(id, async (signal) => {
				const m = await getEngine().segmentPerson(image, { signal, roi, maxSide, crop });
				return transfer(m, [m.data.buffer as ArrayBuffer]);
			});
		},
		/** Aborts call `id` if it is still running; no-op otherwise. */
		cancel(id: number): void {
			controllers.get(id)?.abort();
		},
		/** Backend in use, threads, and WASM fallbacks. */
		info(): Promise<SessionInfo> {
			return getEngine().info();
		},
		/** Releases the sessions (they are recreated on the next call). */
		async dispose(): Promise<void> {
			await engine?.dispose();
		}
	};
}

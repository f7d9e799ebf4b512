/**
 * Guidance Web Worker: analyses live camera frames for the capture guidance (src/lib/camera/analyser.ts) with the
 * project's inference engine (onnxruntime-web, models from /models/). Frames arrive transferred, as WebCodecs
 * VideoFrames (scaled here to ≈ 640 px) or ImageBitmaps already downscaled on the main thread; the worker draws them
 * on an OffscreenCanvas, reads the pixels, closes the frame, and returns plain numbers. Use it through src/lib/camera/live.ts:
 *
 *   const worker = new Worker(new URL('../../../workers/guidance.worker.ts', import.meta.url), { type: 'module' });
 *   const remote = wrap<GuidanceWorkerApi>(worker);
 */
import { expose } from 'comlink';
import { createInferenceEngine, type InferenceEngine } from '../src/lib/inference/engine';
import { fetchModelLoader } from '../src/lib/inference/loaders-fetch';
import type { WorkerConfig } from '../src/lib/inference/worker-api';
import { createFrameAnalyser, type AnalysedFrame, type FrameAnalyser } from '../src/lib/camera/analyser';
import type { RgbaImage } from '../src/lib/types';

let config: WorkerConfig = {};
let engine: InferenceEngine | null = null;
let analyser: FrameAnalyser | null = null;
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;

function getAnalyser(): FrameAnalyser {
	if (!analyser) {
		engine = createInferenceEngine({
			loader: fetchModelLoader(config.modelBaseUrl ?? '/models/onnx/'),
			backend: config.backend ?? 'auto',
			numThreads: config.numThreads,
			wasmPaths: config.wasmPaths
		});
		analyser = createFrameAnalyser(engine);
	}
	return analyser;
}

/**
 * Pixels of `frame` (closed afterwards), RGBA 8-bit, drawn at `size` (default: the frame's own size), px.
 * VideoFrames arrive at the camera's resolution and are scaled here (bilinear, by drawImage).
 */
function pixels(frame: ImageBitmap | VideoFrame, size?: { width: number; height: number }): RgbaImage {
	const width = size?.width ?? ('displayWidth' in frame ? frame.displayWidth : frame.width);
	const height = size?.height ?? ('displayHeight' in frame ? frame.displayHeight : frame.height);
	if (!canvas || canvas.width !== width || canvas.height !== height) {
		canvas = new OffscreenCanvas(width, height);
		ctx = canvas.getContext('2d', { willReadFrequently: true });
	}
	if (!ctx) throw new Error('guidance worker: no 2D context on OffscreenCanvas');
	ctx.drawImage(frame, 0, 0, width, height);
	frame.close();
	const data = ctx.getImageData(0, 0, width, height).data;
	return { width, height, data };
}

const api = {
	/** Sets model URL, backend and threads; call before the first frame. @throws Error once the engine exists. */
	configure(c: WorkerConfig): void {
		if (engine) throw new Error('guidance worker: configure() must be called before the first frame');
		config = { ...c };
	},
	/** Loads the models and runs them once on a blank frame, so the first live frame is not slow. */
	async warmUp(): Promise<void> {
		const a = getAnalyser();
		await a.analyse({ width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4) }, 0);
		await engine!.faceLandmarks({ width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4) }, {
			box: { x: 16, y: 16, width: 32, height: 32 },
			score: 1,
			keypoints: [{ x: 26, y: 28 }, { x: 38, y: 28 }, { x: 32, y: 34 }, { x: 32, y: 40 }, { x: 18, y: 30 }, { x: 46, y: 30 }]
		});
		a.reset();
	},
	/**
	 * Analyses one frame (a transferred ImageBitmap or VideoFrame; closed here), scaled to `size` px when given.
	 * `now` = the caller's performance.now() in ms.
	 * @returns the FrameObservation with timings (ms) and the time spent reading (scaling) the pixels, ms.
	 */
	async analyse(frame: ImageBitmap | VideoFrame, now: number, size?: { width: number; height: number }): Promise<AnalysedFrame & { readMs: number }> {
		const t0 = performance.now();
		const image = pixels(frame, size);
		const readMs = performance.now() - t0;
		const result = await getAnalyser().analyse(image, now);
		return { ...result, readMs };
	},
	/** Forgets the last landmarks. */
	reset(): void {
		analyser?.reset();
	},
	/** Backend and threads in use. */
	async info() {
		getAnalyser();
		return engine!.info();
	},
	/** Releases the model sessions. */
	async dispose(): Promise<void> {
		await engine?.dispose();
		engine = null;
		analyser = null;
	}
};

expose(api);

export type GuidanceWorkerApi = typeof api;

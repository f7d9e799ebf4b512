/**
 * The UI's side of the pipeline worker: implements PipelineClient over comlink, maps AbortSignals
 * onto the worker's `cancel(callId)`, and turns worker errors into messages fit for the user.
 * Everything runs on this device.
 */
import { wrap, type Remote } from 'comlink';
import { base } from '$app/paths';
import type { PipelineClient, AnalyseOptions, PipelineCallOptions, SheetFormat } from '$lib/app/pipeline-client';
import { resolveSpecForWorker } from '$lib/app/custom-specs';
import type { RenderSettings, SheetPaper } from './api';
import type { WarmUpInfo } from './run/warm-up';
import type { PipelineWorkerApi } from '../../../workers/pipeline.worker';
import PipelineWorker from '../../../workers/pipeline.worker?worker';

let counter = 0;

/** Calls `fn(callId)`; when `signal` aborts, asks the worker to cancel and rejects at once with an AbortError. */
function cancellable<T>(remote: Remote<PipelineWorkerApi>, signal: AbortSignal | undefined, fn: (callId: string) => Promise<T>): Promise<T> {
	const callId = `c${++counter}`;
	if (signal?.aborted) return Promise.reject(new DOMException('Cancelled', 'AbortError'));
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => {
			void remote.cancel(callId);
			reject(new DOMException('Cancelled', 'AbortError'));
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		fn(callId).then(resolve, reject).finally(() => signal?.removeEventListener('abort', onAbort));
	});
}

/** A pipeline client plus what benchmarks and tests need. */
export interface PipelineClientExt extends PipelineClient {
	/** Backend ('webgpu' | 'wasm') and WASM threads in use. */
	runtimeInfo(): Promise<{ backend: string; numThreads: number; fallbacks: Record<string, string> }>;
	/** Ends the worker. */
	terminate(): void;
	/**
	 * The worker's warm-up (started with the worker): resolves when it ends, finished or stopped by the first photo;
	 * rejects when a model session cannot be created.
	 */
	warmedUp(): Promise<WarmUpInfo>;
}

/**
 * Starts a pipeline worker.
 * @param options force a backend / thread count (benchmarks); default: WebGPU when an adapter exists, else WASM
 *   with threads when the page is cross-origin isolated.
 */
export function createPipelineClient(options: { backend?: 'auto' | 'wasm' | 'webgpu'; numThreads?: number } = {}): PipelineClientExt {
	const worker = new PipelineWorker({ name: 'pipeline' });
	const remote = wrap<PipelineWorkerApi>(worker);
	const origin = globalThis.location.origin;
	void remote.init({ modelsUrl: `${origin}${base}/models/`, ortUrl: `${origin}${base}/ort/`, warmUpPhotoUrl: `${origin}${base}/warm-up-portrait.jpg`, ...options });
	// The worker gets ready in the background right away (sessions, then the warm-up runs: run/warm-up.ts); errors
	// surface on the first real call.
	const warm = remote.warmUp();
	warm.catch(() => {});
	return {
		warmedUp: () => warm,
		runtimeInfo: () => remote.runtimeInfo(),
		terminate: () => worker.terminate(),
		analyse(file: Blob, options?: AnalyseOptions) {
			options?.onProgress?.({ stage: 'Finding the face', fraction: null });
			return cancellable(remote, options?.signal, (id) => remote.analyse(file, id));
		},
		// Bundled specs go by id; a custom spec (custom-*, stored on this device) goes as the whole object.
		render(jobId: string, specId: string, settings: RenderSettings, options?: PipelineCallOptions) {
			return cancellable(remote, options?.signal, (id) => remote.render(jobId, resolveSpecForWorker(specId), settings, id));
		},
		/** The PNG cut-out of the render with these settings (see the worker's `cutout`). */
		cutout(jobId: string, specId: string, settings: RenderSettings, options?: PipelineCallOptions) {
			return cancellable(remote, options?.signal, (id) => remote.cutout(jobId, resolveSpecForWorker(specId), settings, id));
		},
		forgetAll: () => remote.forgetAll(),
		sheet(jobId: string, specId: string, settings: RenderSettings, paper: SheetPaper, format: SheetFormat, options?: PipelineCallOptions) {
			return cancellable(remote, options?.signal, (id) => remote.sheet(jobId, resolveSpecForWorker(specId), settings, paper, format, id));
		}
	};
}

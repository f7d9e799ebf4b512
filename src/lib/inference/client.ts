/**
 * `InferenceApi` over the inference worker (workers/inference.worker.ts) via comlink.
 *
 * Pixels: each call copies `image.data` into a fresh buffer and transfers that copy (the caller's
 * image stays usable; structured cloning would copy as well). Pass `{ transferPixels: true }` to
 * transfer the caller's own buffer instead (it is detached afterwards: zero copies).
 *
 * Abort: comlink cannot clone an AbortSignal, so each call gets an id; when the signal aborts,
 * the promise rejects at once with a DOMException "AbortError" and `cancel(id)` is sent so the worker
 * stops at its next stage boundary.
 */
import { transfer, wrap, type Remote } from 'comlink';
import type { CallOptions, DetectOptions, FaceDetection, FaceLandmarks, InferenceApi, PersonMask, RgbaImage, SegmentOptions } from '../types';
import type { InferenceWorkerApi } from '../../../workers/inference.worker';
import { abortError } from './abort';
import type { SessionInfo } from './sessions';
import type { WorkerConfig } from './worker-api';

export interface InferenceClientOptions extends WorkerConfig {
	/** Transfer the caller's pixel buffers (detaching them) instead of a copy. Default false. */
	transferPixels?: boolean;
}

export interface InferenceClient extends InferenceApi {
	/** Backend in use in the worker, threads, and WASM fallbacks. */
	info(): Promise<SessionInfo>;
	/** The comlink proxy, for advanced use. */
	readonly remote: Remote<InferenceWorkerApi>;
	/** Releases the worker's sessions; terminates the worker when the client created the proxy from a Worker. */
	dispose(): Promise<void>;
}

/**
 * @param target a module Worker running workers/inference.worker.ts, or an existing comlink proxy
 *   of its API (tests wrap a MessagePort)
 * @param options worker configuration, sent before the first call
 */
export function createInferenceClient(
	target: Worker | Remote<InferenceWorkerApi>,
	options: InferenceClientOptions = {}
): InferenceClient {
	const isWorker = typeof Worker !== 'undefined' && target instanceof Worker;
	const remote = isWorker ? wrap<InferenceWorkerApi>(target as Worker) : (target as Remote<InferenceWorkerApi>);
	const { transferPixels = false, ...config } = options;
	const configured = remote.configure(config);
	let nextId = 1;

	const sendImage = (image: RgbaImage): RgbaImage => {
		const data = transferPixels ? image.data : new Uint8ClampedArray(image.data);
		return transfer({ width: image.width, height: image.height, data }, [data.buffer as ArrayBuffer]);
	};

	async function call<T>(signal: AbortSignal | undefined, run: (id: number) => Promise<T>): Promise<T> {
		if (signal?.aborted) throw abortError();
		await configured;
		if (signal?.aborted) throw abortError(); // aborted while the configuration was in flight
		const id = nextId++;
		if (!signal) return run(id);
		return new Promise<T>((resolve, reject) => {
			const onAbort = () => {
				reject(abortError());
				void Promise.resolve(remote.cancel(id)).catch(() => undefined);
			};
			signal.addEventListener('abort', onAbort, { once: true });
			run(id).then(
				(v) => {
					signal.removeEventListener('abort', onAbort);
					resolve(v);
				},
				(e) => {
					signal.removeEventListener('abort', onAbort);
					reject(e);
				}
			);
		});
	}

	return {
		remote,
		detectFaces: (image: RgbaImage, o?: DetectOptions): Promise<FaceDetection[]> =>
			call(o?.signal, (id) => remote.detectFaces(id, sendImage(image), o?.live)),
		faceLandmarks: (image: RgbaImage, face: FaceDetection, o?: CallOptions): Promise<FaceLandmarks> =>
			call(o?.signal, (id) => remote.faceLandmarks(id, sendImage(image), face)),
		segmentPerson: (image: RgbaImage, o?: SegmentOptions): Promise<PersonMask> =>
			call(o?.signal, (id) => remote.segmentPerson(id, sendImage(image), o?.roi, o?.maxSide, o?.crop)),
		info: async () => {
			await configured;
			return remote.info();
		},
		dispose: async () => {
			await remote.dispose();
			if (isWorker) (target as Worker).terminate();
		}
	};
}

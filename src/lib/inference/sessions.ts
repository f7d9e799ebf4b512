/**
 * Lazily created onnxruntime-web sessions, one per model, with backend choice and a WASM fallback.
 *
 * Backend (see /work/shared/reference/model-conversion.md, "WebGPU rules" and "Sizes"):
 * - 'webgpu' when `navigator.gpu.requestAdapter()` returns an adapter: the runtime is imported from
 *   `onnxruntime-web/webgpu` (the native WebGPU EP build; it runs every op of the converted models,
 *   PRelu included, whereas the JSEP build sends PRelu to the CPU). Only then is that 28 MB build loaded.
 * - otherwise 'wasm' from `onnxruntime-web/wasm` (CPU only, SIMD): threads = min(4, hardwareConcurrency)
 *   when `crossOriginIsolated` (SharedArrayBuffer available), else 1.
 * - In Node (Vitest, CLI) the package's node entry (`onnxruntime-web`) is used, always WASM.
 *
 * Sanity check: every run is checked for NaN/Infinity; callers may add a check (the person-mask
 * coverage rule). A failed check on a non-WASM backend recreates that model's session on WASM
 * (same runtime module, executionProviders ['wasm']) and reruns; the model stays on WASM afterwards.
 */
import type * as OrtModule from 'onnxruntime-web';

/** The converted models (files models/onnx/<name>.onnx, produced by models/convert.ts). */
export const MODEL_NAMES = [
	'face_detection_short_range',
	'face_detection_full_range',
	'face_landmark_with_attention',
	'face_landmark',
	'selfie_segmentation'
] as const;
export type ModelName = (typeof MODEL_NAMES)[number];

/** Returns the bytes of `<name>.onnx`. Browser: fetch of a URL; Node: fs read (see loaders.ts). */
export type ModelLoader = (name: ModelName) => Promise<Uint8Array>;

export type Backend = 'webgpu' | 'wasm';
export type Ort = typeof OrtModule;

/** A float32 tensor: data in row-major order of `dims` (NHWC for images). */
export interface FloatTensor {
	data: Float32Array;
	dims: readonly number[];
}

/** Returns null when the outputs are acceptable, else a reason (used to trigger the WASM fallback). */
export type OutputCheck = (outputs: Record<string, FloatTensor>) => string | null;

export interface SessionManagerOptions {
	loader: ModelLoader;
	/** 'auto' (default) chooses as described above. */
	backend?: 'auto' | Backend;
	/** WASM threads; default min(4, hardwareConcurrency) when crossOriginIsolated, else 1. */
	numThreads?: number;
	/** Imports the runtime for a backend; injectable for tests. */
	loadOrt?: (backend: Backend) => Promise<Ort>;
	/** Sets `ort.env.wasm.wasmPaths` (URL prefix of the .wasm files) when given. */
	wasmPaths?: string;
	/** Receives diagnostics (fallbacks). Default: console.warn. */
	log?: (message: string) => void;
}

/** Information about where each model runs. */
export interface SessionInfo {
	backend: Backend;
	numThreads: number;
	/** Models that fell back to WASM after a failed sanity check, with the reason. */
	fallbacks: Record<string, string>;
}

interface Entry {
	session: OrtModule.InferenceSession;
	backend: Backend;
}

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined' && typeof self === 'undefined';

/** `navigator.gpu.requestAdapter()` gives a hardware (not fallback) adapter. Never throws. */
export async function hasWebGpuAdapter(): Promise<boolean> {
	type Adapter = { isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } };
	const gpu = (globalThis.navigator as unknown as { gpu?: { requestAdapter(): Promise<Adapter | null> } } | undefined)?.gpu;
	if (!gpu) return false;
	try {
		const adapter = await gpu.requestAdapter();
		// A fallback adapter is a software rasteriser (Chromium: SwiftShader), far slower than WASM with SIMD and
		// threads: use it only when asked for explicitly. (WebGPU spec, GPUAdapterInfo.isFallbackAdapter.)
		return adapter != null && !(adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false);
	} catch {
		return false;
	}
}

/** min(4, hardwareConcurrency) when crossOriginIsolated, else 1. */
export function defaultNumThreads(): number {
	const coi = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
	const hc = globalThis.navigator?.hardwareConcurrency ?? 1;
	return coi ? Math.max(1, Math.min(4, hc)) : 1;
}

async function defaultLoadOrt(backend: Backend): Promise<Ort> {
	if (isNode) return (await import('onnxruntime-web')) as Ort;
	if (backend === 'webgpu') return (await import('onnxruntime-web/webgpu')) as Ort;
	return (await import('onnxruntime-web/wasm')) as Ort;
}

/** True when any value is NaN or ±Infinity. */
export function hasNonFinite(data: Float32Array): boolean {
	for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return true;
	return false;
}

export class SessionManager {
	private readonly opts: SessionManagerOptions;
	private ortPromise: Promise<{ ort: Ort; backend: Backend; numThreads: number }> | null = null;
	private readonly entries = new Map<ModelName, Promise<Entry>>();
	private readonly fallbacks: Record<string, string> = {};
	/**
	 * onnxruntime-web runs one operation at a time per runtime: overlapping session creation and runs (e.g. a warm-up
	 * while the first photo is analysed) corrupted the WebGPU build's memory ("memory access out of bounds"). Every
	 * create and run is queued here.
	 */
	private queue: Promise<unknown> = Promise.resolve();

	constructor(options: SessionManagerOptions) {
		this.opts = options;
	}

	/** Runs `fn` after every operation queued before it. */
	private serial<T>(fn: () => Promise<T>): Promise<T> {
		const next = this.queue.then(fn, fn);
		this.queue = next.catch(() => undefined);
		return next;
	}

	/** Chooses the backend and imports the runtime, once. */
	private runtime(): Promise<{ ort: Ort; backend: Backend; numThreads: number }> {
		if (!this.ortPromise) {
			this.ortPromise = (async () => {
				const want = this.opts.backend ?? 'auto';
				const backend: Backend = want === 'auto' ? ((await hasWebGpuAdapter()) ? 'webgpu' : 'wasm') : want;
				const ort = await (this.opts.loadOrt ?? defaultLoadOrt)(backend);
				const numThreads = this.opts.numThreads ?? defaultNumThreads();
				ort.env.wasm.numThreads = numThreads;
				ort.env.wasm.simd = true;
				if (this.opts.wasmPaths) ort.env.wasm.wasmPaths = this.opts.wasmPaths;
				ort.env.logLevel = 'error';
				return { ort, backend, numThreads };
			})();
			this.ortPromise.catch(() => (this.ortPromise = null));
		}
		return this.ortPromise;
	}

	/** Backend, threads and fallbacks (resolves the backend choice if not done yet). */
	async info(): Promise<SessionInfo> {
		const { backend, numThreads } = await this.runtime();
		return { backend, numThreads, fallbacks: { ...this.fallbacks } };
	}

	private async create(name: ModelName, backend: Backend | null): Promise<Entry> {
		const rt = await this.runtime();
		const use = backend ?? rt.backend;
		const bytes = await this.opts.loader(name);
		const session = await this.serial(() =>
			rt.ort.InferenceSession.create(bytes, {
				executionProviders: [use],
				graphOptimizationLevel: 'all'
			})
		);
		return { session, backend: use };
	}

	/** The session of `name`, created on first use. */
	session(name: ModelName): Promise<Entry> {
		let e = this.entries.get(name);
		if (!e) {
			e = this.create(name, null);
			this.entries.set(name, e);
			e.catch(() => this.entries.delete(name));
		}
		return e;
	}

	/** Releases `name`'s session and recreates it on WASM. */
	async recreateOnWasm(name: ModelName, reason: string): Promise<Entry> {
		const old = this.entries.get(name);
		this.fallbacks[name] = reason;
		(this.opts.log ?? console.warn)(`inference: ${name} falls back to WASM (${reason})`);
		const e = this.create(name, 'wasm');
		this.entries.set(name, e);
		if (old) old.then((o) => o.session.release()).catch(() => undefined);
		return e;
	}

	/**
	 * Runs `name` on `feeds` and returns every output as float32.
	 * @throws Error when the outputs fail the checks on WASM (no further fallback), or the runtime throws.
	 */
	async run(name: ModelName, feeds: Record<string, FloatTensor>, check?: OutputCheck): Promise<Record<string, FloatTensor>> {
		let entry = await this.session(name);
		let outputs = await this.runOnce(entry, feeds);
		let problem = this.checkOutputs(outputs, check);
		if (problem && entry.backend !== 'wasm') {
			entry = await this.recreateOnWasm(name, problem);
			outputs = await this.runOnce(entry, feeds);
			problem = this.checkOutputs(outputs, check);
		}
		if (problem && problem.startsWith('non-finite')) throw new Error(`inference: ${name} output is invalid on WASM: ${problem}`);
		return outputs;
	}

	private checkOutputs(outputs: Record<string, FloatTensor>, check?: OutputCheck): string | null {
		for (const [k, t] of Object.entries(outputs)) if (hasNonFinite(t.data)) return `non-finite value in output ${k}`;
		return check ? check(outputs) : null;
	}

	private async runOnce(entry: Entry, feeds: Record<string, FloatTensor>): Promise<Record<string, FloatTensor>> {
		const { ort } = await this.runtime();
		const ortFeeds: Record<string, OrtModule.Tensor> = {};
		for (const [k, t] of Object.entries(feeds)) ortFeeds[k] = new ort.Tensor('float32', t.data, t.dims as number[]);
		const res = await this.serial(() => entry.session.run(ortFeeds));
		const out: Record<string, FloatTensor> = {};
		for (const [k, t] of Object.entries(res)) {
			if (t.type !== 'float32') throw new Error(`inference: output ${k} has type ${t.type}, expected float32`);
			out[k] = { data: t.data as Float32Array, dims: [...t.dims] };
			t.dispose();
		}
		return out;
	}

	/** Input names of `name`'s session (graph order). */
	async inputNames(name: ModelName): Promise<readonly string[]> {
		return (await this.session(name)).session.inputNames;
	}

	/** Releases every session. The manager can be used again afterwards (sessions are recreated). */
	async release(): Promise<void> {
		const all = [...this.entries.values()];
		this.entries.clear();
		await Promise.all(all.map((p) => p.then((e) => e.session.release()).catch(() => undefined)));
	}
}

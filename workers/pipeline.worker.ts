/**
 * The pipeline worker: decode → detect → landmarks → segment (analyse), then
 * geometry → matte → compose → encode → check (render), and print sheets, all off the UI thread.
 * One typed comlink API; the UI talks to it through src/lib/pipeline/client.ts.
 */
import { expose, transfer, wrap, type Remote } from 'comlink';
import { createInferenceEngine, type InferenceEngine } from '../src/lib/inference/engine';
import { fetchModelLoader } from '../src/lib/inference/loaders';
import { openBrowserPhoto } from '../src/lib/pipeline/decode/browser';
import { WORK_LIMIT_PX } from '../src/lib/pipeline/run/analyse';
import { analysePhoto, type Analysis } from '../src/lib/pipeline/run/analyse';
import { makeReport } from '../src/lib/pipeline/run/photo';
import { assessAnalysis, qualityInput } from '../src/lib/pipeline/run/report';
import { rulesForSpec, type QualityReport } from '../src/lib/quality';
import { renderPhoto, type Rendered } from '../src/lib/pipeline/run/render';
import { makeSheet } from '../src/lib/pipeline/run/sheet';
import { canvasJpeg, canvasPng } from '../src/lib/pipeline/encode/canvas';
import type { OpenedPhoto } from '../src/lib/pipeline/run/photo';
import type { AnalysisSummary, RenderResult, RenderSettings, SheetPaper } from '../src/lib/pipeline/api';
import { getSpec, parseSpec, type PhotoSpec } from '../src/lib/specs';
import type { QualityWorkerApi } from './quality.worker';
import { WARM_UP_RENDERS, WARM_UP_ROUNDS, WARM_UP_SETTINGS, WARM_UP_LONG_SIDE, WARM_UP_SPEC, WARM_UP_TOP_CROP, type WarmUpInfo } from '../src/lib/pipeline/run/warm-up';
import { upscaledJpeg } from '../src/lib/pipeline/run/warm-up-photo';
import { whenAborted, withFallback } from '../src/lib/pipeline/run/fallback';
import { BufferPool } from '../src/lib/pipeline/run/buffer-pool';
import { throwIfAborted } from '../src/lib/pipeline/run/errors';
import { scratch } from '../src/lib/memory/scratch';

interface Job {
	photo: OpenedPhoto;
	analysis: Analysis;
	/** Last render, reused by `sheet` when the settings are the same. */
	last?: { key: string; rendered: Rendered };
	/** Controller of the render in progress: a newer render aborts it. */
	rendering?: AbortController;
	/** The original file's bytes and format, for the quality checks (JPEG quantisation tables). */
	file: { bytes: Uint8Array | null; format: string | null };
	/**
	 * Quality checks of the input photo for the last spec, keyed by that spec's quality rules: started on the first
	 * render for a spec (in the quality worker, while this worker renders) and reused by every later render (the framing
	 * does not change them).
	 */
	quality?: { key: string; report: Promise<QualityReport> };
	/** Releases the full-resolution original. */
	close(): void;
	/** Calls (render, cutout, sheet) running on this job; its memory is recycled only once none is. */
	active: number;
	/**
	 * Set when the job is evicted (MAX_JOBS): its memory goes to the pools once no call runs on it; `qualityForgotten`
	 * settles when the quality worker has dropped its copy.
	 */
	evicted?: { qualityForgotten: Promise<unknown> };
	/** This job's copies in shared memory (working copy, file bytes) handed to the quality worker. */
	sharedBuffers: SharedArrayBuffer[];
	/**
	 * The pools' epochs (BufferPool.epoch) when the job was made: after forgetAll its memory, which holds its pixels, is
	 * not recycled (a photo evicted before may still have a call running, or its shared copies held by the quality worker).
	 */
	epochs: { working: number; shared: number };
}

let qualityRemote: Remote<QualityWorkerApi> | null = null;
/** Rejects when the quality worker fails (its script did not load, or it died); comlink calls would hang then. */
let qualityBroken: Promise<never> = new Promise<never>(() => {});
/** Set once the quality worker failed: the checks run on this thread from then on. */
let qualityDisabled = false;

/**
 * Time limit of one quality-check call to the quality worker: 15 s (the checks take 0.1–0.4 s in `npm run bench`),
 * after which this worker computes them itself. A guard against a worker that stopped answering, not a budget.
 */
const QUALITY_CALL_LIMIT_MS = 15_000;

/**
 * The quality worker (workers/quality.worker.ts), started on first use; null where workers cannot start workers or
 * after it failed (its `error` event: the script did not load, or an uncaught error).
 */
function qualityWorker(): Remote<QualityWorkerApi> | null {
	if (qualityRemote || qualityDisabled || typeof Worker === 'undefined') return qualityRemote;
	let worker: Worker;
	try {
		worker = new Worker(new URL('./quality.worker.ts', import.meta.url), { type: 'module', name: 'quality' });
	} catch (e) {
		// e.g. a Content-Security-Policy without worker-src for this origin: SecurityError
		console.warn(`quality worker failed (${e instanceof Error ? e.message : String(e)}); the quality checks run in the pipeline worker`);
		qualityDisabled = true;
		return null;
	}
	let fail!: (reason: Error) => void;
	qualityBroken = new Promise<never>((_, reject) => (fail = reject));
	qualityBroken.catch(() => {});
	worker.addEventListener('error', (event) => {
		event.preventDefault();
		console.warn(`quality worker failed (${event.message || 'it did not start'}); the quality checks run in the pipeline worker`);
		fail(new Error(`quality worker: ${event.message || 'failed to start'}`));
		qualityDisabled = true;
		qualityRemote = null;
		worker.terminate();
	});
	qualityRemote = wrap<QualityWorkerApi>(worker);
	return qualityRemote;
}

/**
 * Memory of evicted photos (MAX_JOBS), for the next photos' working copies (decode's pixelMemory) and their copies in
 * shared memory (`shared`): see src/lib/pipeline/run/buffer-pool.ts. Only evicted photos, the warm-up's runs and the
 * spares mapped after the warm-up (addSpareMemory) are recycled (a photo forgotten on request is released), and
 * forgetAll empties both pools. Measured on 2026-11-30 with
 * `npm run bench -- --threads 2 --runs 8 --rounds 6 --compare` (12 MP photos in a row, side by side with the build
 * before; together with the frame copy of decode/browser.ts jpegWorkingCopy): later photos 414 against 435 ms, decode
 * 65 against 75 ms, `other` (which holds the shared copy) 12 against 23 ms; an earlier run of the same change 439
 * against 453 ms.
 */
const workingCopies = new BufferPool((bytes) => new ArrayBuffer(bytes), 2);
const sharedCopies = new BufferPool((bytes) => new SharedArrayBuffer(bytes), 4);

/**
 * A copy of `a` in shared memory when the page is cross-origin isolated (posting it then shares the memory instead of
 * copying it on this thread: the working copy of a 12 MP photo is 12 MB at 2000x1500 px, the JPEG ~1.2 MB), recorded
 * in `keep` for recycling; `a` itself otherwise. The memory comes from `sharedCopies`. (Decoding the working copy
 * straight into shared memory was tried on 2026-11-30: the copy saved here, ~11 ms, came back as a row copy in each
 * region read, because ImageData cannot wrap shared memory. Tried again later that day with `npm run bench -- --rounds
 * 6 --compare`: `other` 9 against 18 ms but `read` 24 against 16 ms, later photos 378 against 380 ms, and every
 * re-render pays the row copy; not kept. Handing the quality worker the decoder's own pixels in shared memory, for it
 * to convert itself: later photos 472 against 424 ms, the matting slower while that worker converted; not kept.)
 */
function shared<T extends Uint8Array | Uint8ClampedArray>(a: T, keep: SharedArrayBuffer[]): T {
	if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined') return a;
	const buffer = sharedCopies.take(a.byteLength);
	keep.push(buffer);
	const copy = (a instanceof Uint8ClampedArray ? new Uint8ClampedArray(buffer, 0, a.length) : new Uint8Array(buffer, 0, a.length)) as T;
	copy.set(a);
	return copy;
}

/** Hands a job's analysis to the quality worker (read-only there). */
function openQuality(jobId: string, j: Job): void {
	const remote = qualityWorker();
	if (!remote) return;
	const input = qualityInput(j.analysis, { bytes: j.file.bytes && shared(j.file.bytes, j.sharedBuffers), format: j.file.format });
	void remote.open(jobId, { ...input, image: { ...input.image, data: shared(input.image.data, j.sharedBuffers) } }).catch(() => {});
}

/**
 * The input photo's quality checks for `spec`, from the job's cache when the rules are the same; computed in the
 * quality worker, or on this thread when that worker is missing or fails.
 */
function qualityFor(jobId: string, j: Job, spec: PhotoSpec): Promise<QualityReport> {
	const rules = rulesForSpec(spec);
	const key = JSON.stringify(rules);
	if (j.quality?.key !== key) {
		const remote = qualityWorker();
		const here = () => assessAnalysis(spec, j.analysis, j.file);
		const report = remote
			? withFallback(remote.assess(jobId, rules), qualityBroken, QUALITY_CALL_LIMIT_MS, here, (why) => console.warn('quality checks computed in the pipeline worker:', why))
			: Promise.resolve().then(here);
		const entry = { key, report };
		// a failure is not kept: the next render asks again
		report.catch(() => {
			if (j.quality === entry) j.quality = undefined;
		});
		j.quality = entry;
	}
	return j.quality.report;
}

/**
 * Drops a job and tells the quality worker to drop it. `evict` (MAX_JOBS) also recycles its memory: the working copy
 * into `workingCopies` once no call runs on the job, its shared copies into `sharedCopies` once the quality worker has
 * dropped them as well.
 */
function forget(jobId: string, evict = false): void {
	const j = jobs.get(jobId);
	jobs.delete(jobId);
	forgetJob(jobId, j, evict);
}

/**
 * forget's work on job `j` (kept under `jobId` in the quality worker), also for a warm-up job never in `jobs`. An
 * evicted job's photo stays open while calls run on it (a cut-out or sheet may still read the full-resolution
 * original): recycle closes it.
 */
function forgetJob(jobId: string, j: Job | undefined, evict: boolean): void {
	if (!evict) j?.close();
	const qualityForgotten = qualityRemote ? qualityRemote.forget(jobId) : Promise.reject(new Error('no quality worker'));
	qualityForgotten.catch(() => {});
	if (j && evict) {
		j.evicted = { qualityForgotten };
		if (j.active === 0) recycle(j);
	}
}

/** Closes an evicted job's photo and gives its memory to the pools (see forget), once no call runs on it. */
function recycle(j: Job): void {
	j.close();
	const buffers = j.sharedBuffers;
	j.sharedBuffers = [];
	// a photo from before the user deleted their data (forgetAll) keeps its memory out of the pools (Job.epochs)
	giveWorkingCopy(j.photo.work.data, j.epochs.working);
	// not recycled when the quality worker failed (it may still hold them): they are then left to the garbage collector
	j.evicted?.qualityForgotten.then(
		() => buffers.forEach((b) => sharedCopies.give(b, j.epochs.shared)),
		() => {}
	);
}

/**
 * Gives a working copy's memory to `workingCopies`: its whole buffer, when the copy starts it (a pooled buffer may be
 * longer); not kept when the pool was cleared since `epoch` (BufferPool.give).
 */
function giveWorkingCopy(data: Uint8ClampedArray, epoch?: number): void {
	if (data.buffer instanceof ArrayBuffer && data.byteOffset === 0) workingCopies.give(data.buffer, epoch);
}

/** Runs `fn` as a call on job `j` (counted in j.active, so an evicted job's memory is recycled only after it). */
async function onJob<T>(j: Job, fn: () => Promise<T>): Promise<T> {
	j.active++;
	try {
		return await fn();
	} finally {
		if (--j.active === 0 && j.evicted) recycle(j);
	}
}

/**
 * Photos (jobs) kept in memory: 2, the one the user sees and the one before it; the oldest is evicted when a new photo
 * arrives, before it is decoded, so that its working copy and shared copies take the new photo's pixels (see forget).
 * The app shows one photo at a time and asks only for its renders, sheets and cut-out; the history's pending saves ask
 * for their photo's cut-out as soon as another photo is chosen (src/lib/history/recorder.ts noteChosenPhoto), so they
 * do not depend on when the next photos arrive. An evicted photo's calls still running finish first (forgetJob).
 * With 3 jobs, evicted after the new photo's analysis, a photo's memory served the photo three later, so photos 2–4
 * after the warm-up each decoded into new memory. Measured on 2026-11-30 with `npm run bench -- --threads 2 --runs 5
 * --rounds 8 --compare` (12 MP photos in a row, side by side, same run): eviction before the decode against after it,
 * later photos 331 against 343 ms, the fourth photo's decode 92–104 against 135–145 ms; 2 jobs against 3 (both evicting
 * before the decode), later photos 386 against 420 ms, decode 104 against 121 ms.
 */
const MAX_JOBS = 2;
const jobs = new Map<string, Job>();
const calls = new Map<string, AbortController>();
let engine: InferenceEngine | null = null;
let config: WorkerConfig = { modelsUrl: '/models/', ortUrl: '/ort/' };

/** Where models and the WASM runtime are served (same origin), and optionally a forced backend (benchmarks). */
export interface WorkerConfig {
	modelsUrl: string;
	ortUrl: string;
	/** The bundled warm-up portrait (static/warm-up-portrait.jpg, same origin); no JIT warm-up without it. */
	warmUpPhotoUrl?: string;
	backend?: 'auto' | 'wasm' | 'webgpu';
	numThreads?: number;
}

function inference(): InferenceEngine {
	engine ??= createInferenceEngine({ loader: fetchModelLoader(config.modelsUrl), backend: config.backend ?? 'auto', numThreads: config.numThreads, wasmPaths: config.ortUrl });
	return engine;
}

function job(jobId: string): Job {
	const j = jobs.get(jobId);
	if (!j) throw new Error('This photo is no longer open. Add it again.');
	return j;
}

function resolveSpec(spec: string | PhotoSpec): PhotoSpec {
	return typeof spec === 'string' ? getSpec(spec) : parseSpec(spec);
}

/** Runs `fn` with an AbortSignal that `cancel(callId)` aborts. */
async function withCall<T>(callId: string | undefined, fn: (signal: AbortSignal) => Promise<T>, extra?: AbortSignal): Promise<T> {
	const controller = new AbortController();
	if (callId) calls.set(callId, controller);
	const onExtra = () => controller.abort(extra?.reason);
	extra?.addEventListener('abort', onExtra);
	try {
		return await fn(controller.signal);
	} finally {
		if (callId) calls.delete(callId);
		extra?.removeEventListener('abort', onExtra);
	}
}

/**
 * Decodes `file` (JPEG working copy at m/8 in the IDCT through WebCodecs ImageDecoder, decode/scaled.ts: 12 MP decode
 * ~320 → ~90 ms warm in bench/run.ts --compare; the crop is read from the working copy when it is fine enough for the
 * output, else from the full-resolution original, decoded then) and analyses it.
 * @throws as openBrowserPhoto and analysePhoto, and an AbortError when `signal` aborts; on error the decoded photo is
 *   closed and its working copy's memory goes back to `workingCopies` (a photo that fails, or is replaced by the next
 *   one, leaves it to the next photo).
 */
async function openAndAnalyse(file: Blob, signal: AbortSignal): Promise<{ job: Job; decodeMs: number; width: number; height: number; pooled: boolean }> {
	const t0 = performance.now();
	// the pools' epochs before this photo's memory is taken (Job.epochs)
	const epochs = { working: workingCopies.epoch, shared: sharedCopies.epoch };
	const decoded = await openBrowserPhoto(file, { workLimit: WORK_LIMIT_PX, scaledJpeg: true, pixelMemory: workingCopies });
	const decodeMs = performance.now() - t0;
	const photo: OpenedPhoto = {
		work: decoded.image,
		scale: decoded.scale,
		original: decoded.original,
		source: { width: decoded.original.width, height: decoded.original.height, read: async (box, w, h) => decoded.readRegion(box, w, h) }
	};
	let analysis: Analysis;
	try {
		analysis = await analysePhoto(photo.work, photo.scale, inference(), signal);
		// cancelled after the analysis's last abort check: not kept (analyse would let it evict a photo still in use)
		throwIfAborted(signal);
	} catch (e) {
		decoded.close();
		giveWorkingCopy(decoded.image.data, epochs.working);
		throw e;
	}
	const job: Job = { photo, analysis, file: { bytes: decoded.bytes, format: decoded.original.format }, close: decoded.close, active: 0, sharedBuffers: [], epochs };
	// pooled: the working copy was decoded into pool memory (the WebCodecs JPEG path; the others allocate their own)
	return { job, decodeMs, width: decoded.original.width, height: decoded.original.height, pooled: decoded.decoder === 'imagedecoder' };
}

/** The warm-up in progress or done (see api.warmUp); `rounds` is true once it runs on the warm-up portrait. */
let warming: { controller: AbortController; done: Promise<WarmUpInfo>; rounds: boolean } | null = null;

/**
 * Stops the warm-up before a new photo is analysed. While it only creates the model sessions the photo goes ahead at
 * once (it waits for the sessions it needs, as without a warm-up; the warm-up creates no further ones); once it runs
 * on the warm-up portrait, its running stage ends at the next abort check: an inference run or a canvas encode in
 * progress finishes first (a session runs one inference at a time), and its wait for the quality worker ends at once
 * (that worker finishes its check, up to ~0.4 s, before it takes the photo's).
 */
async function stopWarmUp(): Promise<void> {
	if (!warming) return;
	warming.controller.abort(new DOMException('A photo arrived', 'AbortError'));
	if (warming.rounds) await warming.done;
}

/** The warm-up's body: sessions, then WARM_UP_ROUNDS runs of the whole job on the bundled portrait and WARM_UP_RENDERS renders. */
async function runWarmUp(signal: AbortSignal): Promise<WarmUpInfo> {
	const t0 = performance.now();
	const sessions = inference().sessions;
	let sessionsMs = NaN;
	const models = ['face_detection_short_range', 'face_landmark_with_attention', 'selfie_segmentation', 'face_detection_full_range'] as const;
	for (let k = 0; k < models.length && !signal.aborted; k++) {
		await sessions.session(models[k]);
		if (k === models.length - 1) sessionsMs = performance.now() - t0;
	}
	const rounds = { done: 0, renders: 0 };
	let failure: string | undefined;
	if (config.warmUpPhotoUrl && !signal.aborted) {
		if (warming) warming.rounds = true;
		try {
			await warmUpRounds(config.warmUpPhotoUrl, signal, rounds);
		} catch (e) {
			// The rounds only speed up the first photo: their failure (e.g. the portrait missing from a deployment) is
			// reported to the caller of warmUp and logged, not shown to the user, and the photo engine works as before.
			if (!signal.aborted) {
				failure = e instanceof Error ? e.message : String(e);
				console.warn('warm-up runs failed:', failure);
			}
		}
	}
	return { sessionsMs, totalMs: performance.now() - t0, rounds: rounds.done, renders: rounds.renders, stopped: signal.aborted, ...(failure ? { failure } : {}) };
}

/**
 * WARM_UP_ROUNDS runs of the whole job on the warm-up portrait at `url` (the last one on it upscaled to a phone
 * photo's size, WARM_UP_LONG_SIDE, its top WARM_UP_TOP_CROP cut off), then WARM_UP_RENDERS renders of the last run's
 * analysis, each beside a run of its quality checks in the quality worker; counts the completed runs and renders in
 * `counter`. Each run's memory then goes to the pools, as an evicted photo's (forgetJob), and spares are mapped after
 * the last run (addSpareMemory).
 */
async function warmUpRounds(url: string, signal: AbortSignal, counter: { done: number; renders: number }): Promise<void> {
	const response = await fetch(url, { signal });
	if (!response.ok) throw new Error(`warm-up portrait: HTTP ${response.status}`);
	const portrait = await response.blob();
	const spec = getSpec(WARM_UP_SPEC);
	const aborted = whenAborted(signal);
	aborted.catch(() => {});
	for (let rounds = 0; rounds < WARM_UP_ROUNDS && !signal.aborted; rounds++) {
		const last = rounds === WARM_UP_ROUNDS - 1;
		const { job: j, pooled } = await openAndAnalyse(last ? await upscaledJpeg(portrait, WARM_UP_LONG_SIDE, WARM_UP_TOP_CROP) : portrait, signal);
		const id = `warm-up-${rounds}`;
		let usedShared = false;
		try {
			openQuality(id, j);
			const quality = qualityFor(id, j, spec);
			const rendered = await renderPhoto(j.analysis, j.photo.source, spec, WARM_UP_SETTINGS, { signal, encoders: { jpeg: canvasJpeg, png: canvasPng } });
			makeReport(spec, j.analysis, rendered, await Promise.race([quality, aborted]));
			// the PNG cut-out, as the app asks for it after a render (its alpha loop compiled before the first download)
			await rendered.png();
			counter.done++;
			if (last)
				for (let k = 0; k < WARM_UP_RENDERS && !signal.aborted; k++) {
					const checks = qualityRemote?.assess(id, rulesForSpec(spec)).catch(() => {});
					await renderPhoto(j.analysis, j.photo.source, spec, WARM_UP_SETTINGS, { signal, encoders: { jpeg: canvasJpeg, png: canvasPng } });
					await Promise.race([checks, aborted]);
					counter.renders++;
				}
		} finally {
			usedShared = j.sharedBuffers.length > 0;
			// its memory serves the next photos (the full-size run's working copy takes a phone photo's): see forget
			forgetJob(id, j, true);
		}
		if (last && !signal.aborted) addSpareMemory(j.photo.work.data.byteLength, pooled, usedShared);
	}
}

/**
 * Puts one more working copy's and shared copy's worth of memory (`bytes` each: the warm-up's full-size working copy,
 * 13.1 MB), its pages already mapped, into the pools (see src/lib/pipeline/run/buffer-pool.ts), at the end of the
 * warm-up. The first photo after the warm-up takes the full-size run's memory; with MAX_JOBS = 2 the second evicts
 * nothing and mapped fresh memory (44 ms per 13.1 MB buffer in Chromium on the 2-core machine, measured 2026-11-30: a
 * new ArrayBuffer written once per 4 KB page), the third takes the first's. Measured with `npm run bench -- --threads 2
 * --runs 5 --rounds 8 --compare` (rounds 2–8, side by side): the second photo after the warm-up 410 against 591 ms
 * (against the build before) and 427 against 517 ms (against the same build without this), its decode ~100 against
 * 130–200 ms. (A JPEG with an EXIF rotation takes two buffers, its frame and its upright copy: the spare then saves one
 * of the second photo's two mappings.) Only what the full-size run showed will be taken: the working copy when it was
 * decoded into pool memory (`working`: the WebCodecs JPEG path), the shared copy when the run made shared copies
 * (`shared`: a quality worker and cross-origin isolation). Held until a photo takes it; the pools are emptied with the
 * user's data (forgetAll).
 */
function addSpareMemory(bytes: number, working: boolean, shared: boolean): void {
	const mapped = <B extends ArrayBuffer | SharedArrayBuffer>(b: B): B => {
		const u8 = new Uint8Array(b);
		// one write per 4 KB page maps it (the kernel zeroes it then, not during the photo)
		for (let i = 0; i < u8.length; i += 4096) u8[i] = 0;
		return b;
	};
	if (working) workingCopies.give(mapped(new ArrayBuffer(bytes)));
	if (shared) sharedCopies.give(mapped(new SharedArrayBuffer(bytes)));
}

async function renderJob(j: Job, spec: PhotoSpec, settings: RenderSettings, signal: AbortSignal): Promise<Rendered> {
	const key = JSON.stringify([spec.id, settings]);
	if (j.last?.key === key) return j.last.rendered;
	const rendered = await renderPhoto(j.analysis, j.photo.source, spec, settings, { signal, encoders: { jpeg: canvasJpeg, png: canvasPng } });
	j.last = { key, rendered };
	return rendered;
}

const api = {
	/** Sets where models and the WASM runtime are served (same origin). Call before anything else. */
	init(options: WorkerConfig): void {
		config = { ...options };
	},

	/**
	 * Gets the worker ready for the first photo while the user chooses the document (the client starts it when the
	 * worker starts): creates the model sessions, then runs the whole job WARM_UP_ROUNDS times on the bundled warm-up
	 * portrait (src/lib/pipeline/run/warm-up.ts says why). Idempotent: later calls return the same result. `analyse`
	 * stops it first (render and sheet need a job, which only analyse makes); it then resolves with `stopped: true`.
	 * @returns what it did and how long it took (ms).
	 * @throws when a model session cannot be created (the first real call reports the same error to the user).
	 */
	warmUp(): Promise<WarmUpInfo> {
		if (!warming) {
			const controller = new AbortController();
			const done = runWarmUp(controller.signal);
			warming = { controller, done, rounds: false };
		}
		return warming.done;
	},

	/** Backend and threads the models run on (starts the runtime if needed). */
	async runtimeInfo() {
		return inference().info();
	},

	/** Aborts the call started with `callId` (its promise rejects with an AbortError). */
	cancel(callId: string): void {
		calls.get(callId)?.abort(new DOMException('Cancelled', 'AbortError'));
	},

	/** Decodes and analyses a photo; keeps it in the worker under the returned jobId. */
	async analyse(file: Blob, callId?: string): Promise<AnalysisSummary> {
		await stopWarmUp().catch(() => {});
		return withCall(callId, async (signal) => {
			// room for this photo before it is decoded: the oldest job's memory then takes its pixels (MAX_JOBS)
			while (jobs.size >= MAX_JOBS) forget(jobs.keys().next().value!, true);
			const { job: j, decodeMs, width, height } = await openAndAnalyse(file, signal);
			const analysis = j.analysis;
			const jobId = crypto.randomUUID();
			jobs.set(jobId, j);
			openQuality(jobId, j);
			// two analyses at once (the first not yet cancelled) can each have made room: keep MAX_JOBS
			while (jobs.size > MAX_JOBS) forget(jobs.keys().next().value!, true);
			const k = 1 / analysis.scale;
			const b = analysis.face.box;
			return {
				jobId,
				width,
				height,
				faceCount: analysis.faces.length,
				warnings: analysis.warnings,
				faceBox: { x: b.x * k, y: b.y * k, width: b.width * k, height: b.height * k },
				timings: { decode: decodeMs, ...analysis.timings }
			};
		});
	},

	/** Renders the finished photo; a newer render of the same job aborts this one. */
	async render(jobId: string, spec: string | PhotoSpec, settings: RenderSettings, callId?: string): Promise<RenderResult> {
		const j = job(jobId);
		j.rendering?.abort(new DOMException('Superseded by a newer request', 'AbortError'));
		const mine = new AbortController();
		j.rendering = mine;
		return withCall(
			callId,
			(signal) =>
				onJob(j, async () => {
					const s = resolveSpec(spec);
					// The input photo's quality checks (first render per spec; cached after) run in the quality worker while
					// this one renders; `quality` is the render's wait for them afterwards, and the report is timed too, so the
					// stage timings account for the whole call (bench/run.ts).
					const qualityPromise = qualityFor(jobId, j, s);
					qualityPromise.catch(() => {});
					const rendered = await renderJob(j, s, settings, signal);
					let t = performance.now();
					const quality = await qualityPromise;
					const qualityMs = performance.now() - t;
					t = performance.now();
					const report = makeReport(s, j.analysis, rendered, quality);
					const reportMs = performance.now() - t;
					const jpeg = rendered.jpeg.slice();
					const result: RenderResult = {
						jobId,
						jpeg,
						widthPx: rendered.image.width,
						heightPx: rendered.image.height,
						dpi: rendered.dpi,
						bytes: jpeg.byteLength,
						report,
						guides: rendered.guides,
						timings: { ...rendered.timings, quality: qualityMs, report: reportMs }
					};
					return transfer(result, [jpeg.buffer]);
				}),
			mine.signal
		);
	},

	/**
	 * The PNG cut-out (transparent background, alpha = the matte, pHYs at the render's dpi) of the job's photo rendered
	 * with `settings`: the last render when the settings are the same (its PNG is encoded on the first request and kept),
	 * else a new render. Kept out of `render` so that the finished JPEG arrives without waiting for it.
	 */
	async cutout(jobId: string, spec: string | PhotoSpec, settings: RenderSettings, callId?: string): Promise<Uint8Array> {
		const j = job(jobId);
		return withCall(callId, (signal) =>
			onJob(j, async () => {
				const rendered = await renderJob(j, resolveSpec(spec), settings, signal);
				const png = (await rendered.png()).slice();
				return transfer(png, [png.buffer]);
			})
		);
	},

	/** A print sheet of the job's photo (rendered with `settings`) as JPEG or PDF bytes. */
	async sheet(jobId: string, spec: string | PhotoSpec, settings: RenderSettings, paper: SheetPaper, format: 'jpeg' | 'pdf', callId?: string): Promise<Uint8Array> {
		const j = job(jobId);
		return withCall(callId, (signal) =>
			onJob(j, async () => {
				const s = resolveSpec(spec);
				const rendered = await renderJob(j, s, settings, signal);
				const { bytes } = await makeSheet({ spec: s, image: rendered.image, jpeg: rendered.jpeg, dpi: rendered.dpi }, paper, format);
				return transfer(bytes, [bytes.buffer as ArrayBuffer]);
			})
		);
	},

	/** Forgets a job (its pixels are released). */
	forget(jobId: string): void {
		forget(jobId);
	},

	/**
	 * Forgets every photo this worker and its quality worker hold ("Delete all my data"): their pixels, analyses and
	 * renders are released. Returns how many photos were held.
	 */
	forgetAll(): number {
		const n = jobs.size;
		for (const id of [...jobs.keys()]) forget(id);
		workingCopies.clear();
		sharedCopies.clear();
		// the matting's planes and the model inputs of the last photos (src/lib/memory/scratch.ts)
		scratch.clear();
		void qualityRemote?.forgetAll().catch(() => {});
		return n;
	}
};

export type PipelineWorkerApi = typeof api;

expose(api);

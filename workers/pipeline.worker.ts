/**
 * The pipeline worker: decode → detect → landmarks → segment (analyse), then
 * geometry → matte → compose → encode → check (render), and print sheets, all off the UI thread.
 * One typed comlink API; the UI talks to it through src/lib/pipeline/client.ts.
 */
import { expose, transfer } from 'comlink';
import { createInferenceEngine, type InferenceEngine } from '../src/lib/inference/engine';
import { fetchModelLoader } from '../src/lib/inference/loaders';
import { openBrowserPhoto } from '../src/lib/pipeline/decode/browser';
import { WORK_LIMIT_PX } from '../src/lib/pipeline/run/analyse';
import { analysePhoto, type Analysis } from '../src/lib/pipeline/run/analyse';
import { makeReport } from '../src/lib/pipeline/run/photo';
import { assessAnalysis } from '../src/lib/pipeline/run/report';
import { rulesForSpec, type QualityReport } from '../src/lib/quality';
import { renderPhoto, type Rendered } from '../src/lib/pipeline/run/render';
import { makeSheet } from '../src/lib/pipeline/run/sheet';
import { canvasJpeg, canvasPng } from '../src/lib/pipeline/encode/canvas';
import type { OpenedPhoto } from '../src/lib/pipeline/run/photo';
import type { AnalysisSummary, RenderResult, RenderSettings, SheetPaper } from '../src/lib/pipeline/api';
import { getSpec, parseSpec, type PhotoSpec } from '../src/lib/specs';

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
	 * Quality checks of the input photo for the last spec, keyed by that spec's quality rules: computed on the first
	 * render for a spec and reused by every later render (the framing does not change them).
	 */
	quality?: { key: string; report: QualityReport };
	/** Releases the full-resolution original. */
	close(): void;
}

/** The input photo's quality checks for `spec`, from the job's cache when the rules are the same. */
function qualityFor(j: Job, spec: PhotoSpec): QualityReport {
	const key = JSON.stringify(rulesForSpec(spec));
	if (j.quality?.key !== key) j.quality = { key, report: assessAnalysis(spec, j.analysis, j.file) };
	return j.quality.report;
}

function forget(jobId: string): void {
	jobs.get(jobId)?.close();
	jobs.delete(jobId);
}

/** Jobs kept in memory (the newest few); older ones are dropped. */
const MAX_JOBS = 3;
const jobs = new Map<string, Job>();
const calls = new Map<string, AbortController>();
let engine: InferenceEngine | null = null;
let config: WorkerConfig = { modelsUrl: '/models/', ortUrl: '/ort/' };

/** Where models and the WASM runtime are served (same origin), and optionally a forced backend (benchmarks). */
export interface WorkerConfig {
	modelsUrl: string;
	ortUrl: string;
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

async function renderJob(j: Job, jobId: string, spec: PhotoSpec, settings: RenderSettings, signal: AbortSignal): Promise<Rendered> {
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
	 * Creates the model sessions the pipeline uses now, so the first photo does not wait for them
	 * (the app calls this while the user chooses the document).
	 */
	async warmUp(): Promise<void> {
		const sessions = inference().sessions;
		for (const name of ['face_detection_short_range', 'face_landmark_with_attention', 'selfie_segmentation', 'face_detection_full_range'] as const) await sessions.session(name);
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
		return withCall(callId, async (signal) => {
			const t0 = performance.now();
			// JPEG working copy decoded at m/8 in the IDCT (WebCodecs ImageDecoder, decode/scaled.ts): 12 MP decode
			// ~320 → ~90 ms warm in bench/run.ts --compare (see DecodeOptions.scaledJpeg); the crop is read from the working
			// copy when it is fine enough for the output, else from the full-resolution original, decoded then.
			const decoded = await openBrowserPhoto(file, { workLimit: WORK_LIMIT_PX, scaledJpeg: true });
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
			} catch (e) {
				decoded.close();
				throw e;
			}
			const jobId = crypto.randomUUID();
			jobs.set(jobId, { photo, analysis, file: { bytes: decoded.bytes, format: decoded.original.format }, close: decoded.close });
			while (jobs.size > MAX_JOBS) forget(jobs.keys().next().value!);
			const k = 1 / analysis.scale;
			const b = analysis.face.box;
			return {
				jobId,
				width: decoded.original.width,
				height: decoded.original.height,
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
			async (signal) => {
				const s = resolveSpec(spec);
				const rendered = await renderJob(j, jobId, s, settings, signal);
				// The input photo's quality checks (first render per spec; cached after) and the report are timed too, so
				// the stage timings account for the whole call (bench/run.ts).
				let t = performance.now();
				const quality = qualityFor(j, s);
				const qualityMs = performance.now() - t;
				t = performance.now();
				const report = makeReport(s, j.analysis, rendered, quality);
				const reportMs = performance.now() - t;
				const jpeg = rendered.jpeg.slice();
				const png = rendered.png.slice();
				const result: RenderResult = {
					jobId,
					jpeg,
					png,
					widthPx: rendered.image.width,
					heightPx: rendered.image.height,
					dpi: rendered.dpi,
					bytes: jpeg.byteLength,
					report,
					guides: rendered.guides,
					timings: { ...rendered.timings, quality: qualityMs, report: reportMs }
				};
				return transfer(result, [jpeg.buffer, png.buffer]);
			},
			mine.signal
		);
	},

	/** A print sheet of the job's photo (rendered with `settings`) as JPEG or PDF bytes. */
	async sheet(jobId: string, spec: string | PhotoSpec, settings: RenderSettings, paper: SheetPaper, format: 'jpeg' | 'pdf', callId?: string): Promise<Uint8Array> {
		const j = job(jobId);
		return withCall(callId, async (signal) => {
			const s = resolveSpec(spec);
			const rendered = await renderJob(j, jobId, s, settings, signal);
			const { bytes } = await makeSheet({ spec: s, image: rendered.image, jpeg: rendered.jpeg, dpi: rendered.dpi }, paper, format);
			return transfer(bytes, [bytes.buffer as ArrayBuffer]);
		});
	},

	/** Forgets a job (its pixels are released). */
	forget(jobId: string): void {
		forget(jobId);
	}
};

export type PipelineWorkerApi = typeof api;

expose(api);

/**
 * The UI's view of the pipeline worker. The UI only talks to the pipeline through
 * `PipelineClient`; the implementation lives in `$lib/pipeline/client.ts` (owned by the lead),
 * which runs everything in a Web Worker on this device. Nothing here touches the network.
 *
 * The implementation module is loaded lazily (it starts the worker), on the first call of
 * `getPipelineClient`.
 */
import type { AnalysisSummary, RenderResult, RenderSettings, SheetPaper } from '$lib/pipeline/api';

/** Options for the long calls: an abort signal; aborting rejects the call with a DOMException named "AbortError". */
export interface PipelineCallOptions {
	signal?: AbortSignal;
}

/** Progress of `analyse`, if the implementation reports it. */
export interface AnalysisProgress {
	/** Short stage name for the user, e.g. "Reading the photo", "Finding the face". */
	stage: string;
	/** Overall fraction done in [0, 1], or null when unknown. */
	fraction: number | null;
}

export interface AnalyseOptions extends PipelineCallOptions {
	/** Called zero or more times while the photo is analysed. */
	onProgress?: (progress: AnalysisProgress) => void;
}

/** Print-sheet output format. */
export type SheetFormat = 'jpeg' | 'pdf';

/**
 * What the UI needs from the pipeline worker (contract types in `$lib/pipeline/api.ts`).
 * All calls run on the device. A newer `render` for the same job supersedes an older one;
 * the UI also aborts the older one through its signal.
 */
export interface PipelineClient {
	/**
	 * Decode the photo (JPEG, PNG, WebP, HEIC/HEIF; EXIF orientation applied), find the face,
	 * landmarks and the person mask. Rejects with an Error whose message is fit to show the user
	 * (e.g. "No face found in this photo").
	 */
	analyse(file: Blob, options?: AnalyseOptions): Promise<AnalysisSummary>;
	/**
	 * Releases every photo the engine holds in memory (pixels, analyses, renders), e.g. for "Delete all my data".
	 * Resolves with how many photos were held.
	 */
	forgetAll?(): Promise<number>;
	/** Crop, scale, replace the background and encode the photo for `specId`; also checks it. */
	render(jobId: string, specId: string, settings: RenderSettings, options?: PipelineCallOptions): Promise<RenderResult>;
	/**
	 * The PNG cut-out (transparent background, alpha = the matte, pHYs at the render's dpi) of the render with these
	 * settings, encoded on request (not part of `render`, so the JPEG arrives first).
	 */
	cutout(jobId: string, specId: string, settings: RenderSettings, options?: PipelineCallOptions): Promise<Uint8Array>;
	/**
	 * Lay out copies of the rendered photo on `paper` (4x6 in, 5x7 in, 10x15 cm, A4, Letter) and
	 * encode it: JPEG bytes or PDF bytes.
	 */
	sheet(
		jobId: string,
		specId: string,
		settings: RenderSettings,
		paper: SheetPaper,
		format: SheetFormat,
		options?: PipelineCallOptions
	): Promise<Uint8Array>;
}

/** Thrown by `getPipelineClient` when the pipeline module is missing or fails to start. */
export class PipelineUnavailableError extends Error {
	constructor(message: string, options?: { cause?: unknown }) {
		super(message, options);
		this.name = 'PipelineUnavailableError';
	}
}

let instance: Promise<PipelineClient> | null = null;

/**
 * The single pipeline client of this page, created on first use.
 * @throws PipelineUnavailableError (as a rejected promise) when the module is absent or its factory
 *   throws; the cached promise is then dropped so a later call retries.
 */
export function getPipelineClient(): Promise<PipelineClient> {
	instance ??= load().catch((error: unknown) => {
		instance = null;
		throw error;
	});
	return instance;
}

async function load(): Promise<PipelineClient> {
	let mod: typeof import('$lib/pipeline/client');
	try {
		mod = await import('$lib/pipeline/client');
	} catch (cause) {
		throw new PipelineUnavailableError('The photo engine could not be loaded. Reload the page to try again.', { cause });
	}
	try {
		return mod.createPipelineClient();
	} catch (cause) {
		const detail = cause instanceof Error ? `: ${cause.message}` : '';
		throw new PipelineUnavailableError(`The photo engine could not start${detail}`, { cause });
	}
}

/**
 * Releases every photo held by the photo engine of this page, when it was started (it is not started for this):
 * resolves with how many photos it held, 0 when none was running.
 * @throws what the engine's forgetAll throws (as a rejected promise).
 */
export async function releasePhotos(): Promise<number> {
	if (!instance) return 0;
	const client = await instance.catch(() => null);
	return (await client?.forgetAll?.()) ?? 0;
}

/** True for the rejection an aborted call produces (DOMException or Error named "AbortError"). */
export function isAbortError(error: unknown): boolean {
	return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** A message fit to show the user for any rejection value. */
export function errorMessage(error: unknown): string {
	if (error instanceof Error && error.message) return error.message;
	if (typeof error === 'string' && error) return error;
	return 'Something went wrong while processing the photo.';
}

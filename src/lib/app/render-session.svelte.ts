/**
 * The rendered photo for one (photo, spec) pair and the user's adjustments. Each change of the
 * settings re-renders after a 100 ms debounce; a newer render aborts the older one
 * (see LatestRequest), so the preview follows the sliders without piling up work.
 */
import type { PhotoSpec } from '$lib/specs/schema';
import type { RenderResult, RenderSettings } from '$lib/pipeline/api';
import { LatestRequest } from './latest-request';
import { errorMessage, getPipelineClient } from './pipeline-client';
import { recordRender } from '$lib/history/recorder';
import { cutoutOf, registerCutout } from './cutout';

/** Print dpi used when a spec names none (schema.ts DEFAULT_DPI, the usual photo-lab resolution). */
const FALLBACK_DPI = 300;

/**
 * Neutral settings: target head size, centred, eye line in the middle of its window, and the
 * spec's own print dpi (e.g. 400 for the Dutch passport, whose source asks for at least 400 dpi).
 */
export function defaultSettings(background: string, specDpi?: number): RenderSettings {
	return { background, headScale: 0, offsetXPx: 0, offsetY: 0, dpi: specDpi ?? FALLBACK_DPI };
}

/**
 * The print resolutions offered for a spec, ascending, in dpi: 300 and 600 (common lab resolutions) and the
 * spec's own print dpi when it is another value.
 */
/**
 * Whether the user may choose a print resolution for `spec`: only when it is printed and its pixel size follows from
 * mm × dpi. A spec with an exact digital pixel size (e.g. cn-resident-id, 358×441 px at 350 dpi, GA 461) keeps that size
 * whatever dpi is asked for (pipeline/run/target.ts specAtDpi), so offering 300/600 there would change nothing.
 */
export function printDpiSelectable(spec: Pick<PhotoSpec, 'print' | 'digital'>): boolean {
	return spec.print !== undefined && !(spec.digital?.widthPx !== undefined && spec.digital?.heightPx !== undefined);
}

export function printDpiChoices(specDpi?: number): number[] {
	return [...new Set([300, 600, specDpi ?? FALLBACK_DPI])].sort((a, b) => a - b);
}

export class RenderSession {
	result = $state.raw<RenderResult | null>(null);
	/** Object URL of `result.jpeg` for the preview; revoked when replaced or on dispose. */
	previewUrl = $state<string | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);

	#runner = new LatestRequest<RenderResult>(
		{
			onResult: (result) => this.#show(result),
			onError: (error) => {
				this.error = errorMessage(error);
			},
			onBusy: (busy) => {
				this.busy = busy;
			}
		},
		100
	);

	/** Ask for a render of `jobId` for `specId` with `settings` (debounced; latest wins). */
	request(jobId: string, specId: string, settings: RenderSettings): void {
		// Snapshot: the settings object is reactive state and may change before the task runs.
		const snapshot: RenderSettings = { ...settings };
		this.#runner.request(async (signal) => {
			const client = await getPipelineClient();
			const result = await client.render(jobId, specId, snapshot, { signal });
			// Its PNG cut-out is encoded when first asked for (download button, history): cutout.ts.
			registerCutout(result, () => client.cutout(jobId, specId, snapshot));
			// Keep the finished photo in the local history (debounced; skipped when history is off).
			if (!signal.aborted) recordRender(jobId, specId, snapshot, result, () => cutoutOf(result));
			return result;
		});
	}

	/** Abort any pending or running render and free the preview. */
	dispose(): void {
		this.#runner.cancel();
		if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
		this.previewUrl = null;
		this.result = null;
	}

	#show(result: RenderResult): void {
		const url = URL.createObjectURL(new Blob([result.jpeg.slice()], { type: 'image/jpeg' }));
		if (this.previewUrl) URL.revokeObjectURL(this.previewUrl);
		this.previewUrl = url;
		this.result = result;
		this.error = null;
	}
}

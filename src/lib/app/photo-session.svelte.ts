/**
 * The user's photo and its analysis. The selected file is kept for the whole session, so a
 * failed analysis can be retried without choosing the photo again.
 */
import type { AnalysisSummary } from '$lib/pipeline/api';
import { errorMessage, getPipelineClient, isAbortError, type AnalysisProgress } from './pipeline-client';
import { photoFileProblem } from './photo-file';
import { noteChosenPhoto } from '$lib/history/recorder';
import { isFileProblem, retryCannotHelp } from '$lib/i18n/errors';

export type PhotoPhase = 'empty' | 'analysing' | 'ready' | 'error';

export class PhotoSession {
	/** The photo as chosen by the user (kept on error). */
	file = $state.raw<File | null>(null);
	phase = $state<PhotoPhase>('empty');
	progress = $state.raw<AnalysisProgress | null>(null);
	analysis = $state.raw<AnalysisSummary | null>(null);
	error = $state<string | null>(null);
	/** True when the error concerns the file itself (not a photo), so retrying it is pointless. */
	fileRejected = $state(false);
	/**
	 * Whether "Try again" can help: an error with the photo kept, not a file problem and not "no face found" (the same
	 * file fails the same way again: retryCannotHelp).
	 */
	readonly retryable = $derived(this.phase === 'error' && this.file !== null && !this.fileRejected && !retryCannotHelp(this.error));

	#controller: AbortController | null = null;

	/** Take a new photo and analyse it; a running analysis of an older photo is aborted. */
	choose(file: File): void {
		const problem = photoFileProblem(file);
		if (problem) {
			// Keep the previous good photo, if any; only report the problem.
			this.error = problem;
			this.fileRejected = true;
			if (this.phase !== 'ready') this.phase = 'error';
			return;
		}
		this.file = file;
		// The history keeps the original photo with the results made from it (and deletes it with them).
		noteChosenPhoto(file);
		void this.#analyse(file);
	}

	/** Analyse the kept photo again (after an error). */
	retry(): void {
		if (this.file) void this.#analyse(this.file);
	}

	/** Stop a running analysis; the photo is kept so it can be retried. */
	cancel(): void {
		if (this.phase !== 'analysing') return;
		this.#controller?.abort();
		this.#controller = null;
		this.phase = 'error';
		this.error = 'Analysis cancelled.';
		this.fileRejected = false;
	}

	/** Forget the photo and its analysis. */
	clear(): void {
		this.#controller?.abort();
		this.#controller = null;
		this.file = null;
		this.analysis = null;
		this.progress = null;
		this.error = null;
		this.fileRejected = false;
		this.phase = 'empty';
	}

	async #analyse(file: File): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.phase = 'analysing';
		this.error = null;
		this.fileRejected = false;
		this.analysis = null;
		this.progress = { stage: 'Starting the photo engine', fraction: null };
		try {
			const client = await getPipelineClient();
			if (controller.signal.aborted) return;
			this.progress = { stage: 'Reading the photo', fraction: null };
			const summary = await client.analyse(file, {
				signal: controller.signal,
				onProgress: (progress) => {
					if (!controller.signal.aborted) this.progress = progress;
				}
			});
			if (controller.signal.aborted) return;
			if (summary.faceCount === 0 || !summary.faceBox) {
				throw new Error('No face was found in this photo. Use a photo that shows your face from the front, well lit.');
			}
			this.analysis = summary;
			this.phase = 'ready';
		} catch (error) {
			if (controller.signal.aborted || isAbortError(error)) return;
			this.error = errorMessage(error);
			// A file that cannot be decoded (damaged, truncated, not an image, too small...) fails the same way again.
			this.fileRejected = isFileProblem(error);
			this.phase = 'error';
		} finally {
			if (this.#controller === controller) {
				this.#controller = null;
				this.progress = null;
			}
		}
	}
}

/**
 * Keeps each finished photo in the local history: called by RenderSession after every render;
 * saves are debounced per (photo, document) so moving a slider writes once, after it settles.
 * The original photo is the one the user chose last (noteChosenPhoto), bound to the first job
 * rendered after that choice. Nothing is saved when the user chose "keep nothing".
 */
import type { RenderResult, RenderSettings } from '$lib/pipeline/api';
import { keepsHistory } from './expiry';
import { HistoryError } from './errors';
import { historyStore } from './instance';
import { readExpirySetting } from './settings';
import { historyStatus } from './status.svelte';
import { makeThumbnail } from './thumbnail';

/** Wait after the last render of an item before saving it, in ms. */
export const SAVE_DEBOUNCE_MS = 800;

let pendingOriginal: File | null = null;
const originals = new Map<string, File>();
/** Saves waiting for their debounce, by `${jobId}:${specId}`: the timer and the save it starts. */
const pending = new Map<string, { timer: ReturnType<typeof setTimeout>; run: () => void }>();
const inflight = new Set<Promise<void>>();

/**
 * Remember the photo the user just chose (file input, drop, paste, share or file handler). Saves still waiting for
 * their debounce start now: the previous photo's results cannot change any more, and each save asks the pipeline worker
 * for its photo's PNG cut-out, which the worker can give only while it keeps that photo (the newest few:
 * workers/pipeline.worker.ts MAX_JOBS); asked for now, it does not depend on when the next photos arrive.
 */
export function noteChosenPhoto(file: File): void {
	for (const { timer, run } of [...pending.values()]) {
		clearTimeout(timer);
		run();
	}
	pendingOriginal = file;
}

/** Forget every remembered photo (after "Delete all my data"). */
export function forgetChosenPhotos(): void {
	pendingOriginal = null;
	originals.clear();
	for (const { timer } of pending.values()) clearTimeout(timer);
	pending.clear();
}

function originalFor(jobId: string): File | undefined {
	let file = originals.get(jobId);
	if (!file && pendingOriginal) {
		file = pendingOriginal;
		pendingOriginal = null;
		originals.set(jobId, file);
	}
	return file;
}

/**
 * Queue `result` of `jobId` for `specId` with `settings` for the history (debounced). `png` gives its PNG cut-out, asked
 * for only when the save runs (the worker encodes it on request: app/cutout.ts cutoutOf).
 */
export function recordRender(jobId: string, specId: string, settings: RenderSettings, result: RenderResult, png: () => Promise<Uint8Array>): void {
	const key = `${jobId}:${specId}`;
	const original = originalFor(jobId);
	clearTimeout(pending.get(key)?.timer);
	const run = () => {
		pending.delete(key);
		const p = save(jobId, specId, settings, result, png, original).finally(() => inflight.delete(p));
		inflight.add(p);
	};
	pending.set(key, { timer: setTimeout(run, SAVE_DEBOUNCE_MS), run });
}

/** Resolves when no save is queued or running (tests and the wipe use it). */
export async function historySettled(): Promise<void> {
	while (pending.size > 0 || inflight.size > 0) {
		await Promise.all(inflight);
		if (pending.size > 0) await new Promise((r) => setTimeout(r, SAVE_DEBOUNCE_MS));
	}
}

async function save(jobId: string, specId: string, settings: RenderSettings, result: RenderResult, cutout: () => Promise<Uint8Array>, original?: File): Promise<void> {
	if (!keepsHistory(readExpirySetting())) return;
	try {
		const jpeg = result.jpeg.slice();
		const [thumb, png] = await Promise.all([makeThumbnail(new Blob([jpeg], { type: 'image/jpeg' })), cutout()]);
		await historyStore.save({
			jobId,
			specId,
			settings,
			report: result.report,
			widthPx: result.widthPx,
			heightPx: result.heightPx,
			dpi: result.dpi,
			jpeg,
			png,
			thumb,
			original
		});
		historyStatus.available = true;
		if (historyStatus.problem) historyStatus.problem = null;
		historyStatus.changed();
	} catch (error) {
		if (error instanceof HistoryError) {
			historyStatus.problem = error.message;
			if (error.reason === 'unavailable') historyStatus.available = false;
		} else {
			historyStatus.problem = `The photo could not be kept in the history (${String(error)}).`;
		}
	}
}

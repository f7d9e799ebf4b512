/**
 * Choosing a new photo starts the previous photo's pending saves at once instead of after SAVE_DEBOUNCE_MS: the
 * pipeline worker keeps only its newest photos (workers/pipeline.worker.ts MAX_JOBS), so the save's PNG cut-out is
 * asked for while the worker still has the photo, whenever the next photos arrive. Each save keeps the original it was
 * rendered from.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { historySettled, noteChosenPhoto, recordRender, SAVE_DEBOUNCE_MS } from '../../../src/lib/history/recorder';
import { historyStore } from '../../../src/lib/history/instance';
import { CUTOUT_PNG, renderResult, SETTINGS } from './entry-fixture';

describe('recorder when a new photo is chosen', () => {
	it('asks for the pending cut-out at once and saves it with the photo it was made from', async () => {
		const first = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xd9])], 'first.jpg', { type: 'image/jpeg' });
		const second = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xd9, 0])], 'second.jpg', { type: 'image/jpeg' });
		noteChosenPhoto(first);
		const result = renderResult('job-first');
		const cutout = vi.fn(async () => CUTOUT_PNG);
		const started = performance.now();
		recordRender(result.jobId, 'eu-schengen-visa', SETTINGS, result, cutout);
		expect(cutout).not.toHaveBeenCalled();

		noteChosenPhoto(second);
		// synchronously, before the new photo's analysis can be sent to the worker
		expect(cutout).toHaveBeenCalledTimes(1);
		await historySettled();
		expect(performance.now() - started).toBeLessThan(SAVE_DEBOUNCE_MS);

		const id = `${result.jobId}:eu-schengen-visa`;
		expect((await historyStore.get(id))?.original).toEqual({ name: 'first.jpg', type: 'image/jpeg' });
		expect(new Uint8Array(await (await historyStore.blob(id, 'png'))!.arrayBuffer())).toEqual(CUTOUT_PNG);
		expect((await historyStore.blob(id, 'original'))?.size).toBe(4);
	});
});

/**
 * A full device must reach the user: when IndexedDB's put throws QuotaExceededError (W3C
 * IndexedDB §4.6 / Storage Standard), the recorder sets historyStatus.problem to QUOTA_MESSAGE
 * (shown under the downloads and on /history); the next successful save clears it.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { historySettled, recordRender } from '../../../src/lib/history/recorder';
import { historyStatus } from '../../../src/lib/history/status.svelte';
import { historyStore } from '../../../src/lib/history/instance';
import { QUOTA_MESSAGE } from '../../../src/lib/history/errors';
import type { RenderResult } from '../../../src/lib/pipeline/api';

const RESULT = {
	jobId: 'job-q',
	jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
	png: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
	bytes: 4,
	widthPx: 413,
	heightPx: 531,
	dpi: 300,
	report: { spec: { id: 'eu-schengen-visa', name: 'Schengen visa' } }
} as unknown as RenderResult;
const SETTINGS = { background: '#f0f0f0', headScale: 0, offsetXPx: 0, offsetY: 0, dpi: 300 as const };

describe('recorder on a full device', () => {
	afterEach(() => vi.restoreAllMocks());

	it('sets the quota message when the store’s put throws QuotaExceededError, and clears it after a save that fits', async () => {
		historyStatus.problem = null;
		const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		recordRender(RESULT.jobId, 'eu-schengen-visa', SETTINGS, RESULT);
		await historySettled();
		expect(put).toHaveBeenCalled();
		expect(historyStatus.problem).toBe(QUOTA_MESSAGE);
		// The history stays usable (not "unavailable"), and nothing half-written is left.
		expect(historyStatus.available).not.toBe(false);
		expect(await historyStore.count()).toBe(0);
		expect(await historyStore.blobCount()).toBe(0);

		put.mockRestore();
		recordRender(RESULT.jobId, 'eu-schengen-visa', SETTINGS, RESULT);
		await historySettled();
		expect(historyStatus.problem).toBeNull();
		expect(await historyStore.count()).toBe(1);
	});
});

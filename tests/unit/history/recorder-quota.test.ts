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
import { renderResult, SETTINGS, cutout } from './entry-fixture';

const RESULT = renderResult('job-q');

describe('recorder on a full device', () => {
	afterEach(() => vi.restoreAllMocks());

	it('sets the quota message when the store’s put throws QuotaExceededError, and clears it after a save that fits', async () => {
		historyStatus.problem = null;
		const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		recordRender(RESULT.jobId, 'eu-schengen-visa', SETTINGS, RESULT, cutout);
		await historySettled();
		expect(put).toHaveBeenCalled();
		expect(historyStatus.problem).toBe(QUOTA_MESSAGE);
		// The history stays usable (not "unavailable"), and nothing half-written is left.
		expect(historyStatus.available).not.toBe(false);
		expect(await historyStore.count()).toBe(0);
		expect(await historyStore.blobCount()).toBe(0);

		put.mockRestore();
		recordRender(RESULT.jobId, 'eu-schengen-visa', SETTINGS, RESULT, cutout);
		await historySettled();
		expect(historyStatus.problem).toBeNull();
		expect(await historyStore.count()).toBe(1);
	});
});

/**
 * "Delete all my data" must not undo the privacy choice "keep nothing": localStorage is cleared,
 * but the expiry setting is written back, so a photo made after the wipe is still not kept.
 * Runs the real wipe, recorder and store on fake-indexeddb with in-memory Web Storage.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteAllMyData } from '../../../src/lib/history/wipe';
import { EXPIRY_KEY, readExpirySetting, writeExpirySetting } from '../../../src/lib/history/settings';
import { historySettled, recordRender } from '../../../src/lib/history/recorder';
import { historyStore } from '../../../src/lib/history/instance';
import type { RenderResult } from '../../../src/lib/pipeline/api';
import { CUTOUT_PNG, pendingOrder, renderResult, SETTINGS, cutout } from './entry-fixture';

/** Web Storage (HTML §12.2) in memory, enough for the wipe and the settings. */
class MemoryStorage implements Storage {
	#map = new Map<string, string>();
	get length() {
		return this.#map.size;
	}
	clear() {
		this.#map.clear();
	}
	getItem(key: string) {
		return this.#map.get(key) ?? null;
	}
	key(i: number) {
		return [...this.#map.keys()][i] ?? null;
	}
	removeItem(key: string) {
		this.#map.delete(key);
	}
	setItem(key: string, value: string) {
		this.#map.set(key, String(value));
	}
}

const RESULT = renderResult('job-after-wipe');

async function databaseNames(): Promise<string[]> {
	return (await indexedDB.databases()).map((d) => d.name ?? '');
}

describe('Delete all my data keeps the history setting', () => {
	let local: MemoryStorage;
	beforeEach(() => {
		local = new MemoryStorage();
		vi.stubGlobal('localStorage', local);
		vi.stubGlobal('sessionStorage', new MemoryStorage());
		vi.stubGlobal('navigator', {});
	});
	afterEach(() => vi.unstubAllGlobals());

	it('keep nothing → delete all → a new photo is still not kept (no database at all)', async () => {
		// Some data exists: a stored order (creates the database) and other settings.
		await historyStore.putOrder(pendingOrder('j'));
		expect(await databaseNames()).toEqual(['idphoto-history']);
		local.setItem('idphoto.recent-specs', '["eu-schengen-visa"]');
		local.setItem('idphoto.lang', 'zh-CN');
		expect(writeExpirySetting('none', local)).toBe(true);

		const report = await deleteAllMyData();
		expect(report.errors).toEqual([]);
		expect(report.databases).toEqual(['idphoto-history']);
		// Two personal entries removed; the setting stays and is reported as kept.
		expect(report.localStorageKeys).toBe(2);
		expect(report.keptExpiry).toBe('none');
		expect(local.length).toBe(1);
		expect(local.getItem(EXPIRY_KEY)).toBe('none');
		expect(readExpirySetting(local)).toBe('none');

		// A photo made after the wipe: the recorder saves nothing, so no database reappears.
		recordRender(RESULT.jobId, 'eu-schengen-visa', SETTINGS, RESULT, cutout);
		await historySettled();
		expect(await databaseNames()).toEqual([]);
	});

	it('without a stored setting nothing is written back (the default applies)', async () => {
		local.setItem('idphoto.lang', 'en');
		const report = await deleteAllMyData();
		expect(report.localStorageKeys).toBe(1);
		expect(report.keptExpiry).toBeUndefined();
		expect(local.length).toBe(0);
	});

	it('with a kept setting of 7 days, a photo made after the wipe is kept again', async () => {
		writeExpirySetting('7d', local);
		await deleteAllMyData();
		expect(readExpirySetting(local)).toBe('7d');
		recordRender('job-7d', 'eu-schengen-visa', SETTINGS, { ...RESULT, jobId: 'job-7d' } as RenderResult, cutout);
		await historySettled();
		expect((await historyStore.list()).map((i) => i.id)).toEqual(['job-7d:eu-schengen-visa']);
		// the PNG kept is the cut-out the recorder asked for when it saved
		const png = await historyStore.blob('job-7d:eu-schengen-visa', 'png');
		expect(new Uint8Array(await png!.arrayBuffer())).toEqual(CUTOUT_PNG);
		await deleteAllMyData();
	});
});

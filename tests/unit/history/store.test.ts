import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../src/lib/history/store';
import { HistoryError, isQuotaError, toHistoryError } from '../../../src/lib/history/errors';
import { purgeOnce } from '../../../src/lib/history/purge';
import type { HistoryEntryInput } from '../../../src/lib/history/types';
import type { PhotoReport } from '../../../src/lib/pipeline/api';

const H = 3_600_000;
const T0 = Date.UTC(2026, 10, 29, 8, 0, 0);

function entry(jobId: string, over: Partial<HistoryEntryInput> = {}): HistoryEntryInput {
	return {
		jobId,
		specId: 'eu-schengen-visa',
		settings: { background: '#f0f0f0', headScale: 0, offsetXPx: 0, offsetY: 0, dpi: 300 },
		report: { spec: { id: 'eu-schengen-visa', name: 'Schengen visa' } } as PhotoReport,
		widthPx: 413,
		heightPx: 531,
		dpi: 300,
		jpeg: new Uint8Array([0xff, 0xd8, 1, 2, 3]),
		png: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 9, 9]),
		thumb: new Uint8Array([0xff, 0xd8, 7]),
		original: Object.assign(new Blob([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])], { type: 'image/png' }), { name: 'me.png' }),
		...over
	};
}

describe('HistoryStore (fake-indexeddb, injected clock)', () => {
	let clock = T0;
	let store: HistoryStore;
	beforeEach(() => {
		clock = T0;
		store = new HistoryStore({ factory: new IDBFactory(), now: () => clock });
	});

	it('reads without creating the database; the first save creates it', async () => {
		const factory = new IDBFactory();
		const fresh = new HistoryStore({ factory, now: () => clock });
		expect(await fresh.available()).toBe(true);
		expect(await fresh.list()).toEqual([]);
		expect(await fresh.count()).toBe(0);
		expect(await fresh.purgeExpired('1h')).toEqual([]);
		expect((await factory.databases()).map((d) => d.name)).toEqual([]);
		await fresh.save(entry('j'));
		expect((await factory.databases()).map((d) => d.name)).toEqual(['idphoto-history']);
	});

	it('works when the database was first created empty by other code (version 1, no stores)', async () => {
		const factory = new IDBFactory();
		await new Promise<void>((resolve, reject) => {
			const req = factory.open('idphoto-history');
			req.onsuccess = () => (req.result.close(), resolve());
			req.onerror = () => reject(req.error);
		});
		const late = new HistoryStore({ factory, now: () => clock });
		expect(await late.list()).toEqual([]);
		await late.save(entry('k'));
		expect(await late.count()).toBe(1);
	});

	it('saves an item with all its blobs and reads them back', async () => {
		const item = await store.save(entry('job1'));
		expect(item.id).toBe('job1:eu-schengen-visa');
		expect(item.createdAt).toBe(T0);
		expect(item.specName).toBe('Schengen visa');
		expect(item.kinds.sort()).toEqual(['jpeg', 'original', 'png', 'thumb']);
		expect(item.storedBytes).toBe(5 + 6 + 3 + 8);
		expect(item.original).toEqual({ name: 'me.png', type: 'image/png' });
		const png = await store.blob(item.id, 'png');
		expect(png?.type).toBe('image/png');
		expect([...new Uint8Array(await png!.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 9, 9]);
		expect(await store.blobCount()).toBe(4);
	});

	it('updates the same photo and document in place, keeping createdAt and the original', async () => {
		await store.save(entry('job1'));
		clock = T0 + 10 * 60_000;
		const updated = await store.save(entry('job1', { original: undefined, thumb: undefined, jpeg: new Uint8Array([9]) }));
		expect(updated.createdAt).toBe(T0);
		expect(updated.updatedAt).toBe(T0 + 10 * 60_000);
		expect(updated.kinds.sort()).toEqual(['jpeg', 'original', 'png']);
		expect(await store.count()).toBe(1);
		// The thumbnail of the old version is gone, the original stays.
		expect(await store.blob(updated.id, 'thumb')).toBeUndefined();
		expect((await store.blob(updated.id, 'original'))?.size).toBe(8);
		expect(await store.blobCount()).toBe(3);
	});

	it('lists newest first and deletes an item with every blob', async () => {
		await store.save(entry('a'));
		clock += 1000;
		await store.save(entry('b'));
		expect((await store.list()).map((i) => i.jobId)).toEqual(['b', 'a']);
		await store.delete(['a:eu-schengen-visa']);
		expect((await store.list()).map((i) => i.jobId)).toEqual(['b']);
		expect(await store.blobCount()).toBe(4);
		expect(await store.blob('a:eu-schengen-visa', 'original')).toBeUndefined();
	});

	it('purges exactly at expiry, blobs included', async () => {
		await store.save(entry('old'));
		clock = T0 + 30 * 60_000;
		await store.save(entry('new'));
		clock = T0 + H - 1;
		expect(await store.purgeExpired('1h')).toEqual([]);
		expect(await store.count()).toBe(2);
		clock = T0 + H;
		expect(await store.purgeExpired('1h')).toEqual(['old:eu-schengen-visa']);
		expect((await store.listLive('1h')).map((i) => i.jobId)).toEqual(['new']);
		expect(await store.blobCount()).toBe(4);
		clock = T0 + 90 * 60_000;
		const removed: string[][] = [];
		expect(await purgeOnce({ store, setting: () => '1h', onPurged: (ids) => removed.push(ids) })).toEqual(['new:eu-schengen-visa']);
		expect(removed).toEqual([['new:eu-schengen-visa']]);
		expect(await store.count()).toBe(0);
		expect(await store.blobCount()).toBe(0);
	});

	it('a shorter setting or "keep nothing" removes items at once', async () => {
		await store.save(entry('x'));
		clock = T0 + 2 * H;
		expect(await store.purgeExpired('24h')).toEqual([]);
		expect(await store.purgeExpired('1h')).toEqual(['x:eu-schengen-visa']);
		await store.save(entry('y'));
		expect(await store.purgeExpired('none')).toEqual(['y:eu-schengen-visa']);
		expect(await store.blobCount()).toBe(0);
	});

	it('reports a missing IndexedDB as unavailable, with a message for the user', async () => {
		const saved = globalThis.indexedDB;
		// @ts-expect-error remove the global for this check
		delete globalThis.indexedDB;
		try {
			const noIdb = new HistoryStore();
			expect(await noIdb.available()).toBe(false);
			await expect(noIdb.save(entry('z'))).rejects.toMatchObject({ name: 'HistoryError', reason: 'unavailable' });
		} finally {
			globalThis.indexedDB = saved;
		}
		expect(await new HistoryStore().available()).toBe(true);
	});

	it('maps quota errors to a clear message', () => {
		const quota = new DOMException('full', 'QuotaExceededError');
		expect(isQuotaError(quota)).toBe(true);
		const e = toHistoryError(quota, 'save to');
		expect(e).toBeInstanceOf(HistoryError);
		expect(e.reason).toBe('quota');
		expect(e.message).toMatch(/out of space/);
		expect(toHistoryError(new Error('boom'), 'save to').message).toBe('Could not save to the history on this device (boom).');
	});
});

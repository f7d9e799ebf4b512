/**
 * Another tab's "Delete all my data" deletes the history database while this tab holds an open
 * connection: the connection is closed on `versionchange` (idb's `blocking`), and the store must
 * then open a fresh one instead of using the dead connection (InvalidStateError until a reload).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { HISTORY_DB, HistoryStore } from '../../../src/lib/history/store';
import { HistoryError } from '../../../src/lib/history/errors';
import { entry } from './entry-fixture';

function deleteDb(factory: IDBFactory): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = factory.deleteDatabase(HISTORY_DB);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error);
	});
}

describe('HistoryStore after another tab deleted the database', () => {
	it('saves and lists again without a reload (two stores, one factory)', async () => {
		const factory = new IDBFactory();
		const thisTab = new HistoryStore({ factory });
		const otherTab = new HistoryStore({ factory });
		await thisTab.save(entry('before'));
		expect(await thisTab.count()).toBe(1);
		expect(await otherTab.count()).toBe(1);

		// The other tab's wipe: close its own connection, delete the database. This tab's open
		// connection gets `versionchange` and closes, so the deletion is not blocked for long.
		await otherTab.close();
		await deleteDb(factory);
		expect((await factory.databases()).map((d) => d.name)).toEqual([]);

		// Reading does not resurrect the database.
		expect(await thisTab.list()).toEqual([]);
		expect(await thisTab.count()).toBe(0);
		expect((await factory.databases()).map((d) => d.name)).toEqual([]);

		const saved = await thisTab.save(entry('after'));
		expect(saved.id).toBe('after:eu-schengen-visa');
		const items = await thisTab.list();
		expect(items.map((i) => i.id)).toEqual(['after:eu-schengen-visa']);
		expect(await thisTab.blobCount()).toBe(2);
		// The other tab sees the new item too.
		expect((await otherTab.list()).map((i) => i.id)).toEqual(['after:eu-schengen-visa']);
	});

	it('a read on a connection that fails is reported as a HistoryError, not a raw DOMException', async () => {
		const factory = new IDBFactory();
		const store = new HistoryStore({ factory });
		await store.save(entry('x'));
		// Close the underlying connection behind the store's back (as a browser may on a disk error).
		(await store.db()).close();
		await expect(store.list()).rejects.toBeInstanceOf(HistoryError);
		await expect(store.count()).rejects.toMatchObject({ reason: 'failed' });
	});
});

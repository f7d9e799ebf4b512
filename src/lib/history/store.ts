/**
 * The local history in IndexedDB (through idb). Database `idphoto-history` v3:
 * - `items`: HistoryItem by `id`, index `createdAt`;
 * - `blobs`: StoredBlob by `key` (`<itemId>/<kind>`), index `itemId`;
 * - `receipts` (v3): OrderRecord by `orderId` — orders made from this browser and their signed
 *   receipts. They do not expire with the photos (a receipt is proof of a purchase and holds no
 *   photo); "Delete all my data" deletes them with the database.
 * Metadata and bytes are apart so the list never loads photos. Deleting an item deletes its
 * blobs in the same transaction. The clock is injected (`now`), so expiry is testable.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { isExpired, partitionExpired, type ExpirySetting } from './expiry';
import { HistoryError, toHistoryError, UNAVAILABLE_MESSAGE } from './errors';
import type { BlobKind, HistoryEntryInput, HistoryItem, OrderRecord, ReceiptWire, StoredBlob } from './types';

/** Name of the history database (deleted by "Delete all my data" like every other database). */
export const HISTORY_DB = 'idphoto-history';
/**
 * 2: v1 could exist without stores when opened by other code first; upgrade creates what is missing.
 * 3: adds `receipts`; existing stores and their data are left as they are.
 */
const VERSION = 3;

interface HistorySchema extends DBSchema {
	items: { key: string; value: HistoryItem; indexes: { createdAt: number } };
	blobs: { key: string; value: StoredBlob; indexes: { itemId: string } };
	receipts: { key: string; value: OrderRecord };
}

/** Copy `bytes` into a fresh ArrayBuffer (the source may view a larger or shared buffer). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
	return bytes.slice().buffer as ArrayBuffer;
}

export interface HistoryStoreOptions {
	/** The IDBFactory to use (default: globalThis.indexedDB; tests pass fake-indexeddb's). */
	factory?: IDBFactory;
	/** Clock in ms since the Unix epoch (default Date.now). */
	now?: () => number;
}

export class HistoryStore {
	readonly #factory: IDBFactory | undefined;
	readonly #now: () => number;
	#db: Promise<IDBPDatabase<HistorySchema>> | null = null;

	constructor(options: HistoryStoreOptions = {}) {
		this.#factory = options.factory ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
		this.#now = options.now ?? Date.now;
	}

	/**
	 * Opens the database once.
	 * @throws HistoryError('unavailable') when there is no IndexedDB or it refuses to open.
	 */
	async db(): Promise<IDBPDatabase<HistorySchema>> {
		if (!this.#factory) throw new HistoryError('unavailable', UNAVAILABLE_MESSAGE);
		if (!this.#db) {
			const factory = this.#factory;
			// idb's openDB uses the global indexedDB; swap it in only for the call when a factory is injected.
			const open = async () => {
				const g = globalThis as { indexedDB?: IDBFactory };
				const saved = g.indexedDB;
				if (saved !== factory) g.indexedDB = factory;
				try {
					return await openDB<HistorySchema>(HISTORY_DB, VERSION, {
						upgrade(db) {
							if (!db.objectStoreNames.contains('items')) {
								db.createObjectStore('items', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
							}
							if (!db.objectStoreNames.contains('blobs')) {
								db.createObjectStore('blobs', { keyPath: 'key' }).createIndex('itemId', 'itemId');
							}
							if (!db.objectStoreNames.contains('receipts')) {
								db.createObjectStore('receipts', { keyPath: 'orderId' });
							}
						},
						blocking: () => {
							// Another tab wants a newer version or to delete the database ("Delete all my
							// data"): let it, and forget this connection so the next call opens a new one
							// (a closed connection would throw InvalidStateError until a reload).
							this.#forget(dbPromise);
							void dbPromise?.then((db) => db.close());
						},
						terminated: () => {
							// The browser closed the connection abnormally (storage cleared, disk error).
							this.#forget(dbPromise);
						}
					});
				} finally {
					if (saved !== factory) g.indexedDB = saved;
				}
			};
			const dbPromise: Promise<IDBPDatabase<HistorySchema>> = open().catch((error) => {
				this.#db = null;
				throw new HistoryError('unavailable', UNAVAILABLE_MESSAGE, { cause: error });
			});
			this.#db = dbPromise;
		}
		return this.#db;
	}

	/** Drops the cached connection when it is `closing` (not a newer one opened since). */
	#forget(closing: Promise<IDBPDatabase<HistorySchema>> | undefined): void {
		if (closing && this.#db === closing) this.#db = null;
	}

	/**
	 * The open database for reading, or null when it does not exist yet: reads never create it,
	 * so after "Delete all my data" no database reappears until something is saved.
	 * @throws HistoryError('unavailable') when there is no IndexedDB.
	 */
	async #readable(): Promise<IDBPDatabase<HistorySchema> | null> {
		if (this.#db) return this.db();
		if (!this.#factory) throw new HistoryError('unavailable', UNAVAILABLE_MESSAGE);
		if (typeof this.#factory.databases === 'function') {
			let names: (string | undefined)[];
			try {
				names = (await this.#factory.databases()).map((d) => d.name);
			} catch (error) {
				throw new HistoryError('unavailable', UNAVAILABLE_MESSAGE, { cause: error });
			}
			if (!names.includes(HISTORY_DB)) return null;
		}
		return this.db();
	}

	/** Whether the history can be used on this device (without creating the database). */
	async available(): Promise<boolean> {
		try {
			await this.#readable();
			return true;
		} catch {
			return false;
		}
	}

	/** Closes the connection (needed before the database can be deleted). */
	async close(): Promise<void> {
		const db = this.#db;
		this.#db = null;
		if (db) (await db.catch(() => null))?.close();
	}

	/**
	 * Saves one finished render, or updates the item of the same photo and document (its
	 * createdAt, and so its expiry, stays that of the first save). Returns the stored item.
	 * @throws HistoryError ('quota' when the device is full, 'unavailable', 'failed').
	 */
	async save(input: HistoryEntryInput): Promise<HistoryItem> {
		const db = await this.db();
		const id = `${input.jobId}:${input.specId}`;
		const now = this.#now();
		const blobs: StoredBlob[] = [];
		const add = (kind: BlobKind, bytes: ArrayBuffer, type: string) =>
			blobs.push({ key: `${id}/${kind}`, itemId: id, kind, type, bytes });
		add('jpeg', ownBuffer(input.jpeg), 'image/jpeg');
		add('png', ownBuffer(input.png), 'image/png');
		if (input.thumb) add('thumb', ownBuffer(input.thumb), 'image/jpeg');
		if (input.original) add('original', await input.original.arrayBuffer(), input.original.type || 'application/octet-stream');
		try {
			const tx = db.transaction(['items', 'blobs'], 'readwrite');
			const previous = await tx.objectStore('items').get(id);
			// An update without the original keeps the one saved before.
			const keepOriginal = !input.original && previous?.original !== undefined;
			const item: HistoryItem = {
				id,
				createdAt: previous?.createdAt ?? now,
				updatedAt: now,
				jobId: input.jobId,
				specId: input.specId,
				specName: input.report.spec.name,
				settings: { ...input.settings },
				widthPx: input.widthPx,
				heightPx: input.heightPx,
				dpi: input.dpi,
				storedBytes: 0,
				report: input.report,
				receipt: input.receipt ?? previous?.receipt,
				original: input.original
					? { name: input.original.name ?? 'photo', type: input.original.type || 'application/octet-stream' }
					: previous?.original,
				kinds: blobs.map((b) => b.kind)
			};
			let storedBytes = blobs.reduce((sum, b) => sum + b.bytes.byteLength, 0);
			if (keepOriginal) {
				const old = await tx.objectStore('blobs').get(`${id}/original`);
				if (old) {
					storedBytes += old.bytes.byteLength;
					item.kinds.push('original');
				}
			}
			item.storedBytes = storedBytes;
			// Drop blob kinds the new version does not have (e.g. no thumbnail this time).
			const stale = (previous?.kinds ?? []).filter((k) => !item.kinds.includes(k));
			await Promise.all([
				tx.objectStore('items').put(item),
				...blobs.map((b) => tx.objectStore('blobs').put(b)),
				...stale.map((k) => tx.objectStore('blobs').delete(`${id}/${k}`))
			]);
			await tx.done;
			return item;
		} catch (error) {
			throw toHistoryError(error, 'save to');
		}
	}

	/** Adds an order receipt to an item (no-op when the item is gone). */
	async attachReceipt(id: string, receipt: unknown): Promise<void> {
		const db = await this.#readable();
		if (!db) return;
		try {
			const tx = db.transaction('items', 'readwrite');
			const item = await tx.store.get(id);
			if (item) await tx.store.put({ ...item, receipt });
			await tx.done;
		} catch (error) {
			throw toHistoryError(error, 'update');
		}
	}

	/**
	 * Stores an order record (a new pending order, or a status change), replacing any record with
	 * the same order id. Creates the database when needed.
	 * @throws HistoryError ('quota', 'unavailable', 'failed').
	 */
	async putOrder(record: OrderRecord): Promise<void> {
		const db = await this.db();
		try {
			await db.put('receipts', { ...record, receipt: record.receipt ? { ...record.receipt } : null });
		} catch (error) {
			throw toHistoryError(error, 'save to');
		}
	}

	/**
	 * Keeps the signed receipt of a paid order, in one transaction: the order record becomes `paid`
	 * with the receipt (created from `fallback` when this browser has no record of the order), and
	 * the history item of the photo it was bought for, when it is stored, gets the receipt too
	 * (`HistoryItem.receipt`). Returns the stored record. Verify the receipt before calling this.
	 * @throws HistoryError ('quota', 'unavailable', 'failed').
	 */
	async saveReceipt(orderId: string, receipt: ReceiptWire, fallback: Omit<OrderRecord, 'orderId' | 'status' | 'receipt' | 'createdAt' | 'updatedAt'>): Promise<OrderRecord> {
		const db = await this.db();
		const now = this.#now();
		try {
			const tx = db.transaction(['receipts', 'items'], 'readwrite');
			const previous = await tx.objectStore('receipts').get(orderId);
			const record: OrderRecord = {
				...(previous ?? { ...fallback, orderId, createdAt: now }),
				orderId,
				updatedAt: now,
				status: 'paid',
				receipt: { payload: receipt.payload, signature: receipt.signature, alg: receipt.alg, keyId: receipt.keyId }
			};
			await tx.objectStore('receipts').put(record);
			if (record.jobId && record.specId) {
				const items = tx.objectStore('items');
				const item = await items.get(`${record.jobId}:${record.specId}`);
				if (item) await items.put({ ...item, receipt: { orderId, sku: record.sku, ...record.receipt } });
			}
			await tx.done;
			return record;
		} catch (error) {
			throw toHistoryError(error, 'save to');
		}
	}

	/** One order record, or undefined (never creates the database). */
	async getOrder(orderId: string): Promise<OrderRecord | undefined> {
		return (await this.#readable())?.get('receipts', orderId);
	}

	/** Every order record, in order-id order (callers sort as they need). */
	async listOrders(): Promise<OrderRecord[]> {
		return (await (await this.#readable())?.getAll('receipts')) ?? [];
	}

	/** Number of order records holding a receipt (what "Delete all my data" would lose). */
	async receiptCount(): Promise<number> {
		return (await this.listOrders()).filter((r) => r.receipt !== null).length;
	}

	/**
	 * All items, newest first (metadata only).
	 * @throws HistoryError ('unavailable', or 'failed' when the read fails).
	 */
	async list(): Promise<HistoryItem[]> {
		const db = await this.#readable();
		if (!db) return [];
		try {
			const items = await db.getAllFromIndex('items', 'createdAt');
			return items.reverse();
		} catch (error) {
			throw toHistoryError(error, 'read');
		}
	}

	/** Items not expired at the current time under `setting`, newest first. */
	async listLive(setting: ExpirySetting): Promise<HistoryItem[]> {
		const now = this.#now();
		return (await this.list()).filter((item) => !isExpired(item.createdAt, setting, now));
	}

	/**
	 * Number of items stored.
	 * @throws HistoryError ('unavailable', or 'failed' when the read fails).
	 */
	async count(): Promise<number> {
		const db = await this.#readable();
		if (!db) return 0;
		try {
			return await db.count('items');
		} catch (error) {
			throw toHistoryError(error, 'read');
		}
	}

	/** One item's metadata, or undefined. */
	async get(id: string): Promise<HistoryItem | undefined> {
		return (await this.#readable())?.get('items', id);
	}

	/** One stored file of an item as a Blob with its MIME type, or undefined. */
	async blob(id: string, kind: BlobKind): Promise<Blob | undefined> {
		const stored = await (await this.#readable())?.get('blobs', `${id}/${kind}`);
		return stored ? new Blob([stored.bytes], { type: stored.type }) : undefined;
	}

	/** Number of stored blobs (all items). */
	async blobCount(): Promise<number> {
		return (await this.#readable())?.count('blobs') ?? 0;
	}

	/** Deletes items and every blob that belongs to them, in one transaction. */
	async delete(ids: readonly string[]): Promise<void> {
		if (ids.length === 0) return;
		const db = await this.#readable();
		if (!db) return;
		try {
			const tx = db.transaction(['items', 'blobs'], 'readwrite');
			const blobs = tx.objectStore('blobs');
			const ops: Promise<unknown>[] = [];
			for (const id of ids) {
				ops.push(tx.objectStore('items').delete(id));
				// All blobs indexed under the item, whatever their kind.
				for (const key of await blobs.index('itemId').getAllKeys(id)) ops.push(blobs.delete(key));
			}
			await Promise.all(ops);
			await tx.done;
		} catch (error) {
			throw toHistoryError(error, 'delete from');
		}
	}

	/**
	 * Deletes every item expired at the current time under `setting` (all items for `none`),
	 * blobs included, and any blob left without an item. Returns the ids removed.
	 */
	async purgeExpired(setting: ExpirySetting): Promise<string[]> {
		const items = await this.list();
		const { expired } = partitionExpired(items, setting, this.#now());
		const ids = expired.map((i) => i.id);
		await this.delete(ids);
		await this.#deleteOrphanBlobs(new Set(items.map((i) => i.id).filter((id) => !ids.includes(id))));
		return ids;
	}

	async #deleteOrphanBlobs(live: Set<string>): Promise<void> {
		const db = await this.#readable();
		if (!db) return;
		const tx = db.transaction('blobs', 'readwrite');
		let cursor = await tx.store.openCursor();
		while (cursor) {
			if (!live.has(cursor.value.itemId)) await cursor.delete();
			cursor = await cursor.continue();
		}
		await tx.done;
	}
}

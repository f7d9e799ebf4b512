/**
 * The order flow (src/lib/payment/flow.ts) with the real server signer, a fake payment API and the
 * history store on fake-indexeddb: pending record → paid → receipt verified and kept (record and
 * history item); a receipt that does not verify unlocks nothing; the v2 → v3 upgrade keeps the
 * history; an edited receipt in the database unlocks nothing (entitlements.ts).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { generateKeyPairSync } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ReceiptSigner, type Receipt } from '../../../server/receipt';
import { HistoryStore } from '../../../src/lib/history/store';
import { PaymentApiError, type OrderStatusView, type Product } from '../../../src/lib/payment/api';
import { decodeBase64 } from '../../../src/lib/payment/encoding';
import { unlockedJobIds, verifyRecords } from '../../../src/lib/payment/entitlements';
import { beginOrder, settleOrder, type FlowDeps } from '../../../src/lib/payment/flow';
import { importReceiptKey } from '../../../src/lib/payment/receipt';
import { entry } from '../history/entry-fixture';

const T0 = Date.UTC(2026, 10, 29, 9, 0, 0);
const ORDER = '5792e4f7f8688890133be91df3ab758f';
const PRODUCT: Product = { sku: 'digital-set', name: 'Digital ID photos', amount: 499, currency: 'eur', description: 'No watermark' };
const PHOTO = { jobId: '7d3f9a2e-1111-4222-8333-944455556666', specId: 'eu-schengen-visa' };

/** A payment API whose order answers follow `script` (one per call; the last repeats). */
function fakeApi(script: (Partial<OrderStatusView> | Error)[]) {
	const sent: string[] = [];
	let i = 0;
	return {
		sent,
		api: {
			async createOrder(sku: string) {
				sent.push(`POST ${sku}`);
				return { orderId: ORDER, checkoutUrl: `http://pay.test/api/sandbox/checkout/${ORDER}`, sku, amount: 499, currency: 'eur' };
			},
			async order(id: string) {
				sent.push(`GET ${id}`);
				const step = script[Math.min(i++, script.length - 1)];
				if (step instanceof Error) throw step;
				return { orderId: id, sku: 'digital-set', amount: 499, currency: 'eur', status: 'pending', receipt: null, ...step } as OrderStatusView;
			}
		}
	};
}

describe('order flow', () => {
	let store: HistoryStore;
	let signer: ReceiptSigner;
	let key: CryptoKey;
	let receipt: Receipt;
	let clock = T0;
	beforeEach(async () => {
		clock = T0;
		store = new HistoryStore({ factory: new IDBFactory(), now: () => clock });
		signer = new ReceiptSigner(generateKeyPairSync('ed25519').privateKey);
		key = await importReceiptKey(decodeBase64(signer.publicKey.raw));
		receipt = signer.sign({ orderId: ORDER, sku: 'digital-set', issuedAt: '2026-11-29T09:01:00.000Z' });
	});
	const deps = (api: FlowDeps['api']): FlowDeps => ({ api, store, key, now: () => clock });

	it('creates a pending record bound to the photo, then keeps the verified receipt and attaches it to the history item', async () => {
		await store.save(entry(PHOTO.jobId));
		const { api, sent } = fakeApi([{}, new Error('offline'), { status: 'paid', receipt }]);
		const begun = await beginOrder(deps(api), PRODUCT, PHOTO);
		expect(begun).toMatchObject({ stored: true, checkoutUrl: `http://pay.test/api/sandbox/checkout/${ORDER}` });
		expect(await store.getOrder(ORDER)).toEqual({
			orderId: ORDER, sku: 'digital-set', jobId: PHOTO.jobId, specId: PHOTO.specId, productName: 'Digital ID photos',
			amount: 499, currency: 'eur', createdAt: T0, updatedAt: T0, status: 'pending', receipt: null
		});
		expect(await store.receiptCount()).toBe(0);

		clock = T0 + 60_000;
		const outcome = await settleOrder(deps(api), ORDER, { delays: [1, 1, 1, 1] });
		expect(outcome).toMatchObject({ kind: 'paid', stored: true, claims: { orderId: ORDER, sku: 'digital-set', issuedAt: '2026-11-29T09:01:00.000Z' } });
		// Only the sku and the order id went out.
		expect(sent).toEqual([`POST digital-set`, `GET ${ORDER}`, `GET ${ORDER}`, `GET ${ORDER}`]);
		const record = await store.getOrder(ORDER);
		expect(record).toMatchObject({ status: 'paid', jobId: PHOTO.jobId, createdAt: T0, updatedAt: T0 + 60_000, receipt });
		expect((await store.get(`${PHOTO.jobId}:eu-schengen-visa`))?.receipt).toEqual({ orderId: ORDER, sku: 'digital-set', ...receipt });
		expect(await store.receiptCount()).toBe(1);
		expect([...unlockedJobIds(await verifyRecords(await store.listOrders(), key))]).toEqual([PHOTO.jobId]);
		// A later re-render of the photo keeps the receipt on the item.
		await store.save(entry(PHOTO.jobId));
		expect((await store.get(`${PHOTO.jobId}:eu-schengen-visa`))?.receipt).toMatchObject({ orderId: ORDER });
	});

	it('does not trust "paid" alone: a receipt that fails verification stores and unlocks nothing', async () => {
		await beginOrder(deps(fakeApi([]).api), PRODUCT, PHOTO);
		const forged = { ...receipt, payload: receipt.payload.replace('digital-set', 'digital-sex') };
		const other = new ReceiptSigner(generateKeyPairSync('ed25519').privateKey).sign({ orderId: ORDER, sku: 'digital-set', issuedAt: '2026-11-29T09:01:00.000Z' });
		const wrongOrder = signer.sign({ orderId: 'a'.repeat(32), sku: 'digital-set', issuedAt: '2026-11-29T09:01:00.000Z' });
		for (const bad of [forged, other, wrongOrder, null, { nonsense: true }]) {
			const { api } = fakeApi([{ status: 'paid', receipt: bad }]);
			expect(await settleOrder(deps(api), ORDER, { delays: [] })).toEqual({ kind: 'invalid-receipt' });
		}
		// Sku in the receipt differs from the server's view of the order.
		expect(await settleOrder(deps(fakeApi([{ status: 'paid', receipt, sku: 'print-sheet' }]).api), ORDER, { delays: [] })).toEqual({ kind: 'invalid-receipt' });
		expect(await store.getOrder(ORDER)).toMatchObject({ status: 'pending', receipt: null });
		expect(await verifyRecords(await store.listOrders(), key)).toEqual([]);
	});

	it('records expiry, reports unknown orders and times out after the waits', async () => {
		await beginOrder(deps(fakeApi([]).api), PRODUCT, PHOTO);
		expect(await settleOrder(deps(fakeApi([{}, { status: 'expired' }]).api), ORDER, { delays: [1, 1] })).toEqual({ kind: 'expired' });
		expect((await store.getOrder(ORDER))?.status).toBe('expired');
		expect(await settleOrder(deps(fakeApi([new PaymentApiError('not found', 404)]).api), ORDER, { delays: [1] })).toEqual({ kind: 'unknown-order' });
		expect(await settleOrder(deps(fakeApi([{}]).api), ORDER, { delays: [1, 1] })).toEqual({ kind: 'timeout', lastError: null });
		expect(await settleOrder(deps(fakeApi([new PaymentApiError('the payment server could not be reached')]).api), ORDER, { delays: [1] })).toEqual({
			kind: 'timeout',
			lastError: 'the payment server could not be reached'
		});
	});

	it('keeps a receipt for an order this browser did not start (no photo bound), and unlocks no photo with it', async () => {
		const { api } = fakeApi([{ status: 'paid', receipt }]);
		const outcome = await settleOrder(deps(api), ORDER, { delays: [] });
		expect(outcome).toMatchObject({ kind: 'paid', stored: true, record: { jobId: null, productName: 'digital-set', amount: 499, currency: 'eur' } });
		expect(unlockedJobIds(await verifyRecords(await store.listOrders(), key)).size).toBe(0);
	});
});

describe('receipts store (IndexedDB v3)', () => {
	it('upgrades a v2 history database keeping items and blobs, and adds the receipts store', async () => {
		const factory = new IDBFactory();
		const v2 = new HistoryStore({ factory, now: () => T0 });
		// Make a v2 database exactly as the previous code did: items + blobs.
		await new Promise<void>((resolve, reject) => {
			const req = factory.open('idphoto-history', 2);
			req.onupgradeneeded = () => {
				req.result.createObjectStore('items', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
				req.result.createObjectStore('blobs', { keyPath: 'key' }).createIndex('itemId', 'itemId');
			};
			req.onsuccess = () => {
				const db = req.result;
				const tx = db.transaction(['items', 'blobs'], 'readwrite');
				tx.objectStore('items').put({ id: 'old:doc', createdAt: T0, updatedAt: T0, jobId: 'old', specId: 'doc', kinds: ['jpeg'], storedBytes: 1 });
				tx.objectStore('blobs').put({ key: 'old:doc/jpeg', itemId: 'old:doc', kind: 'jpeg', type: 'image/jpeg', bytes: new Uint8Array([7]).buffer });
				tx.oncomplete = () => (db.close(), resolve());
				tx.onerror = () => reject(tx.error);
			};
			req.onerror = () => reject(req.error);
		});
		expect(await v2.count()).toBe(1);
		expect(await v2.listOrders()).toEqual([]);
		const db = await v2.db();
		expect(db.version).toBe(3);
		expect([...db.objectStoreNames].sort()).toEqual(['blobs', 'items', 'receipts']);
		expect((await v2.get('old:doc'))?.jobId).toBe('old');
		expect(await v2.blobCount()).toBe(1);
	});

	it('receipts do not expire with the photos; an edited stored receipt no longer unlocks', async () => {
		const factory = new IDBFactory();
		const store = new HistoryStore({ factory, now: () => T0 });
		const signer = new ReceiptSigner(generateKeyPairSync('ed25519').privateKey);
		const key = await importReceiptKey(decodeBase64(signer.publicKey.raw));
		const receipt = signer.sign({ orderId: ORDER, sku: 'digital-set', issuedAt: '2026-11-29T09:01:00.000Z' });
		await store.save(entry(PHOTO.jobId));
		await store.saveReceipt(ORDER, receipt, { sku: 'digital-set', jobId: PHOTO.jobId, specId: PHOTO.specId, productName: 'Digital ID photos', amount: 499, currency: 'eur' });
		expect(await store.purgeExpired('none')).toEqual([`${PHOTO.jobId}:eu-schengen-visa`]);
		expect(await store.count()).toBe(0);
		expect(await store.receiptCount()).toBe(1);
		expect([...unlockedJobIds(await verifyRecords(await store.listOrders(), key))]).toEqual([PHOTO.jobId]);

		// Tamper with the stored receipt: one byte of the payload, then of the signature, then the sku field.
		const record = (await store.getOrder(ORDER))!;
		const edits = [
			{ ...record, receipt: { ...receipt, payload: receipt.payload.replace('09:01:00', '09:01:01') } },
			{ ...record, receipt: { ...receipt, signature: (receipt.signature[0] === 'A' ? 'B' : 'A') + receipt.signature.slice(1) } },
			{ ...record, sku: 'print-sheet' }
		];
		for (const edited of edits) {
			await store.putOrder(edited);
			expect(await verifyRecords(await store.listOrders(), key)).toEqual([]);
		}
		await store.putOrder(record);
		expect(await verifyRecords(await store.listOrders(), key)).toHaveLength(1);
	});
});

/**
 * The order flow without UI: create an order for a product and a photo, then wait for the
 * payment, verify the receipt offline and keep it. The server's `status: "paid"` alone never
 * unlocks anything: only a receipt that verifies with the build's public key does.
 */
import type { OrderRecord, OrderRecordStatus, ReceiptWire } from '$lib/history/types';
import type { HistoryStore } from '$lib/history/store';
import { PaymentApiError, type PaymentApi, type Product } from './api';
import { pollUntil, type PollStep, type WakeableSleep } from './poll';
import { verifyReceipt, type ReceiptClaims } from './receipt';

export interface FlowDeps {
	api: Pick<PaymentApi, 'createOrder' | 'order'>;
	store: Pick<HistoryStore, 'putOrder' | 'saveReceipt' | 'getOrder'>;
	/** The build's receipt key (importReceiptKey). */
	key: CryptoKey;
	/** Clock, ms since the Unix epoch. */
	now?: () => number;
}

/** The photo an order is for: pipeline job id and document id (kept on the device only). */
export interface PhotoRef {
	jobId: string;
	specId: string;
}

/**
 * Creates an order for `product` (sends only its sku) and records it locally as pending, bound to
 * `photo`. A local record that cannot be written (no IndexedDB) does not stop the order: the
 * calling tab still waits for it in memory; `stored` says which.
 * @throws PaymentApiError when the server refuses or cannot be reached.
 */
export async function beginOrder(
	deps: FlowDeps,
	product: Product,
	photo: PhotoRef | null,
	signal?: AbortSignal
): Promise<{ record: OrderRecord; checkoutUrl: string; stored: boolean }> {
	const created = await deps.api.createOrder(product.sku, signal);
	const now = (deps.now ?? Date.now)();
	const record: OrderRecord = {
		orderId: created.orderId,
		sku: created.sku,
		jobId: photo?.jobId ?? null,
		specId: photo?.specId ?? null,
		productName: product.name,
		amount: created.amount,
		currency: created.currency,
		createdAt: now,
		updatedAt: now,
		status: 'pending',
		receipt: null
	};
	let stored = true;
	try {
		await deps.store.putOrder(record);
	} catch {
		stored = false;
	}
	return { record, checkoutUrl: created.checkoutUrl, stored };
}

export type SettleOutcome =
	/** Paid and the receipt verified; `stored` false when it could not be written to IndexedDB. */
	| { kind: 'paid'; record: OrderRecord; claims: ReceiptClaims; stored: boolean }
	/** The checkout closed unpaid (expired) or could not be created (failed). */
	| { kind: 'expired' | 'failed' }
	/** The server says paid but its receipt does not verify with this build's key: nothing unlocked. */
	| { kind: 'invalid-receipt' }
	/** The server does not know the order (404). */
	| { kind: 'unknown-order' }
	/** Still not settled when the waits ran out; `lastError` is the last failed check's message, if any. */
	| { kind: 'timeout'; lastError: string | null };

/**
 * Polls `GET /api/orders/:orderId` (waits `delays`, ms) until the order is paid, expired or
 * failed; a paid order's receipt is verified with `deps.key` for this order id and its record
 * stored with the receipt (created from the receipt's claims if this browser had none).
 * @throws the signal's reason when aborted.
 */
export async function settleOrder(
	deps: FlowDeps,
	orderId: string,
	options: {
		delays: readonly number[];
		signal?: AbortSignal;
		sleeper?: WakeableSleep;
		/** What this tab knows of the order (photo and product name), for a record that is not stored yet. */
		local?: Pick<OrderRecord, 'jobId' | 'specId' | 'productName'>;
	}
): Promise<SettleOutcome> {
	const result = await pollUntil<SettleOutcome>(async (): Promise<PollStep<SettleOutcome>> => {
		let view;
		try {
			view = await deps.api.order(orderId, options.signal);
		} catch (error) {
			if (error instanceof PaymentApiError && error.status === 404) return { done: true, value: { kind: 'unknown-order' } };
			throw error;
		}
		if (view.status === 'pending') return { done: false };
		if (view.status === 'expired' || view.status === 'failed') {
			await markStatus(deps, orderId, view.status);
			return { done: true, value: { kind: view.status } };
		}
		const claims = await verifyReceipt(view.receipt, deps.key, orderId);
		if (!claims || claims.sku !== view.sku) return { done: true, value: { kind: 'invalid-receipt' } };
		const receipt = view.receipt as ReceiptWire;
		const known = {
			sku: claims.sku,
			jobId: options.local?.jobId ?? null,
			specId: options.local?.specId ?? null,
			productName: options.local?.productName ?? claims.sku,
			amount: view.amount,
			currency: view.currency
		};
		try {
			const record = await deps.store.saveReceipt(orderId, receipt, known);
			return { done: true, value: { kind: 'paid', record, claims, stored: true } };
		} catch {
			const now = (deps.now ?? Date.now)();
			const record: OrderRecord = { ...known, orderId, createdAt: now, updatedAt: now, status: 'paid', receipt };
			return { done: true, value: { kind: 'paid', record, claims, stored: false } };
		}
	}, options);
	if (!result.timedOut) return result.value;
	const e = result.lastError;
	return { kind: 'timeout', lastError: e ? (e instanceof Error ? e.message : String(e)) : null };
}

async function markStatus(deps: FlowDeps, orderId: string, status: OrderRecordStatus): Promise<void> {
	try {
		const record = await deps.store.getOrder(orderId);
		if (record && record.status !== status) await deps.store.putOrder({ ...record, status, updatedAt: (deps.now ?? Date.now)() });
	} catch {
		// The local record is informative only; the server stays the source of the status.
	}
}

/**
 * The payment state the UI reads: this build's setup, the operator's catalogue, the verified
 * receipts (and so which photos are unlocked), and the order each photo is waiting for. One
 * instance (`payment`), created on first import in the browser.
 *
 * Flow (see README "Payments"): Buy → a new tab opens at once → POST /api/orders {sku} → the tab
 * goes to the checkout → this tab polls GET /api/orders/:id with bounded backoff (and at once when
 * the buyer comes back to it, or when the order page in the other tab reports) → the receipt is
 * verified offline with the build's key → stored in the local history → the photo is unlocked.
 */
import { historyStore } from '$lib/history/instance';
import { PaymentApi, PaymentApiError, type Product } from './api';
import { listenForOrders } from './channel';
import { openCheckoutTab, sendTabTo } from './checkout-window';
import { paymentSetup, type PaymentSetup } from './config';
import { unlockedJobIds, verifyRecords, type VerifiedOrder } from './entitlements';
import { beginOrder, settleOrder, type FlowDeps, type PhotoRef } from './flow';
import { backoffDelays, DEFAULT_BACKOFF, WakeableSleep } from './poll';
import { importReceiptKey } from './receipt';

/** What a photo's buy panel shows while an order is under way or after it ended without payment. */
export interface PhotoOrderState {
	phase: 'creating' | 'waiting' | 'cancelled' | 'expired' | 'failed' | 'timeout' | 'invalid' | 'error';
	orderId: string | null;
	/** The checkout URL, to open it again from a link when the tab was blocked or closed. */
	checkoutUrl: string | null;
	/** True when the browser blocked the checkout tab (the link must be used). */
	blocked: boolean;
	/** The product's name, as bought. */
	productName: string;
	message: string | null;
}

class PaymentState {
	readonly setup: PaymentSetup = paymentSetup;
	readonly api: PaymentApi | null = paymentSetup.kind === 'on' ? new PaymentApi(paymentSetup.apiOrigin) : null;
	/** null until loaded. */
	products = $state.raw<Product[] | null>(null);
	productsError = $state<string | null>(null);
	/** Orders whose stored receipt verified at the last refresh (plus ones verified this session that could not be stored). */
	verified = $state.raw<VerifiedOrder[]>([]);
	/** Per photo job id. */
	orders = $state<Record<string, PhotoOrderState>>({});
	readonly unlocked = $derived(unlockedJobIds(this.verified));

	#key: Promise<CryptoKey> | null = null;
	#unstored: VerifiedOrder[] = [];
	#sleeper = new WakeableSleep();
	#controllers = new Map<string, AbortController>();
	#catalogue: Promise<void> | null = null;
	#refreshing: Promise<void> | null = null;
	#refreshAgain = false;

	constructor() {
		if (typeof window === 'undefined' || this.setup.kind === 'off') return;
		listenForOrders((m) => {
			if (m.type === 'settled') {
				void this.refresh();
				this.#sleeper.wake();
			} else {
				this.#cancelled(m.orderId);
			}
		});
		document.addEventListener('visibilitychange', () => {
			if (document.visibilityState === 'visible') this.#sleeper.wake();
		});
	}

	/** Whether the photo of `jobId` is shown watermarked and its downloads replaced by Buy. */
	locked(jobId: string): boolean {
		return this.setup.kind !== 'off' && !this.unlocked.has(jobId);
	}

	/** The verified order that unlocked `jobId`, if any. */
	orderFor(jobId: string): VerifiedOrder | undefined {
		return this.verified.find((v) => v.record.jobId === jobId);
	}

	/**
	 * The receipt key of this build.
	 * @throws Error when payments are off or broken, or WebCrypto has no Ed25519.
	 */
	key(): Promise<CryptoKey> {
		if (this.setup.kind !== 'on') return Promise.reject(new Error('payments are not configured in this build'));
		this.#key ??= importReceiptKey(this.setup.publicKey);
		return this.#key;
	}

	/** Loads the operator's catalogue once (again after a failure). */
	loadCatalogue(): Promise<void> {
		if (!this.api) return Promise.resolve();
		this.#catalogue ??= this.api.catalogue().then(
			(list) => {
				this.products = list;
				this.productsError = null;
			},
			(error) => {
				this.#catalogue = null;
				this.productsError = error instanceof Error ? error.message : String(error);
			}
		);
		return this.#catalogue;
	}

	/** Re-reads the stored orders and verifies every receipt again. Concurrent calls coalesce. */
	refresh(): Promise<void> {
		if (this.setup.kind !== 'on') return Promise.resolve();
		if (this.#refreshing) {
			this.#refreshAgain = true;
			return this.#refreshing;
		}
		this.#refreshing = (async () => {
			do {
				this.#refreshAgain = false;
				let records: Awaited<ReturnType<typeof historyStore.listOrders>> = [];
				try {
					records = await historyStore.listOrders();
				} catch {
					records = [];
				}
				let stored: VerifiedOrder[] = [];
				try {
					stored = await verifyRecords(records, await this.key());
				} catch {
					// No Ed25519 in this browser: nothing stored can be verified (buying is refused before any order too).
				}
				// Orders verified in this tab but not stored (or stored by another tab without the photo) stay unlocked for the session.
				this.verified = [...stored, ...this.#unstored];
			} while (this.#refreshAgain);
		})().finally(() => (this.#refreshing = null));
		return this.#refreshing;
	}

	/** Forget what this session verified without storing (after "Delete all my data"). */
	forgetSession(): void {
		this.#unstored = [];
		for (const c of this.#controllers.values()) c.abort();
		this.#controllers.clear();
		this.orders = {};
		this.verified = [];
	}

	/**
	 * Buys `product` for the photo: call from the click handler (the checkout tab opens synchronously).
	 * Progress and outcome land in `orders[photo.jobId]`; the photo unlocks when the receipt verifies.
	 */
	buy(product: Product, photo: PhotoRef): void {
		if (!this.api || this.setup.kind !== 'on') return;
		const tab = openCheckoutTab();
		this.#controllers.get(photo.jobId)?.abort();
		const controller = new AbortController();
		this.#controllers.set(photo.jobId, controller);
		this.orders[photo.jobId] = { phase: 'creating', orderId: null, checkoutUrl: null, blocked: tab === null, productName: product.name, message: null };
		void this.#run(product, photo, tab, controller.signal);
	}

	/** Checks a waiting order again now (the "Check again" button after a timeout restarts waiting). */
	checkAgain(jobId: string): void {
		const state = this.orders[jobId];
		if (!state?.orderId) return;
		this.#controllers.get(jobId)?.abort();
		const controller = new AbortController();
		this.#controllers.set(jobId, controller);
		this.orders[jobId] = { ...state, phase: 'waiting', message: null };
		void this.#wait(state.orderId, { jobId, specId: null }, state.productName, controller.signal);
	}

	/** Stops waiting for the photo's order (the order itself stays open on the server until it expires). */
	stopWaiting(jobId: string): void {
		this.#controllers.get(jobId)?.abort();
		this.#controllers.delete(jobId);
		delete this.orders[jobId];
	}

	async #deps(): Promise<FlowDeps> {
		return { api: this.api!, store: historyStore, key: await this.key() };
	}

	async #run(product: Product, photo: PhotoRef, tab: Window | null, signal: AbortSignal): Promise<void> {
		let deps: FlowDeps;
		let begun;
		try {
			deps = await this.#deps();
			begun = await beginOrder(deps, product, photo, signal);
		} catch (error) {
			tab?.close();
			if (signal.aborted) return;
			this.orders[photo.jobId] = { phase: 'error', orderId: null, checkoutUrl: null, blocked: false, productName: product.name, message: errorText(error) };
			return;
		}
		if (signal.aborted) {
			tab?.close();
			return;
		}
		const opened = tab !== null && sendTabTo(tab, begun.checkoutUrl);
		this.orders[photo.jobId] = { phase: 'waiting', orderId: begun.record.orderId, checkoutUrl: begun.checkoutUrl, blocked: !opened, productName: product.name, message: null };
		await this.#wait(begun.record.orderId, photo, product.name, signal, deps);
	}

	async #wait(orderId: string, photo: { jobId: string; specId: string | null }, productName: string, signal: AbortSignal, deps?: FlowDeps): Promise<void> {
		try {
			deps ??= await this.#deps();
			const outcome = await settleOrder(deps, orderId, {
				delays: backoffDelays(DEFAULT_BACKOFF),
				signal,
				sleeper: this.#sleeper,
				local: { jobId: photo.jobId, specId: photo.specId, productName }
			});
			if (signal.aborted) return;
			const current = this.orders[photo.jobId];
			const base = { orderId, checkoutUrl: current?.checkoutUrl ?? null, blocked: false, productName };
			switch (outcome.kind) {
				case 'paid': {
					// This tab knows the photo even when the stored record (written by another tab) does not.
					// Unlocked from the store when the receipt was stored with this photo's record; otherwise
					// (not stored, or stored by another tab without the photo) for this session, in memory.
					await this.refresh();
					if (!this.unlocked.has(photo.jobId)) {
						this.#unstored.push({ record: { ...outcome.record, jobId: photo.jobId }, claims: outcome.claims });
						await this.refresh();
					}
					delete this.orders[photo.jobId];
					break;
				}
				case 'expired':
					this.orders[photo.jobId] = { ...base, checkoutUrl: null, phase: 'expired', message: 'The payment page expired before payment. Nothing was charged.' };
					break;
				case 'failed':
					this.orders[photo.jobId] = { ...base, checkoutUrl: null, phase: 'failed', message: 'The payment could not be started. Nothing was charged.' };
					break;
				case 'invalid-receipt':
					this.orders[photo.jobId] = {
						...base,
						phase: 'invalid',
						message: 'The payment server reported the order as paid, but its receipt did not verify with the key built into this app, so nothing was unlocked. Please contact the operator with the order number.'
					};
					break;
				case 'unknown-order':
					this.orders[photo.jobId] = { ...base, checkoutUrl: null, phase: 'error', message: 'The payment server does not know this order.' };
					break;
				case 'timeout':
					this.orders[photo.jobId] = {
						...base,
						checkoutUrl: current?.checkoutUrl ?? null,
						phase: 'timeout',
						message: outcome.lastError ? `No payment yet (last check: ${outcome.lastError}).` : 'No payment has arrived yet.'
					};
					break;
			}
		} catch (error) {
			if (signal.aborted) return;
			this.orders[photo.jobId] = { phase: 'error', orderId, checkoutUrl: null, blocked: false, productName, message: errorText(error) };
		} finally {
			if (this.#controllers.get(photo.jobId)?.signal === signal) this.#controllers.delete(photo.jobId);
		}
	}

	#cancelled(orderId: string): void {
		for (const [jobId, state] of Object.entries(this.orders)) {
			if (state.orderId !== orderId) continue;
			this.#controllers.get(jobId)?.abort();
			this.#controllers.delete(jobId);
			this.orders[jobId] = { ...state, phase: 'cancelled', checkoutUrl: null, blocked: false, message: 'The payment was cancelled. Nothing was charged.' };
		}
	}
}

function errorText(error: unknown): string {
	if (error instanceof PaymentApiError) return `The order could not be made: ${error.message}.`;
	return `The order could not be made: ${error instanceof Error ? error.message : String(error)}.`;
}

/** The app's payment state. */
export const payment = new PaymentState();

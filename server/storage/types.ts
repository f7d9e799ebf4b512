/**
 * Storage for anonymous orders. An order row holds only: id, sku, amount, currency, status,
 * provider, provider reference (Stripe Checkout Session id) and timestamps. Processed webhook
 * event ids are kept (id + time) so each event is applied at most once.
 */

/**
 * - `pending`: waiting for payment; `paid`: paid once (receipt available);
 * - `failed`: the checkout could not be created;
 * - `expired`: the provider closed the checkout unpaid (Stripe `checkout.session.expired`: the buyer
 *   let it time out or the session was expired through the API). Final: a later payment event for
 *   the order is not applied.
 */
export type OrderStatus = 'pending' | 'paid' | 'failed' | 'expired';
/** Every status, in the order of the SQL CHECK constraints. */
export const ORDER_STATUSES: readonly OrderStatus[] = ['pending', 'paid', 'failed', 'expired'];

export interface Order {
	/** 128-bit random id, 32 lower-case hex chars. */
	id: string;
	sku: string;
	/** Minor currency units. */
	amount: number;
	/** ISO 4217, lower case. */
	currency: string;
	status: OrderStatus;
	provider: 'stripe' | 'sandbox';
	/** Checkout Session id (`cs_…`) or sandbox reference; null until the checkout exists. */
	providerRef: string | null;
	/** ISO 8601 UTC with ms. */
	createdAt: string;
	updatedAt: string;
	/** Set once, when the order becomes paid; the receipt's `issuedAt`. */
	paidAt: string | null;
}

export type NewOrder = Pick<Order, 'id' | 'sku' | 'amount' | 'currency' | 'provider' | 'createdAt'>;

/** A verified payment confirmation (from a Stripe event or the sandbox). */
export interface PaymentConfirmation {
	/** Unique event id (`evt_…`); the idempotency key. */
	eventId: string;
	orderId: string;
	/** Provider reference the payment belongs to (Checkout Session id). */
	providerRef: string;
	/** Amount and currency actually paid, checked against the order. */
	amount: number;
	currency: string;
	/** ISO 8601 UTC with ms; becomes `paidAt` if this confirmation pays the order. */
	at: string;
}

/**
 * Outcome of applying a confirmation:
 * - `paid`: this call moved the order from pending to paid;
 * - `already-paid`: a new event for an order that was paid before (no change);
 * - `duplicate-event`: the event id was processed before (no change);
 * - `unknown-order`, `mismatch` (amount, currency or provider reference differ): recorded, no change.
 */
export type ConfirmOutcome = 'paid' | 'already-paid' | 'duplicate-event' | 'unknown-order' | 'mismatch';

/** A verified notice that the provider closed an order's checkout unpaid (Stripe `checkout.session.expired`). */
export interface ExpiryNotice {
	/** Unique event id (`evt_…`); the idempotency key, shared with payment events. */
	eventId: string;
	orderId: string;
	/** The Checkout Session that expired; must be the order's own (a stale session cannot expire a newer one). */
	providerRef: string;
	/** ISO 8601 UTC with ms; becomes `updatedAt`. */
	at: string;
}

/**
 * Outcome of applying an expiry notice:
 * - `expired`: this call moved the order from pending to expired;
 * - `not-pending`: the order was already paid, failed or expired (no change);
 * - `duplicate-event`: the event id was processed before (no change);
 * - `unknown-order`, `mismatch` (another provider reference): recorded, no change.
 */
export type ExpireOutcome = 'expired' | 'not-pending' | 'duplicate-event' | 'unknown-order' | 'mismatch';

export interface OrderStore {
	readonly kind: 'sqlite' | 'postgres';
	/** Creates the schema if missing. Safe to call from several instances at once. */
	init(): Promise<void>;
	/** Inserts a pending order. @throws on duplicate id. */
	createOrder(order: NewOrder): Promise<void>;
	/** Records the provider reference once the checkout exists. */
	setProviderRef(orderId: string, providerRef: string, at: string): Promise<void>;
	/** Marks a pending order failed (checkout could not be created). */
	markFailed(orderId: string, at: string): Promise<void>;
	getOrder(orderId: string): Promise<Order | undefined>;
	/**
	 * In one transaction: records `eventId` as processed, and if it is new, the order exists, is
	 * pending and amount/currency/reference match, marks it paid at `at`. Concurrent and repeated
	 * calls with the same event id or for the same order pay it exactly once.
	 */
	confirmPayment(c: PaymentConfirmation): Promise<ConfirmOutcome>;
	/**
	 * In one transaction: records `eventId` as processed, and if it is new, the order exists, is
	 * pending and its provider reference matches (or is unset), marks it expired at `at`. Repeated
	 * and concurrent calls change the order at most once.
	 */
	expireOrder(e: ExpiryNotice): Promise<ExpireOutcome>;
	close(): Promise<void>;
}

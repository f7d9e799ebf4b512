/**
 * The payment server's HTTP API as the app uses it (server/README.md "API"). Only three calls,
 * and the only data they carry are the sku (POST /api/orders body) and the order id (path of
 * GET /api/orders/:id): no cookies (`credentials: 'omit'`), no referrer, no cache. Every answer is
 * validated before use; a receipt is passed on unparsed, for verifyReceipt.
 */
import * as v from 'valibot';
import { ORDER_ID_PATTERN, SKU_PATTERN } from './receipt';

/** A product of the operator's catalogue (GET /api/catalogue). */
export interface Product {
	sku: string;
	name: string;
	/** Price in minor currency units (499 = 4.99 EUR), integer ≥ 1. */
	amount: number;
	/** ISO 4217, lower case. */
	currency: string;
	/** What the order unlocks, in the operator's words; null when not given. */
	description: string | null;
}

/** Server-side order status (server/storage/types.ts OrderStatus). */
export type ServerOrderStatus = 'pending' | 'paid' | 'failed' | 'expired';

export interface CreatedOrder {
	orderId: string;
	/** Where to send the buyer: Stripe's hosted checkout or the sandbox page (http/https only). */
	checkoutUrl: string;
	sku: string;
	amount: number;
	currency: string;
}

export interface OrderStatusView {
	orderId: string;
	sku: string;
	/** Minor currency units, ISO 4217 lower case. */
	amount: number;
	currency: string;
	status: ServerOrderStatus;
	/** The receipt as sent, unverified (null until paid). */
	receipt: unknown;
}

/** A call failed: network, HTTP status or an answer of the wrong shape. `status` is the HTTP status when there was one. */
export class PaymentApiError extends Error {
	constructor(
		message: string,
		readonly status?: number
	) {
		super(message);
		this.name = 'PaymentApiError';
	}
}

const Currency = v.pipe(v.string(), v.regex(/^[a-z]{3}$/));
const Amount = v.pipe(v.number(), v.integer(), v.minValue(1));
const Sku = v.pipe(v.string(), v.regex(SKU_PATTERN));
const OrderId = v.pipe(v.string(), v.regex(ORDER_ID_PATTERN));
const HttpUrl = v.pipe(
	v.string(),
	v.check((s) => {
		try {
			return /^https?:$/.test(new URL(s).protocol);
		} catch {
			return false;
		}
	})
);

const CatalogueSchema = v.object({
	products: v.array(
		v.object({
			sku: Sku,
			name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
			amount: Amount,
			currency: Currency,
			description: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(500))), null)
		})
	)
});
const CreatedSchema = v.object({ orderId: OrderId, checkoutUrl: HttpUrl, sku: Sku, amount: Amount, currency: Currency });
const StatusSchema = v.object({
	orderId: OrderId,
	sku: Sku,
	amount: Amount,
	currency: Currency,
	status: v.picklist(['pending', 'paid', 'failed', 'expired']),
	receipt: v.unknown()
});

/** The fetch settings of every call: CORS, no credentials, no referrer, never cached, no redirects. */
const BASE: RequestInit = { mode: 'cors', credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-store', redirect: 'error' };

export class PaymentApi {
	/**
	 * @param origin the payment server origin, e.g. https://pay.example.com
	 * @param fetchImpl fetch to use (tests inject one); default globalThis.fetch.
	 */
	constructor(
		readonly origin: string,
		private readonly fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)
	) {}

	async #call<T>(path: string, init: RequestInit, schema: v.GenericSchema<unknown, T>, signal?: AbortSignal): Promise<T> {
		let res: Response;
		try {
			res = await this.fetchImpl(`${this.origin}${path}`, { ...BASE, ...init, signal });
		} catch (error) {
			if (signal?.aborted) throw error;
			throw new PaymentApiError('the payment server could not be reached');
		}
		if (!res.ok) {
			const text = res.status === 404 ? 'not found' : res.status === 429 ? 'too many requests, try again in a minute' : `HTTP ${res.status}`;
			throw new PaymentApiError(`the payment server answered: ${text}`, res.status);
		}
		let body: unknown;
		try {
			body = await res.json();
		} catch {
			throw new PaymentApiError('the payment server sent an answer that is not JSON', res.status);
		}
		const parsed = v.safeParse(schema, body);
		if (!parsed.success) throw new PaymentApiError('the payment server sent an unexpected answer', res.status);
		return parsed.output;
	}

	/** GET /api/catalogue: what the operator sells. @throws PaymentApiError */
	async catalogue(signal?: AbortSignal): Promise<Product[]> {
		const body = await this.#call('/api/catalogue', { method: 'GET' }, CatalogueSchema, signal);
		return body.products.map((p) => ({ ...p, description: p.description ?? null }));
	}

	/** POST /api/orders with `{"sku": sku}` and nothing else. @throws PaymentApiError */
	async createOrder(sku: string, signal?: AbortSignal): Promise<CreatedOrder> {
		if (!SKU_PATTERN.test(sku)) throw new PaymentApiError(`invalid sku "${sku}"`);
		return this.#call(
			'/api/orders',
			{ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ sku }) },
			CreatedSchema,
			signal
		);
	}

	/** GET /api/orders/:orderId. @throws PaymentApiError (status 404 for an unknown order) */
	async order(orderId: string, signal?: AbortSignal): Promise<OrderStatusView> {
		if (!ORDER_ID_PATTERN.test(orderId)) throw new PaymentApiError('invalid order id');
		const body = await this.#call(`/api/orders/${orderId}`, { method: 'GET' }, StatusSchema, signal);
		if (body.orderId !== orderId) throw new PaymentApiError('the payment server answered for another order');
		return body;
	}
}

/**
 * A price for people: `amount` minor units of `currency` in `locale`, with the currency's own
 * number of minor digits (ISO 4217 exponent, from Intl: 2 for EUR, 0 for JPY), e.g. 499 eur → "€4.99".
 */
export function formatPrice(amount: number, currency: string, locale?: string): string {
	const format = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
	const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
	return format.format(amount / 10 ** digits);
}

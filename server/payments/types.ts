import type { Product } from '../catalogue.ts';

/** What a provider needs to open a checkout for one order. Nothing about the buyer. */
export interface CheckoutRequest {
	orderId: string;
	product: Product;
	/** Absolute URLs the hosted checkout returns to (order id already substituted). */
	successUrl: string;
	cancelUrl: string;
}

export interface CheckoutResult {
	/** Where the app sends the buyer (Stripe's hosted page, or the sandbox page). */
	checkoutUrl: string;
	/** Provider reference stored with the order (Checkout Session id). */
	providerRef: string;
}

export interface PaymentProvider {
	readonly name: 'stripe' | 'sandbox';
	/** @throws ProviderError when the provider refuses or cannot be reached. */
	createCheckout(req: CheckoutRequest): Promise<CheckoutResult>;
}

/** The payment provider failed; answered as 502 without details. */
export class ProviderError extends Error {
	constructor(message: string, readonly cause?: unknown) {
		super(message);
		this.name = 'ProviderError';
	}
}

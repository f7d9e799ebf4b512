import Stripe from 'stripe';
import type { ExpiryNotice, PaymentConfirmation } from '../storage/types.ts';
import { ProviderError, type CheckoutRequest, type CheckoutResult, type PaymentProvider } from './types.ts';

export interface StripeSettings {
	secretKey: string;
	webhookSecret: string;
	/** Override of the API endpoint (tests point it at a local fake). Defaults: api.stripe.com, 443, https. */
	api: { host?: string; port?: number; protocol?: 'http' | 'https' };
}

/**
 * Result of reading a webhook: a payment confirmation to apply, an expiry notice to apply
 * (`checkout.session.expired`), or an event that carries neither (other types, unpaid sessions)
 * and is acknowledged without effect.
 */
export type WebhookResult =
	| { kind: 'confirmation'; confirmation: PaymentConfirmation }
	| { kind: 'expiry'; expiry: ExpiryNotice }
	| { kind: 'ignored'; eventId: string; type: string };

/** Signature missing, malformed, wrong or outside the 300 s tolerance; answered 400. */
export class WebhookSignatureError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'WebhookSignatureError';
	}
}

/**
 * Stripe Checkout (https://docs.stripe.com/api/checkout/sessions/create), through the official
 * `stripe` package. Sessions ask for nothing but what Stripe needs for the card: no customer
 * object is created, no e-mail, phone, address, name or tax id is collected by our request.
 */
export class StripeProvider implements PaymentProvider {
	readonly name = 'stripe' as const;
	private readonly stripe: Stripe;
	private readonly webhookSecret: string;

	constructor(s: StripeSettings) {
		this.stripe = new Stripe(s.secretKey, {
			host: s.api.host,
			port: s.api.port,
			protocol: s.api.protocol,
			maxNetworkRetries: 2,
			timeout: 15_000,
			telemetry: false
		});
		this.webhookSecret = s.webhookSecret;
	}

	async createCheckout(req: CheckoutRequest): Promise<CheckoutResult> {
		let session: Stripe.Checkout.Session;
		try {
			session = await this.stripe.checkout.sessions.create(
				{
					mode: 'payment',
					line_items: [
						{
							quantity: 1,
							price_data: {
								currency: req.product.currency,
								unit_amount: req.product.amount,
								product_data: { name: req.product.name, ...(req.product.description ? { description: req.product.description } : {}) }
							}
						}
					],
					client_reference_id: req.orderId,
					metadata: { orderId: req.orderId, sku: req.product.sku },
					payment_intent_data: { metadata: { orderId: req.orderId } },
					customer_creation: 'if_required',
					billing_address_collection: 'auto',
					phone_number_collection: { enabled: false },
					submit_type: 'pay',
					success_url: req.successUrl,
					cancel_url: req.cancelUrl
				},
				// Same order id → same session if the request is retried (https://docs.stripe.com/api/idempotent_requests).
				{ idempotencyKey: `checkout-${req.orderId}` }
			);
		} catch (e) {
			throw new ProviderError('stripe: checkout session not created', e);
		}
		if (!session.url) throw new ProviderError('stripe: checkout session has no url');
		return { checkoutUrl: session.url, providerRef: session.id };
	}

	/**
	 * Verifies `Stripe-Signature` over the raw body (HMAC-SHA256, 300 s tolerance, per
	 * https://docs.stripe.com/webhooks#verify-events) and extracts a payment confirmation from
	 * `checkout.session.completed` (payment_status "paid") and `checkout.session.async_payment_succeeded`,
	 * and an expiry notice from `checkout.session.expired` (sent when a session times out or is
	 * expired through the API; https://docs.stripe.com/api/events/types#event_types-checkout.session.expired).
	 * @param rawBody the request body bytes exactly as received.
	 * @throws WebhookSignatureError when verification fails.
	 */
	readWebhook(rawBody: Uint8Array, signatureHeader: string | undefined, now: Date): WebhookResult {
		if (!signatureHeader) throw new WebhookSignatureError('missing Stripe-Signature');
		let event: Stripe.Event;
		try {
			event = this.stripe.webhooks.constructEvent(Buffer.from(rawBody), signatureHeader, this.webhookSecret);
		} catch (e) {
			throw new WebhookSignatureError((e as Error).message);
		}
		const ignored = { kind: 'ignored' as const, eventId: event.id, type: event.type };
		if (event.type === 'checkout.session.expired') {
			const session = event.data.object as Stripe.Checkout.Session;
			const orderId = session.client_reference_id ?? session.metadata?.orderId;
			if (!orderId) return ignored;
			return { kind: 'expiry', expiry: { eventId: event.id, orderId, providerRef: session.id, at: now.toISOString() } };
		}
		if (event.type !== 'checkout.session.completed' && event.type !== 'checkout.session.async_payment_succeeded') return ignored;
		const session = event.data.object as Stripe.Checkout.Session;
		if (session.payment_status !== 'paid') return ignored;
		const orderId = session.client_reference_id ?? session.metadata?.orderId;
		if (!orderId || session.amount_total == null || !session.currency) return ignored;
		return {
			kind: 'confirmation',
			confirmation: {
				eventId: event.id,
				orderId,
				providerRef: session.id,
				amount: session.amount_total,
				currency: session.currency.toLowerCase(),
				at: now.toISOString()
			}
		};
	}
}

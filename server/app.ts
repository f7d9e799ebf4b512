import { randomBytes } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { rateLimiter } from 'hono-rate-limiter';
import * as v from 'valibot';
import { SKU_PATTERN, type Product } from './catalogue.ts';
import { clientKeyer } from './client-id.ts';
import type { Config } from './config.ts';
import { requestLogger, stdoutSink, type RequestLogLine } from './log.ts';
import { SandboxProvider } from './payments/sandbox.ts';
import { StripeProvider, WebhookSignatureError } from './payments/stripe.ts';
import { ProviderError, type PaymentProvider } from './payments/types.ts';
import type { Receipt, ReceiptSigner } from './receipt.ts';
import type { Order, OrderStore } from './storage/types.ts';

export interface AppDeps {
	config: Pick<Config, 'nodeEnv' | 'appOrigin' | 'successUrl' | 'cancelUrl' | 'catalogue' | 'rateLimit' | 'trustProxy' | 'bodyLimitBytes' | 'webhookBodyLimitBytes' | 'logRequests'>;
	store: OrderStore;
	provider: PaymentProvider;
	signer: ReceiptSigner;
	/** Clock (tests may fix it). */
	now?: () => Date;
	/** Request log sink; default: nothing unless config.logRequests, then stdout JSON lines. */
	log?: (line: RequestLogLine) => void;
}

/** Order ids: 128 random bits as 32 lower-case hex chars. */
const ORDER_ID = /^[0-9a-f]{32}$/;
const CreateOrderBody = v.object({ sku: v.pipe(v.string(), v.regex(SKU_PATTERN)) });

const error = (c: Context, status: 400 | 404 | 413 | 415 | 429 | 500 | 502, message: string) => c.json({ error: message }, status);

/**
 * Receipts of paid orders, memoised: a receipt never changes once issued (its claims are fixed at
 * payment and Ed25519 signatures are deterministic, RFC 8032 §5.1.6), so caching only saves the
 * signing cost. Bounded; the oldest entry goes first (Map keeps insertion order).
 */
class ReceiptCache {
	private readonly map = new Map<string, Receipt>();
	constructor(private readonly signer: ReceiptSigner, private readonly max = 10_000) {}
	get(order: Order & { paidAt: string }): Receipt {
		const key = `${order.id}|${order.sku}|${order.paidAt}`;
		let r = this.map.get(key);
		if (!r) {
			r = this.signer.sign({ orderId: order.id, sku: order.sku, issuedAt: order.paidAt });
			if (this.map.size >= this.max) this.map.delete(this.map.keys().next().value!);
			this.map.set(key, r);
		}
		return r;
	}
}

/** Public view of an order, plus a signed receipt once paid. */
function orderView(order: Order, receipts: ReceiptCache) {
	return {
		orderId: order.id,
		sku: order.sku,
		amount: order.amount,
		currency: order.currency,
		status: order.status,
		receipt: order.status === 'paid' && order.paidAt ? receipts.get({ ...order, paidAt: order.paidAt }) : null
	};
}

/** Public view of a product: the fields the buyer is shown (amount in minor units). */
function catalogueView(p: Product) {
	return { sku: p.sku, name: p.name, amount: p.amount, currency: p.currency, description: p.description ?? null };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/**
 * Builds the HTTP API (no listening socket: serve `app.fetch` with @hono/node-server, or call
 * `app.request()` in tests).
 *
 * Routes: POST /api/orders, GET /api/orders/:id, GET /api/catalogue, GET /api/receipt-key, POST /api/webhooks/stripe
 * (Stripe provider only), GET /api/sandbox/checkout/:orderId and POST /api/sandbox/complete/:orderId
 * (sandbox provider only), GET /healthz.
 * @throws Error when the sandbox provider is combined with NODE_ENV=production.
 */
export function createApp(deps: AppDeps): Hono {
	const { config, store, provider, signer } = deps;
	const now = deps.now ?? (() => new Date());
	if (provider.name === 'sandbox' && config.nodeEnv === 'production') {
		throw new Error('the sandbox payment provider is refused when NODE_ENV=production');
	}
	const app = new Hono();
	const receipts = new ReceiptCache(signer);
	const log = deps.log ?? (config.logRequests ? stdoutSink : undefined);
	if (log) app.use('*', requestLogger(log));

	app.use('*', async (c, next) => {
		await next();
		c.header('X-Content-Type-Options', 'nosniff');
		c.header('Referrer-Policy', 'no-referrer');
		if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
	});

	const isWebhook = (c: Context) => c.req.path === '/api/webhooks/stripe';
	const corsMw = cors({
		origin: (origin) => (origin === config.appOrigin ? origin : null),
		allowMethods: ['GET', 'POST'],
		allowHeaders: ['Content-Type'],
		maxAge: 600
	});
	app.use('/api/*', (c, next) => (isWebhook(c) ? next() : corsMw(c, next)));

	const keyGenerator = clientKeyer(config.trustProxy);
	const tooMany = { error: 'too many requests' };
	// Webhooks come from Stripe, are signature-checked and retried by Stripe: not rate limited.
	app.use(
		'/api/*',
		rateLimiter({ windowMs: config.rateLimit.windowMs, limit: config.rateLimit.max, standardHeaders: 'draft-7', keyGenerator, skip: isWebhook, message: tooMany })
	);
	app.post(
		'/api/orders',
		rateLimiter({ windowMs: config.rateLimit.windowMs, limit: config.rateLimit.ordersMax, standardHeaders: 'draft-7', keyGenerator, message: tooMany })
	);

	const limitBody = (maxSize: number) => bodyLimit({ maxSize, onError: (c) => error(c, 413, 'request body too large') });

	app.post('/api/orders', limitBody(config.bodyLimitBytes), async (c) => {
		if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
			return error(c, 415, 'expected Content-Type: application/json');
		}
		let body: unknown;
		try {
			body = JSON.parse(await c.req.text());
		} catch {
			return error(c, 400, 'malformed JSON');
		}
		// Only `sku` is read; anything else the client sends (a price, a currency…) is dropped here.
		const parsed = v.safeParse(CreateOrderBody, body);
		if (!parsed.success) return error(c, 400, 'expected {"sku": string}');
		const product = config.catalogue.get(parsed.output.sku);
		if (!product) return error(c, 400, 'unknown sku');

		const orderId = randomBytes(16).toString('hex');
		const created = now().toISOString();
		await store.createOrder({ id: orderId, sku: product.sku, amount: product.amount, currency: product.currency, provider: provider.name, createdAt: created });
		try {
			const checkout = await provider.createCheckout({
				orderId,
				product,
				successUrl: config.successUrl.replaceAll('{ORDER_ID}', orderId),
				cancelUrl: config.cancelUrl.replaceAll('{ORDER_ID}', orderId)
			});
			await store.setProviderRef(orderId, checkout.providerRef, now().toISOString());
			return c.json({ orderId, checkoutUrl: checkout.checkoutUrl, sku: product.sku, amount: product.amount, currency: product.currency }, 201);
		} catch (e) {
			await store.markFailed(orderId, now().toISOString());
			if (e instanceof ProviderError) return error(c, 502, 'payment provider unavailable');
			throw e;
		}
	});

	app.get('/api/orders/:id', async (c) => {
		const id = c.req.param('id');
		const order = ORDER_ID.test(id) ? await store.getOrder(id) : undefined;
		if (!order) return error(c, 404, 'unknown order');
		return c.json(orderView(order, receipts));
	});

	// What the operator sells, for the app's buy panel (read-only; the same list prices orders).
	const catalogueBody = { products: [...config.catalogue.values()].map(catalogueView) };
	app.get('/api/catalogue', (c) => {
		c.header('Cache-Control', 'public, max-age=300');
		return c.json(catalogueBody);
	});

		app.get('/api/receipt-key', (c) => {
		c.header('Cache-Control', 'public, max-age=300');
		return c.json(signer.publicKey);
	});

	app.get('/healthz', (c) => c.json({ ok: true, storage: store.kind, provider: provider.name }));

	if (provider instanceof StripeProvider) {
		app.post('/api/webhooks/stripe', limitBody(config.webhookBodyLimitBytes), async (c) => {
			const raw = new Uint8Array(await c.req.arrayBuffer());
			let result;
			try {
				result = provider.readWebhook(raw, c.req.header('stripe-signature'), now());
			} catch (e) {
				if (e instanceof WebhookSignatureError) return error(c, 400, 'invalid signature');
				throw e;
			}
			if (result.kind === 'ignored') return c.json({ received: true, outcome: 'ignored' });
			if (result.kind === 'expiry') {
				// Same exactly-once rule as payments: event id recorded and order updated in one transaction.
				return c.json({ received: true, outcome: await store.expireOrder(result.expiry) });
			}
			// Answered 2xx only after the transaction committed; on failure Stripe retries.
			const outcome = await store.confirmPayment(result.confirmation);
			return c.json({ received: true, outcome });
		});
	}

	if (provider instanceof SandboxProvider) {
		app.get('/api/sandbox/checkout/:orderId', async (c) => {
			const id = c.req.param('orderId');
			const order = ORDER_ID.test(id) ? await store.getOrder(id) : undefined;
			if (!order) return error(c, 404, 'unknown order');
			const product = config.catalogue.get(order.sku);
			const price = `${(order.amount / 100).toFixed(2)} ${order.currency.toUpperCase()}`;
			return c.html(
				`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>Sandbox checkout</title>` +
					`<h1>Sandbox checkout</h1><p>No money moves: this is the development payment provider.</p>` +
					`<p>${escapeHtml(product?.name ?? order.sku)} — ${escapeHtml(price)}</p>` +
					`<form method="post" action="/api/sandbox/complete/${order.id}"><button type="submit">Pay (sandbox)</button></form>` +
					`<p><a href="${escapeHtml(config.cancelUrl.replaceAll('{ORDER_ID}', order.id))}">Cancel</a></p>`
			);
		});

		app.post('/api/sandbox/complete/:orderId', limitBody(config.bodyLimitBytes), async (c) => {
			const id = c.req.param('orderId');
			const order = ORDER_ID.test(id) ? await store.getOrder(id) : undefined;
			if (!order) return error(c, 404, 'unknown order');
			const outcome = await store.confirmPayment({
				eventId: `sandbox_${order.id}`,
				orderId: order.id,
				providerRef: order.providerRef ?? `sandbox_${order.id}`,
				amount: order.amount,
				currency: order.currency,
				at: now().toISOString()
			});
			// A form post from the checkout page goes back to the app; fetch() callers get JSON.
			if ((c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
				return c.redirect(config.successUrl.replaceAll('{ORDER_ID}', order.id), 303);
			}
			return c.json({ orderId: order.id, outcome });
		});
	}

	app.notFound((c) => error(c, 404, 'not found'));
	app.onError((e, c) => {
		// No request data in the message; the stack goes to stderr for the operator.
		process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level: 'error', error: e.name, message: e.message }) + '\n');
		return error(c, 500, 'internal error');
	});
	return app;
}

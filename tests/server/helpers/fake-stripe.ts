import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake Stripe API received; `form` is the flat x-www-form-urlencoded body. */
export interface FakeStripeRequest {
	method: string;
	path: string;
	form: Record<string, string>;
	authorization: string | undefined;
	idempotencyKey: string | undefined;
}

export interface FakeStripe {
	port: number;
	requests: FakeStripeRequest[];
	/** Sessions created so far, by id. */
	sessions: Map<string, Record<string, unknown>>;
	/** When set, the next POST /v1/checkout/sessions answers this HTTP status with a Stripe error body. */
	failNext: number | null;
	close(): Promise<void>;
}

const readBody = (req: IncomingMessage) =>
	new Promise<string>((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});

/**
 * A local stand-in for https://api.stripe.com implementing `POST /v1/checkout/sessions` (form body,
 * answers a Checkout Session object shaped like Stripe's, https://docs.stripe.com/api/checkout/sessions/object).
 * Same idempotency key → same session, as Stripe does. Listens on 127.0.0.1 on a free port.
 */
export async function startFakeStripe(): Promise<FakeStripe> {
	let counter = 0;
	const byIdempotencyKey = new Map<string, Record<string, unknown>>();
	const fake: FakeStripe = {
		port: 0,
		requests: [],
		sessions: new Map(),
		failNext: null,
		close: () => new Promise((r) => server.close(() => r()))
	};
	const server: Server = createServer(async (req, res) => {
		const body = await readBody(req);
		const form = Object.fromEntries(new URLSearchParams(body));
		const path = (req.url ?? '').split('?')[0];
		const idem = req.headers['idempotency-key'] as string | undefined;
		fake.requests.push({ method: req.method ?? '', path, form, authorization: req.headers.authorization, idempotencyKey: idem });
		const send = (status: number, obj: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake_${counter}` });
			res.end(JSON.stringify(obj));
		};
		if (req.method !== 'POST' || path !== '/v1/checkout/sessions') {
			return send(404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${path})` } });
		}
		if (!req.headers.authorization?.startsWith('Bearer sk_test_')) {
			return send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
		}
		if (fake.failNext !== null) {
			const status = fake.failNext;
			fake.failNext = null;
			return send(status, { error: { type: 'invalid_request_error', message: 'fake failure' } });
		}
		if (idem && byIdempotencyKey.has(idem)) return send(200, byIdempotencyKey.get(idem));
		counter += 1;
		const id = `cs_test_fake${String(counter).padStart(6, '0')}`;
		const amount = Number(form['line_items[0][price_data][unit_amount]']) * Number(form['line_items[0][quantity]'] ?? 1);
		const session = {
			id,
			object: 'checkout.session',
			mode: form.mode,
			url: `https://checkout.stripe.test/c/pay/${id}`,
			client_reference_id: form.client_reference_id ?? null,
			metadata: { orderId: form['metadata[orderId]'], sku: form['metadata[sku]'] },
			amount_total: amount,
			currency: form['line_items[0][price_data][currency]'],
			payment_status: 'unpaid',
			status: 'open',
			success_url: form.success_url,
			cancel_url: form.cancel_url
		};
		fake.sessions.set(id, session);
		if (idem) byIdempotencyKey.set(idem, session);
		send(200, session);
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	fake.port = (server.address() as AddressInfo).port;
	return fake;
}

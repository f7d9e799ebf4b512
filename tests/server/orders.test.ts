import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { startFakeStripe, type FakeStripe } from './helpers/fake-stripe.ts';
import { APP_ORIGIN, BACKENDS, stripeEnv, type Backend } from './helpers/setup.ts';

let stripe: FakeStripe;
beforeAll(async () => {
	stripe = await startFakeStripe();
});
afterAll(() => stripe.close());

describe.each(BACKENDS)('orders API on $name', ({ make }) => {
	let backend: Backend;
	let t: TestApp;
	beforeEach(async () => {
		backend = await make();
		t = await makeApp(stripeEnv(stripe.port, backend.env()));
		stripe.requests.length = 0;
	});
	afterEach(async () => {
		await t.close();
		await backend.cleanup();
	});

	it('creates an order and a Checkout Session with catalogue price and no customer data', async () => {
		const res = await t.request('/api/orders', json({ sku: 'digital-set' }));
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body.orderId).toMatch(/^[0-9a-f]{32}$/);
		expect(body).toMatchObject({ sku: 'digital-set', amount: 499, currency: 'eur' });
		expect(body.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_fake\d+$/);

		expect(stripe.requests).toHaveLength(1);
		const r = stripe.requests[0];
		expect(r.authorization).toBe('Bearer sk_test_fake_key');
		expect(r.idempotencyKey).toBe(`checkout-${body.orderId}`);
		expect(r.form).toMatchObject({
			mode: 'payment',
			client_reference_id: body.orderId,
			'metadata[orderId]': body.orderId,
			'line_items[0][quantity]': '1',
			'line_items[0][price_data][unit_amount]': '499',
			'line_items[0][price_data][currency]': 'eur',
			'line_items[0][price_data][product_data][name]': 'Digital photos',
			customer_creation: 'if_required',
			'phone_number_collection[enabled]': 'false',
			success_url: `${APP_ORIGIN}/order?order=${body.orderId}`,
			cancel_url: `${APP_ORIGIN}/order?order=${body.orderId}&cancelled=1`
		});
		for (const key of Object.keys(r.form)) expect(key).not.toMatch(/email|customer\b|customer_details|shipping|tax_id|name_collection/);

		const [row] = await backend.query<{ status: string; amount: number; provider_ref: string }>('SELECT * FROM orders WHERE id = $1', [body.orderId]);
		expect(row.status).toBe('pending');
		expect(Number(row.amount)).toBe(499);
		expect(row.provider_ref).toBe(stripe.requests.length && [...stripe.sessions.keys()].at(-1));
		// The row holds only the listed columns.
		expect(Object.keys(row).sort()).toEqual(['amount', 'created_at', 'currency', 'id', 'paid_at', 'provider', 'provider_ref', 'sku', 'status', 'updated_at']);

		const got = await t.request(`/api/orders/${body.orderId}`);
		expect(got.status).toBe(200);
		expect(await got.json()).toEqual({ orderId: body.orderId, sku: 'digital-set', amount: 499, currency: 'eur', status: 'pending', receipt: null });
	});

	it('ignores prices, currencies and amounts sent by the client', async () => {
		const res = await t.request('/api/orders', json({ sku: 'print-sheet', amount: 1, price: 1, unit_amount: 1, currency: 'usd' }));
		expect(res.status).toBe(201);
		const body = await res.json();
		expect(body.amount).toBe(799);
		expect(body.currency).toBe('eur');
		expect(stripe.requests[0].form['line_items[0][price_data][unit_amount]']).toBe('799');
		expect(stripe.requests[0].form['line_items[0][price_data][currency]']).toBe('eur');
		const [row] = await backend.query<{ amount: number; currency: string }>('SELECT amount, currency FROM orders WHERE id = $1', [body.orderId]);
		expect([Number(row.amount), row.currency]).toEqual([799, 'eur']);
	});

	it('answers 400 to malformed JSON and to bad bodies, 415 to other content types', async () => {
		for (const body of ['{"sku": "digital-set"', 'not json', '', '{"sku":']) {
			const res = await t.request('/api/orders', json(body));
			expect(res.status, body).toBe(400);
			expect(await res.json()).toEqual({ error: 'malformed JSON' });
		}
		for (const body of [{}, { sku: 5 }, { sku: '' }, { sku: '../etc' }, [], 'digital-set', null]) {
			const res = await t.request('/api/orders', json(JSON.stringify(body)));
			expect(res.status, JSON.stringify(body)).toBe(400);
		}
		const unknown = await t.request('/api/orders', json({ sku: 'gold-frame' }));
		expect(unknown.status).toBe(400);
		expect(await unknown.json()).toEqual({ error: 'unknown sku' });
		const form = await t.request('/api/orders', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"sku":"digital-set"}' });
		expect(form.status).toBe(415);
		expect(stripe.requests).toHaveLength(0);
		expect(await backend.query('SELECT id FROM orders')).toHaveLength(0);
	});

	it('answers 413 to bodies over BODY_LIMIT_BYTES, with or without Content-Length', async () => {
		const big = JSON.stringify({ sku: 'digital-set', pad: 'x'.repeat(2000) });
		const withLength = await t.request('/api/orders', json(big));
		expect(withLength.status).toBe(413);
		const stream = new ReadableStream({
			start(ctrl) {
				for (let i = 0; i < 10; i++) ctrl.enqueue(new TextEncoder().encode('x'.repeat(500)));
				ctrl.close();
			}
		});
		const chunked = await t.request('/api/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
		expect(chunked.status).toBe(413);
		// A body just under the limit (1024 bytes by default) is read normally.
		const small = JSON.stringify({ sku: 'digital-set', pad: 'x'.repeat(900) });
		expect((await t.request('/api/orders', json(small))).status).toBe(201);
	});

	it('answers 404 to unknown and malformed order ids', async () => {
		for (const id of ['0123456789abcdef0123456789abcdef', 'nope', '0123456789ABCDEF0123456789ABCDEF', "' OR 1=1 --"]) {
			const res = await t.request(`/api/orders/${encodeURIComponent(id)}`);
			expect(res.status, id).toBe(404);
			expect(await res.json()).toEqual({ error: 'unknown order' });
		}
		expect((await t.request('/api/nothing-here')).status).toBe(404);
	});

	it('answers 502 and marks the order failed when Stripe refuses', async () => {
		stripe.failNext = 400;
		const res = await t.request('/api/orders', json({ sku: 'digital-set' }));
		expect(res.status).toBe(502);
		expect(await res.json()).toEqual({ error: 'payment provider unavailable' });
		const rows = await backend.query<{ status: string }>('SELECT status FROM orders');
		expect(rows.map((r) => r.status)).toEqual(['failed']);
	});

	it('allows CORS for APP_ORIGIN only', async () => {
		const pre = await t.request('/api/orders', { method: 'OPTIONS', headers: { origin: APP_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
		expect(pre.status).toBe(204);
		expect(pre.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
		expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
		const ok = await t.request('/api/receipt-key', { headers: { origin: APP_ORIGIN } });
		expect(ok.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
		const evil = await t.request('/api/receipt-key', { headers: { origin: 'https://evil.example' } });
		expect(evil.headers.get('access-control-allow-origin')).toBeNull();
		const evilPre = await t.request('/api/orders', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
		expect(evilPre.headers.get('access-control-allow-origin')).toBeNull();
	});

	it('logs method, route pattern, status and ms only: no ids, addresses or bodies', async () => {
		const res = await t.request('/api/orders', { ...json({ sku: 'digital-set' }), ip: '203.0.113.77' });
		const { orderId } = await res.json();
		await t.request(`/api/orders/${orderId}`, { ip: '203.0.113.77', headers: { 'x-forwarded-for': '198.51.100.9' } });
		await t.request('/api/orders', json('{bad'));
		expect(t.logs.map((l) => [l.method, l.route, l.status])).toEqual([
			['POST', '/api/orders', 201],
			['GET', '/api/orders/:id', 200],
			['POST', '/api/orders', 400]
		]);
		for (const l of t.logs) {
			expect(Object.keys(l).sort()).toEqual(['method', 'ms', 'route', 'status', 't']);
			expect(l.ms).toBeGreaterThanOrEqual(0);
		}
		const text = JSON.stringify(t.logs);
		for (const secret of [orderId, '203.0.113', '198.51.100', 'digital-set']) expect(text).not.toContain(secret);
	});
});

describe('rate limiting', () => {
	let backendCleanup: () => Promise<void>;
	let t: TestApp;
	beforeEach(async () => {
		const backend = await BACKENDS[0].make();
		backendCleanup = () => backend.cleanup();
		t = await makeApp(stripeEnv(stripe.port, { ...backend.env(), RATE_LIMIT_MAX: '5', RATE_LIMIT_ORDERS_MAX: '2', TRUST_PROXY: '1' }));
	});
	afterEach(async () => {
		await t.close();
		await backendCleanup();
	});

	it('limits each client separately (client = address written by the trusted proxy) and answers 429', async () => {
		const order = (xff: string) => t.request('/api/orders', { ...json({ sku: 'digital-set' }), ip: '10.0.0.1', headers: { 'content-type': 'application/json', 'x-forwarded-for': xff } });
		// Client A: 2 orders per window, then 429 — even when it puts a fake address in front of the header.
		expect((await order('192.0.2.1')).status).toBe(201);
		expect((await order('6.6.6.6, 192.0.2.1')).status).toBe(201);
		const limited = await order('7.7.7.7, 192.0.2.1');
		expect(limited.status).toBe(429);
		expect(await limited.json()).toEqual({ error: 'too many requests' });
		expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
		// Client B is not affected.
		expect((await order('192.0.2.2')).status).toBe(201);
		// The general limit (5) covers reads too.
		const reads = [];
		for (let i = 0; i < 6; i++) reads.push((await t.request('/api/receipt-key', { ip: '10.0.0.1', headers: { 'x-forwarded-for': '192.0.2.3' } })).status);
		expect(reads).toEqual([200, 200, 200, 200, 200, 429]);
	});
});

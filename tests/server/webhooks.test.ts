import { createPublicKey, verify } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyReceipt } from '../../server/receipt.ts';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { startFakeStripe, type FakeStripe } from './helpers/fake-stripe.ts';
import { BACKENDS, checkoutCompletedEvent, signPayload, stripeEnv, type Backend } from './helpers/setup.ts';

let stripe: FakeStripe;
beforeAll(async () => {
	stripe = await startFakeStripe();
});
afterAll(() => stripe.close());

const hook = (t: TestApp, payload: string, signature: string | null) =>
	t.request('/api/webhooks/stripe', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': signature }) },
		body: payload
	});

describe.each(BACKENDS)('Stripe webhooks and receipts on $name', ({ make }) => {
	let backend: Backend;
	let t: TestApp;
	let order: { orderId: string; sessionId: string };

	beforeEach(async () => {
		backend = await make();
		t = await makeApp(stripeEnv(stripe.port, backend.env()));
		const res = await t.request('/api/orders', json({ sku: 'digital-set' }));
		const { orderId } = await res.json();
		const [row] = await backend.query<{ provider_ref: string }>('SELECT provider_ref FROM orders WHERE id = $1', [orderId]);
		order = { orderId, sessionId: row.provider_ref };
	});
	afterEach(async () => {
		await t.close();
		await backend.cleanup();
	});

	const paidEvent = (eventId: string, over: Partial<Parameters<typeof checkoutCompletedEvent>[0]> = {}) =>
		checkoutCompletedEvent({ eventId, sessionId: order.sessionId, orderId: order.orderId, amount: 499, ...over });
	const status = async () => (await (await t.request(`/api/orders/${order.orderId}`)).json()).status;

	it('marks the order paid on a signed checkout.session.completed and issues a receipt that verifies', async () => {
		const payload = paidEvent('evt_1');
		const res = await hook(t, payload, signPayload(payload));
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ received: true, outcome: 'paid' });

		const body = await (await t.request(`/api/orders/${order.orderId}`)).json();
		expect(body.status).toBe('paid');
		const { receipt } = body;
		expect(receipt.alg).toBe('Ed25519');
		const claims = JSON.parse(receipt.payload);
		expect(Object.keys(claims)).toEqual(['orderId', 'sku', 'issuedAt']);
		expect(claims.orderId).toBe(order.orderId);
		expect(claims.sku).toBe('digital-set');
		expect(Math.abs(Date.parse(claims.issuedAt) - Date.now())).toBeLessThan(60_000);
		expect(receipt.payload).toBe(JSON.stringify(claims));

		// Verify with node:crypto from the public key endpoint, in its three forms.
		const key = await (await t.request('/api/receipt-key')).json();
		expect(key.keyId).toBe(receipt.keyId);
		const sig = Buffer.from(receipt.signature, 'base64url');
		expect(sig).toHaveLength(64);
		const msg = Buffer.from(receipt.payload, 'utf8');
		const fromRaw = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.raw }, format: 'jwk' });
		const fromJwk = createPublicKey({ key: key.jwk, format: 'jwk' });
		const fromSpki = createPublicKey(key.spki);
		for (const k of [fromRaw, fromJwk, fromSpki]) expect(verify(null, msg, k, sig)).toBe(true);
		expect(verifyReceipt(receipt, key.raw)).toEqual(claims);

		// One changed byte anywhere in the payload or the signature breaks it.
		for (let i = 0; i < msg.length; i++) {
			const m = Buffer.from(msg);
			m[i] ^= 0x01;
			expect(verify(null, m, fromRaw, sig), `payload byte ${i}`).toBe(false);
		}
		for (let i = 0; i < sig.length; i++) {
			const s = Buffer.from(sig);
			s[i] ^= 0x01;
			expect(verify(null, msg, fromRaw, s), `signature byte ${i}`).toBe(false);
		}
		// Same receipt on every request (issuedAt = paid time, Ed25519 is deterministic).
		const again = await (await t.request(`/api/orders/${order.orderId}`)).json();
		expect(again.receipt).toEqual(receipt);
	});

	it('rejects forged, tampered, unsigned and stale webhooks with 400 and changes nothing', async () => {
		const payload = paidEvent('evt_forged');
		const cases: [string, string, string | null][] = [
			['wrong secret', payload, signPayload(payload, { secret: 'whsec_attacker' })],
			['tampered amount', payload.replace('"amount_total":499', '"amount_total":1'), signPayload(payload)],
			['tampered order id', paidEvent('evt_forged', { orderId: 'f'.repeat(32) }), signPayload(payload)],
			['no signature', payload, null],
			['garbage signature', payload, 't=123,v1=deadbeef'],
			['replayed after tolerance (301 s old)', payload, signPayload(payload, { timestamp: Math.floor(Date.now() / 1000) - 301 })]
		];
		for (const [name, body, sig] of cases) {
			const res = await hook(t, body, sig);
			expect(res.status, name).toBe(400);
			expect(await res.json(), name).toEqual({ error: 'invalid signature' });
		}
		expect(await status()).toBe('pending');
		expect(await backend.query('SELECT * FROM processed_events')).toHaveLength(0);
	});

	it('ignores a replayed event and a second event for a paid order: no double fulfilment', async () => {
		const payload = paidEvent('evt_once');
		const sig = signPayload(payload);
		expect((await (await hook(t, payload, sig)).json()).outcome).toBe('paid');
		const [first] = await backend.query<{ paid_at: unknown; updated_at: unknown }>('SELECT paid_at, updated_at FROM orders WHERE id = $1', [order.orderId]);
		const receipt1 = (await (await t.request(`/api/orders/${order.orderId}`)).json()).receipt;

		await new Promise((r) => setTimeout(r, 5));
		const replay = await hook(t, payload, signPayload(payload));
		expect(replay.status).toBe(200);
		expect((await replay.json()).outcome).toBe('duplicate-event');
		const other = paidEvent('evt_async', { type: 'checkout.session.async_payment_succeeded' });
		expect((await (await hook(t, other, signPayload(other))).json()).outcome).toBe('already-paid');

		const [after] = await backend.query<{ paid_at: unknown; updated_at: unknown }>('SELECT paid_at, updated_at FROM orders WHERE id = $1', [order.orderId]);
		expect(after).toEqual(first);
		expect((await (await t.request(`/api/orders/${order.orderId}`)).json()).receipt).toEqual(receipt1);
		const events = await backend.query<{ event_id: string }>('SELECT event_id FROM processed_events ORDER BY event_id');
		expect(events.map((e) => e.event_id)).toEqual(['evt_async', 'evt_once']);
	});

	it('pays exactly once under 20 concurrent deliveries of the same event and of distinct events', async () => {
		const payload = paidEvent('evt_race');
		const sig = signPayload(payload);
		const distinct = Array.from({ length: 10 }, (_, i) => paidEvent(`evt_race_${i}`));
		const results = await Promise.all([
			...Array.from({ length: 10 }, () => hook(t, payload, sig)),
			...distinct.map((p) => hook(t, p, signPayload(p)))
		]);
		const outcomes = await Promise.all(results.map(async (r) => (expect(r.status).toBe(200), (await r.json()).outcome as string)));
		expect(outcomes.filter((o) => o === 'paid')).toHaveLength(1);
		expect(outcomes.slice(0, 10).filter((o) => o === 'duplicate-event')).toHaveLength(9);
		expect(await backend.query('SELECT * FROM processed_events')).toHaveLength(11);
		expect(await status()).toBe('paid');
	});

	it('does not pay on a signed event whose amount or currency differs from the order', async () => {
		for (const [id, over] of [['evt_cheap', { amount: 1 }], ['evt_usd', { currency: 'usd' }], ['evt_other_session', { sessionId: 'cs_test_other' }]] as const) {
			const p = paidEvent(id, over);
			const res = await hook(t, p, signPayload(p));
			expect(res.status).toBe(200);
			expect((await res.json()).outcome, id).toBe('mismatch');
		}
		expect(await status()).toBe('pending');
		// A later correct event still pays it.
		const ok = paidEvent('evt_ok');
		expect((await (await hook(t, ok, signPayload(ok))).json()).outcome).toBe('paid');
	});

	it('acknowledges but ignores unpaid sessions, other event types and unknown orders', async () => {
		const unpaid = paidEvent('evt_unpaid', { paymentStatus: 'unpaid' });
		expect(await (await hook(t, unpaid, signPayload(unpaid))).json()).toEqual({ received: true, outcome: 'ignored' });
		const other = JSON.stringify({ id: 'evt_other', object: 'event', type: 'payment_intent.created', data: { object: { id: 'pi_1' } } });
		expect(await (await hook(t, other, signPayload(other))).json()).toEqual({ received: true, outcome: 'ignored' });
		const stranger = paidEvent('evt_stranger', { orderId: 'a'.repeat(32) });
		expect((await (await hook(t, stranger, signPayload(stranger))).json()).outcome).toBe('unknown-order');
		expect(await status()).toBe('pending');
	});

	it('pays an order whose session id was never stored (stop between Stripe call and update) and records it', async () => {
		const orderId = 'c'.repeat(32);
		await t.store.createOrder({ id: orderId, sku: 'digital-set', amount: 499, currency: 'eur', provider: 'stripe', createdAt: new Date().toISOString() });
		const p = checkoutCompletedEvent({ eventId: 'evt_orphan', sessionId: 'cs_test_orphan', orderId, amount: 499 });
		expect((await (await hook(t, p, signPayload(p))).json()).outcome).toBe('paid');
		const [row] = await backend.query<{ status: string; provider_ref: string }>('SELECT status, provider_ref FROM orders WHERE id = $1', [orderId]);
		expect(row).toEqual({ status: 'paid', provider_ref: 'cs_test_orphan' });
	});

	it('answers 413 to a webhook body over WEBHOOK_BODY_LIMIT_BYTES', async () => {
		const payload = JSON.stringify({ id: 'evt_big', object: 'event', type: 'x', pad: 'x'.repeat(300_000) });
		expect((await hook(t, payload, signPayload(payload))).status).toBe(413);
	});
});

/**
 * `checkout.session.expired`: the order goes from pending to expired exactly once, only for its own
 * Checkout Session, never after payment, and a later payment event does not revive it. Also the
 * migration of databases whose `orders.status` CHECK predates the `expired` status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SqliteOrderStore } from '../../server/storage/sqlite.ts';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { startFakeStripe, type FakeStripe } from './helpers/fake-stripe.ts';
import { BACKENDS, checkoutCompletedEvent, checkoutExpiredEvent, signPayload, stripeEnv, TEST_DATABASE_URL, type Backend } from './helpers/setup.ts';

let stripe: FakeStripe;
beforeAll(async () => {
	stripe = await startFakeStripe();
});
afterAll(() => stripe.close());

const hook = (t: TestApp, payload: string, signature: string | null = signPayload(payload)) =>
	t.request('/api/webhooks/stripe', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': signature }) },
		body: payload
	});

describe.each(BACKENDS)('checkout.session.expired on $name', ({ make }) => {
	let backend: Backend;
	let t: TestApp;
	let order: { orderId: string; sessionId: string };

	beforeEach(async () => {
		backend = await make();
		t = await makeApp(stripeEnv(stripe.port, backend.env()));
		const { orderId } = await (await t.request('/api/orders', json({ sku: 'digital-set' }))).json();
		const [row] = await backend.query<{ provider_ref: string }>('SELECT provider_ref FROM orders WHERE id = $1', [orderId]);
		order = { orderId, sessionId: row.provider_ref };
	});
	afterEach(async () => {
		await t.close();
		await backend.cleanup();
	});

	const expiredEvent = (eventId: string, over: { sessionId?: string; orderId?: string } = {}) =>
		checkoutExpiredEvent({ eventId, sessionId: order.sessionId, orderId: order.orderId, ...over });
	const view = async () => (await t.request(`/api/orders/${order.orderId}`)).json();
	const row = async () =>
		(await backend.query<{ status: string; updated_at: unknown; paid_at: unknown }>('SELECT status, updated_at, paid_at FROM orders WHERE id = $1', [order.orderId]))[0];

	it('marks a pending order expired once; a replay or a second expiry event changes nothing', async () => {
		const payload = expiredEvent('evt_exp_1');
		const res = await hook(t, payload);
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({ received: true, outcome: 'expired' });
		expect(await view()).toMatchObject({ orderId: order.orderId, status: 'expired', receipt: null });
		const first = await row();
		expect(first.paid_at).toBeNull();

		await new Promise((r) => setTimeout(r, 5));
		expect(await (await hook(t, payload)).json()).toEqual({ received: true, outcome: 'duplicate-event' });
		const other = expiredEvent('evt_exp_2');
		expect(await (await hook(t, other)).json()).toEqual({ received: true, outcome: 'not-pending' });
		expect(await row()).toEqual(first);
		const events = await backend.query<{ event_id: string }>('SELECT event_id FROM processed_events ORDER BY event_id');
		expect(events.map((e) => e.event_id)).toEqual(['evt_exp_1', 'evt_exp_2']);
	});

	it('does not expire a paid order, and a payment event after expiry does not pay it', async () => {
		const paid = checkoutCompletedEvent({ eventId: 'evt_paid', sessionId: order.sessionId, orderId: order.orderId, amount: 499 });
		expect((await (await hook(t, paid)).json()).outcome).toBe('paid');
		const receipt = (await view()).receipt;
		expect(receipt).not.toBeNull();
		expect((await (await hook(t, expiredEvent('evt_late_expiry'))).json()).outcome).toBe('not-pending');
		const after = await view();
		expect(after.status).toBe('paid');
		expect(after.receipt).toEqual(receipt);

		// A second order: expired first, then a (late) completion event for it.
		const { orderId } = await (await t.request('/api/orders', json({ sku: 'digital-set' }))).json();
		const [r2] = await backend.query<{ provider_ref: string }>('SELECT provider_ref FROM orders WHERE id = $1', [orderId]);
		const exp = checkoutExpiredEvent({ eventId: 'evt_exp_b', sessionId: r2.provider_ref, orderId });
		expect((await (await hook(t, exp)).json()).outcome).toBe('expired');
		const late = checkoutCompletedEvent({ eventId: 'evt_paid_b', sessionId: r2.provider_ref, orderId, amount: 499 });
		expect((await (await hook(t, late)).json()).outcome).not.toBe('paid');
		const got = await (await t.request(`/api/orders/${orderId}`)).json();
		expect([got.status, got.receipt]).toEqual(['expired', null]);
	});

	it('ignores an expiry for another Checkout Session or an unknown order, and rejects unsigned ones', async () => {
		expect((await (await hook(t, expiredEvent('evt_other', { sessionId: 'cs_test_other' }))).json()).outcome).toBe('mismatch');
		expect((await (await hook(t, expiredEvent('evt_unknown', { orderId: 'e'.repeat(32) }))).json()).outcome).toBe('unknown-order');
		const forged = expiredEvent('evt_forged');
		expect((await hook(t, forged, signPayload(forged, { secret: 'whsec_attacker' }))).status).toBe(400);
		expect((await hook(t, forged, null)).status).toBe(400);
		expect((await view()).status).toBe('pending');
		// A session without an order reference is acknowledged and ignored.
		const anon = JSON.stringify({ ...JSON.parse(expiredEvent('evt_anon')), data: { object: { id: 'cs_x', object: 'checkout.session', status: 'expired' } } });
		expect(await (await hook(t, anon)).json()).toEqual({ received: true, outcome: 'ignored' });
		// The order can still be paid afterwards.
		const paid = checkoutCompletedEvent({ eventId: 'evt_paid_ok', sessionId: order.sessionId, orderId: order.orderId, amount: 499 });
		expect((await (await hook(t, paid)).json()).outcome).toBe('paid');
	});

	it('expires exactly once under 10 concurrent deliveries of one event and 5 distinct events', async () => {
		const payload = expiredEvent('evt_exp_race');
		const sig = signPayload(payload);
		const distinct = Array.from({ length: 5 }, (_, i) => expiredEvent(`evt_exp_race_${i}`));
		const results = await Promise.all([...Array.from({ length: 10 }, () => hook(t, payload, sig)), ...distinct.map((p) => hook(t, p))]);
		const outcomes = await Promise.all(results.map(async (r) => (expect(r.status).toBe(200), (await r.json()).outcome as string)));
		expect(outcomes.filter((o) => o === 'expired')).toHaveLength(1);
		expect(outcomes.slice(0, 10).filter((o) => o === 'duplicate-event').length).toBeGreaterThanOrEqual(9);
		expect(outcomes.filter((o) => o !== 'expired' && o !== 'duplicate-event' && o !== 'not-pending')).toEqual([]);
		expect(await backend.query('SELECT * FROM processed_events')).toHaveLength(6);
		expect((await view()).status).toBe('expired');
	});
});

describe('schema migration: orders made before the expired status', () => {
	const OLD_ORDERS = `CREATE TABLE orders (
		id TEXT PRIMARY KEY, sku TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL,
		status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')), provider TEXT NOT NULL, provider_ref TEXT,
		created_at TEXT NOT NULL, updated_at TEXT NOT NULL, paid_at TEXT) STRICT;
		CREATE TABLE processed_events (event_id TEXT PRIMARY KEY, order_id TEXT, processed_at TEXT NOT NULL) STRICT;`;
	const at = '2026-11-01T10:00:00.000Z';

	it('SQLite: rebuilds the table keeping every row, then accepts expired', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'orders-migrate-'));
		const path = join(dir, 'orders.db');
		try {
			const Database = (await import('better-sqlite3')).default;
			const old = new Database(path);
			old.exec(OLD_ORDERS);
			const insert = old.prepare(`INSERT INTO orders VALUES (?, 'digital-set', 499, 'eur', ?, 'stripe', ?, ?, ?, ?)`);
			insert.run('a'.repeat(32), 'paid', 'cs_a', at, at, at);
			insert.run('b'.repeat(32), 'pending', 'cs_b', at, at, null);
			expect(() => old.prepare(`UPDATE orders SET status = 'expired' WHERE id = ?`).run('b'.repeat(32))).toThrow(/CHECK/);
			old.close();

			for (let open = 0; open < 2; open++) {
				// Twice: the second start finds the migrated table and leaves it alone.
				const store = new SqliteOrderStore(path);
				await store.init();
				expect(await store.getOrder('a'.repeat(32))).toMatchObject({ status: 'paid', paidAt: at, providerRef: 'cs_a' });
				if (open === 0) {
					expect(await store.expireOrder({ eventId: 'evt_m', orderId: 'b'.repeat(32), providerRef: 'cs_b', at })).toBe('expired');
				}
				expect(await store.getOrder('b'.repeat(32))).toMatchObject({ status: 'expired', paidAt: null });
				await store.close();
			}
			const check = new Database(path, { readonly: true });
			expect(check.prepare(`SELECT COUNT(*) AS n FROM orders`).get()).toEqual({ n: 2 });
			expect(check.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all()).toEqual([{ name: 'orders' }, { name: 'processed_events' }]);
			check.close();
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it.skipIf(!TEST_DATABASE_URL)('PostgreSQL: replaces the CHECK constraint, keeping every row', async () => {
		const { postgresBackend } = await import('./helpers/setup.ts');
		const backend = await postgresBackend(TEST_DATABASE_URL);
		const pg = (await import('pg')).default;
		const client = new pg.Client({ connectionString: backend.env().DATABASE_URL });
		await client.connect();
		try {
			await client.query(`CREATE TABLE orders (id TEXT PRIMARY KEY, sku TEXT NOT NULL, amount INTEGER NOT NULL, currency TEXT NOT NULL,
				status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')), provider TEXT NOT NULL, provider_ref TEXT,
				created_at TIMESTAMPTZ NOT NULL, updated_at TIMESTAMPTZ NOT NULL, paid_at TIMESTAMPTZ)`);
			await client.query(`INSERT INTO orders VALUES ($1, 'digital-set', 499, 'eur', 'pending', 'stripe', 'cs_b', $2, $2, NULL)`, ['b'.repeat(32), at]);
			const { PostgresOrderStore } = await import('../../server/storage/postgres.ts');
			const store = new PostgresOrderStore(backend.env().DATABASE_URL, 2);
			await store.init();
			await store.init();
			expect(await store.expireOrder({ eventId: 'evt_m', orderId: 'b'.repeat(32), providerRef: 'cs_b', at })).toBe('expired');
			expect(await store.getOrder('b'.repeat(32))).toMatchObject({ status: 'expired', createdAt: at });
			const defs = await client.query(`SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'c'`);
			expect(defs.rows).toHaveLength(1);
			expect(defs.rows[0].def).toContain('expired');
			await store.close();
		} finally {
			await client.end();
			await backend.cleanup();
		}
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from './helpers/fake-stripe.ts';
import { BACKENDS, checkoutCompletedEvent, signPayload, stripeEnv } from './helpers/setup.ts';
import { startServer, type ServerProcess } from './helpers/spawn.ts';

let stripe: FakeStripe;
beforeAll(async () => {
	stripe = await startFakeStripe();
});
afterAll(() => stripe.close());

const ORDERS = 80;
const CONCURRENCY = 16;
/** The server is killed when this many webhooks have been answered. */
const KILL_AFTER = 30;

interface Delivery {
	eventId: string;
	orderId: string;
	payload: string;
}

async function deliver(srv: ServerProcess, d: Delivery): Promise<string> {
	const res = await fetch(`${srv.url}/api/webhooks/stripe`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'stripe-signature': signPayload(d.payload) },
		body: d.payload
	});
	if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
	return ((await res.json()) as { outcome: string }).outcome;
}

/** Runs `fn` over `items` with `n` workers; stops taking new items once `stop()` is true. */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>, stop: () => boolean = () => false) {
	let next = 0;
	await Promise.all(
		Array.from({ length: n }, async () => {
			while (next < items.length && !stop()) await fn(items[next++]);
		})
	);
}

describe.each(BACKENDS)('crash safety on $name', ({ make }) => {
	it('kill -9 while webhooks are processed, restart, re-deliver everything: every order paid exactly once', async () => {
		const backend = await make();
		// One env (and so one receipt key) for both server lives.
		const env = stripeEnv(stripe.port, { ...backend.env(), RATE_LIMIT_MAX: '1000000', RATE_LIMIT_ORDERS_MAX: '1000000' });
		let srv = await startServer(env);
		try {
			const orderIds: string[] = [];
			for (let i = 0; i < ORDERS; i++) {
				const res = await fetch(`${srv.url}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sku":"digital-set"}' });
				expect(res.status).toBe(201);
				orderIds.push(((await res.json()) as { orderId: string }).orderId);
			}
			const refs = new Map(
				(await backend.query<{ id: string; provider_ref: string }>('SELECT id, provider_ref FROM orders')).map((r) => [r.id, r.provider_ref])
			);
			// One checkout.session.completed per order, plus a second, distinct event
			// (async_payment_succeeded) for every third order.
			const deliveries: Delivery[] = orderIds.flatMap((orderId, i) => {
				const base = { sessionId: refs.get(orderId)!, orderId, amount: 499 };
				const list = [{ eventId: `evt_c_${i}`, orderId, payload: checkoutCompletedEvent({ ...base, eventId: `evt_c_${i}` }) }];
				if (i % 3 === 0) list.push({ eventId: `evt_a_${i}`, orderId, payload: checkoutCompletedEvent({ ...base, eventId: `evt_a_${i}`, type: 'checkout.session.async_payment_succeeded' }) });
				return list;
			});
			const distinctEvents = deliveries.length;

			// Life 1: fire concurrently, SIGKILL after KILL_AFTER answers.
			const acked = new Map<string, string>();
			let killed = false;
			await pool(
				deliveries,
				CONCURRENCY,
				async (d) => {
					try {
						acked.set(d.eventId, await deliver(srv, d));
					} catch {
						return; // connection cut by the kill
					}
					if (!killed && acked.size >= KILL_AFTER) {
						killed = true;
						srv.child.kill('SIGKILL');
					}
				},
				() => killed
			);
			expect(await srv.exited).toBe('SIGKILL');
			expect(acked.size).toBeGreaterThanOrEqual(KILL_AFTER);
			expect(acked.size).toBeLessThan(distinctEvents);

			// Every acknowledged payment is durable; the crash left both paid and pending orders.
			if (backend.name === 'sqlite') expect(await backend.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
			const atCrash = new Map(
				(await backend.query<{ id: string; status: string; paid_at: unknown }>('SELECT id, status, paid_at FROM orders')).map((r) => [r.id, r])
			);
			for (const [eventId, outcome] of acked) {
				if (outcome === 'paid') expect(atCrash.get(deliveries.find((d) => d.eventId === eventId)!.orderId)!.status, eventId).toBe('paid');
			}
			const paidAtCrash = [...atCrash.values()].filter((r) => r.status === 'paid');
			expect(paidAtCrash.length).toBeGreaterThan(0);
			expect(paidAtCrash.length).toBeLessThan(ORDERS);
			const eventsAtCrash = (await backend.query('SELECT event_id FROM processed_events')).length;

			// Life 2: restart on the same database and re-deliver every event twice, concurrently.
			srv = await startServer(env);
			const outcomes: string[] = [];
			await pool([...deliveries, ...deliveries], CONCURRENCY, async (d) => {
				outcomes.push(await deliver(srv, d));
			});
			expect(outcomes).toHaveLength(2 * distinctEvents);
			// Exactly the orders still pending after the crash were paid now, each once.
			expect(outcomes.filter((o) => o === 'paid')).toHaveLength(ORDERS - paidAtCrash.length);
			expect(outcomes.filter((o) => o === 'duplicate-event')).toHaveLength(distinctEvents + eventsAtCrash);

			const after = await backend.query<{ id: string; status: string; paid_at: unknown }>('SELECT id, status, paid_at FROM orders');
			expect(after).toHaveLength(ORDERS);
			for (const r of after) {
				expect(r.status, r.id).toBe('paid');
				expect(r.paid_at, r.id).not.toBeNull();
				// Orders paid before the crash kept their payment time: not paid a second time.
				if (atCrash.get(r.id)!.status === 'paid') expect(r.paid_at, r.id).toEqual(atCrash.get(r.id)!.paid_at);
			}
			const events = await backend.query<{ event_id: string }>('SELECT event_id FROM processed_events');
			expect(events.map((e) => e.event_id).sort()).toEqual(deliveries.map((d) => d.eventId).sort());

			// Receipts: one per order, stable, issued at the single payment time.
			for (const id of orderIds.slice(0, 10)) {
				const body = (await (await fetch(`${srv.url}/api/orders/${id}`)).json()) as { status: string; receipt: { payload: string } };
				expect(body.status).toBe('paid');
				expect(new Date(JSON.parse(body.receipt.payload).issuedAt).getTime()).toBe(new Date(after.find((r) => r.id === id)!.paid_at as string).getTime());
			}
		} finally {
			if (srv.child.exitCode === null && srv.child.signalCode === null) {
				srv.child.kill('SIGTERM');
				await srv.exited;
			}
			await backend.cleanup();
		}
	});
});

import pg from 'pg';
import type { ConfirmOutcome, ExpireOutcome, ExpiryNotice, NewOrder, Order, OrderStore, PaymentConfirmation } from './types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
	id           TEXT PRIMARY KEY,
	sku          TEXT NOT NULL,
	amount       INTEGER NOT NULL,
	currency     TEXT NOT NULL,
	status       TEXT NOT NULL CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'failed', 'expired')),
	provider     TEXT NOT NULL,
	provider_ref TEXT,
	created_at   TIMESTAMPTZ NOT NULL,
	updated_at   TIMESTAMPTZ NOT NULL,
	paid_at      TIMESTAMPTZ
);
CREATE TABLE IF NOT EXISTS processed_events (
	event_id     TEXT PRIMARY KEY,
	order_id     TEXT,
	processed_at TIMESTAMPTZ NOT NULL
);
`;

/**
 * Tables made before the `expired` status existed carry the CHECK constraint
 * `orders_status_check` (PostgreSQL's default name for it) without 'expired': replace it. Runs
 * under the schema lock; a no-op once the constraint allows 'expired'.
 */
const MIGRATE_STATUS_CHECK = `
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'orders'::regclass AND conname = 'orders_status_check'
	           AND pg_get_constraintdef(oid) NOT LIKE '%expired%') THEN
		ALTER TABLE orders DROP CONSTRAINT orders_status_check;
		ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('pending', 'paid', 'failed', 'expired'));
	END IF;
END $$;
`;

/** Advisory lock key serialising schema creation across instances (arbitrary constant: "idph" in ASCII). */
const SCHEMA_LOCK = 0x69647068;

interface Row {
	id: string;
	sku: string;
	amount: number;
	currency: string;
	status: Order['status'];
	provider: Order['provider'];
	provider_ref: string | null;
	created_at: Date;
	updated_at: Date;
	paid_at: Date | null;
}

const toOrder = (r: Row): Order => ({
	id: r.id,
	sku: r.sku,
	amount: r.amount,
	currency: r.currency,
	status: r.status,
	provider: r.provider,
	providerRef: r.provider_ref,
	createdAt: r.created_at.toISOString(),
	updatedAt: r.updated_at.toISOString(),
	paidAt: r.paid_at ? r.paid_at.toISOString() : null
});

/**
 * PostgreSQL store (node-postgres pool), for several server instances behind a load balancer.
 * Exactly-once payment relies on the `processed_events` primary key (a second insert of an event id
 * waits for the first transaction, then conflicts) and on `SELECT … FOR UPDATE` of the order row,
 * at READ COMMITTED (https://www.postgresql.org/docs/current/transaction-iso.html).
 */
export class PostgresOrderStore implements OrderStore {
	readonly kind = 'postgres' as const;
	private readonly pool: pg.Pool;

	/** @param url postgres:// connection string; `max` pool size. */
	constructor(url: string, max = 10) {
		this.pool = new pg.Pool({ connectionString: url, max });
		// An idle client losing its connection emits 'error' on the pool; without a listener it would crash the process.
		this.pool.on('error', () => {});
	}

	async init(): Promise<void> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
			await client.query(SCHEMA);
			await client.query(MIGRATE_STATUS_CHECK);
			await client.query('COMMIT');
		} catch (e) {
			await client.query('ROLLBACK').catch(() => {});
			throw e;
		} finally {
			client.release();
		}
	}

	async createOrder(o: NewOrder): Promise<void> {
		await this.pool.query(
			`INSERT INTO orders (id, sku, amount, currency, status, provider, provider_ref, created_at, updated_at, paid_at)
			 VALUES ($1, $2, $3, $4, 'pending', $5, NULL, $6, $6, NULL)`,
			[o.id, o.sku, o.amount, o.currency, o.provider, o.createdAt]
		);
	}

	async setProviderRef(orderId: string, providerRef: string, at: string): Promise<void> {
		await this.pool.query(`UPDATE orders SET provider_ref = $1, updated_at = $2 WHERE id = $3 AND provider_ref IS NULL`, [providerRef, at, orderId]);
	}

	async markFailed(orderId: string, at: string): Promise<void> {
		await this.pool.query(`UPDATE orders SET status = 'failed', updated_at = $1 WHERE id = $2 AND status = 'pending'`, [at, orderId]);
	}

	async getOrder(orderId: string): Promise<Order | undefined> {
		const r = await this.pool.query<Row>(`SELECT * FROM orders WHERE id = $1`, [orderId]);
		return r.rows[0] ? toOrder(r.rows[0]) : undefined;
	}

	async confirmPayment(c: PaymentConfirmation): Promise<ConfirmOutcome> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			const ins = await client.query(
				`INSERT INTO processed_events (event_id, order_id, processed_at) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING`,
				[c.eventId, c.orderId, c.at]
			);
			let outcome: ConfirmOutcome;
			if (ins.rowCount !== 1) {
				outcome = 'duplicate-event';
			} else {
				const r = await client.query<Row>(`SELECT * FROM orders WHERE id = $1 FOR UPDATE`, [c.orderId]);
				const row = r.rows[0];
				if (!row) outcome = 'unknown-order';
				else if (row.status === 'paid') outcome = 'already-paid';
				else if (row.amount !== c.amount || row.currency !== c.currency || (row.provider_ref !== null && row.provider_ref !== c.providerRef)) outcome = 'mismatch';
				else {
					const u = await client.query(`UPDATE orders SET status = 'paid', paid_at = $1, updated_at = $1, provider_ref = COALESCE(provider_ref, $3) WHERE id = $2 AND status = 'pending'`,
						[c.at, c.orderId, c.providerRef]);
					outcome = u.rowCount === 1 ? 'paid' : 'mismatch';
				}
			}
			await client.query('COMMIT');
			return outcome;
		} catch (e) {
			await client.query('ROLLBACK').catch(() => {});
			throw e;
		} finally {
			client.release();
		}
	}

	async expireOrder(e: ExpiryNotice): Promise<ExpireOutcome> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			const ins = await client.query(
				`INSERT INTO processed_events (event_id, order_id, processed_at) VALUES ($1, $2, $3) ON CONFLICT (event_id) DO NOTHING`,
				[e.eventId, e.orderId, e.at]
			);
			let outcome: ExpireOutcome;
			if (ins.rowCount !== 1) {
				outcome = 'duplicate-event';
			} else {
				// Row lock: a concurrent payment of the same order waits, then sees 'expired' (or we see 'paid').
				const r = await client.query<Row>(`SELECT * FROM orders WHERE id = $1 FOR UPDATE`, [e.orderId]);
				const row = r.rows[0];
				if (!row) outcome = 'unknown-order';
				else if (row.status !== 'pending') outcome = 'not-pending';
				else if (row.provider_ref !== null && row.provider_ref !== e.providerRef) outcome = 'mismatch';
				else {
					const u = await client.query(
						`UPDATE orders SET status = 'expired', updated_at = $1, provider_ref = COALESCE(provider_ref, $3) WHERE id = $2 AND status = 'pending'`,
						[e.at, e.orderId, e.providerRef]
					);
					outcome = u.rowCount === 1 ? 'expired' : 'not-pending';
				}
			}
			await client.query('COMMIT');
			return outcome;
		} catch (err) {
			await client.query('ROLLBACK').catch(() => {});
			throw err;
		} finally {
			client.release();
		}
	}

	async close(): Promise<void> {
		await this.pool.end();
	}
}

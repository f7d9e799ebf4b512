import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConfirmOutcome, ExpireOutcome, ExpiryNotice, NewOrder, Order, OrderStore, PaymentConfirmation } from './types.ts';

const ordersTable = (name: string) => `
CREATE TABLE IF NOT EXISTS ${name} (
	id           TEXT PRIMARY KEY,
	sku          TEXT NOT NULL,
	amount       INTEGER NOT NULL,
	currency     TEXT NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed', 'expired')),
	provider     TEXT NOT NULL,
	provider_ref TEXT,
	created_at   TEXT NOT NULL,
	updated_at   TEXT NOT NULL,
	paid_at      TEXT
) STRICT;`;

const SCHEMA = `${ordersTable('orders')}
CREATE TABLE IF NOT EXISTS processed_events (
	event_id     TEXT PRIMARY KEY,
	order_id     TEXT,
	processed_at TEXT NOT NULL
) STRICT;
`;

interface Row {
	id: string;
	sku: string;
	amount: number;
	currency: string;
	status: Order['status'];
	provider: Order['provider'];
	provider_ref: string | null;
	created_at: string;
	updated_at: string;
	paid_at: string | null;
}

const toOrder = (r: Row): Order => ({
	id: r.id,
	sku: r.sku,
	amount: r.amount,
	currency: r.currency,
	status: r.status,
	provider: r.provider,
	providerRef: r.provider_ref,
	createdAt: r.created_at,
	updatedAt: r.updated_at,
	paidAt: r.paid_at
});

/**
 * SQLite store (better-sqlite3, synchronous, one connection per process).
 * Journal: WAL (https://sqlite.org/wal.html) so readers never block the writer;
 * `synchronous=FULL` so a transaction whose commit returned (and so a webhook answered 200)
 * survives power loss, not only a process crash (https://sqlite.org/pragma.html#pragma_synchronous).
 * One process only: for several instances use PostgreSQL.
 */
export class SqliteOrderStore implements OrderStore {
	readonly kind = 'sqlite' as const;
	private readonly db: Database.Database;
	private stmts!: {
		insert: Database.Statement;
		setRef: Database.Statement;
		fail: Database.Statement;
		get: Database.Statement<[string], Row>;
		insertEvent: Database.Statement;
		pay: Database.Statement;
		expire: Database.Statement;
	};
	private confirmTx!: (c: PaymentConfirmation) => ConfirmOutcome;
	private expireTx!: (e: ExpiryNotice) => ExpireOutcome;

	/** @param path file path (parent folders are created) or ':memory:'. */
	constructor(path: string) {
		if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
		this.db = new Database(path);
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = FULL');
		this.db.pragma('busy_timeout = 5000');
		this.db.pragma('foreign_keys = ON');
	}

	async init(): Promise<void> {
		this.migrateStatusCheck();
		this.db.exec(SCHEMA);
		const db = this.db;
		this.stmts = {
			insert: db.prepare(
				`INSERT INTO orders (id, sku, amount, currency, status, provider, provider_ref, created_at, updated_at, paid_at)
				 VALUES (@id, @sku, @amount, @currency, 'pending', @provider, NULL, @createdAt, @createdAt, NULL)`
			),
			setRef: db.prepare(`UPDATE orders SET provider_ref = ?, updated_at = ? WHERE id = ? AND provider_ref IS NULL`),
			fail: db.prepare(`UPDATE orders SET status = 'failed', updated_at = ? WHERE id = ? AND status = 'pending'`),
			get: db.prepare<[string], Row>(`SELECT * FROM orders WHERE id = ?`),
			insertEvent: db.prepare(`INSERT INTO processed_events (event_id, order_id, processed_at) VALUES (?, ?, ?) ON CONFLICT (event_id) DO NOTHING`),
			// provider_ref is filled here if the server stopped between creating the session and storing its id.
			pay: db.prepare(`UPDATE orders SET status = 'paid', paid_at = ?, updated_at = ?, provider_ref = COALESCE(provider_ref, ?) WHERE id = ? AND status = 'pending'`),
			expire: db.prepare(`UPDATE orders SET status = 'expired', updated_at = ?, provider_ref = COALESCE(provider_ref, ?) WHERE id = ? AND status = 'pending'`)
		};
		// IMMEDIATE takes the write lock at BEGIN, so the read-check-write below cannot interleave.
		this.confirmTx = this.db
			.transaction((c: PaymentConfirmation): ConfirmOutcome => {
				const inserted = this.stmts.insertEvent.run(c.eventId, c.orderId, c.at).changes === 1;
				if (!inserted) return 'duplicate-event';
				const row = this.stmts.get.get(c.orderId);
				if (!row) return 'unknown-order';
				if (row.status === 'paid') return 'already-paid';
				if (row.amount !== c.amount || row.currency !== c.currency || (row.provider_ref !== null && row.provider_ref !== c.providerRef)) {
					return 'mismatch';
				}
				return this.stmts.pay.run(c.at, c.at, c.providerRef, c.orderId).changes === 1 ? 'paid' : 'mismatch';
			})
			.immediate as (c: PaymentConfirmation) => ConfirmOutcome;
		this.expireTx = this.db
			.transaction((e: ExpiryNotice): ExpireOutcome => {
				if (this.stmts.insertEvent.run(e.eventId, e.orderId, e.at).changes !== 1) return 'duplicate-event';
				const row = this.stmts.get.get(e.orderId);
				if (!row) return 'unknown-order';
				if (row.status !== 'pending') return 'not-pending';
				if (row.provider_ref !== null && row.provider_ref !== e.providerRef) return 'mismatch';
				return this.stmts.expire.run(e.at, e.providerRef, e.orderId).changes === 1 ? 'expired' : 'not-pending';
			})
			.immediate as (e: ExpiryNotice) => ExpireOutcome;
	}

	/**
	 * Databases made before the `expired` status existed have `orders` with a CHECK constraint that
	 * refuses it. SQLite cannot alter a constraint, so the table is rebuilt in one transaction
	 * (create new, copy rows, drop old, rename: https://sqlite.org/lang_altertable.html#otheralter).
	 * The table has no indexes, triggers or foreign keys besides its primary key. No-op on new or
	 * already migrated databases.
	 */
	private migrateStatusCheck(): void {
		const row = this.db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'orders'`).get() as { sql: string } | undefined;
		if (!row || row.sql.includes(`'expired'`)) return;
		this.db
			.transaction(() => {
				this.db.exec(`DROP TABLE IF EXISTS orders_migrating;${ordersTable('orders_migrating')}`);
				this.db.exec(`INSERT INTO orders_migrating (id, sku, amount, currency, status, provider, provider_ref, created_at, updated_at, paid_at)
					SELECT id, sku, amount, currency, status, provider, provider_ref, created_at, updated_at, paid_at FROM orders`);
				this.db.exec(`DROP TABLE orders; ALTER TABLE orders_migrating RENAME TO orders;`);
			})
			.immediate();
	}

	async createOrder(o: NewOrder): Promise<void> {
		this.stmts.insert.run(o);
	}

	async setProviderRef(orderId: string, providerRef: string, at: string): Promise<void> {
		this.stmts.setRef.run(providerRef, at, orderId);
	}

	async markFailed(orderId: string, at: string): Promise<void> {
		this.stmts.fail.run(at, orderId);
	}

	async getOrder(orderId: string): Promise<Order | undefined> {
		const row = this.stmts.get.get(orderId);
		return row ? toOrder(row) : undefined;
	}

	async confirmPayment(c: PaymentConfirmation): Promise<ConfirmOutcome> {
		return this.confirmTx(c);
	}

	async expireOrder(e: ExpiryNotice): Promise<ExpireOutcome> {
		return this.expireTx(e);
	}

	async close(): Promise<void> {
		if (this.db.open) this.db.close();
	}
}

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import Stripe from 'stripe';

export const WEBHOOK_SECRET = 'whsec_test_0123456789abcdef';
export const STRIPE_KEY = 'sk_test_fake_key';
export const APP_ORIGIN = 'https://photos.example.test';

/** Test catalogue: amounts in minor units. */
export const CATALOGUE = [
	{ sku: 'digital-set', name: 'Digital photos', amount: 499, currency: 'eur', description: 'Finished photos without watermark' },
	{ sku: 'print-sheet', name: 'Print sheet', amount: 799, currency: 'eur' }
];

export function newReceiptKeyBase64(): string {
	const { privateKey } = generateKeyPairSync('ed25519');
	return privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

/** A storage backend under test: env vars that point the server at a fresh, empty database. */
export interface Backend {
	name: 'sqlite' | 'postgres';
	env(): Record<string, string>;
	/** Direct SQL for assertions (SQLite via better-sqlite3, PostgreSQL via pg). */
	query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
	cleanup(): Promise<void>;
}

/** Fresh SQLite file in a temp folder. */
export async function sqliteBackend(): Promise<Backend> {
	const dir = mkdtempSync(join(tmpdir(), 'orders-test-'));
	const path = join(dir, 'orders.db');
	const Database = (await import('better-sqlite3')).default;
	return {
		name: 'sqlite',
		env: () => ({ SQLITE_PATH: path }),
		async query<T>(sql: string, params: unknown[] = []) {
			const db = new Database(path, { readonly: true });
			try {
				return db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as T[];
			} finally {
				db.close();
			}
		},
		async cleanup() {
			rmSync(dir, { recursive: true, force: true });
		}
	};
}

/** Fresh schema in the TEST_DATABASE_URL database (search_path set through the URL's `options`). */
export async function postgresBackend(baseUrl: string): Promise<Backend> {
	const schema = `t_${randomBytes(6).toString('hex')}`;
	const admin = new pg.Client({ connectionString: baseUrl });
	await admin.connect();
	await admin.query(`CREATE SCHEMA ${schema}`);
	await admin.end();
	const url = new URL(baseUrl);
	url.searchParams.set('options', `-c search_path=${schema}`);
	const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
	return {
		name: 'postgres',
		env: () => ({ DATABASE_URL: url.toString() }),
		async query<T>(sql: string, params: unknown[] = []) {
			return (await pool.query(sql, params)).rows as T[];
		},
		async cleanup() {
			await pool.query(`DROP SCHEMA ${schema} CASCADE`);
			await pool.end();
		}
	};
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL?.trim() || '';

/** Backends every suite runs against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const BACKENDS: { name: 'sqlite' | 'postgres'; make: () => Promise<Backend> }[] = [
	{ name: 'sqlite', make: sqliteBackend },
	...(TEST_DATABASE_URL ? [{ name: 'postgres' as const, make: () => postgresBackend(TEST_DATABASE_URL) }] : [])
];
if (!TEST_DATABASE_URL) {
	console.warn('[tests/server] TEST_DATABASE_URL not set: PostgreSQL runs skipped (start one with `bash server/scripts/ci-postgres.sh`)');
}

/** Base environment for a Stripe-provider server talking to the fake Stripe on `stripePort`. */
export function stripeEnv(stripePort: number, extra: Record<string, string> = {}): Record<string, string> {
	return {
		NODE_ENV: 'test',
		PORT: '0',
		APP_ORIGIN,
		PAYMENT_PROVIDER: 'stripe',
		STRIPE_SECRET_KEY: STRIPE_KEY,
		STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
		STRIPE_API_HOST: '127.0.0.1',
		STRIPE_API_PORT: String(stripePort),
		STRIPE_API_PROTOCOL: 'http',
		RECEIPT_PRIVATE_KEY: newReceiptKeyBase64(),
		CATALOGUE_JSON: JSON.stringify(CATALOGUE),
		LOG_REQUESTS: 'false',
		...extra
	};
}

/** A Stripe event for a paid Checkout Session, as Stripe would send it (subset of fields we read plus envelope). */
export function checkoutCompletedEvent(opts: {
	eventId: string;
	sessionId: string;
	orderId: string;
	amount: number;
	currency?: string;
	type?: 'checkout.session.completed' | 'checkout.session.async_payment_succeeded';
	paymentStatus?: 'paid' | 'unpaid';
}): string {
	return JSON.stringify({
		id: opts.eventId,
		object: 'event',
		api_version: '2025-01-27.acacia',
		created: Math.floor(Date.now() / 1000),
		type: opts.type ?? 'checkout.session.completed',
		livemode: false,
		pending_webhooks: 1,
		data: {
			object: {
				id: opts.sessionId,
				object: 'checkout.session',
				mode: 'payment',
				client_reference_id: opts.orderId,
				metadata: { orderId: opts.orderId },
				amount_total: opts.amount,
				currency: opts.currency ?? 'eur',
				payment_status: opts.paymentStatus ?? 'paid',
				status: 'complete'
			}
		}
	});
}

/** `Stripe-Signature` header for `payload` (the official test helper). */
export function signPayload(payload: string, opts: { secret?: string; timestamp?: number } = {}): string {
	return Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WEBHOOK_SECRET, timestamp: opts.timestamp });
}

/**
 * A Stripe `checkout.session.expired` event (https://docs.stripe.com/api/events/types): the
 * session timed out or was expired through the API, unpaid.
 */
export function checkoutExpiredEvent(opts: { eventId: string; sessionId: string; orderId: string; amount?: number }): string {
	return JSON.stringify({
		id: opts.eventId,
		object: 'event',
		api_version: '2025-01-27.acacia',
		created: Math.floor(Date.now() / 1000),
		type: 'checkout.session.expired',
		livemode: false,
		pending_webhooks: 1,
		data: {
			object: {
				id: opts.sessionId,
				object: 'checkout.session',
				mode: 'payment',
				client_reference_id: opts.orderId,
				metadata: { orderId: opts.orderId },
				amount_total: opts.amount ?? 499,
				currency: 'eur',
				payment_status: 'unpaid',
				status: 'expired'
			}
		}
	});
}

import type { KeyObject } from 'node:crypto';
import { loadCatalogue, type Catalogue } from './catalogue.ts';
import { parseReceiptPrivateKey } from './receipt.ts';

/** Validated server settings. Every field is documented in `.env.example`. */
export interface Config {
	nodeEnv: string;
	/** TCP port; 0 picks a free one (the chosen port is logged). */
	port: number;
	/** Interface to bind; default 127.0.0.1 (put a reverse proxy in front). */
	host: string;
	/** The app's origin (scheme://host[:port]); the only origin CORS allows. */
	appOrigin: string;
	/** This server's public origin, used for sandbox checkout links. */
	publicUrl: string;
	/** Where Stripe sends the buyer back; `{ORDER_ID}` is replaced with the order id. */
	successUrl: string;
	cancelUrl: string;
	storage: { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; poolMax: number };
	payment:
		| { provider: 'stripe'; secretKey: string; webhookSecret: string; api: { host?: string; port?: number; protocol?: 'http' | 'https' } }
		| { provider: 'sandbox' };
	receiptKey: KeyObject;
	catalogue: Catalogue;
	rateLimit: {
		/** Window length, ms. */
		windowMs: number;
		/** Requests per client per window, all API routes except the Stripe webhook. */
		max: number;
		/** `POST /api/orders` per client per window (stricter: each creates a Checkout Session). */
		ordersMax: number;
	};
	/** Number of reverse proxies in front whose X-Forwarded-For entries are trusted (0 = none). */
	trustProxy: number;
	/** Max request body for API routes, bytes. */
	bodyLimitBytes: number;
	/** Max body for the Stripe webhook, bytes. */
	webhookBodyLimitBytes: number;
	/** Structured request log on stdout (method, route pattern, status, ms). */
	logRequests: boolean;
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`invalid server configuration:\n  - ${problems.join('\n  - ')}`);
		this.name = 'ConfigError';
	}
}

type Env = Record<string, string | undefined>;

function originOf(value: string, name: string, problems: string[]): string {
	try {
		const u = new URL(value);
		if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
		return u.origin;
	} catch {
		problems.push(`${name}: expected an http(s) origin such as https://photos.example.org, got "${value}"`);
		return '';
	}
}

function int(env: Env, name: string, def: number, min: number, max: number, problems: string[]): number {
	const raw = env[name]?.trim();
	if (raw === undefined || raw === '') return def;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min || n > max) {
		problems.push(`${name}: expected an integer in [${min}, ${max}], got "${raw}"`);
		return def;
	}
	return n;
}

function bool(env: Env, name: string, def: boolean, problems: string[]): boolean {
	const raw = env[name]?.trim().toLowerCase();
	if (raw === undefined || raw === '') return def;
	if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
	if (['0', 'false', 'no', 'off'].includes(raw)) return false;
	problems.push(`${name}: expected true or false, got "${raw}"`);
	return def;
}

/**
 * Reads and validates the configuration from environment variables.
 * @throws ConfigError listing every problem found (missing secrets, bad numbers, sandbox in production…).
 */
export function loadConfig(env: Env = process.env): Config {
	const problems: string[] = [];
	const nodeEnv = env.NODE_ENV?.trim() || 'development';
	const port = int(env, 'PORT', 8787, 0, 65535, problems);
	const host = env.HOST?.trim() || '127.0.0.1';

	const appOrigin = env.APP_ORIGIN?.trim() ? originOf(env.APP_ORIGIN.trim(), 'APP_ORIGIN', problems) : '';
	if (!env.APP_ORIGIN?.trim()) problems.push('APP_ORIGIN: required (the app origin CORS allows)');
	const publicUrl = env.PUBLIC_URL?.trim()
		? originOf(env.PUBLIC_URL.trim(), 'PUBLIC_URL', problems)
		: `http://localhost:${port}`;
	const successUrl = env.CHECKOUT_SUCCESS_URL?.trim() || `${appOrigin}/order?order={ORDER_ID}`;
	const cancelUrl = env.CHECKOUT_CANCEL_URL?.trim() || `${appOrigin}/order?order={ORDER_ID}&cancelled=1`;
	for (const [name, url] of [['CHECKOUT_SUCCESS_URL', successUrl], ['CHECKOUT_CANCEL_URL', cancelUrl]] as const) {
		if (!url.includes('{ORDER_ID}')) problems.push(`${name}: must contain {ORDER_ID}`);
		else if (appOrigin) originOf(url.replace('{ORDER_ID}', 'x'), name, problems);
	}

	const databaseUrl = env.DATABASE_URL?.trim();
	let storage: Config['storage'];
	if (databaseUrl) {
		if (!/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL: expected postgres://… or postgresql://…');
		storage = { kind: 'postgres', url: databaseUrl, poolMax: int(env, 'PG_POOL_MAX', 10, 1, 1000, problems) };
	} else {
		storage = { kind: 'sqlite', path: env.SQLITE_PATH?.trim() || './data/orders.db' };
	}

	const provider = (env.PAYMENT_PROVIDER?.trim() || 'stripe').toLowerCase();
	let payment: Config['payment'] = { provider: 'sandbox' };
	if (provider === 'stripe') {
		const secretKey = env.STRIPE_SECRET_KEY?.trim() ?? '';
		const webhookSecret = env.STRIPE_WEBHOOK_SECRET?.trim() ?? '';
		if (!secretKey) problems.push('STRIPE_SECRET_KEY: required when PAYMENT_PROVIDER=stripe');
		if (!webhookSecret) problems.push('STRIPE_WEBHOOK_SECRET: required when PAYMENT_PROVIDER=stripe');
		const protocol = env.STRIPE_API_PROTOCOL?.trim();
		if (protocol && protocol !== 'http' && protocol !== 'https') problems.push('STRIPE_API_PROTOCOL: http or https');
		const apiPort = env.STRIPE_API_PORT?.trim() ? int(env, 'STRIPE_API_PORT', 443, 1, 65535, problems) : undefined;
		payment = {
			provider: 'stripe',
			secretKey,
			webhookSecret,
			api: {
				host: env.STRIPE_API_HOST?.trim() || undefined,
				port: apiPort,
				protocol: (protocol || undefined) as 'http' | 'https' | undefined
			}
		};
	} else if (provider === 'sandbox') {
		// The sandbox completes payments without money changing hands: never in production.
		if (nodeEnv === 'production') problems.push('PAYMENT_PROVIDER=sandbox is refused when NODE_ENV=production');
	} else {
		problems.push(`PAYMENT_PROVIDER: expected stripe or sandbox, got "${provider}"`);
	}

	let receiptKey: KeyObject | undefined;
	if (!env.RECEIPT_PRIVATE_KEY?.trim()) {
		problems.push('RECEIPT_PRIVATE_KEY: required (Ed25519 PKCS#8; make one with `npx tsx server/scripts/gen-receipt-key.ts`)');
	} else {
		try {
			receiptKey = parseReceiptPrivateKey(env.RECEIPT_PRIVATE_KEY);
		} catch (e) {
			problems.push((e as Error).message);
		}
	}

	let catalogue: Catalogue | undefined;
	try {
		catalogue = loadCatalogue(env);
	} catch (e) {
		problems.push((e as Error).message);
	}

	const rateLimit = {
		windowMs: int(env, 'RATE_LIMIT_WINDOW_MS', 60_000, 1000, 86_400_000, problems),
		max: int(env, 'RATE_LIMIT_MAX', 300, 1, 10_000_000, problems),
		ordersMax: int(env, 'RATE_LIMIT_ORDERS_MAX', 20, 1, 10_000_000, problems)
	};
	const trustProxy = int(env, 'TRUST_PROXY', 0, 0, 10, problems);
	const bodyLimitBytes = int(env, 'BODY_LIMIT_BYTES', 1024, 64, 1_048_576, problems);
	const webhookBodyLimitBytes = int(env, 'WEBHOOK_BODY_LIMIT_BYTES', 262_144, 1024, 10_485_760, problems);
	const logRequests = bool(env, 'LOG_REQUESTS', true, problems);

	if (problems.length) throw new ConfigError(problems);
	return {
		nodeEnv,
		port,
		host,
		appOrigin,
		publicUrl,
		successUrl,
		cancelUrl,
		storage,
		payment,
		receiptKey: receiptKey!,
		catalogue: catalogue!,
		rateLimit,
		trustProxy,
		bodyLimitBytes,
		webhookBodyLimitBytes,
		logRequests
	};
}

import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { parseCatalogue } from '../../server/catalogue.ts';
import { ConfigError, loadConfig } from '../../server/config.ts';
import { SandboxProvider } from '../../server/payments/sandbox.ts';
import { parseReceiptPrivateKey, ReceiptSigner, verifyReceipt } from '../../server/receipt.ts';
import { SqliteOrderStore } from '../../server/storage/sqlite.ts';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { APP_ORIGIN, CATALOGUE, newReceiptKeyBase64, sqliteBackend, type Backend } from './helpers/setup.ts';
import { startServer } from './helpers/spawn.ts';

const sandboxEnv = (extra: Record<string, string> = {}) => ({
	NODE_ENV: 'development',
	APP_ORIGIN,
	PUBLIC_URL: 'http://localhost:8787',
	PAYMENT_PROVIDER: 'sandbox',
	RECEIPT_PRIVATE_KEY: newReceiptKeyBase64(),
	CATALOGUE_JSON: JSON.stringify(CATALOGUE),
	LOG_REQUESTS: 'false',
	...extra
});

describe('sandbox payment provider', () => {
	let backend: Backend;
	let t: TestApp;
	beforeEach(async () => {
		backend = await sqliteBackend();
		t = await makeApp(sandboxEnv(backend.env()));
	});
	afterEach(async () => {
		await t.close();
		await backend.cleanup();
	});

	it('completes a payment locally: checkout page, form post, 303 back to the app, signed receipt', async () => {
		const created = await (await t.request('/api/orders', json({ sku: 'print-sheet' }))).json();
		expect(created.checkoutUrl).toBe(`http://localhost:8787/api/sandbox/checkout/${created.orderId}`);
		const page = await t.request(`/api/sandbox/checkout/${created.orderId}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Print sheet — 7.99 EUR');
		expect(html).toContain(`action="/api/sandbox/complete/${created.orderId}"`);

		const done = await t.request(`/api/sandbox/complete/${created.orderId}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
		expect(done.status).toBe(303);
		expect(done.headers.get('location')).toBe(`${APP_ORIGIN}/order?order=${created.orderId}`);
		const again = await t.request(`/api/sandbox/complete/${created.orderId}`, { method: 'POST' });
		expect(await again.json()).toEqual({ orderId: created.orderId, outcome: 'duplicate-event' });

		const got = await (await t.request(`/api/orders/${created.orderId}`)).json();
		expect(got.status).toBe('paid');
		const key = await (await t.request('/api/receipt-key')).json();
		expect(verifyReceipt(got.receipt, key.raw)).toMatchObject({ orderId: created.orderId, sku: 'print-sheet' });
		expect((await t.request('/api/sandbox/complete/0123456789abcdef0123456789abcdef', { method: 'POST' })).status).toBe(404);
		// No Stripe webhook route with the sandbox.
		expect((await t.request('/api/webhooks/stripe', { method: 'POST', body: '{}' })).status).toBe(404);
	});

	it('is refused when NODE_ENV=production: by config, by createApp, and by the real server (exit 2)', async () => {
		expect(() => loadConfig(sandboxEnv({ NODE_ENV: 'production' }))).toThrow(/sandbox is refused when NODE_ENV=production/);
		const store = new SqliteOrderStore(':memory:');
		await store.init();
		const config = loadConfig(sandboxEnv());
		expect(() =>
			createApp({ config: { ...config, nodeEnv: 'production' }, store, provider: new SandboxProvider('http://x'), signer: new ReceiptSigner(config.receiptKey) })
		).toThrow(/refused when NODE_ENV=production/);
		await store.close();
		const err = await startServer({ ...sandboxEnv({ NODE_ENV: 'production' }), ...backend.env(), PORT: '0' }).catch((e) => e);
		expect(err.code).toBe(2);
		expect(err.message).toContain('PAYMENT_PROVIDER=sandbox is refused when NODE_ENV=production');
	});
});

describe('configuration', () => {
	it('lists every problem at once', () => {
		try {
			loadConfig({ PAYMENT_PROVIDER: 'stripe', PORT: 'eighty', RATE_LIMIT_MAX: '0' });
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ConfigError);
			const p = (e as ConfigError).problems.join('\n');
			for (const needle of ['APP_ORIGIN', 'STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'RECEIPT_PRIVATE_KEY', 'CATALOGUE_JSON', 'PORT', 'RATE_LIMIT_MAX']) {
				expect(p).toContain(needle);
			}
		}
	});

	it('applies defaults: SQLite at ./data/orders.db, PostgreSQL when DATABASE_URL is set', () => {
		const c = loadConfig({ APP_ORIGIN: 'https://a.example/', PAYMENT_PROVIDER: 'sandbox', RECEIPT_PRIVATE_KEY: newReceiptKeyBase64(), CATALOGUE_JSON: JSON.stringify(CATALOGUE) });
		expect(c.storage).toEqual({ kind: 'sqlite', path: './data/orders.db' });
		expect(c.appOrigin).toBe('https://a.example');
		expect(c).toMatchObject({ port: 8787, host: '127.0.0.1', bodyLimitBytes: 1024, trustProxy: 0, rateLimit: { windowMs: 60000, max: 300, ordersMax: 20 } });
		const pg = loadConfig({ APP_ORIGIN: 'https://a.example', PAYMENT_PROVIDER: 'sandbox', RECEIPT_PRIVATE_KEY: newReceiptKeyBase64(), CATALOGUE_JSON: JSON.stringify(CATALOGUE), DATABASE_URL: 'postgres://u:p@db/orders' });
		expect(pg.storage).toEqual({ kind: 'postgres', url: 'postgres://u:p@db/orders', poolMax: 10 });
	});

	it('reads the receipt key as PKCS#8 PEM (also with literal \\n) or base64 DER, and refuses other key types', () => {
		const { privateKey } = generateKeyPairSync('ed25519');
		const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
		const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
		const raw = new ReceiptSigner(privateKey).publicKey.raw;
		for (const text of [pem, pem.replace(/\n/g, '\\n'), der]) expect(new ReceiptSigner(parseReceiptPrivateKey(text)).publicKey.raw).toBe(raw);
		const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
		expect(() => parseReceiptPrivateKey(rsa)).toThrow(/expected an Ed25519 key, got rsa/);
		expect(() => parseReceiptPrivateKey('bm90IGEga2V5')).toThrow(/not a PKCS#8 private key/);
	});

	it('validates the catalogue', () => {
		const cat = parseCatalogue(JSON.stringify({ products: [{ sku: 'a', name: 'A', amount: 100, currency: 'EUR' }] }));
		expect(cat.get('a')).toEqual({ sku: 'a', name: 'A', amount: 100, currency: 'eur' });
		expect(() => parseCatalogue('[{"sku":"a","name":"A","amount":1.5,"currency":"eur"}]')).toThrow(/amount/);
		expect(() => parseCatalogue('[{"sku":"a","name":"A","amount":0,"currency":"eur"}]')).toThrow(/amount/);
		expect(() => parseCatalogue('[{"sku":"a b","name":"A","amount":1,"currency":"eur"}]')).toThrow(/sku/);
		expect(() => parseCatalogue('[{"sku":"a","name":"A","amount":1,"currency":"euro"}]')).toThrow(/currency/);
		expect(() => parseCatalogue('[{"sku":"a","name":"A","amount":1,"currency":"eur"},{"sku":"a","name":"B","amount":2,"currency":"eur"}]')).toThrow(/duplicate sku "a"/);
		expect(() => parseCatalogue('[]')).toThrow();
		expect(() => parseCatalogue('{')).toThrow(/not valid JSON/);
	});
});

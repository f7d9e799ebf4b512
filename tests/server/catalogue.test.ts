/** GET /api/catalogue: the operator's products as the app shows them, read-only, CORS for the app only. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, makeApp, type TestApp } from './helpers/app.ts';
import { APP_ORIGIN, CATALOGUE, newReceiptKeyBase64, sqliteBackend, type Backend } from './helpers/setup.ts';

describe('GET /api/catalogue', () => {
	let backend: Backend;
	let t: TestApp;
	beforeEach(async () => {
		backend = await sqliteBackend();
		t = await makeApp({
			NODE_ENV: 'development',
			APP_ORIGIN,
			PAYMENT_PROVIDER: 'sandbox',
			RECEIPT_PRIVATE_KEY: newReceiptKeyBase64(),
			CATALOGUE_JSON: JSON.stringify({ products: CATALOGUE }),
			LOG_REQUESTS: 'false',
			...backend.env()
		});
	});
	afterEach(async () => {
		await t.close();
		await backend.cleanup();
	});

	it('lists every product with name, price in minor units, currency and description, in configuration order', async () => {
		const res = await t.request('/api/catalogue', { headers: { origin: APP_ORIGIN } });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			products: [
				{ sku: 'digital-set', name: 'Digital photos', amount: 499, currency: 'eur', description: 'Finished photos without watermark' },
				{ sku: 'print-sheet', name: 'Print sheet', amount: 799, currency: 'eur', description: null }
			]
		});
		expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
		expect(res.headers.get('cache-control')).toBe('public, max-age=300');
		const evil = await t.request('/api/catalogue', { headers: { origin: 'https://evil.example' } });
		expect(evil.headers.get('access-control-allow-origin')).toBeNull();
	});

	it('is read-only and creates nothing', async () => {
		for (const method of ['POST', 'PUT', 'DELETE']) {
			const res = await t.request('/api/catalogue', { ...json({ sku: 'x', amount: 1 }), method });
			expect(res.status, method).toBe(404);
		}
		await t.request('/api/catalogue');
		expect(await backend.query('SELECT * FROM orders')).toEqual([]);
		// The catalogue served is the one that prices orders.
		const order = await (await t.request('/api/orders', json({ sku: 'print-sheet', amount: 1 }))).json();
		expect([order.amount, order.currency]).toEqual([799, 'eur']);
	});
});

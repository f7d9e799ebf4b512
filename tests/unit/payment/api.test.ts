/**
 * The payment API client (src/lib/payment/api.ts): exactly what it sends (only the sku, only the
 * order id; no credentials, no referrer) and how it validates answers.
 */
import { describe, expect, it } from 'vitest';
import { formatPrice, PaymentApi, PaymentApiError } from '../../../src/lib/payment/api';

const ORIGIN = 'https://pay.example.test';
const ID = '0123456789abcdef0123456789abcdef';

function fakeFetch(answer: (url: string, init: RequestInit) => Response) {
	const calls: { url: string; init: RequestInit }[] = [];
	const f = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
		calls.push({ url: String(input), init });
		return answer(String(input), init);
	}) as typeof fetch;
	return { f, calls };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('PaymentApi', () => {
	it('POST /api/orders sends {"sku"} only, without cookies, referrer or cache', async () => {
		const { f, calls } = fakeFetch(() => json({ orderId: ID, checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_1', sku: 'digital-set', amount: 499, currency: 'eur' }, 201));
		const api = new PaymentApi(ORIGIN, f);
		expect(await api.createOrder('digital-set')).toEqual({ orderId: ID, checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_1', sku: 'digital-set', amount: 499, currency: 'eur' });
		expect(calls).toHaveLength(1);
		const { url, init } = calls[0];
		expect(url).toBe(`${ORIGIN}/api/orders`);
		expect(init.method).toBe('POST');
		expect(init.body).toBe('{"sku":"digital-set"}');
		expect(init.headers).toEqual({ 'content-type': 'application/json' });
		expect([init.credentials, init.referrerPolicy, init.cache, init.mode, init.redirect]).toEqual(['omit', 'no-referrer', 'no-store', 'cors', 'error']);
		await expect(api.createOrder('bad sku')).rejects.toThrow(PaymentApiError);
		expect(calls).toHaveLength(1);
	});

	it('refuses a checkout URL that is not http(s)', async () => {
		const { f } = fakeFetch(() => json({ orderId: ID, checkoutUrl: 'javascript:alert(1)', sku: 'digital-set', amount: 499, currency: 'eur' }, 201));
		await expect(new PaymentApi(ORIGIN, f).createOrder('digital-set')).rejects.toThrow(/unexpected answer/);
	});

	it('GET /api/orders/:id carries only the id; answers for another order, 404 and bad JSON are errors', async () => {
		const view = { orderId: ID, sku: 'digital-set', amount: 499, currency: 'eur', status: 'pending', receipt: null };
		const { f, calls } = fakeFetch((url) => (url.endsWith(ID) ? json(view) : url.endsWith('a'.repeat(32)) ? json(view) : json({ error: 'unknown order' }, 404)));
		const api = new PaymentApi(ORIGIN, f);
		expect(await api.order(ID)).toEqual(view);
		expect(calls[0]).toMatchObject({ url: `${ORIGIN}/api/orders/${ID}`, init: { method: 'GET', credentials: 'omit' } });
		expect(calls[0].init.body).toBeUndefined();
		await expect(api.order('a'.repeat(32))).rejects.toThrow(/another order/);
		const e = await api.order('b'.repeat(32)).catch((x) => x);
		expect(e).toBeInstanceOf(PaymentApiError);
		expect(e.status).toBe(404);
		await expect(api.order('../../etc')).rejects.toThrow(/invalid order id/);
		const bad = new PaymentApi(ORIGIN, fakeFetch(() => new Response('<html>', { status: 200 })).f);
		await expect(bad.order(ID)).rejects.toThrow(/not JSON/);
		const down = new PaymentApi(ORIGIN, (async () => Promise.reject(new TypeError('fetch failed'))) as typeof fetch);
		await expect(down.order(ID)).rejects.toThrow(/could not be reached/);
	});

	it('reads the catalogue; a missing description is null', async () => {
		const { f } = fakeFetch(() =>
			json({ products: [{ sku: 'digital-set', name: 'Digital ID photos', amount: 499, currency: 'eur', description: 'No watermark' }, { sku: 'b', name: 'B', amount: 1, currency: 'jpy' }] })
		);
		expect(await new PaymentApi(ORIGIN, f).catalogue()).toEqual([
			{ sku: 'digital-set', name: 'Digital ID photos', amount: 499, currency: 'eur', description: 'No watermark' },
			{ sku: 'b', name: 'B', amount: 1, currency: 'jpy', description: null }
		]);
		const { f: bad } = fakeFetch(() => json({ products: [{ sku: 'x', name: 'X', amount: 4.5, currency: 'eur' }] }));
		await expect(new PaymentApi(ORIGIN, bad).catalogue()).rejects.toThrow(/unexpected/);
	});
});

describe('formatPrice', () => {
	it('uses the currency minor unit (ISO 4217 exponent)', () => {
		expect(formatPrice(499, 'eur', 'en-GB')).toBe('€4.99');
		expect(formatPrice(500, 'jpy', 'en-US')).toBe('¥500');
		expect(formatPrice(1050, 'usd', 'en-US')).toBe('$10.50');
	});
});

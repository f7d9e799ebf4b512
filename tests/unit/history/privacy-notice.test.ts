/**
 * The privacy notice (src/lib/i18n/locales/<lang>/privacy.json, shown by src/routes/privacy) must
 * stay true: each statement is pinned here to the code that makes it true, so a change of the
 * code without the notice (or the other way round) fails.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPIRY_CHOICES } from '../../../src/lib/history/expiry';
import { HistoryStore } from '../../../src/lib/history/store';
import { PaymentApi } from '../../../src/lib/payment/api';
import { securityHeaders } from '../../../src/lib/pwa/headers';
import { pendingOrder } from './entry-fixture';

const ROOT = join(import.meta.dirname, '../../..');
const read = (rel: string) => readFileSync(join(ROOT, rel), 'utf8');
type Messages = { [key: string]: string | Messages };
const en = JSON.parse(read('src/lib/i18n/locales/en/privacy.json')) as Messages;
const zh = JSON.parse(read('src/lib/i18n/locales/zh-CN/privacy.json')) as Messages;

function flatKeys(m: Messages, prefix = ''): string[] {
	return Object.entries(m).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatKeys(v, `${prefix}${k}.`)));
}
const text = (m: Messages, key: string) => m[key] as string;

describe('privacy notice: both languages, all shown', () => {
	it('zh-CN has exactly the keys of en', () => {
		expect(flatKeys(zh).sort()).toEqual(flatKeys(en).sort());
	});

	it('the privacy page shows every statement (no key left unused)', () => {
		const page = read('src/routes/privacy/+page.svelte');
		const used = new Set([...page.matchAll(/\$t\('privacy\.([a-z0-9.-]+)'\)/g)].map((m) => m[1]));
		// The expiry labels are chosen by the current setting: `privacy.expiry.${setting}`.
		expect(page).toContain('$t(`privacy.expiry.${setting}`)');
		const missing = flatKeys(en).filter((k) => !k.startsWith('expiry.') && !used.has(k));
		expect(missing).toEqual([]);
	});
});

describe('privacy notice: what is stored', () => {
	it('lists exactly the expiry choices of the history (src/lib/history/expiry.ts)', () => {
		expect(Object.keys(en.expiry as Messages).sort()).toEqual([...EXPIRY_CHOICES].sort());
		const after = text(en, 'history-now-after');
		for (const c of EXPIRY_CHOICES) expect(after).toContain((en.expiry as Messages)[c] as string);
	});

	it('says purchase records stay until "Delete all", even with keep nothing — as the store does', async () => {
		const receipts = text(en, 'receipts-text');
		expect(receipts).toMatch(/until you delete all your data/);
		expect(receipts).toMatch(/even with "keep nothing"/);
		expect(receipts).toMatch(/order number, the product, its price, the signed receipt/);
		expect(text(zh, 'receipts-text')).toContain('不保留');
		// The store: an order is kept under "keep nothing" (purge removes photos only).
		const store = new HistoryStore({ factory: new IDBFactory(), now: () => Date.UTC(2026, 10, 29) });
		const order = pendingOrder('job-1');
		await store.putOrder(order);
		expect(await store.purgeExpired('none')).toEqual([]);
		expect((await store.listOrders()).map((o) => o.orderId)).toEqual([order.orderId]);
		// What a record holds: the fields the notice names, and no photo bytes.
		expect(Object.keys(order).sort()).toEqual(
			['amount', 'createdAt', 'currency', 'jobId', 'orderId', 'productName', 'receipt', 'sku', 'specId', 'status', 'updatedAt'].sort()
		);
	});

	it('no longer claims the receipt expires with the photo, nor that prints are ordered', () => {
		for (const key of flatKeys(en)) {
			const value = key.includes('.') ? '' : text(en, key);
			expect(value).not.toMatch(/print/i);
		}
		expect(text(en, 'history-text')).toContain('copy of its receipt');
	});
});

describe('privacy notice: what is sent', () => {
	it('the payment calls carry the product, then the order number, and nothing else', async () => {
		const calls: { url: string; method: string; body: string | null }[] = [];
		const fake = (async (url: string, init: RequestInit) => {
			calls.push({ url, method: init.method ?? 'GET', body: (init.body as string | undefined) ?? null });
			const path = new URL(url).pathname;
			const json =
				path === '/api/catalogue'
					? { products: [{ sku: 'digital-set', name: 'Digital set', amount: 499, currency: 'eur' }] }
					: path === '/api/orders'
						? { orderId: '0123456789abcdef0123456789abcdef', checkoutUrl: 'https://checkout.stripe.com/c/pay/x' }
						: { orderId: '0123456789abcdef0123456789abcdef', status: 'pending', receipt: null };
			return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
		}) as unknown as typeof fetch;
		const api = new PaymentApi('https://pay.example.com', fake);
		await api.catalogue();
		await api.createOrder('digital-set').catch(() => undefined);
		await api.order('0123456789abcdef0123456789abcdef').catch(() => undefined);
		expect(calls).toEqual([
			{ url: 'https://pay.example.com/api/catalogue', method: 'GET', body: null },
			{ url: 'https://pay.example.com/api/orders', method: 'POST', body: '{"sku":"digital-set"}' },
			{ url: 'https://pay.example.com/api/orders/0123456789abcdef0123456789abcdef', method: 'GET', body: null }
		]);
		const sent = text(en, 'sent-order');
		expect(sent).toMatch(/products and prices \(the request carries no data of yours\)/);
		expect(sent).toMatch(/the product you chose and then, to follow the payment, the order number, nothing else/);
	});

	it('says the catalogue is asked for as soon as a result is shown (BuyPanel loads it on mount)', () => {
		const panel = read('src/lib/ui/BuyPanel.svelte');
		expect(panel).toMatch(/onMount\(\(\) => \{\s*void payment\.loadCatalogue\(\);/);
		expect(text(en, 'sent-order')).toMatch(/as soon as a finished photo is shown/);
	});

	it('says what is bought: the download without the preview watermark (as the buy panel says)', () => {
		const order = JSON.parse(read('src/lib/i18n/locales/en/order.json')) as { buy: { what: string } };
		expect(order.buy.what).toMatch(/without the watermark/);
		expect(text(en, 'sent-order')).toMatch(/download of your finished photo without the preview watermark/);
	});

	it("names the provider whose checkout page takes the payment (server/payments: Stripe, plus the development sandbox)", () => {
		const providers = readdirSync(join(ROOT, 'server/payments'))
			.filter((f) => f.endsWith('.ts') && f !== 'types.ts' && !f.endsWith('.test.ts'))
			.map((f) => f.replace(/\.ts$/, ''))
			.sort();
		expect(providers).toEqual(['sandbox', 'stripe']);
		expect(text(en, 'sent-checkout')).toMatch(/provider's own checkout page \(Stripe\), opened in a new tab/);
		expect(text(zh, 'sent-checkout')).toContain('Stripe');
	});

	it('says camera and location are allowed to this app only (Permissions-Policy of headers.ts)', () => {
		expect(securityHeaders()['Permissions-Policy']).toBe('camera=(self), microphone=(), geolocation=(self)');
		expect(text(en, 'enforced')).toMatch(/allows the camera and location only to this app/);
	});
});

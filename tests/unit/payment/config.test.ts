/** Build-time payment settings (src/lib/payment/config.ts) and the CSP origin (src/lib/pwa/headers.ts). */
import { describe, expect, it } from 'vitest';
import { parsePaymentSetup, paymentSetup } from '../../../src/lib/payment/config';
import { contentSecurityPolicy, paymentOriginFromEnv } from '../../../src/lib/pwa/headers';

const RAW = 'HBPJb_ak0RMyCOrtw9jxaQi6P5-Eo6GGNfPqQfdAlnY';
const BYTES = Buffer.from(RAW, 'base64url');

describe('parsePaymentSetup', () => {
	it('is off with neither setting: everything free, no payment UI', () => {
		expect(parsePaymentSetup(undefined, undefined)).toEqual({ kind: 'off' });
		expect(parsePaymentSetup('  ', '')).toEqual({ kind: 'off' });
	});

	it('reads the origin and the key as base64url, base64 or hex', () => {
		for (const key of [RAW, BYTES.toString('base64'), BYTES.toString('hex'), BYTES.toString('hex').toUpperCase()]) {
			const s = parsePaymentSetup('https://pay.example.com/', key);
			expect(s.kind).toBe('on');
			if (s.kind === 'on') {
				expect(s.apiOrigin).toBe('https://pay.example.com');
				expect(Buffer.from(s.publicKey)).toEqual(BYTES);
			}
		}
		expect(parsePaymentSetup('http://127.0.0.1:8787', RAW)).toMatchObject({ kind: 'on', apiOrigin: 'http://127.0.0.1:8787' });
	});

	it('is broken, with the reason, when one is missing or invalid', () => {
		expect(parsePaymentSetup('https://pay.example.com', '')).toMatchObject({ kind: 'broken', message: expect.stringMatching(/PUBLIC_RECEIPT_PUBLIC_KEY is not/) });
		expect(parsePaymentSetup('', RAW)).toMatchObject({ kind: 'broken', message: expect.stringMatching(/PUBLIC_PAYMENT_API is not/) });
		expect(parsePaymentSetup('https://pay.example.com/api', RAW)).toMatchObject({ kind: 'broken', message: expect.stringMatching(/origin/) });
		expect(parsePaymentSetup('ftp://pay.example.com', RAW)).toMatchObject({ kind: 'broken' });
		expect(parsePaymentSetup('https://pay.example.com', RAW.slice(0, 40))).toMatchObject({ kind: 'broken', message: expect.stringMatching(/32 bytes/) });
		expect(parsePaymentSetup('https://pay.example.com', 'not a key!')).toMatchObject({ kind: 'broken' });
	});

	it('this test build has no payment server unless PUBLIC_PAYMENT_API is set', () => {
		expect(paymentSetup.kind).toBe(process.env.PUBLIC_PAYMENT_API ? 'on' : 'off');
	});
});

describe('paymentOriginFromEnv (connect-src)', () => {
	it('allows only the configured payment origin, PAYMENT_ORIGIN first', () => {
		expect(paymentOriginFromEnv({})).toBeNull();
		expect(contentSecurityPolicy({ paymentOrigin: paymentOriginFromEnv({}) })).toContain("connect-src 'self';");
		expect(paymentOriginFromEnv({ PUBLIC_PAYMENT_API: 'http://127.0.0.1:8787' })).toBe('http://127.0.0.1:8787');
		expect(paymentOriginFromEnv({ PAYMENT_ORIGIN: 'https://a.example', PUBLIC_PAYMENT_API: 'https://b.example' })).toBe('https://a.example');
		expect(contentSecurityPolicy({ paymentOrigin: paymentOriginFromEnv({ PUBLIC_PAYMENT_API: 'https://pay.example.com' }) })).toContain(
			"connect-src 'self' https://pay.example.com;"
		);
		expect(() => paymentOriginFromEnv({ PUBLIC_PAYMENT_API: 'https://pay.example.com/x' })).toThrow(/origin/);
	});
});

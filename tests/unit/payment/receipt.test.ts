/**
 * The browser's receipt check (src/lib/payment/receipt.ts, WebCrypto Ed25519 through Node 20's
 * crypto.subtle — the same API Chromium exposes) against receipts made by the real server signer
 * (server/receipt.ts ReceiptSigner).
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ReceiptSigner } from '../../../server/receipt';
import { decodeBase64, decodeHex, encodeBase64Url } from '../../../src/lib/payment/encoding';
import { importReceiptKey, isReceiptWire, verifyReceipt } from '../../../src/lib/payment/receipt';

const ORDER = '5792e4f7f8688890133be91df3ab758f';
const CLAIMS = { orderId: ORDER, sku: 'digital-set', issuedAt: '2026-11-29T09:00:20.184Z' };

function keys() {
	const { privateKey } = generateKeyPairSync('ed25519');
	const signer = new ReceiptSigner(privateKey);
	return { privateKey, signer, raw: decodeBase64(signer.publicKey.raw) };
}

describe('verifyReceipt (WebCrypto Ed25519)', () => {
	it('accepts a server receipt and returns its claims; the raw key is the 32 bytes of /api/receipt-key', async () => {
		const { signer, raw } = keys();
		expect(raw).toHaveLength(32);
		const receipt = signer.sign(CLAIMS);
		const key = await importReceiptKey(raw);
		expect(await verifyReceipt(receipt, key)).toEqual(CLAIMS);
		expect(await verifyReceipt(receipt, key, ORDER)).toEqual(CLAIMS);
		// The JSON round trip IndexedDB and fetch put it through changes nothing.
		expect(await verifyReceipt(JSON.parse(JSON.stringify(receipt)), key, ORDER)).toEqual(CLAIMS);
	});

	it('refuses the receipt when any single byte of the payload or of the signature changes', async () => {
		const { signer, raw } = keys();
		const receipt = signer.sign(CLAIMS);
		const key = await importReceiptKey(raw);
		const payload = new TextEncoder().encode(receipt.payload);
		let refused = 0;
		for (let i = 0; i < payload.length; i++) {
			const p = payload.slice();
			p[i] ^= 0x01;
			const claims = await verifyReceipt({ ...receipt, payload: new TextDecoder().decode(p) }, key, ORDER);
			expect(claims, `payload byte ${i}`).toBeNull();
			refused++;
		}
		const sig = decodeBase64(receipt.signature);
		for (let i = 0; i < sig.length; i++) {
			const s = sig.slice();
			s[i] ^= 0x01;
			expect(await verifyReceipt({ ...receipt, signature: encodeBase64Url(s) }, key, ORDER), `signature byte ${i}`).toBeNull();
			refused++;
		}
		expect(refused).toBe(payload.length + 64);
	});

	it('refuses a receipt signed by another key, for another order, or of the wrong shape', async () => {
		const a = keys();
		const b = keys();
		const receipt = a.signer.sign(CLAIMS);
		expect(await verifyReceipt(receipt, await importReceiptKey(b.raw))).toBeNull();
		const key = await importReceiptKey(a.raw);
		expect(await verifyReceipt(receipt, key, 'f'.repeat(32))).toBeNull();
		for (const bad of [null, 'x', {}, { ...receipt, alg: 'RS256' }, { ...receipt, signature: receipt.signature.slice(1) }, { ...receipt, payload: 'x'.repeat(2000) }, { ...receipt, keyId: 5 }]) {
			expect(isReceiptWire(bad)).toBe(false);
			expect(await verifyReceipt(bad, key)).toBeNull();
		}
	});

	it('refuses validly signed payloads that are not receipt claims', async () => {
		const { privateKey, raw } = keys();
		const key = await importReceiptKey(raw);
		const signed = (payload: string) => ({ payload, signature: sign(null, Buffer.from(payload), privateKey).toString('base64url'), alg: 'Ed25519', keyId: 'k' });
		// Control: a hand-signed canonical payload verifies.
		expect(await verifyReceipt(signed(JSON.stringify(CLAIMS)), key)).toEqual(CLAIMS);
		for (const payload of [
			'not json',
			'[]',
			JSON.stringify({ ...CLAIMS, orderId: ORDER.toUpperCase() }),
			JSON.stringify({ ...CLAIMS, sku: '../x' }),
			JSON.stringify({ ...CLAIMS, issuedAt: 'yesterday' }),
			JSON.stringify({ orderId: ORDER, sku: 'digital-set' })
		]) {
			expect(await verifyReceipt(signed(payload), key), payload).toBeNull();
		}
	});

	it('imports only 32-byte keys', async () => {
		await expect(importReceiptKey(new Uint8Array(31))).rejects.toThrow(/32 bytes/);
	});
});

describe('encoding', () => {
	it('decodes base64url, base64 with padding and hex to the same bytes', () => {
		const bytes = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 250) & 0xff);
		const url = encodeBase64Url(bytes);
		expect(url).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(decodeBase64(url)).toEqual(bytes);
		expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
		expect(decodeHex(Buffer.from(bytes).toString('hex'))).toEqual(bytes);
		expect(() => decodeBase64('a')).toThrow();
		expect(() => decodeBase64('ab$d')).toThrow();
		expect(() => decodeHex('abc')).toThrow();
	});
});

import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Signed receipts (Ed25519, RFC 8032).
 *
 * Wire format, as returned in `GET /api/orders/:id` once the order is paid:
 *
 *   { "payload": "{\"orderId\":\"…\",\"sku\":\"…\",\"issuedAt\":\"2026-01-02T03:04:05.678Z\"}",
 *     "signature": "<base64url, 64 bytes, no padding>", "alg": "Ed25519", "keyId": "<base64url>" }
 *
 * - `payload` is the exact signed byte string (UTF-8). It is canonical JSON: keys in the order
 *   orderId, sku, issuedAt; no whitespace; `issuedAt` is ISO 8601 UTC with milliseconds (the time
 *   the order was marked paid, so the same receipt comes back on every request). The verifier
 *   checks the signature over `payload` as sent, then `JSON.parse`s it — no re-serialisation.
 * - `signature` is the 64-byte Ed25519 signature of the payload bytes, base64url (RFC 4648 §5).
 * - `keyId` is base64url(SHA-256(raw 32-byte public key))[0..16), to pick a key after rotation.
 *
 * Browser check (WebCrypto Ed25519, Chrome 137+, Firefox 129+, Safari 17+):
 *   const key = await crypto.subtle.importKey('raw', b64urlDecode(publicKey.raw), 'Ed25519', false, ['verify']);
 *   const ok = await crypto.subtle.verify('Ed25519', key, b64urlDecode(r.signature), new TextEncoder().encode(r.payload));
 */
export interface Receipt {
	payload: string;
	signature: string;
	alg: 'Ed25519';
	keyId: string;
}

/** Fields inside a receipt payload. */
export interface ReceiptClaims {
	orderId: string;
	sku: string;
	/** ISO 8601 UTC with milliseconds. */
	issuedAt: string;
}

/** Public key in the forms `GET /api/receipt-key` serves. */
export interface PublicReceiptKey {
	alg: 'Ed25519';
	keyId: string;
	/** Raw 32-byte public key, base64url: `importKey('raw', …, 'Ed25519')`. */
	raw: string;
	/** JWK (RFC 8037 OKP): `importKey('jwk', …, 'Ed25519')`. */
	jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
	/** SubjectPublicKeyInfo PEM. */
	spki: string;
}

/** Canonical payload string for the claims (key order orderId, sku, issuedAt; no whitespace). */
export function canonicalReceiptPayload(c: ReceiptClaims): string {
	return JSON.stringify({ orderId: c.orderId, sku: c.sku, issuedAt: c.issuedAt });
}

/**
 * Reads an Ed25519 private key given as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`) or as base64
 * of the PKCS#8 DER bytes (the PEM body on one line). Literal `\n` sequences (common in .env files)
 * are turned into newlines first.
 * @throws Error when the text is not a PKCS#8 key or the key is not Ed25519.
 */
export function parseReceiptPrivateKey(text: string): KeyObject {
	const t = text.trim().replace(/\\n/g, '\n');
	let key: KeyObject;
	try {
		key = t.startsWith('-----BEGIN')
			? createPrivateKey({ key: t, format: 'pem' })
			: createPrivateKey({ key: Buffer.from(t, 'base64'), format: 'der', type: 'pkcs8' });
	} catch (e) {
		throw new Error(`RECEIPT_PRIVATE_KEY: not a PKCS#8 private key (${(e as Error).message})`);
	}
	if (key.asymmetricKeyType !== 'ed25519') {
		throw new Error(`RECEIPT_PRIVATE_KEY: expected an Ed25519 key, got ${key.asymmetricKeyType}`);
	}
	return key;
}

/** Signs and describes receipts with one Ed25519 key. */
export class ReceiptSigner {
	readonly publicKey: PublicReceiptKey;
	private readonly privateKey: KeyObject;
	private readonly publicKeyObject: KeyObject;

	constructor(privateKey: KeyObject) {
		if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('ReceiptSigner needs an Ed25519 private key');
		this.privateKey = privateKey;
		this.publicKeyObject = createPublicKey(privateKey);
		const jwk = this.publicKeyObject.export({ format: 'jwk' }) as { x: string };
		const raw = Buffer.from(jwk.x, 'base64url');
		const keyId = createHash('sha256').update(raw).digest('base64url').slice(0, 16);
		this.publicKey = {
			alg: 'Ed25519',
			keyId,
			raw: jwk.x,
			jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
			spki: this.publicKeyObject.export({ format: 'pem', type: 'spki' }).toString()
		};
	}

	/** Signs the canonical payload of `claims`. Deterministic (Ed25519): same claims → same receipt. */
	sign(claims: ReceiptClaims): Receipt {
		const payload = canonicalReceiptPayload(claims);
		const signature = sign(null, Buffer.from(payload, 'utf8'), this.privateKey).toString('base64url');
		return { payload, signature, alg: 'Ed25519', keyId: this.publicKey.keyId };
	}
}

/**
 * Verifies a receipt against a raw base64url Ed25519 public key (the `raw` field of
 * `GET /api/receipt-key`). Returns the claims when the signature is valid, otherwise null.
 */
export function verifyReceipt(receipt: Pick<Receipt, 'payload' | 'signature'>, rawPublicKey: string): ReceiptClaims | null {
	const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: rawPublicKey }, format: 'jwk' });
	const ok = verify(null, Buffer.from(receipt.payload, 'utf8'), key, Buffer.from(receipt.signature, 'base64url'));
	if (!ok) return null;
	return JSON.parse(receipt.payload) as ReceiptClaims;
}

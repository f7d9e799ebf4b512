/**
 * Offline verification of order receipts with WebCrypto Ed25519 (RFC 8032; WebCrypto "Ed25519"
 * algorithm, Chromium 137+, Firefox 129+, Safari 17+, Node 20 `crypto.subtle`).
 *
 * The wire format is defined by server/receipt.ts: `{payload, signature, alg: "Ed25519", keyId}`,
 * where `payload` is the signed UTF-8 text — canonical JSON `{"orderId","sku","issuedAt"}` — and
 * `signature` the 64-byte signature, base64url without padding. The bytes are verified as
 * received and only then parsed; nothing is re-serialised. The public key is the one baked into
 * the build (PUBLIC_RECEIPT_PUBLIC_KEY), never one fetched at run time.
 */
import type { ReceiptWire } from '$lib/history/types';
import { decodeBase64 } from './encoding';

/** Order ids: 128 random bits as 32 lower-case hex chars (server/app.ts ORDER_ID). */
export const ORDER_ID_PATTERN = /^[0-9a-f]{32}$/;
/** SKU syntax, as server/catalogue.ts SKU_PATTERN: 1-64 of [A-Za-z0-9._-], first a letter or digit. */
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** ISO 8601 UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Longest payload accepted, UTF-8 chars (the canonical payload is under 160). */
const MAX_PAYLOAD = 1024;

/** What a valid receipt states. */
export interface ReceiptClaims {
	orderId: string;
	sku: string;
	/** Payment time, ISO 8601 UTC with ms. */
	issuedAt: string;
}

/**
 * Imports a raw 32-byte Ed25519 public key for verifying.
 * @throws Error when the key is not 32 bytes, or WebCrypto refuses it (no Ed25519 support).
 */
export async function importReceiptKey(raw: Uint8Array): Promise<CryptoKey> {
	if (raw.length !== 32) throw new Error(`an Ed25519 public key is 32 bytes, got ${raw.length}`);
	return crypto.subtle.importKey('raw', raw.slice(), { name: 'Ed25519' }, false, ['verify']);
}

/** Whether `value` has the shape of a wire receipt (strings of plausible size, alg Ed25519). */
export function isReceiptWire(value: unknown): value is ReceiptWire {
	if (value === null || typeof value !== 'object') return false;
	const r = value as Record<string, unknown>;
	return (
		typeof r.payload === 'string' &&
		r.payload.length > 0 &&
		r.payload.length <= MAX_PAYLOAD &&
		typeof r.signature === 'string' &&
		/^[A-Za-z0-9_-]{86}$/.test(r.signature) &&
		r.alg === 'Ed25519' &&
		typeof r.keyId === 'string' &&
		r.keyId.length <= 64
	);
}

/**
 * Verifies a receipt with `key` (from importReceiptKey) and returns its claims, or null when the
 * shape is wrong, the signature does not verify over the payload bytes, or the payload is not the
 * expected claims (order id, sku and issue time in their formats). With `expectedOrderId`, a
 * receipt for any other order is refused too.
 */
export async function verifyReceipt(receipt: unknown, key: CryptoKey, expectedOrderId?: string): Promise<ReceiptClaims | null> {
	if (!isReceiptWire(receipt)) return null;
	const signature = decodeBase64(receipt.signature);
	if (signature.length !== 64) return null;
	const payload = new TextEncoder().encode(receipt.payload);
	let ok: boolean;
	try {
		ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, signature.slice(), payload);
	} catch {
		return null;
	}
	if (!ok) return null;
	let claims: unknown;
	try {
		claims = JSON.parse(receipt.payload);
	} catch {
		return null;
	}
	if (claims === null || typeof claims !== 'object') return null;
	const c = claims as Record<string, unknown>;
	if (typeof c.orderId !== 'string' || !ORDER_ID_PATTERN.test(c.orderId)) return null;
	if (typeof c.sku !== 'string' || !SKU_PATTERN.test(c.sku)) return null;
	if (typeof c.issuedAt !== 'string' || !ISO_MS.test(c.issuedAt) || Number.isNaN(Date.parse(c.issuedAt))) return null;
	if (expectedOrderId !== undefined && c.orderId !== expectedOrderId) return null;
	return { orderId: c.orderId, sku: c.sku, issuedAt: c.issuedAt };
}

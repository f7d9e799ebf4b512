/**
 * Build-time payment configuration. The app is built either without a payment server (everything
 * free, no payment UI) or with one, through two public env variables read by SvelteKit at build
 * time (`$env/static/public`, baked into the bundle; see README "Payments" and .env.example):
 *
 * - `PUBLIC_PAYMENT_API`: the payment server's origin, e.g. `https://pay.example.com`;
 * - `PUBLIC_RECEIPT_PUBLIC_KEY`: the Ed25519 receipt public key, the `raw` field of the server's
 *   `GET /api/receipt-key` (base64url of 32 bytes; standard base64 and 64 hex chars also accepted).
 *
 * Setting only one of them, or invalid values, gives a `broken` configuration: the app then shows
 * the payment UI with the error and unlocks nothing, rather than silently giving everything away.
 */
import * as publicEnv from '$env/static/public';
import { decodeBase64, decodeHex } from './encoding';

export type PaymentSetup =
	| { kind: 'off' }
	| { kind: 'on'; apiOrigin: string; publicKey: Uint8Array }
	| { kind: 'broken'; message: string };

/**
 * Parses the two settings.
 * @returns `off` when neither is set, `on` with the origin and the 32 raw key bytes, or `broken` with the reason.
 */
export function parsePaymentSetup(api: string | undefined, key: string | undefined): PaymentSetup {
	const a = api?.trim() ?? '';
	const k = key?.trim() ?? '';
	if (!a && !k) return { kind: 'off' };
	if (!a) return { kind: 'broken', message: 'PUBLIC_RECEIPT_PUBLIC_KEY is set but PUBLIC_PAYMENT_API is not' };
	if (!k) return { kind: 'broken', message: 'PUBLIC_PAYMENT_API is set but PUBLIC_RECEIPT_PUBLIC_KEY is not' };
	let origin: string;
	try {
		const url = new URL(a);
		if (!/^https?:$/.test(url.protocol) || url.origin !== a.replace(/\/$/, '')) throw new Error('not an origin');
		origin = url.origin;
	} catch {
		return { kind: 'broken', message: `PUBLIC_PAYMENT_API must be an origin like https://pay.example.com, got "${a}"` };
	}
	let publicKey: Uint8Array;
	try {
		publicKey = /^[0-9a-fA-F]{64}$/.test(k) ? decodeHex(k) : decodeBase64(k);
	} catch {
		return { kind: 'broken', message: 'PUBLIC_RECEIPT_PUBLIC_KEY is neither base64 nor hex' };
	}
	if (publicKey.length !== 32) {
		return { kind: 'broken', message: `PUBLIC_RECEIPT_PUBLIC_KEY must hold 32 bytes (Ed25519 raw public key), got ${publicKey.length}` };
	}
	return { kind: 'on', apiOrigin: origin, publicKey };
}

// A namespace import: a variable missing at build time reads as undefined instead of failing the build.
const env = publicEnv as Record<string, string | undefined>;

/** This build's payment setup. */
export const paymentSetup: PaymentSetup = parsePaymentSetup(env.PUBLIC_PAYMENT_API, env.PUBLIC_RECEIPT_PUBLIC_KEY);

/** Whether this build has a payment server (payment UI shown, downloads locked until bought). */
export const paymentsEnabled = paymentSetup.kind !== 'off';

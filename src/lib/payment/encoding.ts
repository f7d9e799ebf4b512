/**
 * Byte decoding for the receipt key and signatures: base64url (RFC 4648 §5, padding optional),
 * standard base64 (RFC 4648 §4) and hex. Pure; works in browsers and Node 20 (atob).
 */

/**
 * Decodes base64url or standard base64 (either alphabet, `=` padding optional) to bytes.
 * @throws Error when the text holds other characters or has an impossible length (4n+1).
 */
export function decodeBase64(text: string): Uint8Array {
	const t = text.trim().replace(/=+$/, '');
	if (!/^[A-Za-z0-9+/_-]*$/.test(t) || t.length % 4 === 1) throw new Error('not base64');
	const std = t.replace(/-/g, '+').replace(/_/g, '/');
	const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

/** Encodes bytes as base64url without padding (RFC 4648 §5). */
export function encodeBase64Url(bytes: Uint8Array): string {
	let bin = '';
	for (const b of bytes) bin += String.fromCharCode(b);
	return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * Decodes an even-length hex string (either case) to bytes.
 * @throws Error on other characters or an odd length.
 */
export function decodeHex(text: string): Uint8Array {
	const t = text.trim();
	if (!/^(?:[0-9a-fA-F]{2})*$/.test(t)) throw new Error('not hex');
	const out = new Uint8Array(t.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = parseInt(t.slice(2 * i, 2 * i + 2), 16);
	return out;
}

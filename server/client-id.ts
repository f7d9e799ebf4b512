import { createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';

/**
 * Client address for rate limiting.
 * With `trustProxy = n` (n reverse proxies in front, each appending to X-Forwarded-For), the client
 * is the n-th address from the right of [X-Forwarded-For..., socket peer], the entry written by the
 * outermost trusted proxy; entries left of it are client-supplied and not trusted. With n = 0 the
 * header is ignored and the socket peer is used. Same rule as Express's numeric `trust proxy`
 * (https://expressjs.com/en/guide/behind-proxies.html).
 */
export function clientAddress(c: Context, trustProxy: number): string {
	const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
	const peer = incoming?.socket?.remoteAddress ?? 'unknown';
	if (trustProxy <= 0) return peer;
	const xff = c.req.header('x-forwarded-for');
	const chain = [...(xff ? xff.split(',').map((s) => s.trim()).filter(Boolean) : []), peer];
	return chain[Math.max(0, chain.length - 1 - trustProxy)];
}

/**
 * Rate-limit key for a client: HMAC-SHA256 of its address under a per-process random salt,
 * base64url, 22 chars. The limiter's in-memory table therefore holds no IP address, and keys
 * cannot be linked across restarts.
 */
export function clientKeyer(trustProxy: number): (c: Context) => string {
	const salt = randomBytes(32);
	return (c) => createHmac('sha256', salt).update(clientAddress(c, trustProxy)).digest('base64url').slice(0, 22);
}

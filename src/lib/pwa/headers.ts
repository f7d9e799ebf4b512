/**
 * The HTTP security headers of the app, one source for `npm start` (vite.config.ts middleware)
 * and for the static-host snippets in README.md. Pure: inputs are the payment server origin
 * (none by default) and the SHA-256 hashes of the inline scripts SvelteKit writes into the
 * prerendered pages (CSP Level 3 'sha256-…' sources).
 * Sources: CSP Level 3 (https://www.w3.org/TR/CSP3/), 'wasm-unsafe-eval' (WebAssembly CSP
 * proposal, needed to compile onnxruntime's WASM), COOP/COEP (https://web.dev/articles/coop-coep),
 * Referrer-Policy (W3C), Permissions Policy (W3C).
 */

export interface HeaderOptions {
	/** Origin of the payment server, e.g. `https://pay.example.com`; omitted = none allowed. */
	paymentOrigin?: string | null;
	/** Base64 SHA-256 digests of the inline <script> bodies, without the `sha256-` prefix. */
	inlineScriptHashes?: readonly string[];
}

/**
 * Validates a payment origin from the environment: must be an http(s) origin with nothing
 * after the host[:port].
 * @throws Error when the value is not such an origin.
 */
export function parsePaymentOrigin(value: string | undefined | null): string | null {
	if (!value || !value.trim()) return null;
	const url = new URL(value.trim());
	if (!/^https?:$/.test(url.protocol) || url.origin !== value.trim().replace(/\/$/, '')) {
		throw new Error(`PAYMENT_ORIGIN must be an origin like https://pay.example.com, got ${value}`);
	}
	return url.origin;
}

/**
 * The payment origin for `connect-src` from the environment: `PAYMENT_ORIGIN` when set, else
 * `PUBLIC_PAYMENT_API` (the origin the app build talks to, see src/lib/payment/config.ts), so a
 * server started with the build's settings allows exactly the configured payment server and,
 * with neither set, nothing but the app's own origin.
 * @throws Error when the chosen value is not an http(s) origin.
 */
export function paymentOriginFromEnv(env: Record<string, string | undefined>): string | null {
	const explicit = env.PAYMENT_ORIGIN?.trim();
	return parsePaymentOrigin(explicit ? explicit : env.PUBLIC_PAYMENT_API);
}

/** The Content-Security-Policy value. */
export function contentSecurityPolicy(options: HeaderOptions = {}): string {
	const hashes = (options.inlineScriptHashes ?? []).map((h) => `'sha256-${h}'`);
	const connect = ["'self'", ...(options.paymentOrigin ? [options.paymentOrigin] : [])];
	const directives: [string, string[]][] = [
		['default-src', ["'self'"]],
		['script-src', ["'self'", "'wasm-unsafe-eval'", ...hashes]],
		// Inline style attributes come from SvelteKit's app.html and Svelte style: directives.
		['style-src', ["'self'", "'unsafe-inline'"]],
		['img-src', ["'self'", 'blob:', 'data:']],
		['font-src', ["'self'"]],
		['connect-src', connect],
		['worker-src', ["'self'", 'blob:']],
		['manifest-src', ["'self'"]],
		['media-src', ["'self'", 'blob:']],
		['object-src', ["'none'"]],
		['base-uri', ["'none'"]],
		['form-action', ["'self'"]],
		['frame-ancestors', ["'none'"]]
	];
	return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** All security headers, name → value. */
export function securityHeaders(options: HeaderOptions = {}): Record<string, string> {
	return {
		'Content-Security-Policy': contentSecurityPolicy(options),
		'Cross-Origin-Opener-Policy': 'same-origin',
		'Cross-Origin-Embedder-Policy': 'require-corp',
		'Cross-Origin-Resource-Policy': 'same-origin',
		'Referrer-Policy': 'no-referrer',
		'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(self)',
		'X-Content-Type-Options': 'nosniff'
	};
}

/** Base64 SHA-256 of every inline `<script>` (no src attribute) in an HTML document. */
export async function inlineScriptHashes(html: string): Promise<string[]> {
	const out: string[] = [];
	for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
		if (/\ssrc\s*=/.test(m[1] ?? '')) continue;
		const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(m[2]));
		out.push(btoa(String.fromCharCode(...new Uint8Array(digest))));
	}
	return out;
}

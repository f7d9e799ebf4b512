import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, inlineScriptHashes, parsePaymentOrigin, securityHeaders } from '../../../src/lib/pwa/headers';
import { isAppCache, outdatedRuntimeCaches, runtimeCacheName, SHARE_CACHE } from '../../../src/lib/pwa/cache-names';
import { isRuntimeAssetPath, ortFilesFor } from '../../../src/lib/pwa/runtime-assets';
import { thumbSize } from '../../../src/lib/history/thumbnail';
import { readExpirySetting, writeExpirySetting, EXPIRY_KEY } from '../../../src/lib/history/settings';
import { describeWipe } from '../../../src/lib/history/wipe';

const ORT = [
	'/ort/ort-wasm-simd-threaded.asyncify.mjs',
	'/ort/ort-wasm-simd-threaded.asyncify.wasm',
	'/ort/ort-wasm-simd-threaded.jsep.mjs',
	'/ort/ort-wasm-simd-threaded.jsep.wasm',
	'/ort/ort-wasm-simd-threaded.mjs',
	'/ort/ort-wasm-simd-threaded.wasm'
];

describe('security headers', () => {
	it('allows connections only to the app, plus the payment server when configured', () => {
		expect(contentSecurityPolicy()).toContain("connect-src 'self';");
		const csp = contentSecurityPolicy({ paymentOrigin: 'https://pay.example.com', inlineScriptHashes: ['abc='] });
		expect(csp).toContain("connect-src 'self' https://pay.example.com;");
		expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc=';");
		expect(csp).toContain("worker-src 'self' blob:;");
		expect(csp).not.toContain("'unsafe-eval'");
	});
	it('sends isolation, referrer and permissions headers', () => {
		const h = securityHeaders();
		expect(h['Cross-Origin-Opener-Policy']).toBe('same-origin');
		expect(h['Cross-Origin-Embedder-Policy']).toBe('require-corp');
		expect(h['Referrer-Policy']).toBe('no-referrer');
		expect(h['Permissions-Policy']).toBe('camera=(self), microphone=(), geolocation=(self)');
	});
	it('accepts only a bare origin as payment server', () => {
		expect(parsePaymentOrigin(undefined)).toBeNull();
		expect(parsePaymentOrigin('')).toBeNull();
		expect(parsePaymentOrigin('https://pay.example.com')).toBe('https://pay.example.com');
		expect(parsePaymentOrigin('http://localhost:8787/')).toBe('http://localhost:8787');
		expect(() => parsePaymentOrigin('https://pay.example.com/api')).toThrow(/origin/);
		expect(() => parsePaymentOrigin('ftp://x.example')).toThrow();
	});
	it('hashes inline scripts only (SHA-256, base64)', async () => {
		// sha256("alert(1)") = 0x6e...; base64 known value computed with openssl dgst -sha256 -binary | base64
		const html = '<script src="/a.js"></script><script>alert(1)</script>';
		expect(await inlineScriptHashes(html)).toEqual(['bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=']);
	});
});

describe('caches and runtime assets', () => {
	it('names and recognises caches', () => {
		const current = runtimeCacheName('v2');
		expect(current).toBe('idphoto-runtime-v2');
		expect(isAppCache(current)).toBe(true);
		expect(isAppCache('idphoto-precache-v2-http://localhost:4173/')).toBe(true);
		expect(isAppCache(SHARE_CACHE)).toBe(false);
		expect(isAppCache('someone-else')).toBe(false);
		expect(outdatedRuntimeCaches(['idphoto-runtime-v1', current, SHARE_CACHE, 'idphoto-precache-v2-x'], current)).toEqual(['idphoto-runtime-v1']);
	});
	it('picks the onnxruntime build the device loads', () => {
		expect(ortFilesFor(true, ORT)).toEqual(['/ort/ort-wasm-simd-threaded.asyncify.mjs', '/ort/ort-wasm-simd-threaded.asyncify.wasm']);
		expect(ortFilesFor(false, ORT)).toEqual(['/ort/ort-wasm-simd-threaded.mjs', '/ort/ort-wasm-simd-threaded.wasm']);
		expect(isRuntimeAssetPath('/models/face_landmark.onnx')).toBe(true);
		expect(isRuntimeAssetPath('/_app/immutable/x.js')).toBe(false);
	});
});

describe('thumbnails, settings, wipe text', () => {
	it('fits the long side into 160 px without upscaling', () => {
		expect(thumbSize(413, 531)).toEqual({ width: 124, height: 160 });
		expect(thumbSize(600, 600)).toEqual({ width: 160, height: 160 });
		expect(thumbSize(100, 50)).toEqual({ width: 100, height: 50 });
	});
	it('reads and writes the expiry setting, defaulting to 24 h', () => {
		const map = new Map<string, string>();
		const storage = { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) } as Storage;
		expect(readExpirySetting(storage)).toBe('24h');
		expect(writeExpirySetting('7d', storage)).toBe(true);
		expect(map.get(EXPIRY_KEY)).toBe('7d');
		expect(readExpirySetting(storage)).toBe('7d');
		map.set(EXPIRY_KEY, 'forever');
		expect(readExpirySetting(storage)).toBe('24h');
		expect(readExpirySetting(undefined)).toBe('24h');
		const full = { setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } } as unknown as Storage;
		expect(writeExpirySetting('1h', full)).toBe(false);
	});
	it('says what was removed', () => {
		const lines = describeWipe({
			databases: ['idphoto-history'],
			caches: ['idphoto-share-inbox'],
			localStorageKeys: 2,
			sessionStorageKeys: 1,
			opfsEntries: [],
			objectUrls: 3,
			enginePhotos: 2,
			serviceWorkers: 1,
			errors: []
		});
		expect(lines).toEqual([
			'History and other databases: idphoto-history',
			'Caches: idphoto-share-inbox',
			'Saved settings: 2 entries (localStorage)',
			'Session data: 1 entry (sessionStorage)',
			'No private files were stored',
			'Open photo links released: 3',
			"Photos released from the photo engine's memory: 2",
			'Offline app removed (service worker unregistered)'
		]);
	});
});

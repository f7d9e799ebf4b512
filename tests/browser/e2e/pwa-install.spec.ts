/**
 * Installability and the app server's security headers, in Chromium:
 * - the manifest has every field the issue lists (name, short_name, standalone, theme colours,
 *   192/512 px icons for "any" and "maskable" that exist with those sizes, screenshots, a POST
 *   share_target with a file param, file_handlers);
 * - an activated service worker controls the page, and DevTools' Page.getInstallabilityErrors
 *   reports no error (Page.getAppManifest no manifest error);
 * - on a device with a hardware WebGPU adapter the runtime cache holds the WebGPU (asyncify) onnxruntime
 *   build and not the CPU one;
 * - `npm start` sends CSP (connect-src 'self', 'wasm-unsafe-eval', worker-src 'self' blob:),
 *   COOP/COEP, Referrer-Policy no-referrer and the Permissions-Policy, and the page loads
 *   without a CSP violation.
 */
import { test, expect, chromium } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

test('manifest, service worker and Chromium installability', async ({ page, context, request }) => {
	const violations: string[] = [];
	page.on('console', (m) => {
		if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
	});
	const response = await page.goto('/');
	const headers = response!.headers();
	const csp = headers['content-security-policy'];
	expect(csp).toContain("connect-src 'self';");
	expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
	expect(csp).toContain("worker-src 'self' blob:");
	expect(csp).toContain("object-src 'none'");
	expect(headers['cross-origin-opener-policy']).toBe('same-origin');
	expect(headers['cross-origin-embedder-policy']).toBe('require-corp');
	expect(headers['referrer-policy']).toBe('no-referrer');
	expect(headers['permissions-policy']).toBe('camera=(self), microphone=(), geolocation=(self)');

	await expect(page.getByTestId('offline-state')).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });
	const sw = await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		const runtime = (await caches.keys()).find((n) => n.startsWith('idphoto-runtime-'));
		const ort = runtime ? (await (await caches.open(runtime)).keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/ort/')) : [];
		const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { isFallbackAdapter?: boolean } } | null> } }).gpu;
		const adapter = gpu ? await gpu.requestAdapter() : null;
		// The app uses WebGPU only on a hardware adapter (a fallback/software adapter gets the WASM build).
		return { state: reg.active?.state, controlled: !!navigator.serviceWorker.controller, ort: ort.sort(), adapter: !!adapter && !adapter.info?.isFallbackAdapter };
	});
	expect(sw.state).toBe('activated');
	expect(sw.controlled).toBe(true);
	expect(sw.ort).toEqual(
		sw.adapter
			? ['/ort/ort-wasm-simd-threaded.asyncify.mjs', '/ort/ort-wasm-simd-threaded.asyncify.wasm']
			: ['/ort/ort-wasm-simd-threaded.mjs', '/ort/ort-wasm-simd-threaded.wasm']
	);

	const manifest = await (await request.get('/manifest.webmanifest')).json();
	expect(manifest).toMatchObject({ name: 'ID Photo Studio', short_name: 'ID Photo', display: 'standalone', start_url: './', theme_color: '#1d5f91', background_color: '#f4f6f8' });
	for (const purpose of ['any', 'maskable']) {
		for (const size of [192, 512]) {
			const icon = manifest.icons.find((i: { purpose: string; sizes: string }) => i.purpose === purpose && i.sizes === `${size}x${size}`);
			expect(icon, `${purpose} ${size}`).toBeDefined();
			const meta = await sharp(await (await request.get(`/${icon.src}`)).body()).metadata();
			expect([meta.format, meta.width, meta.height]).toEqual(['png', size, size]);
		}
	}
	expect(manifest.screenshots.map((s: { form_factor: string }) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
	for (const shot of manifest.screenshots) {
		const meta = await sharp(await (await request.get(`/${shot.src}`)).body()).metadata();
		expect(`${meta.width}x${meta.height}`).toBe(shot.sizes);
	}
	expect(manifest.share_target).toMatchObject({ action: './share-target', method: 'POST', enctype: 'multipart/form-data' });
	expect(manifest.share_target.params.files[0].name).toBe('photo');
	expect(Object.keys(manifest.file_handlers[0].accept)).toContain('image/jpeg');

	const cdp = await context.newCDPSession(page);
	const { errors } = await cdp.send('Page.getAppManifest');
	expect(errors).toEqual([]);
	// Playwright's contexts are incognito, where Chromium never offers installation.
	const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
	expect(installabilityErrors.map((e) => e.errorId)).toEqual(['in-incognito']);
	expect(violations).toEqual([]);
});

test('Chromium reports no installability error in a normal (persistent) profile', async ({ baseURL, launchOptions }) => {
	const dir = mkdtempSync(join(tmpdir(), 'idphoto-install-'));
	const context = await chromium.launchPersistentContext(dir, { ...launchOptions, baseURL });
	try {
		const page = context.pages()[0] ?? (await context.newPage());
		await page.goto('/');
		await expect(page.getByTestId('offline-state')).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
	} finally {
		await context.close();
		rmSync(dir, { recursive: true, force: true });
	}
});

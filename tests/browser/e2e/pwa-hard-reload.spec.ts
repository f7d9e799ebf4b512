/**
 * A hard reload (Shift+Reload; DevTools protocol Page.reload with ignoreCache) bypasses the
 * service worker: the page stays uncontrolled for its whole life, though the worker is active.
 * "Ready to work offline" must still come (the app asks the active worker to check its runtime
 * cache), and the next normal load is controlled again.
 */
import { test, expect } from '@playwright/test';

// CPU device: see pwa-offline.spec.ts.
test.use({
	launchOptions: {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
	}
});

test('after a hard reload the app still becomes ready to work offline', async ({ page, context }) => {
	test.setTimeout(5 * 60_000);
	await page.goto('/');
	await expect(page.getByTestId('offline-state')).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });

	const cdp = await context.newCDPSession(page);
	await Promise.all([page.waitForEvent('load'), cdp.send('Page.reload', { ignoreCache: true })]);
	const state = await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.ready;
		return { controlled: !!navigator.serviceWorker.controller, active: reg.active?.state ?? null };
	});
	// The situation under test: an active worker that does not control this page.
	expect(state).toEqual({ controlled: false, active: 'activated' });
	await expect(page.getByTestId('offline-state')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
	expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(false);

	await page.reload();
	expect(await page.evaluate(async () => (await navigator.serviceWorker.ready, !!navigator.serviceWorker.controller))).toBe(true);
	await expect(page.getByTestId('offline-state')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
});

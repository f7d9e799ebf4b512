/**
 * Updates are never silent: when a new service worker is installed and waiting, the page shows
 * "Update available — reload" and keeps running (same document, work kept); only the user's
 * click activates the new version, which then controls the reloaded page. A new deployment is
 * simulated by changing the build version inside the served service-worker.js (same length, as
 * the preview server caches file sizes at start), restored afterwards.
 */
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SERVED_SW = join(import.meta.dirname, '../../../.svelte-kit/output/client/service-worker.js');

test('a waiting update is announced and applied only on the user’s click', async ({ page }) => {
	test.setTimeout(5 * 60_000);
	await page.goto('/');
	await expect(page.getByTestId('offline-state')).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });
	const first = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);

	const original = readFileSync(SERVED_SW, 'utf8');
	// SvelteKit's `version` (Date.now() at build) is a 13-digit string in the worker: change its last digit.
	const next = original.replace(/`(\d{12})(\d)`/, (_m, head: string, last: string) => `\`${head}${(Number(last) + 1) % 10}\``);
	expect(next).not.toBe(original);
	writeFileSync(SERVED_SW, next);
	try {
		await page.evaluate(() => {
			(window as unknown as { marker: number }).marker = 42;
			return navigator.serviceWorker.getRegistration().then((r) => r?.update());
		});

	await expect(page.getByTestId('update-available')).toBeVisible({ timeout: 60_000 });
	// Not reloaded, nothing activated yet: same document, old worker still in control, new one waiting.
	const waiting = await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		return { marker: (window as unknown as { marker?: number }).marker, waiting: reg?.waiting?.state, activeIsController: reg?.active === null ? false : true };
	});
	expect(waiting).toEqual({ marker: 42, waiting: 'installed', activeIsController: true });
	await page.waitForTimeout(2000);
	expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

	await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
	const after = await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		return { marker: (window as unknown as { marker?: number }).marker ?? null, waiting: reg?.waiting ?? null, controlled: !!navigator.serviceWorker.controller };
	});
	expect(after).toEqual({ marker: null, waiting: null, controlled: true });
	expect(first).toMatch(/\/service-worker\.js$/);
	await expect(page.getByTestId('update-available')).toHaveCount(0);
	} finally {
		writeFileSync(SERVED_SW, original);
	}
});

/**
 * Updates are never silent: when a new service worker is installed and waiting, the page shows
 * "Update available — reload" and keeps running (same document, work kept); only the user's
 * click activates the new version, which then controls the reloaded page. A new deployment is
 * simulated by changing the build version inside the served service-worker.js (same length, as
 * the preview server caches file sizes at start), restored afterwards. A runtime cache of an
 * older model version (same prefix, another version) is planted before the update: the new
 * worker's activate must delete it and keep the current one with every model file.
 */
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RUNTIME_PREFIX } from '../../../src/lib/pwa/cache-names';

const OLD_RUNTIME = `${RUNTIME_PREFIX}0000000000000000`;

const SERVED_SW = join(import.meta.dirname, '../../../.svelte-kit/output/client/service-worker.js');

test('a waiting update is announced and applied only on the user’s click', async ({ page }) => {
	test.setTimeout(5 * 60_000);
	await page.goto('/');
	await expect(page.getByTestId('offline-state')).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });
	const first = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
	// The current runtime cache (models cached for offline use) and a planted one of an older version.
	const runtimeBefore = await page.evaluate(async ({ prefix, old }) => {
		const old$ = await caches.open(old);
		await old$.put('/models/old-model.onnx', new Response(new Uint8Array([1, 2, 3])));
		const names = (await caches.keys()).filter((n) => n.startsWith(prefix));
		const current = names.find((n) => n !== old) ?? null;
		const models = current ? (await (await caches.open(current)).keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/models/')) : [];
		return { names: names.sort(), current, models: models.sort() };
	}, { prefix: RUNTIME_PREFIX, old: OLD_RUNTIME });
	expect(runtimeBefore.current).toMatch(new RegExp(`^${RUNTIME_PREFIX}[0-9a-f]{16}$`));
	expect(runtimeBefore.names).toEqual([runtimeBefore.current, OLD_RUNTIME].sort());
	expect(runtimeBefore.models.length).toBeGreaterThan(0);

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
	const waiting = await page.evaluate(async (old) => {
		const reg = await navigator.serviceWorker.getRegistration();
		const controller = navigator.serviceWorker.controller;
		return {
			marker: (window as unknown as { marker?: number }).marker,
			waiting: reg?.waiting?.state,
			// One ServiceWorker object per worker in a realm (Service Workers §3.1), so identity compares workers.
			activeIsController: !!controller && reg?.active === controller,
			waitingIsController: !!reg?.waiting && reg.waiting === controller,
			oldRuntimeStillThere: await caches.has(old)
		};
	}, OLD_RUNTIME);
	// Not activated yet: the old runtime cache is still there (only activate deletes it).
	expect(waiting).toEqual({ marker: 42, waiting: 'installed', activeIsController: true, waitingIsController: false, oldRuntimeStillThere: true });
	await page.waitForTimeout(2000);
	expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);

	await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
	const after = await page.evaluate(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		return { marker: (window as unknown as { marker?: number }).marker ?? null, waiting: reg?.waiting ?? null, controlled: !!navigator.serviceWorker.controller };
	});
	expect(after).toEqual({ marker: null, waiting: null, controlled: true });
	// The new worker's activate removed the older runtime cache and kept the current one whole.
	const runtimeAfter = await page.evaluate(async ({ prefix, current }) => {
		const names = (await caches.keys()).filter((n) => n.startsWith(prefix)).sort();
		const models = (await (await caches.open(current)).keys()).map((r) => new URL(r.url).pathname).filter((p) => p.startsWith('/models/'));
		return { names, models: models.sort() };
	}, { prefix: RUNTIME_PREFIX, current: runtimeBefore.current as string });
	expect(runtimeAfter).toEqual({ names: [runtimeBefore.current], models: runtimeBefore.models });
	expect(first).toMatch(/\/service-worker\.js$/);
	await expect(page.getByTestId('update-available')).toHaveCount(0);
	} finally {
		writeFileSync(SERVED_SW, original);
	}
});

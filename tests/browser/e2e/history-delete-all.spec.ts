/**
 * "Delete all my data": after a real photo is made (history with original, outputs, thumbnail),
 * a photo is parked in the share inbox (a real share-target POST through the service worker),
 * and localStorage, sessionStorage and OPFS hold data, one confirmed click leaves no IndexedDB
 * database, no Cache Storage entry holding photo bytes, empty local/session storage and OPFS;
 * the app says what it removed, and a reload shows an empty history.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const PHOTO = join(import.meta.dirname, '../../fixtures/astronaut.png');

// CPU device: see pwa-offline.spec.ts (onnxruntime's WebGPU build crashes on the software adapter).
test.use({
	launchOptions: {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
	}
});

/** Everything this origin stores, read with the raw web APIs. */
async function inventory(page: Page, photoBytes: number) {
	return page.evaluate(async (photoBytes) => {
		const databases = (await indexedDB.databases()).map((d) => d.name);
		const cacheEntries: { cache: string; url: string; type: string; size: number }[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const req of await cache.keys()) {
				const res = await cache.match(req);
				const type = res?.headers.get('Content-Type') ?? '';
				// Only image responses can be photos; measure them.
				const size = type.startsWith('image/') ? (await res!.arrayBuffer()).byteLength : 0;
				cacheEntries.push({ cache: name, url: new URL(req.url).pathname, type, size });
			}
		}
		const root = await navigator.storage.getDirectory();
		const opfs: string[] = [];
		for await (const key of (root as unknown as { keys(): AsyncIterable<string> }).keys()) opfs.push(key);
		return {
			databases,
			photoEntries: cacheEntries.filter((e) => e.size === photoBytes || e.url.includes('shared') || e.cache.includes('share')),
			imageEntries: cacheEntries.filter((e) => e.type.startsWith('image/')).map((e) => e.url),
			caches: await caches.keys(),
			local: localStorage.length,
			session: sessionStorage.length,
			opfs
		};
	}, photoBytes);
}

test('delete all leaves no database, no photo in caches, empty storages and OPFS', async ({ page }) => {
	const photoBytes = readFileSync(PHOTO).byteLength;
	await page.goto('/');
	await expect(page.getByTestId('offline-state')).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });
	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click(); // remembered in localStorage (recent documents)
	await page.getByTestId('file-input').setInputFiles(PHOTO);
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });

	// A photo shared from another app: multipart POST to the share target, handled by the service worker.
	const redirected = await page.evaluate(async () => {
		const blob = await (await fetch('/icons/icon-512.png')).blob();
		const form = new FormData();
		form.append('photo', new File([blob, new Uint8Array(4096)], 'shared.png', { type: 'image/png' }));
		const res = await fetch('/share-target', { method: 'POST', body: form });
		const inbox = await (await caches.open('idphoto-share-inbox')).match('/__shared-photo');
		return { status: res.status, inboxBytes: inbox ? (await inbox.arrayBuffer()).byteLength : 0, size: blob.size + 4096 };
	});
	// The service worker answered (303 → the app's start page) and parked the photo in the inbox.
	expect(redirected.status).toBe(200);
	expect(redirected.inboxBytes).toBe(redirected.size);
	await page.evaluate(async () => {
		sessionStorage.setItem('probe', '1');
		const root = await navigator.storage.getDirectory();
		const handle = await root.getFileHandle('scratch.bin', { create: true });
		const w = await handle.createWritable();
		await w.write(new Uint8Array(1000));
		await w.close();
	});

	await page.getByTestId('nav-history').click();
	await expect(page.getByTestId('history-item')).toHaveCount(1);
	const before = await inventory(page, photoBytes);
	expect(before.databases).toContain('idphoto-history');
	expect(before.caches).toContain('idphoto-share-inbox');
	expect(before.local).toBeGreaterThan(0); // recent documents
	expect(before.session).toBe(1);
	expect(before.opfs).toEqual(['scratch.bin']);

	await page.getByTestId('delete-all').click();
	await expect(page.getByTestId('delete-all-dialog')).toBeVisible();
	await page.getByTestId('delete-all-confirm').click();
	const report = page.getByTestId('delete-all-report');
	await expect(report).toContainText('idphoto-history');
	await expect(report).toContainText('idphoto-share-inbox');
	await expect(report).toContainText('scratch.bin');
	// The studio's photo engine (still running: the history page was reached without a reload) held the one photo.
	await expect(report).toContainText("Photos released from the photo engine's memory: 1");

	const after = await inventory(page, photoBytes);
	expect(after.databases).toEqual([]);
	expect(after.photoEntries).toEqual([]);
	// What stays is the app shell and the models: no image but the app's own icons and its bundled warm-up portrait
	// (public domain, src/lib/pipeline/run/warm-up.ts).
	expect(after.imageEntries.filter((u) => !/^\/(icons\/|favicon|apple-touch-icon|warm-up-portrait\.jpg$)/.test(u))).toEqual([]);
	expect(after.caches.every((n) => n.startsWith('idphoto-precache') || n.startsWith('idphoto-runtime-'))).toBe(true);
	expect([after.local, after.session, after.opfs.length]).toEqual([0, 0, 0]);

	await page.reload();
	await expect(page.getByTestId('history-empty')).toBeVisible();
	await expect(page.getByTestId('storage-count')).toHaveText('0');
});

test('"also remove the app" removes every cache and unregisters the service worker', async ({ page }) => {
	await page.goto('/history');
	await expect(page.getByTestId('offline-state')).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });
	await page.getByTestId('delete-all').click();
	await page.getByTestId('delete-all-everything').check();
	await page.getByTestId('delete-all-confirm').click();
	await expect(page.getByTestId('delete-all-report')).toContainText('service worker unregistered');
	const left = await page.evaluate(async () => ({
		caches: await caches.keys(),
		registrations: (await navigator.serviceWorker.getRegistrations()).length,
		databases: (await indexedDB.databases()).map((d) => d.name)
	}));
	expect(left).toEqual({ caches: [], registrations: 0, databases: [] });
});

/**
 * The history's own expiry, with a controlled clock (page.clock): with "1 hour" chosen, a finished
 * photo is listed (and stored: item + blobs in IndexedDB) before its hour is up, and after it the
 * purge timer removes it from the list and from IndexedDB, every blob included, without a reload.
 */
import { test, expect, type Page } from '@playwright/test';
import { join } from 'node:path';

const PHOTO = join(import.meta.dirname, '../../fixtures/astronaut.png');

// CPU device: see pwa-offline.spec.ts (onnxruntime's WebGPU build crashes on the software adapter).
test.use({
	launchOptions: {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
	}
});

/** Counts in the history database, read with the raw IndexedDB API (not the app's code). */
async function stored(page: Page): Promise<{ items: number; blobs: number; bytes: number }> {
	return page.evaluate(
		async () =>
			// Never create the database here (open() would): only read it once the app has made it.
			!(await indexedDB.databases()).some((d) => d.name === 'idphoto-history')
				? { items: 0, blobs: 0, bytes: 0 }
				: new Promise((resolve, reject) => {
				const req = indexedDB.open('idphoto-history');
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const db = req.result;
					const tx = db.transaction(['items', 'blobs']);
					const items = tx.objectStore('items').count();
					const blobs = tx.objectStore('blobs').getAll();
					tx.oncomplete = () => {
						const all = blobs.result as { bytes: ArrayBuffer }[];
						resolve({ items: items.result, blobs: all.length, bytes: all.reduce((s, b) => s + b.bytes.byteLength, 0) });
						db.close();
					};
				};
			})
	);
}

test('an item is listed before its expiry and gone, blobs included, after it', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-11-29T08:00:00Z') });
	await page.goto('/history');
	await page.getByTestId('expiry-setting').selectOption('1h');
	await expect(page.getByTestId('history-empty')).toBeVisible();

	await page.goto('/?spec=eu-schengen-visa');
	await page.getByTestId('file-input').setInputFiles(PHOTO);
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });
	// The save is debounced (800 ms): wait until the item and its four blobs are stored.
	await expect.poll(() => stored(page).then((s) => `${s.items}/${s.blobs}`), { timeout: 30_000 }).toBe('1/4');
	const before = await stored(page);
	expect(before.bytes).toBeGreaterThan(10_000); // original PNG + JPEG + PNG + thumbnail

	await page.getByTestId('nav-history').click();
	await expect(page.getByTestId('history-item')).toHaveCount(1);
	await expect(page.getByTestId('history-expiry')).toContainText('expires in');
	await expect(page.getByTestId('storage-count')).toHaveText('1');

	// 58 minutes later: still there.
	await page.clock.fastForward('58:00');
	await expect(page.getByTestId('history-item')).toHaveCount(1);
	expect((await stored(page)).items).toBe(1);

	// Past the hour: the purge timer removes it from the list and from IndexedDB.
	await page.clock.fastForward('03:00');
	await expect(page.getByTestId('history-item')).toHaveCount(0);
	await expect(page.getByTestId('history-empty')).toBeVisible();
	expect(await stored(page)).toEqual({ items: 0, blobs: 0, bytes: 0 });
});

/**
 * The app works without a history, and says so where the user works (under the downloads):
 * - no IndexedDB at all (as in some private modes): the photo is made and downloads; the studio
 *   and /history say that no history can be kept;
 * - a full device (Chromium's quota for the origin lowered to 50 kB through the DevTools
 *   protocol, Storage.overrideQuotaForOrigin): the photo is made and downloads; the quota message
 *   appears under the downloads, and nothing of the photo was kept.
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const PHOTO = join(import.meta.dirname, '../../fixtures/astronaut.png');

// CPU device: see pwa-offline.spec.ts.
test.use({
	launchOptions: {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
	}
});

async function makePhotoAndDownload(page: Page): Promise<void> {
	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click();
	await page.getByTestId('file-input').setInputFiles(PHOTO);
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });
	const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-jpeg').click()]);
	const meta = await sharp(readFileSync((await dl.path())!)).metadata();
	expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 413, 531]);
}

test('no IndexedDB: the flow works, the studio and the history say no history is kept', async ({ page }) => {
	test.setTimeout(8 * 60_000);
	await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined }));
	await page.goto('/');
	expect(await page.evaluate(() => typeof window.indexedDB)).toBe('undefined');
	await makePhotoAndDownload(page);
	await expect(page.getByTestId('studio-history-unavailable')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('studio-history-unavailable')).toContainText('does not let the app keep a history');

	await page.getByTestId('nav-history').click();
	await expect(page.getByTestId('history-unavailable')).toBeVisible();
	await expect(page.getByTestId('storage-count')).toContainText('History is off in this browser');
});

test('device full (quota 50 kB): the flow works and the quota message appears under the downloads', async ({ page, context }) => {
	test.setTimeout(8 * 60_000);
	await page.goto('/');
	const cdp = await context.newCDPSession(page);
	const origin = new URL(page.url()).origin;
	await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 50_000 });
	// (Chromium enforces the override on writes; navigator.storage.estimate() keeps reporting the real quota.)
	await makePhotoAndDownload(page);
	await expect(page.getByTestId('studio-history-problem')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('studio-history-problem')).toContainText('out of space for the history');
	await expect(page.getByTestId('studio-history-unavailable')).toHaveCount(0);
	// The refused save left no item behind (the database may exist, empty).
	const items = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const req = indexedDB.open('idphoto-history');
				req.onsuccess = () => {
					const db = req.result;
					if (!db.objectStoreNames.contains('items')) return (db.close(), resolve(0));
					const count = db.transaction('items').objectStore('items').count();
					count.onsuccess = () => (db.close(), resolve(count.result));
				};
				req.onerror = () => resolve(-1);
			})
	);
	expect(items).toBe(0);
});

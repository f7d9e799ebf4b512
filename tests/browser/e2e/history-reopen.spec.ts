/**
 * The history, item by item, in a real browser: a photo made with a non-default background is
 * listed with the space used; its files download again (JPEG and PNG 413×531 px, the report, the
 * original byte for byte); "Reopen" brings the original back into the studio with the stored
 * settings (the light grey background, in the file too); one item is deleted with its files;
 * after "Delete all my data" the thumbnail's object URL no longer loads. Purchase records are
 * listed, survive "keep nothing" and go with "Delete all my data", which keeps the setting.
 */
import { test, expect, type Download, type Page } from '@playwright/test';
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

async function bytesOf(download: Download): Promise<Buffer> {
	return readFileSync((await download.path())!);
}

/** Mean RGB of a 6×6 px patch at the top-left corner (background there: no head). */
async function cornerColour(jpeg: Buffer): Promise<number[]> {
	const { data } = await sharp(jpeg).extract({ left: 2, top: 2, width: 6, height: 6 }).raw().toBuffer({ resolveWithObject: true });
	const sum = [0, 0, 0];
	for (let i = 0; i < data.length; i += 3) for (let c = 0; c < 3; c++) sum[c] += data[i + c];
	return sum.map((s) => Math.round(s / (data.length / 3)));
}

/** Items and blobs in the history database, read with the raw IndexedDB API. */
async function storedCounts(page: Page): Promise<{ items: number; blobs: number }> {
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const req = indexedDB.open('idphoto-history');
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const db = req.result;
					const tx = db.transaction(['items', 'blobs']);
					const items = tx.objectStore('items').count();
					const blobs = tx.objectStore('blobs').count();
					tx.oncomplete = () => {
						db.close();
						resolve({ items: items.result, blobs: blobs.result });
					};
				};
			})
	);
}

/** 'load' or 'error' for an image at `src` (a revoked object URL fails). */
function loadImage(page: Page, src: string): Promise<string> {
	return page.evaluate(
		(src) =>
			new Promise<string>((resolve) => {
				const img = new Image();
				img.onload = () => resolve('load');
				img.onerror = () => resolve('error');
				img.src = src;
			}),
		src
	);
}

test('history: re-export, reopen with the stored settings, single delete, and no live object URL after delete all', async ({ page }) => {
	test.setTimeout(10 * 60_000);
	await page.goto('/');
	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click();
	await page.getByTestId('file-input').setInputFiles(PHOTO);
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });
	const firstSrc = await page.getByTestId('result-image').getAttribute('src');
	await page.getByTestId('background-dcdcdc').click();
	await expect(page.getByTestId('result-image')).not.toHaveAttribute('src', firstSrc!, { timeout: 60_000 });
	await page.waitForTimeout(1500); // the history save is debounced 800 ms

	await page.getByTestId('nav-history').click();
	await expect(page.getByTestId('history-item')).toHaveCount(1, { timeout: 30_000 });
	await expect(page.getByTestId('storage-count')).toHaveText('1');
	// The space used, from navigator.storage.estimate(): "<n> KB|MB of <n> MB|GB available".
	await expect(page.getByTestId('storage-usage')).toHaveText(/^\s*[\d.]+ (kB|MB) of [\d.]+ (MB|GB|kB) available\s*$/);

	// Re-export every stored file.
	const [jpegDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-download-jpeg').click()]);
	const jpeg = await bytesOf(jpegDl);
	const jm = await sharp(jpeg).metadata();
	expect([jm.format, jm.width, jm.height]).toEqual(['jpeg', 413, 531]);
	const grey = await cornerColour(jpeg);
	for (const c of grey) expect(Math.abs(c - 0xdc)).toBeLessThanOrEqual(6);
	const [pngDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-download-png').click()]);
	const pm = await sharp(await bytesOf(pngDl)).metadata();
	expect([pm.format, pm.width, pm.height]).toEqual(['png', 413, 531]);
	const [reportDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-download-report').click()]);
	const report = JSON.parse((await bytesOf(reportDl)).toString('utf8')) as { spec: { id: string } };
	expect(report.spec.id).toBe('eu-schengen-visa');
	const [origDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('history-download-original').click()]);
	expect(origDl.suggestedFilename()).toBe('astronaut.png');
	expect((await bytesOf(origDl)).equals(readFileSync(PHOTO))).toBe(true);

	// Reopen: the original goes back into the studio, rendered with the stored settings.
	await page.getByTestId('history-reopen').click();
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });
	await expect(page).toHaveURL(/\/\?spec=eu-schengen-visa$/);
	await expect(page.getByTestId('background-dcdcdc').locator('input')).toBeChecked();
	await expect(page.getByTestId('background-ffffff').locator('input')).not.toBeChecked();
	const [againDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-jpeg').click()]);
	const again = await bytesOf(againDl);
	const am = await sharp(again).metadata();
	expect([am.format, am.width, am.height]).toEqual(['jpeg', 413, 531]);
	for (const c of await cornerColour(again)) expect(Math.abs(c - 0xdc)).toBeLessThanOrEqual(6);
	await page.waitForTimeout(1500);

	// The reopened photo is a new job, kept as its own item; delete one item with its files.
	await page.getByTestId('nav-history').click();
	await expect(page.getByTestId('history-item')).toHaveCount(2, { timeout: 30_000 });
	const before = await storedCounts(page);
	expect(before.items).toBe(2);
	const perItem = before.blobs / 2;
	expect(perItem).toBeGreaterThanOrEqual(3); // jpeg, png, original (+ thumbnail)
	const deletedId = await page.getByTestId('history-item').first().getAttribute('data-id');
	await page.getByTestId('history-delete').first().click();
	await expect(page.getByTestId('history-item')).toHaveCount(1);
	await expect(page.locator(`[data-testid=history-item][data-id="${deletedId}"]`)).toHaveCount(0);
	expect(await storedCounts(page)).toEqual({ items: 1, blobs: perItem });
	await expect(page.getByTestId('storage-count')).toHaveText('1');

	// Delete all: the thumbnail's object URL (a Blob holding the photo) is revoked.
	const thumb = await page.getByTestId('history-thumb').first().getAttribute('src');
	expect(thumb).toMatch(/^blob:/);
	expect(await loadImage(page, thumb!)).toBe('load');
	await page.getByTestId('delete-all').click();
	await page.getByTestId('delete-all-confirm').click();
	await expect(page.getByTestId('delete-all-report')).toBeVisible();
	await expect(page.getByTestId('history-empty')).toBeVisible();
	expect(await loadImage(page, thumb!)).toBe('error');
});

test('purchase records outlive "keep nothing"; keep nothing survives "Delete all my data" and a photo made afterwards leaves no database', async ({ page }) => {
	test.setTimeout(8 * 60_000);
	await page.goto('/history');
	// A purchase record, as the payment flow stores it (history database v3, store `receipts`).
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const req = indexedDB.open('idphoto-history', 3);
				req.onupgradeneeded = () => {
					const db = req.result;
					db.createObjectStore('items', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
					db.createObjectStore('blobs', { keyPath: 'key' }).createIndex('itemId', 'itemId');
					db.createObjectStore('receipts', { keyPath: 'orderId' });
				};
				req.onerror = () => reject(req.error);
				req.onsuccess = () => {
					const db = req.result;
					const tx = db.transaction('receipts', 'readwrite');
					tx.objectStore('receipts').put({
						orderId: '0123456789abcdef0123456789abcdef', sku: 'digital-set', jobId: 'j', specId: 'eu-schengen-visa',
						productName: 'Digital set', amount: 499, currency: 'eur', createdAt: 1, updatedAt: 1, status: 'pending', receipt: null
					});
					tx.oncomplete = () => (db.close(), resolve());
				};
			})
	);
	await page.reload();
	await expect(page.getByTestId('storage-orders')).toHaveText('1 order, kept until you delete all your data');
	await page.getByTestId('expiry-setting').selectOption('none');
	await page.reload(); // the start-up purge runs with "keep nothing"
	await expect(page.getByTestId('expiry-setting')).toHaveValue('none');
	// "Keep nothing" purges photos, not purchase records (as the privacy notice says).
	await expect(page.getByTestId('storage-orders')).toHaveText('1 order, kept until you delete all your data');
	await expect(page.getByTestId('delete-all-keeps-setting')).toBeAttached();
	await page.getByTestId('delete-all').click();
	await expect(page.getByTestId('delete-all-keeps-setting')).toContainText('Keep nothing');
	await page.getByTestId('delete-all-confirm').click();
	await expect(page.getByTestId('delete-all-kept-expiry')).toBeVisible();
	await expect(page.getByTestId('expiry-setting')).toHaveValue('none');
	await expect(page.getByTestId('storage-orders')).toHaveCount(0);

	await page.goto('/?spec=eu-schengen-visa');
	await page.getByTestId('file-input').setInputFiles(PHOTO);
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });
	await page.waitForTimeout(2000); // past the 800 ms save debounce
	expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
	await page.getByTestId('nav-history').click();
	await expect(page.getByTestId('history-empty')).toBeVisible();
	await expect(page.getByTestId('expiry-setting')).toHaveValue('none');
});

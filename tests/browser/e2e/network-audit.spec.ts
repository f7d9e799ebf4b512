/**
 * Network audit across every flow of the app: choose a document, add a photo (file input), get the result,
 * download JPEG and PNG, both print sheets (PDF and JPEG), export the spec as JSON, open the history, re-download
 * from it, and delete all data. Every request must stay on the app's origin and none may carry a body: no photo,
 * landmark, mask or number derived from them leaves the device. (The payment calls, which may carry an order id
 * and a product, do not exist in a build without a payment server.)
 */
import { test, expect, type Request, type Page } from '@playwright/test';
import { join } from 'node:path';

const PHOTO = join(import.meta.dirname, '../../fixtures/astronaut.png');

async function download(page: Page, testId: string) {
	const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
	return d.path();
}

test('every flow stays on the device: same-origin requests only, no request bodies, no cookies', async ({ page, baseURL }) => {
	const requests: Request[] = [];
	page.on('request', (r) => requests.push(r));
	page.on('worker', (w) => w.on('console', () => {}));
	page.context().on('request', (r) => requests.includes(r) || requests.push(r));

	await page.goto('/');
	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click();
	await page.getByTestId('file-input').setInputFiles(PHOTO);
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });

	await download(page, 'download-jpeg');
	await download(page, 'download-png');
	await page.getByTestId('sheet-format').selectOption('pdf');
	await download(page, 'download-sheet');
	await page.getByTestId('sheet-format').selectOption('jpeg');
	await download(page, 'download-sheet');
	await page.getByText('Sources, notes and export').click();
	await download(page, 'export-spec');

	await page.getByTestId('nav-history').click();
	await expect(page.getByTestId('history-item')).toHaveCount(1, { timeout: 30_000 });
	await download(page, 'history-download-jpeg');
	await page.getByTestId('delete-all').click();
	await page.getByTestId('delete-all-confirm').click();
	await expect(page.getByTestId('delete-all-report')).toBeVisible();

	const origin = new URL(baseURL!).origin;
	const urls = requests.map((r) => r.url());
	expect(urls.length).toBeGreaterThan(10); // the audit saw the traffic (pages, worker, models, runtime)
	expect(urls.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
	expect(requests.filter((r) => r.method() !== 'GET' || r.postDataBuffer() !== null).map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
	expect(await page.context().cookies()).toEqual([]);
});

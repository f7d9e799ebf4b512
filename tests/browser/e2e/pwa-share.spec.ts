/**
 * Web Share Target: a photo shared from another app arrives as a multipart POST to
 * /share-target (here: a real form submission, i.e. a navigation, as Android's share sheet
 * makes). The service worker parks it, redirects to the app, the app takes it out of the cache
 * (none left there), and once the document is chosen the photo is used as if picked by hand.
 */
import { test, expect } from '@playwright/test';
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

test('a shared photo reaches the photo step and leaves no copy in Cache Storage', async ({ page }) => {
	test.setTimeout(6 * 60_000);
	await page.goto('/privacy');
	await expect(page.getByTestId('offline-state')).toHaveAttribute('data-ready', 'true', { timeout: 180_000 });
	const bytes = [...readFileSync(PHOTO)];
	await Promise.all([
		page.waitForURL((url) => url.pathname === '/' && !url.search.includes('shared'), { timeout: 30_000 }),
		page.evaluate((bytes) => {
			const form = document.createElement('form');
			form.method = 'POST';
			form.enctype = 'multipart/form-data';
			form.action = '/share-target';
			const input = document.createElement('input');
			input.type = 'file';
			input.name = 'photo';
			const transfer = new DataTransfer();
			transfer.items.add(new File([new Uint8Array(bytes)], 'astronaut.png', { type: 'image/png' }));
			input.files = transfer.files;
			form.append(input);
			document.body.append(form);
			form.submit();
		}, bytes)
	]);
	await expect(page.getByTestId('shared-photo-notice')).toContainText('astronaut.png');
	expect(await page.evaluate(() => caches.has('idphoto-share-inbox'))).toBe(false);

	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click();
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });
});

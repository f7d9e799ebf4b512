/**
 * Photos in a row reuse the memory of evicted ones (workers/pipeline.worker.ts: with MAX_JOBS = 2 photos kept, the oldest
 * is dropped before the next photo is decoded and its working copy's memory takes it, src/lib/pipeline/run/buffer-pool.ts:
 * the third photo decodes into the first one's memory, the fifth into it again). The recycled memory
 * still holds the old photo's pixels, so a decode that left part of it unwritten would change the result. Here the
 * fifth of five different photos of the same size, decoded into the memory of the first one's working copy, must give
 * exactly the finished JPEG that the same photo gives in a fresh tab. The first photo has EXIF orientation 3, so its
 * working copy was written whole by the rotation, not by the frame copy: a frame copy that skipped some rows would
 * leave the first photo's pixels there (checked on 2026-11-30: a decode that skipped rows 250–269 failed this test, and
 * logging showed the fifth decode taking the first photo's memory).
 */
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import sharp from 'sharp';

const ROOT = join(import.meta.dirname, '../../..');
const ASTRONAUT = join(ROOT, 'tests/fixtures/astronaut.png');

/**
 * Five different portraits of 2400x3200 px (JPEG): 360x480 crops of the 512x512 astronaut, two mirrored, tinted. At
 * that size the decoder scales by 5/8 in the IDCT to a 1500x2000 working copy, the path of a 12 MP photo.
 */
async function photos(): Promise<string[]> {
	const out: string[] = [];
	const variants = [
		{ left: 70, top: 0, flop: false, tint: [255, 255, 255] },
		{ left: 100, top: 10, flop: true, tint: [255, 235, 220] },
		{ left: 130, top: 20, flop: false, tint: [220, 235, 255] },
		{ left: 90, top: 30, flop: true, tint: [235, 255, 235] },
		{ left: 115, top: 5, flop: false, tint: [255, 250, 235] }
	];
	for (const [k, v] of variants.entries()) {
		let img = sharp(ASTRONAUT).extract({ left: v.left, top: v.top, width: 360, height: 480 });
		if (v.flop) img = img.flop();
		const file = join(tmpdir(), `photo-memory-${k}.jpg`);
		const upright = await img.resize(2400, 3200, { fit: 'fill' }).tint({ r: v.tint[0], g: v.tint[1], b: v.tint[2] }).toBuffer();
		// the first is stored upside down with EXIF orientation 3: its decode copies the frame into scratch memory and
		// writes the upright working copy into a second buffer, every byte of it (see the file comment)
		const stored = k === 0 ? sharp(upright).rotate(180).withMetadata({ orientation: 3 }) : sharp(upright);
		writeFileSync(file, await stored.jpeg({ quality: 92 }).toBuffer());
		out.push(file);
	}
	return out;
}

async function chooseSpec(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click();
}

/** Adds `file` ("New photo" first when a finished photo is shown) and waits for its finished photo. */
async function addPhoto(page: Page, file: string): Promise<void> {
	const again = page.getByTestId('new-photo');
	if (await again.isVisible()) await again.click();
	await page.getByTestId('file-input').setInputFiles(file, { timeout: 30_000 });
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 150_000 });
	await expect(page.getByTestId('check-head-height')).toHaveAttribute('data-status', 'pass', { timeout: 60_000 });
}

async function downloadJpeg(page: Page): Promise<Buffer> {
	const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-jpeg').click()]);
	return readFileSync((await dl.path())!);
}

test('five photos in a row: the fifth, decoded into the first one’s memory, comes out as in a fresh tab', async ({ page, browser, baseURL }) => {
	const files = await photos();
	await chooseSpec(page);
	for (const f of files) await addPhoto(page, f);
	const inRow = await downloadJpeg(page);

	const fresh = await browser.newContext({ baseURL, locale: 'en-US', acceptDownloads: true });
	try {
		const other = await fresh.newPage();
		await chooseSpec(other);
		await addPhoto(other, files[4]);
		const alone = await downloadJpeg(other);
		expect(inRow.length).toBeGreaterThan(10_000);
		expect(inRow.equals(alone)).toBe(true);
		// and the photos differ, so a stale working copy would show: the first photo's own result is another file
		await addPhoto(other, files[0]);
		expect((await downloadJpeg(other)).equals(alone)).toBe(false);
	} finally {
		await fresh.close();
	}
});

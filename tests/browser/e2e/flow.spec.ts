/**
 * The whole flow in the UI, in Debian's Chromium: choose the document, add a photo, get the finished photo,
 * download it and a print sheet, and check the downloaded files. Every network request is recorded: none may
 * leave the app's origin, and none may carry a body (the photo stays on the device).
 */
import { test, expect, type Request } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const ROOT = join(import.meta.dirname, '../../..');
const SHARED_PORTRAIT = join(ROOT, '../shared/testdata/portraits/obama-official.jpg');
const PHOTO = existsSync(SHARED_PORTRAIT) ? SHARED_PORTRAIT : join(ROOT, 'tests/fixtures/astronaut.png');

function jfifDpi(b: Buffer): number | null {
	// SOI, then APP0 "JFIF\0": units at byte 13, Xdensity at 14..15 (ITU-T T.871).
	if (b[2] !== 0xff || b[3] !== 0xe0 || b.subarray(6, 11).toString('latin1') !== 'JFIF\0') return null;
	return b[13] === 1 ? b.readUInt16BE(14) : null;
}

test('choose spec → add photo → download photo and sheet, with no request leaving the device', async ({ page, baseURL }) => {
	const requests: Request[] = [];
	page.on('request', (r) => requests.push(r));

	await page.goto('/');
	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click();

	await page.getByTestId('file-input').setInputFiles(PHOTO);
	const img = page.getByTestId('result-image');
	await expect(img).toBeVisible({ timeout: 150_000 });

	// The check report is shown, with status in text.
	await expect(page.getByTestId('check-head-height')).toHaveAttribute('data-status', 'pass');
	await expect(page.getByTestId('check-eye-line')).toHaveAttribute('data-status', 'pass');

	// The finished photo: exact px, dpi in the JFIF header, no EXIF.
	const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-jpeg').click()]);
	const jpeg = readFileSync((await dl.path())!);
	const meta = await sharp(jpeg).metadata();
	expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 413, 531]);
	expect(jfifDpi(jpeg)).toBe(300);
	expect(meta.exif).toBeUndefined();
	// Background: the top-left corner is the recommended light colour, not the original office.
	const { data } = await sharp(jpeg).extract({ left: 2, top: 2, width: 8, height: 8 }).raw().toBuffer({ resolveWithObject: true });
	for (let i = 0; i < data.length; i += 3) expect(Math.min(data[i], data[i + 1], data[i + 2])).toBeGreaterThan(200);

	// A print sheet as PDF (exact 4x6 in page).
	await page.getByTestId('sheet-paper').selectOption({ index: 0 });
	await page.getByTestId('sheet-format').selectOption('pdf');
	const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-sheet').click()]);
	const pdf = readFileSync((await sheet.path())!);
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

	// Privacy: every request stayed on the app's origin and none carried a body.
	const origin = new URL(baseURL!).origin;
	const outside = requests.filter((r) => !r.url().startsWith(origin) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'));
	expect(outside.map((r) => r.url())).toEqual([]);
	const withBody = requests.filter((r) => r.postDataBuffer() !== null || !['GET', 'HEAD'].includes(r.method()));
	expect(withBody.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
	const cookies = await page.context().cookies();
	expect(cookies).toEqual([]);
});

/**
 * Screenshots of the main screens for the README ("What it looks like"), written to docs/screenshots/ with fixed
 * names: choose the document, the photo step, the result, the check report, the downloads and print sheet, the
 * history and the privacy notice at a 1280x800 desktop window, and the result on a 390x844 phone. The photo is
 * tests/fixtures/astronaut.png (public domain). Each file must be a PNG of the expected size and weigh under
 * 300 KB (1 KB = 1000 bytes) so the repository stays small.
 * Run it (in a working copy, see the README) and commit the images when the look of the app changes.
 */
import { test, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ASTRONAUT, CPU_LAUNCH, VIEWPORTS } from './a11y-support';

const OUT = join(import.meta.dirname, '../../../docs/screenshots');
const DESKTOP = { width: 1280, height: 800 };
const MAX_BYTES = 300_000;
/** Passing notices (offline ready, update waiting) would make the pictures depend on timing: hidden while shooting. */
const HIDE_TOASTS = '[data-testid="offline-ready"], [data-testid="update-available"], [data-testid="offline-error"] { visibility: hidden !important; }';

// Language and time zone fixed: the suggested country (United States) and the dates do not depend on the machine.
test.use({ launchOptions: CPU_LAUNCH, viewport: DESKTOP, locale: 'en-US', timezoneId: 'UTC' });

const shots: { name: string; width: number; height?: number }[] = [];

/**
 * Screenshot of the window (page) or of one element, as docs/screenshots/<name>.png. Lossless PNGs of screens with
 * the photo weigh 260–340 KB, so the shot is re-encoded by sharp (libimagequant) as a palette PNG (≤ 256 colours,
 * quality 90, zlib level 9): text and edges stay sharp, the files weigh about a third.
 */
async function shoot(target: Page | Locator, name: string) {
	const path = join(OUT, `${name}.png`);
	const raw = await target.screenshot({ type: 'png', animations: 'disabled', caret: 'hide', style: HIDE_TOASTS });
	await sharp(raw).png({ palette: true, quality: 90, compressionLevel: 9, effort: 10 }).toFile(path);
	const meta = await sharp(path).metadata();
	expect(meta.format).toBe('png');
	expect(statSync(path).size, `${name}.png is too heavy for the README`).toBeLessThan(MAX_BYTES);
	shots.push({ name, width: meta.width!, height: meta.height });
}

test('screenshots of the main screens into docs/screenshots', async ({ page }) => {
	test.setTimeout(8 * 60_000);
	mkdirSync(OUT, { recursive: true });
	// A fixed wall clock (Date only; timers run): the history's "Made …" line is the same on every run.
	await page.clock.setFixedTime(new Date('2026-03-02T10:00:00Z'));

	await page.goto('/');
	await expect(page.getByTestId('spec-search')).toBeVisible();
	await shoot(page, 'choose-desktop');

	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click();
	await expect(page.getByTestId('drop-zone')).toBeVisible();
	await shoot(page, 'photo-desktop');

	await page.getByTestId('file-input').setInputFiles(ASTRONAUT);
	await expect(page.getByTestId('verdict')).toBeVisible({ timeout: 240_000 });
	await expect(page.getByTestId('download-sheet')).toBeVisible();
	await page.evaluate(() => window.scrollTo(0, 0));
	await shoot(page, 'result-desktop');
	// The check report beside the (sticky) preview: the report's top at the top of the window.
	await page.locator('#report-title').evaluate((el) => {
		el.scrollIntoView({ block: 'start' });
		window.scrollBy(0, -24);
	});
	await shoot(page, 'report-desktop');
	await shoot(page.locator('.card', { has: page.getByTestId('download-sheet') }), 'downloads-desktop');

	await page.setViewportSize(VIEWPORTS.phone);
	await page.evaluate(() => window.scrollTo(0, 0));
	await shoot(page, 'result-phone');
	await page.setViewportSize(DESKTOP);

	await page.getByTestId('nav-history').click();
	await expect(page.getByTestId('history-thumb')).toBeVisible({ timeout: 30_000 });
	await shoot(page, 'history-desktop');

	await page.getByTestId('nav-privacy').click();
	await expect(page.getByTestId('privacy-notice')).toBeVisible();
	await shoot(page, 'privacy-desktop');

	// Window shots have the window's size; the phone one is the phone's.
	const size = Object.fromEntries(shots.map((s) => [s.name, `${s.width}x${s.height}`]));
	for (const name of ['choose-desktop', 'photo-desktop', 'result-desktop', 'report-desktop', 'history-desktop', 'privacy-desktop'])
		expect(size[name]).toBe(`${DESKTOP.width}x${DESKTOP.height}`);
	expect(size['result-phone']).toBe(`${VIEWPORTS.phone.width}x${VIEWPORTS.phone.height}`);
	expect(shots).toHaveLength(8);
});

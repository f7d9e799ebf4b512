/**
 * Custom document specs in the built app (Debian's Chromium): import a spec file, get a finished photo
 * for it at the right pixel size, export a bundled spec and parse it again, and make, use and remove a
 * spec with the "Create your own" form. Custom specs live in localStorage only: no request may carry a
 * body and no cookie may be set.
 */
import { test, expect, type Page, type Request } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
// Not the library's index: it imports the bundled JSON files, which Playwright's loader cannot import.
import { importSpec } from '../../../src/lib/specs/custom';
import { outputPixelSize } from '../../../src/lib/specs/geometry';
import { parseSpec, type PhotoSpec } from '../../../src/lib/specs/schema';

const ROOT = join(import.meta.dirname, '../../..');
const PHOTO = join(ROOT, 'tests/fixtures/astronaut.png');

/** A bundled spec, read from the library's data files and validated as the registry does. */
function bundledSpec(file: string, id: string): PhotoSpec {
	const raw = JSON.parse(readFileSync(join(ROOT, 'src/lib/specs/data', file), 'utf8')) as { id: string }[];
	return parseSpec(raw.find((s) => s.id === id));
}

/** 30x40 mm at 300 dpi: round(30 * 300 / 25.4) x round(40 * 300 / 25.4) = 354 x 472 px. */
const EXPECTED_PX = [Math.round((30 * 300) / 25.4), Math.round((40 * 300) / 25.4)];

/** A custom 30x40 mm spec, written as a user would (dpi left to its default, 300). */
const CLUB_SPEC = {
	id: 'zz-e2e-club-card',
	country: 'DE',
	document: { en: 'E2E club card', 'zh-CN': 'E2E 俱乐部卡' },
	kind: 'other',
	print: { widthMm: 30, heightMm: 40 },
	head: { definition: 'skull-to-chin', minRatio: 0.6, maxRatio: 0.75 },
	eyeLine: { from: 'bottom', minRatio: 0.55, maxRatio: 0.7 },
	background: {
		allowed: [{ name: 'light grey', hex: '#DCDCDC' }],
		recommended: '#DCDCDC',
		toleranceDeltaE: 10,
		editingAllowed: true
	},
	sources: [{ authority: 'E2E club', title: 'Photo rules', url: 'https://club.example/rules', checked: '2026-11-01' }],
	confidence: 'low'
};

function jfifDpi(b: Buffer): number | null {
	// SOI, then APP0 "JFIF\0": units at byte 13, Xdensity at 14..15 (ITU-T T.871).
	if (b[2] !== 0xff || b[3] !== 0xe0 || b.subarray(6, 11).toString('latin1') !== 'JFIF\0') return null;
	return b[13] === 1 ? b.readUInt16BE(14) : null;
}

/** Records requests; `check()` asserts none left the origin or carried a body, and no cookie exists. */
function audit(page: Page, origin: string) {
	const requests: Request[] = [];
	page.on('request', (r) => requests.push(r));
	return async () => {
		const outside = requests.filter((r) => !r.url().startsWith(origin) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'));
		expect(outside.map((r) => r.url())).toEqual([]);
		const withBody = requests.filter((r) => r.postDataBuffer() !== null || !['GET', 'HEAD'].includes(r.method()));
		expect(withBody.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
		expect(await page.context().cookies()).toEqual([]);
	};
}

let dir: string;
test.beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'idphoto-custom-spec-'));
});
test.afterAll(() => {
	rmSync(dir, { recursive: true, force: true });
});

test('import a 30x40 mm spec, render a photo for it, and export a bundled spec', async ({ page, baseURL }) => {
	const check = audit(page, new URL(baseURL!).origin);
	await page.goto('/');

	// An invalid file: every problem is listed with its field path, and nothing is stored.
	const badPath = join(dir, 'bad.json');
	writeFileSync(badPath, JSON.stringify({ ...CLUB_SPEC, head: { definition: 'skull-to-chin', minRatio: 0.8, maxRatio: 0.7 }, country: 'XX' }));
	await page.getByTestId('import-spec').setInputFiles(badPath);
	const errors = page.getByTestId('import-spec-errors');
	await expect(errors).toBeVisible();
	await expect(errors).toHaveAttribute('role', 'alert');
	await expect(errors).toContainText('bad.json is not a valid document spec (2 problems)');
	await expect(errors).toContainText('head: minRatio (0.8) must be < maxRatio (0.7)');
	await expect(errors).toContainText('country: must be an ISO 3166-1 alpha-2 code');
	expect(await page.evaluate(() => localStorage.getItem('idphoto.customSpecs'))).toBeNull();

	// A valid file: stored under a custom- id, listed first and marked "Custom".
	const goodPath = join(dir, 'club.json');
	writeFileSync(goodPath, JSON.stringify(CLUB_SPEC, null, 2));
	await page.getByTestId('import-spec').setInputFiles(goodPath);
	await expect(page.getByTestId('import-spec-status')).toContainText('Imported “E2E club card” from club.json');
	await expect(errors).toHaveCount(0);
	const option = page.getByTestId('spec-option-custom-zz-e2e-club-card');
	await expect(option).toContainText('Custom');
	await expect(option).toContainText('30 × 40 mm');
	await expect(option).toContainText(`${EXPECTED_PX[0]} × ${EXPECTED_PX[1]} px at 300 dpi`);
	const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('idphoto.customSpecs')))!) as { id: string }[];
	expect(stored.map((s) => s.id)).toEqual(['custom-zz-e2e-club-card']);

	// Search finds it by name.
	await page.getByTestId('spec-search').fill('club card');
	await expect(page.locator('#spec-count')).toHaveText('1 document matches.');
	await page.getByTestId('spec-option-custom-zz-e2e-club-card').click();
	await expect(page).toHaveURL(/[?&]spec=custom-zz-e2e-club-card/);
	await expect(page.getByTestId('spec-summary')).toContainText('E2E club card');
	await expect(page.getByTestId('custom-badge')).toHaveText('Custom');

	// The photo: the worker gets the custom spec object and renders 30x40 mm at 300 dpi.
	await page.getByTestId('file-input').setInputFiles(PHOTO);
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 150_000 });
	const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-jpeg').click()]);
	const jpeg = readFileSync((await dl.path())!);
	const meta = await sharp(jpeg).metadata();
	expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', ...EXPECTED_PX]);
	expect(EXPECTED_PX).toEqual([354, 472]);
	expect(jfifDpi(jpeg)).toBe(300);
	// Background: the top-left corner is the spec's light grey (#DCDCDC = 220), not the original black space.
	const { data } = await sharp(jpeg).extract({ left: 2, top: 2, width: 8, height: 8 }).raw().toBuffer({ resolveWithObject: true });
	for (let i = 0; i < data.length; i++) expect(Math.abs(data[i] - 220)).toBeLessThan(16);

	// Export the custom spec: the file is the stored spec, and imports again.
	await page.getByTestId('spec-summary').locator('summary').click();
	const [customDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-spec').click()]);
	expect(customDl.suggestedFilename()).toBe('custom-zz-e2e-club-card.json');
	const customBack = importSpec(readFileSync((await customDl.path())!, 'utf8'));
	expect(customBack).toMatchObject({ ...CLUB_SPEC, id: 'custom-zz-e2e-club-card', print: { widthMm: 30, heightMm: 40, dpi: 300 } });

	// Export a bundled spec: `<id>.json`, and it parses back to the very same spec.
	await page.goto('/?spec=eu-schengen-visa');
	await expect(page.getByTestId('spec-summary')).toBeVisible();
	await expect(page.getByTestId('custom-badge')).toHaveCount(0);
	await page.getByTestId('spec-summary').locator('summary').click();
	const [builtinDl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-spec').click()]);
	expect(builtinDl.suggestedFilename()).toBe('eu-schengen-visa.json');
	const text = readFileSync((await builtinDl.path())!, 'utf8');
	const reparsed = importSpec(text);
	expect(reparsed).toEqual(bundledSpec('eu.json', 'eu-schengen-visa'));
	expect(outputPixelSize(reparsed)).toMatchObject({ widthPx: 413, heightPx: 531 });

	await check();
});

test('create a spec with the form, see field errors, use it, and remove it', async ({ page, baseURL }) => {
	const check = audit(page, new URL(baseURL!).origin);
	await page.goto('/');
	await page.getByText('Create your own', { exact: true }).click();
	const form = page.getByTestId('custom-spec-form');
	await expect(form).toBeVisible();

	// Head window upside down and no width: errors name the fields and link to them.
	await form.getByLabel('Document name').fill('Bibliothèque card');
	await form.getByLabel('Country').selectOption('FR');
	await form.getByLabel('Height (mm)').fill('40');
	await form.getByLabel('At least (%)').first().fill('80');
	await form.getByLabel('At most (%)').first().fill('70');
	await form.getByTestId('custom-spec-save').click();
	const errors = page.getByTestId('custom-spec-errors');
	await expect(errors).toBeFocused();
	await expect(errors).toContainText('Width (mm): required');
	await expect(errors).toContainText('Head height: minRatio (0.8) must be < maxRatio (0.7)');
	await expect(form.getByLabel('Width (mm)')).toHaveAttribute('aria-invalid', 'true');

	// Fixed: saved, listed as Custom, usable at once.
	await form.getByLabel('Width (mm)').fill('30');
	await form.getByLabel('At least (%)').first().fill('60');
	await form.getByLabel('At most (%)').first().fill('75');
	await form.getByLabel('Largest file (KB)').fill('240');
	await form.getByLabel('1 KB is').selectOption('1000');
	await form.getByTestId('custom-spec-save').click();
	await expect(errors).toHaveCount(0);
	await expect(page.getByTestId('custom-spec-status')).toContainText('custom-fr-bibliotheque-card');
	const stored = JSON.parse((await page.evaluate(() => localStorage.getItem('idphoto.customSpecs')))!);
	expect(stored).toHaveLength(1);
	expect(stored[0]).toMatchObject({
		id: 'custom-fr-bibliotheque-card',
		country: 'FR',
		print: { widthMm: 30, heightMm: 40, dpi: 300 },
		head: { minRatio: 0.6, maxRatio: 0.75 },
		file: { maxKB: 240, kbUnit: 1000 },
		background: { recommended: '#FFFFFF' }
	});
	await expect(page.getByTestId('spec-option-custom-fr-bibliotheque-card')).toContainText('Custom');
	await page.getByTestId('use-custom-spec').click();
	await expect(page).toHaveURL(/[?&]spec=custom-fr-bibliotheque-card/);
	await expect(page.getByTestId('spec-summary')).toContainText('Bibliothèque card');
	await expect(page.getByTestId('spec-summary')).toContainText('JPEG, up to 240 kB');

	// Still there after a reload (localStorage), then removed.
	await page.reload();
	await expect(page.getByTestId('spec-summary')).toContainText('Bibliothèque card');
	await page.getByTestId('change-spec').click();
	await page.getByTestId('remove-spec-custom-fr-bibliotheque-card').click();
	await expect(page.getByTestId('custom-spec-removed')).toContainText('Removed “Bibliothèque card”');
	await expect(page.getByTestId('spec-option-custom-fr-bibliotheque-card')).toHaveCount(0);
	expect(await page.evaluate(() => localStorage.getItem('idphoto.customSpecs'))).toBe('[]');
	await page.goto('/?spec=custom-fr-bibliotheque-card');
	await expect(page.getByRole('alert')).toContainText('is not in the list');

	await check();
});

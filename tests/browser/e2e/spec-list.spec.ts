/**
 * The spec list page (/specs) in the built app: reachable from the header navigation and from the
 * spec picker, one row per bundled spec grouped by country, published numbers and linked sources
 * shown, and the page switches to Simplified Chinese with the language switch.
 */
import { test, expect } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DATA = join(import.meta.dirname, '../../../src/lib/specs/data');

/** Every bundled spec id and country, read from the data files (the app bundles all of them). */
function bundled(): { id: string; country: string; sources: { official?: boolean }[] }[] {
	return readdirSync(DATA)
		.filter((f) => f.endsWith('.json'))
		.flatMap((f) => JSON.parse(readFileSync(join(DATA, f), 'utf8')) as { id: string; country: string; sources: { official?: boolean }[] }[]);
}

test('the spec list lists every bundled spec by country, with numbers and sources', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('nav-specs').click();
	await expect(page).toHaveURL(/\/specs$/);
	await expect(page.getByTestId('spec-list')).toBeVisible();

	const specs = bundled();
	await expect(page.locator('tbody tr')).toHaveCount(specs.length);
	await expect(page.locator('section.country')).toHaveCount(new Set(specs.map((s) => s.country)).size);
	// Every official source carries the "official" mark; the Chinese 1-inch trade size has none.
	await expect(page.getByTestId('official-source')).toHaveCount(specs.flatMap((s) => s.sources).filter((src) => src.official).length);
	await expect(page.getByTestId('spec-row-cn-1cun').getByTestId('official-source')).toHaveCount(0);
	await expect(page.getByTestId('spec-row-cn-1cun').getByTestId('convention-note')).toContainText('No authority publishes this size');
	await expect(page.getByTestId('convention-note')).toHaveCount(6);
	await expect(page.getByTestId('spec-row-nl-passport').getByTestId('official-source').first()).toHaveText('official');

	// NL Fotomatrix 2020: 26-30 mm head on 35x45 mm at 400 dpi, first source linked and opening in a new tab.
	const nl = page.getByTestId('spec-row-nl-passport');
	await expect(nl).toContainText('26–30 mm');
	await expect(nl).toContainText('551 × 709 px at 400 dpi');
	const fotomatrix = nl.getByRole('link', { name: /Fotomatrix model 2020/ });
	await expect(fotomatrix).toHaveAttribute('href', /fdocuments\.nl/);
	await expect(fotomatrix).toHaveAttribute('target', '_blank');
	await expect(page.getByTestId('spec-row-ch-passport-digital')).toContainText('assumed: not published');

	// The country index jumps to the section.
	await page.getByRole('navigation', { name: 'Countries and regions' }).getByRole('link', { name: 'Greece' }).click();
	await expect(page).toHaveURL(/#country-GR$/);
	await expect(page.getByTestId('spec-list-GR')).toBeInViewport();

	await page.getByTestId('language-switch').selectOption('zh-CN');
	await expect(page.locator('h1')).toHaveText('证件照规格及其来源');
	await expect(page.getByTestId('spec-list-NL').locator('h2')).toContainText('荷兰');
});

test('the spec picker links to the spec list', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('spec-list-link').click();
	await expect(page).toHaveURL(/\/specs$/);
	await expect(page.locator('h1')).toBeVisible();
});

/**
 * The keyboard alone (issue 9): no mouse click anywhere. Tab / Shift+Tab move, Enter and Space press, arrow keys
 * change sliders and radio groups; the file chooser is opened from the keyboard (Space on the focused file input) and
 * answered with `setFiles`, the one thing a keyboard user does in the operating system's dialog.
 * - Main flow: skip link → search box → type "schengen" → choose the Schengen visa → add tests/fixtures/astronaut.png
 *   → result → head size +2 steps with the arrow key → background to light grey with the arrow key → download the
 *   JPEG; the downloaded file has the chosen background in its corner and the spec's pixel size.
 * - Every control reached with Tab shows a focus indicator (computed outline ≥ 2 px or a box-shadow, on the control or
 *   on the visible control standing for a visually hidden input).
 * - The "Delete all my data" dialog is modal but no trap: Tab stays inside it, Escape closes it and focus returns to
 *   the button that opened it; Cancel does the same.
 * - The camera panel (Chromium's fake camera): opening it moves focus into it; Escape or its Cancel button closes it
 *   and focus returns to "Take a photo".
 */
import { test, expect, type FileChooser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { ASTRONAUT, CPU_LAUNCH, probeFocus, VIEWPORTS, type FocusProbe } from './a11y-support';

test.use({ launchOptions: CPU_LAUNCH, viewport: VIEWPORTS.desktop });

/**
 * Presses `key` (Tab or Shift+Tab) until the focused element matches, at most `max` times. Every element passed on
 * the way is probed; the ones without a focus indicator are added to `unmarked`.
 */
async function tabTo(
	page: Page,
	matches: (p: FocusProbe) => boolean,
	unmarked: string[],
	{ key = 'Tab', max = 80 }: { key?: 'Tab' | 'Shift+Tab'; max?: number } = {}
): Promise<FocusProbe> {
	const seen: string[] = [];
	for (let i = 0; i < max; i++) {
		await page.keyboard.press(key);
		const p = await probeFocus(page);
		seen.push(p.what);
		if (p.what !== 'body' && !p.indicator) unmarked.push(`${p.what} (${p.style})`);
		if (matches(p)) return p;
	}
	throw new Error(`${key} ×${max} never reached the control; passed: ${seen.join(' → ')}`);
}

const byTestId = (id: string) => (p: FocusProbe) => p.testid === id;

test('the whole flow with the keyboard alone, with a visible focus indicator on every control', async ({ page }) => {
	test.setTimeout(8 * 60_000);
	const unmarked: string[] = [];
	await page.goto('/');
	// The app renders on the client: wait for it before the first key.
	await expect(page.getByTestId('spec-search')).toBeVisible();

	// The first Tab reaches the skip link, which becomes visible; Enter moves focus to the main region.
	const skip = await tabTo(page, (p) => p.what.startsWith('a'), unmarked, { max: 1 });
	expect(skip.indicator).toBe(true);
	const skipBox = await page.evaluate(() => (document.activeElement as HTMLElement).getBoundingClientRect().width);
	expect(skipBox).toBeGreaterThan(20);
	await page.keyboard.press('Enter');
	await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');

	// Search, then choose the document.
	await tabTo(page, byTestId('spec-search'), unmarked);
	await page.keyboard.type('schengen');
	await expect(page.getByTestId('spec-option-eu-schengen-visa')).toBeVisible();
	await tabTo(page, byTestId('spec-option-eu-schengen-visa'), unmarked);
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/spec=eu-schengen-visa/);

	// The photo: the file input (visually hidden; its label draws the focus), opened with Space.
	await expect(page.getByTestId('drop-zone')).toBeVisible();
	await tabTo(page, byTestId('file-input'), unmarked);
	// Space on the focused input opens the chooser; under load one run of CI saw no chooser event for 8 min (the other
	// runs, before and after, opened it at once), so the key is pressed again after 20 s, at most twice.
	let chooser: FileChooser | null = null;
	for (let attempt = 0; attempt < 3 && !chooser; attempt++)
		[chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 20_000 }).catch(() => null), page.keyboard.press('Space')]);
	expect(chooser, 'Space on the focused file input opens the file chooser').not.toBeNull();
	await chooser!.setFiles(ASTRONAUT);
	const image = page.getByTestId('result-image');
	await expect(image).toBeVisible({ timeout: 240_000 });
	// Focus went to the step's heading, so the next Tab continues from the top of the result.
	await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');

	// Head size: two arrow-key steps of 0.05 toward "larger"; the photo re-renders.
	let src = await image.getAttribute('src');
	await tabTo(page, byTestId('head-scale'), unmarked);
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('head-scale')).toHaveValue('0.1');
	await expect(page.getByTestId('head-scale')).toHaveAttribute('aria-valuetext', /10/);
	await expect(image).not.toHaveAttribute('src', src!, { timeout: 60_000 });

	// Background: Tab enters the radio group on the checked colour (white, recommended); an arrow key moves on.
	src = await image.getAttribute('src');
	const white = page.getByTestId('background-ffffff').locator('input');
	const grey = page.getByTestId('background-dcdcdc').locator('input');
	await tabTo(page, (p) => p.what.includes('[type=radio]'), unmarked);
	await expect(white).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await expect(grey).toBeChecked();
	await expect(grey).toBeFocused();
	await expect(image).not.toHaveAttribute('src', src!, { timeout: 60_000 });
	await expect(page.getByTestId('result-image')).toBeVisible();

	// Download the JPEG with Enter; Shift+Tab from there goes back into the adjustments (no skipped or stuck focus).
	await tabTo(page, byTestId('download-jpeg'), unmarked);
	const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
	const jpeg = readFileSync((await download.path())!);
	const meta = await sharp(jpeg).metadata();
	expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 413, 531]);
	// The corner is the chosen light grey #DCDCDC (220), not white: the keyboard's choice reached the file.
	const { data } = await sharp(jpeg).extract({ left: 2, top: 2, width: 8, height: 8 }).raw().toBuffer({ resolveWithObject: true });
	for (let i = 0; i < data.length; i += 3) for (let c = 0; c < 3; c++) expect(Math.abs(data[i + c] - 220)).toBeLessThanOrEqual(6);
	const back = await tabTo(page, (p) => p.what.includes('[type=radio]'), unmarked, { key: 'Shift+Tab', max: 4 });
	expect(back.what).toContain('radio');

	expect(unmarked, 'controls reached with Tab that show no focus indicator').toEqual([]);
});

test('"Delete all my data" dialog: modal, no keyboard trap, focus returns to the opener', async ({ page }) => {
	const unmarked: string[] = [];
	await page.goto('/history');
	await expect(page.getByTestId('delete-all')).toBeVisible();
	const dialog = page.getByTestId('delete-all-dialog');
	const opener = page.getByTestId('delete-all');
	const inDialog = () => page.evaluate(() => !!document.activeElement?.closest('dialog[open]'));

	await tabTo(page, byTestId('delete-all'), unmarked);
	await page.keyboard.press('Enter');
	await expect(dialog).toBeVisible();
	expect(await dialog.evaluate((d) => (d as HTMLDialogElement).open && d.matches(':modal'))).toBe(true);
	expect(await inDialog()).toBe(true);
	// Tab moves through the dialog's controls only (the page behind is inert). Past the last one Chromium may hand
	// focus to its own toolbar (the page then reports <body>); it never lands on the page behind.
	for (let i = 0; i < 8; i++) {
		await page.keyboard.press('Tab');
		const p = await probeFocus(page);
		if (p.what !== 'body') {
			expect(await inDialog(), `Tab left the dialog for ${p.what}`).toBe(true);
			if (!p.indicator) unmarked.push(`${p.what} (${p.style})`);
		}
	}
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(opener).toBeFocused();

	// Open again with Space, leave with the Cancel button (Enter).
	await page.keyboard.press('Space');
	await expect(dialog).toBeVisible();
	await tabTo(page, (p) => /cancel/i.test(p.what), unmarked, { max: 8 });
	await page.keyboard.press('Enter');
	await expect(dialog).toBeHidden();
	await expect(opener).toBeFocused();
	// Nothing was deleted: the dialog's confirm button was never pressed.
	await expect(page.getByTestId('delete-all-report')).toHaveCount(0);

	expect(unmarked, 'controls reached with Tab that show no focus indicator').toEqual([]);
});

test('camera panel: focus moves into it, Escape and Cancel leave it with focus back on "Take a photo"', async ({ page }) => {
	const unmarked: string[] = [];
	await page.goto('/?spec=eu-schengen-visa');
	const take = page.getByTestId('take-photo');
	const camera = page.getByTestId('camera');
	await expect(take).toBeVisible();

	await tabTo(page, byTestId('take-photo'), unmarked);
	await page.keyboard.press('Enter');
	await expect(camera).toBeVisible();
	// The button that opened it is gone; focus is on the camera's message (a live region), not lost on <body>.
	await expect(page.getByTestId('camera-message')).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(camera).toHaveCount(0);
	await expect(take).toBeFocused();

	await page.keyboard.press('Enter');
	await expect(camera).toBeVisible();
	await tabTo(page, byTestId('camera-close'), unmarked, { max: 6 });
	await page.keyboard.press('Enter');
	await expect(camera).toHaveCount(0);
	await expect(take).toBeFocused();

	expect(unmarked, 'controls reached with Tab that show no focus indicator').toEqual([]);
});

/**
 * Interface language (issue 9) in the built app: the language follows the browser (Playwright's
 * `locale` sets navigator.languages), can be switched in the header, and the choice is kept in
 * localStorage across a reload (no cookie). <html lang> follows the language. Country search works
 * in Chinese. Without localStorage the app still starts and switches (the choice then lasts for the page).
 */
import { test, expect, type Page } from '@playwright/test';

const ZH_HEADING = '这张照片用于哪种证件？';
const EN_HEADING = 'Which document is the photo for?';

function stepHeading(page: Page) {
	return page.locator('h2[tabindex="-1"]').first();
}

test.describe('Chinese browser', () => {
	test.use({ locale: 'zh-CN' });

	test('shows Chinese, switches to English and keeps the choice across a reload', async ({ page, context }) => {
		await page.goto('/');
		await expect(stepHeading(page)).toHaveText(ZH_HEADING);
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByTestId('nav-history')).toHaveText('历史记录');
		await expect(page.getByTestId('privacy-line')).toContainText('照片不会离开这台设备');

		// Country search in Chinese.
		await page.getByTestId('spec-search').fill('德国');
		await expect(page.getByTestId('spec-option-de-passport')).toBeVisible();
		await expect(page.getByTestId('spec-option-de-passport')).toContainText('德国');
		await page.getByTestId('spec-search').fill('');

		const select = page.getByLabel('语言');
		await expect(select).toHaveValue('zh-CN');
		await select.selectOption('en');
		await expect(stepHeading(page)).toHaveText(EN_HEADING);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByTestId('nav-history')).toHaveText('History');
		expect(await page.evaluate(() => localStorage.getItem('idphoto.lang'))).toBe('en');

		await page.reload();
		await expect(stepHeading(page)).toHaveText(EN_HEADING);
		await expect(page.getByLabel('Language')).toHaveValue('en');
		expect(await context.cookies()).toEqual([]);

		// Back to Chinese: the privacy notice is translated too.
		await page.getByLabel('Language').selectOption('zh-CN');
		await page.getByTestId('nav-privacy').click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('隐私');
		await expect(page.getByTestId('privacy-notice')).toContainText('你的照片不会离开这台设备。');
	});

	test('starts and switches without localStorage', async ({ page }) => {
		await page.addInitScript(() => {
			Object.defineProperty(window, 'localStorage', {
				get() {
					throw new DOMException('The operation is insecure.', 'SecurityError');
				}
			});
		});
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto('/');
		await expect(stepHeading(page)).toHaveText(ZH_HEADING);
		await page.getByLabel('语言').selectOption('en');
		await expect(stepHeading(page)).toHaveText(EN_HEADING);
		expect(errors).toEqual([]);
	});
});

test.describe('English browser', () => {
	test.use({ locale: 'en-US' });

	test('shows English', async ({ page }) => {
		await page.goto('/');
		await expect(stepHeading(page)).toHaveText(EN_HEADING);
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
		await expect(page.getByLabel('Language')).toHaveValue('en');
		await expect(page.getByTestId('nav-privacy')).toHaveText('Privacy');
	});
});

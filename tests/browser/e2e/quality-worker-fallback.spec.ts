/**
 * The input photo's quality checks run in a nested worker (workers/quality.worker.ts). When that worker cannot start
 * (here a Content-Security-Policy on the pipeline worker forbids workers), the pipeline worker runs the checks itself,
 * so the photo still finishes with its full report (a worker whose script fails to load is caught through its `error`
 * event: src/lib/pipeline/run/fallback.ts and its unit test). Service workers are blocked so that the request for the
 * pipeline worker's script reaches the route.
 */
import { test, expect } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');
const SHARED_PORTRAIT = join(ROOT, '../shared/testdata/portraits/obama-official.jpg');
const PHOTO = existsSync(SHARED_PORTRAIT) ? SHARED_PORTRAIT : join(ROOT, 'tests/fixtures/astronaut.png');

test.use({ serviceWorkers: 'block' });

test('a quality worker that fails to load: the photo still finishes, with the quality checks in its report', async ({ page }) => {
	// The pipeline worker's script gets a policy that lets it start onnxruntime's thread workers (/ort/, blob:) and no
	// other worker (Playwright cannot route the requests of a nested worker, so the quality worker's own script cannot
	// be refused directly).
	const refused: string[] = [];
	await page.route(/pipeline\.worker[^/]*\.js/, async (route) => {
		const response = await route.fetch();
		refused.push(route.request().url());
		const origin = new URL(route.request().url()).origin;
		await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': `worker-src ${origin}/ort/ blob:` } });
	});
	const warnings: string[] = [];
	page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
	await page.goto('/');
	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click();
	const t0 = Date.now();
	await page.getByTestId('file-input').setInputFiles(PHOTO);
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 150_000 });
	console.log(`photo finished ${Date.now() - t0} ms after it was added, without the quality worker`);
	await expect(page.getByTestId('check-head-height')).toHaveAttribute('data-status', 'pass');
	// The input photo's checks are there, decided in the pipeline worker: the same verdicts as with the quality worker
	// (obama-official: mouth open and smiling, flow.spec.ts and the walkthrough; astronaut: any decided status).
	const shared = PHOTO === SHARED_PORTRAIT;
	for (const [id, status] of [['inter-eye-distance', 'warn'], ['expression', 'fail'], ['mouth-closed', 'fail']] as const)
		await expect(page.getByTestId(`quality-${id}`)).toHaveAttribute('data-status', shared ? status : /^(pass|warn|fail)$/);
	expect(refused.length).toBeGreaterThan(0);
	expect(warnings.some((w) => w.includes('quality worker failed'))).toBe(true);
});

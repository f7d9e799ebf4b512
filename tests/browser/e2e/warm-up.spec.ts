/**
 * The pipeline worker's warm-up in Chromium (src/lib/pipeline/run/warm-up.ts): model sessions, WARM_UP_ROUNDS runs of
 * the whole job on the bundled portrait (the last on it upscaled with an OffscreenCanvas to a phone photo's size,
 * WARM_UP_LONG_SIDE, src/lib/pipeline/run/warm-up-photo.ts), then WARM_UP_RENDERS renders beside quality checks. The Node
 * test (tests/unit/pipeline/warm-up.test.ts) cannot run the canvas upscale or the quality worker; here they run for
 * real, through the benchmark page's harness (src/routes/bench/+page.svelte, not linked from the app), and the warm-up
 * must finish every run without a failure; a photo then goes through the whole job after it.
 */
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

const ASTRONAUT = join(import.meta.dirname, '../../fixtures/astronaut.png');

test('the warm-up completes its runs (the last at a phone photo size) and renders, then a photo follows', async ({ page }) => {
	test.setTimeout(180_000);
	const photo = new Uint8Array(await sharp(readFileSync(ASTRONAUT)).jpeg({ quality: 90 }).toBuffer());
	await page.goto('/bench');
	await page.waitForSelector('body[data-bench-ready="true"]');
	const result = await page.evaluate(
		(bytes) =>
			(globalThis as unknown as { runBench(b: Uint8Array, o: unknown): Promise<{ warmUp: Record<string, unknown> | null; runs: { stages: Record<string, number> }[] }> }).runBench(
				new Uint8Array(bytes),
				{ backend: 'wasm', numThreads: 1, specId: 'eu-schengen-visa', warmRuns: 0, waitWarmUp: true }
			),
		Array.from(photo)
	);
	// WARM_UP_ROUNDS = 2 whole runs, WARM_UP_RENDERS = 8 renders, not stopped (no photo arrived), no failure
	expect(result.warmUp).toMatchObject({ rounds: 2, renders: 8, stopped: false });
	expect(result.warmUp?.failure).toBeUndefined();
	expect(result.runs).toHaveLength(1);
	expect(result.runs[0].stages.matte).toBeGreaterThan(0);
});

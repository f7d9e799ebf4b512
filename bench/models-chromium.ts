/**
 * Chromium half of bench/models.ts: serves the model harness (tests/browser/models/server.ts),
 * opens it in Debian Chromium once per thread count (crossOriginIsolated, so WASM threads work),
 * and returns the median run time per model on the WASM EP.
 */
import { chromium } from 'playwright-core';
import { startServer } from '../tests/browser/models/server';
import { MODEL_NAMES } from '../src/lib/inference/sessions';
import { RUNS, WARMUP, median } from './models-stats';

type Harness = { run(model: string, ep: string, runs: number): Promise<{ times: number[] }>; info(): Promise<{ crossOriginIsolated: boolean }> };

export async function benchChromium(threadCounts: number[]): Promise<Record<number, Record<string, number>>> {
	const { server, url } = await startServer(0);
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
	const out: Record<number, Record<string, number>> = {};
	try {
		for (const threads of threadCounts) {
			const page = await browser.newPage();
			await page.goto(`${url}/harness.html?threads=${threads}`);
			await page.waitForFunction(() => 'harness' in window);
			const info = await page.evaluate(() => (window as unknown as { harness: Harness }).harness.info());
			if (!info.crossOriginIsolated && threads > 1) throw new Error('harness page is not crossOriginIsolated: no WASM threads');
			out[threads] = {};
			for (const model of MODEL_NAMES) {
				const r = await page.evaluate(
					([m, n]) => (window as unknown as { harness: Harness }).harness.run(m, 'wasm', n),
					[model, RUNS + WARMUP] as const
				);
				out[threads][model] = median(r.times.slice(WARMUP));
			}
			await page.close();
		}
	} finally {
		await browser.close();
		server.close();
	}
	return out;
}

/**
 * Every converted model runs on WebGPU and on WASM in Chromium with the same input (astronaut.png,
 * pre-processed by src/lib/inference) and the outputs agree: max |webgpu − wasm| ≤ 1e-3 per output.
 * model-conversion.md measured ≤ 1.2e-4 between backends; a larger gap means a broken op (e.g. a node
 * with > 7 inputs on WebGPU gave silently wrong iris outputs).
 */
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const MODELS = [
	'face_detection_short_range',
	'face_detection_full_range',
	'face_landmark_with_attention',
	'face_landmark',
	'selfie_segmentation'
] as const;
const TOLERANCE = 1e-3;

type Harness = {
	info(): Promise<{ crossOriginIsolated: boolean; webgpu: boolean; threads: number }>;
	run(model: string, ep: string, runs: number): Promise<{ outputs: Record<string, number[]>; times: number[] }>;
};

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page }) => {
	await page.goto('/harness.html?threads=1');
	await page.waitForFunction(() => 'harness' in window);
});

for (const model of MODELS) {
	test(`${model}: WebGPU matches WASM within ${TOLERANCE}`, async ({ page }) => {
		test.skip(!existsSync(`models/onnx/${model}.onnx`) && !existsSync(`../../../models/onnx/${model}.onnx`), `models/onnx/${model}.onnx missing: run npx tsx models/convert.ts`);
		const info = await page.evaluate(() => (window as unknown as { harness: Harness }).harness.info());
		test.skip(!info.webgpu, 'no WebGPU adapter in this Chromium (needs --enable-unsafe-webgpu)');
		const run = (ep: string) => page.evaluate(([m, e]) => (window as unknown as { harness: Harness }).harness.run(m, e, 1), [model, ep] as const);
		const wasm = await run('wasm');
		const gpu = await run('webgpu');
		expect(Object.keys(gpu.outputs).sort()).toEqual(Object.keys(wasm.outputs).sort());
		const diffs: Record<string, number> = {};
		for (const [name, a] of Object.entries(wasm.outputs)) {
			const b = gpu.outputs[name];
			expect(b.length).toBe(a.length);
			let d = 0;
			let nonFinite = 0;
			for (let i = 0; i < a.length; i++) {
				if (!Number.isFinite(b[i]) || !Number.isFinite(a[i])) nonFinite++;
				d = Math.max(d, Math.abs(a[i] - b[i]));
			}
			expect(nonFinite, `${name}: non-finite values`).toBe(0);
			diffs[name] = d;
		}
		console.log(`${model}: max |webgpu - wasm| ${Object.entries(diffs).map(([k, v]) => `${k} ${v.toExponential(2)}`).join(', ')}`);
		for (const d of Object.values(diffs)) expect(d).toBeLessThanOrEqual(TOLERANCE);
		// the outputs are not trivially equal because both are empty or constant
		const first = Object.values(wasm.outputs)[0];
		expect(new Set(first.slice(0, 64)).size).toBeGreaterThan(1);
	});
}

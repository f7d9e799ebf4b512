/**
 * The real inference worker (workers/inference.worker.ts) behind createInferenceClient, in Chromium:
 * backend 'auto' picks WebGPU when a hardware adapter exists (WASM on a software/fallback adapter such as
 * SwiftShader), 'webgpu' and 'wasm' force a backend; both find the astronaut's
 * face, agree on the iris centres, return a mask of the roi's size, honour AbortSignal, and leave the
 * caller's pixels intact (a copy is transferred).
 */
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';

type Result = {
	faces: { score: number; box: { x: number; y: number; width: number; height: number } }[];
	iris: { right: { x: number; y: number }; left: { x: number; y: number } };
	faceFlag: number;
	points: number;
	mask: { width: number; height: number; box: { width: number; height: number }; mean: number };
	abortName: string;
	facesAfterAbort: number;
	callerImageIntact: boolean;
	info: { backend: string; numThreads: number; fallbacks: Record<string, string> };
	ms: number;
};

test('inference worker + client: WebGPU and WASM agree on astronaut.png; auto avoids software adapters', async ({ page }) => {
	test.skip(!existsSync('models/onnx/face_landmark_with_attention.onnx') && !existsSync('../../../models/onnx/face_landmark_with_attention.onnx'), 'models missing: run npx tsx models/convert.ts');
	page.on('pageerror', (e) => console.log('pageerror', e.message));
	await page.goto('/worker.html');
	await page.waitForFunction(() => document.body.dataset.ready === '1');
	const run = (backend: string) =>
		page.evaluate((b) => (window as unknown as { workerHarness: { run(b: string): Promise<Result> } }).workerHarness.run(b), backend);
	const adapter = await page.evaluate(async () => {
		const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { isFallbackAdapter?: boolean } } | null> } }).gpu;
		const a = gpu ? await gpu.requestAdapter() : null;
		return { exists: !!a, fallback: !!a?.info?.isFallbackAdapter };
	});
	const wasm = await run('wasm');
	const auto = await run('auto');
	const webgpu = adapter.exists ? await run('webgpu') : null;
	for (const [name, r] of [
		['wasm', wasm],
		['auto', auto],
		...(webgpu ? ([['webgpu', webgpu]] as const) : [])
	] as const) {
		console.log(`${name}: backend ${r.info.backend}, score ${r.faces[0]?.score.toFixed(4)}, iris R (${r.iris.right.x.toFixed(2)}, ${r.iris.right.y.toFixed(2)}) L (${r.iris.left.x.toFixed(2)}, ${r.iris.left.y.toFixed(2)}), mask mean ${r.mask.mean.toFixed(3)}, ${r.ms.toFixed(0)} ms, fallbacks ${JSON.stringify(r.info.fallbacks)}`);
		expect(r.faces.length).toBe(1);
		expect(r.faces[0].score).toBeGreaterThan(0.8);
		expect(r.points).toBe(478 * 3);
		expect(r.faceFlag).toBeGreaterThan(0.9);
		expect(r.iris.right.x).toBeLessThan(r.iris.left.x);
		expect([r.mask.width, r.mask.height]).toEqual([Math.round(r.mask.box.width), Math.round(r.mask.box.height)]);
		expect(r.mask.mean).toBeGreaterThan(0.3);
		expect(r.abortName).toBe('AbortError');
		expect(r.facesAfterAbort).toBe(1);
		expect(r.callerImageIntact).toBe(true);
	}
	expect(wasm.info.backend).toBe('wasm');
	expect(auto.info.backend).toBe(adapter.exists && !adapter.fallback ? 'webgpu' : 'wasm');
	if (webgpu) {
		expect(webgpu.info.backend).toBe('webgpu');
		for (const k of ['right', 'left'] as const) {
			expect(Math.abs(webgpu.iris[k].x - wasm.iris[k].x)).toBeLessThan(0.05);
			expect(Math.abs(webgpu.iris[k].y - wasm.iris[k].y)).toBeLessThan(0.05);
		}
		expect(Math.abs(webgpu.mask.mean - wasm.mask.mean)).toBeLessThan(1e-3);
	}
});

/**
 * WebGPU check in Debian Chromium (software adapter via --enable-unsafe-webgpu): every
 * converted model runs on onnxruntime-web's default (JSEP) build with the `webgpu`
 * execution provider with ALL nodes placed on the JS/WebGPU provider (no CPU fallback,
 * read from ORT's "Node placements" verbose log), and agrees with the WASM provider.
 * Skips when Chromium is missing or SKIP_WEBGPU=1 (it takes ~2 min on 2 CPU cores), and with a
 * message when there is no WebGPU adapter.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildModels, type ModelManifest } from '../converter/build.ts';
import { MODEL_SOURCES } from '../converter/sources.ts';
import { REPO_ROOT } from './helpers.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ORIGIN = 'http://localhost:9'; // a secure-context origin (WebGPU needs one); served by page.route, no socket
const TOL = 5e-4;

/** Runs in the page: one model on the WASM then the WebGPU provider; returns max abs diff per output. */
const IN_PAGE = `async ({ origin, file, name, shape }) => {
	const ort = await import(origin + '/ort/ort.bundle.min.mjs');
	ort.env.wasm.numThreads = 1;
	ort.env.wasm.wasmPaths = origin + '/ort/';
	const bytes = new Uint8Array(await (await fetch('/onnx/' + file)).arrayBuffer());
	const n = shape.reduce((a, b) => a * b, 1);
	const input = new Float32Array(n).map((_, i) => ((i * 7919) % 255) / 255);
	const results = {};
	for (const ep of ['wasm', 'webgpu']) {
		console.log('BEGIN ' + ep);
		const s = await ort.InferenceSession.create(bytes, { executionProviders: [ep], logSeverityLevel: 0, logVerbosityLevel: 0 });
		console.log('END ' + ep);
		const r = await s.run({ [name]: new ort.Tensor('float32', input, shape) });
		for (const [k, v] of Object.entries(r)) (results[k] ??= []).push(new Float32Array(v.data));
		await s.release();
	}
	return Object.fromEntries(Object.entries(results).map(([k, [a, b]]) => [k, a.reduce((mx, v, i) => Math.max(mx, Math.abs(v - b[i])), 0)]));
}`; // model-conversion.md: backends agree to ≤ 1.2e-4 on px-scale outputs

describe.skipIf(!existsSync(CHROMIUM) || process.env.SKIP_WEBGPU === '1')('converted models on WebGPU (JSEP) in Chromium', () => {
	it('place every node on WebGPU and match WASM', { timeout: 600_000 }, async () => {
		const dir = mkdtempSync(join(tmpdir(), 'models-webgpu-'));
		buildModels({ root: REPO_ROOT, outDir: dir });
		const browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-webgpu']
		});
		try {
			const page = await browser.newPage();
			const logs: string[] = [];
			page.on('console', (m) => logs.push(m.text()));
			await page.route(`${ORIGIN}/**`, async (route) => {
				const p = new URL(route.request().url()).pathname;
				const headers = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
				if (p === '/') return route.fulfill({ status: 200, body: '<!doctype html><title>models</title>', headers: { ...headers, 'content-type': 'text/html' } });
				if (p.startsWith('/ort/')) {
					const type = p.endsWith('.mjs') ? 'text/javascript' : 'application/wasm';
					return route.fulfill({ status: 200, body: readFileSync(join(REPO_ROOT, 'node_modules/onnxruntime-web/dist', p.slice(5))), headers: { ...headers, 'content-type': type } });
				}
				if (p.startsWith('/onnx/')) return route.fulfill({ status: 200, body: readFileSync(join(dir, p.slice(6))), headers });
				return route.fulfill({ status: 404, body: '' });
			});
			await page.goto(`${ORIGIN}/`);
			const hasAdapter = await page.evaluate(async () => !!(await (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter()));
			if (!hasAdapter) {
				console.warn('SKIPPED: Chromium has no WebGPU adapter here');
				return;
			}
			for (const src of MODEL_SOURCES) {
				const m = JSON.parse(readFileSync(join(dir, `${src.name}.json`), 'utf8')) as ModelManifest;
				const [inp] = m.inputs;
				const start = logs.length;
				// Passed as source text: vitest rewrites dynamic import() in test code, which the page cannot run.
				const diffs = (await page.evaluate(`(${IN_PAGE})(${JSON.stringify({ origin: ORIGIN, file: m.file, name: inp.name, shape: inp.shape })})`)) as Record<string, number>;
				const segment = logs.slice(logs.indexOf('BEGIN webgpu', start), logs.indexOf('END webgpu', start) + 1);
				const placements = segment.filter((l) => /placed on \[/.test(l)).map((l) => l.replace(/^.*VerifyEachNodeIsAssignedToAnEp\]\s*/, ''));
				const worst = Math.max(...Object.values(diffs));
				console.log(`${src.name}: WebGPU vs WASM max abs diff ${worst.toExponential(2)}; ${placements.join('; ')}`);
				expect(placements).toHaveLength(1);
				expect(placements[0]).toMatch(/^All nodes placed on \[JsExecutionProvider\]/);
				expect(worst).toBeLessThanOrEqual(TOL);
			}
		} finally {
			await browser.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

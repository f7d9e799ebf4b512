/**
 * The onnxruntime build cached for offline use is the one this device loads:
 * - runtimePathsForThisDevice asks navigator.gpu for an adapter (hasWebGpuAdapter): a hardware
 *   adapter → the WebGPU build's files, a fallback adapter, none, no navigator.gpu or an error →
 *   the plain WASM build's files; the model files are always all there;
 * - ortFilesFor(true/false) names exactly the files that onnxruntime-web/webgpu and
 *   onnxruntime-web/wasm (the entry points src/lib/inference/sessions.ts imports, resolved through
 *   the package's `exports`) reference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runtimePathsForThisDevice } from '../../../src/lib/pwa/register.svelte';
import { ortFilesFor, RUNTIME_ASSETS } from '../../../src/lib/pwa/runtime-assets';

const ROOT = join(import.meta.dirname, '../../..');
const ORT_DIST = join(ROOT, 'node_modules/onnxruntime-web/dist');
/** The /ort/ files the build serves: vite.config.ts localAssetDirs['/ort/'] (same pattern). */
const ORT_SERVED = readdirSync(ORT_DIST)
	.filter((f) => /^ort-wasm-simd-threaded(\.jsep|\.asyncify)?\.(mjs|wasm)$/.test(f))
	.map((f) => `/ort/${f}`)
	.sort();
const MODELS = readdirSync(join(ROOT, 'models/onnx'))
	.filter((f) => /\.(onnx|json)$/.test(f))
	.map((f) => `/models/${f}`)
	.sort();

type Adapter = { info?: { isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean } | null;
function withGpu(requestAdapter: (() => Promise<Adapter>) | null) {
	vi.stubGlobal('navigator', requestAdapter ? { gpu: { requestAdapter } } : {});
}

/** The ORT runtime files an onnxruntime-web entry point references (by its package export). */
function referencedBy(subpath: './webgpu' | './wasm'): string[] {
	const pkg = JSON.parse(readFileSync(join(ROOT, 'node_modules/onnxruntime-web/package.json'), 'utf8')) as {
		exports: Record<string, { import: { default: string } }>;
	};
	const file = join(ROOT, 'node_modules/onnxruntime-web', pkg.exports[subpath].import.default);
	const text = readFileSync(file, 'utf8');
	return [...new Set(text.match(/ort-wasm-simd-threaded[a-z.]*?\.(?:mjs|wasm)/g) ?? [])].sort();
}

describe('onnxruntime build per device', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('the build injects every served runtime file and model (vite define)', () => {
		expect([...RUNTIME_ASSETS.ort].sort()).toEqual(ORT_SERVED);
		expect([...RUNTIME_ASSETS.models].sort()).toEqual(MODELS);
		expect(MODELS.length).toBeGreaterThanOrEqual(6);
	});

	it('hardware WebGPU adapter → the asyncify pair (and every model)', async () => {
		withGpu(async () => ({ info: { isFallbackAdapter: false } }));
		const paths = await runtimePathsForThisDevice();
		expect(paths.filter((p) => p.startsWith('/ort/')).sort()).toEqual([
			'/ort/ort-wasm-simd-threaded.asyncify.mjs',
			'/ort/ort-wasm-simd-threaded.asyncify.wasm'
		]);
		expect(paths.filter((p) => p.startsWith('/models/')).sort()).toEqual(MODELS);
	});

	it('an adapter from an older browser (isFallbackAdapter on the adapter) counts the same way', async () => {
		withGpu(async () => ({ isFallbackAdapter: false }));
		expect((await runtimePathsForThisDevice()).filter((p) => p.startsWith('/ort/')).sort()).toEqual([
			'/ort/ort-wasm-simd-threaded.asyncify.mjs',
			'/ort/ort-wasm-simd-threaded.asyncify.wasm'
		]);
	});

	const PLAIN = ['/ort/ort-wasm-simd-threaded.mjs', '/ort/ort-wasm-simd-threaded.wasm'];
	it.each([
		['a fallback (software) adapter', () => withGpu(async () => ({ info: { isFallbackAdapter: true } }))],
		['no adapter', () => withGpu(async () => null)],
		['requestAdapter failing', () => withGpu(async () => Promise.reject(new Error('GPU process crashed')))],
		['no navigator.gpu', () => withGpu(null)]
	])('%s → the plain WASM pair', async (_name, setup) => {
		setup();
		const paths = await runtimePathsForThisDevice();
		expect(paths.filter((p) => p.startsWith('/ort/')).sort()).toEqual(PLAIN);
		expect(paths.filter((p) => p.startsWith('/models/')).sort()).toEqual(MODELS);
	});

	it('ortFilesFor names exactly the files onnxruntime-web/webgpu and /wasm load', () => {
		const webgpu = referencedBy('./webgpu');
		const wasm = referencedBy('./wasm');
		expect(webgpu).toEqual(['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm']);
		expect(wasm).toEqual(['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm']);
		expect(ortFilesFor(true, ORT_SERVED).map((p) => basename(p)).sort()).toEqual(webgpu);
		expect(ortFilesFor(false, ORT_SERVED).map((p) => basename(p)).sort()).toEqual(wasm);
	});
});

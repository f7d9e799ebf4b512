import { describe, expect, it } from 'vitest';
import { SessionManager, type Ort } from '../../../src/lib/inference/sessions';
import { checkMask, maskCoverage } from '../../../src/lib/inference/segment';

/** A fake runtime: sessions created with EP 'webgpu' return `gpuValue`, 'wasm' returns `cpuValue`. */
function fakeOrt(gpuValue: number, cpuValue: number, log: string[]): Ort {
	class Tensor {
		type = 'float32';
		constructor(
			_t: string,
			public data: Float32Array,
			public dims: number[]
		) {}
		dispose() {}
	}
	const ort = {
		env: { wasm: {} as Record<string, unknown>, logLevel: 'warning' },
		Tensor,
		InferenceSession: {
			async create(bytes: Uint8Array, opts: { executionProviders: string[] }) {
				const ep = opts.executionProviders[0];
				log.push(`create ${ep} ${bytes.length}`);
				return {
					inputNames: ['input'],
					async run(feeds: Record<string, Tensor>) {
						log.push(`run ${ep}`);
						const n = feeds.input.data.length;
						return { out: new Tensor('float32', new Float32Array(n).fill(ep === 'wasm' ? cpuValue : gpuValue), [n]) };
					},
					async release() {
						log.push(`release ${ep}`);
					}
				};
			}
		}
	};
	return ort as unknown as Ort;
}

const feeds = { input: { data: new Float32Array(100), dims: [1, 100] } };

describe('SessionManager', () => {
	it('creates each session once, lazily, and sets WASM threads', async () => {
		const log: string[] = [];
		const ort = fakeOrt(0.7, 0.7, log);
		let loads = 0;
		const m = new SessionManager({
			loader: async () => (loads++, new Uint8Array(3)),
			backend: 'wasm',
			numThreads: 2,
			loadOrt: async () => ort
		});
		expect(log).toEqual([]);
		await m.run('face_landmark', feeds);
		await m.run('face_landmark', feeds);
		expect(loads).toBe(1);
		expect(log).toEqual(['create wasm 3', 'run wasm', 'run wasm']);
		expect((ort.env.wasm as { numThreads?: number }).numThreads).toBe(2);
		expect(await m.info()).toEqual({ backend: 'wasm', numThreads: 2, fallbacks: {} });
	});

	it('recreates a WebGPU session on WASM when outputs contain NaN, and stays there', async () => {
		const log: string[] = [];
		const m = new SessionManager({ loader: async () => new Uint8Array(1), backend: 'webgpu', numThreads: 1, loadOrt: async () => fakeOrt(NaN, 0.25, log), log: () => {} });
		const out = await m.run('face_landmark', feeds);
		expect(out.out.data[0]).toBe(0.25);
		await m.run('face_landmark', feeds);
		expect(log.filter((l) => !l.startsWith('release'))).toEqual(['create webgpu 1', 'run webgpu', 'create wasm 1', 'run wasm', 'run wasm']);
		expect(log).toContain('release webgpu');
		expect((await m.info()).fallbacks).toEqual({ face_landmark: 'non-finite value in output out' });
	});

	it('falls back when the mask check fails (all-zero mask on WebGPU)', async () => {
		const log: string[] = [];
		const m = new SessionManager({ loader: async () => new Uint8Array(1), backend: 'webgpu', loadOrt: async () => fakeOrt(0, 0.9, log), log: () => {} });
		const out = await m.run('selfie_segmentation', feeds, checkMask);
		expect(out.out.data[0]).toBeCloseTo(0.9, 6);
		expect((await m.info()).fallbacks.selfie_segmentation).toMatch(/0\.0 %/);
	});

	it('throws when WASM itself gives NaN', async () => {
		const m = new SessionManager({ loader: async () => new Uint8Array(1), backend: 'wasm', loadOrt: async () => fakeOrt(NaN, NaN, []) });
		await expect(m.run('face_landmark', feeds)).rejects.toThrow(/invalid on WASM/);
	});

	it('maskCoverage counts values above 0.5', () => {
		expect(maskCoverage(new Float32Array([0.2, 0.6, 0.9, 0.5]))).toBe(0.5);
		expect(checkMask({ m: { data: new Float32Array(100).fill(0.01), dims: [100] } })).toMatch(/covers 0\.0 %/);
		expect(checkMask({ m: { data: Float32Array.from({ length: 100 }, (_, i) => (i < 50 ? 1 : 0)), dims: [100] } })).toBeNull();
	});
});

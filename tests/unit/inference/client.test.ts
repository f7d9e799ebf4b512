import { MessageChannel } from 'node:worker_threads';
import { expose, wrap } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { InferenceEngine } from '../../../src/lib/inference/engine';
import { createInferenceClient } from '../../../src/lib/inference/client';
import { createWorkerApi } from '../../../src/lib/inference/worker-api';
import type { InferenceWorkerApi } from '../../../workers/inference.worker';
import type { RgbaImage } from '../../../src/lib/types';

/** An engine whose detectFaces waits until aborted (or 'release'd) and records what it saw. */
function fakeEngine(seen: { aborted: boolean; bytes: number; released?: () => void }): InferenceEngine {
	return {
		sessions: null as never,
		detectFaces: (image, o) =>
			new Promise((resolve, reject) => {
				seen.bytes = image.data.length;
				seen.released = () => resolve([{ box: { x: 1, y: 2, width: 3, height: 4 }, score: 0.9, keypoints: [] }]);
				o?.signal?.addEventListener('abort', () => {
					seen.aborted = true;
					reject(new DOMException('aborted', 'AbortError'));
				});
			}),
		faceLandmarks: async () => ({ points: new Float32Array(478 * 3).fill(2), irisCenters: { right: { x: 1, y: 1 }, left: { x: 2, y: 1 } }, faceFlag: 1 }),
		segmentPerson: async (_i, o) => ({ width: 2, height: 1, data: new Float32Array([0.25, 0.75]), box: o!.roi! }),
		info: async () => ({ backend: 'wasm', numThreads: 1, fallbacks: {} }),
		dispose: async () => {}
	};
}

const ports: MessageChannel[] = [];
afterEach(() => {
	for (const c of ports.splice(0)) {
		c.port1.close();
		c.port2.close();
	}
});

function setup() {
	const seen = { aborted: false, bytes: 0 } as { aborted: boolean; bytes: number; released?: () => void };
	let configured: unknown = null;
	const api = createWorkerApi((c) => ((configured = c), fakeEngine(seen)));
	const ch = new MessageChannel();
	ports.push(ch);
	expose(api, nodeEndpoint(ch.port1 as never));
	const remote = wrap<InferenceWorkerApi>(nodeEndpoint(ch.port2 as never));
	return { seen, remote, configured: () => configured };
}

const img: RgbaImage = { width: 2, height: 2, data: new Uint8ClampedArray(16).fill(7) };

describe('inference client over comlink', () => {
	it('passes config, copies pixels (caller keeps its image) and returns results', async () => {
		const { seen, remote, configured } = setup();
		const client = createInferenceClient(remote, { modelBaseUrl: '/m/', backend: 'wasm' });
		const p = client.detectFaces(img);
		await new Promise((r) => setTimeout(r, 50));
		seen.released!();
		const faces = await p;
		expect(faces[0].box).toEqual({ x: 1, y: 2, width: 3, height: 4 });
		expect(seen.bytes).toBe(16);
		expect(img.data.length).toBe(16); // not detached
		expect(configured()).toEqual({ modelBaseUrl: '/m/', backend: 'wasm' });
		const lm = await client.faceLandmarks(img, faces[0]);
		expect(lm.points.length).toBe(1434);
		const mask = await client.segmentPerson(img, { roi: { x: 0, y: 0, width: 2, height: 1 } });
		expect(Array.from(mask.data)).toEqual([0.25, 0.75]);
	});

	it('abort rejects with AbortError at once and cancels the call in the worker', async () => {
		const { seen, remote } = setup();
		const client = createInferenceClient(remote);
		const ctrl = new AbortController();
		const p = client.detectFaces(img, { signal: ctrl.signal });
		await new Promise((r) => setTimeout(r, 50));
		ctrl.abort();
		await expect(p).rejects.toMatchObject({ name: 'AbortError' });
		await new Promise((r) => setTimeout(r, 50));
		expect(seen.aborted).toBe(true);
	});

	it('abort right after the call (before the worker is reached) still rejects with AbortError', async () => {
		const { seen, remote } = setup();
		const client = createInferenceClient(remote);
		const ctrl = new AbortController();
		const p = client.detectFaces(img, { signal: ctrl.signal });
		ctrl.abort();
		await expect(p).rejects.toMatchObject({ name: 'AbortError' });
		await new Promise((r) => setTimeout(r, 50));
		expect(seen.bytes).toBe(0);
	});

	it('an already aborted signal rejects without calling the worker', async () => {
		const { seen, remote } = setup();
		const client = createInferenceClient(remote);
		const ctrl = new AbortController();
		ctrl.abort();
		await expect(client.detectFaces(img, { signal: ctrl.signal })).rejects.toMatchObject({ name: 'AbortError' });
		expect(seen.bytes).toBe(0);
	});

	it('transferPixels detaches the caller buffer', async () => {
		const { seen, remote } = setup();
		const client = createInferenceClient(remote, { transferPixels: true });
		const own: RgbaImage = { width: 2, height: 2, data: new Uint8ClampedArray(16) };
		const p = client.detectFaces(own);
		await new Promise((r) => setTimeout(r, 50));
		expect(own.data.length).toBe(0);
		seen.released!();
		await p;
	});
});

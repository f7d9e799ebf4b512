/**
 * Page script for worker.spec.ts (bundled by server.ts with esbuild): runs the real inference
 * worker (workers/inference.worker.ts) through createInferenceClient on astronaut.png.
 */
import { createInferenceClient } from '../../../src/lib/inference/client';
import type { RgbaImage } from '../../../src/lib/types';

async function fixture(): Promise<RgbaImage> {
	const meta = await (await fetch('/fixture/astronaut.json')).json();
	const data = new Uint8ClampedArray(await (await fetch('/fixture/astronaut.rgba')).arrayBuffer());
	return { width: meta.width, height: meta.height, data };
}

async function run(backend: 'auto' | 'wasm' | 'webgpu') {
	const worker = new Worker('/inference.worker.js', { type: 'module' });
	const client = createInferenceClient(worker, { modelBaseUrl: '/models/', backend, numThreads: 1, wasmPaths: '/ort/' });
	try {
		const img = await fixture();
		const t0 = performance.now();
		const faces = await client.detectFaces(img);
		const lm = await client.faceLandmarks(img, faces[0]);
		const b = faces[0].box;
		const roi = { x: b.x - b.width, y: b.y - b.height / 2, width: b.width * 3, height: b.height * 4 };
		const mask = await client.segmentPerson(img, { roi });
		const ms = performance.now() - t0;
		let sum = 0;
		for (const v of mask.data) sum += v;
		const ctrl = new AbortController();
		const pending = client.detectFaces(img, { signal: ctrl.signal });
		ctrl.abort();
		let abortName = 'none';
		try {
			await pending;
		} catch (e) {
			abortName = (e as Error).name;
		}
		const after = await client.detectFaces(img); // the worker still serves calls after a cancel
		return {
			faces: faces.map((f) => ({ score: f.score, box: f.box })),
			iris: lm.irisCenters,
			faceFlag: lm.faceFlag,
			points: lm.points.length,
			mask: { width: mask.width, height: mask.height, box: mask.box, mean: sum / mask.data.length },
			abortName,
			facesAfterAbort: after.length,
			callerImageIntact: img.data.length === img.width * img.height * 4,
			info: await client.info(),
			ms
		};
	} finally {
		await client.dispose();
	}
}

(window as unknown as { workerHarness: unknown }).workerHarness = { run };
document.body.dataset.ready = '1';

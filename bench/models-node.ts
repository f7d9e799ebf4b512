/**
 * Node half of bench/models.ts, run as a child process per thread count because
 * onnxruntime-web's `env.wasm.numThreads` is fixed once the first session exists.
 * Usage: npx tsx bench/models-node.ts <threads>   → prints one JSON line:
 *   { threads, models: { <name>: medianMs }, photos: { <file>: { detect, landmarks, segment, total: { median, min } (ms), runs: [model names] } } }
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { createInferenceEngine } from '../src/lib/inference/engine';
import { fsModelLoader } from '../src/lib/inference/loaders-node';
import { modelInputs } from '../tests/browser/models/inputs';
import { RUNS, WARMUP, median } from './models-stats';
import sharp from 'sharp';
import { headRegion, ROI_MASK_MAX_SIDE } from '../src/lib/pipeline/run/analyse';

const threads = Number(process.argv[2] ?? 1);
ort.env.wasm.numThreads = threads;
ort.env.logLevel = 'error';

const models: Record<string, number> = {};
for (const inp of await modelInputs()) {
	const s = await ort.InferenceSession.create(join('models/onnx', `${inp.model}.onnx`), { executionProviders: ['wasm'] });
	const feeds = { [inp.inputName]: new ort.Tensor('float32', inp.data, inp.dims) };
	for (let i = 0; i < WARMUP; i++) await s.run(feeds);
	const t: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const t0 = performance.now();
		await s.run(feeds);
		t.push(performance.now() - t0);
	}
	models[inp.model] = median(t);
	await s.release();
}

// Whole pipeline per photo, as analyse.ts runs it (src/lib/pipeline/run/analyse.ts): detectFaces, faceLandmarks of the
// first face, segmentPerson over headRegion(landmarks) with the mask at most ROI_MASK_MAX_SIDE px on its longer side.
// Median and minimum of PIPELINE_RUNS after one warm-up run (session creation).
const PIPELINE_RUNS = 11;
type Stat = { median: number; min: number };
const photos: Record<string, { detect: Stat; landmarks: Stat; segment: Stat; total: Stat; runs: string[] }> = {};
const dir = '/work/shared/testdata/portraits';
if (!existsSync(dir)) console.error(`[skip] ${dir} is absent: astronaut.png only`);
const files = ['tests/fixtures/astronaut.png', ...(existsSync(dir) ? readdirSync(dir).filter((f) => /\.(jpe?g|png|webp)$/i.test(f) && f !== 'astronaut.png').map((f) => join(dir, f)) : [])];
const engine = createInferenceEngine({ loader: fsModelLoader('models/onnx'), backend: 'wasm', numThreads: threads });
const modelRuns: string[] = [];
const run = engine.sessions.run.bind(engine.sessions);
engine.sessions.run = (name, feeds, check) => (modelRuns.push(name), run(name, feeds, check));
for (const file of files) {
	const { data, info } = await sharp(file).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	const img = { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
	const d: number[] = [];
	const l: number[] = [];
	const s: number[] = [];
	const tot: number[] = [];
	for (let i = 0; i < PIPELINE_RUNS + 1; i++) {
		modelRuns.length = 0;
		const t0 = performance.now();
		const faces = await engine.detectFaces(img);
		const t1 = performance.now();
		if (!faces[0]) throw new Error(`${file}: no face found`);
		const lm = await engine.faceLandmarks(img, faces[0]);
		const t2 = performance.now();
		await engine.segmentPerson(img, { roi: headRegion(lm, img.width, img.height), maxSide: ROI_MASK_MAX_SIDE });
		const t3 = performance.now();
		if (i === 0) continue; // warm-up (session creation)
		d.push(t1 - t0);
		l.push(t2 - t1);
		s.push(t3 - t2);
		tot.push(t3 - t0);
	}
	const stat = (xs: number[]): Stat => ({ median: median(xs), min: Math.min(...xs) });
	photos[file.split('/').pop()!] = { detect: stat(d), landmarks: stat(l), segment: stat(s), total: stat(tot), runs: [...modelRuns] };
}
await engine.dispose();
console.log(JSON.stringify({ threads, models, photos }));

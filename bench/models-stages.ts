/**
 * Where the milliseconds of one photo go: detection + landmarks + segmentation, per stage (trace.ts), Node WASM.
 *
 * Usage: npx tsx bench/models-stages.ts [threads=2] [--runs N] [--cpu] [--baseline DIR] [photo ...]
 *   photos default to astronaut.png and /work/shared/testdata/portraits (skipped with a message when absent);
 *   --baseline DIR: a copy of an older tree (DIR/src/lib/inference/engine.ts) measured in the same process,
 *   interleaved run by run with the current code (A B, B A, …), so that both see the same machine load (photos are
 *   measured round-robin as well). A baseline of the last commit, without touching the work tree:
 *     mkdir -p /tmp/base && git archive HEAD src/lib/inference src/lib/types.ts | tar -x -C /tmp/base \
 *       && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   (a tree without src/lib/inference/trace.ts shows only the call totals);
 *   --cpu: durations are this process's CPU time (process.cpuUsage, user + system) instead of wall-clock time. With
 *   1 thread that is the work done, less inflated by other jobs than wall time (not immune: shared caches and
 *   hyper-threads still slow it, up to 2x seen on a 2-core machine at load 15); with 2 threads it also counts
 *   the runtime's worker thread (spin waits included), so use it with 1 thread.
 *
 * One pipeline = what analyse.ts asks for (src/lib/pipeline/run/analyse.ts): detectFaces, faceLandmarks of the first
 * face, segmentPerson over headRegion(landmarks) with maxSide ROI_MASK_MAX_SIDE. Prints, per photo and variant, the
 * median and the minimum over N runs (after one warm-up run) of every stage, and the model runs made. The minimum is
 * the better estimate of the unloaded cost on a shared machine; the median shows the load.
 * Stages: detect.<short|full|refine>.<prep|run|post> (prep = RGBA → tensor warp with its box prefilter, run = model,
 * post = decode + NMS), landmarks.<prep|run|post>, segment.<prep|run|post>; `*.total` are the API calls' times.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import * as ort from 'onnxruntime-web';
import { headRegion, ROI_MASK_MAX_SIDE } from '../src/lib/pipeline/run/analyse';
import type { FaceDetection, RgbaImage } from '../src/lib/types';
import { median } from './models-stats';

const args = process.argv.slice(2);
const opt = (name: string) => {
	const i = args.indexOf(name);
	if (i < 0) return undefined;
	const v = args[i + 1];
	args.splice(i, 2);
	return v;
};
const cpuFlag = args.indexOf('--cpu');
if (cpuFlag >= 0) args.splice(cpuFlag, 1);
const now =
	cpuFlag >= 0
		? () => {
				const u = process.cpuUsage();
				return (u.user + u.system) / 1000;
			}
		: () => performance.now();
const runs = Number(opt('--runs') ?? 9);
const baseline = opt('--baseline');
const threads = Number(args[0] && /^\d+$/.test(args[0]) ? args.shift() : 2);
const PORTRAITS = '/work/shared/testdata/portraits';
let files = args;
if (files.length === 0) {
	files = ['tests/fixtures/astronaut.png'];
	if (existsSync(PORTRAITS)) files.push(...readdirSync(PORTRAITS).filter((f) => /\.(jpe?g|png|webp)$/i.test(f) && f !== 'astronaut.png').map((f) => join(PORTRAITS, f)));
	else console.warn(`[skip] ${PORTRAITS} is absent: astronaut.png only`);
}

interface Variant {
	name: string;
	engine: import('../src/lib/inference/engine').InferenceEngine;
	setTracer: typeof import('../src/lib/inference/trace').setStageTracer | null;
}

async function load(name: string, root: string): Promise<Variant> {
	const url = (p: string) => pathToFileURL(resolve(root, p)).href;
	const { createInferenceEngine } = (await import(url('src/lib/inference/engine.ts'))) as typeof import('../src/lib/inference/engine');
	const { fsModelLoader } = (await import(url('src/lib/inference/loaders-node.ts'))) as typeof import('../src/lib/inference/loaders-node');
	const trace = existsSync(resolve(root, 'src/lib/inference/trace.ts')) ? ((await import(url('src/lib/inference/trace.ts'))) as typeof import('../src/lib/inference/trace')) : null;
	const engine = createInferenceEngine({ loader: fsModelLoader('models/onnx'), backend: 'wasm', numThreads: threads, log: () => {} });
	return { name, engine, setTracer: trace?.setStageTracer ?? null };
}

ort.env.wasm.numThreads = threads;
const variants = [...(baseline ? [await load('before', baseline)] : []), await load(baseline ? 'after' : 'current', '.')];

type Sample = Record<string, number>;
interface Result {
	sample: Sample;
	models: string[];
	faces: FaceDetection[];
	landmarks: Float32Array | null;
	mask: Float32Array | null;
}
async function pipeline(v: Variant, img: RgbaImage): Promise<Result> {
	const sample: Sample = {};
	const models: string[] = [];
	const add = (k: string, ms: number) => (sample[k] = (sample[k] ?? 0) + ms);
	v.setTracer?.(add, now);
	const run = v.engine.sessions.run;
	v.engine.sessions.run = (name, feeds, check) => (models.push(name.replace('face_detection_', '').replace('face_landmark_with_attention', 'landmark').replace('selfie_segmentation', 'selfie')), run.call(v.engine.sessions, name, feeds, check));
	try {
		let t = now();
		const faces = await v.engine.detectFaces(img);
		add('detect.total', now() - t);
		if (!faces[0]) return { sample, models, faces, landmarks: null, mask: null };
		t = now();
		const lm = await v.engine.faceLandmarks(img, faces[0]);
		add('landmarks.total', now() - t);
		t = now();
		const mask = await v.engine.segmentPerson(img, { roi: headRegion(lm, img.width, img.height), maxSide: ROI_MASK_MAX_SIDE });
		add('segment.total', now() - t);
		sample.total = sample['detect.total'] + sample['landmarks.total'] + sample['segment.total'];
		return { sample, models, faces, landmarks: lm.points, mask: mask.data };
	} finally {
		v.engine.sessions.run = run;
		v.setTracer?.(null);
	}
}

const STAGE_ORDER = ['detect', 'landmarks', 'segment'];
const rank = (k: string) => (k === 'total' ? 99 : STAGE_ORDER.findIndex((s) => k.startsWith(s)) * 10 + (k.endsWith('.total') ? 9 : 0));
console.log(`Node WASM ${threads} thread(s), ${runs} runs per variant after 1 warm-up; ${cpuFlag >= 0 ? 'CPU' : 'wall-clock'} ms as median / min. Machine load (1 min): ${(await import('node:os')).loadavg()[0].toFixed(1)}`);
interface PhotoRun {
	file: string;
	img: RgbaImage;
	samples: Map<string, Sample[]>;
	last: Map<string, Result>;
}
const photoRuns: PhotoRun[] = [];
for (const file of files) {
	const { data, info } = await sharp(file).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	const img: RgbaImage = { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
	photoRuns.push({ file, img, samples: new Map(variants.map((v) => [v.name, []])), last: new Map() });
}
// Round-robin over photos and variants (order reversed every other round), so that every photo and variant sees the
// same mix of machine load and the photos' totals can be compared with each other, not only the variants.
for (let i = 0; i <= runs; i++) {
	for (const p of photoRuns) {
		const order = i % 2 ? [...variants].reverse() : variants;
		for (const v of order) {
			const r = await pipeline(v, p.img);
			p.last.set(v.name, r);
			if (i > 0) p.samples.get(v.name)!.push(r.sample);
		}
	}
}
const sumOf = new Map<string, number>(variants.map((v) => [v.name, 0]));
for (const { file, img, samples, last } of photoRuns) {
	for (const v of variants) sumOf.set(v.name, sumOf.get(v.name)! + median(samples.get(v.name)!.map((s) => s.total ?? 0)));
	console.log(`\n${file.split('/').pop()} ${img.width}x${img.height}`);
	const keys = [...new Set(variants.flatMap((v) => samples.get(v.name)!.flatMap((s) => Object.keys(s))))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
	const w = Math.max(...keys.map((k) => k.length));
	console.log(`  ${''.padEnd(w)}  ${variants.map((v) => v.name.padStart(15)).join('  ')}`);
	for (const k of keys) {
		const cell = (v: Variant) => {
			// A stage a variant never ran counts 0 ms; a variant without trace.ts (an older tree) shows '-' for the stages.
			if (!v.setTracer && !k.endsWith('total')) return '-'.padStart(15);
			const xs = samples.get(v.name)!.map((s) => s[k] ?? 0);
			return `${median(xs).toFixed(1)} / ${Math.min(...xs).toFixed(1)}`.padStart(15);
		};
		console.log(`  ${k.padEnd(w)}  ${variants.map(cell).join('  ')}`);
	}
	for (const v of variants) {
		const r = last.get(v.name)!;
		console.log(`  ${v.name}: ${r.faces.length} face(s), box ${r.faces.map((f) => `${f.box.width.toFixed(1)} px wide, score ${f.score.toFixed(3)}`).join('; ')}; model runs ${r.models.join(', ')}`);
	}
	if (variants.length === 2) {
		// Same photo, same models: how far apart the two variants' 478 landmarks are (px and % of the inter-eye distance).
		const [a, b] = variants.map((v) => last.get(v.name)!.landmarks);
		if (a && b) {
			let max = 0;
			for (let i = 0; i < a.length; i += 3) max = Math.max(max, Math.hypot(a[i] - b[i], a[i + 1] - b[i + 1]));
			const ied = Math.hypot(a[468 * 3] - a[473 * 3], a[468 * 3 + 1] - a[473 * 3 + 1]);
			console.log(`  landmarks ${variants[0].name} vs ${variants[1].name}: max ${max.toFixed(3)} px = ${((100 * max) / ied).toFixed(2)} % of the inter-eye distance`);
		}
		const [ma, mb] = variants.map((v) => last.get(v.name)!.mask);
		if (ma && mb) {
			let max = ma.length === mb.length ? 0 : Infinity;
			for (let i = 0; i < ma.length && max < Infinity; i++) max = Math.max(max, Math.abs(ma[i] - mb[i]));
			console.log(`  person mask ${variants[0].name} vs ${variants[1].name}: ${ma.length === mb.length ? `max |difference| ${max.toExponential(2)}` : 'different sizes'}`);
		}
	}
}
console.log(`\nsum over the photos of the median totals: ${variants.map((v) => `${v.name} ${sumOf.get(v.name)!.toFixed(1)} ms`).join(', ')}`);
for (const v of variants) await v.engine.dispose();

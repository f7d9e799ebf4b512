/**
 * Model benchmark (`npm run bench:models`): median of 20 runs (after 3 warm-up runs) per model on
 * onnxruntime-web WASM with 1 and 2 threads, in Node and in Debian Chromium, printed as one table;
 * then detection + landmarks + segmentation per photo (Node, median of 11, against the 120 ms budget of issue 2;
 * bench/models-stages.ts splits a photo into stages). Not a test: numbers
 * depend on the machine and its load. Needs models/onnx (npx tsx models/convert.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { MODEL_NAMES } from '../src/lib/inference/sessions';
import { benchChromium } from './models-chromium';

const THREADS = [1, 2];
for (const m of MODEL_NAMES) {
	if (!existsSync(`models/onnx/${m}.onnx`)) {
		console.error(`models/onnx/${m}.onnx is missing: run npx tsx models/convert.ts`);
		process.exit(1);
	}
}

type Stat = { median: number; min: number };
type NodeResult = { threads: number; models: Record<string, number>; photos: Record<string, { detect: Stat; landmarks: Stat; segment: Stat; total: Stat; runs: string[] }> };

/** Issue 2: detection + landmarks + segmentation together ≤ 120 ms per photo on WASM with 2 threads. */
const BUDGET_MS = 120;
const node: Record<number, NodeResult> = {};
for (const t of THREADS) {
	const line = execFileSync('npx', ['tsx', 'bench/models-node.ts', String(t)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
		.trim()
		.split('\n')
		.pop()!;
	node[t] = JSON.parse(line) as NodeResult;
}
const browser = await benchChromium(THREADS);

const ms = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1));
const cols = ['model', ...THREADS.map((t) => `Node WASM ${t}t`), ...THREADS.map((t) => `Chromium WASM ${t}t`)];
const rows = MODEL_NAMES.map((m) => [m, ...THREADS.map((t) => ms(node[t].models[m])), ...THREADS.map((t) => ms(browser[t]?.[m]))]);
const print = (head: string[], body: string[][]) => {
	const w = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
	const line = (r: string[]) => '| ' + r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' | ') + ' |';
	console.log(line(head));
	console.log('|' + w.map((x, i) => (i === 0 ? '-'.repeat(x + 2) : '-'.repeat(x + 1) + ':')).join('|') + '|');
	for (const r of body) console.log(line(r));
};
console.log(`\nMedian ms per run (${20} runs), onnxruntime-web 1.30 WASM SIMD:\n`);
print(cols, rows);

console.log(
	`\nPer photo, Node WASM (as analyse.ts: detectFaces, faceLandmarks, segmentPerson over the head region, mask ≤ 512 px), ms,` +
		` median of 11 runs (minimum in brackets): detect + landmarks + segment = total; budget ${BUDGET_MS} ms with 2 threads\n`
);
const photos = Object.keys(node[THREADS[0]].photos);
const budgetThreads = THREADS.includes(2) ? 2 : THREADS[THREADS.length - 1];
print(
	['photo', ...THREADS.map((t) => `${t} thread${t > 1 ? 's' : ''}`), `total ${budgetThreads}t vs ${BUDGET_MS} ms`, 'model runs'],
	photos.map((p) => {
		const b = node[budgetThreads].photos[p].total.median;
		return [
			p,
			...THREADS.map((t) => {
				const r = node[t].photos[p];
				return `${ms(r.detect.median)} + ${ms(r.landmarks.median)} + ${ms(r.segment.median)} = ${ms(r.total.median)} (${ms(r.total.min)})`;
			}),
			b <= BUDGET_MS ? `ok, ${ms(BUDGET_MS - b)} under` : `OVER by ${ms(b - BUDGET_MS)}`,
			node[budgetThreads].photos[p].runs.map((m) => m.replace('face_detection_', '').replace('face_landmark_with_attention', 'landmark').replace('selfie_segmentation', 'selfie')).join(', ')
		];
	})
);
const over = photos.filter((p) => node[budgetThreads].photos[p].total.median > BUDGET_MS);
console.log(
	over.length === 0
		? `\nAll ${photos.length} photos within ${BUDGET_MS} ms (median, ${budgetThreads} threads).`
		: `\n${over.length} of ${photos.length} photos over ${BUDGET_MS} ms (median, ${budgetThreads} threads): ${over.join(', ')}.`
);
console.log(`Machine load (1-min average) at the end: ${loadavg()[0].toFixed(1)} on ${cpus().length} cores; on a shared machine the minimum is the better estimate of the unloaded cost.`);

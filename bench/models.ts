/**
 * Model benchmark (`npm run bench:models`): median of 20 runs (after 3 warm-up runs) per model on
 * onnxruntime-web WASM with 1 and 2 threads, in Node and in Debian Chromium, printed as one table;
 * then detection + landmarks + segmentation per photo (Node, median of 5). Not a test: numbers
 * depend on the machine and its load. Needs models/onnx (npx tsx models/convert.ts).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { MODEL_NAMES } from '../src/lib/inference/sessions';
import { benchChromium } from './models-chromium';

const THREADS = [1, 2];
for (const m of MODEL_NAMES) {
	if (!existsSync(`models/onnx/${m}.onnx`)) {
		console.error(`models/onnx/${m}.onnx is missing: run npx tsx models/convert.ts`);
		process.exit(1);
	}
}

type NodeResult = { threads: number; models: Record<string, number>; photos: Record<string, { detect: number; landmarks: number; segment: number; total: number }> };
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

console.log('\nPipeline per photo, Node WASM, median of 5 (ms): detect / landmarks / segment (whole frame, mask ≤ 512 px as in the app) = total\n');
const photos = Object.keys(node[THREADS[0]].photos);
print(
	['photo', ...THREADS.map((t) => `${t} thread${t > 1 ? 's' : ''}`)],
	photos.map((p) => [
		p,
		...THREADS.map((t) => {
			const r = node[t].photos[p];
			return `${ms(r.detect)} / ${ms(r.landmarks)} / ${ms(r.segment)} = ${ms(r.total)}`;
		})
	])
);

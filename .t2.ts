import sharp from 'sharp';
import { createInferenceEngine } from './src/lib/inference/engine';
import { fsModelLoader } from './src/lib/inference/loaders';
async function raw(s: sharp.Sharp) {
	const { data, info } = await s.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
}
const eng = createInferenceEngine({ loader: fsModelLoader('models/onnx'), backend: 'wasm', numThreads: 1 });
const file = 'tests/fixtures/astronaut.png';
const base = await raw(sharp(file));
let t0 = performance.now();
const f0 = (await eng.detectFaces(base))[0];
console.log('first detect', performance.now() - t0);
t0 = performance.now();
await eng.detectFaces(base);
console.log('second detect', performance.now() - t0);
const l0 = await eng.faceLandmarks(base, f0);
const ied = Math.hypot(l0.irisCenters.left.x - l0.irisCenters.right.x, l0.irisCenters.left.y - l0.irisCenters.right.y);
console.log('ied', ied, f0.score);
const W = 512, H = 512;
type T = (x: number, y: number) => [number, number];
const cases: [string, sharp.Sharp, T][] = [
	['rot90', sharp(file).rotate(90), (x, y) => [H - y, x]],
	['rot180', sharp(file).rotate(180), (x, y) => [W - x, H - y]],
	['rot270', sharp(file).rotate(270), (x, y) => [y, W - x]],
];
for (const [name, s, t] of cases) {
	const img = await raw(s);
	const faces = await eng.detectFaces(img);
	const lm = await eng.faceLandmarks(img, faces[0]);
	const errs: number[] = [];
	for (let i = 0; i < 478; i++) {
		const [ex, ey] = t(l0.points[i * 3], l0.points[i * 3 + 1]);
		errs.push(Math.hypot(lm.points[i * 3] - ex, lm.points[i * 3 + 1] - ey) / ied);
	}
	const sorted = [...errs].sort((a, b) => a - b);
	console.log(name, faces.length, faces[0].score.toFixed(3), 'mean', (errs.reduce((a, b) => a + b) / 478).toFixed(4), 'median', sorted[239].toFixed(4), 'p95', sorted[454].toFixed(4), 'max', sorted[477].toFixed(4), [468, 473].map((i) => errs[i].toFixed(4)).join(' '));
}

/**
 * Shared test helpers: onnxruntime-web (WASM CPU backend, 1 thread) sessions,
 * tiny single-op ONNX models, a seeded RNG, and astronaut.png inputs.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-web';
import sharp from 'sharp';
import { GraphBuilder } from '../converter/graph-builder.ts';
import { DataType, encodeModel, type OnnxValueInfo } from '../converter/onnx-model.ts';
import { IR_VERSION, OPSET_VERSION } from '../converter/tflite-to-onnx.ts';

ort.env.wasm.numThreads = 1;
export { ort };

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ASTRONAUT = fileURLToPath(new URL('../../tests/fixtures/astronaut.png', import.meta.url));

/** mulberry32 PRNG: deterministic uniform floats in [0, 1). */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function randomArray(n: number, lo: number, hi: number, r: () => number): Float32Array {
	const a = new Float32Array(n);
	for (let i = 0; i < n; i++) a[i] = lo + (hi - lo) * r();
	return a;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
	if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
	let m = 0;
	for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
	return m;
}

/** Build a small opset-17 model: `build` receives the builder and the input names and returns the output name. */
export function tinyModel(inputs: { name: string; shape: number[] }[], output: { name: string; shape: number[] }, build: (g: GraphBuilder, ins: string[]) => void): Uint8Array {
	const g = new GraphBuilder();
	const vi = (v: { name: string; shape: number[] }): OnnxValueInfo => ({ name: v.name, elemType: DataType.FLOAT, shape: v.shape });
	for (const v of [...inputs, output]) g.reserve(v.name);
	build(
		g,
		inputs.map((i) => i.name)
	);
	return encodeModel({
		irVersion: IR_VERSION,
		opsetVersion: OPSET_VERSION,
		producerName: 'test',
		producerVersion: '0',
		docString: '',
		graphName: 'test',
		nodes: g.nodes,
		initializers: g.initializers,
		inputs: inputs.map(vi),
		outputs: [vi(output)],
		metadata: []
	});
}

/** Run a model on float32 feeds; returns each output's data and dims. */
export async function run(model: Uint8Array, feeds: Record<string, { data: Float32Array; dims: number[] }>): Promise<Record<string, { data: Float32Array; dims: number[] }>> {
	const session = await ort.InferenceSession.create(model);
	try {
		const f: Record<string, ort.Tensor> = {};
		for (const [k, v] of Object.entries(feeds)) f[k] = new ort.Tensor('float32', v.data, v.dims);
		const out = await session.run(f);
		const res: Record<string, { data: Float32Array; dims: number[] }> = {};
		for (const [k, v] of Object.entries(out)) res[k] = { data: v.data as Float32Array, dims: [...v.dims] };
		return res;
	} finally {
		await session.release();
	}
}

/**
 * astronaut.png (512x512) region resized to size x size, as Float32 NHWC RGB.
 * @param range [-1, 1] (BlazeFace) or [0, 1] (landmarks, selfie), mapped linearly from 0..255.
 */
export async function astronautTensor(size: number, range: [number, number], region?: { left: number; top: number; width: number; height: number }): Promise<Float32Array> {
	let img = sharp(readFileSync(ASTRONAUT)).removeAlpha();
	if (region) img = img.extract(region);
	const raw = await img.resize(size, size, { fit: 'fill' }).raw().toBuffer();
	const out = new Float32Array(size * size * 3);
	const [lo, hi] = range;
	for (let i = 0; i < out.length; i++) out[i] = lo + ((hi - lo) * raw[i]) / 255;
	return out;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * SSD anchors of the short-range BlazeFace (SsdAnchorsCalculator options in MediaPipe's
 * face_detection_short_range graph: strides 8, 16, 16, 16 on 128x128, 2 anchors per cell,
 * offset 0.5, fixed size): 16x16x2 + 8x8x6 = 896 centres, normalised to [0, 1].
 */
export function shortRangeAnchors(): [number, number][] {
	const anchors: [number, number][] = [];
	for (const [grid, perCell] of [
		[16, 2],
		[8, 6]
	])
		for (let y = 0; y < grid; y++) for (let x = 0; x < grid; x++) for (let k = 0; k < perCell; k++) anchors.push([(x + 0.5) / grid, (y + 0.5) / grid]);
	return anchors;
}

/**
 * Square face crop of astronaut.png from the converted short-range detector: the highest-scoring
 * anchor's box (decoded as MediaPipe's TensorsToDetectionsCalculator does with x/y/w/h scale 128),
 * enlarged 1.5x (the face-landmark ROI scale), clamped to the 512x512 image.
 * @returns the crop in px and the best score (sigmoid of the classificator logit).
 */
export async function astronautFaceCrop(detector: Uint8Array): Promise<{ region: { left: number; top: number; width: number; height: number }; score: number; box: { cx: number; cy: number; w: number; h: number } }> {
	const input = await astronautTensor(128, [-1, 1]);
	const out = await run(detector, { input: { data: input, dims: [1, 128, 128, 3] } });
	const reg = out.regressors.data;
	const cls = out.classificators.data;
	let best = 0;
	for (let i = 1; i < cls.length; i++) if (cls[i] > cls[best]) best = i;
	const [ax, ay] = shortRangeAnchors()[best];
	const box = { cx: ax + reg[best * 16] / 128, cy: ay + reg[best * 16 + 1] / 128, w: reg[best * 16 + 2] / 128, h: reg[best * 16 + 3] / 128 };
	const side = Math.round(1.5 * Math.max(box.w, box.h) * 512);
	const left = Math.max(0, Math.min(512 - side, Math.round(box.cx * 512 - side / 2)));
	const top = Math.max(0, Math.min(512 - side, Math.round(box.cy * 512 - side / 2)));
	return { region: { left, top, width: side, height: side }, score: sigmoid(cls[best]), box };
}

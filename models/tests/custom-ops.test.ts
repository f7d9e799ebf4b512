/**
 * The ONNX subgraphs for MediaPipe's custom ops, run in onnxruntime-web (WASM, 1 thread),
 * against plain-TypeScript ports of the MediaPipe kernels (models/reference/), on random
 * inputs and on the real options/weights/landmarks of the shipped models. Max abs error ≤ 1e-4.
 */
import { describe, expect, it } from 'vitest';
import { buildModels, readSource } from '../converter/build.ts';
import { parseLandmarks2TransformMatrix, parseTransposeConvBias, type Landmarks2TransformMatrixOptions } from '../converter/custom-options.ts';
import { buildConvTransposeBias, buildLandmarks2TransformMatrix, buildTransformLandmarks, buildTransformTensorBilinear, namedSink } from '../converter/custom-ops.ts';
import { fp16BytesToFloat32 } from '../converter/fp16.ts';
import { NCHW_TO_NHWC, NHWC_TO_NCHW } from '../converter/layout.ts';
import { MODEL_SOURCES } from '../converter/sources.ts';
import { readTflite, type TfliteModel } from '../converter/tflite-reader.ts';
import { convolution2DTransposeBiasRef } from '../reference/convolution-2d-transpose-bias.ts';
import { landmarksToTransformMatrixRef } from '../reference/landmarks-to-transform-matrix.ts';
import { transformLandmarksRef } from '../reference/transform-landmarks.ts';
import { transformTensorBilinearRef } from '../reference/transform-tensor-bilinear.ts';
import { astronautFaceCrop, astronautTensor, maxAbsDiff, randomArray, REPO_ROOT, rng, run, tinyModel } from './helpers.ts';

const TOL = 1e-4;
const src = (name: string) => MODEL_SOURCES.find((s) => s.name === name)!;
const attention = (): TfliteModel => readTflite(readSource(REPO_ROOT, src('face_landmark_with_attention')).bytes);
const customOps = (m: TfliteModel, code: string) => m.operators.filter((o) => o.customCode === code);

function constOf(m: TfliteModel, tensorIndex: number): Float32Array {
	// Follow a DEQUANTIZE back to its fp16 buffer.
	const t = m.tensors[tensorIndex];
	if (t.data) return t.type === 1 ? fp16BytesToFloat32(t.data) : new Float32Array(t.data.slice().buffer);
	const producer = m.operators.find((o) => o.outputs.includes(tensorIndex) && o.builtinCode === 6);
	if (!producer) throw new Error(`tensor ${t.name} is not a constant`);
	return constOf(m, producer.inputs[0]);
}

async function l2tmOnnx(landmarks: Float32Array, n: number, o: Landmarks2TransformMatrixOptions): Promise<Float32Array> {
	const model = tinyModel([{ name: 'lm', shape: [1, n, 3] }], { name: 'm', shape: [1, 4, 4] }, (g, [lm]) => {
		buildLandmarks2TransformMatrix(g, lm, o, (op, ins, attrs) => g.node(op, ins, ['m'], attrs, false)[0]);
	});
	return (await run(model, { lm: { data: landmarks, dims: [1, n, 3] } })).m.data;
}

async function ttbOnnx(feat: Float32Array, h: number, w: number, c: number, matrix: Float32Array, oh: number, ow: number): Promise<Float32Array> {
	const model = tinyModel(
		[
			{ name: 'x', shape: [1, h, w, c] },
			{ name: 'm', shape: [1, 4, 4] }
		],
		{ name: 'y', shape: [1, oh, ow, c] },
		(g, [x, m]) => {
			const nchw = g.op('Transpose', [x], 'x_nchw', { perm: NHWC_TO_NCHW });
			const out = buildTransformTensorBilinear(g, nchw, m, { channels: c, inHeight: h, inWidth: w, outHeight: oh, outWidth: ow }, namedSink(g, 'y_nchw'));
			g.node('Transpose', [out], ['y'], { perm: NCHW_TO_NHWC }, false);
		}
	);
	return (await run(model, { x: { data: feat, dims: [1, h, w, c] }, m: { data: matrix, dims: [1, 4, 4] } })).y.data;
}

async function tlOnnx(lm: Float32Array, n: number, d: number, matrix: Float32Array): Promise<Float32Array> {
	const model = tinyModel(
		[
			{ name: 'lm', shape: [1, n, d] },
			{ name: 'm', shape: [1, 4, 4] }
		],
		{ name: 'y', shape: [1, n, d] },
		(g, [l, m]) => {
			buildTransformLandmarks(g, l, m, d, (op, ins, attrs) => g.node(op, ins, ['y'], attrs, false)[0]);
		}
	);
	return (await run(model, { lm: { data: lm, dims: [1, n, d] }, m: { data: matrix, dims: [1, 4, 4] } })).y.data;
}

/** Similarity matrix like Landmarks2TransformMatrix's: rotation θ, scale s, translation (tx, ty). */
function similarity(theta: number, s: number, tx: number, ty: number): Float32Array {
	const c = Math.cos(theta) * s;
	const n = Math.sin(theta) * s;
	return Float32Array.from([c, -n, 0, tx, n, c, 0, ty, 0, 0, 1, 0, 0, 0, 0, 1]);
}

describe('Landmarks2TransformMatrix subgraph vs the MediaPipe v2 kernel', () => {
	it('matches on random landmarks with the real options of the attention model and a rotated target', async () => {
		const opts = customOps(attention(), 'Landmarks2TransformMatrix').map((o) => parseLandmarks2TransformMatrix(o.customOptions!));
		expect(opts).toHaveLength(3);
		expect(opts[0].leftRotationIdx).toBe(61); // lips crop: mouth corners 61 / 291
		expect(opts[0].rightRotationIdx).toBe(291);
		opts.push({ ...opts[1], targetRotationRadians: 0.3, subsetIdxs: [33, 133, 159, 145, 7] });
		const r = rng(1);
		let worst = 0;
		for (const o of opts)
			for (let trial = 0; trial < 5; trial++) {
				const lm = randomArray(468 * 3, 0, 48, r);
				const got = await l2tmOnnx(lm, 468, o);
				const want = landmarksToTransformMatrixRef(lm, o);
				worst = Math.max(worst, maxAbsDiff(got, want));
			}
		console.log(`Landmarks2TransformMatrix random: max abs error ${worst.toExponential(2)}`);
		expect(worst).toBeLessThanOrEqual(TOL);
	});
});

describe('TransformTensorBilinear subgraph vs the MediaPipe v2 kernel', () => {
	it('matches on random features, including samples outside the image (zeros)', async () => {
		const r = rng(2);
		const [h, w, c, oh, ow] = [48, 48, 32, 16, 16];
		const feat = randomArray(h * w * c, -3, 3, r);
		const cases = [
			similarity(0.4, 1.5, 10, 12), // inside
			similarity(-0.7, 2.2, 30, 2), // partly outside (top / right)
			similarity(0.1, 4, -20, -20), // mostly outside
			similarity(Math.PI, 0.5, 47, 47) // rotated 180°, touching the far edge
		];
		let worst = 0;
		let zeros = 0;
		for (const m of cases) {
			const got = await ttbOnnx(feat, h, w, c, m, oh, ow);
			const want = transformTensorBilinearRef(feat, h, w, c, m, oh, ow);
			worst = Math.max(worst, maxAbsDiff(got, want));
			zeros += want.filter((v) => v === 0).length;
		}
		expect(zeros).toBeGreaterThan(c * 50); // the out-of-bounds path was exercised
		console.log(`TransformTensorBilinear random: max abs error ${worst.toExponential(2)} (${zeros} zero samples in the reference)`);
		expect(worst).toBeLessThanOrEqual(TOL);
	});

	it('matches on a non-square map and output', async () => {
		const r = rng(3);
		const feat = randomArray(20 * 30 * 5, 0, 1, r);
		const m = similarity(0.25, 1.3, 3, 4);
		const got = await ttbOnnx(feat, 20, 30, 5, m, 9, 13);
		const err = maxAbsDiff(got, transformTensorBilinearRef(feat, 20, 30, 5, m, 9, 13));
		console.log(`TransformTensorBilinear non-square: max abs error ${err.toExponential(2)}`);
		expect(err).toBeLessThanOrEqual(TOL);
	});
});

describe('TransformLandmarks subgraph vs the MediaPipe v2 kernel', () => {
	it('matches for 2-D and 3-D landmarks', async () => {
		const r = rng(4);
		let worst = 0;
		for (const [n, d] of [
			[80, 2],
			[5, 2],
			[71, 3]
		]) {
			const lm = randomArray(n * d, 0, 16, r);
			const m = randomArray(16, -4, 4, r);
			const got = await tlOnnx(lm, n, d, m);
			worst = Math.max(worst, maxAbsDiff(got, transformLandmarksRef(lm, d, m)));
		}
		console.log(`TransformLandmarks random: max abs error ${worst.toExponential(2)}`);
		expect(worst).toBeLessThanOrEqual(TOL);
	});
});

describe('Convolution2DTransposeBias as ConvTranspose vs the MediaPipe kernel', () => {
	async function check(h: number, w: number, cin: number, cout: number, kh: number, kw: number, filter: Float32Array, bias: Float32Array, o: ReturnType<typeof parseTransposeConvBias>, input: Float32Array) {
		const ref = convolution2DTransposeBiasRef(input, h, w, cin, filter, cout, kh, kw, bias, o);
		const model = tinyModel([{ name: 'x', shape: [1, h, w, cin] }], { name: 'y', shape: [1, ref.outH, ref.outW, cout] }, (g, [x]) => {
			const nchw = g.op('Transpose', [x], 'x_nchw', { perm: NHWC_TO_NCHW });
			const y = buildConvTransposeBias(g, nchw, filter, bias, { inHeight: h, inWidth: w, inChannels: cin, outChannels: cout, kernelHeight: kh, kernelWidth: kw }, o, { weights: 'w', bias: 'b' }, namedSink(g, 'y_nchw'));
			g.node('Transpose', [y], ['y'], { perm: NCHW_TO_NHWC }, false);
		});
		const out = await run(model, { x: { data: input, dims: [1, h, w, cin] } });
		expect(out.y.dims).toEqual([1, ref.outH, ref.outW, cout]);
		return maxAbsDiff(out.y.data, ref.data);
	}

	it('matches with the selfie model’s real weights and options', async () => {
		const m = readTflite(readSource(REPO_ROOT, src('selfie_segmentation')).bytes);
		const [op] = customOps(m, 'Convolution2DTransposeBias');
		const o = parseTransposeConvBias(op.customOptions!);
		expect(o).toEqual({ padding: 'SAME', strideW: 2, strideH: 2 });
		const [x, wI, bI] = op.inputs;
		const [oc, kh, kw, ic] = m.tensors[wI].shape;
		const [, h, w] = m.tensors[x].shape;
		const input = randomArray(h * w * ic, -2, 2, rng(5));
		const err = await check(h, w, ic, oc, kh, kw, constOf(m, wI), constOf(m, bI), o, input);
		console.log(`Convolution2DTransposeBias (selfie weights ${oc}x${kh}x${kw}x${ic}, ${h}x${w} input): max abs error ${err.toExponential(2)}`);
		expect(err).toBeLessThanOrEqual(TOL);
	});

	it('matches with asymmetric SAME padding and with VALID padding', async () => {
		const r = rng(6);
		let worst = 0;
		for (const [padding, sh, sw] of [
			['SAME', 2, 2],
			['SAME', 3, 2],
			['VALID', 2, 1]
		] as const) {
			const [h, w, cin, cout, kh, kw] = [5, 7, 3, 2, 4, 3];
			const err = await check(h, w, cin, cout, kh, kw, randomArray(cout * kh * kw * cin, -1, 1, r), randomArray(cout, -1, 1, r), { padding, strideH: sh, strideW: sw }, randomArray(h * w * cin, -1, 1, r));
			worst = Math.max(worst, err);
		}
		console.log(`Convolution2DTransposeBias synthetic: max abs error ${worst.toExponential(2)}`);
		expect(worst).toBeLessThanOrEqual(TOL);
	});
});

describe('custom ops on real landmarks from the converted attention model (astronaut.png)', () => {
	it('matrix, crop and landmark transforms match the kernels', async () => {
		const { mkdtempSync, readFileSync, rmSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { join } = await import('node:path');
		const dir = mkdtempSync(join(tmpdir(), 'models-real-'));
		buildModels({ root: REPO_ROOT, outDir: dir, only: ['face_landmark_with_attention', 'face_detection_short_range'] });
		const onnx = new Uint8Array(readFileSync(join(dir, 'face_landmark_with_attention.onnx')));
		const detector = new Uint8Array(readFileSync(join(dir, 'face_detection_short_range.onnx')));
		rmSync(dir, { recursive: true, force: true });
		const { region } = await astronautFaceCrop(detector);
		const input = await astronautTensor(192, [0, 1], region);
		const out = await run(onnx, { input_1: { data: input, dims: [1, 192, 192, 3] } });
		const mesh = out.output_mesh_identity.data;

		const m = attention();
		const l2tm = customOps(m, 'Landmarks2TransformMatrix');
		// The model scales the mesh (192 px) to the 48x48 feature map with a MUL by a constant before each op.
		const mulOp = m.operators.find((o) => o.outputs[0] === l2tm[0].inputs[0])!;
		const factor = constOf(m, mulOp.inputs[1])[0];
		expect(factor).toBeCloseTo(0.25, 6);
		const scaled = mesh.map((v) => v * factor);
		let worstM = 0;
		let worstT = 0;
		let worstL = 0;
		const feat = randomArray(48 * 48 * 32, -1, 1, rng(7));
		for (const op of l2tm) {
			const o = parseLandmarks2TransformMatrix(op.customOptions!);
			const want = landmarksToTransformMatrixRef(scaled, o);
			const got = await l2tmOnnx(scaled, 468, o);
			worstM = Math.max(worstM, maxAbsDiff(got, want));
			worstT = Math.max(worstT, maxAbsDiff(await ttbOnnx(feat, 48, 48, 32, want, 16, 16), transformTensorBilinearRef(feat, 48, 48, 32, want, 16, 16)));
			const lm = randomArray(71 * 2, 0, 16, rng(8));
			worstL = Math.max(worstL, maxAbsDiff(await tlOnnx(lm, 71, 2, want), transformLandmarksRef(lm, 2, want)));
		}
		console.log(`real landmarks: Landmarks2TransformMatrix ${worstM.toExponential(2)}, TransformTensorBilinear ${worstT.toExponential(2)}, TransformLandmarks ${worstL.toExponential(2)} max abs error`);
		expect(worstM).toBeLessThanOrEqual(TOL);
		expect(worstT).toBeLessThanOrEqual(TOL);
		expect(worstL).toBeLessThanOrEqual(TOL);
	});
});

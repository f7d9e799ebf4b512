/**
 * Structural rules for every generated model (shared/reference/model-conversion.md,
 * "WebGPU rules learned the hard way"): opset 17 / IR 8, no `And`, no `PRelu`, no node
 * with more than 7 tensor inputs, only ops onnxruntime-web's JSEP WebGPU backend implements,
 * a well-formed graph, and TFLite's graph input/output names and NHWC shapes.
 */
import { describe, expect, it } from 'vitest';
import { readSource } from '../converter/build.ts';
import { decodeModel } from '../converter/onnx-model.ts';
import { MODEL_SOURCES } from '../converter/sources.ts';
import { convertTflite } from '../converter/tflite-to-onnx.ts';
import { REPO_ROOT } from './helpers.ts';

/**
 * Ops with a JSEP WebGPU kernel in onnxruntime-web 1.30 (the op-resolve table of
 * dist/ort.all.mjs, the `WEBGPU_OP_RESOLVE_RULES` map), restricted to those a converter
 * might emit, plus Reshape, which JSEP registers as a CPU-side view (no data movement).
 */
const JSEP_OPS = new Set([
	'Abs', 'Add', 'AveragePool', 'Cast', 'Clip', 'Concat', 'Conv', 'ConvTranspose', 'Div', 'Gather',
	'GlobalAveragePool', 'GreaterOrEqual', 'HardSigmoid', 'HardSwish', 'LessOrEqual', 'MatMul', 'MaxPool',
	'Mul', 'Neg', 'Pad', 'ReduceMax', 'ReduceMean', 'ReduceMin', 'ReduceSum', 'Relu', 'Resize', 'Sigmoid',
	'Slice', 'Sqrt', 'Sub', 'Tanh', 'Transpose', 'Where',
	'Reshape'
]);

/** Graph inputs/outputs per model: TFLite names and NHWC shapes (model-conversion.md, "Tensors"). */
const EXPECTED_IO: Record<string, { inputs: [string, number[]][]; outputs: [string, number[]][] }> = {
	face_detection_short_range: {
		inputs: [['input', [1, 128, 128, 3]]],
		outputs: [
			['regressors', [1, 896, 16]],
			['classificators', [1, 896, 1]]
		]
	},
	face_detection_full_range: {
		inputs: [['input', [1, 192, 192, 3]]],
		outputs: [
			['reshaped_regressor_face_4', [1, 2304, 16]],
			['reshaped_classifier_face_4', [1, 2304, 1]]
		]
	},
	face_landmark: {
		inputs: [['input_1', [1, 192, 192, 3]]],
		outputs: [
			['conv2d_21', [1, 1, 1, 1404]],
			['conv2d_31', [1, 1, 1, 1]]
		]
	},
	face_landmark_with_attention: {
		inputs: [['input_1', [1, 192, 192, 3]]],
		outputs: [
			['output_mesh_identity', [1, 1, 1, 1404]],
			['output_lips', [1, 1, 1, 160]],
			['output_left_eye', [1, 1, 1, 142]],
			['output_right_eye', [1, 1, 1, 142]],
			['output_left_iris', [1, 1, 1, 10]],
			['output_right_iris', [1, 1, 1, 10]],
			['conv_faceflag', [1, 1, 1, 1]]
		]
	},
	selfie_segmentation: {
		inputs: [['input_1', [1, 256, 256, 3]]],
		outputs: [['activation_10', [1, 256, 256, 1]]]
	}
};

describe.each(MODEL_SOURCES.map((s) => [s.name, s] as const))('%s graph rules', (name, src) => {
	const onnx = convertTflite(readSource(REPO_ROOT, src).bytes, { graphName: name, docString: '', metadata: [] }).onnx;
	const m = decodeModel(onnx);

	it('is opset 17, IR version 8, default domain only', () => {
		expect(m.irVersion).toBe(8);
		expect(m.opsets).toEqual([{ domain: '', version: 17 }]);
		expect(m.nodes.every((n) => n.domain === '')).toBe(true);
	});

	it('has no And, no PRelu, ≤ 7 tensor inputs per node, and only JSEP WebGPU ops', () => {
		const types = new Set(m.nodes.map((n) => n.opType));
		expect(types.has('And')).toBe(false);
		expect(types.has('PRelu')).toBe(false);
		const widest = Math.max(...m.nodes.map((n) => n.inputs.filter((i) => i !== '').length));
		expect(widest).toBeLessThanOrEqual(7);
		expect([...types].filter((t) => !JSEP_OPS.has(t))).toEqual([]);
		const transposes = m.nodes.filter((n) => n.opType === 'Transpose').length;
		console.log(`${name}: ${m.nodes.length} nodes, ${m.initializers.length} initializers, ${transposes} Transposes, widest node ${widest} inputs, ${(onnx.length / 1e6).toFixed(2)} MB`);
		expect(transposes).toBeLessThanOrEqual(18);
	});

	it('is well formed: topologically ordered, every input defined, every initializer used, unique names', () => {
		const defined = new Set([...m.inputs.map((i) => i.name), ...m.initializers.map((i) => i.name)]);
		const used = new Set<string>();
		const outputsSeen = new Set<string>();
		for (const n of m.nodes) {
			for (const i of n.inputs) {
				if (i === '') continue;
				expect(defined.has(i), `${n.opType} ${n.name} input ${i}`).toBe(true);
				used.add(i);
			}
			for (const o of n.outputs) {
				expect(defined.has(o), `duplicate value ${o}`).toBe(false);
				defined.add(o);
				outputsSeen.add(o);
			}
		}
		for (const o of m.outputs) expect(outputsSeen.has(o.name)).toBe(true);
		expect(m.initializers.filter((i) => !used.has(i.name)).map((i) => i.name)).toEqual([]);
		expect(new Set(m.nodes.map((n) => n.name)).size).toBe(m.nodes.length);
	});

	it('keeps TFLite’s graph input/output names and NHWC shapes', () => {
		const want = EXPECTED_IO[name];
		expect(m.inputs.map((v) => [v.name, v.shape])).toEqual(want.inputs);
		expect(m.outputs.map((v) => [v.name, v.shape])).toEqual(want.outputs);
		expect(m.inputs.every((v) => v.elemType === 1) && m.outputs.every((v) => v.elemType === 1)).toBe(true);
	});
});

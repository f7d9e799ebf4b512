/**
 * TFLite model bytes → ONNX (opset 17, IR version 8) bytes.
 * Graph inputs/outputs keep TFLite's names and NHWC shapes; 4-D activations are NCHW inside.
 */
import { BUILTIN_EMITTERS, Op } from './builtin-ops.ts';
import { ConversionContext } from './context.ts';
import { CUSTOM_EMITTERS } from './custom-ops.ts';
import { GraphBuilder } from './graph-builder.ts';
import { DataType, encodeModel, type OnnxValueInfo } from './onnx-model.ts';
import { readTflite, TensorType } from './tflite-reader.ts';

/** ONNX opset and IR version written (ONNX IR version 8 ↔ opset ≤ 18). */
export const OPSET_VERSION = 17;
export const IR_VERSION = 8;

export interface ConvertOptions {
	graphName: string;
	docString: string;
	/** Stored as ModelProto.metadata_props, in the given order. */
	metadata: { key: string; value: string }[];
}

export interface ConvertResult {
	onnx: Uint8Array;
	inputs: OnnxValueInfo[];
	outputs: OnnxValueInfo[];
	/** Node count by op type, sorted by op type. */
	opCounts: Record<string, number>;
}

/**
 * Convert a TFLite flatbuffer (first subgraph) to an ONNX model.
 * @throws Error for unsupported builtin ops, custom ops or kernel versions, and non-float32 graph inputs/outputs.
 */
export function convertTflite(bytes: Uint8Array, opts: ConvertOptions): ConvertResult {
	const model = readTflite(bytes);
	const g = new GraphBuilder();
	const ctx = new ConversionContext(model, g);

	const valueInfo = (i: number): OnnxValueInfo => {
		const t = model.tensors[i];
		if (t.type !== TensorType.FLOAT32) throw new Error(`graph tensor ${t.name} is not float32`);
		return { name: t.name, elemType: DataType.FLOAT, shape: [...t.shape] };
	};
	const inputs = model.inputs.map(valueInfo);
	const outputs = model.outputs.map(valueInfo);
	for (const v of [...inputs, ...outputs]) g.reserve(v.name);

	for (const i of model.inputs) {
		if (ctx.is4d(i)) ctx.define(i, ctx.toNchw(model.tensors[i].name, ctx.shape(i), (op, ins, attrs) => g.op(op, ins, `${model.tensors[i].name}__nchw`, attrs)));
		else ctx.define(i, model.tensors[i].name);
	}

	for (const op of model.operators) {
		if (op.builtinCode === Op.CUSTOM) {
			const name = op.customCode ?? '';
			const c = CUSTOM_EMITTERS[name];
			if (!c) throw new Error(`unsupported custom op ${name}`);
			if (c.version !== op.opVersion) throw new Error(`custom op ${name} version ${op.opVersion} not supported (implemented: ${c.version})`);
			c.emit(ctx, op);
		} else {
			const emit = BUILTIN_EMITTERS[op.builtinCode];
			if (!emit) throw new Error(`unsupported TFLite builtin op code ${op.builtinCode}`);
			emit(ctx, op);
		}
	}
	ctx.finishOutputs();

	const opCounts: Record<string, number> = {};
	for (const n of g.nodes) opCounts[n.opType] = (opCounts[n.opType] ?? 0) + 1;
	const sortedCounts = Object.fromEntries(Object.entries(opCounts).sort(([a], [b]) => (a < b ? -1 : 1)));

	const onnx = encodeModel({
		irVersion: IR_VERSION,
		opsetVersion: OPSET_VERSION,
		producerName: 'idphoto-studio models/convert.ts',
		producerVersion: '1',
		docString: opts.docString,
		graphName: opts.graphName,
		nodes: g.nodes,
		initializers: g.initializers,
		inputs,
		outputs,
		metadata: opts.metadata
	});
	return { onnx, inputs, outputs, opCounts: sortedCounts };
}

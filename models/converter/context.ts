/**
 * Conversion state shared by the op emitters: which ONNX value holds each TFLite
 * tensor (4-D activations as NCHW), constant folding of DEQUANTIZE, and the
 * NHWC views needed where element order matters.
 */
import { fp16BytesToFloat32 } from './fp16.ts';
import type { Attrs, GraphBuilder } from './graph-builder.ts';

/** Emits the last node of a sequence and returns its output name. */
export type Sink = (opType: string, inputs: string[], attrs?: Attrs) => string;
import { NCHW_TO_NHWC, NHWC_TO_NCHW, permuteShape, transposeData } from './layout.ts';
import { TensorType, type TfliteModel, type TfliteTensor } from './tflite-reader.ts';

/** TFLite ActivationFunctionType (schema.fbs). */
export const Activation = { NONE: 0, RELU: 1, RELU_N1_TO_1: 2, RELU6: 3, TANH: 4 } as const;

export class ConversionContext {
	/** ONNX value name of each converted activation tensor (stored layout). */
	private readonly values = new Map<number, string>();
	private readonly nhwcViews = new Map<number, string>();
	/** Constant tensors folded at conversion time (DEQUANTIZE outputs). */
	private readonly folded = new Map<number, Float32Array>();
	private readonly graphOutputs: Set<number>;

	constructor(
		readonly model: TfliteModel,
		readonly g: GraphBuilder
	) {
		this.graphOutputs = new Set(model.outputs);
	}

	tensor(i: number): TfliteTensor {
		const t = this.model.tensors[i];
		if (!t) throw new Error(`tensor index ${i} out of range`);
		return t;
	}
	shape(i: number): number[] {
		return this.tensor(i).shape;
	}
	is4d(i: number): boolean {
		return this.shape(i).length === 4;
	}
	isConst(i: number): boolean {
		return this.folded.has(i) || this.tensor(i).data !== null;
	}

	/** Record a folded constant (e.g. the fp32 result of DEQUANTIZE of an fp16 buffer). */
	fold(i: number, data: Float32Array): void {
		this.folded.set(i, data);
	}

	/**
	 * Constant tensor as fp32, in TFLite layout.
	 * @throws Error if the tensor is not constant or not float16/float32.
	 */
	f32(i: number): Float32Array {
		const f = this.folded.get(i);
		if (f) return f;
		const t = this.tensor(i);
		if (!t.data) throw new Error(`tensor ${t.name} is not constant`);
		if (t.type === TensorType.FLOAT32) {
			const copy = t.data.slice();
			return new Float32Array(copy.buffer, 0, copy.length / 4);
		}
		if (t.type === TensorType.FLOAT16) return fp16BytesToFloat32(t.data);
		throw new Error(`tensor ${t.name}: expected a float constant, got type ${t.type}`);
	}

	/** Constant int32 tensor (paddings, sizes, slice bounds). @throws Error if not an int32 constant. */
	i32(i: number): Int32Array {
		const t = this.tensor(i);
		if (!t.data || t.type !== TensorType.INT32) throw new Error(`tensor ${t.name}: expected an int32 constant`);
		const copy = t.data.slice();
		return new Int32Array(copy.buffer, 0, copy.length / 4);
	}

	/**
	 * ONNX value of tensor `i` in its stored layout (NCHW when 4-D). Constants are
	 * materialised as initialisers (4-D ones transposed to NCHW).
	 * @throws Error if the tensor has not been produced yet.
	 */
	value(i: number): string {
		const v = this.values.get(i);
		if (v) return v;
		if (this.isConst(i)) {
			const shape = this.shape(i);
			let data = this.f32(i);
			let dims = shape;
			if (shape.length === 4) {
				data = transposeData(data, shape, NHWC_TO_NCHW);
				dims = permuteShape(shape, NHWC_TO_NCHW);
			}
			const name = this.g.floatConst(this.tensor(i).name, dims, data);
			this.values.set(i, name);
			return name;
		}
		throw new Error(`tensor ${this.tensor(i).name} used before it was produced`);
	}

	/**
	 * ONNX value of tensor `i` in TFLite's element order (NHWC for 4-D): a Transpose of
	 * the NCHW value, or a Reshape when H = W = 1 (same element order; no data movement).
	 */
	valueNhwc(i: number): string {
		if (!this.is4d(i)) return this.value(i);
		const cached = this.nhwcViews.get(i);
		if (cached) return cached;
		const name = this.toNhwc(this.value(i), this.shape(i), `${this.tensor(i).name}__nhwc`, false);
		this.nhwcViews.set(i, name);
		return name;
	}

	/**
	 * Emit NCHW → NHWC for a value whose NHWC shape is `nhwcShape`.
	 * @param exact when true, `outName` is used verbatim (it must already be reserved).
	 */
	toNhwc(nchw: string, nhwcShape: number[], outName: string, exact: boolean): string {
		const [, h, w] = nhwcShape;
		if (h === 1 && w === 1) {
			const shapeConst = this.g.int64Const('shape', [4], nhwcShape);
			return this.g.node('Reshape', [nchw, shapeConst], [outName], {}, !exact)[0];
		}
		return this.g.node('Transpose', [nchw], [outName], { perm: NCHW_TO_NHWC }, !exact)[0];
	}

	/**
	 * Emit NHWC → NCHW for a value whose NHWC shape is `nhwcShape`, through `sink`
	 * (e.g. `ctx.sinkFor(i)` so the node directly produces a TFLite tensor).
	 */
	toNchw(nhwc: string, nhwcShape: number[], sink: Sink): string {
		const [, h, w] = nhwcShape;
		if (h === 1 && w === 1) {
			const shapeConst = this.g.int64Const('shape', [4], permuteShape(nhwcShape, NHWC_TO_NCHW));
			return sink('Reshape', [nhwc, shapeConst]);
		}
		return sink('Transpose', [nhwc], { perm: NHWC_TO_NCHW });
	}

	/** A sink whose node produces tensor `i` (see {@link produce}). */
	sinkFor(i: number): Sink {
		return (opType, inputs, attrs = {}) => this.produce(i, opType, inputs, attrs);
	}

	/** Name for the final value of tensor `i`: its TFLite name (made unique), `__nchw` suffix for 4-D graph outputs. */
	private outputName(i: number): { name: string; exact: boolean } {
		const t = this.tensor(i);
		if (this.graphOutputs.has(i)) {
			return this.is4d(i) ? { name: `${t.name}__nchw`, exact: false } : { name: t.name, exact: true };
		}
		return { name: t.name, exact: false };
	}

	/** Register an already-emitted ONNX value as tensor `i` (stored layout). */
	define(i: number, name: string): void {
		if (this.values.has(i)) throw new Error(`tensor ${this.tensor(i).name} produced twice`);
		this.values.set(i, name);
	}

	/** Emit the node producing tensor `i` (stored layout) and register it. */
	produce(i: number, opType: string, inputs: string[], attrs: Attrs = {}): string {
		const { name, exact } = this.outputName(i);
		const out = this.g.node(opType, inputs, [name], attrs, !exact)[0];
		this.define(i, out);
		return out;
	}

	/**
	 * Emit `opType` then TFLite's fused activation, registering the result as tensor `i`.
	 * RELU → Relu, RELU6 → Clip(0, 6), RELU_N1_TO_1 → Clip(-1, 1), TANH → Tanh.
	 * @throws Error for SIGN_BIT or unknown activations.
	 */
	produceWithActivation(i: number, opType: string, inputs: string[], attrs: Attrs, act: number): string {
		if (act === Activation.NONE) return this.produce(i, opType, inputs, attrs);
		const pre = this.g.op(opType, inputs, `${this.tensor(i).name}__preact`, attrs);
		return this.applyActivation(i, pre, act);
	}

	/** Apply a fused activation to `pre`, producing tensor `i`. */
	applyActivation(i: number, pre: string, act: number): string {
		switch (act) {
			case Activation.NONE:
				throw new Error('applyActivation called without an activation');
			case Activation.RELU:
				return this.produce(i, 'Relu', [pre]);
			case Activation.RELU6:
				return this.produce(i, 'Clip', [pre, this.g.floatConst('zero', [], [0]), this.g.floatConst('six', [], [6])]);
			case Activation.RELU_N1_TO_1:
				return this.produce(i, 'Clip', [pre, this.g.floatConst('minus_one', [], [-1]), this.g.floatConst('one', [], [1])]);
			case Activation.TANH:
				return this.produce(i, 'Tanh', [pre]);
			default:
				throw new Error(`unsupported fused activation ${act}`);
		}
	}

	/**
	 * Operand of an elementwise op whose output has rank `outRank`. For a 4-D output
	 * (stored NCHW) a constant of lower rank is broadcast NHWC-style (right-aligned),
	 * so it is reshaped to 4-D NHWC and transposed to NCHW at conversion time.
	 * @throws Error for a non-constant lower-rank operand of a 4-D op (not needed by these models).
	 */
	broadcastOperand(i: number, outRank: number): string {
		const shape = this.shape(i);
		if (outRank !== 4 || shape.length === 4) return this.value(i);
		const size = shape.reduce((a, b) => a * b, 1);
		if (size === 1 && this.isConst(i)) return this.g.floatConst(this.tensor(i).name, [1], this.f32(i));
		if (!this.isConst(i)) throw new Error(`cannot broadcast non-constant ${this.tensor(i).name} ${shape} against a 4-D tensor`);
		const nhwc = [...new Array(4 - shape.length).fill(1), ...shape];
		const data = transposeData(this.f32(i), nhwc, NHWC_TO_NCHW);
		return this.g.floatConst(this.tensor(i).name, permuteShape(nhwc, NHWC_TO_NCHW), data);
	}

	/**
	 * After all ops: graph outputs that are 4-D get a final NCHW → NHWC node named
	 * exactly as the TFLite tensor. @returns the graph output names in TFLite order.
	 */
	finishOutputs(): string[] {
		return this.model.outputs.map((i) => {
			const t = this.tensor(i);
			if (!this.is4d(i)) {
				if (this.values.get(i) !== t.name) throw new Error(`graph output ${t.name} was not produced under its name`);
				return t.name;
			}
			return this.toNhwc(this.value(i), t.shape, t.name, true);
		});
	}
}

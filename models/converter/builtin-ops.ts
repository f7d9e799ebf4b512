/**
 * Emitters for the TFLite builtin operators used by the MediaPipe face detection,
 * face landmark and selfie segmentation models (op codes: schema.fbs
 * `enum BuiltinOperator`; option field ids: the matching `*Options` tables).
 * Mapping rules: shared/reference/model-conversion.md, "Operators and their ONNX form".
 */
import { Activation, type ConversionContext } from './context.ts';
import { nhwcAxisToNchw, NHWC_TO_NCHW, permuteShape, samePadding, transposeData } from './layout.ts';
import type { TfliteOperator } from './tflite-reader.ts';

/** BuiltinOperator codes handled here (schema.fbs). */
export const Op = {
	ADD: 0,
	AVERAGE_POOL_2D: 1,
	CONCATENATION: 2,
	CONV_2D: 3,
	DEPTHWISE_CONV_2D: 4,
	DEQUANTIZE: 6,
	LOGISTIC: 14,
	MAX_POOL_2D: 17,
	MUL: 18,
	RELU: 19,
	RELU6: 21,
	RESHAPE: 22,
	RESIZE_BILINEAR: 23,
	CUSTOM: 32,
	PAD: 34,
	MEAN: 40,
	SUB: 41,
	DIV: 42,
	STRIDED_SLICE: 45,
	PRELU: 54,
	HARD_SWISH: 117
} as const;

/** Largest number of tensor inputs per ONNX node: WebGPU allows 8 storage buffers per stage (one is the output). */
export const MAX_NODE_INPUTS = 7;

const SAME = 0; // Padding enum (schema.fbs): SAME = 0, VALID = 1

type Emitter = (ctx: ConversionContext, op: TfliteOperator) => void;

function spatialPads(ctx: ConversionContext, input: number, padding: number, kh: number, kw: number, sh: number, sw: number, dh = 1, dw = 1): number[] {
	if (padding !== SAME) return [0, 0, 0, 0];
	const [, h, w] = ctx.shape(input);
	const [t, b] = samePadding(h, kh, sh, dh);
	const [l, r] = samePadding(w, kw, sw, dw);
	return [t, l, b, r]; // ONNX pads: [x1_begin, x2_begin, x1_end, x2_end]
}

/** Bias input (constant [O]) or a zero bias when the optional input is absent (-1). */
function biasValue(ctx: ConversionContext, op: TfliteOperator, outChannels: number): string {
	const b = op.inputs[2];
	if (b === undefined || b < 0) return ctx.g.floatConst('zero_bias', [outChannels], new Float32Array(outChannels));
	return ctx.g.floatConst(ctx.tensor(b).name, [outChannels], ctx.f32(b));
}

const conv2d: Emitter = (ctx, op) => {
	// Conv2DOptions: padding=0, stride_w=1, stride_h=2, fused_activation_function=3, dilation_w=4, dilation_h=5
	const o = op.builtinOptions!;
	const [x, wIdx] = op.inputs;
	const wShape = ctx.shape(wIdx); // OHWI
	const [oc, kh, kw] = wShape;
	const sw = o.int32(1, 1), sh = o.int32(2, 1), dw = o.int32(4, 1), dh = o.int32(5, 1);
	const w = ctx.g.floatConst(ctx.tensor(wIdx).name, permuteShape(wShape, NHWC_TO_NCHW), transposeData(ctx.f32(wIdx), wShape, NHWC_TO_NCHW));
	ctx.produceWithActivation(
		op.outputs[0],
		'Conv',
		[ctx.value(x), w, biasValue(ctx, op, oc)],
		{ kernel_shape: [kh, kw], strides: [sh, sw], dilations: [dh, dw], pads: spatialPads(ctx, x, o.int8(0), kh, kw, sh, sw, dh, dw), group: 1 },
		o.int8(3)
	);
};

const depthwiseConv2d: Emitter = (ctx, op) => {
	// DepthwiseConv2DOptions: padding=0, stride_w=1, stride_h=2, depth_multiplier=3, fused_activation_function=4, dilation_w=5, dilation_h=6
	const o = op.builtinOptions!;
	const [x, wIdx] = op.inputs;
	const [, kh, kw, oc] = ctx.shape(wIdx); // [1, KH, KW, C*multiplier]
	const cin = ctx.shape(x)[3];
	const sw = o.int32(1, 1), sh = o.int32(2, 1), dw = o.int32(5, 1), dh = o.int32(6, 1);
	// [1,KH,KW,OC] → [OC,1,KH,KW]
	const w = ctx.g.floatConst(ctx.tensor(wIdx).name, [oc, 1, kh, kw], transposeData(ctx.f32(wIdx), [1, kh, kw, oc], [3, 0, 1, 2]));
	ctx.produceWithActivation(
		op.outputs[0],
		'Conv',
		[ctx.value(x), w, biasValue(ctx, op, oc)],
		{ kernel_shape: [kh, kw], strides: [sh, sw], dilations: [dh, dw], pads: spatialPads(ctx, x, o.int8(0), kh, kw, sh, sw, dh, dw), group: cin },
		o.int8(4)
	);
};

function pool(onnxOp: 'MaxPool' | 'AveragePool'): Emitter {
	return (ctx, op) => {
		// Pool2DOptions: padding=0, stride_w=1, stride_h=2, filter_width=3, filter_height=4, fused_activation_function=5
		const o = op.builtinOptions!;
		const x = op.inputs[0];
		const sw = o.int32(1, 1), sh = o.int32(2, 1), fw = o.int32(3, 1), fh = o.int32(4, 1);
		const attrs: Record<string, number | number[]> = { kernel_shape: [fh, fw], strides: [sh, sw], pads: spatialPads(ctx, x, o.int8(0), fh, fw, sh, sw) };
		// TFLite averages over valid (unpadded) pixels only: count_include_pad = 0 (the ONNX default).
		if (onnxOp === 'AveragePool') attrs.count_include_pad = 0;
		ctx.produceWithActivation(op.outputs[0], onnxOp, [ctx.value(x)], attrs, o.int8(5));
	};
}

function elementwise(onnxOp: 'Add' | 'Mul' | 'Sub' | 'Div'): Emitter {
	return (ctx, op) => {
		// Add/Mul/Sub/DivOptions: fused_activation_function=0
		const out = op.outputs[0];
		const rank = ctx.shape(out).length;
		const inputs = op.inputs.map((i) => ctx.broadcastOperand(i, rank));
		ctx.produceWithActivation(out, onnxOp, inputs, {}, op.builtinOptions ? op.builtinOptions.int8(0) : Activation.NONE);
	};
}

function unary(onnxOp: string, attrs: Record<string, number> = {}): Emitter {
	return (ctx, op) => {
		ctx.produce(op.outputs[0], onnxOp, [ctx.value(op.inputs[0])], attrs);
	};
}

const relu6: Emitter = (ctx, op) => {
	ctx.applyActivation(op.outputs[0], ctx.value(op.inputs[0]), Activation.RELU6);
};

/**
 * PRELU as Relu(x) − α·Relu(−x): the PRelu kernel falls back to the CPU on
 * onnxruntime-web's JSEP WebGPU backend (model-conversion.md, "WebGPU rules").
 */
const prelu: Emitter = (ctx, op) => {
	const [x, a] = op.inputs;
	const out = op.outputs[0];
	const rank = ctx.shape(out).length;
	const base = ctx.tensor(out).name;
	const xv = ctx.value(x);
	const alpha = ctx.broadcastOperand(a, rank);
	const pos = ctx.g.op('Relu', [xv], `${base}__pos`);
	const neg = ctx.g.op('Relu', [ctx.g.op('Neg', [xv], `${base}__negx`)], `${base}__neg`);
	const scaled = ctx.g.op('Mul', [neg, alpha], `${base}__alphaneg`);
	ctx.produce(out, 'Sub', [pos, scaled]);
};

const pad: Emitter = (ctx, op) => {
	const [x, p] = op.inputs;
	const pads = Array.from(ctx.i32(p)); // [rank, 2] (before, after) per axis
	const rank = ctx.shape(x).length;
	let before = Array.from({ length: rank }, (_, i) => pads[2 * i]);
	let after = Array.from({ length: rank }, (_, i) => pads[2 * i + 1]);
	if (rank === 4) {
		before = permuteShape(before, NHWC_TO_NCHW);
		after = permuteShape(after, NHWC_TO_NCHW);
	}
	const padsConst = ctx.g.int64Const('pads', [2 * rank], [...before, ...after]);
	ctx.produce(op.outputs[0], 'Pad', [ctx.value(x), padsConst], { mode: 'constant' });
};

/** CONCATENATION; more than MAX_NODE_INPUTS inputs become a tree of Concats (WebGPU buffer limit). */
const concat: Emitter = (ctx, op) => {
	// ConcatenationOptions: axis=0, fused_activation_function=1
	const o = op.builtinOptions!;
	const out = op.outputs[0];
	const rank = ctx.shape(out).length;
	let axis = o.int32(0);
	if (axis < 0) axis += rank;
	if (rank === 4) axis = nhwcAxisToNchw(axis);
	let parts = op.inputs.map((i) => ctx.value(i));
	const base = ctx.tensor(out).name;
	while (parts.length > MAX_NODE_INPUTS) {
		const next: string[] = [];
		for (let k = 0; k < parts.length; k += MAX_NODE_INPUTS) {
			const group = parts.slice(k, k + MAX_NODE_INPUTS);
			next.push(group.length === 1 ? group[0] : ctx.g.op('Concat', group, `${base}__part`, { axis }));
		}
		parts = next;
	}
	ctx.produceWithActivation(out, 'Concat', parts, { axis }, o.int8(1));
};

/** RESHAPE in TFLite element order: NCHW → NHWC view, Reshape, and back to NCHW for a 4-D result. */
const reshape: Emitter = (ctx, op) => {
	const x = op.inputs[0];
	const out = op.outputs[0];
	const outShape = ctx.shape(out);
	const src = ctx.valueNhwc(x);
	if (outShape.length !== 4) {
		ctx.produce(out, 'Reshape', [src, ctx.g.int64Const('shape', [outShape.length], outShape)]);
		return;
	}
	const nhwc = ctx.g.op('Reshape', [src, ctx.g.int64Const('shape', [4], outShape)], `${ctx.tensor(out).name}__nhwc`);
	ctx.toNchw(nhwc, outShape, ctx.sinkFor(out));
};

const resizeBilinear: Emitter = (ctx, op) => {
	// ResizeBilinearOptions: new_height=0 (deprecated), new_width=1 (deprecated), align_corners=2, half_pixel_centers=3
	const o = op.builtinOptions;
	const alignCorners = o ? o.bool(2) : false;
	const halfPixel = o ? o.bool(3) : false;
	const out = op.outputs[0];
	const [n, h, w, c] = ctx.shape(out);
	const sizes = ctx.g.int64Const('sizes', [4], [n, c, h, w]);
	// TF's half_pixel_centers matches ONNX half_pixel (model-conversion.md: to 2e-7).
	const mode = alignCorners ? 'align_corners' : halfPixel ? 'half_pixel' : 'asymmetric';
	ctx.produce(out, 'Resize', [ctx.value(op.inputs[0]), '', '', sizes], { mode: 'linear', coordinate_transformation_mode: mode });
};

/** STRIDED_SLICE with begin/end masks (ellipsis, new-axis and shrink masks are rejected). */
const stridedSlice: Emitter = (ctx, op) => {
	// StridedSliceOptions: begin_mask=0, end_mask=1, ellipsis_mask=2, new_axis_mask=3, shrink_axis_mask=4, offset=5
	const o = op.builtinOptions;
	const beginMask = o ? o.int32(0) : 0;
	const endMask = o ? o.int32(1) : 0;
	if (o && (o.int32(2) || o.int32(3) || o.int32(4) || o.bool(5))) throw new Error('STRIDED_SLICE with ellipsis/new-axis/shrink masks or offset is not supported');
	const [x, bI, eI, sI] = op.inputs;
	const shape = ctx.shape(x);
	const rank = shape.length;
	const begin = Array.from(ctx.i32(bI));
	const end = Array.from(ctx.i32(eI));
	const steps = Array.from(ctx.i32(sI));
	const INT64_MAX = Number.MAX_SAFE_INTEGER;
	const starts: number[] = [];
	const ends: number[] = [];
	for (let d = 0; d < rank; d++) {
		starts.push(beginMask & (1 << d) ? (steps[d] > 0 ? 0 : INT64_MAX) : begin[d]);
		ends.push(endMask & (1 << d) ? (steps[d] > 0 ? INT64_MAX : -INT64_MAX) : end[d]);
	}
	const axes = rank === 4 ? [0, 1, 2, 3].map(nhwcAxisToNchw) : [...Array(rank).keys()];
	const g = ctx.g;
	ctx.produce(op.outputs[0], 'Slice', [
		ctx.value(x),
		g.int64Const('starts', [rank], starts),
		g.int64Const('ends', [rank], ends),
		g.int64Const('axes', [rank], axes),
		g.int64Const('steps', [rank], steps)
	]);
};

/** MEAN over axes (ReducerOptions: keep_dims=0); axes remapped for 4-D inputs. */
const mean: Emitter = (ctx, op) => {
	const [x, a] = op.inputs;
	const rank = ctx.shape(x).length;
	const keep = op.builtinOptions ? op.builtinOptions.bool(0) : false;
	if (rank === 4 && !keep) throw new Error('MEAN without keep_dims on a 4-D tensor is not supported');
	let axes = Array.from(ctx.i32(a)).map((v) => (v < 0 ? v + rank : v));
	if (rank === 4) axes = axes.map(nhwcAxisToNchw);
	ctx.produce(op.outputs[0], 'ReduceMean', [ctx.value(x)], { axes: axes.sort(), keepdims: keep ? 1 : 0 });
};

/** DEQUANTIZE: fp16 constants are folded into fp32 (no node); activations become a Cast. */
const dequantize: Emitter = (ctx, op) => {
	const [x] = op.inputs;
	if (ctx.isConst(x)) {
		ctx.fold(op.outputs[0], ctx.f32(x));
		return;
	}
	ctx.produce(op.outputs[0], 'Cast', [ctx.value(x)], { to: 1 });
};

export const BUILTIN_EMITTERS: Record<number, Emitter> = {
	[Op.ADD]: elementwise('Add'),
	[Op.SUB]: elementwise('Sub'),
	[Op.MUL]: elementwise('Mul'),
	[Op.DIV]: elementwise('Div'),
	[Op.AVERAGE_POOL_2D]: pool('AveragePool'),
	[Op.MAX_POOL_2D]: pool('MaxPool'),
	[Op.CONCATENATION]: concat,
	[Op.CONV_2D]: conv2d,
	[Op.DEPTHWISE_CONV_2D]: depthwiseConv2d,
	[Op.DEQUANTIZE]: dequantize,
	[Op.LOGISTIC]: unary('Sigmoid'),
	[Op.RELU]: unary('Relu'),
	[Op.RELU6]: relu6,
	[Op.HARD_SWISH]: unary('HardSwish'),
	[Op.PRELU]: prelu,
	[Op.PAD]: pad,
	[Op.RESHAPE]: reshape,
	[Op.RESIZE_BILINEAR]: resizeBilinear,
	[Op.STRIDED_SLICE]: stridedSlice,
	[Op.MEAN]: mean
};

/**
 * MediaPipe custom ops of the face-mesh attention model and the selfie model,
 * expressed with standard ONNX opset-17 operators that onnxruntime-web's WebGPU
 * (JSEP) backend implements (no atan2, no And, no ScatterND, ≤ 7 inputs per node).
 *
 * Semantics follow the MediaPipe CPU kernels in mediapipe/util/tflite/operations/
 * (landmarks_to_transform_matrix.cc v2, transform_tensor_bilinear.cc v2,
 * transform_landmarks.cc v2, transpose_conv_bias.cc); plain-TypeScript ports of
 * those kernels live in models/reference/ and the tests compare both.
 */
import type { ConversionContext, Sink } from './context.ts';
import {
	parseLandmarks2TransformMatrix,
	parseTransformTensorBilinear,
	parseTransposeConvBias,
	type Landmarks2TransformMatrixOptions,
	type TransposeConvBiasOptions
} from './custom-options.ts';
import { DataType } from './onnx-model.ts';
import type { GraphBuilder } from './graph-builder.ts';
import { transposeData } from './layout.ts';
import type { TfliteOperator } from './tflite-reader.ts';

/** A sink that names the last node `outBase` (made unique). */
export function namedSink(g: GraphBuilder, outBase: string): Sink {
	return (opType, inputs, attrs = {}) => g.op(opType, inputs, outBase, attrs);
}

/**
 * Landmarks2TransformMatrix v2 as ONNX ops.
 *
 * Input `landmarks`: Float32 [1, N, 3] (x, y, z in feature-map px).
 * Output: Float32 [1, 4, 4], row-major, the matrix mapping output-crop px (x, y, 0, 1)
 * to feature-map px: shift(centre) · rot(θ − target) · scale(sx, sy) · shift(−W/2, −H/2), with
 * θ the angle of (right − left) rotation landmarks, and the crop the bounding box of the
 * subset landmarks in the frame rotated by (target − θ) (landmarks_to_transform_matrix.cc).
 * Closed form: cos θ, sin θ = normalised (right − left); no atan2.
 * Degenerate input (left = right landmark) yields NaN, where the kernel's atan2(0,0) = 0.
 */
export function buildLandmarks2TransformMatrix(g: GraphBuilder, landmarks: string, o: Landmarks2TransformMatrixOptions, sink: Sink): string {
	const b = 'l2tm';
	const ct = Math.cos(o.targetRotationRadians);
	const st = Math.sin(o.targetRotationRadians);
	const axis2 = g.int64Const('axes_2', [1], [2]);
	const i0 = g.int64Const('i0', [1], [0]);
	const i2 = g.int64Const('i2', [1], [2]);
	// Rotation landmarks, xy only: [1, 2, 2]
	const pair = g.op('Gather', [landmarks, g.int64Const('rotation_idx', [2], [o.leftRotationIdx, o.rightRotationIdx])], `${b}_pair`, { axis: 1 });
	const pairXy = g.op('Slice', [pair, i0, i2, axis2], `${b}_pair_xy`);
	// d = right − left: [1, 1, 2]
	const d = g.op('MatMul', [g.floatConst('diff_row', [1, 2], [-1, 1]), pairXy], `${b}_d`);
	const len = g.op('Sqrt', [g.op('ReduceSum', [g.op('Mul', [d, d], `${b}_d2`), axis2], `${b}_len2`, { keepdims: 1 })], `${b}_len`);
	const u = g.op('Div', [d, len], `${b}_cos_sin_theta`); // (cos θ, sin θ)
	// r = θ − target: (cos r, sin r) = u · [[ct, −st], [st, ct]]; R(r) flattened = (cr, −sr, sr, cr);
	// R(r)ᵀ flattened = (cr, sr, −sr, cr). Both are linear in u, so one MatMul each.
	const rotK = (sign: number) => {
		// rows: coefficient of cos θ, of sin θ
		const crc = [ct, st];
		const src = [-st, ct];
		return [0, 1].flatMap((k) => [crc[k], -sign * src[k], sign * src[k], crc[k]]);
	};
	const shape122 = g.int64Const('shape_1x2x2', [3], [1, 2, 2]);
	const rot = g.op('Reshape', [g.op('MatMul', [u, g.floatConst('rot_k', [2, 4], rotK(1))], `${b}_rot_flat`), shape122], `${b}_rot`);
	const rotT = g.op('Reshape', [g.op('MatMul', [u, g.floatConst('rot_t_k', [2, 4], rotK(-1))], `${b}_rot_t_flat`), shape122], `${b}_rot_t`);
	// Subset landmarks in the frame rotated by −r: [x y] · R(r) = (cr·x + sr·y, −sr·x + cr·y)
	const subset = g.op('Gather', [landmarks, g.int64Const('subset_idx', [o.subsetIdxs.length], o.subsetIdxs)], `${b}_subset`, { axis: 1 });
	const subsetXy = g.op('Slice', [subset, i0, i2, axis2], `${b}_subset_xy`);
	const rotated = g.op('MatMul', [subsetXy, rot], `${b}_subset_rot`);
	const mx = g.op('ReduceMax', [rotated], `${b}_max`, { axes: [1], keepdims: 1 });
	const mn = g.op('ReduceMin', [rotated], `${b}_min`, { axes: [1], keepdims: 1 });
	const size = g.op('Sub', [mx, mn], `${b}_size`);
	const mid = g.op('Mul', [g.op('Add', [mx, mn], `${b}_sum`), g.floatConst('half', [], [0.5])], `${b}_mid`);
	// Crop centre back in the feature frame: mid · R(r)ᵀ, as a column [1, 2, 1]
	const centre = g.op('Reshape', [g.op('MatMul', [mid, rotT], `${b}_centre_row`), g.int64Const('shape_1x2x1', [3], [1, 2, 1])], `${b}_centre`);
	// scale (sx, sy) = (scale_x·w/W, scale_y·h/H)
	const s = g.op('Mul', [size, g.floatConst('scale_per_px', [1, 1, 2], [o.scaleX / o.outputWidth, o.scaleY / o.outputHeight])], `${b}_scale`);
	const a = g.op('Mul', [rot, s], `${b}_linear`); // R(r)·diag(sx, sy)
	const shift = g.floatConst('half_out', [2, 1], [-o.outputWidth / 2, -o.outputHeight / 2]);
	const t = g.op('Add', [centre, g.op('MatMul', [a, shift], `${b}_a_shift`)], `${b}_translation`);
	const top = g.op('Concat', [a, g.floatConst('zeros_1x2x1', [1, 2, 1], [0, 0]), t], `${b}_top`, { axis: 2 });
	return sink('Concat', [top, g.floatConst('bottom_rows', [1, 2, 4], [0, 0, 1, 0, 0, 0, 0, 1])], { axis: 1 });
}

/** Shapes for {@link buildTransformTensorBilinear}. */
export interface BilinearDims {
	channels: number;
	inHeight: number;
	inWidth: number;
	outHeight: number;
	outWidth: number;
}

/**
 * TransformTensorBilinear v2 as ONNX ops, on NCHW data.
 *
 * Input `featNchw`: Float32 [1, C, H, W]; `matrix`: Float32 [1, 4, 4] (row-major; rows 0–1 used).
 * Output: Float32 [1, C, outH, outW] NCHW. Output pixel (x, y) samples the input at
 * (m00·(x+½) + m01·(y+½) + m03 − ½, m10·(x+½) + m11·(y+½) + m13 − ½) (the v2 kernel's
 * align-corners correction), bilinearly; a sample point outside [0, W−1]×[0, H−1] gives 0, as the kernel does.
 * Built as a sampling matrix [H·W, outH·outW] of separable tent weights
 * max(0, 1 − |t − i|) (equal to the bilinear weights inside the image) masked by the
 * in-bounds test, applied with one MatMul.
 */
export function buildTransformTensorBilinear(g: GraphBuilder, featNchw: string, matrix: string, dm: BilinearDims, sink: Sink): string {
	const b = 'ttb';
	const { channels: C, inHeight: H, inWidth: W, outHeight: OH, outWidth: OW } = dm;
	const P = OH * OW;
	const grid = new Float32Array(4 * P);
	for (let y = 0; y < OH; y++)
		for (let x = 0; x < OW; x++) {
			const p = y * OW + x;
			grid[p] = x + 0.5;
			grid[P + p] = y + 0.5;
			grid[2 * P + p] = 0;
			grid[3 * P + p] = 1;
		}
	const rows = g.op('Slice', [matrix, g.int64Const('i0', [1], [0]), g.int64Const('i2', [1], [2]), g.int64Const('axes_1', [1], [1])], `${b}_rows`);
	const txy = g.op('Sub', [g.op('MatMul', [rows, g.floatConst(`${b}_grid_${OH}x${OW}`, [4, P], grid)], `${b}_txy_raw`), g.floatConst('half', [], [0.5])], `${b}_txy`); // [1, 2, P]
	// In-bounds mask: min(tx, ty, W−1−tx, H−1−ty) ≥ 0
	const far = g.op('Sub', [g.floatConst(`${b}_limits_${W}x${H}`, [1, 2, 1], [W - 1, H - 1]), txy], `${b}_far`);
	const margin = g.op('ReduceMin', [g.op('Concat', [txy, far], `${b}_margins`, { axis: 1 })], `${b}_margin`, { axes: [1], keepdims: 0 }); // [1, P]
	const valid = g.op('Cast', [g.op('GreaterOrEqual', [margin, g.floatConst('zero', [], [0])], `${b}_inside`)], `${b}_valid`, { to: DataType.FLOAT });
	const shape1P = g.int64Const(`shape_1x${P}`, [2], [1, P]);
	const tx = g.op('Reshape', [g.op('Slice', [txy, g.int64Const('i0', [1], [0]), g.int64Const('i1', [1], [1]), g.int64Const('axes_1', [1], [1])], `${b}_tx3`), shape1P], `${b}_tx`);
	const ty = g.op('Reshape', [g.op('Slice', [txy, g.int64Const('i1', [1], [1]), g.int64Const('i2', [1], [2]), g.int64Const('axes_1', [1], [1])], `${b}_ty3`), shape1P], `${b}_ty`);
	const one = g.floatConst('one', [], [1]);
	const tent = (t: string, n: number, tag: string) => {
		const idx = g.floatConst(`${b}_index_${n}`, [n, 1], Array.from({ length: n }, (_, i) => i));
		const dist = g.op('Abs', [g.op('Sub', [t, idx], `${b}_${tag}_delta`)], `${b}_${tag}_dist`);
		return g.op('Relu', [g.op('Sub', [one, dist], `${b}_${tag}_1mdist`)], `${b}_${tag}_w`); // [n, P]
	};
	const wx = g.op('Mul', [tent(tx, W, 'x'), valid], `${b}_x_w_masked`);
	const wy = tent(ty, H, 'y');
	const wm = g.op(
		'Mul',
		[g.op('Reshape', [wy, g.int64Const(`shape_${H}x1x${P}`, [3], [H, 1, P])], `${b}_wy3`), g.op('Reshape', [wx, g.int64Const(`shape_1x${W}x${P}`, [3], [1, W, P])], `${b}_wx3`)],
		`${b}_w3`
	);
	const sampling = g.op('Reshape', [wm, g.int64Const(`shape_${H * W}x${P}`, [2], [H * W, P])], `${b}_sampling`);
	const flat = g.op('Reshape', [featNchw, g.int64Const(`shape_1x${C}x${H * W}`, [3], [1, C, H * W])], `${b}_flat`);
	const sampled = g.op('MatMul', [flat, sampling], `${b}_sampled`);
	return sink('Reshape', [sampled, g.int64Const(`shape_1x${C}x${OH}x${OW}`, [4], [1, C, OH, OW])]);
}

/**
 * TransformLandmarks v2 as ONNX ops.
 * Input `landmarks`: Float32 [1, N, D] with D = 2 (x, y) or 3 (x, y, z); `matrix` Float32 [1, 4, 4].
 * Output [1, N, D]: (x, y) ↦ (m00·x + m01·y + m03, m10·x + m11·y + m13); z passes through
 * (transform_landmarks.cc v2).
 * @throws Error for D other than 2 or 3.
 */
export function buildTransformLandmarks(g: GraphBuilder, landmarks: string, matrix: string, dims: number, sink: Sink): string {
	if (dims !== 2 && dims !== 3) throw new Error(`TransformLandmarks: unsupported dimensions ${dims}`);
	const b = 'tl';
	const axes12 = g.int64Const('axes_12', [2], [1, 2]);
	const linear = g.op('Slice', [matrix, g.int64Const('i00', [2], [0, 0]), g.int64Const('i22', [2], [2, 2]), axes12], `${b}_linear`);
	const linearT = g.op('Transpose', [linear], `${b}_linear_t`, { perm: [0, 2, 1] });
	const trans = g.op(
		'Reshape',
		[g.op('Slice', [matrix, g.int64Const('i03', [2], [0, 3]), g.int64Const('i24', [2], [2, 4]), axes12], `${b}_translation_col`), g.int64Const('shape_1x1x2', [3], [1, 1, 2])],
		`${b}_translation`
	);
	if (dims === 2) return sink('Add', [g.op('MatMul', [landmarks, linearT], `${b}_moved`), trans]);
	const axis2 = g.int64Const('axes_2', [1], [2]);
	const xy = g.op('Slice', [landmarks, g.int64Const('i0', [1], [0]), g.int64Const('i2', [1], [2]), axis2], `${b}_xy`);
	const moved = g.op('MatMul', [xy, linearT], `${b}_moved`);
	const z = g.op('Slice', [landmarks, g.int64Const('i2', [1], [2]), g.int64Const('i3', [1], [3]), axis2], `${b}_z`);
	return sink('Concat', [g.op('Add', [moved, trans], `${b}_xy_out`), z], { axis: 2 });
}

/** Shapes for {@link buildConvTransposeBias}. */
export interface TransposeConvDims {
	inHeight: number;
	inWidth: number;
	inChannels: number;
	outChannels: number;
	kernelHeight: number;
	kernelWidth: number;
}

/**
 * Padding of MediaPipe's transposed convolution (transpose_conv_bias.cc Prepare/Eval):
 * total = max(0, k − (in − 1) % stride − 1) for SAME, 0 for VALID; before = ⌊total/2⌋.
 * @returns [before, after] in px.
 */
export function transposeConvPadding(inSize: number, k: number, stride: number, padding: 'SAME' | 'VALID'): [number, number] {
	if (padding === 'VALID') return [0, 0];
	const total = Math.max(0, k - ((inSize - 1) % stride) - 1);
	return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/**
 * Convolution2DTransposeBias (MediaPipe transpose_conv_bias.cc) as one ONNX ConvTranspose with bias.
 * Input `xNchw`: Float32 [1, Cin, H, W]; `weightsOhwi`: Float32Array [Cout, KH, KW, Cin] (TFLite OHWI),
 * stored as ONNX IOHW; `bias`: Float32Array [Cout].
 * Output: [1, Cout, stride·(H−1) + KH − padTotal, …] NCHW.
 */
export function buildConvTransposeBias(
	g: GraphBuilder,
	xNchw: string,
	weightsOhwi: Float32Array,
	bias: Float32Array,
	d: TransposeConvDims,
	o: TransposeConvBiasOptions,
	names: { weights: string; bias: string },
	sink: Sink
): string {
	const [pt, pb] = transposeConvPadding(d.inHeight, d.kernelHeight, o.strideH, o.padding);
	const [pl, pr] = transposeConvPadding(d.inWidth, d.kernelWidth, o.strideW, o.padding);
	const { outChannels: oc, kernelHeight: kh, kernelWidth: kw, inChannels: ic } = d;
	const w = g.floatConst(names.weights, [ic, oc, kh, kw], transposeData(weightsOhwi, [oc, kh, kw, ic], [3, 0, 1, 2]));
	const b = g.floatConst(names.bias, [oc], bias);
	return sink('ConvTranspose', [xNchw, w, b], { kernel_shape: [kh, kw], strides: [o.strideH, o.strideW], pads: [pt, pl, pb, pr], group: 1 });
}

function emitTransposeConvBias(ctx: ConversionContext, op: TfliteOperator): void {
	if (!op.customOptions) throw new Error('Convolution2DTransposeBias without options');
	const o = parseTransposeConvBias(op.customOptions);
	const [x, wIdx, bIdx] = op.inputs;
	const [oc, kh, kw, ic] = ctx.shape(wIdx);
	const [, ih, iw] = ctx.shape(x);
	buildConvTransposeBias(
		ctx.g,
		ctx.value(x),
		ctx.f32(wIdx),
		ctx.f32(bIdx),
		{ inHeight: ih, inWidth: iw, inChannels: ic, outChannels: oc, kernelHeight: kh, kernelWidth: kw },
		o,
		{ weights: ctx.tensor(wIdx).name, bias: ctx.tensor(bIdx).name },
		ctx.sinkFor(op.outputs[0])
	);
}

type Emitter = (ctx: ConversionContext, op: TfliteOperator) => void;

/** Custom-op emitters by custom_code, each restricted to the kernel version it implements. */
export const CUSTOM_EMITTERS: Record<string, { version: number; emit: Emitter }> = {
	Landmarks2TransformMatrix: {
		version: 2,
		emit: (ctx, op) => {
			const opts = parseLandmarks2TransformMatrix(op.customOptions ?? new Uint8Array());
			buildLandmarks2TransformMatrix(ctx.g, ctx.valueNhwc(op.inputs[0]), opts, ctx.sinkFor(op.outputs[0]));
		}
	},
	TransformTensorBilinear: {
		version: 2,
		emit: (ctx, op) => {
			const [feat, m] = op.inputs;
			const [, h, w, c] = ctx.shape(feat);
			const [, oh, ow] = ctx.shape(op.outputs[0]);
			const opts = parseTransformTensorBilinear(op.customOptions ?? new Uint8Array());
			if (opts.outputHeight !== oh || opts.outputWidth !== ow) throw new Error('TransformTensorBilinear: options disagree with the output shape');
			buildTransformTensorBilinear(ctx.g, ctx.value(feat), ctx.value(m), { channels: c, inHeight: h, inWidth: w, outHeight: oh, outWidth: ow }, ctx.sinkFor(op.outputs[0]));
		}
	},
	TransformLandmarks: {
		version: 2,
		emit: (ctx, op) => {
			const [lm, m] = op.inputs;
			const shape = ctx.shape(lm);
			if (shape.length !== 3) throw new Error('TransformLandmarks v2 expects a 3-D landmark tensor');
			buildTransformLandmarks(ctx.g, ctx.value(lm), ctx.value(m), shape[2], ctx.sinkFor(op.outputs[0]));
		}
	},
	Convolution2DTransposeBias: { version: 1, emit: emitTransposeConvBias }
};

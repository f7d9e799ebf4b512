/**
 * Unit checks of the converter's building blocks against independently known values:
 * fp16 decoding (IEEE 754 binary16), TF "SAME" padding, transposition, protobuf wire
 * format round trip, the TFLite reader on the shipped models, and custom-option parsing.
 */
import { describe, expect, it } from 'vitest';
import { readSource } from '../converter/build.ts';
import { parseTransposeConvBias } from '../converter/custom-options.ts';
import { transposeConvPadding } from '../converter/custom-ops.ts';
import { fp16BytesToFloat32 } from '../converter/fp16.ts';
import { nhwcAxisToNchw, samePadding, transposeData } from '../converter/layout.ts';
import { decodeModel, encodeModel } from '../converter/onnx-model.ts';
import { decodeFields, ProtoWriter } from '../converter/protobuf-wire.ts';
import { MODEL_SOURCES } from '../converter/sources.ts';
import { readTflite } from '../converter/tflite-reader.ts';
import { REPO_ROOT } from './helpers.ts';

describe('fp16 decoding', () => {
	it('decodes normal, subnormal, signed zero, infinity and NaN', () => {
		const halves = [0x3c00, 0xc000, 0x3555, 0x0001, 0x8000, 0x7bff, 0x7c00, 0x7e00];
		const bytes = new Uint8Array(halves.flatMap((h) => [h & 0xff, h >> 8]));
		const f = fp16BytesToFloat32(bytes);
		expect(Array.from(f.subarray(0, 7))).toEqual([1, -2, 0.333251953125, 2 ** -24, -0, 65504, Infinity]);
		expect(Object.is(f[4], -0)).toBe(true);
		expect(Number.isNaN(f[7])).toBe(true);
		expect(() => fp16BytesToFloat32(new Uint8Array(3))).toThrow();
	});
});

describe('layout helpers', () => {
	it('computes TF SAME padding with the extra pixel after', () => {
		expect(samePadding(128, 5, 1)).toEqual([2, 2]);
		expect(samePadding(128, 3, 2)).toEqual([0, 1]);
		expect(samePadding(64, 2, 2)).toEqual([0, 0]);
		expect(samePadding(7, 3, 1, 2)).toEqual([2, 2]);
	});
	it('splits MediaPipe transposed-conv padding as the kernel does', () => {
		expect(transposeConvPadding(128, 2, 2, 'SAME')).toEqual([0, 0]);
		expect(transposeConvPadding(5, 4, 2, 'SAME')).toEqual([1, 2]);
		expect(transposeConvPadding(5, 4, 2, 'VALID')).toEqual([0, 0]);
	});
	it('transposes like numpy and maps NHWC axes', () => {
		// x[n,h,w,c] = 1000h + 100w + c with H=2, W=3, C=2 → NCHW
		const nhwc = Float32Array.from({ length: 12 }, (_, i) => {
			const c = i % 2, w = Math.floor(i / 2) % 3, h = Math.floor(i / 6);
			return 1000 * h + 100 * w + c;
		});
		expect(Array.from(transposeData(nhwc, [1, 2, 3, 2], [0, 3, 1, 2]))).toEqual([0, 100, 200, 1000, 1100, 1200, 1, 101, 201, 1001, 1101, 1201]);
		expect([0, 1, 2, 3, -1].map(nhwcAxisToNchw)).toEqual([0, 2, 3, 1, 1]);
	});
});

describe('protobuf / ONNX encoding', () => {
	it('writes varints, negative int64, floats and strings per the wire format', () => {
		const w = new ProtoWriter().varint(1, 300).varint(2, -1).float(3, 1.5).string(4, 'ab');
		const bytes = w.finish();
		expect(Array.from(bytes.subarray(0, 3))).toEqual([0x08, 0xac, 0x02]); // field 1, varint 300
		const f = decodeFields(bytes);
		expect(f.map((x) => x.field)).toEqual([1, 2, 3, 4]);
		expect(f[0].varint).toBe(300n);
		expect(BigInt.asIntN(64, f[1].varint!)).toBe(-1n);
		expect(new DataView(f[2].bytes!.buffer, f[2].bytes!.byteOffset).getFloat32(0, true)).toBe(1.5);
		expect(new TextDecoder().decode(f[3].bytes)).toBe('ab');
	});
	it('round-trips a model through encodeModel/decodeModel', () => {
		const bytes = encodeModel({
			irVersion: 8,
			opsetVersion: 17,
			producerName: 'p',
			producerVersion: '1',
			docString: 'd',
			graphName: 'g',
			nodes: [{ name: 'n0', opType: 'Relu', inputs: ['x'], outputs: ['y'], attributes: [{ name: 'perm', value: { kind: 'ints', value: [0, -1] } }] }],
			initializers: [{ name: 'w', dims: [2], dataType: 1, raw: new Uint8Array(8) }],
			inputs: [{ name: 'x', elemType: 1, shape: [1, 3] }],
			outputs: [{ name: 'y', elemType: 1, shape: [1, 3] }],
			metadata: [{ key: 'k', value: 'v' }]
		});
		const m = decodeModel(bytes);
		expect(m.irVersion).toBe(8);
		expect(m.opsets).toEqual([{ domain: '', version: 17 }]);
		expect(m.nodes[0]).toMatchObject({ opType: 'Relu', inputs: ['x'], outputs: ['y'], attributes: { perm: [0, -1] } });
		expect(m.initializers).toEqual([{ name: 'w', dims: [2], dataType: 1 }]);
		expect(m.inputs).toEqual([{ name: 'x', elemType: 1, shape: [1, 3] }]);
		expect(m.metadata).toEqual({ k: 'v' });
	});
});

describe('TFLite reader on the shipped models', () => {
	it('reads tensors, operators and custom ops of each model', () => {
		const summary = MODEL_SOURCES.map((s) => {
			const m = readTflite(readSource(REPO_ROOT, s).bytes);
			const custom = [...new Set(m.operators.filter((o) => o.customCode).map((o) => `${o.customCode}@${o.opVersion}`))].sort();
			return { name: s.name, ops: m.operators.length, input: m.tensors[m.inputs[0]].shape, custom };
		});
		expect(summary).toEqual([
			{ name: 'face_detection_short_range', ops: 164, input: [1, 128, 128, 3], custom: [] },
			{ name: 'face_detection_full_range', ops: 354, input: [1, 192, 192, 3], custom: [] },
			{ name: 'face_landmark', ops: 210, input: [1, 192, 192, 3], custom: [] },
			{ name: 'face_landmark_with_attention', ops: 712, input: [1, 192, 192, 3], custom: ['Landmarks2TransformMatrix@2', 'TransformLandmarks@2', 'TransformTensorBilinear@2'] },
			{ name: 'selfie_segmentation', ops: 246, input: [1, 256, 256, 3], custom: ['Convolution2DTransposeBias@1'] }
		]);
	});
	it('rejects bytes without the TFL3 identifier', () => {
		expect(() => readTflite(new Uint8Array(16))).toThrow(/TFL3/);
	});
	it('parses the raw TfLiteTransposeConvParams struct', () => {
		const b = new Uint8Array(new Int32Array([1, 2, 3]).buffer);
		expect(parseTransposeConvBias(b)).toEqual({ padding: 'SAME', strideW: 2, strideH: 3 });
		expect(() => parseTransposeConvBias(new Uint8Array(new Int32Array([7, 1, 1]).buffer))).toThrow();
	});
});

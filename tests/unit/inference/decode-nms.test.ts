import { describe, expect, it } from 'vitest';
import { SHORT_RANGE_ANCHORS, generateAnchors } from '../../../src/lib/inference/blazeface/anchors';
import { SHORT_RANGE_DECODE, decodeDetections, sigmoid } from '../../../src/lib/inference/blazeface/decode';
import { iou, weightedNms } from '../../../src/lib/inference/blazeface/nms';
import { letterboxTransform } from '../../../src/lib/inference/blazeface/letterbox';
import { applyAffine } from '../../../src/lib/inference/math/affine';

const det = (x: number, y: number, w: number, h: number, score: number, kp: number[] = [x, y]) => ({
	xMin: x,
	yMin: y,
	width: w,
	height: h,
	score,
	keypoints: kp
});

describe('BlazeFace decoding (TensorsToDetectionsCalculator)', () => {
	const anchors = generateAnchors(SHORT_RANGE_ANCHORS);
	it('decodes box and keypoints of a synthetic tensor relative to the anchor', () => {
		const reg = new Float32Array(896 * 16);
		const cls = new Float32Array(896).fill(-10);
		const i = 600; // stride-16 layer
		const a = anchors[i];
		// centre offset (+12.8, -6.4) px of 128, size 32x40 px, keypoint 0 at +(-8, -4) px
		reg.set([12.8, -6.4, 32, 40, -8, -4, 8, -4, 0, 4, 0, 12, -16, 0, 16, 0], i * 16);
		cls[i] = 2;
		const out = decodeDetections(reg, cls, anchors, SHORT_RANGE_DECODE);
		expect(out.length).toBe(1);
		const d = out[0];
		expect(d.score).toBeCloseTo(sigmoid(2), 7);
		expect(d.score).toBeCloseTo(0.8807971, 6);
		expect(d.width).toBeCloseTo(0.25, 6);
		expect(d.height).toBeCloseTo(40 / 128, 6);
		expect(d.xMin + d.width / 2).toBeCloseTo(a.xCenter + 0.1, 6);
		expect(d.yMin + d.height / 2).toBeCloseTo(a.yCenter - 0.05, 6);
		expect(d.keypoints[0]).toBeCloseTo(a.xCenter - 8 / 128, 6);
		expect(d.keypoints[1]).toBeCloseTo(a.yCenter - 4 / 128, 6);
		expect(d.keypoints.length).toBe(12);
	});

	it('clips logits at ±100 and applies min score 0.5', () => {
		const reg = new Float32Array(896 * 16);
		const cls = new Float32Array(896).fill(-1e6);
		cls[3] = 1e6;
		cls[4] = 0; // sigmoid 0.5 exactly: kept (score >= thresh)
		cls[5] = -0.01;
		const out = decodeDetections(reg, cls, anchors, SHORT_RANGE_DECODE);
		expect(out.map((d) => d.score)).toEqual([1, 0.5]);
	});

	it('throws on size mismatch', () => {
		expect(() => decodeDetections(new Float32Array(10), new Float32Array(896), anchors, SHORT_RANGE_DECODE)).toThrow(/regressors/);
	});
});

describe('weighted NMS (NonMaxSuppressionCalculator WEIGHTED)', () => {
	it('IoU of known boxes', () => {
		expect(iou(det(0, 0, 2, 2, 1), det(1, 1, 2, 2, 1))).toBeCloseTo(1 / 7, 12);
		expect(iou(det(0, 0, 1, 1, 1), det(2, 2, 1, 1, 1))).toBe(0);
	});

	it('merges overlapping detections by score-weighted mean, keeps the best score, leaves others', () => {
		const a = det(0, 0, 10, 10, 0.9, [2, 2]);
		const b = det(1, 1, 10, 10, 0.6, [4, 5]); // IoU 81/119 = 0.68 > 0.3
		const c = det(30, 30, 10, 10, 0.7, [35, 35]);
		const d = det(0, 6, 10, 10, 0.8, [0, 0]); // IoU with a: 40/160 = 0.25 ≤ 0.3: separate
		const out = weightedNms([b, c, a, d], 0.3);
		expect(out.length).toBe(3);
		expect(out[0].score).toBe(0.9);
		const w = 0.9 + 0.6;
		expect(out[0].xMin).toBeCloseTo((0.6 * 1) / w, 12);
		expect(out[0].width).toBeCloseTo((0.9 * 10 + 0.6 * 11) / w - (0.6 * 1) / w, 12);
		expect(out[0].keypoints[0]).toBeCloseTo((0.9 * 2 + 0.6 * 4) / w, 12);
		expect(out[0].keypoints[1]).toBeCloseTo((0.9 * 2 + 0.6 * 5) / w, 12);
		for (const [got, want] of [
			[out[1], d],
			[out[2], c]
		] as const) {
			expect(got.score).toBe(want.score);
			expect(got.xMin).toBeCloseTo(want.xMin, 12);
			expect(got.yMin).toBeCloseTo(want.yMin, 12);
			expect(got.width).toBeCloseTo(want.width, 12);
			expect(got.keypoints[0]).toBeCloseTo(want.keypoints[0], 12);
		}
	});
});

describe('letterbox (ImageToTensor keep_aspect_ratio)', () => {
	it('pads a tall image left and right and maps tensor px back to image px', () => {
		const m = letterboxTransform({ x: 0, y: 0, width: 970, height: 2204 }, 128, 128);
		const s = 2204 / 128;
		expect(applyAffine(m, 0, 0)).toEqual({ x: (970 - 2204) / 2, y: 0 });
		const p = applyAffine(m, 64, 64);
		expect(p.x).toBeCloseTo(485, 9);
		expect(p.y).toBeCloseTo(1102, 9);
		expect(m[0]).toBeCloseTo(s, 12);
		expect(m[4]).toBeCloseTo(s, 12);
	});
	it('pads a wide region top and bottom', () => {
		const m = letterboxTransform({ x: 10, y: 20, width: 300, height: 100 }, 192, 192);
		const p = applyAffine(m, 192, 192);
		expect(p.x).toBeCloseTo(310, 9);
		expect(p.y).toBeCloseTo(70 + 150, 9);
	});
});

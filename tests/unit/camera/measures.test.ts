/**
 * Landmark and image measures of the live guidance: exact values on synthetic input; on the astronaut fixture
 * (needs models/onnx; skips without) the whole frame analyser, upright and rolled 15°.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { measureLandmarks, PITCH_BASELINE_DEG } from '../../../src/lib/camera/landmark-measures';
import { measureBackground, measureLight } from '../../../src/lib/camera/image-measures';
import { captureFraming } from '../../../src/lib/camera/framing';
import { createFrameAnalyser, LANDMARK_INTERVAL_MS } from '../../../src/lib/camera/analyser';
import { evaluateGuidance } from '../../../src/lib/camera/guidance';
import { createInferenceEngine } from '../../../src/lib/inference/engine';
import { fsModelLoader } from '../../../src/lib/inference/loaders-node';
import { MODEL_NAMES } from '../../../src/lib/inference/sessions';
import { geometryTarget } from '../../../src/lib/specs/geometry';
import { getSpec } from '../../../src/lib/specs/registry';
import type { FaceLandmarks, RgbaImage } from '../../../src/lib/types';
import { face } from './synthetic';

/** 478 points, all at (x, y, z) = (100, 100, 0) except those given: index → [x, y, z]. */
function landmarks(set: Record<number, [number, number, number]>): FaceLandmarks {
	const points = new Float32Array(478 * 3);
	for (let i = 0; i < 478; i++) points.set([100, 100, 0], i * 3);
	for (const [i, p] of Object.entries(set)) points.set(p, Number(i) * 3);
	const pt = (i: number) => ({ x: points[i * 3], y: points[i * 3 + 1] });
	return { points, irisCenters: { right: pt(468), left: pt(473) }, faceFlag: 1 };
}

/** A level frontal face: irises at (80,100) and (120,100), chin 70 px below the eyes, forehead 60 above. */
function frontal(over: Record<number, [number, number, number]> = {}) {
	// Pitch baseline: the forehead sits deeper by tan(-PITCH_BASELINE_DEG) × 130 px, as the mesh reads a level head.
	const fz = Math.tan((-PITCH_BASELINE_DEG * Math.PI) / 180) * -130;
	return landmarks({
		468: [80, 100, 0], 473: [120, 100, 0],
		33: [68, 100, 0], 133: [92, 100, 0], 263: [132, 100, 0], 362: [108, 100, 0],
		159: [80, 96, 0], 145: [80, 104, 0], 386: [120, 96, 0], 374: [120, 104, 0],
		160: [76, 97, 0], 144: [76, 103, 0], 158: [84, 97, 0], 153: [84, 103, 0],
		385: [116, 97, 0], 380: [116, 103, 0], 387: [124, 97, 0], 373: [124, 103, 0],
		13: [100, 140, 0], 14: [100, 141, 0], 82: [96, 140, 0], 87: [96, 141, 0], 312: [104, 140, 0], 317: [104, 141, 0],
		152: [100, 170, 0], 10: [100, 40, fz],
		...over
	});
}

describe('measureLandmarks', () => {
	it('measures a level frontal face', () => {
		const m = measureLandmarks(frontal());
		expect(m.interEyePx).toBe(40);
		expect(m.rollDeg).toBeCloseTo(0, 9);
		expect(m.yawDeg).toBeCloseTo(0, 9);
		expect(m.pitchDeg).toBeCloseTo(0, 6);
		expect(m.eyeToChinPx).toBeCloseTo(70, 9);
		expect(m.eyesOpenRatio).toBeCloseTo(8 / 70, 9);
		expect(m.mouthOpenRatio).toBeCloseTo(1 / 70, 9);
		expect(m.gaze.x).toBeCloseTo(0, 9);
		expect(m.gaze.y).toBeCloseTo(0, 9);
	});

	it('yaw sign: the subject’s left eye corner nearer the camera = head turned to their right (+)', () => {
		// 64 px apart in x, 0.2 × 64 nearer on the left: atan(0.2) = 11.31°.
		const m = measureLandmarks(frontal({ 33: [68, 100, 6.4], 263: [132, 100, -6.4] }));
		expect(m.yawDeg).toBeCloseTo(11.31, 2);
	});

	it('roll, mouth, closed eyes and gaze', () => {
		expect(measureLandmarks(frontal({ 473: [120, 110.7, 0] })).rollDeg).toBeCloseTo((Math.atan2(10.7, 40) * 180) / Math.PI, 5);
		expect(measureLandmarks(frontal({ 13: [100, 135, 0], 14: [100, 149, 0] })).mouthOpenRatio).toBeCloseTo(14 / 70, 9);
		// One eye closed is enough to ask (min over the eyes).
		const shut = frontal({ 386: [120, 99.5, 0], 374: [120, 100.5, 0], 385: [116, 99.7, 0], 380: [116, 100.3, 0], 387: [124, 99.7, 0], 373: [124, 100.3, 0] });
		expect(measureLandmarks(shut).eyesOpenRatio).toBeCloseTo(1 / 70, 9);
		// Both irises 6 px toward the image right in 24 px wide eyes: 0.25.
		const m = measureLandmarks(frontal({ 468: [86, 100, 0], 473: [126, 100, 0] }));
		expect(m.gaze.x).toBeCloseTo(0.25, 9);
	});

	it('rejects a mesh without irises', () => {
		expect(() => measureLandmarks({ points: new Float32Array(468 * 3), irisCenters: { right: { x: 0, y: 0 }, left: { x: 1, y: 0 } }, faceFlag: 1 })).toThrow(RangeError);
	});
});

function image(w: number, h: number, px: (x: number, y: number) => number): RgbaImage {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const v = px(x, y);
			data.set([v, v, v, 255], (y * w + x) * 4);
		}
	return { width: w, height: h, data };
}

describe('image measures', () => {
	const f = face(320, 200, 80);
	it('face luma, clipping and the cheek balance', () => {
		const flat = measureLight(image(640, 480, () => 128), f);
		expect(flat.faceLuma).toBeCloseTo(128 / 255, 6);
		expect(flat.clippedFraction).toBe(0);
		expect(flat.rightCheekLuma).toBeCloseTo(flat.leftCheekLuma, 9);
		// Light from the image right: the image-left half at 60, the right half at 200.
		const side = measureLight(image(640, 480, (x) => (x < 320 ? 60 : 200)), f);
		expect(side.rightCheekLuma).toBeCloseTo(60 / 255, 6);
		expect(side.leftCheekLuma).toBeCloseTo(200 / 255, 6);
		expect(measureLight(image(640, 480, () => 250), f).clippedFraction).toBe(1);
	});

	it('background edge density: plain wall 0, stripes beside the head high, clutter below the chin ignored', () => {
		expect(measureBackground(image(640, 480, () => 200), f).edgeDensity).toBe(0);
		const stripes = measureBackground(image(640, 480, (x) => (Math.floor(x / 8) % 2 ? 30 : 220)), f);
		expect(stripes.edgeDensity).toBeGreaterThan(0.9);
		const chinY = f.box.y + f.box.height;
		expect(measureBackground(image(640, 480, (x, y) => (y > chinY + 8 && Math.floor(x / 8) % 2 ? 30 : 220)), f).edgeDensity).toBe(0);
	});
});

const haveModels = MODEL_NAMES.every((n) => existsSync(join('models/onnx', `${n}.onnx`)));
if (!haveModels) console.warn('[skip] camera analyser on the astronaut: models missing in models/onnx (run: npx tsx models/convert.ts)');

describe.skipIf(!haveModels)('frame analyser on the astronaut (Node, WASM)', () => {
	const engine = createInferenceEngine({ loader: fsModelLoader('models/onnx'), backend: 'wasm', numThreads: 1 });
	const frameOf = async (rotate: number): Promise<RgbaImage> => {
		// The 512 px portrait centred on a 640x480 grey frame (scaled to 480 px), optionally rolled about its centre.
		let s = sharp('tests/fixtures/astronaut.png').resize(480, 480);
		if (rotate) s = sharp(await s.rotate(rotate, { background: '#808080' }).toBuffer()).resize(480, 480);
		const portrait = await s.toBuffer();
		const { data, info } = await sharp({ create: { width: 640, height: 480, channels: 4, background: '#808080' } })
			.composite([{ input: portrait, left: 80, top: 0 }])
			.raw()
			.toBuffer({ resolveWithObject: true });
		return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
	};

	it('measures a frontal, open-eyed, smiling face, and refreshes landmarks every 250 ms and 2 frames at most', async () => {
		const analyser = createFrameAnalyser(engine);
		const frame = await frameOf(0);
		const a = await analyser.analyse(frame, 0);
		expect(a.faces.length).toBe(1);
		expect(a.landmarksFresh).toBe(true);
		const m = a.landmarks!;
		expect(Math.abs(m.yawDeg)).toBeLessThan(6);
		expect(Math.abs(m.pitchDeg)).toBeLessThan(12);
		expect(Math.abs(m.rollDeg)).toBeLessThan(6);
		expect(m.eyesOpenRatio).toBeGreaterThan(0.05);
		expect(m.mouthOpenRatio).toBeGreaterThan(0.05); // the smile shows teeth…
		expect(m.mouthOpenRatio).toBeLessThan(0.15); // …but the mouth is not open
		expect(a.eyeToChinPerIed).toBeGreaterThan(1.5);
		expect(a.eyeToChinPerIed).toBeLessThan(2);
		expect(a.light!.faceLuma).toBeGreaterThan(0.5);
		const b = await analyser.analyse(frame, LANDMARK_INTERVAL_MS - 1);
		expect(b.landmarksFresh).toBe(false);
		expect(b.landmarks).toEqual(m);
		expect((await analyser.analyse(frame, LANDMARK_INTERVAL_MS)).landmarksFresh).toBe(false); // one frame in between
		expect((await analyser.analyse(frame, LANDMARK_INTERVAL_MS + 1)).landmarksFresh).toBe(true);
	});

	it('a 15° roll is reported as "straighten your head"', async () => {
		const analyser = createFrameAnalyser(engine);
		const a = await analyser.analyse(await frameOf(15), 0);
		expect(a.landmarks!.rollDeg).toBeGreaterThan(12);
		expect(a.landmarks!.rollDeg).toBeLessThan(21);
		const framing = captureFraming(640, 480, geometryTarget(getSpec('eu-schengen-visa')));
		expect(evaluateGuidance(a, framing).problems).toContain('straighten-head');
	});

	it('no face in a blank frame, and the landmarks are forgotten', async () => {
		const analyser = createFrameAnalyser(engine);
		await analyser.analyse(await frameOf(0), 0);
		const a = await analyser.analyse(image(640, 480, () => 128), 1000);
		expect([a.faces.length, a.landmarks, a.light]).toEqual([0, null, null]);
	});
});

/**
 * detectFaces for live video (DetectOptions.live): the main face found with at most one extra short-range run, at the
 * same box the photo path gives, and a frame without a face costs two model runs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createInferenceEngine } from '$lib/inference/engine';
import { fsModelLoader } from '$lib/inference/loaders-node';
import { MODEL_NAMES } from '$lib/inference/sessions';
import type { RgbaImage } from '$lib/types';

const MODEL_DIR = 'models/onnx';
const haveModels = MODEL_NAMES.every((n) => existsSync(join(MODEL_DIR, `${n}.onnx`)));
if (!haveModels) console.warn('live-detect.test: models/onnx missing (run `npm run models`); skipping');

describe.skipIf(!haveModels)('detectFaces live mode', () => {
	const engine = createInferenceEngine({ loader: fsModelLoader(MODEL_DIR), backend: 'wasm', numThreads: 1, log: () => {} });
	afterAll(() => engine.dispose());
	const runs: string[] = [];
	const run = engine.sessions.run.bind(engine.sessions);
	engine.sessions.run = (name, feeds, check) => {
		runs.push(name);
		return run(name, feeds, check);
	};
	const load = async (): Promise<RgbaImage> => {
		const { data, info } = await sharp('tests/fixtures/astronaut.png').ensureAlpha().raw().toBuffer({ resolveWithObject: true });
		return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
	};

	it('astronaut (face 20 % of the frame): refined like a photo, with the same two short-range runs', async () => {
		const img = await load();
		runs.length = 0;
		const photo = await engine.detectFaces(img);
		const photoRuns = [...runs];
		runs.length = 0;
		const live = await engine.detectFaces(img, { live: true });
		// Photo path: the small face is confirmed by its re-detection, so no full-range run (detect.ts, REFINE_CONFIRM_SCORE).
		expect(photoRuns).toEqual(['face_detection_short_range', 'face_detection_short_range']);
		expect(runs).toEqual(['face_detection_short_range', 'face_detection_short_range']);
		expect(live.length).toBe(1);
		expect(live[0].box.x).toBeCloseTo(photo[0].box.x, 3);
		expect(live[0].box.width).toBeCloseTo(photo[0].box.width, 3);
		expect(live[0].box.width).toBeGreaterThan(90);
		expect(live[0].box.width).toBeLessThan(130);
	});

	it('a frame without a face: short range, then full range, nothing else', async () => {
		const grey: RgbaImage = { width: 640, height: 480, data: new Uint8ClampedArray(640 * 480 * 4).fill(128) };
		runs.length = 0;
		expect(await engine.detectFaces(grey, { live: true })).toEqual([]);
		expect(runs).toEqual(['face_detection_short_range', 'face_detection_full_range']);
	});
});

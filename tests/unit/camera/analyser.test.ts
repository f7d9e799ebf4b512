/** The frame analyser's face confirmation and landmark cadence, over a scripted inference (no models). */
import { describe, expect, it } from 'vitest';
import { createFrameAnalyser, LANDMARK_INTERVAL_MS } from '../../../src/lib/camera/analyser';
import type { FaceDetection, FaceLandmarks, InferenceApi, RgbaImage } from '../../../src/lib/types';
import { face } from './synthetic';

/** Landmarks of a level face with the eyes at (x ± 20, y) and the chin 70 px below, face flag `flag`. */
function lms(x: number, y: number, flag: number): FaceLandmarks {
	const points = new Float32Array(478 * 3);
	for (let i = 0; i < 478; i++) points.set([x, y + 30, 0], i * 3);
	const set = (i: number, px: number, py: number) => points.set([px, py, 0], i * 3);
	set(468, x - 20, y);
	set(473, x + 20, y);
	set(33, x - 32, y);
	set(133, x - 8, y);
	set(263, x + 32, y);
	set(362, x + 8, y);
	set(152, x, y + 70);
	set(10, x, y - 60);
	return { points, irisCenters: { right: { x: x - 20, y }, left: { x: x + 20, y } }, faceFlag: flag };
}

const img: RgbaImage = { width: 640, height: 480, data: new Uint8ClampedArray(640 * 480 * 4).fill(128) };

function scripted(faces: FaceDetection[], flags: number[]) {
	const calls = { detect: 0, landmarks: 0 };
	const api: Pick<InferenceApi, 'detectFaces' | 'faceLandmarks'> = {
		detectFaces: async () => (calls.detect++, faces),
		faceLandmarks: async (_i, f) => {
			calls.landmarks++;
			const k = faces.indexOf(f);
			return lms((f.keypoints[0].x + f.keypoints[1].x) / 2, f.keypoints[0].y, flags[k]);
		}
	};
	return { api, calls };
}

describe('createFrameAnalyser', () => {
	it('drops detections the landmark model rejects, until the next refresh', async () => {
		// A false detection (e.g. a patch on a suit) that scores above the real face.
		const fake = face(400, 380, 45, 80, 0.97);
		const real = face(300, 150, 40, 0, 0.9);
		const { api, calls } = scripted([fake, real], [0.03, 0.99]);
		const a = createFrameAnalyser(api);
		const f0 = await a.analyse(img, 0);
		expect(f0.faces).toEqual([real]);
		expect(calls.landmarks).toBe(2);
		expect(f0.landmarks!.eyeToChinPx).toBeCloseTo(70, 6);
		expect(f0.eyeToChinPerIed).toBeCloseTo(70 / 40, 6);
		// Between refreshes: no landmark runs, the rejected box still filtered out.
		const f1 = await a.analyse(img, LANDMARK_INTERVAL_MS / 2);
		expect([f1.faces, f1.landmarksFresh, calls.landmarks]).toEqual([[real], false, 2]);
		expect(f1.landmarks).toEqual(f0.landmarks);
		// The interval has passed but only one detection-only frame came in between: not yet (LANDMARK_MIN_FRAMES = 2).
		const f2 = await a.analyse(img, LANDMARK_INTERVAL_MS);
		expect([f2.landmarksFresh, calls.landmarks]).toEqual([false, 2]);
		const f3 = await a.analyse(img, LANDMARK_INTERVAL_MS + 10);
		expect([f3.landmarksFresh, calls.landmarks]).toEqual([true, 4]);
		expect(calls.detect).toBe(4);
	});

	it('two confirmed faces are both reported (several faces)', async () => {
		const a = face(250, 150, 40);
		const b = face(420, 160, 38);
		const { api } = scripted([a, b], [0.99, 0.98]);
		expect((await createFrameAnalyser(api).analyse(img, 0)).faces).toEqual([a, b]);
	});

	it('no confirmed face: no landmarks, no light statistics', async () => {
		const { api } = scripted([face(300, 150, 40)], [0.1]);
		const r = await createFrameAnalyser(api).analyse(img, 0);
		expect([r.faces, r.landmarks, r.light, r.background]).toEqual([[], null, null, null]);
	});
});

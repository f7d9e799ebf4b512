import { describe, expect, it } from 'vitest';
import {
	IMAGE_LEFT_EYE_INDICES,
	IMAGE_RIGHT_EYE_INDICES,
	LIPS_INDICES,
	refineAttentionLandmarks
} from '../../../src/lib/inference/landmarks/refine';
import { pickAttentionOutputs } from '../../../src/lib/inference/landmarks';

const filled = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));

describe('attention landmark refinement (LandmarksRefinementCalculator)', () => {
	it('index tables have MediaPipe sizes and no duplicates', () => {
		expect(LIPS_INDICES.length).toBe(80);
		expect(IMAGE_LEFT_EYE_INDICES.length).toBe(71);
		expect(IMAGE_RIGHT_EYE_INDICES.length).toBe(71);
		for (const t of [LIPS_INDICES, IMAGE_LEFT_EYE_INDICES, IMAGE_RIGHT_EYE_INDICES]) expect(new Set(t).size).toBe(t.length);
		expect(IMAGE_LEFT_EYE_INDICES[0]).toBe(33);
		expect(IMAGE_RIGHT_EYE_INDICES[0]).toBe(263);
	});

	it('overwrites x,y of refined points, keeps mesh z, sets iris z to the lid-contour mean', () => {
		const mesh = filled(1404, (i) => (i % 3 === 2 ? Math.floor(i / 3) : -1)); // z = landmark index, x = y = -1
		const pts = refineAttentionLandmarks({
			mesh,
			lips: filled(160, (i) => 1000 + i),
			imageLeftEye: filled(142, (i) => 2000 + i),
			imageRightEye: filled(142, (i) => 3000 + i),
			imageLeftIris: filled(10, (i) => 4000 + i),
			imageRightIris: filled(10, (i) => 5000 + i)
		});
		expect(pts.length).toBe(478 * 3);
		// lips point 5 → mesh 17
		expect([pts[17 * 3], pts[17 * 3 + 1], pts[17 * 3 + 2]]).toEqual([1010, 1011, 17]);
		// left-eye point 0 → mesh 33; right-eye point 8 → mesh 362
		expect([pts[33 * 3], pts[33 * 3 + 1], pts[33 * 3 + 2]]).toEqual([2000, 2001, 33]);
		expect([pts[362 * 3], pts[362 * 3 + 1]]).toEqual([3016, 3017]);
		// an untouched mesh point
		expect([pts[1 * 3], pts[1 * 3 + 1], pts[1 * 3 + 2]]).toEqual([-1, -1, 1]);
		// iris centres
		expect([pts[468 * 3], pts[468 * 3 + 1]]).toEqual([4000, 4001]);
		expect([pts[477 * 3], pts[477 * 3 + 1]]).toEqual([5008, 5009]);
		const meanL = IMAGE_LEFT_EYE_INDICES.slice(0, 16).reduce((s, i) => s + i, 0) / 16;
		const meanR = IMAGE_RIGHT_EYE_INDICES.slice(0, 16).reduce((s, i) => s + i, 0) / 16;
		expect(pts[470 * 3 + 2]).toBeCloseTo(meanL, 4);
		expect(pts[475 * 3 + 2]).toBeCloseTo(meanR, 4);
	});

	it('rejects wrong sizes', () => {
		const z = (n: number) => new Float32Array(n);
		expect(() =>
			refineAttentionLandmarks({ mesh: z(1404), lips: z(160), imageLeftEye: z(142), imageRightEye: z(141), imageLeftIris: z(10), imageRightIris: z(10) })
		).toThrow(/right eye/);
	});

	it('picks outputs by size and by left/right in the names', () => {
		const t = (n: number, v: number) => ({ data: new Float32Array(n).fill(v), dims: [1, n] });
		const p = pickAttentionOutputs({
			output_right_iris: t(10, 2),
			output_mesh_identity: t(1404, 0),
			output_left_eye: t(142, 3),
			output_lips: t(160, 5),
			output_right_eye: t(142, 4),
			output_left_iris: t(10, 1),
			conv_faceflag: t(1, 7)
		});
		expect(p.imageLeftIris[0]).toBe(1);
		expect(p.imageRightIris[0]).toBe(2);
		expect(p.imageLeftEye[0]).toBe(3);
		expect(p.imageRightEye[0]).toBe(4);
		expect(p.faceFlag).toBe(7);
		expect(() => pickAttentionOutputs({ a: t(1404, 0) })).toThrow();
	});
});

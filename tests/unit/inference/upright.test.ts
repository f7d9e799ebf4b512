import { describe, expect, it } from 'vitest';
import { isConfidentUpright, UPRIGHT_CONFIDENT_SCORE } from '$lib/inference/detect';

// Keypoints: right eye, left eye, nose tip, mouth centre, right tragion, left tragion as [x, y] pairs.
const face = (score: number, kp: number[]) => ({ xMin: 0, yMin: 0, width: 100, height: 100, score, keypoints: kp });
const UPRIGHT = [30, 40, 70, 40, 50, 60, 50, 80, 10, 50, 90, 50];

describe('isConfidentUpright', () => {
	it('accepts a confident upright face', () => expect(isConfidentUpright(face(0.9, UPRIGHT))).toBe(true));
	it('rejects a low score', () => expect(isConfidentUpright(face(UPRIGHT_CONFIDENT_SCORE - 0.01, UPRIGHT))).toBe(false));
	it('rejects swapped eyes (an upside-down face)', () => expect(isConfidentUpright(face(0.95, [70, 60, 30, 60, 50, 40, 50, 20, 90, 50, 10, 50]))).toBe(false));
	it('rejects a face turned 90° (eye line vertical)', () => expect(isConfidentUpright(face(0.95, [40, 30, 40, 70, 60, 50, 80, 50, 50, 10, 50, 90]))).toBe(false));
	it('rejects a mouth level with the eyes', () => expect(isConfidentUpright(face(0.95, [30, 40, 70, 40, 50, 45, 50, 45, 10, 50, 90, 50]))).toBe(false));
	it('rejects nothing found', () => expect(isConfidentUpright(undefined)).toBe(false));
});

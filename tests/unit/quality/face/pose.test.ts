/**
 * Head pose without models: the canonical face rendered at known yaw/pitch/roll (weak perspective, as the landmark
 * model's output) is recovered; the angle decomposition round-trips; sign conventions hold in image terms; the
 * canonical data extracted from @mediapipe/face_mesh has the documented frame.
 */
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { CANONICAL_FACE, PROCRUSTES_BASIS } from '../../../../src/lib/quality/face/canonical/canonical-face';
import { readCanonicalFromPackage } from '../../../../src/lib/quality/face/canonical/extract';
import { estimateHeadPose, poseRotation, rotationToAngles } from '../../../../src/lib/quality/face/pose';
import { fitSimilarity } from '../../../../src/lib/quality/face/rigid-fit';
import type { FaceLandmarks } from '../../../../src/lib/types';
import { pt } from './helpers';

/** Deterministic pseudo-random numbers in [-1, 1) (LCG). */
function rng(seed: number) {
	let s = seed >>> 0;
	return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 31) - 1;
}

/** The canonical face at pose (yaw, pitch, roll), `scale` px/cm, centred at (cx, cy) px, with ±noise px jitter. */
function renderCanonical(yaw: number, pitch: number, roll: number, scale = 20, cx = 400, cy = 300, noise = 0, seed = 1): FaceLandmarks {
	const R = poseRotation(yaw, pitch, roll);
	const rand = rng(seed);
	const points = new Float32Array(478 * 3);
	for (let i = 0; i < 478; i++) {
		const v = Math.min(i, 467); // iris points are not in the canonical model: park them on the mesh (unused by pose)
		const x = CANONICAL_FACE[v * 3], y = CANONICAL_FACE[v * 3 + 1], z = CANONICAL_FACE[v * 3 + 2];
		const X = scale * (R[0] * x + R[1] * y + R[2] * z);
		const Y = scale * (R[3] * x + R[4] * y + R[5] * z);
		const Z = scale * (R[6] * x + R[7] * y + R[8] * z);
		points[i * 3] = cx + X + noise * rand();
		points[i * 3 + 1] = cy - Y + noise * rand();
		points[i * 3 + 2] = -Z + noise * rand();
	}
	return { points, irisCenters: { right: { x: 0, y: 0 }, left: { x: 0, y: 0 } }, faceFlag: 1 };
}

describe('canonical face data (extracted by src/lib/quality/face/canonical/extract.ts)', () => {
	it('has 468 vertices in the documented frame: x to the subject left, y up, z towards the camera', () => {
		expect(CANONICAL_FACE.length).toBe(468 * 3);
		const v = (i: number) => [CANONICAL_FACE[i * 3], CANONICAL_FACE[i * 3 + 1], CANONICAL_FACE[i * 3 + 2]];
		expect(v(33)[0]).toBeLessThan(0); // subject's right eye outer corner
		expect(v(263)[0]).toBeGreaterThan(0);
		expect(v(33)[0]).toBeCloseTo(-v(263)[0], 5); // symmetric
		expect(v(10)[1]).toBeGreaterThan(v(152)[1]); // forehead above chin
		const maxZ = Math.max(...Array.from({ length: 468 }, (_, i) => v(i)[2]));
		expect(v(4)[2]).toBe(maxZ); // nose tip (pronasale) nearest the camera
		// face height forehead–chin ≈ 17.7 cm (centimetre units)
		expect(v(10)[1] - v(152)[1]).toBeCloseTo(17.67, 1);
	});
	const pkg = 'node_modules/@mediapipe/face_mesh/face_mesh_solution_packed_assets.data';
	it.skipIf(!existsSync(pkg))('equals what extract.ts reads from the installed @mediapipe/face_mesh (regenerate if not)', () => {
		const { vertices, basis } = readCanonicalFromPackage();
		expect(vertices.length).toBe(468 * 5);
		for (let i = 0; i < 468; i++) for (let k = 0; k < 3; k++) expect(Math.abs(CANONICAL_FACE[i * 3 + k] - vertices[i * 5 + k])).toBeLessThan(1e-5);
		expect(basis.map((b) => b.id)).toEqual(PROCRUSTES_BASIS.map(([id]) => id));
		basis.forEach((b, k) => expect(b.weight).toBeCloseTo(PROCRUSTES_BASIS[k][1], 5));
	});
	it('has MediaPipe Procrustes basis of 33 weighted landmarks', () => {
		expect(PROCRUSTES_BASIS.length).toBe(33);
		const sum = PROCRUSTES_BASIS.reduce((s, [, w]) => s + w, 0);
		expect(sum).toBeGreaterThan(1);
		expect(sum).toBeLessThan(1.1);
		expect(PROCRUSTES_BASIS.map(([id]) => id)).toContain(4);
	});
});

describe('fitSimilarity (Horn)', () => {
	it('recovers a random similarity exactly', () => {
		const rand = rng(7);
		const src = Float64Array.from({ length: 60 }, () => rand() * 10);
		const R = poseRotation(37, -21, 113);
		const s = 3.7;
		const t = [5, -8, 2];
		const dst = new Float64Array(60);
		for (let i = 0; i < 20; i++)
			for (let r = 0; r < 3; r++) dst[i * 3 + r] = s * (R[r * 3] * src[i * 3] + R[r * 3 + 1] * src[i * 3 + 1] + R[r * 3 + 2] * src[i * 3 + 2]) + t[r];
		const fit = fitSimilarity(src, dst, new Float64Array(20).fill(1));
		expect(fit.scale).toBeCloseTo(s, 9);
		for (let k = 0; k < 9; k++) expect(fit.rotation[k]).toBeCloseTo(R[k], 9);
		fit.translation.forEach((v, k) => expect(v).toBeCloseTo(t[k], 8));
		expect(fit.rms).toBeLessThan(1e-9);
	});
	it('rejects mismatched lengths and zero weights', () => {
		expect(() => fitSimilarity([0, 0, 0], [0, 0, 0, 1, 1, 1], [1])).toThrow();
		expect(() => fitSimilarity([0, 0, 0], [0, 0, 0], [0])).toThrow();
	});
});

describe('pose angles', () => {
	it('poseRotation and rotationToAngles are inverse', () => {
		for (const yaw of [-40, -10, -3, 0, 3, 10, 40])
			for (const pitch of [-30, -5, 0, 5, 30])
				for (const roll of [-20, -8, 0, 8, 20]) {
					const a = rotationToAngles(poseRotation(yaw, pitch, roll));
					expect(a.yawDeg).toBeCloseTo(yaw, 9);
					expect(a.pitchDeg).toBeCloseTo(pitch, 9);
					expect(a.rollDeg).toBeCloseTo(roll, 9);
				}
	});

	const cases: [number, number, number][] = [
		[0, 0, 0], [3, 0, 0], [-3, 0, 0], [10, 0, 0], [-10, 0, 0],
		[0, 3, 0], [0, -3, 0], [0, 10, 0], [0, -10, 0],
		[0, 0, 3], [0, 0, -3], [0, 0, 10], [0, 0, -10],
		[10, -10, 3], [-3, 10, -10], [25, 15, -12]
	];
	for (const [yaw, pitch, roll] of cases) {
		it(`recovers yaw ${yaw}, pitch ${pitch}, roll ${roll} from the rendered canonical face (0.3 px noise) within 1°`, () => {
			const p = estimateHeadPose(renderCanonical(yaw, pitch, roll, 20, 400, 300, 0.3, yaw * 100 + pitch * 10 + roll));
			expect(Math.abs(p.yawDeg - yaw)).toBeLessThan(1);
			expect(Math.abs(p.pitchDeg - pitch)).toBeLessThan(1);
			expect(Math.abs(p.rollDeg - roll)).toBeLessThan(1);
			expect(p.scale).toBeCloseTo(20, 0);
		});
	}

	it('is exact without noise and independent of scale and position', () => {
		const a = estimateHeadPose(renderCanonical(7, -4, 2, 20, 400, 300));
		const b = estimateHeadPose(renderCanonical(7, -4, 2, 55, 1200, 90));
		for (const p of [a, b]) {
			expect(p.yawDeg).toBeCloseTo(7, 4);
			expect(p.pitchDeg).toBeCloseTo(-4, 4);
			expect(p.rollDeg).toBeCloseTo(2, 4);
			expect(p.rmsCm).toBeLessThan(1e-4);
		}
		expect(b.scale).toBeCloseTo(55, 3);
	});

	it('signs in image terms: yaw > 0 nose to the image right, pitch > 0 nose up, roll > 0 subject-left eye lower', () => {
		const front = renderCanonical(0, 0, 0);
		const eyeMid = (lm: FaceLandmarks) => ({ x: (pt(lm, 33).x + pt(lm, 263).x) / 2, y: (pt(lm, 33).y + pt(lm, 263).y) / 2 });
		const noseRel = (lm: FaceLandmarks) => ({ x: pt(lm, 4).x - eyeMid(lm).x, y: pt(lm, 4).y - eyeMid(lm).y });
		const turned = renderCanonical(10, 0, 0);
		expect(noseRel(turned).x).toBeGreaterThan(noseRel(front).x + 1);
		const chinUp = renderCanonical(0, 10, 0);
		expect(noseRel(chinUp).y).toBeLessThan(noseRel(front).y - 1); // nose tip closer to the eye line
		const leaning = renderCanonical(0, 0, 10);
		expect(pt(leaning, 263).y).toBeGreaterThan(pt(leaning, 33).y + 1); // left eye (image right) lower: clockwise
		// same sign as the eye-line roll of measureHead: atan2(left.y − right.y, left.x − right.x)
		const eyeRoll = (Math.atan2(pt(leaning, 263).y - pt(leaning, 33).y, pt(leaning, 263).x - pt(leaning, 33).x) * 180) / Math.PI;
		expect(eyeRoll).toBeCloseTo(10, 0);
	});

	it('throws on fewer than 468 points', () => {
		expect(() => estimateHeadPose({ points: new Float32Array(30), irisCenters: { right: { x: 0, y: 0 }, left: { x: 0, y: 0 } }, faceFlag: 1 })).toThrow(/468/);
	});
});

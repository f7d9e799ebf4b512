/**
 * Test helpers for the face checks: real landmarks from the project's in-process inference (Node, onnxruntime-web
 * WASM, models/onnx), and exact geometric edits of a landmark set (rigid rotation in 3-D, moving points).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInferenceEngine, type InferenceEngine } from '../../../../src/lib/inference/engine';
import { fsModelLoader } from '../../../../src/lib/inference/loaders-node';
import { MODEL_NAMES } from '../../../../src/lib/inference/sessions';
import { analysePhoto, WORK_LIMIT_PX } from '../../../../src/lib/pipeline/run/analyse';
import { decodeNode } from '../../../../src/lib/pipeline/decode/node';
import type { QualityInput } from '../../../../src/lib/quality/types';
import type { FaceLandmarks } from '../../../../src/lib/types';
import { estimateHeadPose, imageToCamera, poseRotation } from '../../../../src/lib/quality/face/pose';
import type { Mat3 } from '../../../../src/lib/quality/face/rigid-fit';

export const MODEL_DIR = 'models/onnx';
export const haveModels = MODEL_NAMES.every((n) => existsSync(join(MODEL_DIR, `${n}.onnx`)));

export function createEngine(): InferenceEngine {
	return createInferenceEngine({ loader: fsModelLoader(MODEL_DIR), backend: 'wasm', numThreads: 1, log: () => {} });
}

/** Decodes `path` as the app does (working copy ≤ WORK_LIMIT_PX) and runs the analysis stage → a QualityInput. */
export async function analyseFile(engine: InferenceEngine, path: string): Promise<QualityInput> {
	const bytes = new Uint8Array(await readFile(path));
	const decoded = await decodeNode(bytes, { workLimit: WORK_LIMIT_PX });
	const a = await analysePhoto(decoded.image, decoded.scale, engine);
	return { image: a.work, landmarks: a.landmarks, faces: a.faces, mask: a.mask, scale: a.scale };
}

export function cloneLandmarks(lm: FaceLandmarks): FaceLandmarks {
	return { points: Float32Array.from(lm.points), irisCenters: { right: { ...lm.irisCenters.right }, left: { ...lm.irisCenters.left } }, faceFlag: lm.faceFlag };
}

function syncIris(lm: FaceLandmarks): FaceLandmarks {
	lm.irisCenters = { right: { x: lm.points[468 * 3], y: lm.points[468 * 3 + 1] }, left: { x: lm.points[473 * 3], y: lm.points[473 * 3 + 1] } };
	return lm;
}

/** Applies rotation R (camera frame: x right, y up, z towards the camera) to all points about their centroid. */
export function rotateLandmarks(lm: FaceLandmarks, R: Mat3): FaceLandmarks {
	const cam = imageToCamera(lm.points);
	const n = cam.length / 3;
	const c = [0, 0, 0];
	for (let i = 0; i < n; i++) for (let k = 0; k < 3; k++) c[k] += cam[i * 3 + k] / n;
	const out = new Float32Array(cam.length);
	for (let i = 0; i < n; i++) {
		const x = cam[i * 3] - c[0], y = cam[i * 3 + 1] - c[1], z = cam[i * 3 + 2] - c[2];
		for (let r = 0; r < 3; r++) out[i * 3 + r] = R[r * 3] * x + R[r * 3 + 1] * y + R[r * 3 + 2] * z + c[r];
	}
	return syncIris({ ...cloneLandmarks(lm), points: Float32Array.from(imageToCamera(out)) });
}

/** The face rotated so that its estimated pose is 0/0/0 (the real shape, seen frontally). */
export function frontalise(lm: FaceLandmarks): FaceLandmarks {
	const R = estimateHeadPose(lm).rotation;
	const Rt = Float64Array.of(R[0], R[3], R[6], R[1], R[4], R[7], R[2], R[5], R[8]);
	return rotateLandmarks(lm, Rt);
}

/** The face at a known pose: frontalised, then rotated by poseRotation(yaw, pitch, roll). */
export function posed(lm: FaceLandmarks, yaw: number, pitch: number, roll: number): FaceLandmarks {
	return rotateLandmarks(frontalise(lm), poseRotation(yaw, pitch, roll));
}

/** Moves the listed points by (dx, dy) image px. */
export function movePoints(lm: FaceLandmarks, ids: readonly number[], dx: number, dy: number): FaceLandmarks {
	const out = cloneLandmarks(lm);
	for (const i of ids) {
		out.points[i * 3] += dx;
		out.points[i * 3 + 1] += dy;
	}
	return syncIris(out);
}

/** Sets point `i` to (x, y), keeping z. */
export function setPoint(lm: FaceLandmarks, i: number, x: number, y: number): FaceLandmarks {
	const out = cloneLandmarks(lm);
	out.points[i * 3] = x;
	out.points[i * 3 + 1] = y;
	return syncIris(out);
}

export const pt = (lm: FaceLandmarks, i: number) => ({ x: lm.points[i * 3], y: lm.points[i * 3 + 1], z: lm.points[i * 3 + 2] });

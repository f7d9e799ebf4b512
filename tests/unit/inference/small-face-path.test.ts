/**
 * detectFaces' small-face path (photos, not live): a small face the short-range model finds and its re-detection
 * confirms costs two short-range runs and no full-range run, and lands where the face is; a short-range hit that is
 * not a face (not confirmed) still leads to the full-range search, which finds the real face.
 * Composites of tests/fixtures/astronaut.png (face box about (175, 73, 102x102) px at 512 px, irises at x 203.5 and
 * 246.8) pasted on a grey canvas; the numbers come from bench/models-sweep.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createInferenceEngine } from '$lib/inference/engine';
import { fsModelLoader } from '$lib/inference/loaders-node';
import { MODEL_NAMES, type ModelName } from '$lib/inference/sessions';
import type { RgbaImage } from '$lib/types';

const MODEL_DIR = 'models/onnx';
const ASTRONAUT = 'tests/fixtures/astronaut.png';
const haveModels = MODEL_NAMES.every((n) => existsSync(join(MODEL_DIR, `${n}.onnx`)));
if (!haveModels) console.warn('small-face-path.test: models/onnx missing (run `npm run models`); skipping');

/**
 * The astronaut scaled to `size` px and pasted on a grey canvasW x canvasH canvas at (left, top); the part outside
 * the canvas is cut off (left may be negative).
 */
async function composite(canvasW: number, canvasH: number, size: number, left: number, top: number): Promise<RgbaImage> {
	const x0 = Math.max(0, -left);
	const y0 = Math.max(0, -top);
	const piece = await sharp(ASTRONAUT)
		.resize(size, size)
		.extract({ left: x0, top: y0, width: Math.min(size - x0, canvasW - Math.max(0, left)), height: Math.min(size - y0, canvasH - Math.max(0, top)) })
		.png()
		.toBuffer();
	const { data, info } = await sharp({ create: { width: canvasW, height: canvasH, channels: 3, background: { r: 120, g: 120, b: 120 } } })
		.composite([{ input: piece, left: Math.max(0, left), top: Math.max(0, top) }])
		.ensureAlpha()
		.raw()
		.toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
}

describe.skipIf(!haveModels)('detectFaces small-face path', () => {
	const engine = createInferenceEngine({ loader: fsModelLoader(MODEL_DIR), backend: 'wasm', numThreads: 1, log: () => {} });
	afterAll(() => engine.dispose());
	const runs: ModelName[] = [];
	const run = engine.sessions.run.bind(engine.sessions);
	engine.sessions.run = (name, feeds, check) => {
		runs.push(name);
		return run(name, feeds, check);
	};

	it('face 14 % of a 900x2000 frame (as biden-official): short range + its re-detection only, box and irises in place', async () => {
		// Face box 102 px at 512 → 280 px (14 % of 2000) at size 1400; face centre (≈ 226 px at 512) at x = 450.
		const size = 1400;
		const k = size / 512;
		const left = Math.round(450 - 226 * k);
		const top = 300;
		const img = await composite(900, 2000, size, left, top);
		runs.length = 0;
		const faces = await engine.detectFaces(img);
		expect(runs).toEqual(['face_detection_short_range', 'face_detection_short_range']);
		expect(faces.length).toBe(1);
		const b = faces[0].box;
		expect(b.width / 2000).toBeGreaterThan(0.12);
		expect(b.width / 2000).toBeLessThan(0.2);
		expect(Math.abs(b.x - (left + 175 * k))).toBeLessThan(12 * k);
		expect(Math.abs(b.y - (top + 73 * k))).toBeLessThan(12 * k);
		const l = await engine.faceLandmarks(img, faces[0]);
		expect(l.faceFlag).toBeGreaterThan(0.9);
		expect(Math.abs(l.irisCenters.right.x - (left + 203.5 * k))).toBeLessThan(3 * k);
		expect(Math.abs(l.irisCenters.left.x - (left + 246.8 * k))).toBeLessThan(3 * k);
	});

	it('face 1.8 % of a 1200x2800 frame: the short-range model alone cannot confirm it, the full-range search runs and finds it', async () => {
		const img = await composite(1200, 2800, 256, 500, 300);
		runs.length = 0;
		const faces = await engine.detectFaces(img);
		expect(runs[0]).toBe('face_detection_short_range');
		expect(runs).toContain('face_detection_full_range');
		expect(faces.length).toBe(1);
		const k = 256 / 512;
		expect(Math.abs(faces[0].box.x - (500 + 175 * k))).toBeLessThan(12 * k);
		expect(Math.abs(faces[0].box.y - (300 + 73 * k))).toBeLessThan(12 * k);
	});
});

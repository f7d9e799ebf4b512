/**
 * The inference pipeline on real photos (Node, onnxruntime-web WASM, 1 thread).
 * Needs the converted models in models/onnx (`npx tsx models/convert.ts`); skips with a message without them.
 * The portrait set in /work/shared/testdata/portraits is optional as well (never copied into the repo).
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceEngine, type InferenceEngine } from '../../../src/lib/inference/engine';
import { fsModelLoader } from '../../../src/lib/inference/loaders-node';
import { MODEL_NAMES } from '../../../src/lib/inference/sessions';
import type { FaceLandmarks, RgbaImage } from '../../../src/lib/types';

const MODEL_DIR = 'models/onnx';
const ASTRONAUT = 'tests/fixtures/astronaut.png';
const PORTRAITS = '/work/shared/testdata/portraits';
const haveModels = MODEL_NAMES.every((n) => existsSync(join(MODEL_DIR, `${n}.onnx`)));
if (!haveModels) console.warn(`[skip] inference real-photo tests: models missing in ${MODEL_DIR} (run: npx tsx models/convert.ts)`);
const havePortraits = existsSync(PORTRAITS);
if (!havePortraits) console.warn(`[skip] portrait tests: ${PORTRAITS} is absent`);

async function rgba(s: ReturnType<typeof sharp>): Promise<RgbaImage> {
	const { data, info } = await s.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
}

const pt = (l: FaceLandmarks, i: number) => ({ x: l.points[i * 3], y: l.points[i * 3 + 1] });
const interEye = (l: FaceLandmarks) => Math.hypot(l.irisCenters.left.x - l.irisCenters.right.x, l.irisCenters.left.y - l.irisCenters.right.y);

/** Mean distance (and max) between `l`'s 478 points and `ref`'s mapped by `map`, in units of ref's inter-eye distance. */
function landmarkError(l: FaceLandmarks, ref: FaceLandmarks, map: (x: number, y: number) => [number, number], scale = 1) {
	const ied = interEye(ref);
	let sum = 0;
	let max = 0;
	for (let i = 0; i < 478; i++) {
		const [ex, ey] = map(ref.points[i * 3], ref.points[i * 3 + 1]);
		const e = Math.hypot(l.points[i * 3] - ex, l.points[i * 3 + 1] - ey) / scale / ied;
		sum += e;
		max = Math.max(max, e);
	}
	return { mean: sum / 478, max };
}

describe.skipIf(!haveModels)('inference on astronaut.png (WASM)', () => {
	let engine: InferenceEngine;
	let image: RgbaImage;
	let ref: FaceLandmarks;

	beforeAll(async () => {
		engine = createInferenceEngine({ loader: fsModelLoader(MODEL_DIR), backend: 'wasm', numThreads: 1 });
		image = await rgba(sharp(ASTRONAUT));
	});
	afterAll(() => engine?.dispose());

	it('finds exactly one face with score > 0.8, keypoints in MediaPipe order', async () => {
		const faces = await engine.detectFaces(image);
		expect(faces.length).toBe(1);
		const f = faces[0];
		console.log(`astronaut: score ${f.score.toFixed(4)}, box ${JSON.stringify(f.box)}`);
		expect(f.score).toBeGreaterThan(0.8);
		// face is around x 175..280, y 70..180 (looked at the image)
		expect(f.box.x).toBeGreaterThan(150);
		expect(f.box.x + f.box.width).toBeLessThan(300);
		expect(f.box.y).toBeGreaterThan(50);
		expect(f.box.y + f.box.height).toBeLessThan(200);
		const [re, le, nose, mouth] = f.keypoints;
		expect(re.x).toBeLessThan(le.x); // subject's right eye on the image's left
		expect(nose.y).toBeGreaterThan(re.y);
		expect(mouth.y).toBeGreaterThan(nose.y);
		ref = await engine.faceLandmarks(image, f);
	});

	it('landmarks: 478 points, irises between the eye corners, face flag ≈ 1', () => {
		expect(ref.points.length).toBe(478 * 3);
		expect(ref.faceFlag).toBeGreaterThan(0.9);
		const { right, left } = ref.irisCenters;
		expect(right).toEqual(pt(ref, 468));
		expect(left).toEqual(pt(ref, 473));
		// subject's right eye: corners 33 (outer) and 133 (inner), on the image's left
		const [r0, r1, l0, l1] = [pt(ref, 33), pt(ref, 133), pt(ref, 362), pt(ref, 263)];
		expect(right.x).toBeGreaterThan(r0.x);
		expect(right.x).toBeLessThan(r1.x);
		expect(left.x).toBeGreaterThan(l0.x);
		expect(left.x).toBeLessThan(l1.x);
		expect(Math.abs(right.y - (r0.y + r1.y) / 2)).toBeLessThan(5);
		expect(Math.abs(left.y - (l0.y + l1.y) / 2)).toBeLessThan(5);
		const ied = interEye(ref);
		console.log(`astronaut: iris R (${right.x.toFixed(1)}, ${right.y.toFixed(1)}) L (${left.x.toFixed(1)}, ${left.y.toFixed(1)}), inter-eye ${ied.toFixed(1)} px, flag ${ref.faceFlag}`);
		expect(ied).toBeGreaterThan(35);
		expect(ied).toBeLessThan(55);
		// chin (152) below the nose tip (1) below the eyes
		expect(pt(ref, 152).y).toBeGreaterThan(pt(ref, 1).y);
		expect(pt(ref, 1).y).toBeGreaterThan(right.y);
	});

	it('face flag is low on a crop without a face (the flag behind)', async () => {
		const fake = { box: { x: 0, y: 20, width: 60, height: 60 }, score: 0.9, keypoints: [{ x: 15, y: 40 }, { x: 45, y: 40 }] };
		const l = await engine.faceLandmarks(image, fake);
		expect(l.faceFlag).toBeLessThan(0.1);
	});

	it('person mask covers face and suit, not the flag (upper left) or the shuttle', async () => {
		const m = await engine.segmentPerson(image);
		expect([m.width, m.height]).toEqual([512, 512]);
		expect(m.box).toEqual({ x: 0, y: 0, width: 512, height: 512 });
		const mean = (x0: number, y0: number, x1: number, y1: number) => {
			let s = 0;
			for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) s += m.data[y * m.width + x];
			return s / ((x1 - x0) * (y1 - y0));
		};
		const face = mean(190, 90, 260, 160);
		const suit = mean(60, 320, 140, 450);
		const flag = mean(0, 0, 60, 150);
		const shuttle = mean(380, 60, 440, 240);
		console.log(`astronaut mask means: face ${face.toFixed(3)} suit ${suit.toFixed(3)} flag ${flag.toFixed(4)} shuttle ${shuttle.toFixed(4)}`);
		expect(face).toBeGreaterThan(0.9);
		expect(suit).toBeGreaterThan(0.9);
		expect(flag).toBeLessThan(0.1);
		expect(shuttle).toBeLessThan(0.1);
	});

	it('mask over an roi has the roi px size and agrees with the whole-image mask', async () => {
		const roi = { x: 150.5, y: 40, width: 160, height: 220 };
		const m = await engine.segmentPerson(image, { roi });
		expect([m.width, m.height]).toEqual([160, 220]);
		expect(m.box).toEqual(roi);
		const whole = await engine.segmentPerson(image);
		// mask px (i, j) lies over source px (roi.x + i * roi.width / width, ...): compare on the face
		let diff = 0;
		let n = 0;
		for (let j = 60; j < 120; j++)
			for (let i = 50; i < 110; i++, n++) {
				const sx = Math.floor(roi.x + (i + 0.5) * (roi.width / m.width));
				const sy = Math.floor(roi.y + (j + 0.5) * (roi.height / m.height));
				diff += Math.abs(m.data[j * m.width + i] - whole.data[sy * whole.width + sx]);
			}
		expect(diff / n).toBeLessThan(0.05);
	});

	it('an axis-aligned crop frame gives the roi mask exactly, in crop px', async () => {
		const roi = { x: 150.5, y: 40, width: 160, height: 220 };
		const byRoi = await engine.segmentPerson(image, { roi });
		const byCrop = await engine.segmentPerson(image, { crop: { width: 160, height: 220, toSource: [1, 0, 150.5, 0, 1, 40] } });
		expect(byCrop.box).toEqual({ x: 0, y: 0, width: 160, height: 220 });
		expect([byCrop.width, byCrop.height]).toEqual([160, 220]);
		expect(byCrop.data).toEqual(byRoi.data);
	});

	it('a rotated, scaled crop frame: the mask follows the frame, and white beyond the photo reads as background', async () => {
		// a 200x260 frame over the head, turned by 10° and shrunk by 1.5 about its centre: crop px (u, v) → source px
		const th = (10 * Math.PI) / 180;
		const k = 1.5;
		const [cx, cy] = [225, 200];
		const a = k * Math.cos(th);
		const b = -k * Math.sin(th);
		const d = k * Math.sin(th);
		const e = k * Math.cos(th);
		const toSource: [number, number, number, number, number, number] = [a, b, cx - a * 100 - b * 130, d, e, cy - d * 100 - e * 130];
		const m = await engine.segmentPerson(image, { crop: { width: 200, height: 260, toSource, outside: 'white' } });
		const whole = await engine.segmentPerson(image);
		let diff = 0;
		let n = 0;
		for (let v = 40; v < 220; v += 4)
			for (let u = 40; u < 160; u += 4, n++) {
				const sx = Math.floor(toSource[0] * (u + 0.5) + toSource[1] * (v + 0.5) + toSource[2]);
				const sy = Math.floor(toSource[3] * (u + 0.5) + toSource[4] * (v + 0.5) + toSource[5]);
				diff += Math.abs(m.data[v * m.width + u] - whole.data[sy * whole.width + sx]);
			}
		expect(diff / n).toBeLessThan(0.08);
		// the face is person in the frame
		expect(m.data[100 * m.width + 100]).toBeGreaterThan(0.9);
	});

	const W = 512;
	const H = 512;
	const cases: [string, () => ReturnType<typeof sharp>, (x: number, y: number) => [number, number], number][] = [
		['rotate 90°', () => sharp(ASTRONAUT).rotate(90), (x, y) => [H - y, x], 1],
		['rotate 180°', () => sharp(ASTRONAUT).rotate(180), (x, y) => [W - x, H - y], 1],
		['scale 0.5', () => sharp(ASTRONAUT).resize(256, 256, { kernel: 'lanczos3' }), (x, y) => [x / 2, y / 2], 0.5],
		['scale 2', () => sharp(ASTRONAUT).resize(1024, 1024, { kernel: 'lanczos3' }), (x, y) => [x * 2, y * 2], 2]
	];
	for (const [name, make, map, scale] of cases) {
		it(`${name}: landmarks move with the image (mean error ≤ 2 % of the inter-eye distance)`, async () => {
			const img = await rgba(make());
			const faces = await engine.detectFaces(img);
			expect(faces.length).toBe(1);
			const l = await engine.faceLandmarks(img, faces[0]);
			const e = landmarkError(l, ref, map, scale);
			console.log(`${name}: score ${faces[0].score.toFixed(3)}, landmark error mean ${(e.mean * 100).toFixed(2)} % max ${(e.max * 100).toFixed(2)} % of inter-eye distance`);
			expect(e.mean).toBeLessThan(0.02);
			expect(e.max).toBeLessThan(0.06);
			// iris centres individually
			for (const [i, p] of [
				[468, l.irisCenters.right],
				[473, l.irisCenters.left]
			] as const) {
				const [ex, ey] = map(ref.points[i * 3], ref.points[i * 3 + 1]);
				expect(Math.hypot(p.x - ex, p.y - ey) / scale / interEye(ref)).toBeLessThan(0.02);
			}
		});
	}

	it('rotate 12° (canvas grows, black corners): landmarks rotate with the image', async () => {
		const th = (12 * Math.PI) / 180;
		const img = await rgba(sharp(ASTRONAUT).rotate(12, { background: { r: 0, g: 0, b: 0, alpha: 1 } }));
		const faces = await engine.detectFaces(img);
		expect(faces.length).toBe(1);
		const l = await engine.faceLandmarks(img, faces[0]);
		// sharp rotates clockwise about the centre and centres the result on the enlarged canvas
		const map = (x: number, y: number): [number, number] => {
			const dx = x - W / 2;
			const dy = y - H / 2;
			return [Math.cos(th) * dx - Math.sin(th) * dy + img.width / 2, Math.sin(th) * dx + Math.cos(th) * dy + img.height / 2];
		};
		const e = landmarkError(l, ref, map);
		console.log(`rotate 12°: ${img.width}x${img.height}, score ${faces[0].score.toFixed(3)}, landmark error mean ${(e.mean * 100).toFixed(2)} % max ${(e.max * 100).toFixed(2)} %`);
		expect(e.mean).toBeLessThan(0.02);
		expect(e.max).toBeLessThan(0.06);
	});
});

describe.skipIf(!haveModels)('small faces in big frames (full-range path)', () => {
	let engine: InferenceEngine;
	beforeAll(() => {
		engine = createInferenceEngine({ loader: fsModelLoader(MODEL_DIR), backend: 'wasm', numThreads: 1 });
	});
	afterAll(() => engine?.dispose());

	for (const [canvasW, canvasH, size, left, top] of [
		[1200, 2800, 256, 500, 300], // face ≈ 51 px in a 2800 px tall frame (1.8 %)
		[3000, 2000, 384, 2200, 1400] // face ≈ 77 px, off-centre in a wide frame
	] as const) {
		it(`astronaut at ${size} px pasted into ${canvasW}x${canvasH}: one face, at the right place`, async () => {
			const small = await sharp(ASTRONAUT).resize(size, size).png().toBuffer();
			const img = await rgba(
				sharp({ create: { width: canvasW, height: canvasH, channels: 3, background: { r: 120, g: 120, b: 120 } } }).composite([
					{ input: small, left, top }
				])
			);
			const faces = await engine.detectFaces(img);
			const k = size / 512;
			console.log(`small face ${size}/${canvasW}x${canvasH}: ${faces.length} face(s), score ${faces[0]?.score.toFixed(3)}, box ${JSON.stringify(faces[0]?.box)}`);
			expect(faces.length).toBe(1);
			const b = faces[0].box;
			// astronaut's face box at 512 px is about (175, 73, 102, 102)
			expect(Math.abs(b.x - (left + 175 * k))).toBeLessThan(12 * k);
			expect(Math.abs(b.y - (top + 73 * k))).toBeLessThan(12 * k);
			expect(Math.abs(b.width - 102 * k)).toBeLessThan(15 * k);
			const l = await engine.faceLandmarks(img, faces[0]);
			expect(l.faceFlag).toBeGreaterThan(0.9);
			expect(Math.abs(l.irisCenters.right.x - (left + 203.5 * k))).toBeLessThan(3 * k);
			expect(Math.abs(l.irisCenters.left.x - (left + 246.8 * k))).toBeLessThan(3 * k);
		});
	}
});

describe.skipIf(!haveModels || !havePortraits)('inference on the portrait set (WASM)', () => {
	let engine: InferenceEngine;
	beforeAll(() => {
		engine = createInferenceEngine({ loader: fsModelLoader(MODEL_DIR), backend: 'wasm', numThreads: 1 });
	});
	afterAll(() => engine?.dispose());
	const files = havePortraits ? readdirSync(PORTRAITS).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)) : [];
	for (const file of files) {
		it(`${file}: exactly one face, irises between the eye corners, mask on the face`, async () => {
			const img = await rgba(sharp(join(PORTRAITS, file)).rotate()); // apply EXIF orientation
			const faces = await engine.detectFaces(img);
			console.log(`${file} ${img.width}x${img.height}: ${faces.length} face(s), scores ${faces.map((f) => f.score.toFixed(3)).join(', ')}, box width ${faces[0] ? faces[0].box.width.toFixed(0) : '-'} px`);
			expect(faces.length).toBe(1);
			expect(faces[0].score).toBeGreaterThan(0.7);
			const l = await engine.faceLandmarks(img, faces[0]);
			expect(l.faceFlag).toBeGreaterThan(0.9);
			const { right, left } = l.irisCenters;
			expect(right.x).toBeGreaterThan(pt(l, 33).x);
			expect(right.x).toBeLessThan(pt(l, 133).x);
			expect(left.x).toBeGreaterThan(pt(l, 362).x);
			expect(left.x).toBeLessThan(pt(l, 263).x);
			const b = faces[0].box;
			const m = await engine.segmentPerson(img, { roi: { x: b.x - b.width, y: b.y - b.height, width: b.width * 3, height: b.height * 3 } });
			// centre of the face (middle third of the box) is person
			let s = 0;
			let n = 0;
			for (let y = Math.round(m.height * 0.4); y < Math.round(m.height * 0.6); y++)
				for (let x = Math.round(m.width * 0.4); x < Math.round(m.width * 0.6); x++, n++) s += m.data[y * m.width + x];
			expect(s / n).toBeGreaterThan(0.8);
		});
	}
});

/**
 * Every generated model loads in onnxruntime-web (WASM, 1 thread) and produces outputs of
 * the manifest's shapes; sanity on tests/fixtures/astronaut.png (public domain, 512x512):
 * the detectors find the face, the selfie mask covers the person, and the landmark models
 * see a face with irises inside the eye contours.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModels, type ModelManifest } from '../converter/build.ts';
import { MODEL_SOURCES } from '../converter/sources.ts';
import { astronautFaceCrop, astronautTensor, REPO_ROOT, run, sigmoid } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'models-run-'));
const manifest = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as ModelManifest;
const onnx = (name: string) => new Uint8Array(readFileSync(join(dir, `${name}.onnx`)));

/** Run a model on astronaut.png (whole image or a region), normalised per its manifest. */
async function runOnAstronaut(name: string, region?: Parameters<typeof astronautTensor>[2]) {
	const m = manifest(name);
	const [inp] = m.inputs;
	const data = await astronautTensor(inp.shape[1], inp.range!, region);
	return run(onnx(name), { [inp.name]: { data, dims: inp.shape } });
}

beforeAll(() => {
	buildModels({ root: REPO_ROOT, outDir: dir });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('converted models in onnxruntime-web', () => {
	it.each(MODEL_SOURCES.map((s) => s.name))('%s produces the manifest’s output names and shapes, all finite', async (name) => {
		const m = manifest(name);
		const t0 = performance.now();
		const out = await runOnAstronaut(name);
		console.log(`${name}: first run ${(performance.now() - t0).toFixed(0)} ms incl. session creation`);
		expect(Object.keys(out).sort()).toEqual(m.outputs.map((o) => o.name).sort());
		for (const o of m.outputs) {
			expect(out[o.name].dims).toEqual(o.shape);
			expect(out[o.name].data.every(Number.isFinite)).toBe(true);
		}
	});

	it('short-range BlazeFace finds the astronaut’s face (max score > 0.8) in the upper half', async () => {
		const { score, box } = await astronautFaceCrop(onnx('face_detection_short_range'));
		console.log(`short-range max score ${score.toFixed(4)}, box centre (${box.cx.toFixed(3)}, ${box.cy.toFixed(3)}) size ${box.w.toFixed(3)}x${box.h.toFixed(3)} (normalised)`);
		expect(score).toBeGreaterThan(0.8);
		expect(box.cy).toBeLessThan(0.5);
		expect(box.w).toBeGreaterThan(0.1);
		expect(box.w).toBeLessThan(0.6);
	});

	it('full-range BlazeFace also scores the face > 0.5', async () => {
		const out = await runOnAstronaut('face_detection_full_range');
		const best = Math.max(...out.reshaped_classifier_face_4.data);
		console.log(`full-range max score ${sigmoid(best).toFixed(4)}`);
		expect(sigmoid(best)).toBeGreaterThan(0.5);
	});

	it('selfie mask covers a sane fraction of the image and the face', async () => {
		const out = await runOnAstronaut('selfie_segmentation');
		const mask = out.activation_10.data;
		let sum = 0;
		let fg = 0;
		for (const v of mask) {
			sum += v;
			if (v > 0.5) fg++;
		}
		const mean = sum / mask.length;
		const coverage = fg / mask.length;
		const { box } = await astronautFaceCrop(onnx('face_detection_short_range'));
		const faceValue = mask[Math.round(box.cy * 256) * 256 + Math.round(box.cx * 256)];
		console.log(`selfie mask mean ${mean.toFixed(3)}, coverage(>0.5) ${(coverage * 100).toFixed(1)} %, value at face centre ${faceValue.toFixed(3)}`);
		expect(mask.every((v) => v >= 0 && v <= 1)).toBe(true);
		expect(mean).toBeGreaterThan(0.15);
		expect(mean).toBeLessThan(0.85);
		expect(coverage).toBeGreaterThan(0.05);
		expect(coverage).toBeLessThan(0.95);
		expect(faceValue).toBeGreaterThan(0.5);
	});

	it('landmark models on the face crop: face flag > 0.5, irises inside the eyes, meshes agree', async () => {
		const { region } = await astronautFaceCrop(onnx('face_detection_short_range'));
		const att = await runOnAstronaut('face_landmark_with_attention', region);
		const plain = await runOnAstronaut('face_landmark', region);
		const flagAtt = sigmoid(att.conv_faceflag.data[0]);
		const flagPlain = sigmoid(plain.conv2d_31.data[0]);
		const meshA = att.output_mesh_identity.data;
		const meshP = plain.conv2d_21.data;
		let dist = 0;
		for (let i = 0; i < 468; i++) dist += Math.hypot(meshA[3 * i] - meshP[3 * i], meshA[3 * i + 1] - meshP[3 * i + 1]);
		dist /= 468;
		const irisInside = (iris: Float32Array, eye: Float32Array) => {
			const xs = eye.filter((_, k) => k % 2 === 0);
			const ys = eye.filter((_, k) => k % 2 === 1);
			return { x: iris[0], y: iris[1], minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
		};
		const left = irisInside(att.output_left_iris.data, att.output_left_eye.data);
		const right = irisInside(att.output_right_iris.data, att.output_right_eye.data);
		console.log(
			`face flag attention ${flagAtt.toFixed(4)}, plain ${flagPlain.toFixed(4)}; mean mesh distance ${dist.toFixed(2)} px (of 192); left iris (${left.x.toFixed(1)}, ${left.y.toFixed(1)}) in eye x ${left.minX.toFixed(1)}..${left.maxX.toFixed(1)}; right iris (${right.x.toFixed(1)}, ${right.y.toFixed(1)}) in eye x ${right.minX.toFixed(1)}..${right.maxX.toFixed(1)}`
		);
		expect(flagAtt).toBeGreaterThan(0.5);
		expect(flagPlain).toBeGreaterThan(0.5);
		for (const e of [left, right]) {
			expect(e.x).toBeGreaterThan(e.minX);
			expect(e.x).toBeLessThan(e.maxX);
			expect(e.y).toBeGreaterThan(e.minY - 2);
			expect(e.y).toBeLessThan(e.maxY + 2);
		}
		expect(left.x).not.toBeCloseTo(right.x, 0);
		expect(dist).toBeLessThan(4);
		for (const v of meshA.filter((_, k) => k % 3 !== 2)) {
			expect(v).toBeGreaterThan(0);
			expect(v).toBeLessThan(192);
		}
	});
});

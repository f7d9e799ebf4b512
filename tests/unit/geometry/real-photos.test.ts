/**
 * Geometry -> warp -> matte -> compose -> check on real photos, with the project's own inference engine (Node,
 * onnxruntime-web WASM). The finished photo is measured again with landmarks + mask and checked with runChecks.
 * Skips with a message when the converted models (models/onnx) or the portrait folder are absent.
 * Set IDPHOTO_DEBUG_DIR to write the results as PNG for inspection (never into the repo).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceEngine, type InferenceEngine } from '../../../src/lib/inference/engine';
import { fsModelLoader } from '../../../src/lib/inference/loaders';
import { MODEL_NAMES } from '../../../src/lib/inference/sessions';
import type { RgbaImage } from '../../../src/lib/types';
import { applyAffine } from '../../../src/lib/pipeline/geometry/affine';
import { measureHead } from '../../../src/lib/pipeline/geometry/measure-head';
import { computeLayout, type LayoutTarget } from '../../../src/lib/pipeline/geometry/layout';
import { needsExtension, retakeAdvice } from '../../../src/lib/pipeline/geometry/extension';
import { warpAffine, warpPersonMask } from '../../../src/lib/pipeline/geometry/warp';
import { refineMatte } from '../../../src/lib/pipeline/matte/refine';
import { composite } from '../../../src/lib/pipeline/compose/composite';
import { measurePhoto } from '../../../src/lib/pipeline/check/measure-photo';
import { runChecks } from '../../../src/lib/pipeline/check/run-checks';

const MODEL_DIR = 'models/onnx';
const PORTRAITS = '/work/shared/testdata/portraits';
const haveModels = MODEL_NAMES.every((n) => existsSync(join(MODEL_DIR, `${n}.onnx`)));
if (!haveModels) console.warn(`[skip] pipeline real-photo tests: models missing in ${MODEL_DIR} (run: npx tsx models/convert.ts)`);
const havePortraits = existsSync(PORTRAITS);
if (!havePortraits) console.warn(`[skip] pipeline portrait tests: ${PORTRAITS} is absent`);
const DEBUG = process.env.IDPHOTO_DEBUG_DIR;

// ICAO-style 35x45 mm at 600 px wide: head (crown to chin) 70-80 %, eye line 50-70 % from the bottom
const TARGET: LayoutTarget = {
	outWidthPx: 600,
	outHeightPx: 771,
	headDefinition: 'crown-to-chin',
	headHeightRatio: { min: 0.7, max: 0.8, target: 0.75 },
	eyeFromBottomRatio: { min: 0.5, max: 0.7, target: 0.6 }
};

async function rgba(path: string): Promise<RgbaImage> {
	const { data, info } = await sharp(path).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
}

const CASES = [
	{ file: 'tests/fixtures/astronaut.png', portrait: false },
	{ file: join(PORTRAITS, 'longhair-blazer.jpg'), portrait: true },
	{ file: join(PORTRAITS, 'bun-uniform.jpg'), portrait: true }
];

describe.skipIf(!haveModels)('pipeline stages on real photos', () => {
	let engine: InferenceEngine;
	beforeAll(() => {
		engine = createInferenceEngine({ loader: fsModelLoader(MODEL_DIR), backend: 'wasm', numThreads: 1 });
	});
	afterAll(() => engine?.dispose());

	for (const c of CASES) {
		it.skipIf(c.portrait && !havePortraits)(`${c.file.split('/').pop()}: framed, matted and re-measured within the target`, async () => {
			const src = await rgba(c.file);
			const faces = await engine.detectFaces(src);
			expect(faces.length).toBeGreaterThanOrEqual(1);
			const lm = await engine.faceLandmarks(src, faces[0]);
			const mask = await engine.segmentPerson(src);
			const head = measureHead(lm, mask, { imageSize: src });
			const layout = computeLayout(head, TARGET, src);
			const ext = needsExtension(layout, src);
			const W = TARGET.outWidthPx;
			const H = TARGET.outHeightPx;
			const warped = warpAffine(src, layout.transform, W, H, { background: { r: 255, g: 255, b: 255 } });
			const coarse = warpPersonMask(mask, layout.transform, W, H);
			const eye = applyAffine(layout.transform, head.eyeCentre);
			const t0 = performance.now();
			const matte = refineMatte(warped.image, coarse, { faceCentre: eye, interEyeDistancePx: head.interEyeDistancePx * layout.scale, coverage: warped.coverage });
			const matteMs = performance.now() - t0;
			const out = composite(matte.foreground, matte.alpha, { r: 255, g: 255, b: 255 }, { coverage: warped.coverage, chinYPx: layout.predicted.chinYPx });

			// re-measure the finished photo
			const faces2 = await engine.detectFaces(out);
			const lm2 = faces2.length ? await engine.faceLandmarks(out, faces2[0]) : null;
			const mask2 = await engine.segmentPerson(out);
			const m = measurePhoto(out, lm2, mask2, faces2.length, head.interEyeDistancePx);
			const report = runChecks(m, TARGET, { bytes: null });
			const get = (id: string) => report.find((e) => e.id === id)!;
			console.log(
				`${c.file.split('/').pop()}: src ${src.width}x${src.height}, IED ${head.interEyeDistancePx.toFixed(1)} px, roll ${head.rollDeg.toFixed(2)} deg, ` +
					`crown ${head.crownY?.toFixed(1)} skull ${head.skullTopY.toFixed(1)} chin ${head.chinY.toFixed(1)}; scale ${layout.scale.toFixed(3)}; ` +
					`ext ${JSON.stringify({ t: ext.top, b: ext.bottom, l: ext.left, r: ext.right })}; matte ${matteMs.toFixed(0)} ms (dropped ${matte.droppedComponents}, holes ${matte.holesFilled}); ` +
					`predicted head ${layout.predicted.headHeightRatio.toFixed(3)} eye ${layout.predicted.eyeLineFromBottomRatio.toFixed(3)}; ` +
					`re-measured head ${Number(get('head-height').value).toFixed(3)} eye ${Number(get('eye-line').value).toFixed(3)} centring ${Number(get('horizontal-centring').value).toFixed(3)} roll ${Number(get('roll').value).toFixed(2)}; ` +
					`advice: ${retakeAdvice(head, layout, ext).join(' | ') || 'none'}`
			);
			if (DEBUG) {
				mkdirSync(DEBUG, { recursive: true });
				const name = c.file.split('/').pop()!.replace(/\.\w+$/, '');
				await sharp(Buffer.from(out.data), { raw: { width: W, height: H, channels: 4 } }).png().toFile(join(DEBUG, `${name}-out.png`));
				const a = Buffer.alloc(W * H);
				for (let i = 0; i < W * H; i++) a[i] = Math.round(matte.alpha[i] * 255);
				await sharp(a, { raw: { width: W, height: H, channels: 1 } }).png().toFile(join(DEBUG, `${name}-alpha.png`));
				const cm = Buffer.alloc(W * H);
				for (let i = 0; i < W * H; i++) cm[i] = Math.round(coarse[i] * 255);
				await sharp(cm, { raw: { width: W, height: H, channels: 1 } }).png().toFile(join(DEBUG, `${name}-coarse.png`));
				await sharp(Buffer.from(matte.trimap), { raw: { width: W, height: H, channels: 1 } }).png().toFile(join(DEBUG, `${name}-trimap.png`));
			}
			expect(get('face-count').status).toBe('pass');
			// re-measured geometry agrees with the prediction to within 2 % of the height (landmark and mask noise)
			expect(Math.abs(Number(get('eye-line').value) - layout.predicted.eyeLineFromBottomRatio)).toBeLessThan(0.02);
			expect(Math.abs(Number(get('head-height').value) - layout.predicted.headHeightRatio)).toBeLessThan(0.03);
			expect(Math.abs(Number(get('roll').value))).toBeLessThan(2);
			for (const id of ['head-height', 'eye-line', 'horizontal-centring', 'top-margin', 'roll', 'output-size']) expect(['pass', 'warn'], `${id}: ${get(id).message}`).toContain(get(id).status);
			// the person is opaque at the face centre and the corners above the shoulders are background
			expect(matte.alpha[Math.round(eye.y) * W + Math.round(eye.x)]).toBe(1);
			expect(matte.alpha[5 * W + 5]).toBe(0);
			expect(matte.alpha[5 * W + W - 6]).toBe(0);
		});
	}
});

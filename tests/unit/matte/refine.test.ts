import { describe, expect, it } from 'vitest';
import { refineMatte } from '../../../src/lib/pipeline/matte/refine';
import { guidedFilterColor } from '../../../src/lib/pipeline/matte/guided-filter';
import { fillHoles, labelComponents } from '../../../src/lib/pipeline/matte/components';
import { trimapFromMask, TRIMAP_UNKNOWN } from '../../../src/lib/pipeline/matte/trimap';
import { BoxFilter } from '../../../src/lib/pipeline/matte/box';
import { coarseMask, mae, makeScene } from './scene';


describe('building blocks', () => {
	it('box filter means match a brute-force sum, including clipped border windows', () => {
		const w = 13,
			h = 9,
			r = 2;
		const src = Float32Array.from({ length: w * h }, (_, i) => (i * 37) % 11);
		const m = new BoxFilter(w, h, r).mean(src);
		for (const [x, y] of [[0, 0], [6, 4], [12, 8], [1, 7]]) {
			let s = 0,
				n = 0;
			for (let j = Math.max(0, y - r); j <= Math.min(h - 1, y + r); j++)
				for (let i = Math.max(0, x - r); i <= Math.min(w - 1, x + r); i++) {
					s += src[j * w + i];
					n++;
				}
			expect(m[y * w + x]).toBeCloseTo(s / n, 4);
		}
	});

	it('guided filter with the input as its own guide preserves a step edge; a flat guide blurs it', () => {
		const w = 40,
			h = 10;
		const p = new Float32Array(w * h);
		for (let y = 0; y < h; y++) for (let x = 20; x < w; x++) p[y * w + x] = 1;
		const q = guidedFilterColor([p, p, p], p, w, h, 4, 1e-4);
		expect(q[5 * w + 19]).toBeLessThan(0.02);
		expect(q[5 * w + 20]).toBeGreaterThan(0.98);
		const flat = new Float32Array(w * h).fill(0.5);
		const q2 = guidedFilterColor([flat, flat, flat], p, w, h, 4, 1e-4);
		expect(q2[5 * w + 19]).toBeGreaterThan(0.3);
		expect(q2[5 * w + 19]).toBeLessThan(0.7);
	});

	it('labels 8-connected components and fills only enclosed holes', () => {
		const w = 6,
			h = 5;
		// prettier-ignore
		const m = Uint8Array.from([
			1, 1, 1, 0, 0, 0,
			1, 0, 1, 0, 1, 0,
			1, 1, 1, 0, 0, 1,
			0, 0, 0, 0, 0, 0,
			0, 0, 0, 0, 1, 1]);
		const { count, sizes } = labelComponents(m, w, h);
		expect(count).toBe(3); // ring, diagonal pair, bottom pair
		expect(sizes.slice(1).sort()).toEqual([2, 2, 8]);
		expect(fillHoles(m, w, h)).toBe(1);
		expect(m[1 * w + 1]).toBe(1);
	});

	it('trimap band spans r px on both sides of the edge', () => {
		const w = 30,
			h = 3;
		const m = new Uint8Array(w * h);
		for (let y = 0; y < h; y++) for (let x = 15; x < w; x++) m[y * w + x] = 1;
		const t = trimapFromMask(m, w, h, 3);
		const row = Array.from(t.subarray(w, 2 * w));
		expect(row.slice(0, 12).every((v) => v === 0)).toBe(true);
		expect(row.slice(12, 18).every((v) => v === TRIMAP_UNKNOWN)).toBe(true);
		expect(row.slice(18).every((v) => v === 255)).toBe(true);
	});
});

describe('refineMatte', () => {
	const scene = makeScene({ noise: 2 });
	const coarse = coarseMask(scene);
	const res = refineMatte(scene.image, coarse, { faceCentre: scene.faceCentre, interEyeDistancePx: 60 });

	it('recovers a known soft alpha from an offset, blurred coarse mask', () => {
		const edge = (i: number) => Math.abs(scene.sdf[i]) <= 6;
		const coarseMae = mae(coarse, scene.alpha);
		const coarseEdge = mae(coarse, scene.alpha, edge);
		const all = mae(res.alpha, scene.alpha);
		const edgeMae = mae(res.alpha, scene.alpha, edge);
		console.log(`alpha MAE: all ${all.toFixed(4)} (coarse ${coarseMae.toFixed(4)}), edge band ${edgeMae.toFixed(4)} (coarse ${coarseEdge.toFixed(4)})`);
		expect(all).toBeLessThan(0.01);
		expect(edgeMae).toBeLessThan(0.1);
		expect(edgeMae).toBeLessThan(coarseEdge / 3);
		expect(res.faceComponentFound).toBe(true);
		// inter-eye distance 60 px: two scales with grid factor 2 (grid inter-eye distance 30 px); the grid's band half-width
		// round(0.15 * 30) = 5 and guided radius round(0.08 * 30) = 2 grid px are 10 and 4 px here
		expect(res.scaleFactor).toBe(2);
		expect(res.bandHalfWidthPx).toBe(10);
		expect(res.guidedRadiusPx).toBe(4);
	});

	it('foreground estimation removes the red background from edge pixels composited on white', () => {
		let errEst = 0,
			errNaive = 0,
			redEst = 0,
			n = 0;
		for (let i = 0; i < scene.w * scene.h; i++) {
			const a = scene.alpha[i];
			if (a < 0.1 || a > 0.9) continue;
			const ra = res.alpha[i];
			const out = [0, 1, 2].map((c) => ra * res.foreground.data[i * 4 + c] + (1 - ra) * 255);
			const naive = [0, 1, 2].map((c) => ra * scene.image.data[i * 4 + c] + (1 - ra) * 255);
			const truth = [0, 1, 2].map((c) => a * scene.fg[c] + (1 - a) * 255);
			// red excess: R above the mean of G and B, relative to the truth
			const ex = (v: number[]) => v[0] - (v[1] + v[2]) / 2;
			errEst += Math.abs(ex(out) - ex(truth));
			errNaive += Math.abs(ex(naive) - ex(truth));
			// hue: the estimated foreground itself must be blue-ish (B > R), like the person
			if (res.foreground.data[i * 4 + 2] > res.foreground.data[i * 4]) redEst++;
			n++;
		}
		console.log(`red excess error over ${n} edge px: estimated fg ${(errEst / n).toFixed(2)}, naive ${(errNaive / n).toFixed(2)}; fg blue-ish ${((100 * redEst) / n).toFixed(1)} %`);
		expect(n).toBeGreaterThan(500);
		expect(errNaive / n).toBeGreaterThan(30);
		expect(errEst / n).toBeLessThan(8);
		expect(redEst / n).toBeGreaterThan(0.95);
	});

	it('removes a background island away from the person and fills a hole inside it', () => {
		const m = new Float32Array(coarse);
		// island: mask says "person" over plain background in the top-left corner
		for (let y = 10; y < 40; y++) for (let x = 10; x < 40; x++) m[y * scene.w + x] = 0.9;
		// hole: mask says "background" inside the body
		for (let y = 400; y < 440; y++) for (let x = 180; x < 220; x++) m[y * scene.w + x] = 0.1;
		const r = refineMatte(scene.image, m, { faceCentre: scene.faceCentre, interEyeDistancePx: 60 });
		let island = 0,
			hole = 0;
		for (let y = 10; y < 40; y++) for (let x = 10; x < 40; x++) island = Math.max(island, r.alpha[y * scene.w + x]);
		for (let y = 400; y < 440; y++) for (let x = 180; x < 220; x++) hole = Math.max(hole, 1 - r.alpha[y * scene.w + x]);
		expect(island).toBe(0);
		expect(hole).toBe(0);
		expect(r.droppedComponents).toBe(1);
		expect(r.holesFilled).toBe(1600);
	});

	it('does not treat the edge of the source (output beyond the photo) as a person edge; compose then extends the body', async () => {
		const { composite } = await import('../../../src/lib/pipeline/compose/composite');
		const cut = makeScene({ noise: 2 });
		const coverage = new Float32Array(cut.w * cut.h).fill(1);
		// rows >= 440 lie beyond the source: warpAffine filled them with white and flagged coverage 0
		for (let y = 440; y < cut.h; y++)
			for (let x = 0; x < cut.w; x++) {
				coverage[y * cut.w + x] = 0;
				cut.image.data.set([255, 255, 255, 255], (y * cut.w + x) * 4);
			}
		const m = coarseMask(cut).map((v, i) => (coverage[i] > 0 ? v : 0));
		const r = refineMatte(cut.image, m, { faceCentre: cut.faceCentre, interEyeDistancePx: 60, coverage });
		// the body keeps alpha 1 right up to the last covered row
		for (let x = 100; x <= 300; x += 20) for (let y = 425; y < 440; y++) expect(r.alpha[y * cut.w + x]).toBeCloseTo(1, 3);
		expect(r.trimap[460 * cut.w + 200]).toBe(1);
		const out = composite(r.foreground, r.alpha, { r: 255, g: 255, b: 255 }, { coverage, chinYPx: 270 });
		// bottom row under the body: person colour (blue-ish), not the white fill
		const px = (x: number, y: number) => Array.from(out.data.subarray((y * cut.w + x) * 4, (y * cut.w + x) * 4 + 3));
		const bottom = px(200, cut.h - 1);
		expect(Math.abs(bottom[0] - cut.fg[0])).toBeLessThanOrEqual(4);
		expect(Math.abs(bottom[2] - cut.fg[2])).toBeLessThanOrEqual(4);
		expect(px(20, cut.h - 1)).toEqual([255, 255, 255]); // beside the body: background
	});

	it('refines a 1200x1500 crop accurately (its speed is measured by `npm run bench`, not here)', () => {
		const big = makeScene({ scale: 3, noise: 2 });
		const coarseBig = coarseMask(big, 6, 30);
		const r = refineMatte(big.image, coarseBig, { faceCentre: big.faceCentre, interEyeDistancePx: 180 });
		expect(mae(r.alpha, big.alpha)).toBeLessThan(0.01);
	});
});

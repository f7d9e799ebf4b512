import { describe, expect, it } from 'vitest';
import { refineMatte } from '../../../src/lib/pipeline/matte/refine';
import { combinePersonMasks } from '../../../src/lib/pipeline/matte/combine-masks';
import { bulgeMask, coarseMask, makeScene, windowBackground } from './scene';

/** Fraction of pixels of `sel` whose alpha exceeds `t`. */
const frac = (alpha: Float32Array, sel: (i: number) => boolean, t: number) => {
	let k = 0,
		n = 0;
	for (let i = 0; i < alpha.length; i++)
		if (sel(i)) {
			n++;
			if (alpha[i] > t) k++;
		}
	return { k, n, f: k / n };
};

describe('colour checks of the coarse mask', () => {
	// head disc centre (200, 180), radius 90; inter-eye distance 60 px -> band 9 px
	const scene = makeScene({ noise: 2, bg: [200, 215, 230], bgAt: windowBackground, fg: [150, 95, 70] });
	const opts = { faceCentre: scene.faceCentre, interEyeDistancePx: 60 };

	it('removes a background bulge the mask took for person, 25 px wide beside the head at ear level', () => {
		const coarse = bulgeMask(scene, 25, 150, 260);
		// background pixels of the bulge more than 3 px outside the true outline
		const bulge = (i: number) => {
			const y = Math.floor(i / scene.w);
			return y >= 150 && y < 260 && scene.sdf[i] > 3 && coarse[i] >= 0.5;
		};
		const before = frac(refineMatte(scene.image, coarse, { ...opts, skipColourCheck: true }).alpha, bulge, 0.1);
		const res = refineMatte(scene.image, coarse, opts);
		const after = frac(res.alpha, bulge, 0.1);
		console.log(`bulge px with alpha > 0.1: before ${before.k}/${before.n}, after ${after.k}/${after.n}; widened ${res.widenedPx} px`);
		expect(after.n).toBeGreaterThan(2000);
		expect(before.f).toBeGreaterThan(0.3); // the old behaviour keeps the bulge's inner part
		expect(after.f).toBeLessThan(0.02);
		expect(res.widenedPx).toBeGreaterThan(0);
		// the head itself is intact: alpha 1 more than 3 px inside the outline
		const inside = frac(res.alpha, (i) => scene.sdf[i] < -3, 0.98);
		expect(inside.f).toBeGreaterThan(0.995);
	});

	it('leaves no haze of a textured background in the unknown band', () => {
		const coarse = coarseMask(scene, 6, 14);
		const bg = (i: number) => scene.sdf[i] > 3 && scene.sdf[i] < 20;
		const before = frac(refineMatte(scene.image, coarse, { ...opts, skipColourCheck: true }).alpha, bg, 0.05);
		const res = refineMatte(scene.image, coarse, opts);
		const after = frac(res.alpha, bg, 0.05);
		console.log(`band background px with alpha > 0.05: before ${before.k}/${before.n}, after ${after.k}/${after.n}`);
		expect(before.f).toBeGreaterThan(0.05);
		expect(after.f).toBeLessThan(0.01);
		let s = 0,
			n = 0;
		for (let i = 0; i < scene.alpha.length; i++)
			if (Math.abs(scene.sdf[i]) <= 6) {
				s += Math.abs(res.alpha[i] - scene.alpha[i]);
				n++;
			}
		expect(s / n).toBeLessThan(0.08);
	});

	it('keeps a shoulder whose mask is uncertain (0.3)', () => {
		// body block x in [50, 350] from y 330; the mask is soft (0.3) over the 45 px of the left shoulder's edge
		const coarse = coarseMask(scene, 0, 4);
		for (let y = 330; y < scene.h; y++) for (let x = 50; x < 95; x++) if (scene.sdf[y * scene.w + x] < 0) coarse[y * scene.w + x] = 0.3;
		const res = refineMatte(scene.image, coarse, opts);
		const sel = (i: number) => {
			const x = i % scene.w;
			const y = Math.floor(i / scene.w);
			return y >= 340 && x >= 55 && x < 95;
		};
		const before = frac(refineMatte(scene.image, coarse, { ...opts, skipColourCheck: true }).alpha, sel, 0.9);
		const shoulder = frac(res.alpha, (i) => {
			const x = i % scene.w;
			const y = Math.floor(i / scene.w);
			return y >= 340 && x >= 55 && x < 95;
		}, 0.9);
		console.log(`uncertain shoulder px with alpha > 0.9: before ${before.k}/${before.n}, after ${shoulder.k}/${shoulder.n}`);
		expect(before.f).toBeLessThan(0.2); // the old behaviour cuts the shoulder
		expect(shoulder.f).toBeGreaterThan(0.97);
	});
});

describe('combinePersonMasks', () => {
	it('takes the minimum beside the head above the chin line and the crop mask below it and in the face', () => {
		const w = 100,
			h = 120;
		const crop = new Float32Array(w * h).fill(0.9);
		const analysis = new Float32Array(w * h).fill(0.2);
		const face = { x: 50, y: 40 };
		const out = combinePersonMasks(crop, analysis, w, h, face, 20); // chin line at y = 74, ramp 6 px
		expect(out[30 * w + 5]).toBeCloseTo(0.2, 5); // beside the head
		expect(out[45 * w + 50]).toBeCloseTo(0.9, 5); // face ellipse
		expect(out[100 * w + 5]).toBeCloseTo(0.9, 5); // below the chin line
		const t = (74 - 71.5) / 6; // on the ramp
		expect(out[71 * w + 5]).toBeCloseTo(t * 0.2 + (1 - t) * 0.9, 5);
		expect(() => combinePersonMasks(crop, analysis.subarray(1), w, h, face, 20)).toThrow(RangeError);
	});
});

describe('hair on a light background under a soft mask', () => {
	it('keeps the strands and leaves no halo of the background colour', async () => {
		const { makeHairScene } = await import('./scene');
		const hair = makeHairScene([70, 50, 40], [185, 205, 235]);
		// soft mask: the disc grown by 8 px with a 30 px ramp (the strands are inside it, the gaps too)
		const coarse = coarseMask(hair, 8, 30);
		const opts = { faceCentre: hair.faceCentre, interEyeDistancePx: 60 };
		const run = (skipColourCheck: boolean) => refineMatte(hair.image, coarse, { ...opts, skipColourCheck });
		const measure = (r: ReturnType<typeof run>) => {
			let strandErr = 0,
				strands = 0,
				gapHalo = 0,
				gaps = 0,
				blue = 0;
			for (let i = 0; i < hair.alpha.length; i++) {
				const y = Math.floor(i / hair.w);
				if (y > 180) continue; // upper half, where the strands are
				const d = Math.hypot((i % hair.w) + 0.5 - 200, y + 0.5 - 180) - 90;
				if (d < 3 || d > 32) continue;
				if (hair.alpha[i] >= 0.5) {
					strandErr += Math.abs(r.alpha[i] - hair.alpha[i]);
					strands++;
				} else if (hair.alpha[i] === 0) {
					gaps++;
					if (r.alpha[i] > 0.1) gapHalo++;
					// blue excess of the result composited on white
					const out = [0, 1, 2].map((c) => r.alpha[i] * r.foreground.data[i * 4 + c] + (1 - r.alpha[i]) * 255);
					blue += Math.max(0, out[2] - (out[0] + out[1]) / 2);
				}
			}
			return { strandMae: strandErr / strands, halo: gapHalo / gaps, blue: blue / gaps, strands, gaps };
		};
		const before = measure(run(true));
		const after = measure(run(false));
		console.log(`hair: strand MAE ${before.strandMae.toFixed(3)} -> ${after.strandMae.toFixed(3)} (${after.strands} px); gap px alpha > 0.1 ${(100 * before.halo).toFixed(1)} % -> ${(100 * after.halo).toFixed(1)} % (${after.gaps} px); blue excess ${before.blue.toFixed(2)} -> ${after.blue.toFixed(2)}`);
		expect(after.strands).toBeGreaterThan(300);
		expect(before.halo).toBeGreaterThan(0.05); // the old behaviour: a halo in the gaps between strands
		expect(after.strandMae).toBeLessThan(0.15);
		expect(after.halo).toBeLessThan(0.01);
		expect(after.blue).toBeLessThan(0.5);
	});
});

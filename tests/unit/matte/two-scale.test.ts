/**
 * Two-scale matting (refine.ts + two-scale.ts) on synthetic crops large enough for a grid factor > 1, with a known
 * alpha: a head disc plus a body block (scene.ts) whose edge is a linear ramp of known width, over two backgrounds.
 */
import { describe, expect, it } from 'vitest';
import { matteScaleFactor, refineMatte, WORK_IED_PX } from '../../../src/lib/pipeline/matte/refine';
import { downsamplePlane, downsampleRgba, samplePlaneAtCells } from '../../../src/lib/pipeline/matte/resample';
import { estimateForeground } from '../../../src/lib/pipeline/matte/foreground';
import { coarseMask, makeScene } from './scene';

type Rgb = [number, number, number];
const YELLOW: Rgb = [230, 200, 60];
const GREEN: Rgb = [40, 140, 90];
const PURPLE: Rgb = [120, 60, 140];
/** Two backgrounds: yellow left of x = 500, green right of it (scene width 1000 px at scale 2.5). */
const twoBackgrounds = (x: number): Rgb => (x < 500 ? YELLOW : GREEN);

const mae = (a: Float32Array, b: Float32Array, sel: (i: number) => boolean) => {
	let s = 0,
		n = 0;
	for (let i = 0; i < a.length; i++)
		if (sel(i)) {
			s += Math.abs(a[i] - b[i]);
			n++;
		}
	return { mae: s / n, n };
};

describe('resampling', () => {
	it('box-averages RGBA cells (partial cells at the border average what they hold)', () => {
		const w = 5,
			h = 3;
		const data = new Uint8ClampedArray(w * h * 4);
		for (let i = 0; i < w * h; i++) data.set([i * 10, 200 - i * 10, 7, 255], i * 4);
		const small = downsampleRgba({ width: w, height: h, data }, 2);
		expect([small.width, small.height]).toEqual([3, 2]);
		// cell (0,0): pixels 0, 1, 5, 6 -> R mean (0 + 10 + 50 + 60) / 4 = 30
		expect(Array.from(small.data.subarray(0, 4))).toEqual([30, 170, 7, 255]);
		// cell (2,1): pixel 14 alone -> R 140
		expect(small.data[(1 * 3 + 2) * 4]).toBe(140);
	});

	it('samples a linear plane at the cell centres exactly as the box average', () => {
		const w = 40,
			h = 24;
		const p = Float32Array.from({ length: w * h }, (_, i) => 0.01 * (i % w) + 0.02 * Math.floor(i / w));
		const a = samplePlaneAtCells(p, w, h, 4);
		const b = downsamplePlane(p, w, h, 4);
		for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 5);
	});
});

describe('two-scale matting of a 1000x1250 crop (grid factor 5)', () => {
	const scene = makeScene({ scale: 2.5, ramp: 6, noise: 2, fg: PURPLE, bg: YELLOW, bgAt: twoBackgrounds });
	const ied = 150;
	// a coarse mask as a 256 px segmentation upsampled ~4x would give it: 6 px too wide, 40 px soft
	const coarse = coarseMask(scene, 6, 40);
	const opts = { faceCentre: scene.faceCentre, interEyeDistancePx: ied };
	const res = refineMatte(scene.image, coarse, opts);
	const edge = (i: number) => Math.abs(scene.sdf[i]) <= 8;

	it('uses a grid of factor floor(ied / WORK_IED_PX)', () => {
		expect(WORK_IED_PX).toBe(30);
		expect(matteScaleFactor(ied)).toBe(5);
		expect(matteScaleFactor(59)).toBe(1);
		expect(res.scaleFactor).toBe(5);
	});

	it('recovers the known soft edge (linear 6 px ramp) over both backgrounds', () => {
		const all = mae(res.alpha, scene.alpha, () => true);
		const band = mae(res.alpha, scene.alpha, edge);
		const coarseBand = mae(coarse, scene.alpha, edge);
		// per background side
		const left = mae(res.alpha, scene.alpha, (i) => edge(i) && i % scene.w < 450);
		const right = mae(res.alpha, scene.alpha, (i) => edge(i) && i % scene.w > 550);
		console.log(
			`two-scale alpha MAE: all ${all.mae.toFixed(4)}, edge band ${band.mae.toFixed(4)} (coarse ${coarseBand.mae.toFixed(4)}); yellow side ${left.mae.toFixed(4)}, green side ${right.mae.toFixed(4)}`
		);
		expect(band.n).toBeGreaterThan(20000);
		expect(all.mae).toBeLessThan(0.01);
		expect(band.mae).toBeLessThan(0.08);
		expect(band.mae).toBeLessThan(coarseBand.mae / 3);
		expect(left.mae).toBeLessThan(0.08);
		expect(right.mae).toBeLessThan(0.08);
		// the ramp's middle: true alpha 0.5 +- 0.2 is recovered within 0.25 at nearly every pixel
		let ok = 0,
			n = 0;
		for (let i = 0; i < scene.alpha.length; i++)
			if (Math.abs(scene.alpha[i] - 0.5) < 0.2) {
				n++;
				if (Math.abs(res.alpha[i] - scene.alpha[i]) < 0.25) ok++;
			}
		expect(ok / n).toBeGreaterThan(0.9);
	});

	it('estimates the person colour at edge pixels, not the background mix', () => {
		let errEst = 0,
			errImg = 0,
			n = 0;
		for (let i = 0; i < scene.alpha.length; i++) {
			const a = scene.alpha[i];
			if (a < 0.25 || a > 0.75) continue;
			for (let c = 0; c < 3; c++) {
				errEst += Math.abs(res.foreground.data[i * 4 + c] - PURPLE[c]);
				errImg += Math.abs(scene.image.data[i * 4 + c] - PURPLE[c]);
			}
			n += 3;
		}
		console.log(`foreground error at edge px (0.25 <= alpha <= 0.75), per channel: estimated ${(errEst / n).toFixed(1)}, image ${(errImg / n).toFixed(1)}`);
		expect(n / 3).toBeGreaterThan(3000);
		expect(errImg / n).toBeGreaterThan(30);
		expect(errEst / n).toBeLessThan(12);
	});

	it('guard rails: removes a detached blob and a second head at the frame edge, fills a hole enclosed by the person', () => {
		const m = new Float32Array(coarse);
		const w = scene.w;
		// detached blob touching the left frame edge over the background (the mask says person)
		const blob = (x: number, y: number) => x < 60 && y >= 100 && y < 200;
		// a second head at the right frame edge: a person-coloured disc, in the mask, not touching the person
		const img = { width: w, height: scene.h, data: new Uint8ClampedArray(scene.image.data) };
		const head2 = (x: number, y: number) => Math.hypot(x - 990, y - 250) < 120;
		// a hole in the clothing: the mask says background inside the body
		const hole = (x: number, y: number) => x >= 450 && x < 550 && y >= 1000 && y < 1100;
		for (let y = 0; y < scene.h; y++)
			for (let x = 0; x < w; x++) {
				const i = y * w + x;
				if (blob(x, y)) m[i] = 0.9;
				if (head2(x, y)) {
					m[i] = 1;
					img.data.set(PURPLE, i * 4);
				}
				if (hole(x, y)) m[i] = 0.05;
			}
		const r = refineMatte(img, m, opts);
		let blobMax = 0,
			headMax = 0,
			holeMin = 1;
		for (let y = 0; y < scene.h; y++)
			for (let x = 0; x < w; x++) {
				const a = r.alpha[y * w + x];
				if (blob(x, y)) blobMax = Math.max(blobMax, a);
				if (head2(x, y)) headMax = Math.max(headMax, a);
				if (hole(x, y)) holeMin = Math.min(holeMin, a);
			}
		expect(r.scaleFactor).toBe(5);
		expect(blobMax).toBe(0);
		expect(headMax).toBe(0);
		expect(holeMin).toBe(1);
		expect(r.droppedComponents).toBe(2);
		expect(r.holesFilled).toBeGreaterThan(0);
	});

	it('keeps alpha 1 up to the last row inside the source when the crop reaches beyond the photo', () => {
		const coverage = new Float32Array(scene.w * scene.h).fill(1);
		const img = { width: scene.w, height: scene.h, data: new Uint8ClampedArray(scene.image.data) };
		// rows >= 1101 lie beyond the source (not a multiple of the grid factor)
		for (let y = 1101; y < scene.h; y++)
			for (let x = 0; x < scene.w; x++) {
				coverage[y * scene.w + x] = 0;
				img.data.set([255, 255, 255, 255], (y * scene.w + x) * 4);
			}
		const m = coarse.map((v, i) => (coverage[i] > 0 ? v : 0));
		const r = refineMatte(img, m, { ...opts, coverage });
		for (let x = 300; x <= 700; x += 50) for (let y = 1080; y <= 1100; y++) expect(r.alpha[y * scene.w + x]).toBeCloseTo(1, 3);
		expect(r.alpha[1150 * scene.w + 500]).toBe(0);
		expect(r.trimap[1150 * scene.w + 500]).toBe(1);
	});
});

describe('hair strands through the grid', () => {
	it('keeps 1.5 px strands (alpha 0.75) at grid factors 2 and 3 as the single scale does', async () => {
		const { makeHairScene } = await import('./scene');
		const hair = makeHairScene([70, 50, 40], [185, 205, 235]);
		const coarse = coarseMask(hair, 8, 30);
		const strandMae = (s: number) => {
			const r = refineMatte(hair.image, coarse, { faceCentre: hair.faceCentre, interEyeDistancePx: 60, scaleFactor: s });
			expect(r.scaleFactor).toBe(s);
			let e = 0,
				n = 0;
			for (let i = 0; i < hair.alpha.length; i++) {
				const y = Math.floor(i / hair.w);
				const d = Math.hypot((i % hair.w) + 0.5 - 200, y + 0.5 - 180) - 90;
				if (y > 180 || d < 3 || d > 32 || hair.alpha[i] < 0.5) continue;
				e += Math.abs(r.alpha[i] - hair.alpha[i]);
				n++;
			}
			expect(n).toBeGreaterThan(300);
			return e / n;
		};
		const [one, two, three] = [1, 2, 3].map(strandMae);
		console.log(`strand alpha MAE: grid factor 1 ${one.toFixed(3)}, 2 ${two.toFixed(3)}, 3 ${three.toFixed(3)}`);
		expect(one).toBeLessThan(0.02);
		expect(two).toBeLessThan(0.03);
		expect(three).toBeLessThan(0.03);
	});
});

describe('textured background through the grid', () => {
	it('leaves no haze or detached specks over a window-like background at grid factor 5', async () => {
		const { windowBackground } = await import('./scene');
		// the window pattern at 2.5x: 75 px panes, 15 px dark frames
		const scene = makeScene({ scale: 2.5, ramp: 6, noise: 2, bg: [200, 215, 230], fg: [150, 95, 70], bgAt: (x, y) => windowBackground(Math.floor(x / 2.5), Math.floor(y / 2.5)) });
		const coarse = coarseMask(scene, 15, 35);
		const r = refineMatte(scene.image, coarse, { faceCentre: scene.faceCentre, interEyeDistancePx: 150 });
		expect(r.scaleFactor).toBe(5);
		let haze = 0,
			bg = 0,
			err = 0,
			edge = 0;
		for (let i = 0; i < scene.alpha.length; i++) {
			const d = scene.sdf[i];
			if (d > 8 && d < 50) {
				bg++;
				if (r.alpha[i] > 0.05) haze++;
			}
			if (Math.abs(d) <= 8) {
				err += Math.abs(r.alpha[i] - scene.alpha[i]);
				edge++;
			}
		}
		console.log(`window background: px with alpha > 0.05 within 8..50 px of the outline ${haze}/${bg}; edge-band MAE ${(err / edge).toFixed(4)}`);
		expect(bg).toBeGreaterThan(50000);
		expect(haze / bg).toBeLessThan(0.01);
		expect(err / edge).toBeLessThan(0.1);
	});
});

describe('multi-level foreground estimation (Germer et al. 2020)', () => {
	it('recovers a known foreground colour under a known alpha ramp over two backgrounds', () => {
		const w = 120,
			h = 40;
		const n = w * h;
		const planes: [Float32Array, Float32Array, Float32Array] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
		const alpha = new Float32Array(n);
		for (let y = 0; y < h; y++)
			for (let x = 0; x < w; x++) {
				const i = y * w + x;
				// alpha ramps 0 -> 1 over x in [40, 80); background yellow on the top half, green on the bottom half
				const a = Math.min(1, Math.max(0, (x - 40 + 0.5) / 40));
				const b = y < 20 ? YELLOW : GREEN;
				alpha[i] = a;
				for (let c = 0; c < 3; c++) planes[c][i] = (a * PURPLE[c] + (1 - a) * b[c]) / 255;
			}
		const { foreground } = estimateForeground(planes, alpha, w, h);
		let err = 0,
			k = 0;
		for (let i = 0; i < n; i++) {
			if (alpha[i] < 0.2 || alpha[i] > 0.99) continue;
			const y = Math.floor(i / w);
			if (y === 19 || y === 20) continue; // the background's own edge
			for (let c = 0; c < 3; c++) err += Math.abs(foreground[c][i] * 255 - PURPLE[c]);
			k += 3;
		}
		expect(k).toBeGreaterThan(2000);
		expect(err / k).toBeLessThan(6);
	});
});

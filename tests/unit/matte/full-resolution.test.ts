/**
 * refineToFullResolution (two-scale.ts) against a direct per-pixel reference of its file comment's steps 1-4
 * (4-tap bilinear upsampling of the Fast Guided Filter coefficients and of F̂, B̂; clamp to the grid's bounds; coverage;
 * detached band pixels cleared; one Germer et al. solve per fractional band pixel), on a crop whose size is not a
 * multiple of the grid factor. Guards the run-based, separable implementation.
 */
import { describe, expect, it } from 'vitest';
import { BAND_EPS, REFINE_EPS, REFINE_RADIUS_CELLS, refineToFullResolution } from '../../../src/lib/pipeline/matte/two-scale';
import { guidedFilterCoefficients } from '../../../src/lib/pipeline/matte/guided-filter';
import { maxFilter, minFilter } from '../../../src/lib/pipeline/matte/morphology';
import { bilinearAxis } from '../../../src/lib/pipeline/matte/resample';
import { DETACHED_ALPHA } from '../../../src/lib/pipeline/matte/colour-prior';
import { TRIMAP_FOREGROUND, TRIMAP_OUTSIDE, TRIMAP_UNKNOWN } from '../../../src/lib/pipeline/matte/trimap';

describe('refineToFullResolution', () => {
	it('equals the per-pixel reference: alpha, trimap, detached pixels and foreground colours', () => {
		const s = 4;
		const w = 101,
			h = 86; // grid 26 x 22, partial cells at the right and bottom
		const gw = Math.ceil(w / s),
			gh = Math.ceil(h / s),
			gn = gw * gh;
		let seed = 99;
		const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
		// grid matte: a disc with a 3-cell soft edge, plus a fractional speck away from it (detached in the band)
		const alphaG = new Float32Array(gn);
		for (let Y = 0; Y < gh; Y++)
			for (let X = 0; X < gw; X++) {
				const d = Math.hypot(X + 0.5 - 10, Y + 0.5 - 12) - 6;
				alphaG[Y * gw + X] = Math.min(1, Math.max(0, 0.5 - d / 3));
			}
		alphaG[3 * gw + 22] = 0.3;
		const plane = (f: (X: number, Y: number) => number) => Float32Array.from({ length: gn }, (_, c) => f(c % gw, Math.floor(c / gw)));
		const image = [plane((X) => 0.2 + 0.02 * X), plane((X, Y) => 0.3 + 0.01 * Y), plane(() => 0.5 + 0.1 * rnd())] as [Float32Array, Float32Array, Float32Array];
		const fg = [plane(() => 0.6 + 0.3 * rnd()), plane(() => 0.2 * rnd()), plane(() => 0.1 + 0.2 * rnd())] as [Float32Array, Float32Array, Float32Array];
		const bg = [plane(() => 0.1 * rnd()), plane(() => 0.4 + 0.2 * rnd()), plane(() => 0.8 + 0.2 * rnd())] as [Float32Array, Float32Array, Float32Array];
		const data = new Uint8ClampedArray(w * h * 4);
		for (let i = 0; i < w * h; i++) data.set([40 + 180 * rnd(), 30 + 150 * rnd(), 60 + 100 * rnd(), 255], i * 4);
		// the bottom rows lie outside the source
		const coverage = Float32Array.from({ length: w * h }, (_, i) => (Math.floor(i / w) >= 80 ? 0 : 1));
		const res = refineToFullResolution({ width: w, height: h, data }, s, { gw, gh, alpha: alphaG, image, fg, bg }, coverage);

		// reference
		const lo = minFilter(alphaG, gw, gh, 1);
		const hi = maxFilter(alphaG, gw, gh, 1);
		const coef = guidedFilterCoefficients(image, alphaG, gw, gh, REFINE_RADIUS_CELLS, REFINE_EPS);
		const ax = bilinearAxis(w, gw, s);
		const ay = bilinearAxis(h, gh, s);
		const bil = (P: Float32Array, x: number, y: number) => {
			const fx = ax.f[x],
				fy = ay.f[y];
			const r0 = ay.i0[y] * gw,
				r1 = ay.i1[y] * gw;
			return (P[r0 + ax.i0[x]] * (1 - fx) + P[r0 + ax.i1[x]] * fx) * (1 - fy) + (P[r1 + ax.i0[x]] * (1 - fx) + P[r1 + ax.i1[x]] * fx) * fy;
		};
		const alpha = new Float32Array(w * h);
		const trimap = new Uint8Array(w * h);
		let bandPx = 0;
		for (let y = 0; y < h; y++)
			for (let x = 0; x < w; x++) {
				const i = y * w + x;
				const c = Math.floor(y / s) * gw + Math.floor(x / s);
				if (lo[c] < 1 - BAND_EPS && hi[c] > BAND_EPS) {
					bandPx++;
					let q = bil(coef[3], x, y);
					for (let k = 0; k < 3; k++) q += (bil(coef[k], x, y) * data[i * 4 + k]) / 255;
					q = Math.min(Math.min(1, s * s * hi[c]), Math.max(Math.max(0, 1 - s * s * (1 - lo[c])), q));
					alpha[i] = q;
					trimap[i] = TRIMAP_UNKNOWN;
				} else if (alphaG[c] >= 0.5) {
					alpha[i] = 1;
					trimap[i] = TRIMAP_FOREGROUND;
				}
				if (coverage[i] < 0.5) {
					alpha[i] = 0;
					trimap[i] = TRIMAP_OUTSIDE;
				}
			}
		// detached: band pixels above DETACHED_ALPHA not 8-connected through such pixels to the definite foreground
		const live = (i: number) => trimap[i] === TRIMAP_UNKNOWN && alpha[i] > DETACHED_ALPHA;
		const reached = new Uint8Array(w * h);
		const queue: number[] = [];
		const near = (i: number, f: (j: number) => boolean) => {
			const x = i % w,
				y = Math.floor(i / w);
			for (let dy = -1; dy <= 1; dy++)
				for (let dx = -1; dx <= 1; dx++) {
					const xx = x + dx,
						yy = y + dy;
					if ((dx || dy) && xx >= 0 && yy >= 0 && xx < w && yy < h && f(yy * w + xx)) return true;
				}
			return false;
		};
		for (let i = 0; i < w * h; i++)
			if (live(i) && near(i, (j) => trimap[j] === TRIMAP_FOREGROUND)) {
				reached[i] = 1;
				queue.push(i);
			}
		while (queue.length) {
			const p = queue.pop()!;
			near(p, (j) => {
				if (live(j) && !reached[j]) {
					reached[j] = 1;
					queue.push(j);
				}
				return false;
			});
		}
		let detached = 0;
		for (let i = 0; i < w * h; i++)
			if (live(i) && !reached[i]) {
				alpha[i] = 0;
				detached++;
			}
		expect(bandPx).toBeGreaterThan(1500);
		expect(detached).toBeGreaterThan(0); // the speck
		expect(res.bandPx).toBe(bandPx);
		expect(res.detachedPx).toBe(detached);
		expect(Array.from(res.trimap)).toEqual(Array.from(trimap));
		let maxErr = 0;
		for (let i = 0; i < w * h; i++) maxErr = Math.max(maxErr, Math.abs(res.alpha[i] - alpha[i]));
		expect(maxErr).toBeLessThan(1e-5);

		// foreground: one Germer et al. solve per band pixel with 0 < alpha < 1 (ε_r = 1e-5, ω = 1), image elsewhere
		let fgErr = 0,
			solved = 0;
		for (let y = 0; y < h; y++)
			for (let x = 0; x < w; x++) {
				const i = y * w + x;
				const a = res.alpha[i];
				const expected = [data[i * 4], data[i * 4 + 1], data[i * 4 + 2]];
				if (trimap[i] === TRIMAP_UNKNOWN && a > 0 && a < 1) {
					solved++;
					let W = 0;
					for (const [xx, yy] of [
						[x - 1, y],
						[x + 1, y],
						[x, y - 1],
						[x, y + 1]
					])
						if (xx >= 0 && yy >= 0 && xx < w && yy < h) W += 1e-5 + Math.abs(a - res.alpha[yy * w + xx]);
					const a00 = a * a + W,
						a01 = a * (1 - a),
						a11 = (1 - a) * (1 - a) + W;
					const det = a00 * a11 - a01 * a01;
					for (let k = 0; k < 3; k++) {
						const I = data[i * 4 + k] / 255;
						const r0 = a * I + W * bil(fg[k], x, y);
						const r1 = (1 - a) * I + W * bil(bg[k], x, y);
						expected[k] = Math.round(Math.min(1, Math.max(0, (a11 * r0 - a01 * r1) / det)) * 255);
					}
				}
				for (let k = 0; k < 3; k++) fgErr = Math.max(fgErr, Math.abs(res.foreground.data[i * 4 + k] - expected[k]));
				expect(res.foreground.data[i * 4 + 3]).toBe(255);
			}
		expect(solved).toBeGreaterThan(500);
		expect(fgErr).toBeLessThanOrEqual(1);
	});
});

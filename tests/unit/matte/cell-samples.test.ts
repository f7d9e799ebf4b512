/**
 * The two-scale matting reads the coarse masks only at its grid's cell centres; render.ts samples those from the model
 * masks directly (planeWarpAt + samplePixelsAtCells) instead of warping whole planes first. These pieces must give
 * exactly the values of the whole-plane path, for odd and even grid factors and clipped last cells.
 */
import { describe, expect, it } from 'vitest';
import { planeWarpAt, warpPlane, type Affine } from '../../../src/lib/pipeline/geometry';
import { planeSampler, samplePixelsAtCells, samplePlaneAtCells } from '../../../src/lib/pipeline/matte/resample';
import { refineMatte } from '../../../src/lib/pipeline/matte/refine';
import { rng } from '../../../bench/eval/defects';

/** A smooth random plane with a sharp edge: a mask-like test signal. */
function plane(w: number, h: number, seed: number): Float32Array {
	const r = rng(seed);
	const p = new Float32Array(w * h);
	const [a, b, c] = [r() * 0.2, r() * 0.2, r() * 6];
	for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) p[y * w + x] = Math.min(1, Math.max(0, 0.5 + Math.sin(a * x + c) * 0.4 + (x + y * b > w / 2 ? 0.3 : -0.3)));
	return p;
}

describe('sparse samples equal the whole-plane path', () => {
	it('samplePixelsAtCells (and samplePlaneAtCells, built on it) == bilinear at the cell centres, s = 1..5, clipped cells', () => {
		const [w, h] = [103, 77]; // not divisible by 2, 3, 4 or 5
		const p = plane(w, h, 1);
		// the reference, written out: the plane interpolated bilinearly at the centre of each (possibly clipped) cell,
		// in px-centre coordinates ((c·s + min(n, (c+1)·s)) / 2 − 0.5)
		const centre = (c: number, n: number, s: number) => Math.min(n - 1, Math.max(0, (c * s + Math.min(n, (c + 1) * s)) / 2 - 0.5));
		const at = (u: number, v: number) => {
			const [x0, y0] = [Math.floor(u), Math.floor(v)];
			const [x1, y1] = [Math.min(w - 1, x0 + 1), Math.min(h - 1, y0 + 1)];
			const [fx, fy] = [u - x0, v - y0];
			return (p[y0 * w + x0] * (1 - fx) + p[y0 * w + x1] * fx) * (1 - fy) + (p[y1 * w + x0] * (1 - fx) + p[y1 * w + x1] * fx) * fy;
		};
		for (const s of [1, 2, 3, 4, 5]) {
			const [gw, gh] = [Math.ceil(w / s), Math.ceil(h / s)];
			const reference = new Float32Array(gw * gh);
			for (let Y = 0; Y < gh; Y++) for (let X = 0; X < gw; X++) reference[Y * gw + X] = at(centre(X, w, s), centre(Y, h, s));
			const calls = { n: 0 };
			const sparse = samplePixelsAtCells(w, h, s, (x, y) => (calls.n++, p[y * w + x]));
			expect(sparse, `s=${s}`).toEqual(reference);
			expect(samplePlaneAtCells(p, w, h, s), `s=${s}`).toEqual(reference);
			// one px per cell whose centre is a px centre (odd s, unclipped cells), up to four otherwise
			expect(calls.n).toBeLessThanOrEqual(4 * gw * gh);
			if (s === 3) expect(calls.n).toBeLessThan(1.2 * gw * gh);
		}
	});

	it('planeWarpAt == warpPlane px by px (upscale with rotation, and a supersampled downscale; fill outside)', () => {
		const [w, h] = [60, 80];
		const p = plane(w, h, 2);
		const cases: [Affine, number, number][] = [
			[{ a: 1.9 * Math.cos(0.1), b: 1.9 * Math.sin(0.1), c: -1.9 * Math.sin(0.1), d: 1.9 * Math.cos(0.1), e: -7.3, f: 3.1 }, 140, 150],
			[{ a: 0.4, b: 0, c: 0, d: 0.45, e: 2.5, f: -1.25 }, 30, 40]
		];
		for (const [t, W, H] of cases) {
			const whole = warpPlane(p, w, h, t, W, H, { fill: -1 });
			const at = planeWarpAt(p, w, h, t, { fill: -1 });
			for (let Y = 0; Y < H; Y++) for (let X = 0; X < W; X++) expect(at(X, Y)).toBe(whole[Y * W + X]);
			expect(whole.some((v) => v === -1)).toBe(true); // the frame reaches beyond the plane: fill is exercised
		}
	});

	it('refineMatte gives the same matte from a PlaneSampler as from the whole planes', () => {
		const [w, h] = [140, 170];
		const r = rng(3);
		const data = new Uint8ClampedArray(w * h * 4);
		const coarse = new Float32Array(w * h);
		for (let y = 0; y < h; y++)
			for (let x = 0; x < w; x++) {
				const i = y * w + x;
				const inside = Math.hypot(x - 70, (y - 70) * 0.8) < 45 || (y > 120 && Math.abs(x - 70) < 60);
				const c = inside ? [90, 60, 50] : [225, 230, 235];
				for (let k = 0; k < 3; k++) data[i * 4 + k] = c[k] + (r() - 0.5) * 12;
				data[i * 4 + 3] = 255;
				coarse[i] = inside ? 0.95 : 0.05;
			}
		const image = { width: w, height: h, data };
		const options = { faceCentre: { x: 70, y: 70 }, interEyeDistancePx: 95 }; // grid factor 3
		const a = refineMatte(image, coarse, { ...options, secondaryMask: coarse });
		const b = refineMatte(image, planeSampler(coarse, w, h), { ...options, secondaryMask: planeSampler(coarse, w, h) });
		expect(a.scaleFactor).toBe(3);
		expect(b.alpha).toEqual(a.alpha);
		expect(b.foreground.data).toEqual(a.foreground.data);
		expect(() => refineMatte(image, planeSampler(coarse.subarray(w), w, h - 1), options)).toThrow(RangeError);
	});
});

/**
 * Closed-form matting (closed-form.ts, Levin et al. 2008) on a synthetic two-colour edge with a known alpha: the
 * colour-line model holds exactly there (alpha is an affine function of the colour), so the solution recovers the known
 * alpha from a wrong flat start.
 */
import { describe, expect, it } from 'vitest';
import { closedFormMatte } from '../../../src/lib/pipeline/matte/closed-form';
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND, TRIMAP_OUTSIDE, TRIMAP_UNKNOWN } from '../../../src/lib/pipeline/matte/trimap';
import { mae } from './scene';

const w = 40;
const h = 30;
const F = [0.8, 0.3, 0.2];
const B = [0.1, 0.2, 0.7];

/** Known alpha: a ramp from 0 at x = 14 to 1 at x = 26, bent by a row-dependent shift of up to 2 px. */
const known = (x: number, y: number) => Math.min(1, Math.max(0, (x + 0.5 - 14 - 2 * Math.sin(y / 5)) / 12));

function edge(noise = 0) {
	const n = w * h;
	const planes: [Float32Array, Float32Array, Float32Array] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
	const trimap = new Uint8Array(n);
	const alpha = new Float32Array(n);
	let seed = 7;
	const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff - 0.5) * 2;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			const a = known(x, y);
			alpha[i] = a;
			for (let c = 0; c < 3; c++) planes[c][i] = a * F[c] + (1 - a) * B[c] + noise * rnd();
			trimap[i] = x < 8 ? TRIMAP_BACKGROUND : x >= 32 ? TRIMAP_FOREGROUND : TRIMAP_UNKNOWN;
		}
	return { planes, trimap, alpha };
}


describe('closedFormMatte', () => {
	it('recovers the known alpha of a two-colour edge from a flat 0.5 start within 0.02', () => {
		const e = edge();
		const p = new Float32Array(w * h).fill(0.5);
		const out = closedFormMatte(e.planes, e.trimap, p, w, h, { dataWeight: 1e-4, iterations: 400 });
		const unknown = (i: number) => e.trimap[i] === TRIMAP_UNKNOWN;
		expect(mae(p, e.alpha, unknown)).toBeGreaterThan(0.3); // the start is far off
		expect(mae(out, e.alpha, unknown)).toBeLessThan(0.02);
		// definite pixels stay fixed
		expect(out[5 * w + 2]).toBe(0);
		expect(out[5 * w + 36]).toBe(1);
	});

	it('with a data term of weight 0.05, moves a blurred and shifted estimate towards the known alpha (±1/255 noise)', () => {
		const e = edge(1 / 255);
		// estimate: the known ramp shifted by 3 px and widened to 20 px
		const p = new Float32Array(w * h);
		for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) p[y * w + x] = Math.min(1, Math.max(0, (x + 0.5 - 13 - 2 * Math.sin(y / 5)) / 20));
		const out = closedFormMatte(e.planes, e.trimap, p, w, h, { dataWeight: 0.05, iterations: 40 });
		const unknown = (i: number) => e.trimap[i] === TRIMAP_UNKNOWN;
		const before = mae(p, e.alpha, unknown);
		const after = mae(out, e.alpha, unknown);
		// measured: 0.127 -> 0.078 (the data term, weight 0.05, holds part of the error; weight 0.01 reaches 0.054)
		expect(before).toBeGreaterThan(0.12);
		expect(after).toBeLessThan(0.7 * before);
	});

	it('leaves pixels of other trimap codes at their data value and throws on size mismatch', () => {
		const e = edge();
		e.trimap[0] = TRIMAP_OUTSIDE;
		const p = new Float32Array(w * h).fill(0.25);
		const out = closedFormMatte(e.planes, e.trimap, p, w, h, { iterations: 5 });
		expect(out[0]).toBe(0.25);
		expect(() => closedFormMatte(e.planes, e.trimap.subarray(1), p, w, h)).toThrow(RangeError);
	});
});


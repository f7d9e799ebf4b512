/**
 * The box prefilter of warpToTensor has two passes that must agree bit for bit: block by block (k ≤ 8, on a 4-byte
 * aligned buffer) and row by row (larger k, or a buffer whose pixels cannot be read as 32-bit words). The second is
 * forced here by giving the same pixels at byte offset 1 of a larger buffer.
 */
import { describe, expect, it } from 'vitest';
import { warpToTensor } from '../../../src/lib/inference/image/warp';
import { rotatedRectToSource, type Affine } from '../../../src/lib/inference/math/affine';
import type { RgbaImage } from '../../../src/lib/types';

/** A w x h image of deterministic pseudo-random pixels (LCG, Numerical Recipes constants). */
function noise(w: number, h: number): RgbaImage {
	const data = new Uint8ClampedArray(w * h * 4);
	let s = 12345;
	for (let i = 0; i < data.length; i++) {
		s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
		data[i] = s >>> 24;
	}
	return { width: w, height: h, data };
}

describe('warpToTensor box prefilter: block-major and row-major passes agree', () => {
	const W = 333;
	const H = 517;
	const aligned = noise(W, H);
	// The same pixels at byte offset 1: no 32-bit view, so the row-major pass runs.
	const unaligned: RgbaImage = (() => {
		const buf = new Uint8ClampedArray(W * H * 4 + 1);
		buf.set(aligned.data, 1);
		return { width: W, height: H, data: new Uint8ClampedArray(buf.buffer, 1, W * H * 4) };
	})();
	const cases: [string, Affine, number][] = [
		// [name, tensor px → source px, tensor side]
		['k = 2, axis-aligned, partial blocks at the right and bottom edges', [2.6, 0, 0.3, 0, 2.6, 0.7], 128],
		['k = 3, whole image letterboxed (zero border)', [H / 128, 0, (W - H) / 2, 0, H / 128, 0], 128],
		['k = 5, rotated crop reaching outside the image', rotatedRectToSource(250, 300, 1100, 1100, 0.4, 192, 192), 192],
		['k = 8', [8.4, 0, 10, 0, 8.4, 20], 40],
		['k = 12 (row-major on both)', [12.2, 0, 0, 0, 12.2, 0], 40]
	];
	for (const [name, m, side] of cases) {
		it(name, () => {
			for (const border of ['zero', 'replicate'] as const) {
				const a = warpToTensor(aligned, m, side, side, { range: [-1, 1], border });
				const b = warpToTensor(unaligned, m, side, side, { range: [-1, 1], border });
				expect(a.length).toBe(side * side * 3);
				let maxDiff = 0;
				for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
				expect(maxDiff).toBe(0);
				// not a trivial output: the averaged noise still takes many distinct values
				expect(new Set(a).size).toBeGreaterThan(100);
			}
		});
	}
});


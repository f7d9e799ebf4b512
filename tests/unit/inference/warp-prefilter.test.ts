/**
 * The box prefilter of warpToTensor has passes that must agree bit for bit: on a 4-byte aligned buffer, block by block
 * (k ≤ 8) or row by row (larger k), both with packed 32-bit sums (R and B in one word); and byte by byte where the
 * pixels cannot be read as 32-bit words, which is forced here by giving the same pixels at byte offset 1 of a larger
 * buffer. Its bilinear sampling (a fast path for px whose four taps are inside, the tap-by-tap loop elsewhere) is
 * compared with a reference written out here.
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


/**
 * Reference bilinear sample of RGBA `img` at continuous source px (x, y) (pixel centres at +0.5), taps outside the image
 * read `fill` (8-bit) or, with `replicate`, the nearest edge px; written out tap by tap as warpToTensor's doc describes.
 */
function bilinearRef(img: RgbaImage, x: number, y: number, fill: number, replicate: boolean): number[] {
	const fx = x - 0.5;
	const fy = y - 0.5;
	const ix = Math.floor(fx);
	const iy = Math.floor(fy);
	const tx = fx - ix;
	const ty = fy - iy;
	const taps: [number, number, number][] = [
		[ix, iy, (1 - tx) * (1 - ty)],
		[ix + 1, iy, tx * (1 - ty)],
		[ix, iy + 1, (1 - tx) * ty],
		[ix + 1, iy + 1, tx * ty]
	];
	const rgb = [0, 0, 0];
	for (const [px, py, w] of taps) {
		if (w === 0) continue;
		const inside = px >= 0 && py >= 0 && px < img.width && py < img.height;
		const qx = Math.min(Math.max(px, 0), img.width - 1);
		const qy = Math.min(Math.max(py, 0), img.height - 1);
		for (let c = 0; c < 3; c++) rgb[c] += w * (inside || replicate ? img.data[(qy * img.width + qx) * 4 + c] : fill);
	}
	return rgb;
}

describe('warpToTensor bilinear sampling without prefilter (k = 1)', () => {
	const img = noise(97, 61);
	// a rotated, slightly enlarged view whose corners fall outside the image: interior px and every kind of border tap
	const m = rotatedRectToSource(48, 30, 120, 80, 0.3, 150, 100);
	for (const border of ['zero', 'replicate', 'white'] as const) {
		it(`equals the tap-by-tap reference (rounded to float32), border '${border}'`, () => {
			const out = warpToTensor(img, m, 150, 100, { range: [0, 255], border });
			let inside = 0;
			for (let j = 0; j < 100; j++)
				for (let i = 0; i < 150; i++) {
					const x = m[0] * (i + 0.5) + m[1] * (j + 0.5) + m[2];
					const y = m[3] * (i + 0.5) + m[4] * (j + 0.5) + m[5];
					if (x >= 1 && y >= 1 && x < img.width - 1 && y < img.height - 1) inside++;
					const ref = bilinearRef(img, x, y, border === 'white' ? 255 : 0, border === 'replicate');
					for (let c = 0; c < 3; c++) expect(out[(j * 150 + i) * 3 + c]).toBe(Math.fround(ref[c]));
				}
			// both kinds of px occur
			expect(inside).toBeGreaterThan(3000);
			expect(inside).toBeLessThan(15000);
		});
	}
});

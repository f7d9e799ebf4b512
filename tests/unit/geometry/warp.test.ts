import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../../src/lib/types';
import { IDENTITY, similarity } from '../../../src/lib/pipeline/geometry/affine';
import { warpAffine, warpPersonMask, warpPlane } from '../../../src/lib/pipeline/geometry/warp';

function image(w: number, h: number, f: (x: number, y: number) => [number, number, number]): RgbaImage {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const [r, g, b] = f(x, y);
			const o = (y * w + x) * 4;
			data[o] = r;
			data[o + 1] = g;
			data[o + 2] = b;
			data[o + 3] = 255;
		}
	return { width: w, height: h, data };
}

describe('warpAffine', () => {
	it('is exact for the identity and flags full coverage', () => {
		const src = image(17, 11, (x, y) => [x * 13, y * 20, (x * y) % 256]);
		const { image: out, coverage } = warpAffine(src, IDENTITY, 17, 11);
		expect(Array.from(out.data)).toEqual(Array.from(src.data));
		expect(coverage.every((c) => c === 1)).toBe(true);
	});

	it('translates by whole pixels exactly and fills / flags the uncovered border', () => {
		const src = image(20, 20, (x, y) => [x * 10, y * 10, 50]);
		const t = { a: 1, b: 0, c: 0, d: 1, e: 3, f: -2 }; // source (x, y) -> output (x + 3, y - 2)
		const { image: out, coverage } = warpAffine(src, t, 20, 20, { background: { r: 1, g: 2, b: 3 } });
		const px = (x: number, y: number) => Array.from(out.data.subarray((y * 20 + x) * 4, (y * 20 + x) * 4 + 4));
		expect(px(10, 5)).toEqual([70, 70, 50, 255]); // from source (7, 7)
		expect(px(0, 5)).toEqual([1, 2, 3, 255]);
		expect(coverage[5 * 20 + 0]).toBe(0);
		expect(coverage[5 * 20 + 3]).toBe(1);
		expect(coverage[18 * 20 + 10]).toBe(0); // source row 20: outside
		expect(coverage[17 * 20 + 10]).toBe(1);
	});

	it('area-averages a strong downscale (no aliasing of a 1-px checkerboard)', () => {
		const src = image(256, 256, (x, y) => ((x + y) & 1 ? [255, 255, 255] : [0, 0, 0]));
		const t = similarity(0.3, 0, { x: 0, y: 0 }, { x: 0, y: 0 });
		const { image: out } = warpAffine(src, t, 64, 64);
		let maxDev = 0;
		for (let i = 0; i < 64 * 64; i++) maxDev = Math.max(maxDev, Math.abs(out.data[i * 4] - 127.5));
		expect(maxDev).toBeLessThanOrEqual(8); // measured 5.5
		// without the prefilter (one bilinear sample per pixel) the same warp aliases badly
		const { image: aliased } = warpAffine(src, t, 64, 64, { supersample: 1 });
		let maxDevAliased = 0;
		for (let i = 0; i < 64 * 64; i++) maxDevAliased = Math.max(maxDevAliased, Math.abs(aliased.data[i * 4] - 127.5));
		expect(maxDevAliased).toBeGreaterThan(50); // measured 56.5 vs 5.5 with the prefilter
	});

	it('rotates about a pivot: a marked pixel lands where the transform says', () => {
		const src = image(100, 100, (x, y) => (x === 70 && y === 50 ? [255, 0, 0] : [0, 0, 0]));
		// rotate 90 deg clockwise on screen about (50.5, 50.5): (70.5, 50.5) -> (50.5, 70.5)
		const t = similarity(1, 90, { x: 50.5, y: 50.5 }, { x: 50.5, y: 50.5 });
		const { image: out } = warpAffine(src, t, 100, 100);
		expect(out.data[(70 * 100 + 50) * 4]).toBeGreaterThan(250);
		expect(out.data[(50 * 100 + 70) * 4]).toBe(0);
	});
});

describe('warpPlane / warpPersonMask', () => {
	it('maps a mask box into the output crop', () => {
		// mask of 10x10 over source box (100, 200, 20x20): left half person
		const data = new Float32Array(100);
		for (let j = 0; j < 10; j++) for (let i = 0; i < 5; i++) data[j * 10 + i] = 1;
		const mask = { width: 10, height: 10, data, box: { x: 100, y: 200, width: 20, height: 20 } };
		// output = source shifted so that (100, 200) -> (0, 0), scale 1
		const t = { a: 1, b: 0, c: 0, d: 1, e: -100, f: -200 };
		const out = warpPersonMask(mask, t, 30, 30);
		expect(out[5 * 30 + 2]).toBeCloseTo(1, 6); // inside the left half
		expect(out[5 * 30 + 15]).toBeCloseTo(0, 6); // right half
		expect(out[25 * 30 + 2]).toBe(0); // outside the box
		// output px 10 has its centre at source x 110.5 = mask coordinate 5.25, i.e. 3/4 of the way from the centre of
		// mask px 4 (value 1, centre 4.5) to mask px 5 (value 0, centre 5.5): bilinear gives 0.25
		expect(out[5 * 30 + 10]).toBeCloseTo(0.25, 6);
	});

	it('rejects a plane of the wrong length', () => {
		expect(() => warpPlane(new Float32Array(5), 2, 2, IDENTITY, 2, 2)).toThrow(RangeError);
	});
});

/**
 * The render-stage shortcuts keep their results: the warp's supersampling slack (geometry/warp.ts SUPERSAMPLE_SLACK)
 * and the compositing fast path for crops wholly inside the photo (compose/composite.ts).
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../../src/lib/types';
import { similarity } from '../../../src/lib/pipeline/geometry/affine';
import { SUPERSAMPLE_SLACK, warpAffine } from '../../../src/lib/pipeline/geometry/warp';
import { composite, extendBeyondSource } from '../../../src/lib/pipeline/compose/composite';
import { ASTRONAUT } from './helpers';

async function astronaut(): Promise<RgbaImage> {
	const { data, info } = await sharp(ASTRONAUT).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
}

function meanAbs(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
	let s = 0;
	for (let i = 0; i < a.length; i++) if (i % 4 !== 3) s += Math.abs(a[i] - b[i]);
	return s / ((a.length / 4) * 3);
}

describe('warp supersampling slack', () => {
	it('a 0.3 % shrink with a 1° roll (what render sees) is sampled once per px and differs from 2x2 by < 0.5 level', async () => {
		const src = await astronaut();
		// scale 0.997, rotation 1° about the centre, sub-pixel shift: the read-region → output transform of a render.
		const t = similarity(0.997, 1, { x: 256, y: 256 }, { x: 255.3, y: 255.6 });
		const once = warpAffine(src, t, 500, 500);
		const forced1 = warpAffine(src, t, 500, 500, { supersample: 1 });
		const twice = warpAffine(src, t, 500, 500, { supersample: 2 });
		expect(Array.from(once.image.data.subarray(0, 4000))).toEqual(Array.from(forced1.image.data.subarray(0, 4000)));
		const d = meanAbs(once.image.data, twice.image.data);
		expect(d).toBeLessThan(0.5);
		expect(d).toBeGreaterThan(0); // the two samplings do differ: the comparison is real
	});
	it('a shrink beyond the slack still supersamples (0.9 → 2x2)', async () => {
		expect(SUPERSAMPLE_SLACK).toBeLessThan(0.1);
		const src = await astronaut();
		const t = similarity(0.9, 0, { x: 0, y: 0 }, { x: 0, y: 0 });
		expect(Array.from(warpAffine(src, t, 400, 400).image.data)).toEqual(Array.from(warpAffine(src, t, 400, 400, { supersample: 2 }).image.data));
	});
});

describe('composite fast path', () => {
	it('full coverage gives exactly what the extension path gives', () => {
		const w = 40;
		const h = 30;
		const fg: RgbaImage = { width: w, height: h, data: new Uint8ClampedArray(w * h * 4).map((_, i) => (i * 37) % 256) };
		const alpha = Float32Array.from({ length: w * h }, (_, i) => (i % 11) / 10);
		const coverage = new Float32Array(w * h).fill(1);
		const bg = { r: 240, g: 240, b: 240 };
		const fast = composite(fg, alpha, bg, { coverage, chinYPx: 10 });
		const e = extendBeyondSource(fg, alpha, coverage, 10);
		expect(e.extendedPx).toBe(0);
		expect(Array.from(fast.data)).toEqual(Array.from(composite(e.foreground, e.alpha, bg).data));
	});
	it('partial coverage still extends: the uncovered bottom row repeats the last covered one', () => {
		const w = 4;
		const h = 3;
		const fg: RgbaImage = { width: w, height: h, data: new Uint8ClampedArray(w * h * 4) };
		for (let i = 0; i < w; i++) fg.data.set([200, 100, 50, 255], (w + i) * 4); // row 1 coloured
		const alpha = new Float32Array(w * h).fill(1);
		const coverage = new Float32Array(w * h).fill(1);
		for (let i = 0; i < w; i++) coverage[2 * w + i] = 0; // row 2 outside the photo
		const out = composite(fg, alpha, { r: 0, g: 0, b: 255 }, { coverage });
		expect(Array.from(out.data.subarray(2 * w * 4, 2 * w * 4 + 4))).toEqual([200, 100, 50, 255]);
	});
});

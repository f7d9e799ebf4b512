import { describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../../src/lib/types';
import { resizePlaneBilinear, warpToTensor } from '../../../src/lib/inference/image/warp';
import { applyAffine, composeAffine, invertAffine, rotatedRectToSource, IDENTITY } from '../../../src/lib/inference/math/affine';
import { detectionToRoi, normalizeRadians } from '../../../src/lib/inference/landmarks/roi';
import { projectLandmarks } from '../../../src/lib/inference/landmarks';

function image(w: number, h: number, f: (x: number, y: number) => [number, number, number]): RgbaImage {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const [r, g, b] = f(x, y);
			data.set([r, g, b, 255], (y * w + x) * 4);
		}
	return { width: w, height: h, data };
}

describe('affine helpers', () => {
	it('invert and compose', () => {
		const m = rotatedRectToSource(100, 50, 80, 40, 0.3, 192, 192);
		const id = composeAffine(invertAffine(m), m);
		id.forEach((v, i) => expect(v).toBeCloseTo(IDENTITY[i], 12));
		expect(() => invertAffine([1, 2, 0, 2, 4, 0])).toThrow(/singular/);
	});
	it('rotatedRectToSource maps the tensor centre to the rect centre and its x axis along θ', () => {
		const t = Math.PI / 6;
		const m = rotatedRectToSource(100, 50, 80, 40, t, 192, 192);
		const c = applyAffine(m, 96, 96);
		expect(c.x).toBeCloseTo(100, 9);
		expect(c.y).toBeCloseTo(50, 9);
		const r = applyAffine(m, 192, 96); // middle of the rect's right edge
		expect(r.x).toBeCloseTo(100 + 40 * Math.cos(t), 9);
		expect(r.y).toBeCloseTo(50 + 40 * Math.sin(t), 9);
		const b = applyAffine(m, 96, 192); // middle of the bottom edge: along (-sin, cos)
		expect(b.x).toBeCloseTo(100 - 20 * Math.sin(t), 9);
		expect(b.y).toBeCloseTo(50 + 20 * Math.cos(t), 9);
	});
});

describe('warpToTensor', () => {
	const img = image(4, 3, (x, y) => [x * 60, y * 100, 255]);
	it('identity copies pixels and maps [0,255] to the range', () => {
		const t = warpToTensor(img, IDENTITY, 4, 3, { range: [-1, 1], border: 'zero' });
		expect(t.length).toBe(36);
		expect(t[0]).toBeCloseTo(-1, 6);
		expect(t[(2 * 4 + 3) * 3]).toBeCloseTo((180 / 255) * 2 - 1, 6);
		expect(t[(2 * 4 + 3) * 3 + 1]).toBeCloseTo((200 / 255) * 2 - 1, 6);
		expect(t[2]).toBeCloseTo(1, 6);
	});
	it('half-pixel shift interpolates between neighbours', () => {
		const t = warpToTensor(img, [1, 0, 0.5, 0, 1, 0], 3, 3, { range: [0, 255], border: 'zero' });
		expect(t[0]).toBeCloseTo(30, 4);
		expect(t[3]).toBeCloseTo(90, 4);
	});
	it('rotation by 90° about the centre', () => {
		// source 4x3 → destination 3x4; dst (x,y) ↦ src (y, 2-x)... in px-centre terms: src = (yc, 3 - xc)
		const m: [number, number, number, number, number, number] = [0, 1, 0, -1, 0, 3];
		const t = warpToTensor(img, m, 3, 4, { range: [0, 255], border: 'zero' });
		// dst pixel (0,0) centre (0.5,0.5) → src (0.5, 2.5) = pixel (0,2): r = 0, g = 200
		expect(t[0]).toBeCloseTo(0, 4);
		expect(t[1]).toBeCloseTo(200, 4);
		// dst pixel (2,3) centre (2.5,3.5) → src (3.5, 0.5) = pixel (3,0)
		expect(t[(3 * 3 + 2) * 3]).toBeCloseTo(180, 4);
		expect(t[(3 * 3 + 2) * 3 + 1]).toBeCloseTo(0, 4);
	});
	it('zero vs replicate border', () => {
		const m: [number, number, number, number, number, number] = [1, 0, -2, 0, 1, 0];
		const z = warpToTensor(img, m, 4, 3, { range: [0, 255], border: 'zero' });
		const r = warpToTensor(img, m, 4, 3, { range: [0, 255], border: 'replicate' });
		expect(z[2]).toBe(0); // blue outside = 0 with BORDER_ZERO
		expect(r[2]).toBeCloseTo(255, 4);
	});
	it('white border: 255 outside, the zero border plus the outside taps times 255 at the edge', () => {
		// source x = u - 1.5: dst px 0 (centre 0.5 → src -1) has all its taps outside, px 1 (→ src 0) half of them,
		// px 2 (→ src 1) none
		const m: [number, number, number, number, number, number] = [1, 0, -1.5, 0, 1, 0];
		const z = warpToTensor(img, m, 4, 3, { range: [0, 255], border: 'zero' });
		const w = warpToTensor(img, m, 4, 3, { range: [0, 1], border: 'white' });
		for (let c = 0; c < 3; c++) {
			expect(w[c]).toBe(1);
			expect(w[3 + c] * 255).toBeCloseTo(z[3 + c] + 127.5, 3);
			expect(w[6 + c] * 255).toBeCloseTo(z[6 + c], 3);
		}
		expect(z[6]).not.toBe(z[3]); // the inside px differs from the half-outside one: the test is not vacuous
	});
	it('box-prefilters strong downscaling (no aliasing of a 1-px checkerboard)', () => {
		const cb = image(512, 512, (x, y) => ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0]));
		const t = warpToTensor(cb, [4, 0, 0, 0, 4, 0], 128, 128, { range: [0, 255], border: 'replicate' });
		let min = Infinity;
		let max = -Infinity;
		for (let i = 0; i < t.length; i++) {
			min = Math.min(min, t[i]);
			max = Math.max(max, t[i]);
		}
		expect(min).toBeGreaterThan(120);
		expect(max).toBeLessThan(135);
	});
	it('prefiltered downscale keeps geometry: a bright square stays centred', () => {
		const sq = image(400, 400, (x, y) => (x >= 180 && x < 220 && y >= 100 && y < 140 ? [255, 255, 255] : [0, 0, 0]));
		const t = warpToTensor(sq, [5, 0, 0, 0, 5, 0], 80, 80, { range: [0, 1], border: 'zero' });
		let sx = 0;
		let sy = 0;
		let s = 0;
		for (let y = 0; y < 80; y++)
			for (let x = 0; x < 80; x++) {
				const v = t[(y * 80 + x) * 3];
				sx += v * (x + 0.5);
				sy += v * (y + 0.5);
				s += v;
			}
		expect(sx / s).toBeCloseTo(40, 1); // 200 px / 5
		expect(sy / s).toBeCloseTo(24, 1); // 120 px / 5
	});
	it('a shared cache reuses the block-averaged region across orientations', () => {
		const big = image(300, 200, (x, y) => [x % 256, y % 256, (x * y) % 256]);
		const cache = new Map();
		const up = warpToTensor(big, [3, 0, 0, 0, 3, -50], 100, 100, { range: [0, 255], border: 'zero', cache });
		// same region, rotated 180°: dst (x, y) → src (300 - 3x, 250 - 3y)
		const down = warpToTensor(big, [-3, 0, 300, 0, -3, 250], 100, 100, { range: [0, 255], border: 'zero', cache });
		expect(cache.size).toBe(1);
		const fresh = warpToTensor(big, [-3, 0, 300, 0, -3, 250], 100, 100, { range: [0, 255], border: 'zero' });
		expect(Array.from(down)).toEqual(Array.from(fresh));
		// 180° rotation: pixel (i, j) of one equals pixel (99-i, 99-j) of the other
		for (const [i, j] of [[10, 20], [50, 70], [99, 0]]) {
			expect(down[(j * 100 + i) * 3]).toBeCloseTo(up[((99 - j) * 100 + (99 - i)) * 3], 3);
		}
	});
	it('rejects a wrong out buffer', () => {
		expect(() => warpToTensor(img, IDENTITY, 4, 3, { range: [0, 1], border: 'zero', out: new Float32Array(5) })).toThrow();
	});
});

describe('resizePlaneBilinear', () => {
	it('upsamples with half-pixel centres and clamped edges', () => {
		const out = resizePlaneBilinear(new Float32Array([0, 1]), 2, 1, 4, 1);
		expect(Array.from(out)).toEqual([0, 0.25, 0.75, 1]);
		const same = resizePlaneBilinear(new Float32Array([1, 2, 3, 4]), 2, 2, 2, 2);
		expect(Array.from(same)).toEqual([1, 2, 3, 4]);
	});
});

describe('face ROI (face_detection_front_detection_to_roi)', () => {
	const face = (kp: { x: number; y: number }[]) => ({ box: { x: 100, y: 200, width: 80, height: 100 }, score: 0.9, keypoints: kp });
	it('level eyes: rotation 0, square of 1.5 × the long side around the box centre', () => {
		const roi = detectionToRoi(face([{ x: 120, y: 230 }, { x: 160, y: 230 }]));
		expect(roi).toEqual({ cx: 140, cy: 250, width: 150, height: 150, rotation: 0 });
	});
	it('subject left eye lower on the image: positive (clockwise) rotation', () => {
		const roi = detectionToRoi(face([{ x: 120, y: 230 }, { x: 150, y: 260 }]));
		expect(roi.rotation).toBeCloseTo(Math.PI / 4, 12);
		const upside = detectionToRoi(face([{ x: 160, y: 230 }, { x: 120, y: 230 }]));
		expect(Math.abs(upside.rotation)).toBeCloseTo(Math.PI, 12);
	});
	it('normalizeRadians wraps into [-π, π)', () => {
		expect(normalizeRadians(3 * Math.PI / 2)).toBeCloseTo(-Math.PI / 2, 12);
		expect(normalizeRadians(-Math.PI / 2)).toBeCloseTo(-Math.PI / 2, 12);
	});
	it('projectLandmarks maps through the crop and scales z like x', () => {
		const m = rotatedRectToSource(140, 250, 150, 150, Math.PI / 2, 192, 192);
		const p = projectLandmarks(new Float32Array([96, 96, 10, 192, 96, -4]), m, 150 / 192);
		expect(p[0]).toBeCloseTo(140, 4);
		expect(p[1]).toBeCloseTo(250, 4);
		expect(p[2]).toBeCloseTo(10 * 150 / 192, 5);
		expect(p[3]).toBeCloseTo(140, 4); // x axis of the crop points down the image at θ = 90°
		expect(p[4]).toBeCloseTo(250 + 75, 4);
		expect(p[5]).toBeCloseTo(-4 * 150 / 192, 5);
	});
});

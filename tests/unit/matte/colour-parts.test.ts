import { describe, expect, it } from 'vitest';
import { buildPalette, histogramPosterior } from '../../../src/lib/pipeline/matte/local-histogram';
import { pairAlpha } from '../../../src/lib/pipeline/matte/pair-alpha';
import { dropDetachedAlpha, flagDisagreement, inFaceEllipse, widenUnknown } from '../../../src/lib/pipeline/matte/colour-prior';
import { maxFilter, minFilter } from '../../../src/lib/pipeline/matte/morphology';
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND, TRIMAP_UNKNOWN } from '../../../src/lib/pipeline/matte/trimap';

type Rgb = [number, number, number];

/** Planes from a per-pixel colour function (colours 0..255). */
function planesOf(w: number, h: number, at: (x: number, y: number) => Rgb): [Float32Array, Float32Array, Float32Array] {
	const p: [Float32Array, Float32Array, Float32Array] = [new Float32Array(w * h), new Float32Array(w * h), new Float32Array(w * h)];
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const c = at(x, y);
			for (let k = 0; k < 3; k++) p[k][y * w + x] = c[k] / 255;
		}
	return p;
}

// Scene: left third background with panes (light) and frames (dark); right third person (skin); middle third unknown,
// holding both background colours and skin.
const W = 90,
	H = 40;
const LIGHT: Rgb = [200, 215, 230];
const DARK: Rgb = [40, 45, 50];
const SKIN: Rgb = [180, 120, 90];
const bgAt = (x: number, y: number): Rgb => ((x + y) % 10 < 3 ? DARK : LIGHT);
const at = (x: number, y: number): Rgb => (x < 30 ? bgAt(x, y) : x >= 60 ? SKIN : x < 45 ? bgAt(x, y) : SKIN);
const trimap = new Uint8Array(W * H);
for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) trimap[y * W + x] = x < 30 ? TRIMAP_BACKGROUND : x >= 60 ? TRIMAP_FOREGROUND : TRIMAP_UNKNOWN;
const planes = planesOf(W, H, at);
const query = Uint8Array.from(trimap, (t) => (t === TRIMAP_UNKNOWN ? 1 : 0));

describe('local colour histograms', () => {
	it('the palette separates the three colours', () => {
		const { palette, index } = buildPalette(planes, W * H, 8);
		const ids = new Set([index[0], index[3], index[70]]);
		expect(ids.size).toBe(3);
		const c = index[70];
		expect(palette[c * 3] * 255).toBeCloseTo(SKIN[0], 0);
		expect(() => buildPalette(planes, W * H, 0)).toThrow(RangeError);
	});

	it('posterior: background colours (light and dark) -> 0, skin -> 1, with high evidence', () => {
		const { index } = buildPalette(planes, W * H, 8);
		const { posterior, evidence } = histogramPosterior(index, 8, trimap, W, H, 40, query);
		// (40, 20) dark frame, (44, 20) light pane, (50, 20) and (55, 20) skin
		for (const i of [20 * W + 40, 20 * W + 44, 20 * W + 50, 20 * W + 55]) {
			const x = i % W;
			const y = Math.floor(i / W);
			const isSkin = x >= 45;
			expect(posterior[i]).toBeCloseTo(isSkin ? 1 : 0, 3);
			expect(evidence[i]).toBeGreaterThan(0.9);
			expect(at(x, y)).toEqual(isSkin ? SKIN : bgAt(x, y));
		}
		// outside the query: neutral
		expect(posterior[5]).toBe(0.5);
		expect(evidence[5]).toBe(0);
	});

	it('pair alpha: 0 on both background colours, 1 on skin, and the mixing ratio of a blended pixel', () => {
		const mixed = planesOf(W, H, (x, y) => (x === 50 && y === 20 ? (SKIN.map((v, k) => 0.4 * v + 0.6 * LIGHT[k]) as Rgb) : at(x, y)));
		const { palette, index } = buildPalette(mixed, W * H, 8);
		const post = histogramPosterior(index, 8, trimap, W, H, 40, query);
		const pa = pairAlpha(mixed, palette, post.hist, post.posterior, post.evidence, W, H, query);
		for (let x = 30; x < 60; x++) {
			if (x === 50) continue;
			const i = 20 * W + x;
			expect(pa.alpha[i]).toBeCloseTo(x >= 45 ? 1 : 0, 2);
			expect(pa.residual[i]).toBeLessThan(1e-4);
		}
		expect(pa.alpha[20 * W + 50]).toBeCloseTo(0.4, 1);
		expect(pa.alpha[5]).toBe(0); // not queried
		expect(pa.residual[5]).toBe(Infinity);
	});
});

describe('colour prior', () => {
	it('flags inner-zone pixels of background colour connected to the band, and not an isolated patch', () => {
		const w = 40,
			h = 10;
		const tri = new Uint8Array(w * h).fill(TRIMAP_FOREGROUND);
		const zone = new Uint8Array(w * h);
		const post = new Float32Array(w * h).fill(0.95);
		const ev = new Float32Array(w * h).fill(0.9);
		for (let y = 0; y < h; y++) {
			for (let x = 0; x < 4; x++) {
				tri[y * w + x] = TRIMAP_UNKNOWN;
				post[y * w + x] = 0.1; // band: background-coloured
			}
			for (let x = 4; x < 30; x++) zone[y * w + x] = 1;
			for (let x = 4; x < 12; x++) post[y * w + x] = 0.05; // background reaching in from the band
			for (let x = 20; x < 24; x++) post[y * w + x] = 0.05; // isolated dark patch
		}
		const flag = new Uint8Array(w * h);
		expect(flagDisagreement(flag, tri, zone, post, ev, w, h)).toBe(8 * h);
		expect(flag[5 * w + 8]).toBe(1);
		expect(flag[5 * w + 21]).toBe(0);
		expect(flag[5 * w + 12]).toBe(0);
		const changed = widenUnknown(tri, flag, zone, w, h, 2);
		expect(changed).toBe(10 * h); // 8 flagged columns + 2 grown
		expect(tri[5 * w + 13]).toBe(TRIMAP_UNKNOWN);
		expect(tri[5 * w + 14]).toBe(TRIMAP_FOREGROUND);
	});

	it('drops alpha islands that do not touch the definite foreground', () => {
		const w = 20,
			h = 5;
		const alpha = new Float32Array(w * h);
		const tri = new Uint8Array(w * h);
		for (let y = 0; y < h; y++) {
			for (let x = 0; x < 5; x++) {
				alpha[y * w + x] = 1;
				tri[y * w + x] = TRIMAP_FOREGROUND;
			}
			alpha[y * w + 5] = 0.5; // attached fringe
			alpha[y * w + 12] = 0.6; // detached speck column
			alpha[y * w + 16] = 0.05; // below the threshold: left alone
		}
		expect(dropDetachedAlpha(alpha, tri, w, h)).toBe(h);
		expect(alpha[2 * w + 5]).toBe(0.5);
		expect(alpha[2 * w + 12]).toBe(0);
		expect(alpha[2 * w + 16]).toBeCloseTo(0.05, 6);
	});

	it('face ellipse spans about ±0.85 IED across and reaches below the chin line', () => {
		const face = { x: 100, y: 100 };
		expect(inFaceEllipse(100, 100, face, 60)).toBe(true);
		expect(inFaceEllipse(100 + 48, 124, face, 60)).toBe(true);
		expect(inFaceEllipse(100 + 55, 124, face, 60)).toBe(false); // ear level, beside the face
		expect(inFaceEllipse(100, 100 + 0.4 * 60 + 1.45 * 60, face, 60)).toBe(true);
		expect(inFaceEllipse(100, 30, face, 60)).toBe(false); // crown hair is not protected
	});
});

describe('morphology', () => {
	it('max / min filters match a brute-force window with clipped borders', () => {
		const w = 11,
			h = 7,
			r = 2;
		const src = Float32Array.from({ length: w * h }, (_, i) => ((i * 29) % 13) / 13);
		const mx = maxFilter(src, w, h, r);
		const mn = minFilter(src, w, h, r);
		for (const [x, y] of [[0, 0], [5, 3], [10, 6], [1, 5]]) {
			let a = -Infinity,
				b = Infinity;
			for (let j = Math.max(0, y - r); j <= Math.min(h - 1, y + r); j++)
				for (let i = Math.max(0, x - r); i <= Math.min(w - 1, x + r); i++) {
					a = Math.max(a, src[j * w + i]);
					b = Math.min(b, src[j * w + i]);
				}
			expect(mx[y * w + x]).toBe(a);
			expect(mn[y * w + x]).toBe(b);
		}
		expect(() => maxFilter(src.subarray(1), w, h, r)).toThrow(RangeError);
	});
});

/**
 * combinePersonMasks with colour evidence (combine-masks.ts): where the crop and analysis masks disagree, the colour
 * decides (the minimum only where it says background; the analysis mask's value where it clearly says person), with the
 * thin-run and frame-border guards. Synthetic 120x160 crop, inter-eye distance 30 px, eye centre (60, 60): chin line at
 * y = 60 + 1.7 * 30 = 111.
 */
import { describe, expect, it } from 'vitest';
import { combinePersonMasks, KEEP_BORDER_IED, MASK_KEEP_CROP, MASK_RAISE_ANALYSIS, maskDecisions } from '../../../src/lib/pipeline/matte/combine-masks';
import { buildPalette, PALETTE_SIZE } from '../../../src/lib/pipeline/matte/local-histogram';

type Rgb = [number, number, number];
const WALL: Rgb = [150, 170, 200];
const HAIR: Rgb = [90, 60, 40];
const SKIN: Rgb = [210, 170, 140];
const w = 120;
const h = 160;
const face = { x: 60, y: 60 };
const ied = 30;

/** Regions of the scene: [x0, x1) x [y0, y1), colour, crop mask value, analysis mask value. */
const REGIONS: { name: string; box: [number, number, number, number]; colour: Rgb; crop: number; analysis: number }[] = [
	{ name: 'head', box: [30, 90, 20, 160], colour: SKIN, crop: 1, analysis: 1 },
	{ name: 'top hair', box: [30, 90, 20, 36], colour: HAIR, crop: 1, analysis: 1 },
	{ name: 'hair behind the neck', box: [80, 90, 100, 160], colour: HAIR, crop: 1, analysis: 1 },
	// side hair that only the crop mask sees (the analysis mask unsure, 0.3)
	{ name: 'side hair', box: [18, 30, 40, 105], colour: HAIR, crop: 1, analysis: 0.3 },
	// a window frame in the wall's colour that the crop mask wrongly calls person
	{ name: 'frame', box: [6, 14, 40, 80], colour: WALL, crop: 1, analysis: 0 },
	// a 1-px arc of hair above the head, crop mask only
	{ name: 'arc', box: [40, 80, 12, 13], colour: HAIR, crop: 1, analysis: 0 },
	// side hair running off the right frame border, crop mask only
	{ name: 'border hair', box: [116, 120, 40, 100], colour: HAIR, crop: 1, analysis: 0.3 },
	// hair over the shoulder below the chin line that the crop mask leaves out and the analysis mask fills
	{ name: 'shoulder hair', box: [90, 102, 115, 150], colour: HAIR, crop: 0.3, analysis: 0.9 },
	// wall below the chin line that only the analysis mask calls person
	{ name: 'wide wall', box: [4, 16, 115, 150], colour: WALL, crop: 0.1, analysis: 0.8 }
];

function scene() {
	const n = w * h;
	const planes: [Float32Array, Float32Array, Float32Array] = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
	const crop = new Float32Array(n);
	const analysis = new Float32Array(n);
	for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) planes[c][i] = WALL[c] / 255;
	for (const r of REGIONS) {
		const [x0, x1, y0, y1] = r.box;
		for (let y = y0; y < y1; y++)
			for (let x = x0; x < x1; x++) {
				const i = y * w + x;
				for (let c = 0; c < 3; c++) planes[c][i] = r.colour[c] / 255;
				crop[i] = r.crop;
				analysis[i] = r.analysis;
			}
	}
	const { index } = buildPalette(planes, n, PALETTE_SIZE);
	return { crop, analysis, colour: { index, k: PALETTE_SIZE } };
}

describe('combinePersonMasks with colour evidence', () => {
	const s = scene();
	const out = combinePersonMasks(s.crop, s.analysis, w, h, face, ied, s.colour);
	const plain = combinePersonMasks(s.crop, s.analysis, w, h, face, ied);
	const at = (m: Float32Array, x: number, y: number) => m[y * w + x];

	it('keeps person-coloured side hair that only the crop mask sees (the plain minimum cuts it)', () => {
		for (const [x, y] of [
			[20, 50],
			[24, 70],
			[28, 90]
		]) {
			expect(at(out, x, y)).toBe(1);
			expect(at(plain, x, y)).toBeCloseTo(0.3, 5);
		}
	});

	it('still cuts a background-coloured frame that only the crop mask calls person', () => {
		for (const [x, y] of [
			[8, 45],
			[10, 60],
			[12, 75]
		])
			expect(at(out, x, y)).toBe(0);
	});

	it('cuts a 1-px arc (thin kept run) and hair within the border guard', () => {
		expect(at(out, 60, 12)).toBe(0);
		expect(Math.round(KEEP_BORDER_IED * ied)).toBe(5); // the right-border strip x >= 115 lies inside the guard
		expect(at(out, 117, 60)).toBeCloseTo(0.3, 5);
	});

	it('agrees with the plain combination where the masks agree, below the chin line and in the face', () => {
		expect(at(out, 60, 30)).toBe(1); // top hair, both masks
		expect(at(out, 100, 60)).toBe(0); // wall, both masks 0
		expect(at(out, 60, 70)).toBe(at(plain, 60, 70)); // face ellipse
		expect(at(out, 24, 130)).toBe(at(plain, 24, 130)); // below the chin line
	});

	it('raises person-coloured hair that only the analysis mask sees, not a background-coloured patch', () => {
		expect(at(out, 96, 130)).toBeCloseTo(0.9, 5);
		expect(at(plain, 96, 130)).toBeCloseTo(0.3, 5);
		expect(at(out, 10, 130)).toBeCloseTo(0.1, 5);
	});

	it('decides exactly the side hair (keep) and the shoulder hair (raise); throws on size mismatch', () => {
		const d = maskDecisions(s.crop, s.analysis, w, h, face, ied, s.colour);
		let keep = 0,
			raise = 0;
		for (let i = 0; i < d.length; i++) {
			if (d[i] === MASK_KEEP_CROP) keep++;
			if (d[i] === MASK_RAISE_ANALYSIS) raise++;
		}
		expect(keep).toBe(12 * 65); // side hair (outside the face ellipse, above the chin line)
		expect(raise).toBe(12 * 35); // shoulder hair
		expect(() => maskDecisions(s.crop, s.analysis, w, h, face, ied, { index: s.colour.index.subarray(1), k: PALETTE_SIZE })).toThrow(RangeError);
	});
});

import { describe, expect, it } from 'vitest';
import { FULL_RANGE_ANCHORS, SHORT_RANGE_ANCHORS, generateAnchors } from '../../../src/lib/inference/blazeface/anchors';

describe('SSD anchors (MediaPipe SsdAnchorsCalculator)', () => {
	it('short range: 896 anchors, 16x16x2 then 8x8x6, unit size', () => {
		const a = generateAnchors(SHORT_RANGE_ANCHORS);
		expect(a.length).toBe(896);
		expect(a[0]).toEqual({ xCenter: 0.5 / 16, yCenter: 0.5 / 16, width: 1, height: 1 });
		expect(a[1]).toEqual(a[0]); // two anchors per location on the stride-8 layer
		expect(a[2].xCenter).toBeCloseTo(1.5 / 16, 12);
		expect(a[511]).toMatchObject({ xCenter: 15.5 / 16, yCenter: 15.5 / 16 });
		expect(a[512]).toMatchObject({ xCenter: 0.5 / 8, yCenter: 0.5 / 8 });
		for (let i = 512; i < 518; i++) expect(a[i]).toEqual(a[512]); // six on the merged stride-16 layers
		expect(a[518].xCenter).toBeCloseTo(1.5 / 8, 12);
		expect(a[895]).toEqual({ xCenter: 7.5 / 8, yCenter: 7.5 / 8, width: 1, height: 1 });
	});

	it('full range: 2304 anchors on a 48x48 grid, one per location', () => {
		const a = generateAnchors(FULL_RANGE_ANCHORS);
		expect(a.length).toBe(2304);
		expect(a[0].xCenter).toBeCloseTo(0.5 / 48, 12);
		expect(a[1].xCenter).toBeCloseTo(1.5 / 48, 12);
		expect(a[48]).toMatchObject({ yCenter: 1.5 / 48 });
		expect(a[2303].xCenter).toBeCloseTo(47.5 / 48, 12);
		expect(a[2303].yCenter).toBeCloseTo(47.5 / 48, 12);
	});

	it('non-fixed sizes follow the scale interpolation', () => {
		const a = generateAnchors({ ...SHORT_RANGE_ANCHORS, fixedAnchorSize: false });
		// layer 0: scale 0.1484375, interpolated sqrt(s0 * s1) with s1 = min + (max-min)/3
		const s0 = 0.1484375;
		const s1 = 0.1484375 + (0.75 - 0.1484375) / 3;
		expect(a[0].width).toBeCloseTo(s0, 12);
		expect(a[1].width).toBeCloseTo(Math.sqrt(s0 * s1), 12);
		// last layer's interpolated anchor uses next scale 1.0
		expect(a[895].width).toBeCloseTo(Math.sqrt(0.75 * 1.0), 12);
	});

	it('rejects inconsistent options', () => {
		expect(() => generateAnchors({ ...SHORT_RANGE_ANCHORS, numLayers: 3 })).toThrow();
	});
});

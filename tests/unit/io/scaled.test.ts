import { describe, expect, it } from 'vitest';
import { jpegScaledSize, levelSuffices, neededScale, orientationFromTransform, planJpegScale, planScaledRegion } from '../../../src/lib/pipeline/decode/scaled';

describe('planJpegScale / jpegScaledSize (IDCT scaling m/8)', () => {
	it('12 MP (4000×3000) with the 2048 px working limit decodes at 1/2 to 2000×1500, no resize', () => {
		expect(planJpegScale(4000, 3000, 2048)).toEqual({ m: 4, resize: false });
		expect(jpegScaledSize(4000, 3000, 4)).toEqual({ width: 2000, height: 1500 });
	});
	it('rounds sizes up like libjpeg (jdiv_round_up)', () => {
		expect(jpegScaledSize(4001, 3001, 4)).toEqual({ width: 2001, height: 1501 });
		expect(jpegScaledSize(100, 75, 3)).toEqual({ width: 38, height: 29 });
	});
	it('24 MP (6000×4000): 2/8 gives 1500 px (< 75 % of 2048), so 3/8 = 2250 px is decoded and resized', () => {
		expect(planJpegScale(6000, 4000, 2048)).toEqual({ m: 3, resize: true });
	});
	it('larger than 8 × the limit: 1/8 and a resize', () => {
		expect(planJpegScale(20000, 10000, 2048)).toEqual({ m: 1, resize: true });
	});
	it('no limit or already small enough: full size', () => {
		expect(planJpegScale(4000, 3000)).toEqual({ m: 8, resize: false });
		expect(planJpegScale(2048, 1000, 2048)).toEqual({ m: 8, resize: false });
	});
	it('portrait orientation uses the long side: 3000×4000 → m 4', () => {
		expect(planJpegScale(3000, 4000, 2048)).toEqual({ m: 4, resize: false });
	});
});

describe('orientationFromTransform (VideoFrame rotation/flip → EXIF orientation)', () => {
	it('maps all eight transforms as Chromium reports them', () => {
		const got = [
			[0, false],
			[0, true],
			[180, false],
			[180, true],
			[90, true],
			[90, false],
			[270, true],
			[270, false]
		].map(([r, f]) => orientationFromTransform(r, f));
		expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
	});
	it('null when the browser does not report them or reports something else', () => {
		expect(orientationFromTransform(undefined, undefined)).toBeNull();
		expect(orientationFromTransform(45, false)).toBeNull();
		expect(orientationFromTransform(90, 'no')).toBeNull();
	});
});

describe('neededScale / levelSuffices', () => {
	it('a 35×45 mm crop at 300 dpi (413×531 px) of a 1500×1930 px box needs 0.275 px per original px', () => {
		expect(neededScale({ x: 0, y: 0, width: 1500, height: 1930 }, 413, 531)).toBeCloseTo(0.2753, 4);
	});
	it('the 1/2 working copy serves 0.275 (margin 1.25) but not 0.45; the original serves everything up to 0.8', () => {
		expect(levelSuffices(0.5, 0.275)).toBe(true);
		expect(levelSuffices(0.5, 0.4)).toBe(true);
		expect(levelSuffices(0.5, 0.45)).toBe(false);
		expect(levelSuffices(1, 0.8)).toBe(true);
		expect(levelSuffices(1, 0.81)).toBe(false);
	});
});

describe('planScaledRegion', () => {
	it('maps a box inside the image exactly, fractional px kept', () => {
		const p = planScaledRegion({ x: 201, y: 149, width: 400, height: 300 }, 0.25, 200, 150, 80, 60);
		expect(p.src).toEqual({ x: 50.25, y: 37.25, width: 100, height: 75 });
		expect(p.dst).toEqual({ x: 0, y: 0, width: 80, height: 60 });
	});
	it('clips a box that starts left of and above the image; the clipped part lands offset in the output', () => {
		const p = planScaledRegion({ x: -100, y: -40, width: 400, height: 200 }, 0.5, 150, 100, 200, 100);
		// copy px: box x -50..150, y -20..80; inside 0..150 × 0..80; 1 output px per copy px.
		expect(p.src).toEqual({ x: 0, y: 0, width: 150, height: 80 });
		expect(p.dst).toEqual({ x: 50, y: 20, width: 150, height: 80 });
	});
	it('no overlap: src null', () => {
		expect(planScaledRegion({ x: 500, y: 0, width: 10, height: 10 }, 1, 100, 100, 5, 5).src).toBeNull();
	});
	it('throws RangeError on an empty box', () => {
		expect(() => planScaledRegion({ x: 0, y: 0, width: 0, height: 10 }, 1, 100, 100, 5, 5)).toThrow(RangeError);
	});
});

import { describe, expect, it } from 'vitest';
import {
	geometryTarget,
	mmToPx,
	mmToRatio,
	outputPixelSize,
	pxToMm,
	ratioToMm,
	resolveWindow
} from '../../../src/lib/specs/geometry';
import { parseSpec } from '../../../src/lib/specs/schema';
import { minimalSpecJson } from './helpers';

describe('unit conversions', () => {
	it('mm <-> px at a dpi (25.4 mm per inch)', () => {
		expect(mmToPx(25.4, 300)).toBe(300);
		expect(mmToPx(35, 300)).toBeCloseTo(413.386, 3);
		expect(pxToMm(600, 300)).toBeCloseTo(50.8, 10);
		expect(pxToMm(mmToPx(33, 350), 350)).toBeCloseTo(33, 10);
	});

	it('mm <-> ratio of a photo length', () => {
		expect(mmToRatio(36, 45)).toBeCloseTo(0.8, 12);
		expect(ratioToMm(0.7, 45)).toBeCloseTo(31.5, 12);
		expect(mmToRatio(ratioToMm(0.6354, 48), 48)).toBeCloseTo(0.6354, 12);
		expect(() => mmToRatio(1, 0)).toThrow(RangeError);
	});
});

describe('outputPixelSize', () => {
	it('print size at the spec dpi, rounded per side', () => {
		const j = minimalSpecJson();
		expect(outputPixelSize(parseSpec(j))).toEqual({ widthPx: 413, heightPx: 531, dpi: 300, basis: 'print' });
		j.print.dpi = 600;
		expect(outputPixelSize(parseSpec(j))).toEqual({ widthPx: 827, heightPx: 1063, dpi: 600, basis: 'print' });
	});

	it('scales a print size up into a digital range, keeping the aspect ratio', () => {
		const j = minimalSpecJson();
		j.digital = { minWidthPx: 500, minHeightPx: 500 };
		const o = outputPixelSize(parseSpec(j));
		// 413.39 x 531.50 px scaled by 500/413.39 = 1.2095 -> 500 x 643
		expect(o).toEqual({ widthPx: 500, heightPx: 643, dpi: 363, basis: 'print' });
	});

	it('scales a print size down into a digital maximum', () => {
		const j = minimalSpecJson();
		j.print.dpi = 600;
		j.digital = { minWidthPx: 100, minHeightPx: 100, maxWidthPx: 600, maxHeightPx: 600 };
		const o = outputPixelSize(parseSpec(j));
		// 826.77 x 1062.99 px, limited by height: 600/1062.99 -> 467 x 600
		expect([o.widthPx, o.heightPx]).toEqual([467, 600]);
	});

	it('digital-only specs: exact size, else range minimum, at 300 dpi metadata', () => {
		const j = minimalSpecJson();
		delete j.print;
		j.head = { definition: 'skull-to-chin', minRatio: 0.7, maxRatio: 0.8 };
		j.digital = { widthPx: 500, heightPx: 653 };
		expect(outputPixelSize(parseSpec(j))).toEqual({ widthPx: 500, heightPx: 653, dpi: 300, basis: 'digital-exact' });
		j.digital = { minWidthPx: 600, minHeightPx: 750 };
		expect(outputPixelSize(parseSpec(j))).toEqual({ widthPx: 600, heightPx: 750, dpi: 300, basis: 'digital-min' });
	});
});

describe('resolveWindow', () => {
	it('intersects ratio and mm bounds', () => {
		expect(resolveWindow({ minRatio: 0.7, maxRatio: 0.8, minMm: 32, maxMm: 36 }, 45)).toEqual({
			min: 32 / 45,
			max: 0.8
		});
		expect(resolveWindow({ minMm: 7 }, 48)).toEqual({ min: 7 / 48 });
		expect(resolveWindow({ maxRatio: 0.5, targetRatio: 0.4 }, undefined)).toEqual({ max: 0.5, target: 0.4 });
	});
});

describe('geometryTarget', () => {
	it('uses window middles as targets', () => {
		const g = geometryTarget(parseSpec(minimalSpecJson()));
		expect(g).toEqual({
			outWidthPx: 413,
			outHeightPx: 531,
			dpi: 300,
			headDefinition: 'skull-to-chin',
			headBasis: 'published',
			headHeightRatio: { min: 32 / 45, max: 36 / 45, target: 34 / 45 }
		});
	});

	it('converts an eye line measured from the top to from-bottom', () => {
		const j = minimalSpecJson();
		j.eyeLine = { from: 'top', minRatio: 0.3, maxRatio: 0.5, targetRatio: 0.45 };
		const g = geometryTarget(parseSpec(j));
		expect(g.eyeFromBottomRatio!.min).toBeCloseTo(0.5, 12);
		expect(g.eyeFromBottomRatio!.max).toBeCloseTo(0.7, 12);
		expect(g.eyeFromBottomRatio!.target).toBeCloseTo(0.55, 12);
	});

	it('honours a spec target and includes the top margin window', () => {
		const j = minimalSpecJson();
		j.head.targetRatio = 0.78;
		j.topMargin = { minMm: 2, maxMm: 6 };
		const g = geometryTarget(parseSpec(j));
		expect(g.headHeightRatio.target).toBe(0.78);
		expect(g.topMarginRatio).toEqual({ min: 2 / 45, max: 6 / 45, target: 4 / 45 });
	});

	it('leaves one-sided windows out (they are checker constraints)', () => {
		const j = minimalSpecJson();
		j.eyeLine = { from: 'bottom', minRatio: 0.47 };
		expect(geometryTarget(parseSpec(j)).eyeFromBottomRatio).toBeUndefined();
	});
});

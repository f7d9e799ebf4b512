import { describe, expect, it } from 'vitest';
import { layoutSheet, PAPERS, type Cell, type SheetLayout, type Tick } from '../../../src/lib/sheet';

const EPS = 1e-9;

/** Closest distance between an axis-aligned tick segment and a cell rectangle (0 when they touch or overlap). */
function distance(t: Tick, c: Cell): number {
	const sx0 = Math.min(t.x1, t.x2), sx1 = Math.max(t.x1, t.x2), sy0 = Math.min(t.y1, t.y2), sy1 = Math.max(t.y1, t.y2);
	const dx = Math.max(0, c.xMm - sx1, sx0 - (c.xMm + c.wMm));
	const dy = Math.max(0, c.yMm - sy1, sy0 - (c.yMm + c.hMm));
	return Math.hypot(dx, dy);
}

function checkInvariants(l: SheetLayout, photo: { w: number; h: number }) {
	const { w: W, h: H } = l.paperMm;
	for (const c of l.cells) {
		expect(c.wMm).toBe(photo.w);
		expect(c.hMm).toBe(photo.h);
		expect(c.xMm).toBeGreaterThanOrEqual(3 - EPS);
		expect(c.yMm).toBeGreaterThanOrEqual(3 - EPS);
		expect(W - (c.xMm + c.wMm)).toBeGreaterThanOrEqual(3 - EPS);
		expect(H - (c.yMm + c.hMm)).toBeGreaterThanOrEqual(3 - EPS);
	}
	// Gaps exactly 2 mm between neighbours; grid centred (equal opposite margins).
	const xs = [...new Set(l.cells.map((c) => c.xMm))].sort((a, b) => a - b);
	const ys = [...new Set(l.cells.map((c) => c.yMm))].sort((a, b) => a - b);
	expect(xs.length).toBe(l.cols);
	expect(ys.length).toBe(l.rows);
	for (let i = 1; i < xs.length; i++) expect(xs[i] - (xs[i - 1] + photo.w)).toBeCloseTo(2, 9);
	for (let i = 1; i < ys.length; i++) expect(ys[i] - (ys[i - 1] + photo.h)).toBeCloseTo(2, 9);
	expect(xs[0]).toBeCloseTo(W - (xs[xs.length - 1] + photo.w), 9);
	expect(ys[0]).toBeCloseTo(H - (ys[ys.length - 1] + photo.h), 9);
	// Ticks: on the paper, never touching any photo, axis-aligned, non-degenerate.
	expect(l.ticks.length).toBeGreaterThan(0);
	for (const t of l.ticks) {
		expect(t.x1 === t.x2 || t.y1 === t.y2).toBe(true);
		expect(Math.hypot(t.x2 - t.x1, t.y2 - t.y1)).toBeGreaterThan(0.5);
		for (const v of [t.x1, t.x2]) expect(v >= -EPS && v <= W + EPS).toBe(true);
		for (const v of [t.y1, t.y2]) expect(v >= -EPS && v <= H + EPS).toBe(true);
		for (const c of l.cells) expect(distance(t, c)).toBeGreaterThan(0.4);
	}
	// Every vertical cell edge has a tick on its extension in the top and the bottom margin.
	for (const x of xs.flatMap((x) => [x, x + photo.w])) {
		expect(l.ticks.some((t) => t.x1 === x && t.x2 === x && t.y2 <= ys[0])).toBe(true);
		expect(l.ticks.some((t) => t.x1 === x && t.x2 === x && t.y1 >= ys[ys.length - 1] + photo.h)).toBe(true);
	}
	for (const y of ys.flatMap((y) => [y, y + photo.h])) {
		expect(l.ticks.some((t) => t.y1 === y && t.y2 === y && t.x2 <= xs[0])).toBe(true);
	}
}

describe('layoutSheet', () => {
	it('eight 35×45 mm photos on 4×6 in (landscape, 4 × 2)', () => {
		const l = layoutSheet('4x6in', { w: 35, h: 45 });
		expect(l.cells.length).toBe(8);
		expect(l.orientation).toBe('landscape');
		expect(l.paperMm).toEqual({ w: 152.4, h: 101.6 });
		expect([l.cols, l.rows]).toEqual([4, 2]);
		// grid 4·35 + 3·2 = 146 mm wide → 3.2 mm side margins; 2·45 + 2 = 92 tall → 4.8 mm
		expect(l.cells[0].xMm).toBeCloseTo(3.2, 9);
		expect(l.cells[0].yMm).toBeCloseTo(4.8, 9);
		checkInvariants(l, { w: 35, h: 45 });
	});
	it('2×2 in (50.8 mm) on 4×6 in: 2 copies with ≥ 3 mm margins (4 would need a 2×2 grid 103.6 mm wide on 101.6 mm paper)', () => {
		const l = layoutSheet('4x6in', { w: 50.8, h: 50.8 });
		expect(l.cells.length).toBe(2);
		// portrait 1 × 2 (148.4/52.8 → 2 rows) ties with landscape 2 × 1 → portrait
		expect(l.orientation).toBe('portrait');
		expect([l.cols, l.rows]).toEqual([1, 2]);
		checkInvariants(l, { w: 50.8, h: 50.8 });
		// Without margins and gaps (borderless) the same paper holds 6 (2 × 3), never 4.
		expect(layoutSheet('4x6in', { w: 50.8, h: 50.8 }, { minMarginMm: 0, gapMm: 0 }).cells.length).toBe(6);
	});
	it('counts on other papers', () => {
		// Hand arithmetic: copies per axis = floor((paper − 2·3 + 2) / (photo + 2)).
		const cases: [keyof typeof PAPERS, { w: number; h: number }, number, 'portrait' | 'landscape'][] = [
			['A4', { w: 35, h: 45 }, 30, 'portrait'], // 206/37 → 5, 293/47 → 6 (landscape 7 × 4 = 28)
			['Letter', { w: 35, h: 45 }, 28, 'landscape'], // 275.4/37 → 7, 211.9/47 → 4 (portrait 5 × 5 = 25)
			['5x7in', { w: 35, h: 45 }, 9, 'portrait'], // 123/37 → 3, 173.8/47 → 3 (landscape 4 × 2 = 8)
			['10x15cm', { w: 35, h: 45 }, 6, 'portrait'], // 96/37 → 2, 146/47 → 3; landscape 3 × 2 ties → portrait
			['A4', { w: 50.8, h: 50.8 }, 15, 'portrait'], // 206/52.8 → 3, 293/52.8 → 5
			['Letter', { w: 50.8, h: 50.8 }, 20, 'portrait'], // 211.9/52.8 → 4, 275.4/52.8 → 5
			['5x7in', { w: 50.8, h: 50.8 }, 6, 'portrait'] // 123/52.8 → 2, 173.8/52.8 → 3
		];
		for (const [paper, photo, n, orient] of cases) {
			const l = layoutSheet(paper, photo);
			expect(`${paper} ${photo.w}x${photo.h}: ${l.cells.length} ${l.orientation}`).toBe(`${paper} ${photo.w}x${photo.h}: ${n} ${orient}`);
			checkInvariants(l, photo);
		}
	});
	it('custom paper too small for one photo: no cells, no ticks', () => {
		const l = layoutSheet({ wMm: 30, hMm: 40 }, { w: 35, h: 45 });
		expect(l.cells).toEqual([]);
		expect(l.ticks).toEqual([]);
	});
	it('rejects non-positive sizes', () => {
		expect(() => layoutSheet('A4', { w: 0, h: 45 })).toThrow(RangeError);
	});
});

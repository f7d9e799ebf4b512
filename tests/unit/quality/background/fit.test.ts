/**
 * quadraticResiduals (src/lib/quality/background/fit.ts): least-squares quadratic surface over the background cells.
 * Known surfaces: an exact quadratic leaves zero residuals; a bump on one cell shows up there; few cells use the mean.
 */
import { describe, expect, it } from 'vitest';
import { quadraticResiduals } from '../../../../src/lib/quality/background/fit';
import type { BackgroundGrid } from '../../../../src/lib/quality/background/grid';

/** A cols x rows grid whose L*, a*, b* are f(x, y) in the fit's cell coordinates (x, y in [−1, 1]); `bg` where keep(c, r). */
function grid(cols: number, rows: number, f: (x: number, y: number, ch: number) => number, keep: (c: number, r: number) => boolean = () => true): BackgroundGrid {
	const n = cols * rows;
	const L = new Float32Array(n), a = new Float32Array(n), b = new Float32Array(n), bg = new Uint8Array(n);
	let count = 0;
	for (let r = 0; r < rows; r++)
		for (let c = 0; c < cols; c++) {
			const i = r * cols + c;
			const x = (2 * (c + 0.5)) / cols - 1, y = (2 * (r + 0.5)) / rows - 1;
			L[i] = f(x, y, 0); a[i] = f(x, y, 1); b[i] = f(x, y, 2);
			if (keep(c, r)) { bg[i] = 1; count++; }
		}
	const zeros = new Float32Array(n);
	return { cols, rows, cell: 8, x0: 0, y0: 0, L, a, b, texture: zeros, Y: zeros, rgb: new Float32Array(n * 3), bg, dist: zeros, ied: 60, faceX: 0, eyeY: 0, chinY: 0, count };
}

const quad = (x: number, y: number, ch: number) => [90 - 6 * x * x - 4 * y * y + 3 * x * y + 2 * y, 1.5 * x - 0.5, -2 + y * y][ch];

describe('quadraticResiduals', () => {
	it('leaves no residual on an exact quadratic (L*, a*, b*), background cells only', () => {
		// the person in the middle columns is not background: its cells stay 0 whatever their colour
		const g = grid(40, 30, quad, (c) => c < 15 || c >= 25);
		for (let r = 0; r < 30; r++) for (let c = 15; c < 25; c++) g.L[r * 40 + c] = 20;
		const { L, a, b } = quadraticResiduals(g);
		let worst = 0;
		for (let i = 0; i < 1200; i++) worst = Math.max(worst, Math.abs(L[i]), Math.abs(a[i]), Math.abs(b[i]));
		expect(worst).toBeLessThan(1e-3);
	});

	it('shows a bump of +10 L* on one cell there (≈ +10 minus its share of the fit), near 0 elsewhere', () => {
		const g = grid(40, 30, quad);
		const k = 12 * 40 + 7;
		g.L[k] += 10;
		const { L } = quadraticResiduals(g);
		expect(L[k]).toBeGreaterThan(9.9);
		expect(L[k]).toBeLessThan(10);
		let elsewhere = 0;
		for (let i = 0; i < 1200; i++) if (i !== k) elsewhere = Math.max(elsewhere, Math.abs(L[i]));
		expect(elsewhere).toBeLessThan(0.1);
	});

	it('uses the mean with fewer than 12 background cells', () => {
		// 6 cells of L* 50, 52, 54, 56, 58, 60: mean 55, residuals −5 … +5
		const values = [50, 52, 54, 56, 58, 60];
		const g = grid(10, 10, () => 0, (c, r) => r === 0 && c < 6);
		values.forEach((v, c) => (g.L[c] = v));
		const { L } = quadraticResiduals(g);
		expect(Array.from(L.subarray(0, 6))).toEqual([-5, -3, -1, 1, 3, 5]);
		expect(L[6]).toBe(0);
	});
});

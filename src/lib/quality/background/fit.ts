/** Least-squares quadratic surface over the background cells: the smooth part of the background (light fall-off). */
import type { BackgroundGrid } from './grid';

/** Basis 1, x, y, x², xy, y² in cell coordinates scaled to [−1, 1]. */
function basis(g: BackgroundGrid, c: number, r: number, out: Float64Array): void {
	const x = (2 * (c + 0.5)) / g.cols - 1, y = (2 * (r + 0.5)) / g.rows - 1;
	out[0] = 1; out[1] = x; out[2] = y; out[3] = x * x; out[4] = x * y; out[5] = y * y;
}

/** Solves the 6×6 system M·p = v in place (Gaussian elimination with partial pivoting); zeros for a singular system. */
function solve6(M: Float64Array, v: Float64Array): Float64Array {
	const n = 6;
	for (let k = 0; k < n; k++) {
		let piv = k;
		for (let i = k + 1; i < n; i++) if (Math.abs(M[i * n + k]) > Math.abs(M[piv * n + k])) piv = i;
		if (Math.abs(M[piv * n + k]) < 1e-12) return new Float64Array(n);
		if (piv !== k) {
			for (let j = 0; j < n; j++) [M[k * n + j], M[piv * n + j]] = [M[piv * n + j], M[k * n + j]];
			[v[k], v[piv]] = [v[piv], v[k]];
		}
		for (let i = k + 1; i < n; i++) {
			const f = M[i * n + k] / M[k * n + k];
			for (let j = k; j < n; j++) M[i * n + j] -= f * M[k * n + j];
			v[i] -= f * v[k];
		}
	}
	const p = new Float64Array(n);
	for (let i = n - 1; i >= 0; i--) {
		let s = v[i];
		for (let j = i + 1; j < n; j++) s -= M[i * n + j] * p[j];
		p[i] = s / M[i * n + i];
	}
	return p;
}

/** Adds cell `i`'s terms to the normal equations: M += φφᵀ, v[ch] += φ·value[ch][i] (in this order, per p). */
function accumulateCell(M: Float64Array, vs: Float64Array[], chans: Float32Array[], phi: Float64Array, i: number): void {
	for (let p = 0; p < 6; p++) {
		const f = phi[p];
		for (let q = 0; q < 6; q++) M[p * 6 + q] += f * phi[q];
		for (let ch = 0; ch < 3; ch++) vs[ch][p] += f * chans[ch][i];
	}
}

/** The surface `coef` (6 terms) at basis `phi`. */
function surfaceAt(coef: Float64Array, phi: Float64Array): number {
	let s = 0;
	for (let p = 0; p < 6; p++) s += coef[p] * phi[p];
	return s;
}

/**
 * Fits a quadratic surface to each of L*, a*, b* over the background cells and returns the residuals
 * (Float32Array [rows*cols] each, 0 outside the background). With fewer than 12 background cells the mean is used.
 *
 * One flat loop over the cells with the per-cell sums in small functions: the nested form (rows, cols, then the 6×6
 * terms) ran, in Chromium 150, into V8 de-optimising its on-stack-replaced inner loop at every exit ("exit from OSR'd
 * inner loop"): 8,500–12,500 de-optimisations in one call, on a later photo of `npm run bench` (`--js-flags=--trace-deopt`,
 * 2026-11-30), ~0.1–0.25 s of the quality worker's time on that photo.
 */
export function quadraticResiduals(g: BackgroundGrid): { L: Float32Array; a: Float32Array; b: Float32Array } {
	const { cols, rows, bg } = g;
	const n = cols * rows;
	const phi = new Float64Array(6);
	const M = new Float64Array(36);
	const vs = [new Float64Array(6), new Float64Array(6), new Float64Array(6)];
	const chans = [g.L, g.a, g.b];
	const useQuad = g.count >= 12;
	for (let i = 0; i < n; i++) {
		if (!bg[i]) continue;
		const r = (i / cols) | 0;
		basis(g, i - r * cols, r, phi);
		if (!useQuad) phi.fill(0, 1);
		accumulateCell(M, vs, chans, phi, i);
	}
	if (!useQuad) for (let p = 1; p < 6; p++) M[p * 6 + p] = 1; // fixes the unused terms at 0
	const coef = vs.map((v) => solve6(Float64Array.from(M), v));
	const out = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
	for (let i = 0; i < n; i++) {
		if (!bg[i]) continue;
		const r = (i / cols) | 0;
		basis(g, i - r * cols, r, phi);
		out[0][i] = chans[0][i] - surfaceAt(coef[0], phi);
		out[1][i] = chans[1][i] - surfaceAt(coef[1], phi);
		out[2][i] = chans[2][i] - surfaceAt(coef[2], phi);
	}
	return { L: out[0], a: out[1], b: out[2] };
}

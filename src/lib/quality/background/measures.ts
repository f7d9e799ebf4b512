/** Raw background measures on the BackgroundGrid (decided in index.ts). */
import type { Box } from '../../types';
import { linearRgbToLab, linearToSrgb, type Lab } from '../color';
import type { BackgroundGrid } from './grid';
import { cellsBox } from './grid';
import { quadraticResiduals } from './fit';

/**
 * Non-uniformity: RMS over the background cells of the colour residual after a quadratic fit (ΔE76, the smooth
 * light fall-off removed) combined with the RMS of the within-cell L* spread (texture finer than a cell):
 * √(mean(ΔL² + Δa² + Δb²) + mean(texture²)), in ΔE.
 */
export function nonUniformity(g: BackgroundGrid): { value: number; residual: Float32Array } {
	const r = quadraticResiduals(g);
	let s = 0, t = 0;
	const res = new Float32Array(g.cols * g.rows);
	for (let i = 0; i < res.length; i++) {
		if (!g.bg[i]) continue;
		const e2 = r.L[i] * r.L[i] + r.a[i] * r.a[i] + r.b[i] * r.b[i];
		res[i] = Math.sqrt(e2);
		s += e2;
		t += g.texture[i] * g.texture[i];
	}
	return { value: Math.sqrt((s + t) / Math.max(1, g.count)), residual: res };
}

/**
 * OFIQ BackgroundUniformity 0x42 approximated on the grid: mean Scharr gradient magnitude of 8-bit grey over
 * background cells, rescaled from cells to OFIQ's working scale (IED ≈ 80 px is assumed for its aligned,
 * 354×292-resized crop). Texture finer than a cell is not seen, so this reads lower than OFIQ on fine patterns.
 */
export function ofiqGradient(g: BackgroundGrid): number {
	// 8-bit grey of each cell: the sRGB code of its luminance.
	const G = new Float32Array(g.cols * g.rows);
	for (let i = 0; i < G.length; i++) G[i] = linearToSrgb(g.Y[i]);
	const perCellToOfiq = 80 / 16 / 1; // OFIQ px per cell (IED 80 px, 16 cells per IED)
	let s = 0, n = 0;
	for (let r = 1; r < g.rows - 1; r++)
		for (let c = 1; c < g.cols - 1; c++) {
			const i = r * g.cols + c;
			if (!g.bg[i] || !g.bg[i - 1] || !g.bg[i + 1] || !g.bg[i - g.cols] || !g.bg[i + g.cols]) continue;
			const W = g.cols;
			const gx = 3 * (G[i - W + 1] - G[i - W - 1]) + 10 * (G[i + 1] - G[i - 1]) + 3 * (G[i + W + 1] - G[i + W - 1]);
			const gy = 3 * (G[i + W - 1] - G[i - W - 1]) + 10 * (G[i + W] - G[i - W]) + 3 * (G[i + W + 1] - G[i - W + 1]);
			s += Math.sqrt(gx * gx + gy * gy) / perCellToOfiq;
			n++;
		}
	return n ? s / n : NaN;
}

/**
 * Structure in the background: the fraction of background cells whose residual L* (after the quadratic fit) changes
 * by more than `step` L* to a 4-neighbour background cell — edges of objects, frames, patterns.
 */
export function edgeDensity(g: BackgroundGrid, residualL: Float32Array, step = 4): number {
	let e = 0, n = 0;
	const W = g.cols;
	for (let r = 0; r < g.rows; r++)
		for (let c = 0; c < W; c++) {
			const i = r * W + c;
			if (!g.bg[i]) continue;
			n++;
			let m = 0;
			if (c + 1 < W && g.bg[i + 1]) m = Math.max(m, Math.abs(residualL[i + 1] - residualL[i]));
			if (r + 1 < g.rows && g.bg[i + W]) m = Math.max(m, Math.abs(residualL[i + W] - residualL[i]));
			if (m > step) e++;
		}
	return n ? e / n : NaN;
}

/**
 * Distinct colours of the background: greedy (leader) clustering of the background cells' CIELAB with radius 12 ΔE76,
 * counting clusters that hold at least 4 % of the background cells.
 */
export function colourClusters(g: BackgroundGrid, radius = 12, minShare = 0.04): number {
	const centres: { L: number; a: number; b: number; n: number }[] = [];
	for (let i = 0; i < g.L.length; i++) {
		if (!g.bg[i]) continue;
		let best = -1, bd = radius * radius;
		for (let k = 0; k < centres.length; k++) {
			const c = centres[k];
			const d = (c.L - g.L[i]) ** 2 + (c.a - g.a[i]) ** 2 + (c.b - g.b[i]) ** 2;
			if (d <= bd) { bd = d; best = k; }
		}
		if (best < 0) centres.push({ L: g.L[i], a: g.a[i], b: g.b[i], n: 1 });
		else {
			const c = centres[best];
			c.n++;
			c.L += (g.L[i] - c.L) / c.n; c.a += (g.a[i] - c.a) / c.n; c.b += (g.b[i] - c.b) / c.n;
		}
	}
	return centres.filter((c) => c.n >= minShare * g.count).length;
}

/** Mean colour of the background cells, averaged in linear light, as CIELAB. */
export function meanColour(g: BackgroundGrid): Lab {
	let R = 0, G = 0, B = 0, n = 0;
	for (let i = 0; i < g.L.length; i++) {
		if (!g.bg[i]) continue;
		R += g.rgb[3 * i]; G += g.rgb[3 * i + 1]; B += g.rgb[3 * i + 2]; n++;
	}
	return n ? linearRgbToLab(R / n, G / n, B / n) : { L: NaN, a: NaN, b: NaN };
}

export interface ShadowSide {
	side: 'left' | 'right';
	/** Median L* of the near band (just outside the grown person mask) and of the far band. */
	near: number;
	far: number;
	/** far − near, L* (positive: darker next to the head). */
	drop: number;
	region: Box;
	nearCount: number;
	farCount: number;
}

/** Near band: distance (IED) from the person in [NEAR0, NEAR1]; far band: [FAR0, FAR1]. */
export const NEAR0 = 0.15, NEAR1 = 0.45, FAR0 = 0.8, FAR1 = 1.5;

function median(v: number[]): number {
	const s = v.sort((p, q) => p - q);
	return s.length ? (s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
}

/**
 * Shadow beside the head: on each side of the face centre, in the rows from one eye-to-chin distance above the eye
 * line down to the chin, the median L* of background cells near the person vs further out.
 */
export function shadowSides(g: BackgroundGrid): ShadowSide[] {
	const T = Math.max(1, g.chinY - g.eyeY);
	const rTop = Math.max(0, Math.floor((g.eyeY - T - g.y0) / g.cell));
	const rBot = Math.min(g.rows, Math.ceil((g.chinY - g.y0) / g.cell));
	const cMid = Math.round((g.faceX - g.x0) / g.cell);
	return (['left', 'right'] as const).map((side) => {
		const near: number[] = [], far: number[] = [];
		let c0 = Infinity, c1 = -Infinity;
		for (let r = rTop; r < rBot; r++) {
			const [ca, cb] = side === 'left' ? [0, Math.min(g.cols, cMid)] : [Math.max(0, cMid), g.cols];
			for (let c = ca; c < cb; c++) {
				const i = r * g.cols + c;
				if (!g.bg[i]) continue;
				const d = g.dist[i];
				if (d >= NEAR0 && d <= NEAR1) { near.push(g.L[i]); c0 = Math.min(c0, c); c1 = Math.max(c1, c); }
				else if (d >= FAR0 && d <= FAR1) far.push(g.L[i]);
			}
		}
		const mn = median(near), mf = median(far);
		const region = Number.isFinite(c0) ? cellsBox(g, c0, rTop, c1 + 1, rBot) : cellsBox(g, 0, rTop, 1, rBot);
		return { side, near: mn, far: mf, drop: mf - mn, region, nearCount: near.length, farCount: far.length };
	});
}

/**
 * Multi-level foreground estimation: M. Germer, T. Uelwer, S. Conrad, S. Harmeling, "Fast Multi-Level Foreground
 * Estimation", ICPR 2020 (arXiv:2006.14970). Minimises, for each colour channel,
 *   Σ_i (α_i F_i + (1-α_i) B_i - I_i)^2 + Σ_i Σ_{j∈N4(i)} (ε_r + ω |α_i - α_j|) ((F_i - F_j)^2 + (B_i - B_j)^2)
 * coarse-to-fine: the image and alpha are resized (nearest neighbour) to sizes w^(l/L) x h^(l/L), l = 0..L,
 * L = ceil(log2(max(w, h))); F and B are upsampled (nearest) from the previous level and refined by Gauss-Seidel sweeps
 * where each pixel solves the 2x2 system for (F_i, B_i) with its neighbours fixed. Defaults follow the paper /
 * its reference implementation (pymatting estimate_foreground_ml): ε_r = 1e-5, ω = 1, 10 sweeps on levels up to
 * 32x32 px, 2 sweeps on larger levels.
 */
import { scratch } from '../../memory/scratch';

export interface ForegroundOptions {
	regularization?: number;
	gradientWeight?: number;
	smallIterations?: number;
	bigIterations?: number;
	smallSize?: number;
	/**
	 * Uint8Array [h*w]: when given, the levels with at least 1/8 of the full pixel count (the last two or three) update
	 * only pixels marked 1 (e.g. the trimap's unknown band plus a ring), mapped to the level by nearest neighbour and
	 * grown by 1 px there. Unmarked pixels take F = I where alpha = 1 and B = I where alpha = 0 (exact solutions of the
	 * compositing equation) and otherwise keep the upsampled coarser-level estimate. A speed-up of this implementation,
	 * not part of the paper: outside the band alpha is exactly 0 or 1.
	 */
	active?: Uint8Array;
}

/**
 * @param image three planes R, G, B, Float32Array [h*w] in [0,1].
 * @param alpha Float32Array [h*w] in [0,1].
 * @returns foreground F and background B, each three Float32Array [h*w] planes in [0,1], in scratch memory
 *   (memory/scratch.ts): the caller may give them back.
 */
export function estimateForeground(
	image: [Float32Array, Float32Array, Float32Array],
	alpha: Float32Array,
	w: number,
	h: number,
	options: ForegroundOptions = {}
): { foreground: Float32Array[]; background: Float32Array[] } {
	const reg = options.regularization ?? 1e-5;
	const gw = options.gradientWeight ?? 1;
	const smallIt = options.smallIterations ?? 10;
	const bigIt = options.bigIterations ?? 2;
	const smallSize = options.smallSize ?? 32;
	const n = w * h;
	if (alpha.length !== n || image[0].length !== n || image[1].length !== n || image[2].length !== n) throw new RangeError('estimateForeground: plane sizes differ');
	if (options.active && options.active.length !== n) throw new RangeError('estimateForeground: active mask size differs');
	const L = Math.max(1, Math.ceil(Math.log2(Math.max(w, h))));
	// level 0: 1x1, F = B = mean colour
	let pw = 1;
	let ph = 1;
	let F: Float32Array[] = [meanOf(image[0]), meanOf(image[1]), meanOf(image[2])];
	let B: Float32Array[] = [new Float32Array(F[0]), new Float32Array(F[1]), new Float32Array(F[2])];
	for (let l = 0; l <= L; l++) {
		const lw = Math.max(1, Math.round(Math.pow(w, l / L)));
		const lh = Math.max(1, Math.round(Math.pow(h, l / L)));
		const ln = lw * lh;
		// nearest-neighbour index maps level -> full resolution, level -> previous level
		const xs = nearestMap(lw, w);
		const ys = nearestMap(lh, h);
		const pxs = nearestMap(lw, pw);
		const pys = nearestMap(lh, ph);
		const full = lw === w && lh === h;
		// every level's planes are scratch memory (memory/scratch.ts); a level's inputs go back once the next level has
		// picked its values, the last level's F and B are returned
		const la = full ? alpha : pickNearest(alpha, w, xs, ys, scratch.f32(ln));
		const lI = full ? image : [pickNearest(image[0], w, xs, ys, scratch.f32(ln)), pickNearest(image[1], w, xs, ys, scratch.f32(ln)), pickNearest(image[2], w, xs, ys, scratch.f32(ln))];
		const nextF = [pickNearest(F[0], pw, pxs, pys, scratch.f32(ln)), pickNearest(F[1], pw, pxs, pys, scratch.f32(ln)), pickNearest(F[2], pw, pxs, pys, scratch.f32(ln))];
		const nextB = [pickNearest(B[0], pw, pxs, pys, scratch.f32(ln)), pickNearest(B[1], pw, pxs, pys, scratch.f32(ln)), pickNearest(B[2], pw, pxs, pys, scratch.f32(ln))];
		scratch.give(...F, ...B);
		F = nextF;
		B = nextB;
		const iters = lw <= smallSize && lh <= smallSize ? smallIt : bigIt;
		let active: Uint8Array | undefined;
		if (options.active && ln * 8 >= n) {
			active = full ? options.active : grownActive(options.active, w, xs, ys, lw, lh);
			for (let c = 0; c < 3; c++) exactOutsideActive(active, la, lI[c], F[c], B[c]);
		}
		for (let it = 0; it < iters; it++) sweep(lw, lh, la, lI[0], lI[1], lI[2], F[0], F[1], F[2], B[0], B[1], B[2], reg, gw, active);
		if (!full) scratch.give(la, ...lI);
		pw = lw;
		ph = lh;
	}
	return { foreground: F, background: B };
}

// The loops are small functions of their own with typed-array parameters, so that V8 compiles each once (see refine.ts).

/** Float32Array [1]: the mean of `c`. */
function meanOf(c: Float32Array): Float32Array {
	let s = 0;
	for (let i = 0; i < c.length; i++) s += c[i];
	return new Float32Array([s / c.length]);
}

/** Int32Array [m]: the nearest of `size` source cells for each of m target cells (centres aligned). */
function nearestMap(m: number, size: number): Int32Array {
	const out = new Int32Array(m);
	for (let k = 0; k < m; k++) out[k] = Math.min(size - 1, Math.floor(((k + 0.5) * size) / m));
	return out;
}

/** out[y * xs.length + x] = src[ys[y] * srcW + xs[x]] (nearest-neighbour resampling); returns out. */
function pickNearest(src: Float32Array, srcW: number, xs: Int32Array, ys: Int32Array, out: Float32Array): Float32Array {
	const lw = xs.length;
	for (let y = 0; y < ys.length; y++) {
		const row = ys[y] * srcW;
		for (let x = 0; x < lw; x++) out[y * lw + x] = src[row + xs[x]];
	}
	return out;
}

/** The active mask (Uint8Array [h*w]) mapped to a level by nearest neighbour and grown by 1 px (4-neighbours). */
function grownActive(mask: Uint8Array, w: number, xs: Int32Array, ys: Int32Array, lw: number, lh: number): Uint8Array {
	const active = new Uint8Array(lw * lh);
	for (let y = 0; y < lh; y++)
		for (let x = 0; x < lw; x++) {
			if (!mask[ys[y] * w + xs[x]]) continue;
			const i = y * lw + x;
			active[i] = 1;
			if (x > 0) active[i - 1] = 1;
			if (x < lw - 1) active[i + 1] = 1;
			if (y > 0) active[i - lw] = 1;
			if (y < lh - 1) active[i + lw] = 1;
		}
	return active;
}

/** Outside the active pixels: F = I where alpha = 1, B = I where alpha = 0 (one colour channel, in place). */
function exactOutsideActive(active: Uint8Array, la: Float32Array, I: Float32Array, F: Float32Array, B: Float32Array): void {
	for (let i = 0; i < la.length; i++) {
		if (active[i]) continue;
		if (la[i] >= 1) F[i] = I[i];
		else if (la[i] <= 0) B[i] = I[i];
	}
}

/** One Gauss-Seidel sweep over a level (in place). */
function sweep(
	lw: number,
	lh: number,
	la: Float32Array,
	I0: Float32Array,
	I1: Float32Array,
	I2: Float32Array,
	F0: Float32Array,
	F1: Float32Array,
	F2: Float32Array,
	B0: Float32Array,
	B1: Float32Array,
	B2: Float32Array,
	reg: number,
	gw: number,
	active: Uint8Array | undefined
): void {
	for (let y = 0; y < lh; y++) {
		for (let x = 0; x < lw; x++) {
			const i = y * lw + x;
			if (active !== undefined && active[i] === 0) continue;
			const a0 = la[i];
			const a1 = 1 - a0;
			let A00 = a0 * a0;
			const A01 = a0 * a1;
			let A11 = a1 * a1;
			let bF0 = a0 * I0[i],
				bF1 = a0 * I1[i],
				bF2 = a0 * I2[i];
			let bB0 = a1 * I0[i],
				bB1 = a1 * I1[i],
				bB2 = a1 * I2[i];
			let wsum = 0;
			if (x > 0) {
				const j = i - 1;
				const wt = reg + gw * Math.abs(a0 - la[j]);
				wsum += wt;
				bF0 += wt * F0[j];
				bF1 += wt * F1[j];
				bF2 += wt * F2[j];
				bB0 += wt * B0[j];
				bB1 += wt * B1[j];
				bB2 += wt * B2[j];
			}
			if (x < lw - 1) {
				const j = i + 1;
				const wt = reg + gw * Math.abs(a0 - la[j]);
				wsum += wt;
				bF0 += wt * F0[j];
				bF1 += wt * F1[j];
				bF2 += wt * F2[j];
				bB0 += wt * B0[j];
				bB1 += wt * B1[j];
				bB2 += wt * B2[j];
			}
			if (y > 0) {
				const j = i - lw;
				const wt = reg + gw * Math.abs(a0 - la[j]);
				wsum += wt;
				bF0 += wt * F0[j];
				bF1 += wt * F1[j];
				bF2 += wt * F2[j];
				bB0 += wt * B0[j];
				bB1 += wt * B1[j];
				bB2 += wt * B2[j];
			}
			if (y < lh - 1) {
				const j = i + lw;
				const wt = reg + gw * Math.abs(a0 - la[j]);
				wsum += wt;
				bF0 += wt * F0[j];
				bF1 += wt * F1[j];
				bF2 += wt * F2[j];
				bB0 += wt * B0[j];
				bB1 += wt * B1[j];
				bB2 += wt * B2[j];
			}
			A00 += wsum;
			A11 += wsum;
			const det = A00 * A11 - A01 * A01;
			if (det < 1e-12) continue; // isolated pixel (1x1 level): keep the upsampled estimate
			const id = 1 / det;
			const i00 = A11 * id;
			const i01 = -A01 * id;
			const i11 = A00 * id;
			F0[i] = clamp01(i00 * bF0 + i01 * bB0);
			B0[i] = clamp01(i01 * bF0 + i11 * bB0);
			F1[i] = clamp01(i00 * bF1 + i01 * bB1);
			B1[i] = clamp01(i01 * bF1 + i11 * bB1);
			F2[i] = clamp01(i00 * bF2 + i01 * bB2);
			B2[i] = clamp01(i01 * bF2 + i11 * bB2);
		}
	}
}

function clamp01(v: number): number {
	return v < 0 ? 0 : v > 1 ? 1 : v;
}

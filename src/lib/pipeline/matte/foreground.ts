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
 * @returns foreground F and background B, each three Float32Array [h*w] planes in [0,1].
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
	if (alpha.length !== n || image.some((c) => c.length !== n)) throw new RangeError('estimateForeground: plane sizes differ');
	const L = Math.max(1, Math.ceil(Math.log2(Math.max(w, h))));
	// level 0: 1x1, F = B = mean colour
	let pw = 1;
	let ph = 1;
	let F: Float32Array[] = image.map((c) => {
		let s = 0;
		for (let i = 0; i < n; i++) s += c[i];
		return new Float32Array([s / n]);
	});
	let B: Float32Array[] = F.map((c) => new Float32Array(c));
	for (let l = 0; l <= L; l++) {
		const lw = Math.max(1, Math.round(Math.pow(w, l / L)));
		const lh = Math.max(1, Math.round(Math.pow(h, l / L)));
		const ln = lw * lh;
		// nearest-neighbour index maps level -> full resolution, level -> previous level
		const xs = new Int32Array(lw);
		const ys = new Int32Array(lh);
		const pxs = new Int32Array(lw);
		const pys = new Int32Array(lh);
		for (let x = 0; x < lw; x++) {
			xs[x] = Math.min(w - 1, Math.floor(((x + 0.5) * w) / lw));
			pxs[x] = Math.min(pw - 1, Math.floor(((x + 0.5) * pw) / lw));
		}
		for (let y = 0; y < lh; y++) {
			ys[y] = Math.min(h - 1, Math.floor(((y + 0.5) * h) / lh));
			pys[y] = Math.min(ph - 1, Math.floor(((y + 0.5) * ph) / lh));
		}
		const full = lw === w && lh === h;
		const la = full ? alpha : new Float32Array(ln);
		const lI = full ? image : image.map(() => new Float32Array(ln));
		if (!full)
			for (let y = 0; y < lh; y++)
				for (let x = 0; x < lw; x++) {
					const s = ys[y] * w + xs[x];
					const d = y * lw + x;
					la[d] = alpha[s];
					for (let c = 0; c < 3; c++) lI[c][d] = image[c][s];
				}
		const nF = F.map(() => new Float32Array(ln));
		const nB = B.map(() => new Float32Array(ln));
		for (let y = 0; y < lh; y++)
			for (let x = 0; x < lw; x++) {
				const s = pys[y] * pw + pxs[x];
				const d = y * lw + x;
				for (let c = 0; c < 3; c++) {
					nF[c][d] = F[c][s];
					nB[c][d] = B[c][s];
				}
			}
		F = nF;
		B = nB;
		const iters = lw <= smallSize && lh <= smallSize ? smallIt : bigIt;
		let active: Uint8Array | undefined;
		if (options.active && ln * 8 >= n) {
			if (options.active.length !== n) throw new RangeError('estimateForeground: active mask size differs');
			if (full) active = options.active;
			else {
				const src = new Uint8Array(ln);
				for (let y = 0; y < lh; y++) for (let x = 0; x < lw; x++) src[y * lw + x] = options.active[ys[y] * w + xs[x]];
				active = new Uint8Array(ln);
				for (let y = 0; y < lh; y++)
					for (let x = 0; x < lw; x++) {
						const i = y * lw + x;
						if (!src[i]) continue;
						active[i] = 1;
						if (x > 0) active[i - 1] = 1;
						if (x < lw - 1) active[i + 1] = 1;
						if (y > 0) active[i - lw] = 1;
						if (y < lh - 1) active[i + lw] = 1;
					}
			}
			for (let i = 0; i < ln; i++) {
				if (active[i]) continue;
				if (la[i] >= 1) for (let c = 0; c < 3; c++) F[c][i] = lI[c][i];
				else if (la[i] <= 0) for (let c = 0; c < 3; c++) B[c][i] = lI[c][i];
			}
		}
		const [F0, F1, F2] = F;
		const [B0, B1, B2] = B;
		const [I0, I1, I2] = lI;
		for (let it = 0; it < iters; it++) sweep(lw, lh, la, I0, I1, I2, F0, F1, F2, B0, B1, B2, reg, gw, active);
		pw = lw;
		ph = lh;
	}
	return { foreground: F, background: B };
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

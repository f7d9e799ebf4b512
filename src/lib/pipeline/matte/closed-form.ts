/**
 * Closed-form matting (A. Levin, D. Lischinski, Y. Weiss, "A Closed-Form Solution to Natural Image Matting", IEEE TPAMI
 * 30(2), 2008): alpha minimises the matting Laplacian energy αᵀ L α plus a data term,
 *   J(α) = αᵀ L α + Σ_i c_i (α_i − p_i)²,
 * where L comes from the colour-line model (alpha is an affine function of the colour in every 3x3 window):
 *   L_ij = Σ_{k : i,j ∈ w_k} ( δ_ij − (1/9) (1 + (I_i − μ_k)ᵀ (Σ_k + ε/9 · I₃)⁻¹ (I_j − μ_k)) )
 * (eq. 12 of the paper; μ_k, Σ_k: mean and covariance of the colours in window w_k, windows of 3x3 px centred on pixels
 * at least 1 px from the border). Only the unknown pixels are solved for: definite-foreground / background pixels are
 * fixed at 1 / 0 (the paper's user constraints with λ → ∞) and enter the right-hand side; the unknown pixels carry the
 * current estimate p as a weak data term (weight c_i = `dataWeight`), which keeps the solution where the colour-line
 * model is weak (textured backgrounds) near the estimate. The linear system (L_UU + C) α_U = C p_U − L_UK α_K is solved
 * matrix-free by conjugate gradients with a Jacobi (diagonal) preconditioner, starting from `initial`.
 *
 * Cost per iteration: about 90 multiply-adds per window touching the unknown region (window sums S_k = Σ x_j and
 * T_k = Σ (I_j − μ_k) x_j, then (Lx)_i = Σ_k x_i − (S_k + (I_i − μ_k)ᵀ Δ_k T_k) / 9 scattered back).
 */
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND, TRIMAP_UNKNOWN } from './trimap';

type Planes3 = [Float32Array, Float32Array, Float32Array];

/**
 * Regularisation ε of the Laplacian, colours in [0,1]: 1e-5. Levin et al. use 1e-7 on full-resolution images; on the
 * box-averaged grid of the two-scale matting a larger ε keeps flat, noisy windows smooth. Engineering choice: 1e-4, 1e-5
 * and 1e-6 were within 0.05 ΔE00 of each other on the eval's red / blue composites.
 */
export const CLOSED_FORM_EPS = 1e-5;
/**
 * Weight of the data term on unknown pixels: 0.002 (Laplacian entries are of order 1 per window). Engineering choice,
 * measured with `npm run eval:matting` (red / blue band ΔE00 mean): 0.05 → 3.49 / 3.26, 0.01 → 3.41 / 2.92,
 * 0.002 → 3.25 / 2.88 (30 iterations each). Re-measured on 2026-11-30 with `npm run eval:matting -- --backgrounds red,blue
 * --closed-form`: 0.002 at 30 iterations 3.25 / 2.88 (unchanged), at 80 iterations 3.19 / 2.88; 0.0005 at 80 iterations
 * 3.12 / 2.79. Lower weights approach the target (≤ 3) only slowly and need more iterations, and the closer solution
 * spreads alpha over plain background next to grey hair (obama-official on blue: 5.35-5.47 at 80 iterations against
 * 4.02 at 30, a visible blue haze; the eval's `--save` maps show it).
 */
export const CLOSED_FORM_DATA_WEIGHT = 0.002;
/**
 * Conjugate-gradient iterations: 30. Engineering choice, measured with `npm run eval:matting -- --closed-form` at data
 * weight 0.002: 30 iterations gave red / blue band ΔE00 mean 3.25 / 2.88 with 0 old-hue px; 15 iterations 4.26 / 3.08
 * with 963 old-hue px on red (the weak data term leaves the unconverged solution far from both the start and the
 * optimum). At data weight 0.05, 15 and 40 iterations differed by less than 0.15 ΔE00. About 1 ms per iteration on the
 * grid of a 413x531 crop (under load). Clamping the result to the data term's local [min, max] (as the guided filter's
 * output is, CLAMP_RADIUS_GR in refine.ts) did not help: 3.32 / 2.91; capping it at the local max only: 3.28 / 2.90
 * (2026-11-30, 30 iterations, data weight 0.002).
 */
export const CLOSED_FORM_ITERATIONS = 30;

export interface ClosedFormOptions {
	/** ε of the Laplacian (default CLOSED_FORM_EPS). */
	epsilon?: number;
	/** c_i on unknown pixels (default CLOSED_FORM_DATA_WEIGHT). */
	dataWeight?: number;
	/** CG iterations (default CLOSED_FORM_ITERATIONS); stops earlier when the residual falls below 1e-6 of the start. */
	iterations?: number;
	/** Start for the unknown pixels, Float32Array [h*w] (default: p). */
	initial?: Float32Array;
}

/**
 * @param planes guide colours R, G, B in [0,1], Float32Array [h*w] each.
 * @param trimap Uint8Array [h*w]: TRIMAP_FOREGROUND (fixed 1), TRIMAP_BACKGROUND (fixed 0), TRIMAP_UNKNOWN (solved);
 *   any other code (e.g. TRIMAP_OUTSIDE) is fixed at its `p` value and takes no part.
 * @param p Float32Array [h*w]: data term on unknown pixels (the current alpha estimate), values in [0,1].
 * @returns Float32Array [h*w] alpha in [0,1]: the solution on unknown pixels, 1 / 0 on definite ones, p elsewhere.
 * @throws RangeError when sizes differ.
 */
export function closedFormMatte(planes: Planes3, trimap: Uint8Array, p: Float32Array, w: number, h: number, options: ClosedFormOptions = {}): Float32Array {
	const n = w * h;
	if (trimap.length !== n || p.length !== n || planes.some((c) => c.length !== n)) throw new RangeError('closedFormMatte: sizes differ');
	const eps = options.epsilon ?? CLOSED_FORM_EPS;
	const cw = options.dataWeight ?? CLOSED_FORM_DATA_WEIGHT;
	const iters = options.iterations ?? CLOSED_FORM_ITERATIONS;
	const init = options.initial ?? p;
	if (init.length !== n) throw new RangeError('closedFormMatte: initial size differs');
	const alpha = new Float32Array(n);
	// unknown pixels, numbered; windows (centres >= 1 px from the border) that hold at least one of them
	const uid = new Int32Array(n).fill(-1);
	let nu = 0;
	for (let i = 0; i < n; i++) {
		const t = trimap[i];
		if (t === TRIMAP_UNKNOWN) uid[i] = nu++;
		alpha[i] = t === TRIMAP_FOREGROUND ? 1 : t === TRIMAP_BACKGROUND ? 0 : p[i];
	}
	if (nu === 0) return alpha;
	const centres: number[] = [];
	for (let y = 1; y < h - 1; y++)
		for (let x = 1; x < w - 1; x++) {
			const c = y * w + x;
			let touches = false;
			for (let dy = -w; dy <= w && !touches; dy += w) for (let dx = -1; dx <= 1; dx++) if (uid[c + dy + dx] >= 0) touches = true;
			if (touches) centres.push(c);
		}
	const nk = centres.length;
	// per window: mean colour (3) and Δ_k = (Σ_k + ε/9 I)⁻¹ (6, symmetric); windows whose pixels are all fixed or outside
	// the solved set still couple unknown neighbours, so every window touching an unknown pixel is kept
	const mu = new Float32Array(nk * 3);
	const inv = new Float32Array(nk * 6);
	const [R, G, B] = planes;
	const off = [-w - 1, -w, -w + 1, -1, 0, 1, w - 1, w, w + 1];
	for (let k = 0; k < nk; k++) {
		const c = centres[k];
		let mr = 0,
			mg = 0,
			mb = 0,
			rr = 0,
			rg = 0,
			rb = 0,
			gg = 0,
			gb = 0,
			bb = 0;
		for (const o of off) {
			const r = R[c + o],
				g = G[c + o],
				b = B[c + o];
			mr += r;
			mg += g;
			mb += b;
			rr += r * r;
			rg += r * g;
			rb += r * b;
			gg += g * g;
			gb += g * b;
			bb += b * b;
		}
		mr /= 9;
		mg /= 9;
		mb /= 9;
		const e = eps / 9;
		const a00 = rr / 9 - mr * mr + e,
			a01 = rg / 9 - mr * mg,
			a02 = rb / 9 - mr * mb,
			a11 = gg / 9 - mg * mg + e,
			a12 = gb / 9 - mg * mb,
			a22 = bb / 9 - mb * mb + e;
		// inverse of the symmetric 3x3 by cofactors
		const c00 = a11 * a22 - a12 * a12,
			c01 = a02 * a12 - a01 * a22,
			c02 = a01 * a12 - a02 * a11,
			c11 = a00 * a22 - a02 * a02,
			c12 = a01 * a02 - a00 * a12,
			c22 = a00 * a11 - a01 * a01;
		const det = a00 * c00 + a01 * c01 + a02 * c02;
		const id = 1 / det;
		mu[k * 3] = mr;
		mu[k * 3 + 1] = mg;
		mu[k * 3 + 2] = mb;
		inv[k * 6] = c00 * id;
		inv[k * 6 + 1] = c01 * id;
		inv[k * 6 + 2] = c02 * id;
		inv[k * 6 + 3] = c11 * id;
		inv[k * 6 + 4] = c12 * id;
		inv[k * 6 + 5] = c22 * id;
	}
	// per window and pixel: the colour minus the window mean (27 values) and the pixel (9), so that the iterations read
	// them in order
	const dev = new Float32Array(nk * 27);
	const at = new Int32Array(nk * 9);
	for (let k = 0; k < nk; k++)
		for (let t = 0; t < 9; t++) {
			const j = centres[k] + off[t];
			at[k * 9 + t] = j;
			dev[k * 27 + t * 3] = R[j] - mu[k * 3];
			dev[k * 27 + t * 3 + 1] = G[j] - mu[k * 3 + 1];
			dev[k * 27 + t * 3 + 2] = B[j] - mu[k * 3 + 2];
		}
	// y = L x over all pixels touched (x given on the full raster), written for unknown rows only (y indexed by uid)
	const applyL = (x: Float32Array, y: Float32Array) => {
		y.fill(0);
		for (let k = 0; k < nk; k++) {
			const a0 = k * 9;
			const d0 = k * 27;
			let S = 0,
				T0 = 0,
				T1 = 0,
				T2 = 0;
			for (let t = 0; t < 9; t++) {
				const v = x[at[a0 + t]];
				const e = d0 + t * 3;
				S += v;
				T0 += dev[e] * v;
				T1 += dev[e + 1] * v;
				T2 += dev[e + 2] * v;
			}
			const q = k * 6;
			const v0 = (inv[q] * T0 + inv[q + 1] * T1 + inv[q + 2] * T2) / 9;
			const v1 = (inv[q + 1] * T0 + inv[q + 3] * T1 + inv[q + 4] * T2) / 9;
			const v2 = (inv[q + 2] * T0 + inv[q + 4] * T1 + inv[q + 5] * T2) / 9;
			const s9 = S / 9;
			for (let t = 0; t < 9; t++) {
				const j = at[a0 + t];
				const u = uid[j];
				if (u < 0) continue;
				const e = d0 + t * 3;
				y[u] += x[j] - s9 - dev[e] * v0 - dev[e + 1] * v1 - dev[e + 2] * v2;
			}
		}
	};
	// Jacobi preconditioner: diag(L)_i = Σ_k (1 − (1 + (I_i − μ_k)ᵀ Δ_k (I_i − μ_k)) / 9) + c
	const diag = new Float32Array(nu).fill(cw);
	for (let k = 0; k < nk; k++) {
		const c = centres[k];
		const q = k * 6;
		for (let t = 0; t < 9; t++) {
			const j = c + off[t];
			const u = uid[j];
			if (u < 0) continue;
			const d0 = R[j] - mu[k * 3],
				d1 = G[j] - mu[k * 3 + 1],
				d2 = B[j] - mu[k * 3 + 2];
			const quad = d0 * (inv[q] * d0 + inv[q + 1] * d1 + inv[q + 2] * d2) + d1 * (inv[q + 1] * d0 + inv[q + 3] * d1 + inv[q + 4] * d2) + d2 * (inv[q + 2] * d0 + inv[q + 4] * d1 + inv[q + 5] * d2);
			diag[u] += 1 - (1 + quad) / 9;
		}
	}
	// unknown index -> pixel
	const pix = new Int32Array(nu);
	for (let i = 0; i < n; i++) if (uid[i] >= 0) pix[uid[i]] = i;
	// b = C p_U − L_UK α_K: L applied to the fixed values (unknowns set to 0)
	const full = new Float32Array(n);
	for (let i = 0; i < n; i++) full[i] = uid[i] >= 0 ? 0 : alpha[i];
	const b = new Float32Array(nu);
	applyL(full, b);
	for (let u = 0; u < nu; u++) b[u] = cw * p[pix[u]] - b[u];
	// A x = L_UU x + C x, x on unknowns (fixed entries of `full` held at 0)
	full.fill(0);
	const Ax = new Float32Array(nu);
	const applyA = (x: Float32Array, out: Float32Array) => {
		for (let u = 0; u < nu; u++) full[pix[u]] = x[u];
		applyL(full, out);
		for (let u = 0; u < nu; u++) out[u] += cw * x[u];
	};
	const x = new Float32Array(nu);
	for (let u = 0; u < nu; u++) x[u] = init[pix[u]];
	const r = new Float32Array(nu);
	applyA(x, Ax);
	for (let u = 0; u < nu; u++) r[u] = b[u] - Ax[u];
	const z = new Float32Array(nu);
	for (let u = 0; u < nu; u++) z[u] = r[u] / diag[u];
	const d = new Float32Array(z);
	let rz = 0;
	let r0 = 0;
	for (let u = 0; u < nu; u++) {
		rz += r[u] * z[u];
		r0 += r[u] * r[u];
	}
	for (let it = 0; it < iters && rz > 0; it++) {
		applyA(d, Ax);
		let dAd = 0;
		for (let u = 0; u < nu; u++) dAd += d[u] * Ax[u];
		if (!(dAd > 0)) break;
		const a = rz / dAd;
		let rr = 0;
		for (let u = 0; u < nu; u++) {
			x[u] += a * d[u];
			r[u] -= a * Ax[u];
			rr += r[u] * r[u];
		}
		if (rr <= 1e-12 * r0) break;
		let rzNew = 0;
		for (let u = 0; u < nu; u++) {
			z[u] = r[u] / diag[u];
			rzNew += r[u] * z[u];
		}
		const beta = rzNew / rz;
		rz = rzNew;
		for (let u = 0; u < nu; u++) d[u] = z[u] + beta * d[u];
	}
	for (let u = 0; u < nu; u++) {
		const v = x[u];
		alpha[pix[u]] = v < 0 ? 0 : v > 1 ? 1 : v;
	}
	return alpha;
}


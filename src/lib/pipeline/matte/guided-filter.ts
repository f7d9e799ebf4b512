/**
 * Colour guided filter: K. He, J. Sun, X. Tang, "Guided Image Filtering", IEEE TPAMI 35(6), 2013, eqs. (19)-(21):
 * for every (2r+1)^2 window, q = a^T I + b with a = (Σ + εU)^-1 cov(I, p), b = mean(p) - a^T mean(I); the per-pixel
 * output averages the (a, b) of all windows covering it. Box filters by summed-area tables (O(N), independent of r).
 * Optional subsampling by `s` ("Fast Guided Filter", K. He, J. Sun, arXiv:1505.00996, 2015): a and b are computed
 * on the guide and input subsampled by s (radius r/s), their window means are upsampled bilinearly and applied to
 * the full-resolution guide.
 */
import { BoxFilter } from './box';

type Planes3 = [Float32Array, Float32Array, Float32Array];

/**
 * @param guide three planes R, G, B, each Float32Array [h*w] with values in [0,1].
 * @param p filtering input, Float32Array [h*w].
 * @param r window half-size in full-resolution px.
 * @param eps regularisation ε (in guide units squared, guide in [0,1]).
 * @param subsample s >= 1 (integer); 1 = exact guided filter.
 * @returns q, Float32Array [h*w] (not clamped).
 */
export function guidedFilterColor(guide: Planes3, p: Float32Array, w: number, h: number, r: number, eps: number, subsample = 1): Float32Array {
	const n = w * h;
	if (p.length !== n || guide.some((g) => g.length !== n)) throw new RangeError('guidedFilterColor: plane sizes differ');
	const s = Math.max(1, Math.floor(subsample));
	if (s === 1) {
		const [ma0, ma1, ma2, mb] = coefficients(guide, p, w, h, r, eps);
		const q = new Float32Array(n);
		for (let i = 0; i < n; i++) q[i] = ma0[i] * guide[0][i] + ma1[i] * guide[1][i] + ma2[i] * guide[2][i] + mb[i];
		return q;
	}
	const sw = Math.ceil(w / s);
	const sh = Math.ceil(h / s);
	const gs: Planes3 = [downsample(guide[0], w, h, s), downsample(guide[1], w, h, s), downsample(guide[2], w, h, s)];
	const ps = downsample(p, w, h, s);
	const coef = coefficients(gs, ps, sw, sh, Math.max(1, Math.round(r / s)), eps);
	const q = new Float32Array(n);
	for (let y = 0; y < h; y++) {
		// small-grid coordinate of this pixel's centre (small pixel j covers full rows [j s, (j+1) s))
		let v = (y + 0.5) / s - 0.5;
		if (v < 0) v = 0;
		else if (v > sh - 1) v = sh - 1;
		const y0 = Math.floor(v);
		const y1 = Math.min(sh - 1, y0 + 1);
		const fy = v - y0;
		for (let x = 0; x < w; x++) {
			let u = (x + 0.5) / s - 0.5;
			if (u < 0) u = 0;
			else if (u > sw - 1) u = sw - 1;
			const x0 = Math.floor(u);
			const x1 = Math.min(sw - 1, x0 + 1);
			const fx = u - x0;
			const i00 = y0 * sw + x0,
				i10 = y0 * sw + x1,
				i01 = y1 * sw + x0,
				i11 = y1 * sw + x1;
			const w00 = (1 - fx) * (1 - fy),
				w10 = fx * (1 - fy),
				w01 = (1 - fx) * fy,
				w11 = fx * fy;
			const i = y * w + x;
			let acc = 0;
			for (let c = 0; c < 4; c++) {
				const m = coef[c];
				const val = m[i00] * w00 + m[i10] * w10 + m[i01] * w01 + m[i11] * w11;
				acc += c < 3 ? val * guide[c][i] : val;
			}
			q[i] = acc;
		}
	}
	return q;
}

/** Box-average downsampling by an integer factor s (partial blocks at the right / bottom edge average what they hold). */
function downsample(src: Float32Array, w: number, h: number, s: number): Float32Array {
	const sw = Math.ceil(w / s);
	const sh = Math.ceil(h / s);
	const out = new Float32Array(sw * sh);
	const cnt = new Float32Array(sw * sh);
	for (let y = 0; y < h; y++) {
		const row = Math.floor(y / s) * sw;
		for (let x = 0; x < w; x++) {
			const j = row + Math.floor(x / s);
			out[j] += src[y * w + x];
			cnt[j]++;
		}
	}
	for (let j = 0; j < out.length; j++) out[j] /= cnt[j];
	return out;
}

/**
 * Window means of the colour guided filter's coefficients: [ā_R, ā_G, ā_B, b̄], each Float32Array [h*w], so that
 * q = ā · I + b̄ (He et al. 2013, eq. 21). The Fast Guided Filter computes them on a subsampled guide and applies them,
 * upsampled, to the full-resolution guide.
 * @param guide R, G, B planes in [0,1]; p Float32Array [h*w]; r window half-size in px of this grid; eps ε.
 */
export function guidedFilterCoefficients(guide: Planes3, p: Float32Array, w: number, h: number, r: number, eps: number): Float32Array[] {
	return coefficients(guide, p, w, h, r, eps);
}

function coefficients(guide: Planes3, p: Float32Array, w: number, h: number, r: number, eps: number): Float32Array[] {
	const n = w * h;
	const box = new BoxFilter(w, h, r);
	const [I0, I1, I2] = guide;
	const tmp = new Float32Array(n);
	const mean = (src: Float32Array) => box.mean(src);
	const prod = (a: Float32Array, b: Float32Array) => {
		for (let i = 0; i < n; i++) tmp[i] = a[i] * b[i];
		return box.mean(tmp);
	};
	const m0 = mean(I0);
	const m1 = mean(I1);
	const m2 = mean(I2);
	const mp = mean(p);
	const mp0 = prod(I0, p);
	const mp1 = prod(I1, p);
	const mp2 = prod(I2, p);
	const v00 = prod(I0, I0);
	const v01 = prod(I0, I1);
	const v02 = prod(I0, I2);
	const v11 = prod(I1, I1);
	const v12 = prod(I1, I2);
	const v22 = prod(I2, I2);
	const a0 = mp0;
	const a1 = mp1;
	const a2 = mp2;
	const b = mp;
	for (let i = 0; i < n; i++) {
		const c0 = mp0[i] - m0[i] * mp[i];
		const c1 = mp1[i] - m1[i] * mp[i];
		const c2 = mp2[i] - m2[i] * mp[i];
		const s00 = v00[i] - m0[i] * m0[i] + eps;
		const s01 = v01[i] - m0[i] * m1[i];
		const s02 = v02[i] - m0[i] * m2[i];
		const s11 = v11[i] - m1[i] * m1[i] + eps;
		const s12 = v12[i] - m1[i] * m2[i];
		const s22 = v22[i] - m2[i] * m2[i] + eps;
		// inverse of the symmetric 3x3 matrix by cofactors
		const k00 = s11 * s22 - s12 * s12;
		const k01 = s02 * s12 - s01 * s22;
		const k02 = s01 * s12 - s02 * s11;
		const k11 = s00 * s22 - s02 * s02;
		const k12 = s01 * s02 - s00 * s12;
		const k22 = s00 * s11 - s01 * s01;
		const id = 1 / (s00 * k00 + s01 * k01 + s02 * k02);
		const x0 = (k00 * c0 + k01 * c1 + k02 * c2) * id;
		const x1 = (k01 * c0 + k11 * c1 + k12 * c2) * id;
		const x2 = (k02 * c0 + k12 * c1 + k22 * c2) * id;
		a0[i] = x0;
		a1[i] = x1;
		a2[i] = x2;
		b[i] = mp[i] - x0 * m0[i] - x1 * m1[i] - x2 * m2[i];
	}
	return [mean(a0), mean(a1), mean(a2), mean(b)];
}

/**
 * Colour guided filter: K. He, J. Sun, X. Tang, "Guided Image Filtering", IEEE TPAMI 35(6), 2013, eqs. (19)-(21):
 * for every (2r+1)^2 window, q = a^T I + b with a = (Σ + εU)^-1 cov(I, p), b = mean(p) - a^T mean(I); the per-pixel
 * output averages the (a, b) of all windows covering it. Box filters by summed-area tables (O(N), independent of r).
 * Optional subsampling by `s` ("Fast Guided Filter", K. He, J. Sun, arXiv:1505.00996, 2015): a and b are computed
 * on the guide and input subsampled by s (radius r/s), their window means are upsampled bilinearly and applied to
 * the full-resolution guide.
 */
import { boxFilter } from './box';
import { scratch } from '../../memory/scratch';

type Planes3 = [Float32Array, Float32Array, Float32Array];

/**
 * @param guide three planes R, G, B, each Float32Array [h*w] with values in [0,1].
 * @param p filtering input, Float32Array [h*w].
 * @param r window half-size in full-resolution px.
 * @param eps regularisation ε (in guide units squared, guide in [0,1]).
 * @param subsample s >= 1 (integer); 1 = exact guided filter.
 * @returns q, Float32Array [h*w] (not clamped), in scratch memory (memory/scratch.ts): the caller may give it back.
 */
export function guidedFilterColor(guide: Planes3, p: Float32Array, w: number, h: number, r: number, eps: number, subsample = 1): Float32Array {
	const n = w * h;
	if (p.length !== n || guide[0].length !== n || guide[1].length !== n || guide[2].length !== n) throw new RangeError('guidedFilterColor: plane sizes differ');
	const s = Math.max(1, Math.floor(subsample));
	const q = scratch.f32(n);
	if (s === 1) {
		const coef = coefficients(guide, p, w, h, r, eps);
		applyCoefficients(coef[0], coef[1], coef[2], coef[3], guide[0], guide[1], guide[2], q);
		scratch.give(...coef);
		return q;
	}
	const sw = Math.ceil(w / s);
	const sh = Math.ceil(h / s);
	const gs: Planes3 = [downsample(guide[0], w, h, s), downsample(guide[1], w, h, s), downsample(guide[2], w, h, s)];
	const ps = downsample(p, w, h, s);
	const coef = coefficients(gs, ps, sw, sh, Math.max(1, Math.round(r / s)), eps);
	applyUpsampled(coef[0], coef[1], coef[2], coef[3], sw, sh, s, guide[0], guide[1], guide[2], w, h, q);
	scratch.give(...coef, ...gs, ps);
	return q;
}

// The loops below are small functions of their own with typed-array parameters only, so that V8 compiles each once
// (closures and long loops inside larger functions were recompiled several times per photo: see refine.ts).

/** q = ā · I + b̄ at the guide's own resolution. */
function applyCoefficients(a0: Float32Array, a1: Float32Array, a2: Float32Array, b: Float32Array, I0: Float32Array, I1: Float32Array, I2: Float32Array, q: Float32Array): void {
	for (let i = 0; i < q.length; i++) q[i] = a0[i] * I0[i] + a1[i] * I1[i] + a2[i] * I2[i] + b[i];
}

/** q = ā · I + b̄ with the coefficients (sw x sh, factor s) upsampled bilinearly to w x h. */
function applyUpsampled(
	a0: Float32Array,
	a1: Float32Array,
	a2: Float32Array,
	b: Float32Array,
	sw: number,
	sh: number,
	s: number,
	I0: Float32Array,
	I1: Float32Array,
	I2: Float32Array,
	w: number,
	h: number,
	q: Float32Array
): void {
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
			let acc = (a0[i00] * w00 + a0[i10] * w10 + a0[i01] * w01 + a0[i11] * w11) * I0[i];
			acc += (a1[i00] * w00 + a1[i10] * w10 + a1[i01] * w01 + a1[i11] * w11) * I1[i];
			acc += (a2[i00] * w00 + a2[i10] * w10 + a2[i01] * w01 + a2[i11] * w11) * I2[i];
			acc += b[i00] * w00 + b[i10] * w10 + b[i01] * w01 + b[i11] * w11;
			q[i] = acc;
		}
	}
}

/**
 * Box-average downsampling by an integer factor s (partial blocks at the right / bottom edge average what they hold).
 * The result is scratch memory (memory/scratch.ts): the caller gives it back.
 */
function downsample(src: Float32Array, w: number, h: number, s: number): Float32Array {
	const sw = Math.ceil(w / s);
	const sh = Math.ceil(h / s);
	const out = scratch.f32(sw * sh);
	const cnt = scratch.f32(sw * sh);
	for (let y = 0; y < h; y++) {
		const row = Math.floor(y / s) * sw;
		for (let x = 0; x < w; x++) {
			const j = row + Math.floor(x / s);
			out[j] += src[y * w + x];
			cnt[j]++;
		}
	}
	for (let j = 0; j < out.length; j++) out[j] /= cnt[j];
	scratch.give(cnt);
	return out;
}

/**
 * Window means of the colour guided filter's coefficients: [ā_R, ā_G, ā_B, b̄], each Float32Array [h*w], so that
 * q = ā · I + b̄ (He et al. 2013, eq. 21). The Fast Guided Filter computes them on a subsampled guide and applies them,
 * upsampled, to the full-resolution guide. The four planes are scratch memory (memory/scratch.ts): the caller may give
 * them back with `scratch.give` once it no longer reads them.
 * @param guide R, G, B planes in [0,1]; p Float32Array [h*w]; r window half-size in px of this grid; eps ε.
 */
export function guidedFilterCoefficients(guide: Planes3, p: Float32Array, w: number, h: number, r: number, eps: number): Float32Array[] {
	return coefficients(guide, p, w, h, r, eps);
}

function coefficients(guide: Planes3, p: Float32Array, w: number, h: number, r: number, eps: number): Float32Array[] {
	const n = w * h;
	const box = boxFilter(w, h, r);
	const I0 = guide[0];
	const I1 = guide[1];
	const I2 = guide[2];
	// every plane here is scratch memory (memory/scratch.ts); all but the four results go back at the end
	const tmp = scratch.f32(n);
	const m0 = box.mean(I0, scratch.f32(n));
	const m1 = box.mean(I1, scratch.f32(n));
	const m2 = box.mean(I2, scratch.f32(n));
	const mp = box.mean(p, scratch.f32(n));
	const mp0 = box.mean(product(I0, p, tmp), scratch.f32(n));
	const mp1 = box.mean(product(I1, p, tmp), scratch.f32(n));
	const mp2 = box.mean(product(I2, p, tmp), scratch.f32(n));
	const v00 = box.mean(product(I0, I0, tmp), scratch.f32(n));
	const v01 = box.mean(product(I0, I1, tmp), scratch.f32(n));
	const v02 = box.mean(product(I0, I2, tmp), scratch.f32(n));
	const v11 = box.mean(product(I1, I1, tmp), scratch.f32(n));
	const v12 = box.mean(product(I1, I2, tmp), scratch.f32(n));
	const v22 = box.mean(product(I2, I2, tmp), scratch.f32(n));
	// a and b are written over mp0..mp2 and mp (each element is read before it is written)
	solveCoefficients(m0, m1, m2, mp, mp0, mp1, mp2, v00, v01, v02, v11, v12, v22, eps);
	const result = [box.mean(mp0, scratch.f32(n)), box.mean(mp1, scratch.f32(n)), box.mean(mp2, scratch.f32(n)), box.mean(mp, scratch.f32(n))];
	scratch.give(tmp, m0, m1, m2, mp, mp0, mp1, mp2, v00, v01, v02, v11, v12, v22);
	return result;
}

/** out[i] = a[i] · b[i]; returns out. */
function product(a: Float32Array, b: Float32Array, out: Float32Array): Float32Array {
	for (let i = 0; i < out.length; i++) out[i] = a[i] * b[i];
	return out;
}

/**
 * Per window: a = (Σ + εU)⁻¹ cov(I, p) into mp0..mp2, b = mean(p) − a · mean(I) into mp (He et al. 2013, eqs. 19–20).
 */
function solveCoefficients(
	m0: Float32Array,
	m1: Float32Array,
	m2: Float32Array,
	mp: Float32Array,
	mp0: Float32Array,
	mp1: Float32Array,
	mp2: Float32Array,
	v00: Float32Array,
	v01: Float32Array,
	v02: Float32Array,
	v11: Float32Array,
	v12: Float32Array,
	v22: Float32Array,
	eps: number
): void {
	for (let i = 0; i < mp.length; i++) {
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
		mp0[i] = x0;
		mp1[i] = x1;
		mp2[i] = x2;
		mp[i] = mp[i] - x0 * m0[i] - x1 * m1[i] - x2 * m2[i];
	}
}

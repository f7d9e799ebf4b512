/**
 * Colour guided filter: K. He, J. Sun, X. Tang, "Guided Image Filtering", IEEE TPAMI 35(6), 2013, eqs. (19)-(21):
 * for every (2r+1)^2 window, q = a^T I + b with a = (Σ + εU)^-1 cov(I, p), b = mean(p) - a^T mean(I); the per-pixel
 * output averages the (a, b) of all windows covering it. Box filters by summed-area tables (O(N), independent of r).
 */
import { BoxFilter } from './box';

/**
 * @param guide three planes R, G, B, each Float32Array [h*w] with values in [0,1].
 * @param p filtering input, Float32Array [h*w].
 * @param r window half-size in px.
 * @param eps regularisation ε (in guide units squared, guide in [0,1]).
 * @returns q, Float32Array [h*w] (not clamped).
 */
export function guidedFilterColor(
	guide: [Float32Array, Float32Array, Float32Array],
	p: Float32Array,
	w: number,
	h: number,
	r: number,
	eps: number
): Float32Array {
	const n = w * h;
	if (p.length !== n || guide.some((g) => g.length !== n)) throw new RangeError('guidedFilterColor: plane sizes differ');
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
	// a (3 planes) and b, written over buffers no longer needed
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
		const det = s00 * k00 + s01 * k01 + s02 * k02;
		const id = 1 / det;
		const x0 = (k00 * c0 + k01 * c1 + k02 * c2) * id;
		const x1 = (k01 * c0 + k11 * c1 + k12 * c2) * id;
		const x2 = (k02 * c0 + k12 * c1 + k22 * c2) * id;
		a0[i] = x0;
		a1[i] = x1;
		a2[i] = x2;
		b[i] = mp[i] - x0 * m0[i] - x1 * m1[i] - x2 * m2[i];
	}
	const ma0 = mean(a0);
	const ma1 = mean(a1);
	const ma2 = mean(a2);
	const mb = mean(b);
	const q = new Float32Array(n);
	for (let i = 0; i < n; i++) q[i] = ma0[i] * I0[i] + ma1[i] * I1[i] + ma2[i] * I2[i] + mb[i];
	return q;
}

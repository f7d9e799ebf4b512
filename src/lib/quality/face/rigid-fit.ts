/**
 * Weighted least-squares similarity fit between two 3-D point sets (orthogonal Procrustes with scale), solved in closed
 * form with Horn's unit-quaternion method (B. K. P. Horn, "Closed-form solution of absolute orientation using unit
 * quaternions", JOSA A 4(4), 1987): the rotation is the eigenvector of the largest eigenvalue of a symmetric 4x4
 * matrix built from the cross-covariance. It always returns a proper rotation (det +1), so no reflection fix-up as in
 * Kabsch/Umeyama's SVD form is needed; the optimum is the same.
 */

/** Row-major 3x3 rotation matrix, Float64Array [9]. */
export type Mat3 = Float64Array;

export interface SimilarityFit {
	/** Rotation R (row-major [9]) with target ≈ scale · R · source + translation. */
	rotation: Mat3;
	scale: number;
	translation: [number, number, number];
	/** Weighted RMS residual of the fit, target units. */
	rms: number;
}

/**
 * Eigen-decomposition of a symmetric 4x4 matrix by cyclic Jacobi rotations.
 * @param a Float64Array [16] row-major, symmetric; destroyed.
 * @returns the eigenvector (unit, [4]) of the largest eigenvalue.
 */
function largestEigenvector4(a: Float64Array): Float64Array {
	const v = new Float64Array(16);
	for (let i = 0; i < 4; i++) v[i * 5] = 1;
	for (let sweep = 0; sweep < 50; sweep++) {
		let off = 0;
		for (let p = 0; p < 3; p++) for (let q = p + 1; q < 4; q++) off += a[p * 4 + q] * a[p * 4 + q];
		if (off < 1e-30) break;
		for (let p = 0; p < 3; p++) {
			for (let q = p + 1; q < 4; q++) {
				const apq = a[p * 4 + q];
				if (Math.abs(apq) < 1e-300) continue;
				const theta = (a[q * 4 + q] - a[p * 4 + p]) / (2 * apq);
				const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
				const c = 1 / Math.sqrt(t * t + 1);
				const s = t * c;
				for (let k = 0; k < 4; k++) {
					// columns p, q of a
					const akp = a[k * 4 + p];
					const akq = a[k * 4 + q];
					a[k * 4 + p] = c * akp - s * akq;
					a[k * 4 + q] = s * akp + c * akq;
				}
				for (let k = 0; k < 4; k++) {
					// rows p, q of a
					const apk = a[p * 4 + k];
					const aqk = a[q * 4 + k];
					a[p * 4 + k] = c * apk - s * aqk;
					a[q * 4 + k] = s * apk + c * aqk;
				}
				for (let k = 0; k < 4; k++) {
					const vkp = v[k * 4 + p];
					const vkq = v[k * 4 + q];
					v[k * 4 + p] = c * vkp - s * vkq;
					v[k * 4 + q] = s * vkp + c * vkq;
				}
			}
		}
	}
	let best = 0;
	for (let i = 1; i < 4; i++) if (a[i * 5] > a[best * 5]) best = i;
	return Float64Array.of(v[best], v[4 + best], v[8 + best], v[12 + best]);
}

/** Rotation matrix (row-major [9]) of the unit quaternion (w, x, y, z). */
export function quaternionToMatrix(w: number, x: number, y: number, z: number): Mat3 {
	return Float64Array.of(
		w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y),
		2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x),
		2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z
	);
}

/**
 * Finds scale s, rotation R and translation t minimising Σ wᵢ ‖targetᵢ − (s·R·sourceᵢ + t)‖².
 * @param source Float32Array/Float64Array [n*3] x, y, z per point
 * @param target same layout and length as `source`
 * @param weights [n] non-negative weights (at least 3 non-collinear points with weight > 0)
 * @throws Error when the lengths disagree or the weights sum to 0.
 */
export function fitSimilarity(source: ArrayLike<number>, target: ArrayLike<number>, weights: ArrayLike<number>): SimilarityFit {
	const n = weights.length;
	if (source.length !== n * 3 || target.length !== n * 3) throw new Error(`fitSimilarity: expected ${n * 3} coordinates`);
	let wSum = 0;
	const ms = [0, 0, 0];
	const mt = [0, 0, 0];
	for (let i = 0; i < n; i++) {
		const w = weights[i];
		wSum += w;
		for (let k = 0; k < 3; k++) {
			ms[k] += w * source[i * 3 + k];
			mt[k] += w * target[i * 3 + k];
		}
	}
	if (!(wSum > 0)) throw new Error('fitSimilarity: weights sum to 0');
	for (let k = 0; k < 3; k++) {
		ms[k] /= wSum;
		mt[k] /= wSum;
	}
	// S[a][b] = Σ w · (source_a − ms_a)(target_b − mt_b)
	const S = new Float64Array(9);
	let varS = 0;
	for (let i = 0; i < n; i++) {
		const w = weights[i];
		if (w === 0) continue;
		const sx = source[i * 3] - ms[0], sy = source[i * 3 + 1] - ms[1], sz = source[i * 3 + 2] - ms[2];
		const tx = target[i * 3] - mt[0], ty = target[i * 3 + 1] - mt[1], tz = target[i * 3 + 2] - mt[2];
		S[0] += w * sx * tx; S[1] += w * sx * ty; S[2] += w * sx * tz;
		S[3] += w * sy * tx; S[4] += w * sy * ty; S[5] += w * sy * tz;
		S[6] += w * sz * tx; S[7] += w * sz * ty; S[8] += w * sz * tz;
		varS += w * (sx * sx + sy * sy + sz * sz);
	}
	const [Sxx, Sxy, Sxz, Syx, Syy, Syz, Szx, Szy, Szz] = S;
	const N = Float64Array.of(
		Sxx + Syy + Szz, Syz - Szy, Szx - Sxz, Sxy - Syx,
		Syz - Szy, Sxx - Syy - Szz, Sxy + Syx, Szx + Sxz,
		Szx - Sxz, Sxy + Syx, -Sxx + Syy - Szz, Syz + Szy,
		Sxy - Syx, Szx + Sxz, Syz + Szy, -Sxx - Syy + Szz
	);
	const [qw, qx, qy, qz] = largestEigenvector4(N);
	const R = quaternionToMatrix(qw, qx, qy, qz);
	// s = Σ w (t−mt)·R(s−ms) / Σ w |s−ms|² = trace(R Sᵀ-ish) / varS
	let num = 0;
	for (let a = 0; a < 3; a++) for (let b = 0; b < 3; b++) num += R[b * 3 + a] * S[a * 3 + b];
	const scale = varS > 0 ? num / varS : 1;
	const translation: [number, number, number] = [0, 0, 0];
	for (let r = 0; r < 3; r++) translation[r] = mt[r] - scale * (R[r * 3] * ms[0] + R[r * 3 + 1] * ms[1] + R[r * 3 + 2] * ms[2]);
	let err = 0;
	for (let i = 0; i < n; i++) {
		const w = weights[i];
		if (w === 0) continue;
		const x = source[i * 3], y = source[i * 3 + 1], z = source[i * 3 + 2];
		for (let r = 0; r < 3; r++) {
			const p = scale * (R[r * 3] * x + R[r * 3 + 1] * y + R[r * 3 + 2] * z) + translation[r];
			err += w * (p - target[i * 3 + r]) ** 2;
		}
	}
	return { rotation: R, scale, translation, rms: Math.sqrt(err / wSum) };
}

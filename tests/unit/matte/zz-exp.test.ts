import { it } from 'vitest';
import { guidedFilterColor } from '/work/main/src/lib/pipeline/matte/guided-filter';
import { toPlanes } from '/work/main/src/lib/pipeline/matte/refine';
import { trimapFromMask } from '/work/main/src/lib/pipeline/matte/trimap';
import { coarseMask, makeScene } from '/work/main/tests/unit/matte/scene';
it('exp', () => {
	const s = makeScene({ noise: 2 });
	for (const [off, soft] of [[3, 12], [-3, 12], [5, 20], [0, 4]]) {
	const c = coarseMask(s, off, soft);
	const n = s.w * s.h;
	const K = new Uint8Array(n);
	for (let i = 0; i < n; i++) K[i] = c[i] >= 0.5 ? 1 : 0;
	const planes = toPlanes(s.image);
	const t = trimapFromMask(K, s.w, s.h, 9);
	for (const r of [5, 9])
		for (const eps of [1e-4, 1e-3]) {
			let p = new Float32Array(n);
			for (let i = 0; i < n; i++) p[i] = t[i] === 128 ? c[i] : K[i];
			const res: string[] = [];
			for (let it = 0; it < 6; it++) {
				const q = guidedFilterColor(planes, p, s.w, s.h, r, eps);
				const np = new Float32Array(n);
				for (let i = 0; i < n; i++) np[i] = t[i] === 128 ? Math.min(1, Math.max(0, q[i])) : K[i];
				p = np;
				let e = 0, m = 0;
				for (let i = 0; i < n; i++) if (Math.abs(s.sdf[i]) <= 6) { e += Math.abs(p[i] - s.alpha[i]); m++; }
				res.push((e / m).toFixed(4));
			}
			console.log(`off ${off} soft ${soft} r ${r} eps ${eps}: ${res.join(' ')}`);
		}
	}
});

/**
 * CIEDE2000 colour difference (CIE 142-2001), written from the equations as laid out in
 * G. Sharma, W. Wu, E. N. Dalal, "The CIEDE2000 color-difference formula: implementation notes, supplementary test
 * data, and mathematical observations", Color Research & Application 30(1):21–30, 2005 (eqs. 1–23 there), including
 * their notes on hue angles: h' = 0 when a' = b' = 0, Δh' and the mean hue h̄' taken on the shorter arc, and
 * h̄' = h'1 + h'2 when either chroma is 0.
 */
import type { Lab } from './lab';

const DEG = Math.PI / 180;
const POW25_7 = Math.pow(25, 7);

/** Hue angle in degrees [0,360) of (a', b'); 0 for the neutral axis (Sharma et al. eq. 4). */
function hueDeg(b: number, a: number): number {
	if (a === 0 && b === 0) return 0;
	const h = Math.atan2(b, a) / DEG;
	return h < 0 ? h + 360 : h;
}

/**
 * ΔE00 between two CIELAB colours (same white), with parametric weights kL, kC, kH (1 for the reference conditions).
 * Symmetric in its arguments up to floating-point rounding; ≥ 0.
 */
export function deltaE2000(c1: Lab, c2: Lab, kL = 1, kC = 1, kH = 1): number {
	// 1. C'i, h'i (eqs. 2–7)
	const C1 = Math.hypot(c1.a, c1.b);
	const C2 = Math.hypot(c2.a, c2.b);
	const Cbar = (C1 + C2) / 2;
	const Cbar7 = Math.pow(Cbar, 7);
	const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + POW25_7)));
	const a1p = (1 + G) * c1.a;
	const a2p = (1 + G) * c2.a;
	const C1p = Math.hypot(a1p, c1.b);
	const C2p = Math.hypot(a2p, c2.b);
	const h1p = hueDeg(c1.b, a1p);
	const h2p = hueDeg(c2.b, a2p);

	// 2. ΔL', ΔC', ΔH' (eqs. 8–11)
	const dLp = c2.L - c1.L;
	const dCp = C2p - C1p;
	let dhp = 0;
	if (C1p * C2p !== 0) {
		dhp = h2p - h1p;
		if (dhp > 180) dhp -= 360;
		else if (dhp < -180) dhp += 360;
	}
	const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * DEG);

	// 3. ΔE00 (eqs. 12–22)
	const Lbarp = (c1.L + c2.L) / 2;
	const Cbarp = (C1p + C2p) / 2;
	let hbarp: number;
	if (C1p * C2p === 0) hbarp = h1p + h2p;
	else if (Math.abs(h1p - h2p) <= 180) hbarp = (h1p + h2p) / 2;
	else if (h1p + h2p < 360) hbarp = (h1p + h2p + 360) / 2;
	else hbarp = (h1p + h2p - 360) / 2;

	const T =
		1 -
		0.17 * Math.cos((hbarp - 30) * DEG) +
		0.24 * Math.cos(2 * hbarp * DEG) +
		0.32 * Math.cos((3 * hbarp + 6) * DEG) -
		0.2 * Math.cos((4 * hbarp - 63) * DEG);
	const dTheta = 30 * Math.exp(-Math.pow((hbarp - 275) / 25, 2));
	const Cbarp7 = Math.pow(Cbarp, 7);
	const RC = 2 * Math.sqrt(Cbarp7 / (Cbarp7 + POW25_7));
	const l50 = (Lbarp - 50) * (Lbarp - 50);
	const SL = 1 + (0.015 * l50) / Math.sqrt(20 + l50);
	const SC = 1 + 0.045 * Cbarp;
	const SH = 1 + 0.015 * Cbarp * T;
	const RT = -Math.sin(2 * dTheta * DEG) * RC;

	const tL = dLp / (kL * SL);
	const tC = dCp / (kC * SC);
	const tH = dHp / (kH * SH);
	return Math.sqrt(tL * tL + tC * tC + tH * tH + RT * tC * tH);
}

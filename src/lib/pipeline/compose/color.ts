/**
 * sRGB -> CIELAB (D65) and the CIEDE2000 colour difference.
 *
 * sRGB: IEC 61966-2-1:1999 transfer function and RGB -> XYZ matrix (D65 white).
 * CIELAB: CIE 15:2004, reference white D65 taken as the row sums of the sRGB matrix, (Xn, Yn, Zn) =
 * (0.9505, 1.0, 1.0890), so that sRGB white maps to a* = b* = 0 exactly (the 5-digit CIE values 0.95047 / 1.08883
 * differ by < 0.01 ΔE).
 * CIEDE2000: CIE 142-2001; implementation notes and test data from G. Sharma, W. Wu, E. N. Dalal, "The CIEDE2000
 * color-difference formula: implementation notes, supplementary test data, and mathematical observations",
 * Color Research & Application 30(1), 2005.
 */

export interface Lab {
	L: number;
	a: number;
	b: number;
}

const XN = 0.4124 + 0.3576 + 0.1805;
const YN = 0.2126 + 0.7152 + 0.0722;
const ZN = 0.0193 + 0.1192 + 0.9505;

/** sRGB component in [0,255] -> linear light in [0,1] (IEC 61966-2-1). */
export function srgbToLinear(v: number): number {
	const c = v / 255;
	return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
}

/** 8-bit sRGB (0..255 per channel) -> CIE XYZ with Y in [0,1], D65. */
export function srgbToXyz(r: number, g: number, b: number): { X: number; Y: number; Z: number } {
	const R = srgbToLinear(r);
	const G = srgbToLinear(g);
	const B = srgbToLinear(b);
	return {
		X: 0.4124 * R + 0.3576 * G + 0.1805 * B,
		Y: 0.2126 * R + 0.7152 * G + 0.0722 * B,
		Z: 0.0193 * R + 0.1192 * G + 0.9505 * B
	};
}

/** CIE XYZ (Y in [0,1]) -> CIELAB relative to D65. */
export function xyzToLab(X: number, Y: number, Z: number): Lab {
	const e = 216 / 24389;
	const k = 24389 / 27;
	const f = (t: number) => (t > e ? Math.cbrt(t) : (k * t + 16) / 116);
	const fx = f(X / XN);
	const fy = f(Y / YN);
	const fz = f(Z / ZN);
	return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** 8-bit sRGB -> CIELAB (D65). */
export function srgbToLab(r: number, g: number, b: number): Lab {
	const { X, Y, Z } = srgbToXyz(r, g, b);
	return xyzToLab(X, Y, Z);
}

const deg = (rad: number) => (rad * 180) / Math.PI;
const rad = (d: number) => (d * Math.PI) / 180;

/**
 * CIEDE2000 colour difference ΔE00 between two CIELAB colours, parametric factors kL = kC = kH = 1 by default.
 * Hue angles follow Sharma et al. (2005): h' = 0 when a' = b' = 0, mean hue and Δh' handled for |h1' - h2'| > 180.
 */
export function deltaE2000(lab1: Lab, lab2: Lab, kL = 1, kC = 1, kH = 1): number {
	const { L: L1, a: a1, b: b1 } = lab1;
	const { L: L2, a: a2, b: b2 } = lab2;
	const C1 = Math.hypot(a1, b1);
	const C2 = Math.hypot(a2, b2);
	const Cbar = (C1 + C2) / 2;
	const Cbar7 = Math.pow(Cbar, 7);
	const G = 0.5 * (1 - Math.sqrt(Cbar7 / (Cbar7 + Math.pow(25, 7))));
	const a1p = (1 + G) * a1;
	const a2p = (1 + G) * a2;
	const C1p = Math.hypot(a1p, b1);
	const C2p = Math.hypot(a2p, b2);
	const hp = (ap: number, b: number) => {
		if (ap === 0 && b === 0) return 0;
		const h = deg(Math.atan2(b, ap));
		return h < 0 ? h + 360 : h;
	};
	const h1p = hp(a1p, b1);
	const h2p = hp(a2p, b2);
	const dLp = L2 - L1;
	const dCp = C2p - C1p;
	let dhp: number;
	if (C1p * C2p === 0) dhp = 0;
	else {
		dhp = h2p - h1p;
		if (dhp > 180) dhp -= 360;
		else if (dhp < -180) dhp += 360;
	}
	const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin(rad(dhp / 2));
	const Lbarp = (L1 + L2) / 2;
	const Cbarp = (C1p + C2p) / 2;
	let hbarp: number;
	if (C1p * C2p === 0) hbarp = h1p + h2p;
	else if (Math.abs(h1p - h2p) <= 180) hbarp = (h1p + h2p) / 2;
	else if (h1p + h2p < 360) hbarp = (h1p + h2p + 360) / 2;
	else hbarp = (h1p + h2p - 360) / 2;
	const T =
		1 -
		0.17 * Math.cos(rad(hbarp - 30)) +
		0.24 * Math.cos(rad(2 * hbarp)) +
		0.32 * Math.cos(rad(3 * hbarp + 6)) -
		0.2 * Math.cos(rad(4 * hbarp - 63));
	const dTheta = 30 * Math.exp(-Math.pow((hbarp - 275) / 25, 2));
	const Cbarp7 = Math.pow(Cbarp, 7);
	const RC = 2 * Math.sqrt(Cbarp7 / (Cbarp7 + Math.pow(25, 7)));
	const SL = 1 + (0.015 * Math.pow(Lbarp - 50, 2)) / Math.sqrt(20 + Math.pow(Lbarp - 50, 2));
	const SC = 1 + 0.045 * Cbarp;
	const SH = 1 + 0.015 * Cbarp * T;
	const RT = -Math.sin(rad(2 * dTheta)) * RC;
	const l = dLp / (kL * SL);
	const c = dCp / (kC * SC);
	const h = dHp / (kH * SH);
	return Math.sqrt(l * l + c * c + h * h + RT * c * h);
}

/** ΔE00 between two 8-bit sRGB colours. */
export function deltaE2000Srgb(c1: { r: number; g: number; b: number }, c2: { r: number; g: number; b: number }): number {
	return deltaE2000(srgbToLab(c1.r, c1.g, c1.b), srgbToLab(c2.r, c2.g, c2.b));
}

/**
 * sRGB ↔ CIELAB for the quality checks.
 *
 * - sRGB transfer function and the linear-RGB → XYZ matrix: IEC 61966-2-1:1999 (D65 white).
 * - CIELAB: CIE 15:2004 §8.2.1 (the exact ε = 216/24389 and κ = 24389/27 of the CIE's later clarification).
 * - Reference white: D65 as the row sums of the sRGB matrix, so that sRGB white (255,255,255) maps to a* = b* = 0
 *   exactly. OFIQ's NaturalColour converts through OpenCV, whose RGB→Lab also uses D65 (the reference notes D50; the
 *   difference on skin colours is < 2 units of a* and b*, far inside the ranges the checks use).
 */

/** A CIELAB colour: L* in [0,100], a*, b* unbounded (roughly ±128 for sRGB). */
export interface Lab {
	L: number;
	a: number;
	b: number;
}

/** 8-bit sRGB colour, components 0..255. */
export interface Rgb {
	r: number;
	g: number;
	b: number;
}

/** D65 white of the sRGB matrix (row sums), Y = 1. */
export const WHITE_D65 = { X: 0.4124 + 0.3576 + 0.1805, Y: 1, Z: 0.0193 + 0.1192 + 0.9505 } as const;

/** Linear light in [0,1] for every 8-bit sRGB code value (IEC 61966-2-1 transfer function). Float32Array [256]. */
export const SRGB_TO_LINEAR: Float32Array = (() => {
	const t = new Float32Array(256);
	for (let i = 0; i < 256; i++) {
		const c = i / 255;
		t[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}
	return t;
})();

/** Linear light in [0,1] → sRGB code value in [0,255] (not rounded, clamped). IEC 61966-2-1 inverse transfer function. */
export function linearToSrgb(v: number): number {
	const c = v <= 0 ? 0 : v >= 1 ? 1 : v;
	return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055);
}

/** Relative luminance Y in [0,1] of an 8-bit sRGB colour (BT.709 / sRGB primaries, linear light). */
export function srgbLuminance(r: number, g: number, b: number): number {
	return 0.2126 * SRGB_TO_LINEAR[r | 0] + 0.7152 * SRGB_TO_LINEAR[g | 0] + 0.0722 * SRGB_TO_LINEAR[b | 0];
}

const EPS = 216 / 24389;
const KAPPA = 24389 / 27;
const f = (t: number) => (t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116);

/** CIE L* in [0,100] of a relative luminance Y in [0,1] (CIE 15:2004). */
export function lightness(Y: number): number {
	return 116 * f(Y) - 16;
}

/** L* for Y = i/4095, i = 0..4095 (CIE 15:2004): Float32Array [4096]. */
export const LIGHTNESS_LUT: Float32Array = (() => {
	const t = new Float32Array(4096);
	for (let i = 0; i < 4096; i++) t[i] = lightness(i / 4095);
	return t;
})();

/** L* of Y in [0,1] through LIGHTNESS_LUT (error < 0.15 L* near black, < 0.01 above L* 20); Y is clamped. */
export function lightnessFast(Y: number): number {
	return LIGHTNESS_LUT[Y <= 0 ? 0 : Y >= 1 ? 4095 : (Y * 4095 + 0.5) | 0];
}

/** Relative luminance Y in [0,1] of a CIE L* (inverse of `lightness`). */
export function lightnessToY(L: number): number {
	const fy = (L + 16) / 116;
	return fy > 6 / 29 ? fy * fy * fy : (L * 27) / 24389;
}

/** Linear sRGB (each in [0,1]) → CIELAB relative to D65. */
export function linearRgbToLab(R: number, G: number, B: number): Lab {
	const X = 0.4124 * R + 0.3576 * G + 0.1805 * B;
	const Y = 0.2126 * R + 0.7152 * G + 0.0722 * B;
	const Z = 0.0193 * R + 0.1192 * G + 0.9505 * B;
	const fx = f(X / WHITE_D65.X);
	const fy = f(Y);
	const fz = f(Z / WHITE_D65.Z);
	return { L: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** 8-bit sRGB → CIELAB (D65). */
export function srgbToLab(r: number, g: number, b: number): Lab {
	return linearRgbToLab(SRGB_TO_LINEAR[r | 0], SRGB_TO_LINEAR[g | 0], SRGB_TO_LINEAR[b | 0]);
}

/** CIELAB (D65) → linear sRGB, components unclamped (out-of-gamut colours fall outside [0,1]). */
export function labToLinearRgb(lab: Lab): { R: number; G: number; B: number } {
	const fy = (lab.L + 16) / 116;
	const fx = fy + lab.a / 500;
	const fz = fy - lab.b / 200;
	const inv = (t: number) => (t > 6 / 29 ? t * t * t : (116 * t - 16) / KAPPA);
	const X = inv(fx) * WHITE_D65.X;
	const Y = inv(fy);
	const Z = inv(fz) * WHITE_D65.Z;
	// Inverse of the IEC 61966-2-1 matrix (computed from its 4-digit coefficients).
	return {
		R: 3.2406255 * X - 1.537208 * Y - 0.4986286 * Z,
		G: -0.9689307 * X + 1.8757561 * Y + 0.0415175 * Z,
		B: 0.0557101 * X - 0.2040211 * Y + 1.0569959 * Z
	};
}

/** CIELAB (D65) → 8-bit sRGB, rounded and clamped to [0,255]. */
export function labToSrgb(lab: Lab): Rgb {
	const { R, G, B } = labToLinearRgb(lab);
	return { r: Math.round(linearToSrgb(R)), g: Math.round(linearToSrgb(G)), b: Math.round(linearToSrgb(B)) };
}

/** Chroma C*ab = √(a*² + b*²). */
export function chroma(lab: Lab): number {
	return Math.hypot(lab.a, lab.b);
}

/**
 * Parses "#RRGGBB" (or "RRGGBB", case-insensitive) into 8-bit sRGB.
 * @throws Error when the string is not six hex digits with an optional leading '#'.
 */
export function parseHexColour(hex: string): Rgb {
	const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
	if (!m) throw new Error(`Not a #RRGGBB colour: "${hex}"`);
	const n = parseInt(m[1], 16);
	return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
}

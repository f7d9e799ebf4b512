/**
 * 2-D affine transforms in the canvas / DOMMatrix convention:
 *   x' = a*x + c*y + e
 *   y' = b*x + d*y + f
 * Coordinates are continuous image px (origin at the top-left corner of the top-left pixel,
 * pixel (i, j) covers [i, i+1) x [j, j+1), its centre is (i + 0.5, j + 0.5)), y down.
 */
import type { Point } from '../../types';

export interface Affine {
	a: number;
	b: number;
	c: number;
	d: number;
	e: number;
	f: number;
}

/** The identity transform. */
export const IDENTITY: Affine = Object.freeze({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 });

/** Applies `t` to point `p`. */
export function applyAffine(t: Affine, p: Point): Point {
	return { x: t.a * p.x + t.c * p.y + t.e, y: t.b * p.x + t.d * p.y + t.f };
}

/** Inverse of `t`. Throws RangeError when `t` is singular (|det| < 1e-12). */
export function invertAffine(t: Affine): Affine {
	const det = t.a * t.d - t.b * t.c;
	if (!Number.isFinite(det) || Math.abs(det) < 1e-12) throw new RangeError('invertAffine: singular transform');
	const a = t.d / det;
	const b = -t.b / det;
	const c = -t.c / det;
	const d = t.a / det;
	return { a, b, c, d, e: -(a * t.e + c * t.f), f: -(b * t.e + d * t.f) };
}

/** Composition: returns the transform p -> outer(inner(p)). */
export function composeAffine(outer: Affine, inner: Affine): Affine {
	return {
		a: outer.a * inner.a + outer.c * inner.b,
		b: outer.b * inner.a + outer.d * inner.b,
		c: outer.a * inner.c + outer.c * inner.d,
		d: outer.b * inner.c + outer.d * inner.d,
		e: outer.a * inner.e + outer.c * inner.f + outer.e,
		f: outer.b * inner.e + outer.d * inner.f + outer.f
	};
}

/**
 * Similarity transform p -> scale * R(angleDeg) * (p - pivot) + target, where R(φ) rotates by φ degrees
 * clockwise on screen (y down), i.e. R = [[cos φ, -sin φ], [sin φ, cos φ]].
 */
export function similarity(scale: number, angleDeg: number, pivot: Point, target: Point): Affine {
	const r = (angleDeg * Math.PI) / 180;
	const cs = Math.cos(r) * scale;
	const sn = Math.sin(r) * scale;
	const a = cs;
	const b = sn;
	const c = -sn;
	const d = cs;
	return { a, b, c, d, e: target.x - (a * pivot.x + c * pivot.y), f: target.y - (b * pivot.x + d * pivot.y) };
}

/** Linear scale factor of `t` (sqrt(|det|)): output px per input px for a similarity. */
export function affineScale(t: Affine): number {
	return Math.sqrt(Math.abs(t.a * t.d - t.b * t.c));
}

/** Rotates `p` by `angleDeg` (clockwise on screen, y down) about `pivot`. */
export function rotateAbout(p: Point, pivot: Point, angleDeg: number): Point {
	const r = (angleDeg * Math.PI) / 180;
	const cs = Math.cos(r);
	const sn = Math.sin(r);
	const dx = p.x - pivot.x;
	const dy = p.y - pivot.y;
	return { x: pivot.x + cs * dx - sn * dy, y: pivot.y + sn * dx + cs * dy };
}

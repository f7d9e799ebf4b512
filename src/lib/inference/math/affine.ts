/**
 * 2-D affine transforms, stored as the top two rows of a 3x3 matrix:
 * `[a, b, c, d, e, f]` maps (x, y) to (a*x + b*y + c, d*x + e*y + f).
 * Units are whatever the caller's coordinate frames use (px of an image, px of a tensor).
 */
export type Affine = readonly [number, number, number, number, number, number];

/** The identity transform. */
export const IDENTITY: Affine = [1, 0, 0, 0, 1, 0];

/** Applies `m` to a point. */
export function applyAffine(m: Affine, x: number, y: number): { x: number; y: number } {
	return { x: m[0] * x + m[1] * y + m[2], y: m[3] * x + m[4] * y + m[5] };
}

/** Applies only the linear part of `m` (no translation) to a vector. */
export function applyLinear(m: Affine, x: number, y: number): { x: number; y: number } {
	return { x: m[0] * x + m[1] * y, y: m[3] * x + m[4] * y };
}

/** `outer ∘ inner`: the transform that applies `inner` first, then `outer`. */
export function composeAffine(outer: Affine, inner: Affine): Affine {
	const [a, b, c, d, e, f] = outer;
	const [p, q, r, s, t, u] = inner;
	return [a * p + b * s, a * q + b * t, a * r + b * u + c, d * p + e * s, d * q + e * t, d * r + e * u + f];
}

/**
 * Inverse of `m`.
 * @throws Error when `m` is singular (|det| < 1e-12).
 */
export function invertAffine(m: Affine): Affine {
	const [a, b, c, d, e, f] = m;
	const det = a * e - b * d;
	if (Math.abs(det) < 1e-12) throw new Error('invertAffine: singular transform');
	const ia = e / det;
	const ib = -b / det;
	const id = -d / det;
	const ie = a / det;
	return [ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f)];
}

/**
 * The similarity transform that maps the unit square of a `width` x `height` destination
 * (tensor px, pixel centres at +0.5) onto a rotated rectangle in the source image:
 * destination (0,0) goes to the rectangle's top-left corner, the destination x axis runs along the
 * rectangle's x axis, which points in direction (cos θ, sin θ) in source px (y down, so a positive
 * θ turns clockwise on screen), as MediaPipe's `NormalizedRect.rotation` does.
 * @param cx rectangle centre x, source px
 * @param cy rectangle centre y, source px
 * @param rectWidth rectangle width, source px
 * @param rectHeight rectangle height, source px
 * @param rotation θ in radians
 * @param width destination width, px
 * @param height destination height, px
 * @returns destination px → source px
 */
export function rotatedRectToSource(
	cx: number,
	cy: number,
	rectWidth: number,
	rectHeight: number,
	rotation: number,
	width: number,
	height: number
): Affine {
	const cos = Math.cos(rotation);
	const sin = Math.sin(rotation);
	const sx = rectWidth / width;
	const sy = rectHeight / height;
	// u = (x_dst - width/2) * sx along (cos, sin); v = (y_dst - height/2) * sy along (-sin, cos)
	const a = cos * sx;
	const b = -sin * sy;
	const d = sin * sx;
	const e = cos * sy;
	return [a, b, cx - a * (width / 2) - b * (height / 2), d, e, cy - d * (width / 2) - e * (height / 2)];
}

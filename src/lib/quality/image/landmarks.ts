/**
 * Face regions from the 478 MediaPipe face-mesh landmarks (indices as in MediaPipe's
 * face_mesh_connections / canonical_face_model_uv_visualization: 33/133 and 362/263 eye corners, 159/145 and
 * 386/374 upper/lower eyelids, 468–472 and 473–477 iris centre + 4 iris rim points, 61/291 mouth corners,
 * 13/14 inner lips, 10 forehead top, 152 chin, 234/454 face sides).
 * "Right"/"left" are the subject's: the subject's right eye lies on the image's left in a frontal photo.
 */
import type { Box, FaceLandmarks, Point } from '../../types';

/** Face-oval landmark ring, clockwise from the forehead top (MediaPipe FACEMESH_FACE_OVAL). */
export const FACE_OVAL = [
	10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127,
	162, 21, 54, 103, 67, 109
];

/** Landmark i as an image point. */
export function lm(l: FaceLandmarks, i: number): Point {
	return { x: l.points[i * 3], y: l.points[i * 3 + 1] };
}

const mid = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * Eye centres as the midpoints of the eye corners (as OFIQ defines them on its own landmarks: midpoints of the corner
 * pairs), image px. right: 33/133, left: 362/263.
 */
export function eyeCentres(l: FaceLandmarks): { right: Point; left: Point; mid: Point } {
	const right = mid(lm(l, 33), lm(l, 133));
	const left = mid(lm(l, 362), lm(l, 263));
	return { right, left, mid: mid(right, left) };
}

/** In-plane inter-eye distance (eye-centre to eye-centre), image px. */
export function interEye2d(l: FaceLandmarks): number {
	const e = eyeCentres(l);
	return Math.hypot(e.left.x - e.right.x, e.left.y - e.right.y);
}

/**
 * Inter-eye distance corrected for yaw, image px: the 3-D distance between the eye centres using the mesh's z
 * (relative depth, same scale as x). OFIQ (0x52) divides the 2-D distance by cos(yaw); the 3-D distance equals that
 * when the eye axis turns about the vertical.
 */
export function interEye3d(l: FaceLandmarks): number {
	const p = l.points;
	const z = (a: number, b: number) => (p[a * 3 + 2] + p[b * 3 + 2]) / 2;
	const e = eyeCentres(l);
	const dz = z(362, 263) - z(33, 133);
	return Math.hypot(e.left.x - e.right.x, e.left.y - e.right.y, dz);
}

/** Mouth centre: midpoint of the mouth corners 61/291, image px. */
export function mouthCentre(l: FaceLandmarks): Point {
	return mid(lm(l, 61), lm(l, 291));
}

/** Face-oval polygon, image px. */
export function faceOval(l: FaceLandmarks): Point[] {
	return FACE_OVAL.map((i) => lm(l, i));
}

/** Bounding box of points, image px, clamped to [0,width]×[0,height]; null when empty after clamping. */
export function boundsOf(pts: Point[], width: number, height: number, pad = 0): Box | null {
	let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
	for (const p of pts) {
		x0 = Math.min(x0, p.x); y0 = Math.min(y0, p.y); x1 = Math.max(x1, p.x); y1 = Math.max(y1, p.y);
	}
	x0 = Math.max(0, Math.floor(x0 - pad)); y0 = Math.max(0, Math.floor(y0 - pad));
	x1 = Math.min(width, Math.ceil(x1 + pad)); y1 = Math.min(height, Math.ceil(y1 + pad));
	if (x1 <= x0 || y1 <= y0) return null;
	return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * OFIQ's cheek zones (IlluminationUniformity 0x43, NaturalColour 0x4B): a square of side 0.3·IED below each eye centre
 * by half the eye-to-mouth distance (the offset follows the face's own down direction, so roll is allowed for).
 * Returns the zone centres and the side, image px.
 */
export function cheekZones(l: FaceLandmarks): { right: Point; left: Point; side: number } {
	const e = eyeCentres(l);
	const m = mouthCentre(l);
	const dx = (m.x - e.mid.x) / 2;
	const dy = (m.y - e.mid.y) / 2;
	return {
		right: { x: e.right.x + dx, y: e.right.y + dy },
		left: { x: e.left.x + dx, y: e.left.y + dy },
		side: 0.3 * interEye2d(l)
	};
}

/** Square box of `side` centred on `c`, image px (not clamped). */
export function squareAt(c: Point, side: number): Box {
	return { x: c.x - side / 2, y: c.y - side / 2, width: side, height: side };
}

/**
 * Iris circles: centre 468 / 473 and radius = mean distance to the four rim points 469–472 / 474–477, image px.
 */
export function irises(l: FaceLandmarks): { right: { c: Point; r: number }; left: { c: Point; r: number } } {
	const circle = (c: number) => {
		const cp = lm(l, c);
		let r = 0;
		for (let k = 1; k <= 4; k++) {
			const q = lm(l, c + k);
			r += Math.hypot(q.x - cp.x, q.y - cp.y);
		}
		return { c: cp, r: r / 4 };
	};
	return { right: circle(468), left: circle(473) };
}

/**
 * Horizontal spans of a polygon on row y (even-odd rule, sampled at the pixel centre y + 0.5): sorted x pairs
 * [x0, x1, x0, x1, ...] of pixel-centre crossings.
 */
export function polygonSpans(poly: Point[], y: number): number[] {
	const yc = y + 0.5;
	const xs: number[] = [];
	for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
		const a = poly[i], b = poly[j];
		if ((a.y > yc) !== (b.y > yc)) xs.push(a.x + ((yc - a.y) / (b.y - a.y)) * (b.x - a.x));
	}
	return xs.sort((p, q) => p - q);
}

/** Polygon scaled about its centroid by `k` (k < 1 shrinks it). */
export function shrinkPolygon(poly: Point[], k: number): Point[] {
	let cx = 0, cy = 0;
	for (const p of poly) { cx += p.x; cy += p.y; }
	cx /= poly.length; cy /= poly.length;
	return poly.map((p) => ({ x: cx + (p.x - cx) * k, y: cy + (p.y - cy) * k }));
}

/** Synthetic face landmarks and masks for geometry tests. */
import type { FaceLandmarks, PersonMask, Point } from '../../../src/lib/types';
import { rotateAbout } from '../../../src/lib/pipeline/geometry/affine';

export interface SyntheticFace {
	eyeCentre: Point;
	ied: number;
	/** chin y - eye y (upright face) */
	eyeToChin: number;
	/** eye y - landmark 10 y (upright face) */
	eyeToForehead: number;
	faceWidth: number;
	/** roll in degrees, positive = clockwise on screen */
	rollDeg?: number;
}

/**
 * 478 landmarks: every mesh point sits at the nose (eye centre + 0.4 * eyeToChin) except 10 (forehead top),
 * 152 (chin), 234/454 (cheek contour), 33/133/263/362 (eye corners); iris centres 468/473 on the eye line.
 * The whole set is then rotated by rollDeg about the eye centre.
 */
export function syntheticLandmarks(f: SyntheticFace): FaceLandmarks {
	const pts = new Float32Array(478 * 3);
	const { x: ex, y: ey } = f.eyeCentre;
	const set = (i: number, x: number, y: number) => {
		const p = rotateAbout({ x, y }, f.eyeCentre, f.rollDeg ?? 0);
		pts[i * 3] = p.x;
		pts[i * 3 + 1] = p.y;
		pts[i * 3 + 2] = 0;
	};
	for (let i = 0; i < 478; i++) set(i, ex, ey + 0.4 * f.eyeToChin);
	set(10, ex, ey - f.eyeToForehead);
	set(152, ex, ey + f.eyeToChin);
	set(234, ex - f.faceWidth / 2, ey + 0.2 * f.eyeToChin);
	set(454, ex + f.faceWidth / 2, ey + 0.2 * f.eyeToChin);
	set(33, ex - f.ied * 0.75, ey);
	set(133, ex - f.ied * 0.25, ey);
	set(362, ex + f.ied * 0.25, ey);
	set(263, ex + f.ied * 0.75, ey);
	set(468, ex - f.ied / 2, ey);
	set(473, ex + f.ied / 2, ey);
	return {
		points: pts,
		irisCenters: { right: { x: pts[468 * 3], y: pts[468 * 3 + 1] }, left: { x: pts[473 * 3], y: pts[473 * 3 + 1] } },
		faceFlag: 1
	};
}

/**
 * Binary person mask over the whole image: 1 inside a column of half-width `halfWidth` around x = cx from row `topY`
 * down (head + hair), and for rows >= shoulderY everywhere (body). Rotated by rollDeg about `pivot`
 * (pixel centres are tested in the un-rotated frame).
 */
export function syntheticMask(
	width: number,
	height: number,
	opts: { cx: number; topY: number; halfWidth: number; shoulderY: number; rollDeg?: number; pivot?: Point }
): PersonMask {
	const data = new Float32Array(width * height);
	const pivot = opts.pivot ?? { x: opts.cx, y: opts.topY };
	for (let j = 0; j < height; j++)
		for (let i = 0; i < width; i++) {
			const p = rotateAbout({ x: i + 0.5, y: j + 0.5 }, pivot, -(opts.rollDeg ?? 0));
			const inHead = Math.abs(p.x - opts.cx) <= opts.halfWidth && p.y >= opts.topY;
			const inBody = p.y >= opts.shoulderY;
			data[j * width + i] = inHead || inBody ? 1 : 0;
		}
	return { width, height, data, box: { x: 0, y: 0, width, height } };
}

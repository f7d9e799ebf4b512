/** Synthetic matting scene: a head disc plus a body block on a plain background, with a known soft alpha. */
import type { RgbaImage } from '../../../src/lib/types';

export interface Scene {
	w: number;
	h: number;
	image: RgbaImage;
	/** true alpha, Float32Array [h*w] */
	alpha: Float32Array;
	/** signed distance to the person outline, px (positive outside) */
	sdf: Float32Array;
	fg: [number, number, number];
	bg: [number, number, number];
	faceCentre: { x: number; y: number };
}

/** Builds the scene; `scale` multiplies every length (1 -> 400x500). */
export function makeScene(
	opts: {
		scale?: number;
		fg?: [number, number, number];
		bg?: [number, number, number];
		/** background colour per pixel (overrides `bg` in the image; `bg` stays the scene's nominal colour) */
		bgAt?: (x: number, y: number) => [number, number, number];
		ramp?: number;
		noise?: number;
	} = {}
): Scene {
	const k = opts.scale ?? 1;
	const w = Math.round(400 * k);
	const h = Math.round(500 * k);
	const fg = opts.fg ?? [70, 110, 170];
	const bg = opts.bg ?? [210, 40, 40];
	const ramp = opts.ramp ?? 3;
	const cx = 200 * k,
		cy = 180 * k,
		rad = 90 * k;
	const bodyTop = 330 * k,
		bodyHalf = 150 * k;
	const alpha = new Float32Array(w * h);
	const sdf = new Float32Array(w * h);
	const data = new Uint8ClampedArray(w * h * 4);
	let seed = 12345;
	const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff - 0.5) * 2;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const px = x + 0.5,
				py = y + 0.5;
			const dDisc = Math.hypot(px - cx, py - cy) - rad;
			// box: |x - cx| <= bodyHalf, y >= bodyTop (open at the bottom)
			const qx = Math.abs(px - cx) - bodyHalf;
			const qy = bodyTop - py;
			const dBox = qx > 0 || qy > 0 ? Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) : Math.max(qx, qy);
			const d = Math.min(dDisc, dBox);
			const a = Math.min(1, Math.max(0, 0.5 - d / ramp));
			const i = y * w + x;
			sdf[i] = d;
			alpha[i] = a;
			const b = opts.bgAt ? opts.bgAt(x, y) : bg;
			for (let c = 0; c < 3; c++) data[i * 4 + c] = Math.round(a * fg[c] + (1 - a) * b[c] + (opts.noise ?? 0) * rnd());
			data[i * 4 + 3] = 255;
		}
	return { w, h, image: { width: w, height: h, data }, alpha, sdf, fg, bg, faceCentre: { x: cx, y: cy } };
}

/** A coarse mask as a segmentation model might give it: the outline grown by `offset` px, with a soft ramp of `soft` px. */
export function coarseMask(scene: Scene, offset = 3, soft = 12): Float32Array {
	const m = new Float32Array(scene.w * scene.h);
	for (let i = 0; i < m.length; i++) m[i] = Math.min(1, Math.max(0, 0.5 - (scene.sdf[i] - offset) / soft));
	return m;
}

/**
 * Window-like background: 24 px panes of light grey-blue (200, 215, 230) with 6 px dark frames (60, 70, 80) and a
 * mid-grey mullion pattern, i.e. a textured background whose mean colour lies between its parts.
 */
export function windowBackground(x: number, y: number): [number, number, number] {
	const fx = x % 30;
	const fy = y % 30;
	if (fx < 6 || fy < 6) return [60, 70, 80];
	return (Math.floor(x / 30) + Math.floor(y / 30)) % 2 ? [200, 215, 230] : [150, 160, 175];
}

/**
 * The coarse mask with a confident bulge: beside the head between `y0` and `y1` (px), the mask reaches `by` px past the
 * head outline on both sides with value 1 (a segmentation that took background between ear and window for person).
 */
export function bulgeMask(scene: Scene, by: number, y0: number, y1: number): Float32Array {
	const m = coarseMask(scene, 0, 4);
	for (let y = y0; y < y1; y++)
		for (let x = 0; x < scene.w; x++) {
			const i = y * scene.w + x;
			if (scene.sdf[i] <= by) m[i] = 1;
		}
	return m;
}

/**
 * Hair scene: a head disc (radius 90 px, centre (200, 180)) of `fg` with 40 hair strands of width 1.5 px reaching
 * 4..30 px beyond the disc over its upper half, on a light `bg`. True alpha = coverage of disc ∪ strands (a strand
 * pixel's alpha is its coverage, ~0.75 at the strand centre), 400x500 px, body block as in makeScene.
 */
export function makeHairScene(fg: [number, number, number], bg: [number, number, number]): Scene {
	const base = makeScene({ fg, bg, ramp: 1.5 });
	const { w, h, alpha, sdf } = base;
	const data = base.image.data;
	const cx = 200,
		cy = 180,
		rad = 90;
	let seed = 777;
	const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
	for (let s = 0; s < 40; s++) {
		const ang = Math.PI * (1.05 + 0.9 * (s / 39)) + 0.02 * rnd(); // upper half (angles in (π, 2π))
		const len = 4 + 26 * rnd();
		const dx = Math.cos(ang),
			dy = Math.sin(ang);
		for (let t = -3; t <= len; t += 0.25) {
			const px = cx + (rad + t) * dx,
				py = cy + (rad + t) * dy;
			for (let y = Math.floor(py) - 1; y <= Math.floor(py) + 1; y++)
				for (let x = Math.floor(px) - 1; x <= Math.floor(px) + 1; x++) {
					if (x < 0 || y < 0 || x >= w || y >= h) continue;
					// distance from the pixel centre to the strand's axis
					const ex = x + 0.5 - cx,
						ey = y + 0.5 - cy;
					const along = ex * dx + ey * dy;
					const across = Math.abs(-ex * dy + ey * dx);
					if (along > rad + len || along < rad - 3) continue;
					const a = Math.min(0.75, Math.max(0, 0.75 * (1.25 - across)));
					const i = y * w + x;
					if (a > alpha[i]) {
						alpha[i] = a;
						sdf[i] = Math.min(sdf[i], 0);
					}
				}
		}
	}
	for (let i = 0; i < w * h; i++) for (let c = 0; c < 3; c++) data[i * 4 + c] = Math.round(alpha[i] * fg[c] + (1 - alpha[i]) * bg[c]);
	return base;
}

/** Mean absolute difference of two planes over the pixels `sel` keeps (all when omitted). */
export function mae(a: Float32Array, b: Float32Array, sel?: (i: number) => boolean): number {
	let s = 0,
		n = 0;
	for (let i = 0; i < a.length; i++)
		if (!sel || sel(i)) {
			s += Math.abs(a[i] - b[i]);
			n++;
		}
	return s / n;
}

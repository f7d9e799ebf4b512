/**
 * Where the output crop leaves the source image, and advice when a spec cannot be met from this photo.
 */
import { applyAffine } from './affine';
import type { Layout } from './layout';
import type { HeadMeasurement } from './measure-head';

/**
 * Inter-eye distance limits in SOURCE px: >= 90 px required, >= 120 px preferred (ICAO / ISO/IEC 19794-5 full frontal
 * image, as summarised in quality-measures.md section 2 "Inter-eye distance"; low-medium confidence, consistent with
 * OFIQ's InterEyeDistance mapping, 90 px -> Q73, 120 px -> Q92).
 */
export const MIN_INTER_EYE_PX = 90;
export const PREFERRED_INTER_EYE_PX = 120;

/** Roll beyond which the photo should be retaken even though it can be levelled, degrees (ISO/IEC 19794-5 roll limit +-8 deg, doubled: levelling a strongly tilted head also tilts the shoulders). */
export const RETAKE_ROLL_DEG = 16;

export interface Extension {
	/** Output px rows/columns, counted from each output edge, that are not fully inside the source. */
	top: number;
	bottom: number;
	left: number;
	right: number;
	/** Same, in source px (output px / layout.scale). */
	sourcePx: { top: number; bottom: number; left: number; right: number };
	/** True when any output pixel centre maps outside the source. */
	any: boolean;
}

/**
 * Which sides of the output fall outside the source image, and by how much.
 * An output pixel is "outside" when its centre maps outside [0, width] x [0, height] of the source. Each of the four
 * source bounds is attributed to the output side it faces: its outward normal is mapped into the output by the layout's
 * linear part and matched to the nearest output side normal (for the usual levelling rotations, source top -> output top).
 * A side's count is the deepest run, over the two end columns (rows) of that side, of consecutive output rows (columns)
 * from that edge whose centres violate that bound. So a short source cuts only the bottom, not every column.
 */
export function needsExtension(layout: Layout, sourceSize: { width: number; height: number }): Extension {
	const W = layout.outWidthPx;
	const H = layout.outHeightPx;
	const T = layout.transform;
	const src = (X: number, Y: number) => applyAffine(layout.inverse, { x: X, y: Y });
	const run = (n: number, violated: (k: number) => boolean) => {
		let k = 0;
		while (k < n && violated(k)) k++;
		return k;
	};
	type Side = 'top' | 'bottom' | 'left' | 'right';
	const sideOf = (nx: number, ny: number): Side => {
		const ox = T.a * nx + T.c * ny;
		const oy = T.b * nx + T.d * ny;
		if (Math.abs(oy) >= Math.abs(ox)) return oy < 0 ? 'top' : 'bottom';
		return ox < 0 ? 'left' : 'right';
	};
	const bounds: { side: Side; violated: (p: { x: number; y: number }) => boolean }[] = [
		{ side: sideOf(0, -1), violated: (p) => p.y < 0 },
		{ side: sideOf(0, 1), violated: (p) => p.y > sourceSize.height },
		{ side: sideOf(-1, 0), violated: (p) => p.x < 0 },
		{ side: sideOf(1, 0), violated: (p) => p.x > sourceSize.width }
	];
	const depth: Record<Side, number> = { top: 0, bottom: 0, left: 0, right: 0 };
	for (const { side, violated } of bounds) {
		let d = 0;
		if (side === 'top') for (const X of [0.5, W - 0.5]) d = Math.max(d, run(H, (k) => violated(src(X, k + 0.5))));
		else if (side === 'bottom') for (const X of [0.5, W - 0.5]) d = Math.max(d, run(H, (k) => violated(src(X, H - k - 0.5))));
		else if (side === 'left') for (const Y of [0.5, H - 0.5]) d = Math.max(d, run(W, (k) => violated(src(k + 0.5, Y))));
		else for (const Y of [0.5, H - 0.5]) d = Math.max(d, run(W, (k) => violated(src(W - k - 0.5, Y))));
		depth[side] = Math.max(depth[side], d);
	}
	const { top, bottom, left, right } = depth;
	const s = layout.scale;
	return {
		top,
		bottom,
		left,
		right,
		sourcePx: { top: top / s, bottom: bottom / s, left: left / s, right: right / s },
		any: top + bottom + left + right > 0
	};
}

/**
 * Advice for the user when the spec cannot be met well from this photo. Empty array when nothing to say.
 * Rules: output upscaled more than 1.5x; head top outside the source at the head's own column (the crown
 * cannot be invented); the crown touching the source's top edge; output sides left/right outside the source beyond
 * 5 % of the width (subject off-centre); the bottom extended by more than 25 % of the height (shoulders will be
 * synthesised by extending the clothing); |roll| above RETAKE_ROLL_DEG; layout conflicts.
 */
export function retakeAdvice(head: HeadMeasurement, layout: Layout, extension: Extension): string[] {
	// The inter-eye distance (resolution) is judged by one check only, the photo check `inter-eye-distance`
	// (src/lib/quality/image/resolution.ts), so the report shows one number for it.
	const out: string[] = [];
	if (layout.scale > 1.5)
		out.push(`The photo has to be enlarged ${layout.scale.toFixed(1)}x to reach the required size; it will look soft. Move closer or use a higher resolution.`);
	// Tested at the head's own column: a levelled (rotated) photo leaves the output's top corners outside the source
	// even when the hair is well inside it.
	const headTop = applyAffine(layout.inverse, { x: layout.predicted.eyeXPx, y: layout.predicted.headTopYPx });
	if (headTop.y < 0 || head.crownTouchesEdge)
		out.push('The top of the head is cut off or touches the top edge of the photo. Leave space above the hair.');
	const W = layout.outWidthPx;
	const H = layout.outHeightPx;
	if (extension.left > 0.05 * W || extension.right > 0.05 * W)
		out.push('The photo does not reach far enough to the side of the head. Stand in the centre of the frame and leave space on both sides.');
	if (extension.bottom > 0.25 * H)
		out.push('The shoulders are cut off in this photo; the clothing will be extended downwards. For a better result include the shoulders.');
	if (Math.abs(head.rollDeg) > RETAKE_ROLL_DEG)
		out.push(`The head is tilted by ${Math.abs(head.rollDeg).toFixed(0)} degrees. Hold the head straight.`);
	if (layout.conflicts.includes('eye-line'))
		out.push('With the required head size the eyes cannot be placed at the required height for this face.');
	else if (layout.conflicts.includes('top-margin'))
		out.push('With the required head size and eye line, the space above the head cannot be met for this face (tall hair?).');
	return out;
}

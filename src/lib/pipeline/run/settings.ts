/** Maps the UI's nudges (RenderSettings) onto the layout engine's options. */
import type { RenderSettings } from '../api';
import type { LayoutOptions, LayoutTarget } from '../geometry';

export const DEFAULT_SETTINGS: Omit<RenderSettings, 'background'> = { headScale: 0, offsetXPx: 0, offsetY: 0, dpi: 300 };

/**
 * headScale ∈ [-1, 1] moves the head-height ratio from the window's target toward its minimum (-1) or maximum (+1);
 * offsetY ∈ [-1, 1] moves the eye line from its target toward the lowest (-1) or highest (+1) allowed height.
 * Values are clamped to [-1, 1]; the layout engine clamps again to what is feasible.
 */
export function layoutOptions(target: LayoutTarget, s: Pick<RenderSettings, 'headScale' | 'offsetXPx' | 'offsetY'>): LayoutOptions {
	const clamp1 = (v: number) => Math.max(-1, Math.min(1, Number.isFinite(v) ? v : 0));
	const h = target.headHeightRatio;
	const hs = clamp1(s.headScale);
	const ratio = hs < 0 ? h.target + hs * (h.target - h.min) : h.target + hs * (h.max - h.target);
	const oy = clamp1(s.offsetY);
	let offsetY = 0;
	const e = target.eyeFromBottomRatio;
	if (e) {
		const eyeRatio = oy < 0 ? e.target + oy * (e.target - e.min) : e.target + oy * (e.max - e.target);
		// Eye line higher above the bottom edge = smaller y.
		offsetY = -(eyeRatio - e.target) * target.outHeightPx;
	} else {
		offsetY = -oy * 0.05 * target.outHeightPx;
	}
	return { headScale: ratio / h.target, offsetX: s.offsetXPx, offsetY };
}

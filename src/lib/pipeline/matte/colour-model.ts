/**
 * Local colour-model alpha estimate for the unknown band of a trimap.
 *
 * For each unknown pixel, the mean colours F̄ (definite-foreground pixels) and B̄ (definite-background pixels) inside a
 * (2R+1)^2 window are taken as the local foreground / background colours, and alpha is the projection of the pixel
 * colour onto the line between them (the compositing equation I = αF + (1-α)B solved in the least-squares sense for α
 * with F, B fixed, as in sampling-based matting, e.g. Wang & Cohen, "Image and Video Matting: A Survey", 2007, sec. 2):
 *   α = clamp(((I - B̄) · (F̄ - B̄)) / |F̄ - B̄|^2, 0, 1).
 * Where F̄ and B̄ are similar (white shirt on a white wall) the estimate is unreliable, so it is blended with the
 * coarse mask by the confidence c = d² / (d² + τ), d = |F̄ - B̄|, τ = COLOUR_CONFIDENCE_TAU.
 */
import { BoxFilter } from './box';
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND, TRIMAP_UNKNOWN } from './trimap';

/** τ = 0.1² for colours in [0,1]: confidence 1/2 at a foreground/background distance of 0.1 (25 / 255). Engineering choice. */
export const COLOUR_CONFIDENCE_TAU = 0.01;

/**
 * @param planes image R, G, B in [0,1], Float32Array [h*w] each.
 * @param trimap Uint8Array [h*w] (0 / 128 / 255).
 * @param coarse Float32Array [h*w], the coarse mask (fallback where colours do not separate).
 * @param R window half-size in px; should be at least twice the band half-width so every band pixel sees both sides.
 * @returns Float32Array [h*w]: the estimate in the band, 0 / 1 elsewhere.
 */
export function colourModelAlpha(
	planes: [Float32Array, Float32Array, Float32Array],
	trimap: Uint8Array,
	coarse: Float32Array,
	w: number,
	h: number,
	R: number,
	tau = COLOUR_CONFIDENCE_TAU
): Float32Array {
	const n = w * h;
	const box = new BoxFilter(w, h, R);
	const ind = new Float32Array(n);
	const tmp = new Float32Array(n);
	const sums = (code: number) => {
		for (let i = 0; i < n; i++) ind[i] = trimap[i] === code ? 1 : 0;
		const count = box.sum(ind);
		const col = planes.map((pl) => {
			for (let i = 0; i < n; i++) tmp[i] = ind[i] * pl[i];
			return box.sum(tmp);
		});
		return { count, col };
	};
	const fg = sums(TRIMAP_FOREGROUND);
	const bg = sums(TRIMAP_BACKGROUND);
	const out = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		const t = trimap[i];
		if (t !== TRIMAP_UNKNOWN) {
			out[i] = t === TRIMAP_FOREGROUND ? 1 : 0;
			continue;
		}
		const nf = fg.count[i];
		const nb = bg.count[i];
		const cm = Math.min(1, Math.max(0, coarse[i]));
		if (nf < 0.5 || nb < 0.5) {
			out[i] = cm;
			continue;
		}
		let dot = 0,
			dd = 0;
		for (let c = 0; c < 3; c++) {
			const F = fg.col[c][i] / nf;
			const B = bg.col[c][i] / nb;
			const d = F - B;
			dot += (planes[c][i] - B) * d;
			dd += d * d;
		}
		const a = dd > 1e-12 ? Math.min(1, Math.max(0, dot / dd)) : cm;
		const conf = dd / (dd + tau);
		out[i] = conf * a + (1 - conf) * cm;
	}
	return out;
}

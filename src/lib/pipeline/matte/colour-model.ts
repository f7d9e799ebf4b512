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
import { boxFilter, type BoxFilter } from './box';
import { scratch } from '../../memory/scratch';
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND, TRIMAP_UNKNOWN } from './trimap';

/** τ = 0.1² for colours in [0,1]: confidence 1/2 at a foreground/background distance of 0.1 (25 / 255). Engineering choice. */
export const COLOUR_CONFIDENCE_TAU = 0.01;

/**
 * @param planes image R, G, B in [0,1], Float32Array [h*w] each.
 * @param trimap Uint8Array [h*w] (0 / 128 / 255).
 * @param coarse Float32Array [h*w], the coarse mask (fallback where colours do not separate).
 * @param R window half-size in px; should be at least twice the band half-width so every band pixel sees both sides.
 * @returns Float32Array [h*w]: the estimate in the band, 0 / 1 elsewhere; scratch memory (memory/scratch.ts): the caller may
 *   give it back.
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
	// Window sums are computed on a grid of s x s blocks (s = clamp(floor(R / 8), 1, 4)) with radius round(R / s) blocks
	// and read back bilinearly: the windows are large, so block granularity changes the means very little.
	const s = Math.max(1, Math.min(4, Math.floor(R / 8)));
	const sw = Math.ceil(w / s);
	const sh = Math.ceil(h / s);
	const sn = sw * sh;
	const box = boxFilter(sw, sh, Math.max(1, Math.round(R / s)));
	const fgS = blockSums(trimap, TRIMAP_FOREGROUND, planes, w, h, s, sw, sn, box);
	const bgS = blockSums(trimap, TRIMAP_BACKGROUND, planes, w, h, s, sw, sn, box);
	const out = scratch.f32(n);
	modelAlpha(planes[0], planes[1], planes[2], trimap, coarse, w, fgS, bgS, { s, sw, sh }, tau, out);
	scratch.give(fgS.count, fgS.c0, fgS.c1, fgS.c2, bgS.count, bgS.c0, bgS.c1, bgS.c2);
	return out;
}

// The loops are small functions of their own, so that V8 compiles each once (see refine.ts).

/** Window sums (blocks of s px, box-filtered) of the pixel count and colours of the pixels with trimap code `code`. */
interface BlockSums {
	count: Float32Array;
	c0: Float32Array;
	c1: Float32Array;
	c2: Float32Array;
}

interface BlockGrid {
	s: number;
	sw: number;
	sh: number;
}

function blockSums(trimap: Uint8Array, code: number, planes: [Float32Array, Float32Array, Float32Array], w: number, h: number, s: number, sw: number, sn: number, box: BoxFilter): BlockSums {
	// block sums and their window sums in scratch memory (memory/scratch.ts): the block sums go back here, the window
	// sums in colourModelAlpha
	const count = scratch.f32(sn);
	const c0 = scratch.f32(sn);
	const c1 = scratch.f32(sn);
	const c2 = scratch.f32(sn);
	const P0 = planes[0];
	const P1 = planes[1];
	const P2 = planes[2];
	for (let y = 0; y < h; y++) {
		const row = Math.floor(y / s) * sw;
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			if (trimap[i] !== code) continue;
			const j = row + Math.floor(x / s);
			count[j]++;
			c0[j] += P0[i];
			c1[j] += P1[i];
			c2[j] += P2[i];
		}
	}
	const sums = { count: box.sum(count, scratch.f32(sn)), c0: box.sum(c0, scratch.f32(sn)), c1: box.sum(c1, scratch.f32(sn)), c2: box.sum(c2, scratch.f32(sn)) };
	scratch.give(count, c0, c1, c2);
	return sums;
}

/** Bilinear read of a block plane at full-resolution pixel (x, y). */
function sample(plane: Float32Array, x: number, y: number, g: BlockGrid): number {
	const { s, sw, sh } = g;
	let u = (x + 0.5) / s - 0.5;
	let v = (y + 0.5) / s - 0.5;
	u = u < 0 ? 0 : u > sw - 1 ? sw - 1 : u;
	v = v < 0 ? 0 : v > sh - 1 ? sh - 1 : v;
	const x0 = Math.floor(u);
	const y0 = Math.floor(v);
	const x1 = Math.min(sw - 1, x0 + 1);
	const y1 = Math.min(sh - 1, y0 + 1);
	const fx = u - x0;
	const fy = v - y0;
	return (plane[y0 * sw + x0] * (1 - fx) + plane[y0 * sw + x1] * fx) * (1 - fy) + (plane[y1 * sw + x0] * (1 - fx) + plane[y1 * sw + x1] * fx) * fy;
}

function modelAlpha(
	I0: Float32Array,
	I1: Float32Array,
	I2: Float32Array,
	trimap: Uint8Array,
	coarse: Float32Array,
	w: number,
	fgS: BlockSums,
	bgS: BlockSums,
	g: BlockGrid,
	tau: number,
	out: Float32Array
): void {
	for (let i = 0; i < out.length; i++) {
		const t = trimap[i];
		if (t !== TRIMAP_UNKNOWN) {
			out[i] = t === TRIMAP_FOREGROUND ? 1 : 0;
			continue;
		}
		const x = i % w;
		const y = (i - x) / w;
		const nf = sample(fgS.count, x, y, g);
		const nb = sample(bgS.count, x, y, g);
		const cm = Math.min(1, Math.max(0, coarse[i]));
		if (nf < 0.5 || nb < 0.5) {
			out[i] = cm;
			continue;
		}
		const F0 = sample(fgS.c0, x, y, g) / nf;
		const B0 = sample(bgS.c0, x, y, g) / nb;
		const F1 = sample(fgS.c1, x, y, g) / nf;
		const B1 = sample(bgS.c1, x, y, g) / nb;
		const F2 = sample(fgS.c2, x, y, g) / nf;
		const B2 = sample(bgS.c2, x, y, g) / nb;
		const d0 = F0 - B0;
		const d1 = F1 - B1;
		const d2 = F2 - B2;
		let dot = 0,
			dd = 0;
		dot += (I0[i] - B0) * d0;
		dd += d0 * d0;
		dot += (I1[i] - B1) * d1;
		dd += d1 * d1;
		dot += (I2[i] - B2) * d2;
		dd += d2 * d2;
		const a = dd > 1e-12 ? Math.min(1, Math.max(0, dot / dd)) : cm;
		const conf = dd / (dd + tau);
		out[i] = conf * a + (1 - conf) * cm;
	}
}

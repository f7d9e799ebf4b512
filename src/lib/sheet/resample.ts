/**
 * Separable RGBA resampling for placing the photo into a sheet cell: area averaging (box
 * filter with fractional pixel coverage) when shrinking, bilinear when enlarging. Works on
 * premultiplied alpha so transparent pixels do not bleed colour.
 */
import type { RgbaImage } from '../types';

interface Taps {
	start: Int32Array;
	count: Int32Array;
	weights: Float32Array[];
}

function taps(inN: number, outN: number): Taps {
	const s = inN / outN;
	const start = new Int32Array(outN);
	const count = new Int32Array(outN);
	const weights: Float32Array[] = [];
	for (let o = 0; o < outN; o++) {
		if (s >= 1) {
			const a = o * s;
			const b = Math.min(inN, (o + 1) * s);
			const i0 = Math.floor(a);
			const i1 = Math.min(inN, Math.ceil(b));
			const w = new Float32Array(i1 - i0);
			for (let i = i0; i < i1; i++) w[i - i0] = (Math.min(b, i + 1) - Math.max(a, i)) / (b - a);
			start[o] = i0;
			count[o] = i1 - i0;
			weights.push(w);
		} else {
			const c = Math.min(inN - 1, Math.max(0, (o + 0.5) * s - 0.5));
			const i0 = Math.min(inN - 1, Math.floor(c));
			const t = c - i0;
			const i1 = Math.min(inN - 1, i0 + 1);
			start[o] = i0;
			count[o] = i1 === i0 ? 1 : 2;
			weights.push(i1 === i0 ? Float32Array.of(1) : Float32Array.of(1 - t, t));
		}
	}
	return { start, count, weights };
}

/** Resamples `image` to outW×outH px (RGBA, straight alpha in and out). Returns a copy when the size is unchanged. */
export function resampleRgba(image: RgbaImage, outW: number, outH: number): RgbaImage {
	const { width: w, height: h, data } = image;
	if (outW === w && outH === h) return { width: w, height: h, data: new Uint8ClampedArray(data) };
	const pre = new Float32Array(w * h * 4);
	for (let i = 0; i < w * h * 4; i += 4) {
		const a = data[i + 3] / 255;
		pre[i] = data[i] * a;
		pre[i + 1] = data[i + 1] * a;
		pre[i + 2] = data[i + 2] * a;
		pre[i + 3] = data[i + 3];
	}
	const tx = taps(w, outW);
	const mid = new Float32Array(outW * h * 4);
	for (let y = 0; y < h; y++) {
		for (let o = 0; o < outW; o++) {
			const wts = tx.weights[o];
			let r = 0, g = 0, b = 0, a = 0;
			for (let k = 0; k < tx.count[o]; k++) {
				const s = (y * w + tx.start[o] + k) * 4;
				const wt = wts[k];
				r += pre[s] * wt;
				g += pre[s + 1] * wt;
				b += pre[s + 2] * wt;
				a += pre[s + 3] * wt;
			}
			const d = (y * outW + o) * 4;
			mid[d] = r;
			mid[d + 1] = g;
			mid[d + 2] = b;
			mid[d + 3] = a;
		}
	}
	const ty = taps(h, outH);
	const out = new Uint8ClampedArray(outW * outH * 4);
	for (let o = 0; o < outH; o++) {
		const wts = ty.weights[o];
		for (let x = 0; x < outW; x++) {
			let r = 0, g = 0, b = 0, a = 0;
			for (let k = 0; k < ty.count[o]; k++) {
				const s = ((ty.start[o] + k) * outW + x) * 4;
				const wt = wts[k];
				r += mid[s] * wt;
				g += mid[s + 1] * wt;
				b += mid[s + 2] * wt;
				a += mid[s + 3] * wt;
			}
			const d = (o * outW + x) * 4;
			const k = a > 0 ? 255 / a : 0;
			out[d] = Math.round(r * k);
			out[d + 1] = Math.round(g * k);
			out[d + 2] = Math.round(b * k);
			out[d + 3] = Math.round(a);
		}
	}
	return { width: outW, height: outH, data: out };
}

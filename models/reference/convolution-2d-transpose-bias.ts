/**
 * Reference implementation of MediaPipe's Convolution2DTransposeBias kernel
 * (mediapipe/util/tflite/operations/transpose_conv_bias.cc): a transposed convolution
 * whose output starts at the bias, scattering each input pixel through the filter.
 */
import type { TransposeConvBiasOptions } from '../converter/custom-options.ts';

/**
 * @param input Float32Array [1, H, W, Cin] NHWC
 * @param filter Float32Array [Cout, KH, KW, Cin] (OHWI)
 * @param bias Float32Array [Cout]
 * @returns { data: Float32Array [1, outH, outW, Cout] NHWC, outH, outW } with
 *   out = stride·(in − 1) + k − padTotal, padTotal = max(0, k − (in − 1) % stride − 1) for SAME, 0 for VALID.
 */
export function convolution2DTransposeBiasRef(
	input: Float32Array,
	h: number,
	w: number,
	cin: number,
	filter: Float32Array,
	cout: number,
	kh: number,
	kw: number,
	bias: Float32Array,
	o: TransposeConvBiasOptions
): { data: Float32Array; outH: number; outW: number } {
	const padH = o.padding === 'SAME' ? Math.max(0, kh - ((h - 1) % o.strideH) - 1) : 0;
	const padW = o.padding === 'SAME' ? Math.max(0, kw - ((w - 1) % o.strideW) - 1) : 0;
	const outH = o.strideH * (h - 1) + kh - padH;
	const outW = o.strideW * (w - 1) + kw - padW;
	const pt = Math.floor(padH / 2);
	const pl = Math.floor(padW / 2);
	const out = new Float32Array(outH * outW * cout);
	for (let p = 0; p < outH * outW; p++) for (let oc = 0; oc < cout; oc++) out[p * cout + oc] = bias[oc];
	for (let iy = 0; iy < h; iy++)
		for (let ix = 0; ix < w; ix++)
			for (let ic = 0; ic < cin; ic++) {
				const v = input[(iy * w + ix) * cin + ic];
				for (let fy = 0; fy < kh; fy++)
					for (let fx = 0; fx < kw; fx++) {
						const oy = iy * o.strideH - pt + fy;
						const ox = ix * o.strideW - pl + fx;
						if (oy < 0 || oy >= outH || ox < 0 || ox >= outW) continue;
						for (let oc = 0; oc < cout; oc++) out[(oy * outW + ox) * cout + oc] += v * filter[((oc * kh + fy) * kw + fx) * cin + ic];
					}
			}
	return { data: out, outH, outW };
}

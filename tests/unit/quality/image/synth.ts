/** Synthetic defects of known size applied to an RGBA image (test helpers; every function returns a new image). */
import type { RgbaImage } from '$lib/types';
import { labToSrgb, srgbToLab } from '$lib/quality/color';
import { SRGB_TO_LINEAR, linearToSrgb } from '$lib/quality/color';

export const cloneImage = (im: RgbaImage): RgbaImage => ({ width: im.width, height: im.height, data: new Uint8ClampedArray(im.data) });

/** 1-D normalised Gaussian kernel of standard deviation sigma px, radius ceil(3σ). */
function gaussKernel(sigma: number): Float32Array {
	const r = Math.max(1, Math.ceil(3 * sigma));
	const k = new Float32Array(2 * r + 1);
	let s = 0;
	for (let i = -r; i <= r; i++) s += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
	return k.map((v) => v / s);
}

/** Separable convolution of every RGB channel with kernels kx (along x) and ky (along y), edges clamped. */
function convolve(im: RgbaImage, kx: Float32Array, ky: Float32Array): RgbaImage {
	const { width: W, height: H, data } = im;
	const tmp = new Float32Array(W * H * 3);
	const rx = (kx.length - 1) / 2, ry = (ky.length - 1) / 2;
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++)
			for (let c = 0; c < 3; c++) {
				let s = 0;
				for (let i = -rx; i <= rx; i++) s += kx[i + rx] * data[(y * W + Math.min(W - 1, Math.max(0, x + i))) * 4 + c];
				tmp[(y * W + x) * 3 + c] = s;
			}
	const out = cloneImage(im);
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++)
			for (let c = 0; c < 3; c++) {
				let s = 0;
				for (let i = -ry; i <= ry; i++) s += ky[i + ry] * tmp[(Math.min(H - 1, Math.max(0, y + i)) * W + x) * 3 + c];
				out.data[(y * W + x) * 4 + c] = s;
			}
	return out;
}

/** Gaussian blur of standard deviation sigma image px. */
export function gaussianBlur(im: RgbaImage, sigma: number): RgbaImage {
	const k = gaussKernel(sigma);
	return convolve(im, k, k);
}

/** Horizontal motion blur: box average over `length` px along x (odd length). */
export function motionBlurX(im: RgbaImage, length: number): RgbaImage {
	const n = length | 1;
	return convolve(im, new Float32Array(n).fill(1 / n), new Float32Array([1]));
}

/** Vertical motion blur: box average over `length` px along y (odd length). */
export function motionBlurY(im: RgbaImage, length: number): RgbaImage {
	const n = length | 1;
	return convolve(im, new Float32Array([1]), new Float32Array(n).fill(1 / n));
}

/** Exposure change of `stops` EV: linear light × 2^stops, clipped, back to sRGB. */
export function exposureShift(im: RgbaImage, stops: number): RgbaImage {
	const g = Math.pow(2, stops);
	const out = cloneImage(im);
	const lut = new Uint8ClampedArray(256);
	for (let i = 0; i < 256; i++) lut[i] = Math.round(linearToSrgb(SRGB_TO_LINEAR[i] * g));
	for (let i = 0; i < out.data.length; i += 4) for (let c = 0; c < 3; c++) out.data[i + c] = lut[out.data[i + c]];
	return out;
}

/** Adds (da, db) to every pixel's a* and b* (CIELAB D65), keeping L*. */
export function labCast(im: RgbaImage, da: number, db: number): RgbaImage {
	const out = cloneImage(im);
	for (let i = 0; i < out.data.length; i += 4) {
		const lab = srgbToLab(out.data[i], out.data[i + 1], out.data[i + 2]);
		const c = labToSrgb({ L: lab.L, a: lab.a + da, b: lab.b + db });
		out.data[i] = c.r; out.data[i + 1] = c.g; out.data[i + 2] = c.b;
	}
	return out;
}

/** Greyscale copy: every channel = round(BT.709 luma of the sRGB codes). */
export function greyscale(im: RgbaImage): RgbaImage {
	const out = cloneImage(im);
	for (let i = 0; i < out.data.length; i += 4) {
		const y = Math.round(0.2126 * out.data[i] + 0.7152 * out.data[i + 1] + 0.0722 * out.data[i + 2]);
		out.data[i] = out.data[i + 1] = out.data[i + 2] = y;
	}
	return out;
}

/** Paints a filled disc of colour (r, g, b) centred at (cx, cy) with radius r px. */
export function paintDisc(im: RgbaImage, cx: number, cy: number, radius: number, rgb: [number, number, number]): RgbaImage {
	const out = cloneImage(im);
	for (let y = Math.max(0, Math.floor(cy - radius)); y <= Math.min(im.height - 1, Math.ceil(cy + radius)); y++)
		for (let x = Math.max(0, Math.floor(cx - radius)); x <= Math.min(im.width - 1, Math.ceil(cx + radius)); x++) {
			if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > radius * radius) continue;
			const o = (y * im.width + x) * 4;
			out.data[o] = rgb[0]; out.data[o + 1] = rgb[1]; out.data[o + 2] = rgb[2];
		}
	return out;
}

/** Multiplies linear light by `gain` on every pixel left of column x0 (a side light of known contrast). */
export function gainLeftOf(im: RgbaImage, x0: number, gain: number): RgbaImage {
	const out = cloneImage(im);
	const lut = new Uint8ClampedArray(256);
	for (let i = 0; i < 256; i++) lut[i] = Math.round(linearToSrgb(SRGB_TO_LINEAR[i] * gain));
	for (let y = 0; y < im.height; y++)
		for (let x = 0; x < Math.min(im.width, Math.floor(x0)); x++) {
			const o = (y * im.width + x) * 4;
			for (let c = 0; c < 3; c++) out.data[o + c] = lut[out.data[o + c]];
		}
	return out;
}

/** Adds zero-mean Gaussian noise of standard deviation `sigma` (8-bit levels) to each RGB channel; deterministic (LCG seed). */
export function addNoise(im: RgbaImage, sigma: number, seed = 1): RgbaImage {
	let s = seed;
	const rnd = () => {
		s = (s * 1103515245 + 12345) & 0x7fffffff;
		return s / 0x7fffffff;
	};
	const out = cloneImage(im);
	for (let i = 0; i < out.data.length; i += 4)
		for (let c = 0; c < 3; c++) {
			let u = 0;
			while (u === 0) u = rnd();
			out.data[i + c] = out.data[i + c] + sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
		}
	return out;
}

/**
 * Fake-camera video for Chromium's `--use-file-for-fake-video-capture=<file>.y4m` (used by
 * tests/browser/e2e/camera.spec.ts and bench/camera.ts): a portrait placed, scaled and rolled in a video frame,
 * converted to raw I420 and wrapped in a YUV4MPEG2 stream. Pure functions over RGBA buffers plus one
 * Node helper that measures the portrait with the project's own inference (models/onnx).
 */
import type { RgbaImage, Point } from '../../../src/lib/types';

/** Where to put the portrait: its eye centre `from` (portrait px) lands at `to` (frame px), scaled, rolled clockwise. */
export interface Placement {
	from: Point;
	to: Point;
	scale: number;
	rollDeg: number;
}

/**
 * Renders `src` into a `width` x `height` frame: frame px q shows portrait px from + R(-roll)(q - to) / scale
 * (bilinear), and `background` grey outside the portrait. Returns RGBA.
 */
export function placePortrait(src: RgbaImage, width: number, height: number, p: Placement, background = 128): RgbaImage {
	const out = new Uint8ClampedArray(width * height * 4);
	const a = (-p.rollDeg * Math.PI) / 180;
	const c = Math.cos(a) / p.scale;
	const s = Math.sin(a) / p.scale;
	const d = src.data;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			const dx = x + 0.5 - p.to.x;
			const dy = y + 0.5 - p.to.y;
			const u = p.from.x + dx * c - dy * s - 0.5;
			const v = p.from.y + dx * s + dy * c - 0.5;
			const o = (y * width + x) * 4;
			out[o + 3] = 255;
			if (u < 0 || v < 0 || u > src.width - 1 || v > src.height - 1) {
				out[o] = out[o + 1] = out[o + 2] = background;
				continue;
			}
			const x0 = Math.floor(u);
			const y0 = Math.floor(v);
			const x1 = Math.min(src.width - 1, x0 + 1);
			const y1 = Math.min(src.height - 1, y0 + 1);
			const fx = u - x0;
			const fy = v - y0;
			for (let ch = 0; ch < 3; ch++) {
				const top = d[(y0 * src.width + x0) * 4 + ch] * (1 - fx) + d[(y0 * src.width + x1) * 4 + ch] * fx;
				const bot = d[(y1 * src.width + x0) * 4 + ch] * (1 - fx) + d[(y1 * src.width + x1) * 4 + ch] * fx;
				out[o + ch] = top * (1 - fy) + bot * fy;
			}
		}
	}
	return { width, height, data: out };
}

/**
 * RGBA → planar I420 (Y, then U = Cb, then V = Cr at half resolution, 2x2 averages), ITU-R BT.601 limited range
 * ("studio swing": Y 16-235, Cb/Cr 16-240), the matrix Chromium assumes for capture frames without colour metadata.
 * @throws RangeError for odd sizes.
 */
export function rgbaToI420(img: RgbaImage): Uint8Array {
	const { width: w, height: h, data } = img;
	if (w % 2 || h % 2) throw new RangeError(`rgbaToI420: width and height must be even, got ${w}x${h}`);
	const out = new Uint8Array((w * h * 3) / 2);
	const cw = w / 2;
	const uOff = w * h;
	const vOff = uOff + (w * h) / 4;
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const i = (y * w + x) * 4;
			out[y * w + x] = Math.round(16 + (65.481 * data[i] + 128.553 * data[i + 1] + 24.966 * data[i + 2]) / 255);
		}
	for (let y = 0; y < h / 2; y++)
		for (let x = 0; x < cw; x++) {
			let r = 0;
			let g = 0;
			let b = 0;
			for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) {
				const i = ((2 * y + dy) * w + 2 * x + dx) * 4;
				r += data[i] / 4;
				g += data[i + 1] / 4;
				b += data[i + 2] / 4;
			}
			out[uOff + y * cw + x] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
			out[vOff + y * cw + x] = Math.round(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
		}
	return out;
}

/**
 * A YUV4MPEG2 stream: header "YUV4MPEG2 W<w> H<h> F<fps>:1 Ip A1:1 C420jpeg", then `frames` times "FRAME\n" + the I420
 * bytes of `img` (Chromium's file capture device loops the file).
 */
export function y4m(img: RgbaImage, frames = 2, fps = 30): Uint8Array {
	const header = new TextEncoder().encode(`YUV4MPEG2 W${img.width} H${img.height} F${fps}:1 Ip A1:1 C420jpeg\n`);
	const frameHeader = new TextEncoder().encode('FRAME\n');
	const yuv = rgbaToI420(img);
	const out = new Uint8Array(header.length + frames * (frameHeader.length + yuv.length));
	out.set(header, 0);
	let o = header.length;
	for (let f = 0; f < frames; f++) {
		out.set(frameHeader, o);
		out.set(yuv, o + frameHeader.length);
		o += frameHeader.length + yuv.length;
	}
	return out;
}

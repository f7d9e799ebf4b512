import type { RgbaImage } from '../../types';
import { type Affine, applyAffine } from '../math/affine';
import { scratch } from '../../memory/scratch';

/** How samples outside the source image are filled. */
export type BorderMode = 'zero' | 'replicate' | 'white';

export interface WarpOptions {
	/** Output value range: 8-bit 0 maps to `range[0]`, 255 to `range[1]`. */
	range: readonly [number, number];
	/**
	 * 'zero': black (8-bit 0) outside the image, as MediaPipe's ImageToTensorCalculator BORDER_ZERO;
	 * 'replicate': nearest edge pixel, as BORDER_REPLICATE;
	 * 'white': 8-bit 255 outside the image (a plain wall beyond a photo's edge; segmentPerson's portrait crops).
	 */
	border: BorderMode;
	/** Optional output buffer of length `width*height*3`, reused to avoid allocation. */
	out?: Float32Array;
	/**
	 * Optional cache of block-averaged source regions, shared by warps of the same unchanged image
	 * (the detector samples one region in four orientations). Use one Map per image and call.
	 */
	cache?: Map<string, Downsampled>;
}

/**
 * Samples an affine-warped region of an RGBA image into a float tensor.
 *
 * Output: Float32Array [height, width, 3] (NHWC without the batch axis), RGB, values mapped
 * linearly from 8-bit [0,255] to `options.range`. Alpha is ignored.
 *
 * Convention: pixel (i, j) of the output has its centre at (i+0.5, j+0.5) in output px;
 * `dstToSrc` maps that point to continuous source px (source pixel centres also at +0.5), where the
 * source is sampled bilinearly. When the warp shrinks the source by a factor ≥ 2 (e.g. a 4000 px
 * photo into a 128 px tensor) the covered source region is first box-averaged by the integer part of
 * that factor, so the bilinear samples do not alias (MediaPipe's OpenCV path uses plain INTER_LINEAR;
 * this is a deliberate quality improvement, within a fraction of a pixel of it for small factors).
 *
 * @param image RGBA source
 * @param dstToSrc output px → source px
 * @param width output width, px
 * @param height output height, px
 * @throws Error if `options.out` has the wrong length.
 */
export function warpToTensor(
	image: RgbaImage,
	dstToSrc: Affine,
	width: number,
	height: number,
	options: WarpOptions
): Float32Array {
	const n = width * height * 3;
	const out = options.out ?? new Float32Array(n);
	if (out.length !== n) throw new Error(`warpToTensor: out has length ${out.length}, need ${n}`);

	// Source px per output px along each output axis.
	const scaleX = Math.hypot(dstToSrc[0], dstToSrc[3]);
	const scaleY = Math.hypot(dstToSrc[1], dstToSrc[4]);
	const factor = Math.floor(Math.min(scaleX, scaleY));

	let src = { width: image.width, height: image.height, data: image.data as ArrayLike<number>, x0: 0, y0: 0, k: 1 };
	let blocks: Downsampled | null = null;
	if (factor >= 2) src = blocks = boxDownsampleRegion(image, dstToSrc, width, height, factor, options.cache);

	const [lo, hi] = options.range;
	const scale = (hi - lo) / 255;
	const { width: sw, height: sh, data, x0, y0, k } = src;
	const replicate = options.border === 'replicate';
	// bilinear taps outside the image read this 8-bit value unless the border replicates ('zero': 0, 'white': 255)
	const fill = options.border === 'white' ? 255 : 0;
	const [a, b, c, d, e, f] = dstToSrc;

	let o = 0;
	for (let j = 0; j < height; j++) {
		const yc = j + 0.5;
		for (let i = 0; i < width; i++) {
			const xc = i + 0.5;
			// Source px, then into the (possibly downsampled) buffer's index space (centres at integers).
			const fx = (a * xc + b * yc + c - x0) / k - 0.5;
			const fy = (d * xc + e * yc + f - y0) / k - 0.5;
			const ix = Math.floor(fx);
			const iy = Math.floor(fy);
			const tx = fx - ix;
			const ty = fy - iy;
			if (ix >= 0 && iy >= 0 && ix + 1 < sw && iy + 1 < sh) {
				// All four taps inside (most px): the loop below without its border tests, same products and sums in the
				// same order (a zero-weight tap it skips adds +0 here), so the same float values.
				const w0 = (1 - tx) * (1 - ty);
				const w1 = tx * (1 - ty);
				const w2 = (1 - tx) * ty;
				const w3 = tx * ty;
				const p0 = (iy * sw + ix) * 4;
				const p2 = p0 + sw * 4;
				out[o++] = lo + (w0 * data[p0] + w1 * data[p0 + 4] + w2 * data[p2] + w3 * data[p2 + 4]) * scale;
				out[o++] = lo + (w0 * data[p0 + 1] + w1 * data[p0 + 5] + w2 * data[p2 + 1] + w3 * data[p2 + 5]) * scale;
				out[o++] = lo + (w0 * data[p0 + 2] + w1 * data[p0 + 6] + w2 * data[p2 + 2] + w3 * data[p2 + 6]) * scale;
				continue;
			}
			let r = 0;
			let g = 0;
			let bl = 0;
			for (let q = 0; q < 4; q++) {
				let px = ix + (q & 1);
				let py = iy + (q >> 1);
				const w = ((q & 1) ? tx : 1 - tx) * ((q >> 1) ? ty : 1 - ty);
				if (w === 0) continue;
				if (px < 0 || py < 0 || px >= sw || py >= sh) {
					if (!replicate) {
						r += w * fill;
						g += w * fill;
						bl += w * fill;
						continue;
					}
					px = px < 0 ? 0 : px >= sw ? sw - 1 : px;
					py = py < 0 ? 0 : py >= sh ? sh - 1 : py;
				}
				const p = (py * sw + px) * 4;
				r += w * data[p];
				g += w * data[p + 1];
				bl += w * data[p + 2];
			}
			out[o++] = lo + r * scale;
			out[o++] = lo + g * scale;
			out[o++] = lo + bl * scale;
		}
	}
	// block averages made for this call alone go back to the scratch pool (a cache's owner gives its own: giveDownsampled)
	if (blocks && !options.cache) scratch.give(blocks.data);
	return out;
}

/** Gives the block averages held by a WarpOptions.cache back to the scratch pool and empties the cache. */
export function giveDownsampled(cache: Map<string, Downsampled>): void {
	for (const d of cache.values()) scratch.give(d.data);
	cache.clear();
}

/**
 * Box-averages (k x k blocks) the part of `image` that the warp can touch, so that sampling
 * it is equivalent to sampling an image k times smaller. Blocks are aligned to multiples of k in
 * source px; partial blocks at the image edge average only the pixels that exist.
 * Returns RGBA floats with the origin (x0, y0) of the buffer in source px and the factor k.
 */
function boxDownsampleRegion(
	image: RgbaImage,
	dstToSrc: Affine,
	width: number,
	height: number,
	k: number,
	cache?: Map<string, Downsampled>
): Downsampled {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (const [x, y] of [
		[0, 0],
		[width, 0],
		[0, height],
		[width, height]
	]) {
		const p = applyAffine(dstToSrc, x, y);
		minX = Math.min(minX, p.x);
		minY = Math.min(minY, p.y);
		maxX = Math.max(maxX, p.x);
		maxY = Math.max(maxY, p.y);
	}
	// Region aligned to the block grid, one block of margin for the bilinear taps; clamped to the image.
	const bx0 = Math.max(0, Math.floor(minX / k) - 1);
	const by0 = Math.max(0, Math.floor(minY / k) - 1);
	const bx1 = Math.min(Math.ceil(image.width / k), Math.ceil(maxX / k) + 1);
	const by1 = Math.min(Math.ceil(image.height / k), Math.ceil(maxY / k) + 1);
	const bw = Math.max(1, bx1 - bx0);
	const bh = Math.max(1, by1 - by0);
	// The detector samples the same region in four orientations: reuse the last few block buffers.
	const key = `${k}:${bx0},${by0},${bw},${bh}`;
	const hit = cache?.get(key);
	if (hit) return hit;
	// zero-filled scratch memory (the row-major pass adds into it): see memory/scratch.ts for why it is not a new array
	const data = scratch.f32(bw * bh * 4);
	const { data: src, width: W, height: H } = image;
	const xStart = bx0 * k;
	// One 32-bit load per pixel where the buffer is 4-byte aligned and the platform little-endian (RGBA = bytes 0..3).
	const px32 = LITTLE_ENDIAN && src.byteOffset % 4 === 0 ? new Uint32Array(src.buffer, src.byteOffset, src.length >> 2) : null;
	if (px32 && k <= BLOCK_MAJOR_MAX_K) {
		boxAverageBlockMajor(px32, W, H, bx0, by0, bw, bh, k, data);
		const result = { width: bw, height: bh, data, x0: bx0 * k, y0: by0 * k, k };
		cache?.set(key, result);
		return result;
	}
	// Row-major pass (contiguous reads): each source row adds its block sums into the block row, which is
	// divided by the block areas once its last source row is in.
	for (let by = 0; by < bh; by++) {
		const ys = (by0 + by) * k;
		const ye = Math.min(H, ys + k);
		const rowBase = by * bw * 4;
		for (let y = ys; y < ye; y++) {
			let p = y * W + xStart;
			let o = rowBase;
			for (let bx = 0, xs = xStart; bx < bw; bx++, xs += k, o += 4) {
				const xe = Math.min(W, xs + k);
				let r = 0;
				let g = 0;
				let b = 0;
				if (px32 && k <= PACKED_RUN_MAX_PX) {
					// packed as in boxAverageBlockMajor, over one row of the block (at most PACKED_RUN_MAX_PX px)
					let rb = 0;
					let g8 = 0;
					for (let x = xs; x < xe; x++, p++) {
						const v = px32[p];
						rb += v & 0xff00ff;
						g8 += v & 0xff00;
					}
					r = rb & 0xffff;
					g = g8 / 256;
					b = rb >>> 16;
				} else if (px32) {
					for (let x = xs; x < xe; x++, p++) {
						const v = px32[p];
						r += v & 255;
						g += (v >>> 8) & 255;
						b += (v >>> 16) & 255;
					}
				} else {
					for (let x = xs; x < xe; x++, p++) {
						r += src[4 * p];
						g += src[4 * p + 1];
						b += src[4 * p + 2];
					}
				}
				data[o] += r;
				data[o + 1] += g;
				data[o + 2] += b;
			}
		}
		const rows = ye - ys;
		for (let bx = 0, xs = xStart, o = rowBase; bx < bw; bx++, xs += k, o += 4) {
			const cnt = rows * Math.max(0, Math.min(W, xs + k) - xs);
			if (cnt > 0) {
				data[o] /= cnt;
				data[o + 1] /= cnt;
				data[o + 2] /= cnt;
			}
		}
	}
	// Treat the block buffer as an image whose pixel (bx, by) covers source px [bx*k, (bx+1)*k):
	// source coordinate s maps to block coordinate s/k. The buffer origin is block (bx0, by0),
	// i.e. source px (bx0*k, by0*k).
	const result = { width: bw, height: bh, data, x0: bx0 * k, y0: by0 * k, k };
	cache?.set(key, result);
	return result;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/*
 * Packed sums (both passes on 32-bit words) and the bilinear fast path for px whose four taps are inside, measured on
 * 2026-11-30 in Node 20 (median of 10 calls after 4, same output bit for bit) on a 1500x2000 px working copy, the four
 * model inputs of a 12 MP photo: detector 128 px (k = 15) 12.5 → 10.5 ms, landmarks 192 px (k = 3) 5.7 → 4.7 ms, ROI
 * mask 256 px (k = 5) 13.9 → 10.8 ms, portrait crop 256 px (k = 3) 9.0 → 7.2 ms; 41 → 33 ms in all.
 */

/** Longest run of px whose packed R (or B) sum fits in 16 bits: 257 x 255 = 65535. */
const PACKED_RUN_MAX_PX = 257;

/**
 * Largest block side averaged block by block (boxAverageBlockMajor) rather than row by row (at most 8: that function's
 * packed sums hold up to 64 px). Measured on a 970x2204
 * photo (Node 20, CPU time, same output bit for bit): block-major is 18–32 % faster for k = 2…8 (fewer stores per
 * source pixel when blocks are narrow) and 13 % slower for k = 17 (long rows read in short runs). Project choice.
 */
const BLOCK_MAJOR_MAX_K = 8;

/**
 * Block averages of k x k source blocks (partial blocks at the image edge average the pixels that exist), computed one
 * block at a time over its k source rows, into `out` (RGBA floats, bw x bh, alpha left 0). Same values as the
 * row-major pass of boxDownsampleRegion: integer sums divided once by the pixel count.
 * @param px32 the source's RGBA pixels as little-endian 32-bit words (R = bits 0..7)
 */
function boxAverageBlockMajor(px32: Uint32Array, W: number, H: number, bx0: number, by0: number, bw: number, bh: number, k: number, out: Float32Array): void {
	for (let by = 0; by < bh; by++) {
		const ys = (by0 + by) * k;
		const rows = Math.max(0, Math.min(H, ys + k) - ys);
		let o = by * bw * 4;
		for (let bx = 0, xs = bx0 * k; bx < bw; bx++, xs += k, o += 4) {
			const cols = Math.max(0, Math.min(W, xs + k) - xs);
			const cnt = rows * cols;
			if (cnt === 0) continue;
			// R and B summed in one word (R in bits 0–15, B from bit 16), G in place (bits 8–23): a block of up to 8x8 px
			// sums to at most 64 x 255 per channel, so no half overflows into the next.
			let rb = 0;
			let g = 0;
			for (let y = 0, row = ys * W + xs; y < rows; y++, row += W) {
				for (let p = row, pe = row + cols; p < pe; p++) {
					const v = px32[p];
					rb += v & 0xff00ff;
					g += v & 0xff00;
				}
			}
			out[o] = (rb & 0xffff) / cnt;
			out[o + 1] = g / 256 / cnt;
			out[o + 2] = (rb >>> 16) / cnt;
		}
	}
}

/** A block-averaged region of a source image (see WarpOptions.cache). */
export type Downsampled = { width: number; height: number; data: Float32Array; x0: number; y0: number; k: number };

/**
 * Bilinear resize of a single-channel float plane (e.g. a 256x256 person mask) with half-pixel
 * centres (TF `half_pixel_centers=true` / ONNX Resize `half_pixel`), edges clamped.
 * @param src Float32Array [srcHeight*srcWidth] row-major
 * @returns Float32Array [dstHeight*dstWidth] row-major
 */
export function resizePlaneBilinear(
	src: Float32Array,
	srcWidth: number,
	srcHeight: number,
	dstWidth: number,
	dstHeight: number
): Float32Array {
	if (src.length !== srcWidth * srcHeight) throw new Error('resizePlaneBilinear: size mismatch');
	const out = new Float32Array(dstWidth * dstHeight);
	const sx = srcWidth / dstWidth;
	const sy = srcHeight / dstHeight;
	const x0s = new Int32Array(dstWidth);
	const x1s = new Int32Array(dstWidth);
	const txs = new Float32Array(dstWidth);
	for (let i = 0; i < dstWidth; i++) {
		const fx = Math.min(Math.max((i + 0.5) * sx - 0.5, 0), srcWidth - 1);
		const ix = Math.floor(fx);
		x0s[i] = ix;
		x1s[i] = Math.min(ix + 1, srcWidth - 1);
		txs[i] = fx - ix;
	}
	for (let j = 0; j < dstHeight; j++) {
		const fy = Math.min(Math.max((j + 0.5) * sy - 0.5, 0), srcHeight - 1);
		const iy = Math.floor(fy);
		const iy1 = Math.min(iy + 1, srcHeight - 1);
		const ty = fy - iy;
		const r0 = iy * srcWidth;
		const r1 = iy1 * srcWidth;
		const o = j * dstWidth;
		for (let i = 0; i < dstWidth; i++) {
			const tx = txs[i];
			const top = src[r0 + x0s[i]] * (1 - tx) + src[r0 + x1s[i]] * tx;
			const bot = src[r1 + x0s[i]] * (1 - tx) + src[r1 + x1s[i]] * tx;
			out[o + i] = top * (1 - ty) + bot * ty;
		}
	}
	return out;
}

import type { RgbaImage } from '../../types';
import type { ImageFormat } from './sniff';
import type { DecodeLimits } from './limits';

/** Facts about the source file, for the UI, the report and the final full-resolution crop. */
export interface OriginalInfo {
	/** Upright (after orientation) full-resolution size, px. */
	width: number;
	height: number;
	format: ImageFormat;
	/** EXIF orientation 1..8 that was applied (1 for HEIF/AVIF, whose irot/imir the decoder applies). */
	orientation: number;
	/** Bits per sample in the file (8 or 16 typically; 1/2/4 for low-depth PNG). */
	bitDepth: number;
	/** Colour model in the file: 'srgb' (any RGB/YCbCr), 'cmyk', 'grey', 'palette', or the decoder's name for it. */
	colorSpace: string;
}

/** Result of a decode: `image` is 8-bit sRGB RGBA, upright, possibly downscaled (see `scale`). */
export interface DecodedImage {
	image: RgbaImage;
	original: OriginalInfo;
	/** image.width / original.width (1 when not downscaled). Multiply working px by 1/scale to get original px. */
	scale: number;
}

export interface DecodeOptions extends DecodeLimits {
	/**
	 * Longest side of the working copy, px. When the upright original is larger it is downscaled
	 * (aspect kept) and `scale` < 1; otherwise full resolution. Default: no downscale.
	 */
	workLimit?: number;
	/**
	 * Browser only: make a JPEG's working copy with WebCodecs' IDCT-scaled decode (decode/browser.ts jpegWorkingCopy)
	 * and decode the full-resolution original only when a crop needs it. Default false; the pipeline worker turns it on.
	 * Measured with bench/run.ts --compare (12 MP, 2-core machine shared with other jobs, the two builds side by side,
	 * order alternated), warm medians: decode 305–333 → 83–91 ms; total 1488 → 1331, 2272 → 1679 and 1374 → 1230 ms in
	 * three runs of 4, 6 and 6 rounds. The later stages vary by ±50 % from photo to photo in both builds (V8 keeps
	 * compiling, JS and the runtime's WASM, on the second core for several photos after the worker starts). The cold
	 * (first) photo was not faster: +570, +350 and +71 ms median in those runs, within that variation but not explained.
	 */
	scaledJpeg?: boolean;
	/**
	 * Browser only, with scaledJpeg: where the JPEG working copy's pixel memory comes from (e.g. a BufferPool holding the
	 * memory of photos the caller has forgotten: workers/pipeline.worker.ts). `take(bytes)` must return a buffer of at
	 * least `bytes` bytes that nothing else uses (its old content is overwritten; the decode uses a view of its first
	 * `bytes` bytes); `give` takes back scratch memory the decode no longer needs. Default: new memory each time.
	 */
	pixelMemory?: PixelMemory;
}

/** A source of pixel memory for the decode (DecodeOptions.pixelMemory). */
export interface PixelMemory {
	take(bytes: number): ArrayBuffer;
	give(buffer: ArrayBuffer): void;
}

/** Working size for `workLimit`: aspect kept, rounded, never enlarged. */
export function workingSize(width: number, height: number, workLimit?: number): { width: number; height: number; scale: number } {
	if (!workLimit || Math.max(width, height) <= workLimit) return { width, height, scale: 1 };
	const s = workLimit / Math.max(width, height);
	const w = Math.max(1, Math.round(width * s));
	const h = Math.max(1, Math.round(height * s));
	return { width: w, height: h, scale: w / width };
}

import type { Box, RgbaImage } from '../../types';

/**
 * Access to the full-resolution original, so the final crop keeps every detail even when
 * detection and segmentation worked on a downscaled copy.
 * Implemented with sharp in Node (decode/node.ts `readRegion`) and with
 * createImageBitmap in the browser (decode/browser.ts `openBrowserPhoto().readRegion`).
 */
export interface SourceReader {
	/** Upright (EXIF-oriented) original size, px. */
	width: number;
	height: number;
	/**
	 * Reads `box` (upright original px, whole pixels, may extend past the image) resampled to
	 * outW x outH px. RGBA 8-bit sRGB; parts outside the image are transparent (alpha 0).
	 */
	read(box: Box, outW: number, outH: number): Promise<RgbaImage>;
}

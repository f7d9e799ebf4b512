/**
 * The browser's native encoders (OffscreenCanvas.convertToBlob, libjpeg-turbo / Skia's PNG in Chromium), much faster
 * than the pure-JS ones; used by the pipeline worker. The bytes are post-processed like every other JPEG/PNG we write
 * (metadata replaced, JFIF / pHYs density set), see window.ts and png.ts.
 */
import type { RgbaImage } from '../../types';
import { insertPhys } from './png';

function canvasOf(image: RgbaImage): OffscreenCanvas {
	const canvas = new OffscreenCanvas(image.width, image.height);
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('No 2D canvas available for encoding.');
	ctx.putImageData(new ImageData(new Uint8ClampedArray(image.data), image.width, image.height), 0, 0);
	return canvas;
}

/** Baseline JPEG at IJG quality 1..100 (convertToBlob's quality is that / 100). Alpha must already be opaque. */
export async function canvasJpeg(image: RgbaImage, quality: number): Promise<Uint8Array> {
	const blob = await canvasOf(image).convertToBlob({ type: 'image/jpeg', quality: quality / 100 });
	return new Uint8Array(await blob.arrayBuffer());
}

/** PNG with alpha and a pHYs chunk stating `dpi`. */
export async function canvasPng(image: RgbaImage, dpi: number): Promise<Uint8Array> {
	const blob = await canvasOf(image).convertToBlob({ type: 'image/png' });
	return insertPhys(new Uint8Array(await blob.arrayBuffer()), dpi);
}

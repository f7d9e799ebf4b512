/**
 * The browser's native encoders (OffscreenCanvas.convertToBlob, libjpeg-turbo / Skia's PNG in Chromium), much faster
 * than the pure-JS ones; used by the pipeline worker. The bytes are post-processed like every other JPEG/PNG we write
 * (metadata replaced, JFIF / pHYs density set), see window.ts and png.ts.
 */
import type { RgbaImage } from '../../types';
import { insertPhys } from './png';

/**
 * Canvas holding each image's pixels, kept while the image lives: the file-size window search (window.ts) encodes the
 * same image at several qualities, and each needs the pixels in a canvas only once. Consequence: an image object must
 * not be modified after it was first encoded here (the pipeline always encodes fresh images).
 */
const canvases = new WeakMap<RgbaImage, OffscreenCanvas>();

function canvasOf(image: RgbaImage): OffscreenCanvas {
	let canvas = canvases.get(image);
	if (canvas) return canvas;
	canvas = new OffscreenCanvas(image.width, image.height);
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('No 2D canvas available for encoding.');
	// putImageData copies, so the pixels are wrapped, not duplicated first (a copy only for shared or odd-sized buffers).
	const wrapped = image.data.buffer instanceof ArrayBuffer && image.data.length === image.width * image.height * 4;
	const data = wrapped ? (image.data as Uint8ClampedArray<ArrayBuffer>) : new Uint8ClampedArray(image.data);
	ctx.putImageData(new ImageData(data, image.width, image.height), 0, 0);
	canvases.set(image, canvas);
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

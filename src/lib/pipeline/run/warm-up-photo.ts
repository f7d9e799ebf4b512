/**
 * The full-size warm-up photo (browser only): the bundled warm-up portrait upscaled to a phone photo's scale, made in
 * the pipeline worker from static/warm-up-portrait.jpg (nothing extra is downloaded or stored).
 */

/**
 * `portrait` (an image Blob) scaled up `factor` times (smoothed) and encoded as a JPEG (quality 0.9), as a Blob.
 * @param factor integer ≥ 1; WARM_UP_UPSCALE (src/lib/pipeline/run/warm-up.ts) gives 1728x2160 px from 288x360.
 * @throws when the Blob cannot be decoded or OffscreenCanvas is missing (the caller reports it as a warm-up failure).
 */
export async function upscaledJpeg(portrait: Blob, factor: number): Promise<Blob> {
	const bitmap = await createImageBitmap(portrait);
	try {
		const canvas = new OffscreenCanvas(bitmap.width * factor, bitmap.height * factor);
		const g = canvas.getContext('2d');
		if (!g) throw new Error('no 2D canvas for the warm-up photo');
		g.imageSmoothingQuality = 'high';
		g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
		return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
	} finally {
		bitmap.close();
	}
}

/**
 * The full-size warm-up photo (browser only): the bundled warm-up portrait upscaled to a phone photo's scale, made in
 * the pipeline worker from static/warm-up-portrait.jpg (nothing extra is downloaded or stored).
 */

/**
 * `portrait` (an image Blob) scaled up (smoothed) so that its long side is `longSide` px, aspect kept, and encoded as a
 * JPEG (quality 0.9), as a Blob.
 * @param longSide px; WORK_LIMIT_PX (2048) gives 1638x2048 px from the 288x360 warm-up portrait.
 * @throws when the Blob cannot be decoded or OffscreenCanvas is missing (the caller reports it as a warm-up failure).
 */
export async function upscaledJpeg(portrait: Blob, longSide: number): Promise<Blob> {
	const bitmap = await createImageBitmap(portrait);
	try {
		const k = longSide / Math.max(bitmap.width, bitmap.height);
		const canvas = new OffscreenCanvas(Math.round(bitmap.width * k), Math.round(bitmap.height * k));
		const g = canvas.getContext('2d');
		if (!g) throw new Error('no 2D canvas for the warm-up photo');
		g.imageSmoothingQuality = 'high';
		g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
		return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
	} finally {
		bitmap.close();
	}
}

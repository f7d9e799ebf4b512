/**
 * The full-size warm-up photo (browser only): the bundled warm-up portrait upscaled to a phone photo's scale, made in
 * the pipeline worker from static/warm-up-portrait.jpg (nothing extra is downloaded or stored).
 */

/**
 * `portrait` (an image Blob) scaled up (smoothed) so that its long side is `longSide` px before the cut, aspect kept,
 * with the top `cropTop` of its height then cut off, and encoded as a JPEG (quality 0.9), as a Blob.
 * @param longSide px; WORK_LIMIT_PX (2048) gives 1638x2048 px from the 288x360 warm-up portrait.
 * @param cropTop fraction of the upscaled height removed at the top, in [0, 1) (WARM_UP_TOP_CROP 0.025: 1638x1997 px).
 * @throws when the Blob cannot be decoded or OffscreenCanvas is missing (the caller reports it as a warm-up failure).
 */
export async function upscaledJpeg(portrait: Blob, longSide: number, cropTop = 0): Promise<Blob> {
	const bitmap = await createImageBitmap(portrait);
	try {
		const k = longSide / Math.max(bitmap.width, bitmap.height);
		const height = Math.round(bitmap.height * k);
		const cut = Math.round(height * cropTop);
		const canvas = new OffscreenCanvas(Math.round(bitmap.width * k), height - cut);
		const g = canvas.getContext('2d');
		if (!g) throw new Error('no 2D canvas for the warm-up photo');
		g.imageSmoothingQuality = 'high';
		g.drawImage(bitmap, 0, -cut, canvas.width, height);
		return await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
	} finally {
		bitmap.close();
	}
}

/**
 * Thumbnails for the history list: JPEG, at most THUMB_PX on the long side, made with
 * createImageBitmap + OffscreenCanvas (Canvas API), no upscaling.
 */

/** Long side of a thumbnail in px. */
export const THUMB_PX = 160;

/** Target size in px for a `width`×`height` px image, long side at most `max` px, aspect kept. */
export function thumbSize(width: number, height: number, max = THUMB_PX): { width: number; height: number } {
	const scale = Math.min(1, max / Math.max(width, height));
	return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A JPEG thumbnail of `image` (any browser-decodable image), or undefined where the browser cannot make one. */
export async function makeThumbnail(image: Blob): Promise<Uint8Array | undefined> {
	if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas === 'undefined') return undefined;
	try {
		const bitmap = await createImageBitmap(image);
		const { width, height } = thumbSize(bitmap.width, bitmap.height);
		const canvas = new OffscreenCanvas(width, height);
		const ctx = canvas.getContext('2d');
		if (!ctx) return undefined;
		ctx.imageSmoothingQuality = 'high';
		ctx.drawImage(bitmap, 0, 0, width, height);
		bitmap.close();
		const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 });
		return new Uint8Array(await blob.arrayBuffer());
	} catch {
		return undefined;
	}
}

/**
 * Accepting the user's photo file: which files the app takes, and a user-facing reason when not.
 */

/** `accept` attribute of the file input: any image, plus HEIC/HEIF by extension (iOS often gives no MIME type for them). */
export const PHOTO_ACCEPT = 'image/*,.heic,.heif';

const IMAGE_EXTENSIONS = /\.(jpe?g|png|webp|gif|bmp|avif|heic|heif|tiff?)$/i;

/**
 * Null when `file` looks like a photo the pipeline can try (MIME `image/*`, or a known image
 * extension when the browser gives no or a generic MIME type), otherwise a message for the user.
 */
export function photoFileProblem(file: { name?: string; type: string; size: number }): string | null {
	if (file.size === 0) return 'This file is empty. Choose another photo.';
	if (file.type.startsWith('image/')) return null;
	const name = file.name ?? '';
	if ((file.type === '' || file.type === 'application/octet-stream') && IMAGE_EXTENSIONS.test(name)) return null;
	const what = name ? `“${name}”` : 'This file';
	return `${what} is not a photo. Choose a JPEG, PNG, WebP, AVIF or HEIC image.`;
}

/** First image file among clipboard or drag-and-drop items, or null. */
export function firstImageFile(list: FileList | DataTransferItemList | null | undefined): File | null {
	if (!list) return null;
	for (let i = 0; i < list.length; i++) {
		const entry = list[i];
		const file = entry instanceof File ? entry : entry.kind === 'file' ? entry.getAsFile() : null;
		if (file && photoFileProblem(file) === null) return file;
	}
	return null;
}

/** Human-readable size, decimal SI units (1 kB = 1000 bytes, 1 MB = 1,000,000 bytes): "kB", as everywhere in the UI. */
export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} bytes`;
	if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
	return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

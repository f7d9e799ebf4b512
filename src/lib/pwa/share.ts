/**
 * Photos that arrive from outside the page: the Web Share Target (manifest `share_target`,
 * POST multipart to SHARE_TARGET_PATH with the file in field SHARE_FIELD; the service worker
 * parks it in the share inbox cache) and the File Handling API (manifest `file_handlers`,
 * `window.launchQueue`). Both end as one File handed to the page.
 * Sources: https://w3c.github.io/web-share-target/ , https://wicg.github.io/manifest-incubations/#file_handlers-member
 */
import { SHARE_CACHE, SHARED_FILE_PATH } from './cache-names';

/** Action of the manifest's share_target (relative to the app's base). */
export const SHARE_TARGET_PATH = '/share-target';
/** Name of the multipart field that carries the photo. */
export const SHARE_FIELD = 'photo';

/**
 * Takes the shared photo out of the share inbox (and deletes it there, so no copy stays in
 * Cache Storage). Returns null when there is none or Cache Storage is unavailable.
 */
export async function takeSharedPhoto(base: string): Promise<File | null> {
	if (typeof caches === 'undefined') return null;
	const cache = await caches.open(SHARE_CACHE);
	const url = `${base}${SHARED_FILE_PATH}`;
	const response = await cache.match(url);
	await caches.delete(SHARE_CACHE);
	if (!response) return null;
	const blob = await response.blob();
	const name = decodeURIComponent(response.headers.get('X-File-Name') ?? 'shared-photo');
	return new File([blob], name, { type: blob.type || response.headers.get('Content-Type') || '' });
}

interface LaunchParams {
	files: readonly { getFile(): Promise<File> }[];
}

/** Calls `take` with the first file the OS opened the app with (File Handling API), if supported. */
export function consumeLaunchedFiles(take: (file: File) => void): void {
	const queue = (window as unknown as { launchQueue?: { setConsumer(c: (p: LaunchParams) => void): void } }).launchQueue;
	queue?.setConsumer(async (params) => {
		const handle = params.files[0];
		if (handle) take(await handle.getFile());
	});
}

/**
 * Hands `file` to the page's photo input (`[data-testid=file-input]`) as if the user had chosen
 * it, waiting until the input exists (it appears once a document is chosen). Returns a function
 * that stops waiting.
 */
export function deliverToPhotoInput(file: File): () => void {
	const tryDeliver = (): boolean => {
		const input = document.querySelector<HTMLInputElement>('input[type=file][data-testid="file-input"]');
		if (!input) return false;
		const transfer = new DataTransfer();
		transfer.items.add(file);
		input.files = transfer.files;
		input.dispatchEvent(new Event('change', { bubbles: true }));
		return true;
	};
	if (tryDeliver()) return () => {};
	const observer = new MutationObserver(() => {
		if (tryDeliver()) observer.disconnect();
	});
	observer.observe(document.body, { childList: true, subtree: true });
	return () => observer.disconnect();
}

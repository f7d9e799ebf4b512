/**
 * "Reopen" from the history: the studio is opened at `/?spec=<specId>&reopen=<itemId>`, reads the
 * item's original photo and settings from the local history, analyses the photo again and renders
 * it with the stored settings (background, head size, offsets, dpi). Nothing leaves the device.
 */
import type { RenderSettings } from '$lib/pipeline/api';
import type { HistoryStore } from './store';

/** Query parameter of the studio that names the history item to reopen. */
export const REOPEN_PARAM = 'reopen';

/** What the studio needs to make the photo again. */
export interface ReopenedPhoto {
	itemId: string;
	/** The document the item was made for (its spec id). */
	specId: string;
	/** The settings of the item's last render (a copy). */
	settings: RenderSettings;
	/** The photo as the user chose it, with its stored name and MIME type. */
	file: File;
}

/**
 * The studio address that reopens `item` (relative to the app's base, e.g. `./` from /history):
 * `<prefix>?spec=<specId>&reopen=<itemId>`, both URL-encoded.
 */
export function reopenHref(prefix: string, item: { id: string; specId: string }): string {
	const q = new URLSearchParams({ spec: item.specId, [REOPEN_PARAM]: item.id });
	return `${prefix}?${q.toString()}`;
}

/**
 * Reads the item `itemId` and its original photo from `store`. Returns null when the item or its
 * original is gone (expired, deleted, or saved without the original).
 * @throws HistoryError when the history cannot be read (no IndexedDB, read failure).
 */
export async function loadForReopen(store: HistoryStore, itemId: string): Promise<ReopenedPhoto | null> {
	const item = await store.get(itemId);
	if (!item || !item.kinds.includes('original')) return null;
	const blob = await store.blob(itemId, 'original');
	if (!blob) return null;
	const name = item.original?.name ?? 'photo';
	const type = item.original?.type ?? blob.type;
	return {
		itemId,
		specId: item.specId,
		settings: { ...item.settings },
		file: new File([blob], name, { type })
	};
}

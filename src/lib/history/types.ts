/**
 * Shapes of the local history (IndexedDB, see store.ts). Everything here stays on the device.
 */
import type { PhotoReport, RenderSettings } from '$lib/pipeline/api';

/** The files kept for one history item. */
export type BlobKind = 'original' | 'jpeg' | 'png' | 'thumb';
export const BLOB_KINDS: readonly BlobKind[] = ['original', 'jpeg', 'png', 'thumb'];

/** Metadata of one history item (the bytes live in the `blobs` store, keyed `<id>/<kind>`). */
export interface HistoryItem {
	/** `<jobId>:<specId>`: one item per photo and document; re-renders update it. */
	id: string;
	/** When the item was first saved, ms since the Unix epoch (UTC). Expiry counts from here. */
	createdAt: number;
	/** When it was last updated (new settings), ms since the Unix epoch. */
	updatedAt: number;
	jobId: string;
	specId: string;
	/** Document name from the report, e.g. "Schengen visa". */
	specName: string;
	settings: RenderSettings;
	/** Output size in px and print resolution in dpi. */
	widthPx: number;
	heightPx: number;
	dpi: number;
	/** Size in bytes (1 KB = 1000 B in the UI) of every stored blob of this item together. */
	storedBytes: number;
	/** The check report as made by the pipeline. */
	report: PhotoReport;
	/** An order receipt, when the user bought a print (opaque JSON from the payment flow). */
	receipt?: unknown;
	/** Name and MIME type of the original photo, when it was kept. */
	original?: { name: string; type: string };
	/** Which blob kinds were stored. */
	kinds: BlobKind[];
}

/** A stored blob: the bytes (ArrayBuffer, portable across browsers' IndexedDB) and MIME type. */
export interface StoredBlob {
	key: string;
	itemId: string;
	kind: BlobKind;
	type: string;
	bytes: ArrayBuffer;
}

/** What the recorder hands to the store for one finished render. */
export interface HistoryEntryInput {
	jobId: string;
	specId: string;
	settings: RenderSettings;
	report: PhotoReport;
	widthPx: number;
	heightPx: number;
	dpi: number;
	/** JPEG and PNG bytes of the finished photo. */
	jpeg: Uint8Array;
	png: Uint8Array;
	/** JPEG thumbnail (about 160 px on the long side), when one could be made. */
	thumb?: Uint8Array;
	/** The photo as the user chose it, when known. */
	original?: Blob & { name?: string };
	receipt?: unknown;
}

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
	/**
	 * The purchase receipt of this photo, when it was bought: `{orderId, sku, ...ReceiptWire}` as
	 * written by HistoryStore.saveReceipt (a copy for display; unlocking reads the `receipts` store
	 * and verifies there).
	 */
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

/**
 * A receipt exactly as the payment server returns it (server/receipt.ts): `payload` is the signed
 * UTF-8 text (canonical JSON `{"orderId","sku","issuedAt"}`), `signature` the 64-byte Ed25519
 * signature in base64url without padding, `keyId` the first 16 chars of base64url(SHA-256(raw
 * public key)). Stored unparsed and verified again every time it is used.
 */
export interface ReceiptWire {
	payload: string;
	signature: string;
	alg: 'Ed25519';
	keyId: string;
}

/** Local state of an order; `paid` only once a receipt verified on this device. */
export type OrderRecordStatus = 'pending' | 'paid' | 'expired' | 'failed';

/**
 * One order made from this browser (store `receipts`, key `orderId`). Only `sku` and `orderId`
 * ever go to the payment server; the photo binding (`jobId`, `specId`) stays on the device.
 */
export interface OrderRecord {
	/** 128-bit random id from the server, 32 lower-case hex chars. */
	orderId: string;
	sku: string;
	/**
	 * The photo the order was made for: the pipeline job id (a random UUID per analysed photo) and
	 * the document id. null when unknown (the order was completed in a browser that did not start it).
	 */
	jobId: string | null;
	specId: string | null;
	/** Product name and price as the buyer saw them (amount in minor currency units, ISO 4217 currency, lower case). */
	productName: string;
	amount: number;
	currency: string;
	/** ms since the Unix epoch. */
	createdAt: number;
	updatedAt: number;
	status: OrderRecordStatus;
	/** The signed receipt once paid, as received. */
	receipt: ReceiptWire | null;
}

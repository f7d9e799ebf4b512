/**
 * What the stored receipts unlock. A receipt counts only if it verifies (Ed25519, the build's key)
 * for its own order id and sku, each time it is read: a record edited in IndexedDB unlocks
 * nothing. A verified order unlocks the downloads of the photo it was bought for (its `jobId`:
 * the finished photo in every format, and print sheets, for every document made from that photo)
 * — this is the product the buy panel describes.
 */
import type { OrderRecord } from '$lib/history/types';
import { verifyReceipt, type ReceiptClaims } from './receipt';

export interface VerifiedOrder {
	record: OrderRecord;
	claims: ReceiptClaims;
}

/** The records whose receipt verifies with `key` for the record's order id and sku. */
export async function verifyRecords(records: readonly OrderRecord[], key: CryptoKey): Promise<VerifiedOrder[]> {
	const out: VerifiedOrder[] = [];
	for (const record of records) {
		if (!record.receipt) continue;
		const claims = await verifyReceipt(record.receipt, key, record.orderId);
		if (claims && claims.sku === record.sku) out.push({ record, claims });
	}
	return out;
}

/** Photo job ids unlocked by verified orders. */
export function unlockedJobIds(verified: readonly VerifiedOrder[]): Set<string> {
	const ids = new Set<string>();
	for (const v of verified) if (v.record.jobId) ids.add(v.record.jobId);
	return ids;
}

/**
 * Tabs of the app tell each other about orders over a BroadcastChannel (same origin, this device
 * only): the order page, after verifying and storing a receipt or seeing a cancelled checkout,
 * tells the studio tab, which then re-reads the receipts or stops waiting. Messages carry only
 * the order id.
 */
export const ORDER_CHANNEL = 'idphoto-orders';

export type OrderMessage = { type: 'settled'; orderId: string } | { type: 'cancelled'; orderId: string };

function isOrderMessage(data: unknown): data is OrderMessage {
	if (data === null || typeof data !== 'object') return false;
	const m = data as Record<string, unknown>;
	return (m.type === 'settled' || m.type === 'cancelled') && typeof m.orderId === 'string';
}

/** Sends one message to the other tabs (no-op without BroadcastChannel). */
export function announceOrder(message: OrderMessage): void {
	if (typeof BroadcastChannel === 'undefined') return;
	const channel = new BroadcastChannel(ORDER_CHANNEL);
	channel.postMessage(message);
	channel.close();
}

/** Calls `on` for each message from other tabs; returns the unsubscribe function. */
export function listenForOrders(on: (message: OrderMessage) => void): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const channel = new BroadcastChannel(ORDER_CHANNEL);
	channel.onmessage = (event) => {
		if (isOrderMessage(event.data)) on(event.data);
	};
	return () => channel.close();
}

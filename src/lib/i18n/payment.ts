/**
 * The buy panel's order status line in the interface language. The payment state
 * (src/lib/payment/state.svelte.ts) keeps an English `message` per order; the phase says which
 * case it is, and for 'error' and 'timeout' the English wording tells the sub-case and carries the
 * server's detail (shown as it is).
 */
import type { PhotoOrderState } from '$lib/payment/state.svelte';
import type { Formatter } from './spec-text';

/** `state.message` in the interface language (`order.state.*`); unrecognised texts are shown as they are. */
export function orderStateText(state: Pick<PhotoOrderState, 'phase' | 'message'>, tr: Formatter): string {
	const m = state.message ?? '';
	switch (state.phase) {
		case 'cancelled':
			return tr('order.state.cancelled');
		case 'expired':
			return tr('order.state.expired');
		case 'failed':
			return tr('order.state.failed');
		case 'invalid':
			return tr('order.state.invalid-receipt');
		case 'timeout': {
			const last = /^No payment yet \(last check: (.*)\)\.$/s.exec(m);
			return last ? tr('order.state.timeout-detail', { values: { detail: last[1] } }) : tr('order.state.timeout');
		}
		default: {
			if (/^The payment server reported the order as paid/.test(m)) return tr('order.state.invalid-receipt');
			if (/^The payment server does not know this order\.$/.test(m)) return tr('order.state.unknown-order');
			const notMade = /^The order could not be made: (.*)\.$/s.exec(m);
			if (notMade) return tr('order.state.not-made', { values: { detail: notMade[1] } });
			return m;
		}
	}
}

/**
 * Bounded polling with exponential backoff, for waiting on an order's payment status. The first
 * check runs at once; then the waits grow by `factor` up to `maxMs`, and polling stops once the
 * waits add up to `totalMs`. A wake-up (the buyer came back to the tab, or another tab reported
 * the payment) ends the current wait early.
 */

export interface Backoff {
	/** First wait, ms. */
	firstMs: number;
	/** Growth per wait (≥ 1). */
	factor: number;
	/** Longest single wait, ms. */
	maxMs: number;
	/** Sum of all waits, ms: the bound on polling. */
	totalMs: number;
}

/**
 * Default: 1.5 s, ×1.5, at most 15 s apart, for 30 min. Stripe Checkout normally reports a card
 * payment within seconds of the redirect (https://docs.stripe.com/checkout/fulfillment); 30 min
 * covers a buyer who takes their time on the payment page. ~135 requests at most per order.
 */
export const DEFAULT_BACKOFF: Backoff = { firstMs: 1500, factor: 1.5, maxMs: 15_000, totalMs: 30 * 60_000 };

/** The waits, ms, in order; their sum is at most `totalMs` (the last one is cut to fit). */
export function backoffDelays(b: Backoff): number[] {
	if (!(b.firstMs > 0) || !(b.factor >= 1) || !(b.maxMs > 0) || !(b.totalMs >= 0)) throw new Error('invalid backoff');
	const out: number[] = [];
	let next = b.firstMs;
	let sum = 0;
	while (sum < b.totalMs) {
		const d = Math.min(next, b.maxMs, b.totalMs - sum);
		out.push(d);
		sum += d;
		next = Math.min(next * b.factor, b.maxMs);
	}
	return out;
}

/** A sleep that `wake()` can end early (all current sleepers at once). */
export class WakeableSleep {
	#wakers = new Set<() => void>();

	/**
	 * Resolves after `ms`, on wake(), or rejects with the signal's reason on abort.
	 */
	sleep(ms: number, signal?: AbortSignal): Promise<void> {
		return new Promise((resolve, reject) => {
			if (signal?.aborted) return reject(signal.reason);
			const done = () => {
				clearTimeout(timer);
				this.#wakers.delete(done);
				signal?.removeEventListener('abort', onAbort);
				resolve();
			};
			const onAbort = () => {
				clearTimeout(timer);
				this.#wakers.delete(done);
				reject(signal!.reason);
			};
			const timer = setTimeout(done, ms);
			this.#wakers.add(done);
			signal?.addEventListener('abort', onAbort, { once: true });
		});
	}

	/** Ends every current sleep now. */
	wake(): void {
		for (const w of [...this.#wakers]) w();
	}
}

export type PollStep<T> = { done: true; value: T } | { done: false };

/**
 * Calls `check` now and after each wait of `delays` until it returns `{done: true}`. A throwing
 * check counts as not done (its error is kept); an abort stops at once (rejects with the reason).
 * @returns the value, or `{timedOut: true, lastError}` when the waits ran out.
 */
export async function pollUntil<T>(
	check: () => Promise<PollStep<T>>,
	options: { delays: readonly number[]; signal?: AbortSignal; sleeper?: WakeableSleep }
): Promise<{ timedOut: false; value: T } | { timedOut: true; lastError: unknown }> {
	const sleeper = options.sleeper ?? new WakeableSleep();
	let lastError: unknown = null;
	for (let i = 0; ; i++) {
		options.signal?.throwIfAborted();
		try {
			const step = await check();
			if (step.done) return { timedOut: false, value: step.value };
			lastError = null;
		} catch (error) {
			options.signal?.throwIfAborted();
			lastError = error;
		}
		if (i >= options.delays.length) return { timedOut: true, lastError };
		await sleeper.sleep(options.delays[i], options.signal);
	}
}

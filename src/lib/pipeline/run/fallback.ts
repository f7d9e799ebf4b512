/**
 * Calls to a helper worker that may never answer: comlink does not reject a call to a worker whose script failed to
 * load or that died (comlink issues #463 and #567), so the pipeline worker races each call to the quality worker with
 * that worker's failure and a time limit, and computes the result itself when either comes first.
 */

/** A worker call that took longer than its limit. */
export class HelperTimeoutError extends Error {
	constructor(ms: number) {
		super(`no answer within ${ms} ms`);
		this.name = 'HelperTimeoutError';
	}
}

/**
 * `call` settled, or `fallback()` when `call` rejects, `broken` rejects (the helper failed) or `limitMs` passes first.
 * `onFallback` is told why (for a log line). The fallback's own rejection propagates.
 * @param limitMs time limit in ms (> 0).
 */
export async function withFallback<T>(
	call: Promise<T>,
	broken: Promise<never>,
	limitMs: number,
	fallback: () => T | Promise<T>,
	onFallback?: (reason: unknown) => void
): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const limit = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new HelperTimeoutError(limitMs)), limitMs);
	});
	try {
		return await Promise.race([call, broken, limit]);
	} catch (reason) {
		onFallback?.(reason);
		return await fallback();
	} finally {
		clearTimeout(timer);
	}
}

/** A promise that rejects with the signal's reason when `signal` aborts (never settles otherwise). */
export function whenAborted(signal: AbortSignal): Promise<never> {
	return new Promise<never>((_, reject) => {
		if (signal.aborted) reject(signal.reason);
		else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
	});
}

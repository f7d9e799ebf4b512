/** DOMException named "AbortError", as `CallOptions.signal` promises (types.ts). */
export function abortError(message = 'The operation was aborted.'): DOMException {
	return new DOMException(message, 'AbortError');
}

/** Throws an AbortError when `signal` is aborted. Called between pipeline stages. */
export function throwIfAborted(signal?: AbortSignal): void {
	if (signal?.aborted) throw abortError();
}

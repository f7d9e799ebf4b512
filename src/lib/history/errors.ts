/**
 * User-facing storage errors: a full disk (QuotaExceededError, W3C Storage / IndexedDB spec) and
 * a browser without IndexedDB (private modes of some browsers, or storage blocked by settings).
 */

/** Error with a message meant for the user; `reason` tells the UI which case it is. */
export class HistoryError extends Error {
	constructor(
		readonly reason: 'quota' | 'unavailable' | 'failed',
		message: string,
		options?: { cause?: unknown }
	) {
		super(message, options);
		this.name = 'HistoryError';
	}
}

export const UNAVAILABLE_MESSAGE =
	'This browser does not let the app keep a history (IndexedDB is off, as in some private modes). Everything else works; download your photo before closing the page.';

export const QUOTA_MESSAGE =
	'This device is out of space for the history, so this photo was not kept. Delete older items or download the photo now; everything else works.';

/** True for the DOMException a browser throws when storage is full (name QuotaExceededError, legacy code 22). */
export function isQuotaError(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	const e = error as { name?: string; code?: number; inner?: unknown };
	return e.name === 'QuotaExceededError' || e.code === 22 || (e.inner !== undefined && isQuotaError(e.inner));
}

/** Maps any storage failure to a HistoryError with a clear message. */
export function toHistoryError(error: unknown, action: string): HistoryError {
	if (error instanceof HistoryError) return error;
	if (isQuotaError(error)) return new HistoryError('quota', QUOTA_MESSAGE, { cause: error });
	const detail = error instanceof Error ? error.message : String(error);
	return new HistoryError('failed', `Could not ${action} the history on this device (${detail}).`, { cause: error });
}

/** Errors of the photo pipeline that the UI and the CLI show to the user as they are. */

/**
 * - `no-face`: no face was found in the photo.
 * - `cannot-comply`: the photo cannot be made to meet the spec (the message says what to retake).
 * - `aborted`: a newer request superseded this one.
 */
export type PipelineErrorCode = 'no-face' | 'cannot-comply' | 'aborted';

export class PipelineError extends Error {
	readonly code: PipelineErrorCode;
	constructor(code: PipelineErrorCode, message: string) {
		super(message);
		this.name = 'PipelineError';
		this.code = code;
	}
}

export function isPipelineError(e: unknown): e is PipelineError {
	return e instanceof Error && e.name === 'PipelineError' && typeof (e as PipelineError).code === 'string';
}

/** Throws a DOMException named "AbortError" when `signal` is aborted (the platform's convention). */
export function throwIfAborted(signal?: AbortSignal): void {
	if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}

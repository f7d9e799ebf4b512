/**
 * Debounced "latest request wins" runner for slider-driven re-rendering.
 *
 * `request(task)` waits `delayMs`; a newer request within that window replaces the pending one.
 * When a task starts, the previous running task's AbortSignal is aborted; a task's result is
 * delivered only if its signal was not aborted, so an older result never overwrites a newer one,
 * while results still arrive during a long slider drag. Abort rejections are swallowed (they are
 * cancellations, not failures).
 */
import { isAbortError } from './pipeline-client';

export interface LatestRequestHandlers<T> {
	/** A task started (after the debounce). */
	onStart?: () => void;
	/** The newest task resolved. */
	onResult: (value: T) => void;
	/** The newest task rejected with something other than an abort. */
	onError: (error: unknown) => void;
	/** Called with true when work becomes pending or running, false when nothing is pending or running. */
	onBusy?: (busy: boolean) => void;
}

export class LatestRequest<T> {
	#timer: ReturnType<typeof setTimeout> | null = null;
	#controller: AbortController | null = null;

	/**
	 * @param delayMs debounce in ms (the UI uses 100 ms: short enough to feel live while a slider moves).
	 */
	constructor(
		private readonly handlers: LatestRequestHandlers<T>,
		private readonly delayMs = 100
	) {}

	/** Schedule `task`; it receives a signal that aborts when a newer task starts or on `cancel()`. */
	request(task: (signal: AbortSignal) => Promise<T>): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.handlers.onBusy?.(true);
		this.#timer = setTimeout(() => {
			this.#timer = null;
			this.#run(task);
		}, this.delayMs);
	}

	/** True while a request is waiting for its debounce or running. */
	get busy(): boolean {
		return this.#timer !== null || this.#controller !== null;
	}

	/** Drop any pending request and abort the running one. */
	cancel(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		this.#controller?.abort();
		this.#controller = null;
		this.handlers.onBusy?.(false);
	}

	#run(task: (signal: AbortSignal) => Promise<T>): void {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.handlers.onStart?.();
		let promise: Promise<T>;
		try {
			promise = task(controller.signal);
		} catch (error) {
			promise = Promise.reject(error);
		}
		promise
			.then(
				(value) => {
					if (!controller.signal.aborted) this.handlers.onResult(value);
				},
				(error: unknown) => {
					if (controller.signal.aborted || isAbortError(error)) return;
					this.handlers.onError(error);
				}
			)
			.finally(() => {
				if (this.#controller === controller) {
					this.#controller = null;
					if (this.#timer === null) this.handlers.onBusy?.(false);
				}
			});
	}
}

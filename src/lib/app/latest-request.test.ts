import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LatestRequest } from './latest-request';

function deferred<T>() {
	let resolve!: (v: T) => void;
	let reject!: (e: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

describe('LatestRequest', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('debounces: only the last request within 100 ms runs', async () => {
		const results: number[] = [];
		const started: number[] = [];
		const runner = new LatestRequest<number>({ onResult: (v) => results.push(v), onError: () => {} }, 100);
		for (const n of [1, 2, 3]) {
			runner.request(async () => {
				started.push(n);
				return n;
			});
			await vi.advanceTimersByTimeAsync(40);
		}
		expect(started).toEqual([]);
		await vi.advanceTimersByTimeAsync(60);
		expect(started).toEqual([3]);
		expect(results).toEqual([3]);
	});

	it('aborts the running task when a newer one starts and never delivers the older result', async () => {
		const results: string[] = [];
		const errors: unknown[] = [];
		const runner = new LatestRequest<string>({ onResult: (v) => results.push(v), onError: (e) => errors.push(e) }, 100);
		const first = deferred<string>();
		let firstSignal: AbortSignal | null = null;
		runner.request((signal) => {
			firstSignal = signal;
			return first.promise;
		});
		await vi.advanceTimersByTimeAsync(100);
		expect(firstSignal!.aborted).toBe(false);

		runner.request(async () => 'second');
		await vi.advanceTimersByTimeAsync(100);
		expect(firstSignal!.aborted).toBe(true);
		expect(results).toEqual(['second']);

		// The old task finishing late (worker ignored the abort) must not overwrite the newer result.
		first.resolve('first');
		await vi.advanceTimersByTimeAsync(0);
		expect(results).toEqual(['second']);
		expect(errors).toEqual([]);
	});

	it('delivers a result while a newer request is still waiting for its debounce', async () => {
		const results: string[] = [];
		const runner = new LatestRequest<string>({ onResult: (v) => results.push(v), onError: () => {} }, 100);
		const slow = deferred<string>();
		runner.request(() => slow.promise);
		await vi.advanceTimersByTimeAsync(100);
		runner.request(async () => 'next');
		slow.resolve('slow');
		await vi.advanceTimersByTimeAsync(0);
		expect(results).toEqual(['slow']);
		await vi.advanceTimersByTimeAsync(100);
		expect(results).toEqual(['slow', 'next']);
	});

	it('reports real errors but swallows AbortError', async () => {
		const errors: unknown[] = [];
		const runner = new LatestRequest<void>({ onResult: () => {}, onError: (e) => errors.push(e) }, 10);
		runner.request(async () => {
			throw new DOMException('stopped', 'AbortError');
		});
		await vi.advanceTimersByTimeAsync(10);
		expect(errors).toEqual([]);
		runner.request(async () => {
			throw new Error('No face found');
		});
		await vi.advanceTimersByTimeAsync(10);
		expect(errors).toHaveLength(1);
		expect((errors[0] as Error).message).toBe('No face found');
	});

	it('reports busy from request until the last task settles, and cancel() aborts', async () => {
		const busy: boolean[] = [];
		const runner = new LatestRequest<number>(
			{ onResult: () => {}, onError: () => {}, onBusy: (b) => busy.push(b) },
			100
		);
		const task = deferred<number>();
		let signal: AbortSignal | null = null;
		runner.request((s) => {
			signal = s;
			return task.promise;
		});
		expect(runner.busy).toBe(true);
		await vi.advanceTimersByTimeAsync(100);
		expect(runner.busy).toBe(true);
		runner.cancel();
		expect(signal!.aborted).toBe(true);
		expect(runner.busy).toBe(false);
		expect(busy).toEqual([true, false]);
	});
});

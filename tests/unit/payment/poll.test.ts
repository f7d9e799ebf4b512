/** Bounded backoff polling (src/lib/payment/poll.ts). */
import { describe, expect, it } from 'vitest';
import { backoffDelays, DEFAULT_BACKOFF, pollUntil, WakeableSleep } from '../../../src/lib/payment/poll';

describe('backoffDelays', () => {
	it('grows by the factor up to the cap and stops at the total', () => {
		expect(backoffDelays({ firstMs: 1000, factor: 2, maxMs: 5000, totalMs: 20_000 })).toEqual([1000, 2000, 4000, 5000, 5000, 3000]);
		expect(backoffDelays({ firstMs: 1000, factor: 2, maxMs: 5000, totalMs: 0 })).toEqual([]);
		expect(() => backoffDelays({ firstMs: 0, factor: 2, maxMs: 1, totalMs: 1 })).toThrow();
	});

	it('default: 1.5 s first, 15 s apart at most, 30 min in all, about 130 checks', () => {
		const d = backoffDelays(DEFAULT_BACKOFF);
		expect(d.slice(0, 4)).toEqual([1500, 2250, 3375, 5062.5]);
		expect(Math.max(...d)).toBe(15_000);
		expect(d.reduce((a, b) => a + b, 0)).toBe(30 * 60_000);
		expect(d.length).toBeGreaterThan(120);
		expect(d.length).toBeLessThan(140);
	});
});

describe('pollUntil', () => {
	it('checks at once, then after each wait, until done; errors count as not done', async () => {
		let calls = 0;
		const r = await pollUntil(
			async () => {
				calls++;
				if (calls === 2) throw new Error('offline');
				return calls === 4 ? { done: true as const, value: 'paid' } : { done: false as const };
			},
			{ delays: [1, 1, 1, 1, 1] }
		);
		expect(r).toEqual({ timedOut: false, value: 'paid' });
		expect(calls).toBe(4);
	});

	it('gives up after the last wait and reports the last error', async () => {
		let calls = 0;
		const r = await pollUntil(async () => {
			calls++;
			throw new Error(`fail ${calls}`);
		}, { delays: [1, 1] });
		expect(calls).toBe(3);
		expect(r.timedOut).toBe(true);
		expect(r.timedOut && (r.lastError as Error).message).toBe('fail 3');
	});

	it('wakes early, and stops on abort', async () => {
		const sleeper = new WakeableSleep();
		let calls = 0;
		const started = Date.now();
		const pending = pollUntil(async () => (++calls === 2 ? { done: true as const, value: calls } : { done: false as const }), { delays: [60_000], sleeper });
		await new Promise((r) => setTimeout(r, 20));
		sleeper.wake();
		expect(await pending).toEqual({ timedOut: false, value: 2 });
		expect(Date.now() - started).toBeLessThan(5000);

		const controller = new AbortController();
		const aborted = pollUntil(async () => ({ done: false as const }), { delays: [60_000], signal: controller.signal });
		setTimeout(() => controller.abort(new Error('stopped')), 10);
		await expect(aborted).rejects.toThrow('stopped');
	});
});

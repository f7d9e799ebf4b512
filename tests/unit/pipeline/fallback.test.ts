/** withFallback / whenAborted (src/lib/pipeline/run/fallback.ts): the pipeline worker never waits forever on a helper worker. */
import { describe, expect, it } from 'vitest';
import { HelperTimeoutError, whenAborted, withFallback } from '../../../src/lib/pipeline/run/fallback';

const never = new Promise<never>(() => {});

describe('withFallback', () => {
	it('returns the call when it answers first, without calling the fallback', async () => {
		let fell = 0;
		await expect(withFallback(Promise.resolve(7), never, 1000, () => (fell++, -1))).resolves.toBe(7);
		expect(fell).toBe(0);
	});

	it('falls back when the helper breaks while the call hangs (a worker whose script failed to load)', async () => {
		let fail!: (e: Error) => void;
		const broken = new Promise<never>((_, reject) => (fail = reject));
		const reasons: unknown[] = [];
		const result = withFallback(never, broken, 60_000, () => 42, (r) => reasons.push(r));
		fail(new Error('quality worker: failed to start'));
		await expect(result).resolves.toBe(42);
		expect(String(reasons[0])).toContain('failed to start');
	});

	it('falls back after the time limit when nothing answers', async () => {
		const reasons: unknown[] = [];
		const t0 = performance.now();
		await expect(withFallback(never, never, 30, async () => 'here', (r) => reasons.push(r))).resolves.toBe('here');
		expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
		expect(reasons[0]).toBeInstanceOf(HelperTimeoutError);
	});

	it('falls back when the call rejects, and lets the fallback\'s own error through', async () => {
		await expect(withFallback(Promise.reject(new Error('not open')), never, 1000, () => 'here')).resolves.toBe('here');
		await expect(
			withFallback(Promise.reject(new Error('not open')), never, 1000, () => {
				throw new Error('fallback failed too');
			})
		).rejects.toThrow('fallback failed too');
	});
});

describe('whenAborted', () => {
	it('rejects with the abort reason, also for a signal aborted before', async () => {
		const c = new AbortController();
		const p = whenAborted(c.signal);
		c.abort(new Error('a photo arrived'));
		await expect(p).rejects.toThrow('a photo arrived');
		await expect(whenAborted(c.signal)).rejects.toThrow('a photo arrived');
	});
});

import { afterEach, describe, expect, it } from 'vitest';
import { setStageTracer, traced, tracedAsync } from '$lib/inference/trace';

describe('stage tracer (bench/models-stages.ts)', () => {
	afterEach(() => setStageTracer(null));

	it('reports each stage with the duration of the given clock and passes results through', async () => {
		let t = 100;
		const clock = () => t;
		const seen: [string, number][] = [];
		setStageTracer((stage, ms) => seen.push([stage, ms]), clock);
		const v = traced('a.prep', () => {
			t += 7;
			return 42;
		});
		const w = await tracedAsync('a.run', async () => {
			t += 2.5;
			await Promise.resolve();
			t += 0.5;
			return 'done';
		});
		expect(v).toBe(42);
		expect(w).toBe('done');
		expect(seen).toEqual([
			['a.prep', 7],
			['a.run', 3]
		]);
	});

	it('reports nothing once cleared, and a throwing stage is not reported', async () => {
		const seen: string[] = [];
		setStageTracer((stage) => seen.push(stage));
		expect(() =>
			traced('boom', () => {
				throw new Error('x');
			})
		).toThrow('x');
		setStageTracer(null);
		expect(traced('quiet', () => 1)).toBe(1);
		expect(await tracedAsync('quiet', async () => 2)).toBe(2);
		expect(seen).toEqual([]);
	});
});

/** BufferPool (src/lib/pipeline/run/buffer-pool.ts): reuse up to MAX_SLACK times the size asked, capacity, clear. */
import { describe, expect, it } from 'vitest';
import { BufferPool, MAX_SLACK } from '../../../src/lib/pipeline/run/buffer-pool';

describe('BufferPool', () => {
	it('gives back a kept buffer of exactly the size asked for, else makes a new one', () => {
		const made: number[] = [];
		const pool = new BufferPool((n) => (made.push(n), new ArrayBuffer(n)), 2);
		const a = pool.take(16);
		expect(made).toEqual([16]);
		new Uint8Array(a).fill(7);
		pool.give(a);
		expect(pool.size).toBe(1);
		// another size: new memory, the kept one stays
		const b = pool.take(32);
		expect(b).not.toBe(a);
		expect(made).toEqual([16, 32]);
		// the same size: the kept buffer, with its old content (callers overwrite it)
		const c = pool.take(16);
		expect(c).toBe(a);
		expect(new Uint8Array(c)[0]).toBe(7);
		expect(pool.size).toBe(0);
		expect(made).toEqual([16, 32]);
	});
	it('serves a request from the smallest kept buffer of 1 to MAX_SLACK times its size (the caller uses a view of it)', () => {
		expect(MAX_SLACK).toBe(1.5);
		const made: number[] = [];
		const pool = new BufferPool((n) => (made.push(n), new ArrayBuffer(n)), 4);
		// the warm-up's full-size working copy (1638x1997 RGBA, WARM_UP_TOP_CROP) and a larger one
		const warmUp = new ArrayBuffer(1638 * 1997 * 4), square = new ArrayBuffer(2048 * 2048 * 4);
		pool.give(square);
		pool.give(warmUp);
		// a 12 MP 4:3 photo's working copy (1500x2000): the smaller of the two that fit
		expect(pool.take(1500 * 2000 * 4)).toBe(warmUp);
		// 8 MB would leave more than half the 16.8 MB buffer unused: new memory
		expect(pool.take(8_000_000)).not.toBe(square);
		expect(made).toEqual([8_000_000]);
		// 1.5 times exactly still fits
		expect(pool.take((2048 * 2048 * 4) / 1.5)).toBe(square);
		expect(pool.size).toBe(0);
	});
	it('keeps at most `capacity` buffers (the oldest goes), and a buffer given twice once', () => {
		const pool = new BufferPool((n) => new ArrayBuffer(n), 2);
		const [a, b, c] = [new ArrayBuffer(8), new ArrayBuffer(8), new ArrayBuffer(8)];
		pool.give(a);
		pool.give(a);
		expect(pool.size).toBe(1);
		pool.give(b);
		pool.give(c);
		expect(pool.size).toBe(2);
		expect(pool.take(8)).toBe(b);
		expect(pool.take(8)).toBe(c);
		expect(pool.take(8)).not.toBe(a);
	});
	it('clear drops every buffer kept', () => {
		const pool = new BufferPool((n) => new SharedArrayBuffer(n), 4);
		const a = pool.take(8);
		pool.give(a);
		pool.clear();
		expect(pool.size).toBe(0);
		expect(pool.take(8)).not.toBe(a);
	});
	it('after clear, a buffer whose holder started before it is not kept (a photo the user deleted), a newer one is', () => {
		const pool = new BufferPool((n) => new ArrayBuffer(n), 4);
		// a photo takes its memory, is evicted while a call still runs on it, then the user deletes their data
		const epoch = pool.epoch;
		const old = pool.take(8);
		pool.clear();
		expect(pool.epoch).toBe(epoch + 1);
		// its call ends: recycle gives the buffer back with the epoch it started in
		pool.give(old, epoch);
		expect(pool.size).toBe(0);
		expect(pool.take(8)).not.toBe(old);
		// a photo from after the clear recycles as before (explicit epoch, or the default: now)
		const next = pool.take(8), other = pool.take(8);
		pool.give(next, pool.epoch);
		pool.give(other);
		expect(pool.size).toBe(2);
		expect(pool.take(8)).toBe(next);
	});
});

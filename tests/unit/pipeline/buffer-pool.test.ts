/** BufferPool (src/lib/pipeline/run/buffer-pool.ts): exact-size reuse, capacity, clear. */
import { describe, expect, it } from 'vitest';
import { BufferPool } from '../../../src/lib/pipeline/run/buffer-pool';

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
});

import { describe, expect, it } from 'vitest';
import { ScratchPool, sizeClass } from '../../../src/lib/memory/scratch';

describe('ScratchPool', () => {
	it('hands out zero-filled arrays of the asked length and reuses the memory given back, zeroed again', () => {
		const pool = new ScratchPool(1_000_000);
		const a = pool.f32(1000);
		expect(a.length).toBe(1000);
		expect(a.every((v) => v === 0)).toBe(true);
		a.fill(7);
		pool.give(a);
		expect(pool.size).toBe(1);
		const b = pool.f32(1000);
		expect(b.buffer).toBe(a.buffer);
		expect(b.every((v) => v === 0)).toBe(true);
		expect(pool.stats).toEqual({ taken: 2, reused: 1 });
		expect(pool.size).toBe(0);
	});

	it('shares a buffer between lengths of the same size class, and only between those', () => {
		// from 2048 to 4095 bytes the classes are 128 bytes apart (2^11 / 16): 4000 and 4092 bytes share the class 4096,
		// 3900 (class 3968) and 4200 do not
		expect(sizeClass(4000)).toBe(4096);
		expect(sizeClass(4092)).toBe(4096);
		expect(sizeClass(3900)).toBe(3968);
		expect(sizeClass(4200)).toBe(4352); // 4096 and more: 256 bytes apart
		expect(sizeClass(10)).toBe(64);
		const pool = new ScratchPool(1_000_000);
		const a = pool.u8(4000);
		pool.give(a);
		const b = pool.f32(1023); // 4092 bytes
		expect(b.buffer).toBe(a.buffer);
		expect(b.length).toBe(1023);
		pool.give(b);
		expect(pool.u8(4200).buffer).not.toBe(a.buffer);
	});

	it('never keeps what it cannot safely reuse: subarrays of other memory, shared memory, empty arrays, a second give', () => {
		const pool = new ScratchPool(1_000_000);
		const big = new Float32Array(100);
		pool.give(big.subarray(0, 50), big.subarray(50));
		expect(pool.size).toBe(0);
		if (typeof SharedArrayBuffer !== 'undefined') pool.give(new Float32Array(new SharedArrayBuffer(400)));
		pool.give(new Float32Array(0), null, undefined);
		expect(pool.size).toBe(0);
		// nor a subarray of pooled memory that does not start at its first byte
		const pooled = pool.f32(100);
		pool.give(pooled.subarray(10));
		expect(pool.size).toBe(0);
		// a whole array made elsewhere is kept
		pool.give(big);
		pool.give(big);
		expect(pool.size).toBe(1);
		expect(pool.bytes).toBe(400);
	});

	it('keeps at most maxBytes, dropping the buffers given longest ago', () => {
		const pool = new ScratchPool(10_000);
		const a = pool.u8(4096);
		const b = pool.u8(4096);
		const c = pool.u8(4096);
		pool.give(a, b, c);
		expect(pool.bytes).toBe(8192);
		expect(pool.size).toBe(2);
		expect(pool.u8(4096).buffer).toBe(c.buffer);
		expect(pool.u8(4096).buffer).toBe(b.buffer);
		expect(pool.u8(4096).buffer).not.toBe(a.buffer);
		pool.give(new Uint8Array(20_000)); // larger than the pool: not kept
		expect(pool.size).toBe(0);
	});

	it('poison marks the memory given back (NaN / 255), and clear drops everything', () => {
		const pool = new ScratchPool(1_000_000);
		pool.poison = true;
		const a = pool.f32(16);
		const u = pool.u8(64);
		pool.give(a, u);
		expect(Number.isNaN(a[0]) && Number.isNaN(a[15])).toBe(true);
		expect(u[0]).toBe(255);
		pool.clear();
		expect(pool.size).toBe(0);
		expect(pool.bytes).toBe(0);
		expect(pool.f32(16).buffer).not.toBe(a.buffer);
	});

	it('rejects bad lengths', () => {
		const pool = new ScratchPool(1000);
		expect(() => pool.f32(-1)).toThrow(RangeError);
		expect(() => pool.u8(1.5)).toThrow(RangeError);
	});
});

/**
 * Scratch typed arrays kept from one call to the next: the temporary planes of the matting, the model inputs and their
 * block averages, taken zero-filled like a new array and given back when the code that took them is done.
 *
 * Why: in a browser worker, fresh typed-array memory is expensive. Measured on 2026-11-30 in a dedicated worker of
 * headless Debian Chromium 150 on this project's 2-core machine (a scratch page, 200 calls each): `new
 * Float32Array(n)` plus a write to every 16th element took 0.37 ms for n = 24,000 (96 KB), 1.7 ms for 100,000, 3.1 ms
 * for 250,000 (1 MB) and 47 ms for 3,000,000, against 0.005-0.8 ms for `fill(0)` of a kept array of the same size
 * (Node 20: 0.17 / 0.30 / 0.63 / 1.1 ms). The browser maps each new buffer afresh and every 4 KB page faults on its
 * first write (about 12 µs a page there); freeing it later unmaps it on the browser's pool threads, with TLB
 * shoot-downs that interrupt this thread too. `perf record -e page-faults` during `npm run bench` counted about 7,900
 * faults per 12 MP photo on the pipeline worker's thread, 4,600 of them JavaScript writes into new typed arrays (box
 * sums, local histograms, block averages of the model inputs), and `perf record -e cpu-clock` put about a third of that
 * thread's time in the kernel.
 *
 * Measured with `npm run bench -- --threads 2 --runs 8 --rounds 6 --compare` (12 MP photos, WASM 2 threads, the same
 * machine, both builds side by side): later photos 379 against 499 ms (median of 48), matte 102 against 184 ms, first
 * photo after the warm-up 906 against 1017 ms; an earlier run with 4 rounds gave 353 against 493 ms.
 *
 * Rules: a taken array is the caller's alone until it gives it back; after `give` nothing may read or write it (the
 * next `take` of that size class hands the same memory to someone else). Kept: arrays this pool handed out, and other
 * arrays that cover their whole buffer; subarrays of other memory, shared memory and detached buffers are ignored by
 * `give`. Memory kept holds derived data of a photo (colour planes, masks): the pipeline worker empties the pool with
 * the rest of its memory when the user deletes their data (`clear`).
 *
 * Not to be confused with BufferPool (pipeline/run/buffer-pool.ts), which keeps a photo's own pixel buffers (working
 * copy, shared copies, 12 MB each) for as long as its job lives, at exact sizes and not zeroed; this pool keeps the
 * temporaries of single calls.
 */
export class ScratchPool {
	private readonly free: ArrayBuffer[] = [];
	/** Buffers this pool made: a view of one of them may be shorter than its buffer (sizeClass) and still be given back. */
	private readonly made = new WeakSet<ArrayBuffer>();
	private kept = 0;
	/** Counts since the pool was made: arrays handed out, and how many of them reused a kept buffer. */
	readonly stats = { taken: 0, reused: 0 };
	/**
	 * Tests set this: a given buffer is then filled with 0xFF bytes (NaN in a Float32Array, 255 in a Uint8Array), so that
	 * code that still reads an array after giving it back computes visibly wrong values.
	 */
	poison = false;

	/** @param maxBytes most bytes kept; giving more drops the buffers given longest ago. */
	constructor(readonly maxBytes: number) {}

	/**
	 * An ArrayBuffer of sizeClass(bytes) bytes whose first `bytes` bytes are zero: the one given back most recently with
	 * that size, or a new one.
	 */
	private take(bytes: number): ArrayBuffer {
		const size = sizeClass(bytes);
		this.stats.taken++;
		for (let i = this.free.length - 1; i >= 0; i--) {
			const b = this.free[i];
			if (b.byteLength !== size) continue;
			this.free.splice(i, 1);
			this.kept -= size;
			this.stats.reused++;
			new Uint8Array(b, 0, bytes).fill(0);
			return b;
		}
		const b = new ArrayBuffer(size);
		this.made.add(b);
		return b;
	}

	/** Float32Array [n], zero-filled (a view of the first 4n bytes of a pooled buffer). @throws RangeError when n is not a non-negative integer. */
	f32(n: number): Float32Array<ArrayBuffer> {
		return new Float32Array(this.take(checkLength(n) * 4), 0, n);
	}

	/** Uint8ClampedArray [n] (RGBA pixels), zero-filled, as u8. @throws RangeError as f32. */
	u8c(n: number): Uint8ClampedArray<ArrayBuffer> {
		return new Uint8ClampedArray(this.take(checkLength(n)), 0, n);
	}

	/** Uint8Array [n], zero-filled (a view of the first n bytes of a pooled buffer). @throws RangeError as f32. */
	u8(n: number): Uint8Array<ArrayBuffer> {
		return new Uint8Array(this.take(checkLength(n)), 0, n);
	}

	/**
	 * Gives arrays back (null / undefined are skipped). Each must no longer be used by anyone, nor any other view of its
	 * memory. Kept: arrays this pool handed out, and arrays that cover their whole ArrayBuffer (e.g. a `new
	 * Float32Array(n)` that is done with). Ignored: subarrays that do not start at their buffer's first byte, other
	 * subarrays of memory this pool did not make, SharedArrayBuffer views, empty or detached arrays, and an array given
	 * twice.
	 */
	give(...arrays: (ArrayBufferView | null | undefined)[]): void {
		for (const a of arrays) {
			if (!a) continue;
			const b = a.buffer;
			if (!(b instanceof ArrayBuffer) || b.byteLength === 0 || b.byteLength > this.maxBytes) continue;
			if (a.byteOffset !== 0 || (a.byteLength !== b.byteLength && !this.made.has(b))) continue;
			if (this.free.includes(b)) continue;
			if (this.poison) new Uint8Array(b).fill(0xff);
			this.free.push(b);
			this.kept += b.byteLength;
		}
		while (this.kept > this.maxBytes) this.kept -= this.free.shift()!.byteLength;
	}

	/** Bytes kept now. */
	get bytes(): number {
		return this.kept;
	}

	/** Buffers kept now. */
	get size(): number {
		return this.free.length;
	}

	/** Drops every buffer kept (their memory is released once nothing refers to it). */
	clear(): void {
		this.free.length = 0;
		this.kept = 0;
	}
}

/**
 * Bytes of the pooled buffer for a request of `bytes` bytes: rounded up to a multiple of 1/16 of the power of two
 * below it (at most 6.25 % more; at least 64 bytes), so that planes of nearly equal sizes (the matting's band box
 * differs from photo to photo by a few px) share buffers. Project choice.
 */
export function sizeClass(bytes: number): number {
	if (bytes <= 64) return 64;
	const step = 2 ** Math.max(2, Math.floor(Math.log2(bytes)) - 4);
	return Math.ceil(bytes / step) * step;
}

function checkLength(n: number): number {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`scratch: bad length ${n}`);
	return n;
}

/**
 * Most bytes the shared pool keeps: 48 MB (1 MB = 10^6 bytes). Measured on 2026-11-30 in Node (analysis and render of
 * the shared portraits, eu-schengen-visa): one photo keeps 8.1 MB in 52 buffers at 300 dpi (413x531 px) and 18.7 MB at
 * 600 dpi; eight different photos in a row 38.6 MB at 300 dpi (their band boxes and model-input blocks differ in size)
 * and reach the cap at 600 dpi. Project choice: beyond it, the buffers given longest ago are dropped and left to the
 * garbage collector.
 */
export const SCRATCH_MAX_BYTES = 48_000_000;

/** The pool of this thread (each worker has its own module instance). */
export const scratch = new ScratchPool(SCRATCH_MAX_BYTES);

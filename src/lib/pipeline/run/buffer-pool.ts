/**
 * A kept buffer serves requests down to 1/1.5 of its size: the warm-up's full-size photo (1638x1997 px, 13.1 MB of
 * RGBA) then takes any 4:3 or 16:9 phone photo's working copy (4:3 at most 1536x2048, 12.6 MB; 16:9 at most 1152x2048,
 * 9.4 MB; a 4:5 one of 1638x2048, 13.4 MB, is larger and maps its own), while a small photo never holds a large buffer.
 */
export const MAX_SLACK = 1.5;

/**
 * Memory of photos a worker has dropped, kept for the next photo's pixels.
 *
 * Why: a 12 MP photo's working copy is 12 MB (1500x2000 RGBA) and the pipeline worker's copy of it in shared memory for
 * the quality worker another 12 MB. Memory of that size is mapped afresh by the browser for each new buffer, and each
 * 4 KB page faults on its first write while the kernel zeroes it: a system-wide `perf record -e cpu-clock` during
 * `npm run bench` (2026-11-30, 12 MP photos in a row) found the pipeline worker's thread ~50 ms per photo in the kernel,
 * mostly in page faults (exc_page_fault, clear_page_erms), and the browser's pool threads unmapping. A buffer taken back
 * from a photo the worker evicted is already mapped.
 *
 * A pooled buffer still holds the old photo's pixels: callers overwrite all of it, never show it, and clear the pool
 * when the user deletes their data (the pipeline worker's forgetAll).
 */
export class BufferPool<B extends ArrayBuffer | SharedArrayBuffer> {
	private readonly free: B[] = [];
	private clears = 0;

	/**
	 * @param make creates a new buffer of `bytes` bytes when none of that size is free.
	 * @param capacity most buffers kept; giving one more drops the oldest.
	 */
	constructor(
		private readonly make: (bytes: number) => B,
		readonly capacity: number
	) {}

	/**
	 * The smallest free buffer of `bytes` to MAX_SLACK·`bytes` bytes (old content), or a new one of `bytes` bytes. It may
	 * be longer than asked: callers use a view of its first `bytes` bytes.
	 */
	take(bytes: number): B {
		let best = -1;
		for (let i = 0; i < this.free.length; i++) {
			const n = this.free[i].byteLength;
			if (n >= bytes && n <= bytes * MAX_SLACK && (best < 0 || n < this.free[best].byteLength)) best = i;
		}
		return best >= 0 ? this.free.splice(best, 1)[0] : this.make(bytes);
	}

	/**
	 * Number of clear() calls so far. A holder that may give its buffer back after the user deleted their data records it
	 * when it takes the buffer and passes it to give.
	 */
	get epoch(): number {
		return this.clears;
	}

	/**
	 * Keeps `buffer` for a later take. Nothing else may use it afterwards. Giving the same buffer twice keeps it once.
	 * @param epoch the pool's epoch when the buffer's holder started (default: now); a buffer from before the last
	 *   clear() is not kept (it may hold the pixels of a photo the user deleted), it is left to the garbage collector.
	 */
	give(buffer: B, epoch = this.clears): void {
		if (epoch !== this.clears || this.free.includes(buffer)) return;
		this.free.push(buffer);
		while (this.free.length > this.capacity) this.free.shift();
	}

	/** Buffers kept now. */
	get size(): number {
		return this.free.length;
	}

	/** Drops every buffer kept (their memory is released when nothing else refers to it), and starts a new epoch. */
	clear(): void {
		this.free.length = 0;
		this.clears++;
	}
}

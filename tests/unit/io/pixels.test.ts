/**
 * decode/pixels.ts: decoder pixels (BGRX / RGBX, padding byte ignored) to upright RGBA with alpha 255, on the 32-bit
 * path and the byte path (unaligned data), with EXIF orientations, in place, into given memory, and into new memory.
 */
import { describe, expect, it } from 'vitest';
import { uprightRgba, type DecoderPixels } from '../../../src/lib/pipeline/decode/pixels';
import { applyOrientation } from '../../../src/lib/pipeline/decode/orientation';

/** 3x2 px with distinct channels: px i has R = 10 + i, G = 100 + i, B = 200 + i; padding bytes 7 (not 255). */
function stored(order: 'bgrx' | 'rgbx', offset = 0): DecoderPixels {
	const buf = new Uint8Array(offset + 3 * 2 * 4);
	const data = buf.subarray(offset);
	for (let i = 0; i < 6; i++) data.set(order === 'bgrx' ? [200 + i, 100 + i, 10 + i, 7] : [10 + i, 100 + i, 200 + i, 7], i * 4);
	return { width: 3, height: 2, order, orientation: 1, data };
}
const expected = Array.from({ length: 6 }, (_, i) => [10 + i, 100 + i, 200 + i, 255]).flat();

describe('uprightRgba', () => {
	it('reorders BGRX and RGBX to RGBA with alpha 255, on 32-bit words and on bytes (unaligned data)', () => {
		for (const order of ['bgrx', 'rgbx'] as const)
			for (const offset of [0, 1]) {
				const p = stored(order, offset);
				const before = Array.from(p.data);
				const out = uprightRgba(p);
				expect([out.width, out.height], `${order} +${offset}`).toEqual([3, 2]);
				expect(Array.from(out.data), `${order} +${offset}`).toEqual(expected);
				// not in place: the decoder pixels (possibly shared with another worker) are left as they were
				expect(Array.from(p.data)).toEqual(before);
				expect(out.data.buffer).not.toBe(p.data.buffer);
			}
	});
	it('converts in place when asked and the orientation is 1', () => {
		const p = stored('bgrx');
		const out = uprightRgba(p, true);
		expect(out.data.buffer).toBe(p.data.buffer);
		expect(Array.from(p.data)).toEqual(expected);
	});
	it('applies the EXIF orientation after the reordering (orientations 2–8): into new memory, or into `out` with the input as scratch', () => {
		const rgba = { width: 3, height: 2, data: new Uint8ClampedArray(expected) };
		for (let o = 2; o <= 8; o++) {
			const want = Array.from(applyOrientation(rgba, o).data);
			const size = o >= 5 ? [2, 3] : [3, 2];
			const p = { ...stored('bgrx'), orientation: o };
			const fresh = uprightRgba(p);
			expect([fresh.width, fresh.height], `orientation ${o}`).toEqual(size);
			expect(Array.from(fresh.data), `orientation ${o}`).toEqual(want);
			expect(p.data[3], `orientation ${o}: input untouched`).toBe(7);
			const q = { ...stored('bgrx'), orientation: o };
			const out = new Uint8ClampedArray(24);
			const placed = uprightRgba(q, true, out);
			expect(placed.data, `orientation ${o}: result in out`).toBe(out);
			expect(Array.from(out), `orientation ${o}`).toEqual(want);
			// the input was the scratch of the reordering
			expect(Array.from(q.data), `orientation ${o}: scratch`).toEqual(expected);
		}
		// orientation 6 (90° clockwise): upright row 0 is stored column 0 read bottom-up, px 3 then px 0
		const six = uprightRgba({ ...stored('rgbx'), orientation: 6 });
		expect(Array.from(six.data.subarray(0, 8))).toEqual([13, 103, 203, 255, 10, 100, 200, 255]);
	});
	it('orientation 1 with `out` and not in place: the result is written into `out`', () => {
		const out = new Uint8ClampedArray(24);
		const r = uprightRgba(stored('rgbx'), false, out);
		expect(r.data).toBe(out);
		expect(Array.from(out)).toEqual(expected);
	});
	it('works on data in a SharedArrayBuffer without writing to it', () => {
		const p = stored('bgrx');
		const shared = new Uint8Array(new SharedArrayBuffer(p.data.length));
		shared.set(p.data);
		const out = uprightRgba({ ...p, data: shared });
		expect(Array.from(out.data)).toEqual(expected);
		expect(shared[3]).toBe(7);
	});
	it('throws RangeError for a wrong data length or orientation', () => {
		expect(() => uprightRgba({ ...stored('bgrx'), width: 4 })).toThrow(RangeError);
		expect(() => uprightRgba({ ...stored('bgrx'), orientation: 9 })).toThrow(RangeError);
		expect(() => uprightRgba({ ...stored('bgrx'), orientation: 6 }, true, new Uint8ClampedArray(20))).toThrow(RangeError);
	});
});

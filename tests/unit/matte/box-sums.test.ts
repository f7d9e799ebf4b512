import { describe, expect, it } from 'vitest';
import { BoxFilter } from '../../../src/lib/pipeline/matte/box';
import { localHistograms } from '../../../src/lib/pipeline/matte/local-histogram';
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND, TRIMAP_UNKNOWN } from '../../../src/lib/pipeline/matte/trimap';

/** Window sum of src (w x h) over the (2r+1)^2 window at (x, y), clipped at the border, by brute force. */
function bruteSum(src: ArrayLike<number>, w: number, h: number, r: number, x: number, y: number): number {
	let s = 0;
	for (let j = Math.max(0, y - r); j <= Math.min(h - 1, y + r); j++) for (let i = Math.max(0, x - r); i <= Math.min(w - 1, x + r); i++) s += src[j * w + i];
	return s;
}

describe('box sums', () => {
	// every pixel, with windows wider than the image (r >= w), one pixel narrower (r = w - 1), r = 0 and the usual case:
	// the row sums run in three spans (growing, sliding, shrinking window), each of which must hold at every size
	for (const [w, h, r] of [
		[13, 9, 2],
		[5, 4, 7],
		[6, 3, 5],
		[7, 7, 0],
		[1, 6, 2],
		[40, 3, 3]
	])
		it(`BoxFilter.sum equals the brute-force window sum at every pixel (${w}x${h}, r ${r})`, () => {
			const src = Float32Array.from({ length: w * h }, (_, i) => ((i * 37) % 11) + 0.25);
			const out = new BoxFilter(w, h, r).sum(src);
			for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expect(out[y * w + x]).toBeCloseTo(bruteSum(src, w, h, r, x, y), 4);
		});

	it('localHistograms: each colour plane of the interleaved window counts equals BoxFilter.sum of its block counts', () => {
		// 30x22 px, blocks of s = 2 px (R = 12 → s = floor(12 / 6)), box radius round(12 / 2) = 6 blocks, 5 colours
		const w = 30,
			h = 22,
			k = 5,
			R = 12;
		const index = Uint8Array.from({ length: w * h }, (_, i) => (i * 7 + ((i / w) | 0)) % k);
		const samples = Uint8Array.from({ length: w * h }, (_, i) => [TRIMAP_FOREGROUND, TRIMAP_BACKGROUND, TRIMAP_UNKNOWN][(i * 5) % 3]);
		const hist = localHistograms(index, k, samples, w, h, R);
		expect([hist.s, hist.sw, hist.sh]).toEqual([2, 15, 11]);
		const sn = hist.sw * hist.sh;
		const box = new BoxFilter(hist.sw, hist.sh, 6);
		for (const [side, code, filtered, total] of [
			['fg', TRIMAP_FOREGROUND, hist.fg, hist.totF],
			['bg', TRIMAP_BACKGROUND, hist.bg, hist.totB]
		] as const) {
			const sums = new Float32Array(sn);
			for (let c = 0; c < k; c++) {
				const plane = new Float32Array(sn);
				for (let y = 0; y < h; y++)
					for (let x = 0; x < w; x++) {
						const i = y * w + x;
						if (samples[i] === code && index[i] === c) plane[Math.floor(y / 2) * hist.sw + Math.floor(x / 2)]++;
					}
				const expected = box.sum(plane);
				for (let j = 0; j < sn; j++) {
					expect(filtered[j * k + c], `${side} colour ${c} block ${j}`).toBe(expected[j]);
					sums[j] += expected[j];
				}
			}
			for (let j = 0; j < sn; j++) expect(total[j]).toBe(sums[j]);
		}
	});
});

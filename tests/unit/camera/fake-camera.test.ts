import { describe, expect, it } from 'vitest';
import { placePortrait, rgbaToI420, y4m } from './fake-camera';
import type { RgbaImage } from '../../../src/lib/types';

const solid = (w: number, h: number, rgb: [number, number, number]): RgbaImage => {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let i = 0; i < w * h; i++) data.set([...rgb, 255], i * 4);
	return { width: w, height: h, data };
};

describe('fake camera video', () => {
	it('BT.601 limited range: white, black, pure red', () => {
		expect([...rgbaToI420(solid(2, 2, [255, 255, 255]))]).toEqual([235, 235, 235, 235, 128, 128]);
		expect([...rgbaToI420(solid(2, 2, [0, 0, 0]))]).toEqual([16, 16, 16, 16, 128, 128]);
		expect([...rgbaToI420(solid(2, 2, [255, 0, 0]))]).toEqual([81, 81, 81, 81, 90, 240]);
	});

	it('writes a YUV4MPEG2 header and FRAME blocks', () => {
		const bytes = y4m(solid(4, 2, [0, 0, 0]), 2);
		const text = new TextDecoder('latin1').decode(bytes);
		expect(text.startsWith('YUV4MPEG2 W4 H2 F30:1 Ip A1:1 C420jpeg\nFRAME\n')).toBe(true);
		expect(bytes.length).toBe(39 + 2 * (6 + 12));
	});

	it('places a portrait point exactly, scaled and rolled', () => {
		const src = solid(20, 20, [200, 100, 50]);
		src.data.set([0, 0, 0, 255], (10 * 20 + 10) * 4); // a black pixel at (10, 10)
		// Pixel centre (10.5, 10.5) → frame (40.5, 30.5) at scale 1; the black pixel lands at frame px (40, 30).
		const f = placePortrait(src, 64, 48, { from: { x: 10.5, y: 10.5 }, to: { x: 40.5, y: 30.5 }, scale: 1, rollDeg: 0 });
		expect([...f.data.subarray((30 * 64 + 40) * 4, (30 * 64 + 40) * 4 + 4)]).toEqual([0, 0, 0, 255]);
		expect([...f.data.subarray(0, 4)]).toEqual([128, 128, 128, 255]);
		// Rolled 90° clockwise about the placed point: portrait px (15.5, 10.5) (right of it) goes below it.
		src.data.set([255, 255, 255, 255], (10 * 20 + 15) * 4);
		const r = placePortrait(src, 64, 48, { from: { x: 10.5, y: 10.5 }, to: { x: 40.5, y: 30.5 }, scale: 1, rollDeg: 90 });
		expect([...r.data.subarray((35 * 64 + 40) * 4, (35 * 64 + 40) * 4 + 3)]).toEqual([255, 255, 255]);
	});
});

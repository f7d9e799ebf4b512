/**
 * Test scenes for the background checks: the astronaut composited over a synthetic wall through its own person mask,
 * with a shadow, texture or objects of known size painted on the wall.
 */
import type { PersonMask, RgbaImage } from '$lib/types';
import { SRGB_TO_LINEAR, lightness, lightnessToY, linearToSrgb } from '$lib/quality/color';

/** Person alpha in [0,1] at image px (x, y) from the mask (0 outside its box). */
export function alphaAt(mask: PersonMask, x: number, y: number): number {
	const i = Math.floor((x + 0.5 - mask.box.x) * (mask.width / mask.box.width));
	const j = Math.floor((y + 0.5 - mask.box.y) * (mask.height / mask.box.height));
	if (i < 0 || j < 0 || i >= mask.width || j >= mask.height) return 0;
	return mask.data[j * mask.width + i];
}

/**
 * The person over a wall: out = α·image + (1 − α)·wall(x, y) in sRGB codes. `wall(x, y)` returns the wall's linear RGB
 * (each in [0,1]) at image px.
 */
export function composite(im: RgbaImage, mask: PersonMask, wall: (x: number, y: number) => [number, number, number]): RgbaImage {
	const out = new Uint8ClampedArray(im.data.length);
	for (let y = 0; y < im.height; y++)
		for (let x = 0; x < im.width; x++) {
			const a = alphaAt(mask, x, y);
			const w = wall(x, y);
			const o = (y * im.width + x) * 4;
			for (let c = 0; c < 3; c++) out[o + c] = Math.round(a * im.data[o + c] + (1 - a) * linearToSrgb(w[c]));
			out[o + 3] = 255;
		}
	return { width: im.width, height: im.height, data: out };
}

/** Linear RGB of an 8-bit sRGB colour. */
export const lin = (r: number, g: number, b: number): [number, number, number] => [SRGB_TO_LINEAR[r], SRGB_TO_LINEAR[g], SRGB_TO_LINEAR[b]];

/** Linear-light gain that lowers L* from `L` to `L − drop` on a neutral colour. */
export function gainForDrop(L: number, drop: number): number {
	return lightnessToY(L - drop) / lightnessToY(L);
}

/** L* of a neutral linear value. */
export const lOfLinear = (v: number) => lightness(v);

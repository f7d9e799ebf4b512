import sharp from 'sharp';
import type { RgbaImage } from '../../../src/lib/types';

/** Four-colour quadrant image: TL red, TR green, BL blue, BR yellow (asymmetric under all 8 orientations). */
export const QUAD = { tl: [220, 30, 30], tr: [30, 200, 40], bl: [30, 40, 210], br: [240, 220, 20] } as const;

export function quadImage(w: number, h: number, colours: readonly (readonly number[])[] = [QUAD.tl, QUAD.tr, QUAD.bl, QUAD.br]): RgbaImage {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const c = colours[(y < h / 2 ? 0 : 2) + (x < w / 2 ? 0 : 1)];
			data.set([c[0], c[1], c[2], 255], (y * w + x) * 4);
		}
	return { width: w, height: h, data };
}

export function px(img: RgbaImage, x: number, y: number): number[] {
	const i = (Math.round(y) * img.width + Math.round(x)) * 4;
	return Array.from(img.data.subarray(i, i + 4));
}

export function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>, n = 3): number {
	let m = 0;
	for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
	return m;
}

/** Quadrant centre colours of an image, in QUAD order tl, tr, bl, br. */
export function quadrants(img: RgbaImage): number[][] {
	const { width: w, height: h } = img;
	return [px(img, w / 4, h / 4), px(img, (3 * w) / 4, h / 4), px(img, w / 4, (3 * h) / 4), px(img, (3 * w) / 4, (3 * h) / 4)];
}

export function rawSharp(img: RgbaImage) {
	return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 4 } });
}

/** Mean absolute difference per RGB channel between two same-size images. */
export function meanAbsDiff(a: RgbaImage, b: RgbaImage): number {
	let s = 0;
	for (let i = 0; i < a.data.length; i += 4) s += Math.abs(a.data[i] - b.data[i]) + Math.abs(a.data[i + 1] - b.data[i + 1]) + Math.abs(a.data[i + 2] - b.data[i + 2]);
	return s / ((a.data.length / 4) * 3);
}

/** Minimal ISO-BMFF HEIF: ftyp, meta{hdlr-less pitm, iprp{ipco{ispe(thumb), ispe(primary), irot}, ipma}}. */
export function craftHeif(brand: string, w: number, h: number, irot = 0): Uint8Array {
	const box = (type: string, ...payload: number[][]) => {
		const body = payload.flat();
		const n = body.length + 8;
		return [n >>> 24, (n >> 16) & 255, (n >> 8) & 255, n & 255, ...[...type].map((c) => c.charCodeAt(0)), ...body];
	};
	const u32 = (v: number) => [v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255];
	const ftyp = box('ftyp', [...brand].map((c) => c.charCodeAt(0)), u32(0), [...'mif1'].map((c) => c.charCodeAt(0)), [...brand].map((c) => c.charCodeAt(0)));
	const pitm = box('pitm', [0, 0, 0, 0], [0, 1]);
	const ispeThumb = box('ispe', [0, 0, 0, 0], u32(160), u32(120));
	const ispeMain = box('ispe', [0, 0, 0, 0], u32(w), u32(h));
	const irotBox = box('irot', [irot / 90]);
	const ipco = box('ipco', ispeThumb, ispeMain, irotBox);
	// item 1 -> properties 2 (ispe main), 3 (irot); item 2 -> property 1 (thumb)
	const ipma = box('ipma', [0, 0, 0, 0], u32(2), [0, 1, 2, 2, 0x83], [0, 2, 1, 1]);
	const iprp = box('iprp', ipco, ipma);
	const meta = box('meta', [0, 0, 0, 0], pitm, iprp);
	return Uint8Array.from([...ftyp, ...meta, ...box('mdat', [1, 2, 3, 4, 5, 6, 7, 8])]);
}


type Side = 'top' | 'bottom' | 'left' | 'right';
/** TIFF 6.0 Orientation tag, verbatim: "The 0th row represents the visual <row0> of the image, and the 0th column represents the visual <col0>." */
const TIFF: Record<number, [Side, Side]> = {
	1: ['top', 'left'],
	2: ['top', 'right'],
	3: ['bottom', 'right'],
	4: ['bottom', 'left'],
	5: ['left', 'top'],
	6: ['right', 'top'],
	7: ['right', 'bottom'],
	8: ['left', 'bottom']
};

/** Builds the stored image a camera would write for upright `u` and orientation `o`, from the TIFF wording alone. */
export function storedFor(u: RgbaImage, o: number): RgbaImage {
	const [row0, col0] = TIFF[o];
	const W = u.width;
	const H = u.height;
	const horizontalRows = row0 === 'top' || row0 === 'bottom';
	const sw = horizontalRows ? W : H;
	const sh = horizontalRows ? H : W;
	const data = new Uint8ClampedArray(sw * sh * 4);
	for (let r = 0; r < sh; r++)
		for (let c = 0; c < sw; c++) {
			let x = 0;
			let y = 0;
			if (row0 === 'top') y = r;
			if (row0 === 'bottom') y = H - 1 - r;
			if (row0 === 'left') x = r;
			if (row0 === 'right') x = W - 1 - r;
			if (col0 === 'left') x = c;
			if (col0 === 'right') x = W - 1 - c;
			if (col0 === 'top') y = c;
			if (col0 === 'bottom') y = H - 1 - c;
			data.set(u.data.subarray((y * W + x) * 4, (y * W + x) * 4 + 4), (r * sw + c) * 4);
		}
	return { width: sw, height: sh, data };
}


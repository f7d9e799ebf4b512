/**
 * PNG encoding (8-bit RGBA, keeps transparency) with fast-png (pure JS, browser and Node), plus a
 * pHYs chunk with the print density. fast-png writes only IHDR, IDAT and IEND, so no metadata.
 */
import { encode as encodeFastPng } from 'fast-png';
import type { RgbaImage } from '../../types';
import { crc32 } from './crc32';

/** Pixels per metre for `dpi` (1 in = 0.0254 m exactly), rounded as PNG stores integers. */
export function dpiToPixelsPerMetre(dpi: number): number {
	return Math.round(dpi / 0.0254);
}

/**
 * pHYs chunk (PNG spec §11.3.5.3): length 9, "pHYs", X and Y pixels per unit (u32 BE),
 * unit specifier 1 (metre), CRC over type + data. 21 bytes.
 */
export function physChunk(dpi: number): Uint8Array {
	if (!(dpi > 0)) throw new RangeError(`dpi must be positive, got ${dpi}`);
	const ppm = dpiToPixelsPerMetre(dpi);
	const c = new Uint8Array(21);
	const v = new DataView(c.buffer);
	v.setUint32(0, 9);
	c.set([0x70, 0x48, 0x59, 0x73], 4); // "pHYs"
	v.setUint32(8, ppm);
	v.setUint32(12, ppm);
	c[16] = 1;
	v.setUint32(17, crc32(c.subarray(4, 17)));
	return c;
}

/**
 * Encodes `image` as 8-bit RGBA PNG (straight alpha, as stored) with a pHYs chunk placed right
 * after IHDR (pHYs must precede IDAT, §5.6). Returns the file bytes. Throws RangeError for dpi ≤ 0.
 */
export function encodePng(image: RgbaImage, options: { dpi: number }): Uint8Array {
	return insertPhys(encodeFastPng({ width: image.width, height: image.height, data: image.data, depth: 8, channels: 4 }), options.dpi);
}

/**
 * Puts a pHYs chunk stating `dpi` right after IHDR (PNG spec §11.3.5.3: pHYs must precede IDAT) and drops any pHYs
 * the encoder wrote. Throws RangeError when `png` does not start with a PNG signature and IHDR.
 */
export function insertPhys(png: Uint8Array, dpi: number): Uint8Array {
	const ihdrEnd = 8 + 8 + 13 + 4; // signature + IHDR (length, type, 13 data bytes, CRC)
	if (png.length < ihdrEnd || png[12] !== 0x49 || png[13] !== 0x48 || png[14] !== 0x44 || png[15] !== 0x52) throw new RangeError('not a PNG with IHDR');
	const parts: Uint8Array[] = [png.subarray(0, ihdrEnd), physChunk(dpi)];
	for (let p = ihdrEnd; p + 8 <= png.length; ) {
		const len = ((png[p] << 24) | (png[p + 1] << 16) | (png[p + 2] << 8) | png[p + 3]) >>> 0;
		const end = p + 12 + len;
		const isPhys = png[p + 4] === 0x70 && png[p + 5] === 0x48 && png[p + 6] === 0x59 && png[p + 7] === 0x73;
		if (!isPhys) parts.push(png.subarray(p, Math.min(end, png.length)));
		p = end;
	}
	const out = new Uint8Array(parts.reduce((n, x) => n + x.length, 0));
	let o = 0;
	for (const x of parts) {
		out.set(x, o);
		o += x.length;
	}
	return out;
}

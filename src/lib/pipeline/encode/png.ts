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
	const phys = physChunk(options.dpi);
	const png = encodeFastPng({ width: image.width, height: image.height, data: image.data, depth: 8, channels: 4 });
	const ihdrEnd = 8 + 8 + 13 + 4; // signature + IHDR (length, type, 13 data bytes, CRC)
	const out = new Uint8Array(png.length + phys.length);
	out.set(png.subarray(0, ihdrEnd), 0);
	out.set(phys, ihdrEnd);
	out.set(png.subarray(ihdrEnd), ihdrEnd + phys.length);
	return out;
}

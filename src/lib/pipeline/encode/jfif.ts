/**
 * JPEG marker-segment surgery (ITU-T T.81 Annex B) and the JFIF APP0 segment (ITU-T T.871 /
 * JFIF 1.02 §10.1): strips every APP0–APP15 and COM segment (EXIF, XMP, ICC, comments: no
 * metadata leaves the device) and writes one JFIF APP0 carrying the print density.
 */

/** One marker segment before the first SOS. `start` is the FF byte, `end` is one past the last byte. */
export interface JpegSegment {
	marker: number;
	start: number;
	end: number;
}

/** Largest COM payload: the 16-bit length field counts itself, so 65535 − 2 bytes (T.81 B.2.4.5). */
export const MAX_COM_PAYLOAD = 65533;

/**
 * Lists the segments from SOI up to and including SOS (whose `end` is the end of the SOS header;
 * entropy-coded data follows). Throws Error when the bytes are not a well-formed JPEG header.
 */
export function jpegSegments(b: Uint8Array): JpegSegment[] {
	if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) throw new Error('not a JPEG (no SOI marker)');
	const out: JpegSegment[] = [{ marker: 0xd8, start: 0, end: 2 }];
	let p = 2;
	while (p + 4 <= b.length) {
		if (b[p] !== 0xff) throw new Error(`JPEG marker expected at byte ${p}`);
		const marker = b[p + 1];
		const len = (b[p + 2] << 8) | b[p + 3];
		const seg = { marker, start: p, end: p + 2 + len };
		if (seg.end > b.length) throw new Error('JPEG segment runs past the end of the data');
		out.push(seg);
		if (marker === 0xda) return out;
		p = seg.end;
	}
	throw new Error('JPEG has no SOS segment');
}

/**
 * JFIF APP0, 18 bytes: FF E0, length 16, "JFIF\0", version 1.02, units 1 (dots per inch),
 * Xdensity, Ydensity (u16 big-endian), no thumbnail. Throws RangeError unless 1 ≤ dpi ≤ 65535 (integer).
 */
export function jfifApp0(dpi: number): Uint8Array {
	if (!Number.isInteger(dpi) || dpi < 1 || dpi > 65535) throw new RangeError(`dpi must be an integer in 1..65535, got ${dpi}`);
	return Uint8Array.of(0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x02, 0x01, dpi >> 8, dpi & 0xff, dpi >> 8, dpi & 0xff, 0x00, 0x00);
}

/**
 * COM segments (FF FE, length, payload of spaces) totalling exactly `bytes` bytes, split so that
 * no payload exceeds MAX_COM_PAYLOAD. A segment is at least 4 bytes, so `bytes` must be 0 or ≥ 4
 * (throws RangeError otherwise).
 */
export function comPadding(bytes: number): Uint8Array {
	if (bytes === 0) return new Uint8Array(0);
	if (!Number.isInteger(bytes) || bytes < 4) throw new RangeError(`COM padding must be 0 or ≥ 4 bytes, got ${bytes}`);
	const maxSeg = MAX_COM_PAYLOAD + 4;
	const count = Math.ceil(bytes / maxSeg);
	const out = new Uint8Array(bytes).fill(0x20);
	let p = 0;
	for (let i = 0; i < count; i++) {
		// Spread evenly so every segment has ≥ 4 bytes: bytes/count ≥ 4 whenever count ≥ 1 and bytes ≥ 4.
		const seg = Math.floor((bytes - p) / (count - i));
		const len = seg - 2;
		out[p] = 0xff;
		out[p + 1] = 0xfe;
		out[p + 2] = len >> 8;
		out[p + 3] = len & 0xff;
		p += seg;
	}
	return out;
}

/**
 * Rebuilds a JPEG: SOI, JFIF APP0 with `dpi`, optional COM padding of `padBytes` bytes, then every
 * original segment except APP0–APP15 (FF E0–EF) and COM (FF FE), then the scan data unchanged.
 */
export function rewriteJpegHeader(jpeg: Uint8Array, dpi: number, padBytes = 0): Uint8Array {
	const segs = jpegSegments(jpeg);
	const app0 = jfifApp0(dpi);
	const pad = comPadding(padBytes);
	const keep = segs.filter((s) => s.marker !== 0xd8 && !(s.marker >= 0xe0 && s.marker <= 0xef) && s.marker !== 0xfe);
	const scanStart = segs[segs.length - 1].end;
	const size = 2 + app0.length + pad.length + keep.reduce((n, s) => n + s.end - s.start, 0) + (jpeg.length - scanStart);
	const out = new Uint8Array(size);
	out[0] = 0xff;
	out[1] = 0xd8;
	let p = 2;
	out.set(app0, p);
	p += app0.length;
	out.set(pad, p);
	p += pad.length;
	for (const s of keep) {
		out.set(jpeg.subarray(s.start, s.end), p);
		p += s.end - s.start;
	}
	out.set(jpeg.subarray(scanStart), p);
	return out;
}

/**
 * Density from a JPEG's JFIF APP0 segment, in dots per inch (units 1 = dpi, 2 = dots per cm → ×2.54), or null when
 * the file has no JFIF density (units 0 = aspect ratio only) or is not a JPEG. Source: ITU-T T.871 (JFIF 1.02) §10.
 */
export function readJfifDpi(jpeg: Uint8Array): number | null {
	let segs: JpegSegment[];
	try {
		segs = jpegSegments(jpeg);
	} catch {
		return null;
	}
	const app0 = segs.find((s) => s.marker === 0xe0 && jpeg[s.start + 4] === 0x4a && jpeg[s.start + 5] === 0x46 && jpeg[s.start + 6] === 0x49 && jpeg[s.start + 7] === 0x46);
	if (!app0) return null;
	const units = jpeg[app0.start + 11];
	const x = (jpeg[app0.start + 12] << 8) | jpeg[app0.start + 13];
	if (units === 1) return x;
	if (units === 2) return Math.round(x * 2.54);
	return null;
}

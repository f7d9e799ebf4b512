/**
 * JPEG quantisation tables (ITU-T T.81 §B.2.4.1, DQT marker 0xFFDB) and an estimate of the IJG quality setting that
 * produced them (libjpeg jcparam.c scaling of the Annex K example tables: scale = q < 50 ? 5000/q : 200 − 2q,
 * entry = clamp(⌊(base·scale + 50)/100⌋, 1, 255)).
 */

/** ITU-T T.81 Annex K, Table K.1: example luminance quantisation table, natural (row-major) order. */
export const ANNEX_K_LUMINANCE = [
	16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109,
	103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99
];

/** Zig-zag index → natural (row-major) index (T.81 Figure A.6). */
export const ZIGZAG = [
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29,
	22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
];

/** True when the bytes start with the JPEG SOI marker FF D8 FF. */
export function isJpeg(bytes: Uint8Array | null | undefined): bytes is Uint8Array {
	return !!bytes && bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/**
 * Quantisation tables of a JPEG file by table id (0–3), each Uint16Array [64] in natural (row-major) order.
 * Reads marker segments from SOI up to the first SOS. Returns an empty map when the bytes are not a JPEG or are
 * truncated (never throws).
 */
export function readQuantTables(bytes: Uint8Array): Map<number, Uint16Array> {
	const tables = new Map<number, Uint16Array>();
	if (!isJpeg(bytes)) return tables;
	let p = 2;
	while (p + 4 <= bytes.length) {
		if (bytes[p] !== 0xff) break;
		const marker = bytes[p + 1];
		if (marker === 0xff) { p++; continue; } // fill byte
		if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { p += 2; continue; }
		if (marker === 0xda || marker === 0xd9) break; // SOS / EOI: tables come before the scan
		const len = (bytes[p + 2] << 8) | bytes[p + 3];
		const end = p + 2 + len;
		if (len < 2 || end > bytes.length) break;
		if (marker === 0xdb) {
			let q = p + 4;
			while (q < end) {
				const pq = bytes[q] >> 4, tq = bytes[q] & 15;
				q++;
				const size = pq ? 128 : 64;
				if (q + size > end) break;
				const t = new Uint16Array(64);
				for (let k = 0; k < 64; k++) t[ZIGZAG[k]] = pq ? (bytes[q + 2 * k] << 8) | bytes[q + 2 * k + 1] : bytes[q + k];
				tables.set(tq, t);
				q += size;
			}
		}
		p = end;
	}
	return tables;
}

/** IJG (libjpeg) luminance table for quality q in [1,100], baseline (entries ≤ 255). */
export function ijgTable(q: number): number[] {
	const s = q < 50 ? 5000 / q : 200 - 2 * q;
	return ANNEX_K_LUMINANCE.map((b) => Math.min(255, Math.max(1, Math.floor((b * s + 50) / 100))));
}

/**
 * IJG quality (1–100) whose luminance table is nearest (sum of |differences|) to `table`, with the mean absolute
 * difference per entry of that fit (0 for a libjpeg / jpeg-js / sharp file; larger for cameras' own tables, where
 * the quality is an equivalent).
 */
export function estimateJpegQuality(table: Uint16Array): { quality: number; fitError: number } {
	let best = 1, bestErr = Infinity;
	for (let q = 1; q <= 100; q++) {
		const t = ijgTable(q);
		let e = 0;
		for (let i = 0; i < 64; i++) e += Math.abs(t[i] - table[i]);
		if (e < bestErr) { bestErr = e; best = q; }
	}
	return { quality: best, fitError: bestErr / 64 };
}

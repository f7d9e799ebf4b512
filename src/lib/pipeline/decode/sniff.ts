/**
 * Format detection by magic bytes (never by file name or MIME type, which users and
 * browsers get wrong). Signatures:
 * - JPEG: FF D8 FF (ITU-T T.81 Annex B: SOI marker followed by another marker)
 * - PNG: 89 50 4E 47 0D 0A 1A 0A (PNG spec 3rd ed., §5.2)
 * - WebP: "RIFF" <u32 size> "WEBP" (RFC 9649 §2.5)
 * - AVIF / HEIC: ISO-BMFF "ftyp" box at offset 4; brand tells which (ISO/IEC 23008-12 Annex B
 *   for heic/heix/hevc/hevx/mif1/msf1, AV1 Image File Format §9 for avif/avis)
 * - GIF: "GIF87a" / "GIF89a"; BMP: "BM"
 * - SVG: XML text whose first KiB contains "<svg"
 */

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'heic' | 'gif' | 'bmp' | 'svg' | 'unknown';

const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1', 'mif2']);

function ascii(bytes: Uint8Array, start: number, length: number): string {
	let s = '';
	for (let i = start; i < start + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
	return s;
}

/**
 * ISO-BMFF brands of the leading `ftyp` box: major brand first, then compatible brands.
 * Returns [] when the bytes do not start with an ftyp box.
 */
export function ftypBrands(bytes: Uint8Array): string[] {
	if (bytes.length < 16 || ascii(bytes, 4, 4) !== 'ftyp') return [];
	const size = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
	const end = Math.min(bytes.length, size >= 16 ? size : bytes.length);
	const brands = [ascii(bytes, 8, 4)];
	for (let p = 16; p + 4 <= end; p += 4) brands.push(ascii(bytes, p, 4));
	return brands;
}

/** Detects the container format from the first bytes of a file. `bytes` may be just a prefix (≥ 32 bytes for ISO-BMFF brand lists, 1 KiB for SVG). */
export function sniffFormat(bytes: Uint8Array): ImageFormat {
	const b = bytes;
	if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
	if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 3) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a)
		return 'png';
	if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
	const brands = ftypBrands(b);
	if (brands.length) {
		// An AVIF may also list mif1; the AV1 brand decides. Major brand is checked first.
		if (brands.some((x) => AVIF_BRANDS.has(x))) return 'avif';
		if (brands.some((x) => HEIF_BRANDS.has(x))) return 'heic';
	}
	if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif';
	if (b.length >= 26 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
	if (looksLikeSvg(b)) return 'svg';
	return 'unknown';
}

function looksLikeSvg(b: Uint8Array): boolean {
	let text = ascii(b, 0, 1024);
	if (text.charCodeAt(0) === 0xef) text = text.slice(3); // UTF-8 BOM
	text = text.trimStart();
	if (!text.startsWith('<')) return false;
	return /<svg[\s>]/i.test(text);
}

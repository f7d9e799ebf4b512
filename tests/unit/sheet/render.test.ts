import { inflateSync } from 'node:zlib';
import jpegJs from 'jpeg-js';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { encodeJpeg, jpegSegments } from '../../../src/lib/pipeline/encode';
import { layoutSheet, mmToPx, renderSheetJpeg, renderSheetPdf, renderSheetRgba } from '../../../src/lib/sheet';
import type { RgbaImage } from '../../../src/lib/types';

/** 35×45 mm photo at 300 dpi = 413×531 px, solid mid blue with a red top row band. */
function photo(w = 413, h = 531): RgbaImage {
	const data = new Uint8ClampedArray(w * h * 4);
	for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data.set(y < h / 4 ? [200, 20, 20, 255] : [20, 60, 180, 255], (y * w + x) * 4);
	return { width: w, height: h, data };
}

describe('renderSheetJpeg / renderSheetRgba', () => {
	it('pixel size = paper mm × dpi / 25.4 rounded; JFIF dpi set', () => {
		const l = layoutSheet('4x6in', { w: 35, h: 45 });
		const b = renderSheetJpeg(l, photo(), 300);
		const d = jpegJs.decode(b, { useTArray: true });
		expect([d.width, d.height]).toEqual([1800, 1200]); // 152.4 mm × 300 / 25.4 = 1800, 101.6 → 1200
		expect(Array.from(b.subarray(13, 18))).toEqual([1, 0x01, 0x2c, 0x01, 0x2c]);
		expect(jpegSegments(b).some((s) => s.marker === 0xe1)).toBe(false);
		const a4 = renderSheetRgba(layoutSheet('A4', { w: 35, h: 45 }), photo(), 150);
		expect([a4.width, a4.height]).toEqual([Math.round((210 * 150) / 25.4), Math.round((297 * 150) / 25.4)]); // 1240 × 1754
		expect([a4.width, a4.height]).toEqual([1240, 1754]);
	});
	it('photos land in their cells, paper is white, ticks are dark and outside photos', () => {
		const l = layoutSheet('4x6in', { w: 35, h: 45 });
		const dpi = 300;
		const img = renderSheetRgba(l, photo(), dpi);
		const at = (xMm: number, yMm: number) => {
			const i = (mmToPx(yMm, dpi) * img.width + mmToPx(xMm, dpi)) * 4;
			return Array.from(img.data.subarray(i, i + 3));
		};
		for (const c of l.cells) {
			expect(at(c.xMm + c.wMm / 2, c.yMm + c.hMm * 0.1)).toEqual([200, 20, 20]);
			expect(at(c.xMm + c.wMm / 2, c.yMm + c.hMm * 0.75)).toEqual([20, 60, 180]);
		}
		expect(at(1, 1)).toEqual([255, 255, 255]);
		for (const t of l.ticks) expect(at((t.x1 + t.x2) / 2, (t.y1 + t.y2) / 2)).toEqual([0, 0, 0]);
		// Every black pixel lies outside every cell's pixel rectangle.
		const rects = l.cells.map((c) => [mmToPx(c.xMm, dpi), mmToPx(c.yMm, dpi), mmToPx(c.xMm + c.wMm, dpi), mmToPx(c.yMm + c.hMm, dpi)]);
		let black = 0;
		for (let y = 0; y < img.height; y++)
			for (let x = 0; x < img.width; x++) {
				const i = (y * img.width + x) * 4;
				if (img.data[i] === 0 && img.data[i + 1] === 0 && img.data[i + 2] === 0) {
					black++;
					expect(rects.some(([x0, y0, x1, y1]) => x >= x0 && x < x1 && y >= y0 && y < y1)).toBe(false);
				}
			}
		expect(black).toBeGreaterThan(100);
	});
	it('resamples a photo of another pixel size into the cell', () => {
		const l = layoutSheet('4x6in', { w: 35, h: 45 });
		const img = renderSheetRgba(l, photo(826, 1062), 300); // 600-dpi photo onto a 300-dpi sheet
		const c = l.cells[0];
		const i = (mmToPx(c.yMm + 30, 300) * img.width + mmToPx(c.xMm + 10, 300)) * 4;
		expect(Array.from(img.data.subarray(i, i + 3))).toEqual([20, 60, 180]);
	});
});

describe('renderSheetPdf', () => {
	it('page size in points is exact, photo embedded once, one draw per cell', async () => {
		const l = layoutSheet('4x6in', { w: 35, h: 45 });
		const jpg = encodeJpeg(photo(), { quality: 90, dpi: 300 });
		const pdfBytes = await renderSheetPdf(l, jpg);
		const doc = await PDFDocument.load(pdfBytes);
		expect(doc.getPageCount()).toBe(1);
		const { width, height } = doc.getPage(0).getSize();
		expect(width).toBeCloseTo(432, 9); // 6 in × 72 (landscape)
		expect(height).toBeCloseTo(288, 9); // 4 in × 72
		const images = doc.context.enumerateIndirectObjects().filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'));
		expect(images.length).toBe(1);
		const img = images[0][1] as PDFRawStream;
		expect(img.dict.get(PDFName.of('Filter'))).toBe(PDFName.of('DCTDecode'));
		expect(Buffer.compare(Buffer.from(img.contents), Buffer.from(jpg))).toBe(0); // JPEG bytes embedded untouched
		// Page content streams (FlateDecode), inflated.
		const text = doc.context
			.enumerateIndirectObjects()
			.filter(([, o]) => o instanceof PDFRawStream && o.dict.get(PDFName.of('Subtype')) !== PDFName.of('Image'))
			.map(([, o]) => {
				const s = o as PDFRawStream;
				return (s.dict.get(PDFName.of('Filter')) === PDFName.of('FlateDecode') ? inflateSync(s.contents) : Buffer.from(s.contents)).toString('latin1');
			})
			.join('\n');
		const doOps = text.match(/\/Image-\d+ Do/g) ?? [];
		expect(doOps.length).toBe(8);
		// First cell: x = 3.2 mm, y from the bottom = 101.6 − 4.8 − 45 = 51.8 mm → 9.0709 pt, 146.8346 pt; 35×45 mm → 99.2126×127.5591 pt
		expect(text).toMatch(/1 0 0 1 9\.0708\d* 146\.8346\d* cm\s+1 0 0 1 0 0 cm\s+99\.2125\d* 0 0 127\.5590\d* 0 0 cm/);
		// All 8 Do operators reference the same image stream.
		const xobjects = doc.getPage(0).node.Resources()!.get(PDFName.of('XObject'))!.toString();
		expect(new Set(xobjects.match(/\d+ 0 R/g)).size).toBe(1);
		// Ticks: one stroked segment each, 0.25 pt wide.
		expect((text.match(/ l\s+S/g) ?? []).length).toBe(l.ticks.length);
		expect(text).toContain('0.25 w');
	});
	it('A4 portrait: 595.2756 × 841.8898 pt', async () => {
		const l = layoutSheet('A4', { w: 35, h: 45 });
		const doc = await PDFDocument.load(await renderSheetPdf(l, encodeJpeg(photo(), { quality: 80, dpi: 300 })));
		const { width, height } = doc.getPage(0).getSize();
		expect(width).toBeCloseTo((210 / 25.4) * 72, 6);
		expect(height).toBeCloseTo((297 / 25.4) * 72, 6);
	});
});

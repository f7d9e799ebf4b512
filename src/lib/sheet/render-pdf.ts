/**
 * Vector print sheet: a one-page PDF at the paper's exact physical size (1 pt = 1/72 in,
 * PDF 32000-1 §8.3.2.3), the photo JPEG embedded once (DCTDecode, pixels untouched) and drawn
 * in every cell, cut ticks as thin stroked lines.
 */
import { PDFDocument, rgb } from 'pdf-lib';
import type { SheetLayout } from './layout';
import { mmToPt } from './papers';

export interface SheetPdfOptions {
	/** Tick stroke width, pt. Default 0.25 pt (≈ 0.09 mm). */
	tickWidthPt?: number;
}

/**
 * Builds the PDF and returns its bytes. Page size = layout.paperMm in points; y is flipped
 * because PDF user space has its origin at the bottom-left. No document metadata is written
 * beyond what PDF requires (pdf-lib's default Producer/Creator/dates are disabled).
 * Throws when `photoJpegBytes` is not a JPEG pdf-lib can embed.
 */
export async function renderSheetPdf(layout: SheetLayout, photoJpegBytes: Uint8Array, options: SheetPdfOptions = {}): Promise<Uint8Array> {
	const doc = await PDFDocument.create({ updateMetadata: false });
	const pageW = mmToPt(layout.paperMm.w);
	const pageH = mmToPt(layout.paperMm.h);
	const page = doc.addPage([pageW, pageH]);
	const img = await doc.embedJpg(photoJpegBytes);
	for (const c of layout.cells) {
		page.drawImage(img, { x: mmToPt(c.xMm), y: pageH - mmToPt(c.yMm + c.hMm), width: mmToPt(c.wMm), height: mmToPt(c.hMm) });
	}
	const thickness = options.tickWidthPt ?? 0.25;
	for (const t of layout.ticks) {
		page.drawLine({ start: { x: mmToPt(t.x1), y: pageH - mmToPt(t.y1) }, end: { x: mmToPt(t.x2), y: pageH - mmToPt(t.y2) }, thickness, color: rgb(0, 0, 0) });
	}
	return doc.save({ useObjectStreams: false });
}

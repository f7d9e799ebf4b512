/** Print-sheet stage: copies of the finished photo on photo paper, as a JPEG (dpi set) or a PDF of the exact size. */
import type { PhotoSpec } from '../../specs';
import type { RgbaImage } from '../../types';
import type { SheetPaper } from '../api';
import { layoutSheet, renderSheetJpeg, renderSheetPdf, type PaperId, type SheetLayout } from '../../sheet';
import { PipelineError } from './errors';

/** The UI's and CLI's paper names → the sheet module's paper ids. */
export const SHEET_PAPERS: Record<SheetPaper, PaperId> = { '4x6': '4x6in', '5x7': '5x7in', '10x15': '10x15cm', a4: 'A4', letter: 'Letter' };

export function isSheetPaper(s: string): s is SheetPaper {
	return Object.hasOwn(SHEET_PAPERS, s);
}

/**
 * Physical size of one photo, mm: the spec's print size, or for digital-only specs the pixel size at `dpi`.
 */
export function photoSizeMm(spec: PhotoSpec, widthPx: number, heightPx: number, dpi: number): { w: number; h: number } {
	if (spec.print) return { w: spec.print.widthMm, h: spec.print.heightMm };
	return { w: (widthPx / dpi) * 25.4, h: (heightPx / dpi) * 25.4 };
}

export interface SheetInput {
	spec: PhotoSpec;
	/** Finished photo, opaque RGBA. */
	image: RgbaImage;
	/** Finished photo as JPEG (embedded as is in the PDF). */
	jpeg: Uint8Array;
	dpi: number;
}

/**
 * Lays out and renders a print sheet.
 * @returns JPEG bytes (JFIF density = `dpi`) or PDF bytes (page = paper size in points).
 * @throws PipelineError 'cannot-comply' when the photo does not fit on the paper.
 */
export async function makeSheet(input: SheetInput, paper: SheetPaper, format: 'jpeg' | 'pdf'): Promise<{ bytes: Uint8Array; layout: SheetLayout }> {
	const mm = photoSizeMm(input.spec, input.image.width, input.image.height, input.dpi);
	const layout = layoutSheet(SHEET_PAPERS[paper], mm);
	if (layout.cells.length === 0) throw new PipelineError('cannot-comply', `A ${mm.w} x ${mm.h} mm photo does not fit on ${paper} paper.`);
	const bytes = format === 'pdf' ? await renderSheetPdf(layout, input.jpeg) : renderSheetJpeg(layout, input.image, input.dpi);
	return { bytes, layout };
}

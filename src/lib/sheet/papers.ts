/**
 * Photo-paper and office-paper sizes, portrait, mm. Inch sizes are exact (1 in = 25.4 mm,
 * international yard and pound agreement 1959); A4 from ISO 216; Letter from ANSI/ASME Y14.1.
 */
export type PaperId = '4x6in' | '5x7in' | '10x15cm' | 'A4' | 'Letter';

export interface PaperSize {
	id: PaperId;
	label: string;
	/** Portrait width and height, mm (w ≤ h). */
	wMm: number;
	hMm: number;
}

export const PAPERS: Record<PaperId, PaperSize> = {
	'4x6in': { id: '4x6in', label: '4 × 6 in', wMm: 101.6, hMm: 152.4 },
	'5x7in': { id: '5x7in', label: '5 × 7 in', wMm: 127, hMm: 177.8 },
	'10x15cm': { id: '10x15cm', label: '10 × 15 cm', wMm: 100, hMm: 150 },
	A4: { id: 'A4', label: 'A4', wMm: 210, hMm: 297 },
	Letter: { id: 'Letter', label: 'US Letter', wMm: 215.9, hMm: 279.4 }
};

/** Millimetres per inch (exact). */
export const MM_PER_INCH = 25.4;
/** PostScript/PDF points per inch (PDF 32000-1:2008 §8.3.2.3: default user space unit 1/72 in). */
export const PT_PER_INCH = 72;

/** mm → px at `dpi`, rounded to the nearest pixel. */
export function mmToPx(mm: number, dpi: number): number {
	return Math.round((mm * dpi) / MM_PER_INCH);
}

/** mm → PDF points (not rounded). */
export function mmToPt(mm: number): number {
	return (mm / MM_PER_INCH) * PT_PER_INCH;
}

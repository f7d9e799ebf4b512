/**
 * Print-sheet papers offered in the UI (`SheetPaper` in the pipeline contract).
 * Sizes are the nominal photo-paper and office-paper sizes: 4x6 in = 101.6 x 152.4 mm,
 * 5x7 in = 127 x 177.8 mm, 10x15 cm = 100 x 150 mm, A4 = 210 x 297 mm (ISO 216),
 * Letter = 8.5 x 11 in = 215.9 x 279.4 mm (ANSI/ASME Y14.1).
 */
import type { SheetPaper } from '$lib/pipeline/api';

export interface PaperOption {
	id: SheetPaper;
	label: string;
	widthMm: number;
	heightMm: number;
}

export const PAPERS: readonly PaperOption[] = [
	{ id: '4x6', label: '4 × 6 in photo', widthMm: 101.6, heightMm: 152.4 },
	{ id: '10x15', label: '10 × 15 cm photo', widthMm: 100, heightMm: 150 },
	{ id: '5x7', label: '5 × 7 in photo', widthMm: 127, heightMm: 177.8 },
	{ id: 'a4', label: 'A4', widthMm: 210, heightMm: 297 },
	{ id: 'letter', label: 'US Letter', widthMm: 215.9, heightMm: 279.4 }
];

/**
 * Default paper for the user's region, guessed on the device from the country code that the
 * spec library suggests: US and CA use inch photo paper, everyone else 10x15 cm.
 */
export function defaultPaper(country: string | null | undefined): SheetPaper {
	return country === 'US' || country === 'CA' ? '4x6' : '10x15';
}

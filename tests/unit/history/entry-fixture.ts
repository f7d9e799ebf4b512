/**
 * A minimal history entry for store tests: a 413 x 531 px (35 x 45 mm at 300 dpi) Schengen-visa photo with a
 * 3-byte JPEG and PNG stand-in (the store keeps bytes as given; no decoding happens in these tests).
 */
import type { HistoryEntryInput, OrderRecord } from '../../../src/lib/history/types';
import type { PhotoReport, RenderResult, RenderSettings } from '../../../src/lib/pipeline/api';

export function entry(jobId: string): HistoryEntryInput {
	return {
		jobId,
		specId: 'eu-schengen-visa',
		settings: { background: '#f0f0f0', headScale: 0, offsetXPx: 0, offsetY: 0, dpi: 300 },
		report: { spec: { id: 'eu-schengen-visa', name: 'Schengen visa' } } as PhotoReport,
		widthPx: 413,
		heightPx: 531,
		dpi: 300,
		jpeg: new Uint8Array([0xff, 0xd8, 1]),
		png: new Uint8Array([0x89, 0x50, 2])
	};
}

/** Neutral render settings of that photo (white-ish background, target head size, 300 dpi). */
export const SETTINGS: RenderSettings = { background: '#f0f0f0', headScale: 0, offsetXPx: 0, offsetY: 0, dpi: 300 };

/** A render result of that photo as the recorder receives it (4-byte JPEG and PNG stand-ins). */
export function renderResult(jobId: string): RenderResult {
	return {
		jobId,
		jpeg: new Uint8Array([0xff, 0xd8, 0xff, 0xd9]),
		bytes: 4,
		widthPx: 413,
		heightPx: 531,
		dpi: 300,
		report: { spec: { id: 'eu-schengen-visa', name: 'Schengen visa' } }
	} as unknown as RenderResult;
}

/** The PNG cut-out the history keeps with renderResult's photos (recordRender's `png`). */
export const CUTOUT_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
export const cutout = async (): Promise<Uint8Array> => CUTOUT_PNG;

/** A pending order (no receipt yet) for the photo of `jobId`: 4.99 EUR for the digital set. */
export function pendingOrder(jobId: string): OrderRecord {
	return {
		orderId: '0123456789abcdef0123456789abcdef',
		sku: 'digital-set',
		jobId,
		specId: 'eu-schengen-visa',
		productName: 'Digital set',
		amount: 499,
		currency: 'eur',
		createdAt: 1,
		updatedAt: 1,
		status: 'pending',
		receipt: null
	};
}

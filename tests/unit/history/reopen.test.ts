import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../../src/lib/history/store';
import { loadForReopen, reopenHref, REOPEN_PARAM } from '../../../src/lib/history/reopen';
import type { HistoryEntryInput } from '../../../src/lib/history/types';
import type { PhotoReport } from '../../../src/lib/pipeline/api';

const ORIGINAL = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 42, 43]);

function entry(jobId: string, withOriginal = true): HistoryEntryInput {
	return {
		jobId,
		specId: 'eu-schengen-visa',
		settings: { background: '#DCDCDC', headScale: 0.5, offsetXPx: -3, offsetY: 0.25, dpi: 600 },
		report: { spec: { id: 'eu-schengen-visa', name: 'Schengen visa' } } as PhotoReport,
		widthPx: 413,
		heightPx: 531,
		dpi: 600,
		jpeg: new Uint8Array([0xff, 0xd8, 1]),
		png: new Uint8Array([0x89, 0x50, 2]),
		original: withOriginal ? Object.assign(new Blob([ORIGINAL], { type: 'image/png' }), { name: 'me at home.png' }) : undefined
	};
}

describe('reopen from the history', () => {
	it('builds the studio address with the document and the item id, URL-encoded', () => {
		expect(reopenHref('./', { id: 'a b:eu-schengen-visa', specId: 'eu-schengen-visa' })).toBe(
			`./?spec=eu-schengen-visa&${REOPEN_PARAM}=a+b%3Aeu-schengen-visa`
		);
		const url = new URL(reopenHref('https://app.example/', { id: 'j&1:x', specId: 'x' }));
		expect([url.searchParams.get('spec'), url.searchParams.get('reopen')]).toEqual(['x', 'j&1:x']);
	});

	it('gives back the original photo (bytes, name, type) and the stored settings', async () => {
		const store = new HistoryStore({ factory: new IDBFactory() });
		const item = await store.save(entry('job-1'));
		const found = await loadForReopen(store, item.id);
		expect(found).not.toBeNull();
		expect(found!.itemId).toBe('job-1:eu-schengen-visa');
		expect(found!.specId).toBe('eu-schengen-visa');
		expect(found!.settings).toEqual({ background: '#DCDCDC', headScale: 0.5, offsetXPx: -3, offsetY: 0.25, dpi: 600 });
		expect(found!.file.name).toBe('me at home.png');
		expect(found!.file.type).toBe('image/png');
		expect(new Uint8Array(await found!.file.arrayBuffer())).toEqual(ORIGINAL);
	});

	it('returns null for an item without its original, and for a deleted item', async () => {
		const store = new HistoryStore({ factory: new IDBFactory() });
		const bare = await store.save(entry('job-2', false));
		expect(await loadForReopen(store, bare.id)).toBeNull();
		const full = await store.save(entry('job-3'));
		await store.delete([full.id]);
		expect(await loadForReopen(store, full.id)).toBeNull();
		expect(await loadForReopen(store, 'never:saved')).toBeNull();
	});
});

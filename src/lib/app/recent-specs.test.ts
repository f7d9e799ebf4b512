import { describe, expect, it } from 'vitest';
import { MAX_RECENT, readRecentSpecIds, rememberSpecId, type KeyValueStorage } from './recent-specs';

function memory(initial?: string): KeyValueStorage & { data: Map<string, string> } {
	const data = new Map<string, string>();
	if (initial !== undefined) data.set('idphoto.recentSpecs', initial);
	return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('recent specs', () => {
	it('puts the newest first, deduplicates and caps the list', () => {
		const store = memory();
		expect(rememberSpecId('us-passport', store)).toEqual(['us-passport']);
		rememberSpecId('cn-visa', store);
		expect(rememberSpecId('us-passport', store)).toEqual(['us-passport', 'cn-visa']);
		for (const id of ['a', 'b', 'c', 'd']) rememberSpecId(id, store);
		expect(readRecentSpecIds(store)).toEqual(['d', 'c', 'b', 'a']);
		expect(readRecentSpecIds(store)).toHaveLength(MAX_RECENT);
	});

	it('survives corrupt or foreign storage content', () => {
		expect(readRecentSpecIds(memory('not json'))).toEqual([]);
		expect(readRecentSpecIds(memory('{"a":1}'))).toEqual([]);
		expect(readRecentSpecIds(memory('["x", 3, null, "y"]'))).toEqual(['x', 'y']);
		expect(readRecentSpecIds(null)).toEqual([]);
	});

	it('does not throw when storage refuses writes', () => {
		const store: KeyValueStorage = {
			getItem: () => null,
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			}
		};
		expect(rememberSpecId('x', store)).toEqual(['x']);
	});
});

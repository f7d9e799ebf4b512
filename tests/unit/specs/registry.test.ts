import { describe, expect, it } from 'vitest';
import { editDistance, getSpec, listSpecs, searchSpecs, suggestId, UnknownSpecError } from '../../../src/lib/specs/registry';

const ids = (list: { id: string }[]) => list.map((s) => s.id);

describe('getSpec', () => {
	it('returns the spec for a known id', () => {
		expect(getSpec('jp-passport').country).toBe('JP');
	});

	it('throws UnknownSpecError with the nearest id as suggestion', () => {
		for (const [typo, want] of [
			['us_passport', 'us-passport'],
			['US-Pasport', 'us-passport'],
			['cn-resident-card', 'cn-resident-id'],
			['schengen-visa', 'eu-schengen-visa']
		]) {
			try {
				getSpec(typo);
				throw new Error('no throw');
			} catch (e) {
				expect(e).toBeInstanceOf(UnknownSpecError);
				expect((e as UnknownSpecError).suggestion, typo).toBe(want);
				expect((e as Error).message).toContain(`Did you mean "${want}"?`);
			}
		}
	});

	it('gives no suggestion for an unrelated id', () => {
		expect(() => getSpec('zz-moon-base-pass')).toThrow(/Use listSpecs\(\)/);
		expect(suggestId('zz-moon-base-pass', ids([...listSpecs()]))).toBeUndefined();
	});

	it('editDistance is Levenshtein distance', () => {
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('', 'abc')).toBe(3);
		expect(editDistance('same', 'same')).toBe(0);
	});
});

describe('searchSpecs', () => {
	it('"中国" finds exactly the Chinese specs', () => {
		const found = ids(searchSpecs('中国'));
		const cn = ids(listSpecs().filter((s) => s.country === 'CN'));
		expect(found.sort()).toEqual(cn.sort());
		expect(found).toEqual(expect.arrayContaining(['cn-passport', 'cn-visa', 'cn-resident-id']));
	});

	it('"germany passport" finds de-passport only', () => {
		expect(ids(searchSpecs('germany passport'))).toEqual(['de-passport']);
		expect(ids(searchSpecs('Deutschland Reisepass'))).toEqual(['de-passport']);
	});

	it('splits Chinese queries without spaces into known words', () => {
		expect(ids(searchSpecs('中国护照'))).toEqual(['cn-passport']);
		expect(ids(searchSpecs('美国签证'))).toEqual(['us-visa', 'us-dv-lottery']);
		expect(ids(searchSpecs('日本护照', 'zh-CN'))).toEqual(['jp-passport']);
	});

	it('matches country codes and aliases', () => {
		expect(ids(searchSpecs('uk'))).toEqual(['gb-passport', 'gb-passport-digital', 'gb-driving-licence']);
		expect(ids(searchSpecs('IN'))).toEqual(['in-passport', 'in-evisa', 'in-oci-card']);
		// the visitor visa first, then the Diversity Visa entry photo (both US visas)
		expect(ids(searchSpecs('usa visa'))).toEqual(['us-visa', 'us-dv-lottery']);
		expect(ids(searchSpecs('schengen'))).toEqual(['eu-schengen-visa']);
		expect(ids(searchSpecs('身份证'))).toEqual(expect.arrayContaining(['cn-resident-id', 'de-id-card', 'fr-id-card']));
	});

	it('prefix-matches words of 3+ letters', () => {
		expect(ids(searchSpecs('austral pass'))).toEqual(['au-passport']);
	});

	it('ranks country matches above document-name matches', () => {
		// "korea" is a country alias (weight 3); nothing else mentions it: exactly the Korean specs, passport first
		const korea = ids(searchSpecs('korea'));
		expect(korea[0]).toBe('kr-passport');
		expect(korea.slice().sort()).toEqual(ids(listSpecs().filter((s) => s.country === 'KR')).sort());
		expect(korea).toEqual(['kr-passport']);
		const visa = ids(searchSpecs('visa'));
		expect(visa).toContain('us-visa');
		expect(visa).not.toContain('us-passport');
	});

	it('empty query lists everything; nonsense lists nothing', () => {
		expect(searchSpecs('  ').length).toBe(listSpecs().length);
		expect(searchSpecs('qwertyuiop')).toEqual([]);
		expect(searchSpecs('火星')).toEqual([]);
	});
});

/**
 * Issue 9: finding a spec by its common short names (keywords), by size words ("1寸", "1-inch"),
 * by a Schengen state + visa, and China first for a Chinese generic query in the zh-CN UI.
 */
import { describe, expect, it } from 'vitest';
import { isKnownCountry } from '../../../src/lib/specs/countries';
import { getSpec, listSpecs, searchSpecs } from '../../../src/lib/specs/registry';
import { parseSpec, type PhotoSpec } from '../../../src/lib/specs/schema';
import { SCHENGEN_STATES, scoreSpec, searchSpecList, tokenize } from '../../../src/lib/specs/search';

const ids = (list: readonly { id: string }[]) => list.map((s) => s.id);

describe('size words', () => {
	it('joins a number and its unit into one token', () => {
		expect(tokenize('1-inch')).toEqual(['1inch']);
		expect(tokenize('1 inch photo')).toEqual(['1inch', 'photo']);
		expect(tokenize('2 inches')).toEqual(['2inch']);
		expect(tokenize('1寸', 'zh-CN')).toEqual(['一寸']);
		expect(tokenize('大 2 寸', 'zh-CN')).toEqual(['大', '二寸']);
		// "2x2 in print" (us-visa) stays as it was: "in" is no size unit here, "2x2" no number before "inch"
		expect(tokenize('2x2 in print')).toEqual(['2x2', 'in', 'print']);
		expect(tokenize('2x2 inch')).toEqual(['2x2', 'inch']);
	});

	it('"1寸", "一寸", "1-inch", "1 inch" find the 1-inch photos, the plain one first', () => {
		for (const [q, loc] of [
			['1寸', 'zh-CN'],
			['一寸', 'zh-CN'],
			['1寸照片', 'zh-CN'],
			['1-inch', 'en'],
			['1 inch', 'en']
		] as const)
			expect(ids(searchSpecs(q, loc)), q).toEqual(['cn-1cun', 'cn-small-1cun', 'cn-large-1cun']);
		expect(ids(searchSpecs('大1寸', 'zh-CN'))).toEqual(['cn-large-1cun']);
		expect(ids(searchSpecs('小一寸', 'zh-CN'))).toEqual(['cn-small-1cun']);
	});

	it('"2寸", "二寸", "2-inch" find the 2-inch photos, cn-2cun first', () => {
		// keyword "二寸" (3.5) on cn-2cun; 二寸证件照（35×49） starts with the token (2.6) before 小二寸 (2.5)
		expect(ids(searchSpecs('2寸', 'zh-CN'))).toEqual(['cn-2cun', 'cn-2cun-35x49', 'cn-small-2cun']);
		expect(ids(searchSpecs('二寸', 'zh-CN'))).toEqual(['cn-2cun', 'cn-2cun-35x49', 'cn-small-2cun']);
		expect(ids(searchSpecs('2寸证件照', 'zh-CN'))).toEqual(['cn-2cun', 'cn-2cun-35x49', 'cn-small-2cun']);
		// keyword "2-inch" (3.5) on cn-2cun, then the other two names with "2-inch" (2.5) in registry order
		expect(ids(searchSpecs('2-inch'))).toEqual(['cn-2cun', 'cn-small-2cun', 'cn-2cun-35x49']);
		expect(ids(searchSpecs('2 inch'))).toEqual(['cn-2cun', 'cn-small-2cun', 'cn-2cun-35x49']);
	});
});

describe('exam short names (keywords)', () => {
	it.each([
		['四级', 'zh-CN', 'cn-exam-cet'],
		['六级', 'zh-CN', 'cn-exam-cet'],
		['英语四级', 'zh-CN', 'cn-exam-cet'],
		['CET', 'en', 'cn-exam-cet'],
		['cet-4', 'en', 'cn-exam-cet'],
		['CET6', 'en', 'cn-exam-cet'],
		['计算机二级', 'zh-CN', 'cn-exam-ncre'],
		['考研', 'zh-CN', 'cn-exam-graduate'],
		['kaoyan', 'en', 'cn-exam-graduate'],
		['国考', 'zh-CN', 'cn-exam-civil-service'],
		['公务员', 'zh-CN', 'cn-exam-civil-service'],
		['guokao', 'en', 'cn-exam-civil-service']
	] as const)('%s (%s) finds exactly %s', (q, loc, want) => {
		expect(ids(searchSpecs(q, loc))).toEqual([want]);
	});

	it('a keyword weighs 3, plus 0.5 in its own language (plus 0.25 for China in zh-CN)', () => {
		const cet = getSpec('cn-exam-cet');
		expect(scoreSpec(cet, '四级', 'zh-CN')).toBe(3.75);
		expect(scoreSpec(cet, '四级', 'en')).toBe(3);
		expect(scoreSpec(getSpec('cn-exam-ncre'), '计算机二级', 'en')).toBe(3);
	});

	it('a Chinese keyword matches only whole: "考试" is not boosted by the keyword 计算机等级考试', () => {
		// "考试" hits the document name and the exam kind words "考试 报名" (2 + 0.1 at the start), never the keyword (3)
		expect(scoreSpec(getSpec('cn-exam-ncre'), '考试', 'en')).toBeCloseTo(2.1, 10);
		expect(scoreSpec(getSpec('cn-exam-cet'), '考试', 'en')).toBeCloseTo(2.1, 10);
	});

	it('every bundled keyword finds its own document first', () => {
		let count = 0;
		for (const spec of listSpecs()) {
			for (const [loc, words] of Object.entries(spec.keywords ?? {}) as ['en' | 'zh-CN', string[]][]) {
				for (const kw of words) {
					expect(searchSpecs(kw, loc)[0]?.id, `${spec.id}: ${kw}`).toBe(spec.id);
					count++;
				}
			}
		}
		expect(count).toBeGreaterThanOrEqual(30);
	});
});

describe('Schengen visa by member state', () => {
	it('lists the 29 Schengen states of the European Commission (not Cyprus, not Ireland)', () => {
		expect(SCHENGEN_STATES.length).toBe(29);
		expect(new Set(SCHENGEN_STATES).size).toBe(29);
		for (const code of SCHENGEN_STATES) expect(isKnownCountry(code), code).toBe(true);
		expect(SCHENGEN_STATES).toEqual(expect.arrayContaining(['BG', 'RO', 'HR', 'IS', 'LI', 'NO', 'CH']));
		expect(SCHENGEN_STATES).not.toContain('CY');
		expect(SCHENGEN_STATES).not.toContain('IE');
	});

	it.each([
		['法国签证', 'zh-CN'],
		['德国签证', 'zh-CN'],
		['意大利签证', 'zh-CN'],
		['挪威签证', 'zh-CN'],
		['Schengen visa France', 'en'],
		['france visa', 'en'],
		['italy visa', 'en'],
		['switzerland visa', 'en'],
		['deutschland visa', 'en']
	] as const)('%s finds exactly eu-schengen-visa', (q, loc) => {
		expect(ids(searchSpecs(q, loc))).toEqual(['eu-schengen-visa']);
	});

	it('a state name alone, or a non-member, does not list the Schengen visa', () => {
		expect(ids(searchSpecs('france'))).toEqual(['fr-passport', 'fr-id-card']);
		expect(ids(searchSpecs('hellas'))).toEqual(['gr-passport']);
		expect(ids(searchSpecs('法国', 'zh-CN'))).toEqual(['fr-passport', 'fr-id-card']);
		expect(ids(searchSpecs('ireland visa'))).toEqual(['ie-visa']);
		expect(ids(searchSpecs('uk visa'))).toEqual([]);
		expect(ids(searchSpecs('france passport'))).toEqual(['fr-passport']);
		// two-letter codes are not used: "no visa" is not Norway
		expect(ids(searchSpecs('no visa'))).toEqual([]);
	});

	it('ranks a state own visa document before the Schengen visa', () => {
		// cz-residence-permit "Residence permit / visa": czech 3.5 + visa 2.5 = 6; Schengen: member 2 + visa 2.5 = 4.5
		expect(ids(searchSpecs('czech visa'))).toEqual(['cz-residence-permit', 'eu-schengen-visa']);
		expect(scoreSpec(getSpec('eu-schengen-visa'), 'czech visa')).toBe(4.5);
		expect(scoreSpec(getSpec('cz-residence-permit'), 'czech visa')).toBe(6);
		// a French national visa (test-only copy) would come first, in both languages
		const schengen = getSpec('eu-schengen-visa');
		const frVisa: PhotoSpec = parseSpec({
			...structuredClone(schengen),
			id: 'fr-visa-test',
			country: 'FR',
			document: { en: 'Long-stay visa', 'zh-CN': '长期签证' },
			keywords: undefined
		});
		expect(ids(searchSpecList([schengen, frVisa], 'france visa'))).toEqual(['fr-visa-test', 'eu-schengen-visa']);
		expect(ids(searchSpecList([schengen, frVisa], '法国签证', 'zh-CN'))).toEqual(['fr-visa-test', 'eu-schengen-visa']);
	});
});

describe('locale country first for a Chinese generic query in zh-CN', () => {
	it('"身份证" in zh-CN lists China\'s resident ID first', () => {
		const zh = ids(searchSpecs('身份证', 'zh-CN'));
		expect(zh[0]).toBe('cn-resident-id');
		expect(zh.slice(1, 4)).toEqual(['de-id-card', 'fr-id-card', 'nl-id-card']);
		// 2.5 (zh-CN document name) + 0.1 (Chinese match at the start of 身份证卡 kind words) + 0.25 home bonus
		expect(scoreSpec(getSpec('cn-resident-id'), '身份证', 'zh-CN')).toBeCloseTo(2.85, 10);
		expect(scoreSpec(getSpec('de-id-card'), '身份证', 'zh-CN')).toBeCloseTo(2.6, 10);
	});

	it('"护照" and "驾驶证" in zh-CN start with China; the English UI keeps registry order', () => {
		expect(ids(searchSpecs('护照', 'zh-CN'))[0]).toBe('cn-passport');
		expect(ids(searchSpecs('驾驶证', 'zh-CN'))[0]).toBe('cn-driving-licence');
		expect(ids(searchSpecs('身份证', 'en'))[0]).toBe('de-id-card');
		expect(ids(searchSpecs('id card', 'en'))[0]).toBe('de-id-card');
	});

	it('no home bonus for visas (a country issues them to foreigners)', () => {
		const visas = ids(searchSpecs('签证', 'zh-CN'));
		expect(visas[0]).toBe('us-visa');
		expect(visas.indexOf('cn-visa')).toBeGreaterThan(visas.indexOf('eu-schengen-visa'));
	});
});

describe('keywords field in the schema', () => {
	const base = () => {
		const { keywords: _omit, ...rest } = structuredClone(getSpec('cn-exam-cet'));
		return rest;
	};

	it('accepts per-language arrays and rejects empty words or other languages', () => {
		expect(parseSpec({ ...base(), keywords: { en: ['CET'] } }).keywords).toEqual({ en: ['CET'] });
		expect(() => parseSpec({ ...base(), keywords: { en: [' '] } })).toThrow(/keywords/);
		expect(() => parseSpec({ ...base(), keywords: { fr: ['x'] } })).toThrow(/keywords/);
		expect(() => parseSpec({ ...base(), keywords: ['CET'] })).toThrow(/keywords/);
	});
});

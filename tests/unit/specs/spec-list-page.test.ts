/** Helpers of the spec list page (src/routes/specs/spec-list.ts): grouping and head windows in numbers. */
import { describe, expect, it } from 'vitest';
import { groupByCountry, headFacts } from '../../../src/routes/specs/spec-list';
import { getSpec, listSpecs } from '../../../src/lib/specs/registry';

describe('groupByCountry', () => {
	const specs = listSpecs();

	it('puts every bundled spec in exactly one group, one group per country, in library order', () => {
		const groups = groupByCountry(specs, 'en');
		expect(groups.reduce((n, g) => n + g.specs.length, 0)).toBe(specs.length);
		expect(new Set(groups.map((g) => g.code)).size).toBe(groups.length);
		expect(groups.length).toBe(new Set(specs.map((s) => s.country)).size);
		for (const g of groups) {
			const order = specs.filter((s) => s.country === g.code).map((s) => s.id);
			expect(g.specs.map((s) => s.id)).toEqual(order);
		}
	});

	it('sorts groups by the display name in the page language', () => {
		const en = groupByCountry(specs, 'en').map((g) => g.name);
		expect(en).toEqual([...en].sort(new Intl.Collator('en').compare));
		const nl = groupByCountry(specs, 'en').find((g) => g.code === 'NL')!;
		expect(nl.name).toBe('Netherlands');
		expect(nl.specs.map((s) => s.id)).toEqual(['nl-passport', 'nl-id-card', 'nl-driving-licence']);
		const zh = groupByCountry(specs, 'zh-CN');
		expect(zh.find((g) => g.code === 'NL')!.name).toBe('荷兰');
		expect(zh.map((g) => g.name)).toEqual(zh.map((g) => g.name).sort(new Intl.Collator('zh-CN').compare));
	});
});

describe('headFacts', () => {
	it('gives mm and % for a printed spec with mm bounds (DE 32-36 mm of 45)', () => {
		expect(headFacts(getSpec('de-passport'))).toEqual({ minPct: 71.1, maxPct: 80, minMm: 32, maxMm: 36, hair: false, assumed: false });
	});

	it('uses the tighter of the mm and ratio bounds (BE: 31 mm and 70 % → 31.5 mm)', () => {
		expect(headFacts(getSpec('be-id-card'))).toMatchObject({ minMm: 31.5, maxMm: 36, minPct: 70, maxPct: 80 });
	});

	it('gives % only for digital specs, and flags hair and assumed windows', () => {
		const ch = headFacts(getSpec('ch-passport-digital'));
		expect(ch).toEqual({ minPct: 40, maxPct: 50, hair: false, assumed: true });
		expect(headFacts(getSpec('us-passport'))).toMatchObject({ hair: true, assumed: false, minMm: 25.4, maxMm: 34.9 });
	});
});

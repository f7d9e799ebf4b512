import { describe, expect, it } from 'vitest';
import { parseSpec, type PhotoSpec } from '$lib/specs';
import { backgroundText, countryName, docLocaleFrom, groupSpecs, printPx, recommendedColour, specSizeText } from './spec-view';

const source = [{ authority: 'Authority', title: 'Photo rules', url: 'https://example.org/rules', checked: '2025-01-01' }];

function spec(id: string, country: string, extra: Record<string, unknown>): PhotoSpec {
	return parseSpec({
		id,
		country,
		document: { en: `${id} en`, 'zh-CN': `${id} 中文` },
		kind: 'passport',
		head: { definition: 'skull-to-chin', minRatio: 0.6, maxRatio: 0.8 },
		background: {
			allowed: [
				{ name: 'White', hex: '#FFFFFF' },
				{ name: 'Light grey', hex: '#E6E6E6' }
			],
			recommended: '#e6e6e6',
			toleranceDeltaE: 10,
			editingAllowed: true
		},
		sources: source,
		confidence: 'high',
		...extra
	});
}

const us = spec('us-passport', 'US', { print: { widthMm: 51, heightMm: 51 } });
const usVisa = spec('us-visa', 'US', { digital: { minWidthPx: 600, minHeightPx: 600, maxWidthPx: 1200, maxHeightPx: 1200 } });
const de = spec('de-passport', 'DE', { print: { widthMm: 35, heightMm: 45, dpi: 600 } });
const cn = spec('cn-id', 'CN', { print: { widthMm: 26, heightMm: 32 }, digital: { widthPx: 358, heightPx: 441 } });

describe('specSizeText', () => {
	it('gives mm, round inches and px at the spec dpi', () => {
		expect(specSizeText(us)).toEqual({ print: '51 × 51 mm (2 × 2 in)', pixels: '602 × 602 px at 300 dpi' });
		expect(specSizeText(de)).toEqual({ print: '35 × 45 mm', pixels: '827 × 1063 px at 600 dpi' });
		expect(specSizeText(de, 300).pixels).toBe('413 × 531 px at 300 dpi');
	});

	it('prefers an exact digital size and describes ranges', () => {
		expect(specSizeText(cn)).toEqual({ print: '26 × 32 mm', pixels: '358 × 441 px' });
		expect(specSizeText(usVisa)).toEqual({ print: null, pixels: '600 × 600 to 1200 × 1200 px' });
	});

	it('printPx rounds mm / 25.4 * dpi', () => {
		expect(printPx(35, 300)).toBe(413);
		expect(printPx(45, 300)).toBe(531);
		expect(printPx(50.8, 300)).toBe(600);
	});
});

describe('groupSpecs', () => {
	const all = [de, us, cn, usVisa];

	it('orders recent, then the suggested country, then the rest in library order, each spec once', () => {
		const groups = groupSpecs(all, ['cn-id', 'missing-id'], 'US');
		expect(groups.map((g) => g.key)).toEqual(['recent', 'suggested', 'all']);
		expect(groups[0].specs.map((s) => s.id)).toEqual(['cn-id']);
		expect(groups[1].title).toBe('Suggested for United States');
		expect(groups[1].specs.map((s) => s.id)).toEqual(['us-passport', 'us-visa']);
		expect(groups[2].specs.map((s) => s.id)).toEqual(['de-passport']);
	});

	it('drops empty groups and keeps the library order', () => {
		const groups = groupSpecs(all, [], null);
		expect(groups).toHaveLength(1);
		expect(groups[0].title).toBe('All documents');
		expect(groups[0].specs.map((s) => s.id)).toEqual(['de-passport', 'us-passport', 'cn-id', 'us-visa']);
	});
});

describe('names and colours', () => {
	it('picks the document language from the first preferred language', () => {
		expect(docLocaleFrom(['zh-TW', 'en'])).toBe('zh-CN');
		expect(docLocaleFrom(['en-GB', 'zh-CN'])).toBe('en');
		expect(docLocaleFrom([])).toBe('en');
	});

	it('names countries from the spec library in both languages', () => {
		expect(countryName('DE')).toBe('Germany');
		expect(countryName('DE', 'zh-CN')).toBe('德国');
	});

	it('describes the allowed backgrounds and finds the recommended one case-insensitively', () => {
		expect(backgroundText(us)).toBe('white or light grey');
		expect(recommendedColour(us)).toEqual({ name: 'Light grey', hex: '#E6E6E6' });
	});
});

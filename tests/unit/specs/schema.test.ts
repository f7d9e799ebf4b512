import { describe, expect, it } from 'vitest';
import { parseSpec, SpecValidationError } from '../../../src/lib/specs/schema';
import { minimalSpecJson } from './helpers';

function issuesOf(json: unknown): { path: string; message: string }[] {
	try {
		parseSpec(json);
	} catch (e) {
		expect(e).toBeInstanceOf(SpecValidationError);
		return (e as SpecValidationError).issues;
	}
	throw new Error('expected parseSpec to throw');
}

describe('parseSpec', () => {
	it('applies defaults: dpi 300 and head basis "published"', () => {
		const spec = parseSpec(minimalSpecJson());
		expect(spec.print?.dpi).toBe(300);
		expect(spec.head.basis).toBe('published');
	});

	it('names the field of a wrong type', () => {
		const j = minimalSpecJson();
		j.head.minMm = '32';
		const issues = issuesOf(j);
		expect(issues.map((i) => i.path)).toContain('head.minMm');
	});

	it('names a missing required field', () => {
		const j = minimalSpecJson();
		delete j.background;
		expect(issuesOf(j).map((i) => i.path)).toContain('background');
	});

	it('rejects unknown keys (typos) and names them', () => {
		const j = minimalSpecJson();
		j.head.minRatoi = 0.7;
		const issues = issuesOf(j);
		expect(issues.some((i) => i.path === 'head.minRatoi')).toBe(true);
	});

	it('lists every issue in the error message', () => {
		const j = minimalSpecJson();
		j.id = 'Not Kebab';
		j.country = 'XX';
		j.kind = 'licence';
		let message = '';
		try {
			parseSpec(j);
		} catch (e) {
			message = (e as Error).message;
		}
		expect(message).toContain('"Not Kebab"');
		expect(message).toMatch(/id: must be kebab-case/);
		expect(message).toMatch(/country: must be an ISO 3166-1 alpha-2 code/);
		expect(message).toMatch(/kind: /);
		expect(message).toMatch(/3 problems/);
	});

	it('rejects min >= max in a window', () => {
		const j = minimalSpecJson();
		j.head = { definition: 'crown-to-chin', minRatio: 0.8, maxRatio: 0.7 };
		const issues = issuesOf(j);
		expect(issues.find((i) => i.path === 'head')?.message).toMatch(/minRatio \(0.8\) must be < maxRatio \(0.7\)/);
	});

	it('rejects ratios outside (0,1)', () => {
		const j = minimalSpecJson();
		j.head = { definition: 'crown-to-chin', minRatio: 0, maxRatio: 1.2 };
		const paths = issuesOf(j).map((i) => i.path);
		expect(paths).toContain('head.minRatio');
		expect(paths).toContain('head.maxRatio');
	});

	it('requires a two-sided head window', () => {
		const j = minimalSpecJson();
		j.head = { definition: 'crown-to-chin', minRatio: 0.7 };
		expect(issuesOf(j).find((i) => i.path === 'head')?.message).toMatch(/needs both bounds/);
	});

	it('rejects mm windows without a print size', () => {
		const j = minimalSpecJson();
		delete j.print;
		j.digital = { widthPx: 600, heightPx: 800 };
		expect(issuesOf(j).some((i) => /head: minMm\/maxMm need a print size/.test(i.message))).toBe(true);
	});

	it('rejects mm and ratio windows that do not overlap', () => {
		const j = minimalSpecJson();
		j.head = { definition: 'skull-to-chin', minMm: 32, maxMm: 36, minRatio: 0.5, maxRatio: 0.6 };
		expect(issuesOf(j).some((i) => /head: the mm window and the ratio window do not overlap/.test(i.message))).toBe(true);
	});

	it('rejects a spec with neither print nor digital size', () => {
		const j = minimalSpecJson();
		delete j.print;
		j.head = { definition: 'skull-to-chin', minRatio: 0.7, maxRatio: 0.8 };
		expect(issuesOf(j).some((i) => /print or digital/.test(i.message))).toBe(true);
	});

	it('rejects exact digital size with another aspect ratio than print', () => {
		const j = minimalSpecJson();
		j.digital = { widthPx: 600, heightPx: 600 };
		expect(issuesOf(j).some((i) => /another aspect ratio/.test(i.message))).toBe(true);
	});

	it('rejects mixing exact and range digital sizes, and half an exact size', () => {
		const a = minimalSpecJson();
		a.digital = { widthPx: 350, heightPx: 450, maxWidthPx: 700 };
		expect(issuesOf(a).find((i) => i.path === 'digital')?.message).toMatch(/either widthPx\/heightPx/);
		const b = minimalSpecJson();
		b.digital = { widthPx: 350 };
		expect(issuesOf(b).find((i) => i.path === 'digital')?.message).toMatch(/both widthPx and heightPx/);
	});

	it('requires the recommended background to be an allowed colour', () => {
		const j = minimalSpecJson();
		j.background.recommended = '#DCDCDC';
		expect(issuesOf(j).find((i) => i.path === 'background')?.message).toMatch(/recommended must be/);
	});

	it('validates hex colours, URLs, ISO dates and kbUnit', () => {
		const j = minimalSpecJson();
		j.background.allowed[0].hex = 'white';
		j.sources[0].url = 'example.org';
		j.sources[0].checked = '29/11/2026';
		j.file = { format: 'jpeg', maxKB: 100, kbUnit: 1020 };
		const paths = issuesOf(j).map((i) => i.path);
		expect(paths).toEqual(
			expect.arrayContaining(['background.allowed.0.hex', 'sources.0.url', 'sources.0.checked', 'file.kbUnit'])
		);
	});

	it('accepts an eye line measured from the top and a one-sided window', () => {
		const j = minimalSpecJson();
		j.eyeLine = { from: 'top', minRatio: 0.3, maxRatio: 0.5 };
		j.chinMargin = { minMm: 5 };
		const spec = parseSpec(j);
		expect(spec.eyeLine).toEqual({ from: 'top', minRatio: 0.3, maxRatio: 0.5 });
		expect(spec.chinMargin).toEqual({ minMm: 5 });
	});
});

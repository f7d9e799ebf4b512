import { describe, expect, it } from 'vitest';
import { exportSpec, importSpec, MAX_IMPORT_CHARS } from '../../../src/lib/specs/custom';
import { listSpecs } from '../../../src/lib/specs/registry';
import { SpecValidationError, type PhotoSpec } from '../../../src/lib/specs/schema';
import { minimalSpecJson } from './helpers';

function importIssues(text: string) {
	try {
		importSpec(text);
	} catch (e) {
		expect(e).toBeInstanceOf(SpecValidationError);
		return e as SpecValidationError;
	}
	throw new Error('expected importSpec to throw');
}

describe('exportSpec / importSpec', () => {
	it('round-trips every bundled spec unchanged', () => {
		for (const spec of listSpecs()) {
			const text = exportSpec(spec);
			expect(text.endsWith('\n')).toBe(true);
			expect(importSpec(text), spec.id).toEqual(spec);
		}
	});

	it('imports a hand-written spec and applies defaults', () => {
		const spec = importSpec(JSON.stringify(minimalSpecJson()));
		expect(spec.id).toBe('xx-test-photo');
		expect(spec.print?.dpi).toBe(300);
		expect(importSpec('\uFEFF' + JSON.stringify(minimalSpecJson())).id).toBe('xx-test-photo'); // BOM
	});

	it('refuses to export an invalid spec', () => {
		const spec = structuredClone(listSpecs()[0]) as PhotoSpec;
		(spec.head as { maxRatio?: number }).maxRatio = 1.5;
		expect(() => exportSpec(spec)).toThrow(/head\.maxRatio/);
	});

	it('reports text that is not JSON', () => {
		const e = importIssues('{ "id": "x", ');
		expect(e.issues).toHaveLength(1);
		expect(e.message).toMatch(/not valid JSON/);
		expect(importIssues('   ').message).toMatch(/empty/);
		expect(importIssues(' '.repeat(MAX_IMPORT_CHARS) + '{}').message).toMatch(/too large/);
	});

	it('names each invalid field', () => {
		const j = minimalSpecJson();
		j.head.definition = 'hair-to-chin';
		j.background.toleranceDeltaE = -1;
		j.glasses = 'sometimes';
		const e = importIssues(JSON.stringify(j));
		expect(e.issues.map((i) => i.path).sort()).toEqual(['background.toleranceDeltaE', 'glasses', 'head.definition']);
		expect(e.message).toMatch(/head\.definition: Invalid type: Expected \("crown-to-chin" \| "skull-to-chin"\)/);
		expect(e.message).toContain('"xx-test-photo"');
	});

	it('rejects JSON that is not an object', () => {
		const e = importIssues('[1,2,3]');
		expect(e.issues).toEqual([{ path: '', message: 'expected a JSON object (one spec), got an array' }]);
		expect(importIssues('42').message).toMatch(/got number/);
		expect(importIssues('null').message).toMatch(/got null/);
	});
});

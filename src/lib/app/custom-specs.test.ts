import { describe, expect, it } from 'vitest';
import { exportSpec, getSpec, listSpecs, outputPixelSize, SpecValidationError, type PhotoSpec } from '$lib/specs';
import {
	addCustomSpec,
	CUSTOM_SPECS_KEY,
	CustomSpecStorageError,
	customSpecId,
	findSpec,
	formFieldLabel,
	formIssues,
	importCustomSpec,
	isCustomSpecId,
	listCustomSpecs,
	MissingSpecError,
	removeCustomSpec,
	resolveSpecForWorker,
	searchCustomSpecs,
	slugify,
	specFromForm,
	type CustomSpecForm,
	type SpecStorage
} from './custom-specs';

function memory(initial?: string): SpecStorage & { data: Map<string, string> } {
	const data = new Map<string, string>();
	if (initial !== undefined) data.set(CUSTOM_SPECS_KEY, initial);
	return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

/** Collects warnings instead of printing them. */
function warnings(): { warn: (m: string) => void; lines: string[] } {
	const lines: string[] = [];
	return { lines, warn: (m) => void lines.push(m) };
}

/** A valid 30x40 mm spec as a user would write it in a JSON file. */
function club(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: 'xx-club-card',
		country: 'DE',
		document: { en: 'Club card', 'zh-CN': '俱乐部卡' },
		kind: 'other',
		print: { widthMm: 30, heightMm: 40 },
		head: { definition: 'crown-to-chin', minRatio: 0.6, maxRatio: 0.75 },
		background: {
			allowed: [{ name: 'white', hex: '#FFFFFF' }],
			recommended: '#FFFFFF',
			toleranceDeltaE: 10,
			editingAllowed: true
		},
		sources: [{ authority: 'Club', title: 'Photo rules', url: 'https://example.org/rules', checked: '2026-01-02' }],
		confidence: 'low',
		...overrides
	};
}

const CONTEXT = { appUrl: 'https://studio.example/', today: '2026-11-29' };

function form(overrides: Partial<CustomSpecForm> = {}): CustomSpecForm {
	return {
		name: 'Bibliothèque card',
		country: 'fr',
		kind: 'id-card',
		size: { mode: 'print', widthMm: 30, heightMm: 40 },
		headDefinition: 'skull-to-chin',
		headMinPct: 60,
		headMaxPct: 75,
		eyeMinPct: 55,
		eyeMaxPct: 70,
		backgrounds: [
			{ name: 'light grey', hex: '#dcdcdc' },
			{ name: 'white', hex: '#FFFFFF' }
		],
		editingAllowed: true,
		maxKB: 240,
		kbUnit: 1024,
		...overrides
	};
}

describe('custom spec ids', () => {
	it('no bundled id starts with the custom prefix, so custom ids cannot collide', () => {
		const ids = listSpecs().map((s) => s.id);
		expect(ids.length).toBeGreaterThan(10);
		expect(ids.filter(isCustomSpecId)).toEqual([]);
	});

	it('prefixes ids once', () => {
		expect(customSpecId('us-passport')).toBe('custom-us-passport');
		expect(customSpecId('custom-us-passport')).toBe('custom-us-passport');
	});
});

describe('storage', () => {
	it('adds, lists in order, removes, and persists as a JSON array under idphoto.customSpecs', () => {
		const store = memory();
		const a = addCustomSpec(club(), store);
		expect(a.outcome).toBe('added');
		expect(a.spec.id).toBe('custom-xx-club-card');
		expect(a.spec.print).toEqual({ widthMm: 30, heightMm: 40, dpi: 300 }); // default dpi applied
		const b = addCustomSpec(club({ id: 'yy-other' }), store);
		expect(b.list.map((s) => s.id)).toEqual(['custom-xx-club-card', 'custom-yy-other']);

		const stored = JSON.parse(store.data.get(CUSTOM_SPECS_KEY)!) as PhotoSpec[];
		expect(stored.map((s) => s.id)).toEqual(['custom-xx-club-card', 'custom-yy-other']);
		// A second reader (fresh storage object with the same text) sees the same list.
		expect(listCustomSpecs(memory(store.data.get(CUSTOM_SPECS_KEY))).map((s) => s.id)).toEqual([
			'custom-xx-club-card',
			'custom-yy-other'
		]);

		expect(removeCustomSpec('custom-xx-club-card', store).map((s) => s.id)).toEqual(['custom-yy-other']);
		expect(listCustomSpecs(store).map((s) => s.id)).toEqual(['custom-yy-other']);
		expect(removeCustomSpec('custom-not-there', store).map((s) => s.id)).toEqual(['custom-yy-other']);
	});

	it('does not store the same spec twice, and renames a different spec with a taken id', () => {
		const store = memory();
		addCustomSpec(club(), store);
		const again = addCustomSpec(club(), store);
		expect(again.outcome).toBe('unchanged');
		expect(again.list).toHaveLength(1);
		const other = addCustomSpec(club({ print: { widthMm: 35, heightMm: 45 } }), store);
		expect(other.outcome).toBe('renamed');
		expect(other.spec.id).toBe('custom-xx-club-card-2');
		const third = addCustomSpec(club({ print: { widthMm: 40, heightMm: 50 } }), store);
		expect(third.spec.id).toBe('custom-xx-club-card-3');
		expect(listCustomSpecs(store).map((s) => s.print?.widthMm)).toEqual([30, 35, 40]);
	});

	it('gives a re-imported bundled spec a custom id that does not shadow the bundled one', () => {
		const store = memory();
		const r = importCustomSpec(exportSpec(getSpec('us-passport')), store);
		expect(r.spec.id).toBe('custom-us-passport');
		expect(r.spec.print).toEqual(getSpec('us-passport').print);
		expect(findSpec('us-passport', r.list)).toBe(getSpec('us-passport'));
		expect(findSpec('custom-us-passport', r.list)?.id).toBe('custom-us-passport');
	});

	it('rejects invalid specs with field paths and stores nothing', () => {
		const store = memory();
		let error: unknown;
		try {
			addCustomSpec(club({ head: { definition: 'crown-to-chin', minRatio: 0.8, maxRatio: 0.7 }, country: 'XX' }), store);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(SpecValidationError);
		const paths = (error as SpecValidationError).issues.map((i) => i.path).sort();
		expect(paths).toEqual(['country', 'head']);
		expect((error as SpecValidationError).issues.find((i) => i.path === 'head')?.message).toBe('minRatio (0.8) must be < maxRatio (0.7)');
		expect(store.data.has(CUSTOM_SPECS_KEY)).toBe(false);

		expect(() => importCustomSpec('{"id": ', store)).toThrow(/not valid JSON/);
		expect(() => importCustomSpec('', store)).toThrow(/the file is empty/);
	});

	it('drops invalid stored entries with a warning and keeps the valid ones', () => {
		const good = addCustomSpec(club(), memory()).spec;
		const raw = JSON.stringify([{ ...good }, { id: 'custom-broken', country: 'US' }, 42, { ...good }]);
		const { warn, lines } = warnings();
		const list = listCustomSpecs(memory(raw), warn);
		expect(list.map((s) => s.id)).toEqual(['custom-xx-club-card']);
		expect(lines).toHaveLength(3);
		expect(lines[0]).toMatch(/#1 \("custom-broken"\).*document/);
		expect(lines[1]).toMatch(/#2: \(spec\): expected a JSON object/);
		expect(lines[2]).toMatch(/#3 .*another entry has the id "custom-xx-club-card"/);
	});

	it('prefixes stored entries written without the custom prefix', () => {
		const raw = JSON.stringify([club({ id: 'de-passport' })]);
		const list = listCustomSpecs(memory(raw), () => {});
		expect(list.map((s) => s.id)).toEqual(['custom-de-passport']);
	});

	it('never throws on corrupt or unavailable storage', () => {
		const { warn, lines } = warnings();
		expect(listCustomSpecs(memory('not json'), warn)).toEqual([]);
		expect(listCustomSpecs(memory('{"a":1}'), warn)).toEqual([]);
		expect(lines).toHaveLength(2);
		expect(listCustomSpecs(null)).toEqual([]);
		const throwing: SpecStorage = {
			getItem: () => {
				throw new DOMException('denied', 'SecurityError');
			},
			setItem: () => {}
		};
		expect(listCustomSpecs(throwing)).toEqual([]);
	});

	it('reports a storage that refuses writes as CustomSpecStorageError', () => {
		const full: SpecStorage = {
			getItem: () => null,
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			}
		};
		expect(() => addCustomSpec(club(), full)).toThrow(CustomSpecStorageError);
		expect(() => addCustomSpec(club(), null)).toThrow(CustomSpecStorageError);
	});
});

describe('resolveSpecForWorker', () => {
	it('returns bundled ids as strings and custom specs as objects', () => {
		const store = memory();
		const { spec } = addCustomSpec(club(), store);
		expect(resolveSpecForWorker('eu-schengen-visa', store)).toBe('eu-schengen-visa');
		const resolved = resolveSpecForWorker('custom-xx-club-card', store);
		expect(typeof resolved).toBe('object');
		expect(resolved).toEqual(spec);
		// Structured clone (what postMessage does) keeps it intact.
		expect(structuredClone(resolved)).toEqual(spec);
	});

	it('throws MissingSpecError with a user-facing message for unknown ids', () => {
		expect(() => resolveSpecForWorker('custom-gone', memory())).toThrow(MissingSpecError);
		expect(() => resolveSpecForWorker('custom-gone', memory())).toThrow(/no longer saved on this device/);
		expect(() => resolveSpecForWorker('zz-nothing', memory())).toThrow(/not in the list/);
	});
});

describe('search', () => {
	it('finds custom specs by name, country and the word "custom"', () => {
		const store = memory();
		addCustomSpec(club(), store);
		addCustomSpec(club({ id: 'jp-dojo', country: 'JP', document: { en: 'Dojo pass', 'zh-CN': '道场证' } }), store);
		const list = listCustomSpecs(store);
		expect(searchCustomSpecs(list, 'club').map((s) => s.id)).toEqual(['custom-xx-club-card']);
		expect(searchCustomSpecs(list, 'japan').map((s) => s.id)).toEqual(['custom-jp-dojo']);
		expect(searchCustomSpecs(list, 'custom')).toHaveLength(2);
		expect(searchCustomSpecs(list, 'passport')).toEqual([]);
	});
});

describe('specFromForm', () => {
	it('builds a valid print spec from the form (percent -> ratio, first colour recommended)', () => {
		const spec = specFromForm(form(), CONTEXT);
		expect(spec.id).toBe('custom-fr-bibliotheque-card');
		expect(spec.country).toBe('FR');
		expect(spec.document).toEqual({ en: 'Bibliothèque card', 'zh-CN': 'Bibliothèque card' });
		expect(spec.print).toEqual({ widthMm: 30, heightMm: 40, dpi: 300 });
		expect(spec.digital).toBeUndefined();
		expect(spec.head).toEqual({ definition: 'skull-to-chin', basis: 'published', minRatio: 0.6, maxRatio: 0.75 });
		expect(spec.eyeLine).toEqual({ from: 'bottom', minRatio: 0.55, maxRatio: 0.7 });
		expect(spec.background.allowed).toEqual([
			{ name: 'light grey', hex: '#DCDCDC' },
			{ name: 'white', hex: '#FFFFFF' }
		]);
		expect(spec.background.recommended).toBe('#DCDCDC');
		expect(spec.file).toEqual({ format: 'jpeg', maxKB: 240, kbUnit: 1024 });
		expect(spec.sources[0]).toEqual({ authority: 'You', title: 'Rules entered by hand on this device', url: CONTEXT.appUrl, checked: '2026-11-29' });
		expect(spec.confidence).toBe('low');
		// 30x40 mm at 300 dpi = 354x472 px (mm * 300 / 25.4, rounded).
		expect(outputPixelSize(spec)).toEqual({ widthPx: 354, heightPx: 472, dpi: 300, basis: 'print' });
	});

	it('builds a digital-only spec and leaves optional parts out', () => {
		const spec = specFromForm(
			form({
				name: '学生证',
				size: { mode: 'digital', widthPx: 480, heightPx: 640 },
				eyeMinPct: undefined,
				eyeMaxPct: undefined,
				maxKB: undefined,
				sourceUrl: 'https://school.example.cn/photo-rules'
			}),
			CONTEXT
		);
		expect(spec.id).toBe('custom-fr-document');
		expect(spec.print).toBeUndefined();
		expect(spec.digital).toEqual({ widthPx: 480, heightPx: 640 });
		expect(spec.eyeLine).toBeUndefined();
		expect(spec.file).toBeUndefined();
		expect(spec.sources[0].authority).toBe('school.example.cn');
		expect(spec.sources[0].url).toBe('https://school.example.cn/photo-rules');
		expect(outputPixelSize(spec)).toMatchObject({ widthPx: 480, heightPx: 640 });
	});

	it('reports every form problem with a field path the form can label', () => {
		let error: SpecValidationError | undefined;
		try {
			specFromForm(
				form({
					name: '  ',
					country: 'ZZ',
					size: { mode: 'print', widthMm: undefined, heightMm: 40 },
					headMinPct: 80,
					headMaxPct: 70,
					backgrounds: [{ name: 'white', hex: '#FFF' }]
				}),
				CONTEXT
			);
		} catch (e) {
			error = e as SpecValidationError;
		}
		expect(error).toBeInstanceOf(SpecValidationError);
		const labelled = error!.issues.map((i) => `${formFieldLabel(i.path)} [${i.path}]`).sort();
		expect(labelled).toEqual([
			'Background colour 1 [background.allowed.0.hex]',
			'Background colours [background.recommended]',
			'Country [country]',
			'Head height [head]',
			'Name [document.en]',
			'Name [document.zh-CN]',
			'Width (mm) [print.widthMm]'
		]);
	});

	it('turns issues into plain form messages, merging duplicates', () => {
		let error: SpecValidationError | undefined;
		try {
			specFromForm(form({ name: '', size: { mode: 'print', widthMm: undefined, heightMm: 40 }, maxKB: -1 }), CONTEXT);
		} catch (e) {
			error = e as SpecValidationError;
		}
		expect(formIssues(error!.issues)).toEqual([
			{ path: 'document.en', label: 'Name', message: 'required' },
			{ path: 'print.widthMm', label: 'Width (mm)', message: 'required' },
			{ path: 'file.maxKB', label: 'Largest file size (KB)', message: 'Invalid value: Expected >0 but received -1' }
		]);
	});

	it('labels paths', () => {
		expect(formFieldLabel('head.maxRatio')).toBe('Head height, max (%)');
		expect(formFieldLabel('background.allowed.1.name')).toBe('Background colour 2, name');
		expect(formFieldLabel('file.maxKB')).toBe('Largest file size (KB)');
		expect(formFieldLabel('')).toBe('Document');
		expect(formFieldLabel('notes')).toBe('notes');
	});

	it('slugifies names', () => {
		expect(slugify('  Führerschein / Permis (B) ')).toBe('fuhrerschein-permis-b');
		expect(slugify('护照')).toBe('');
		expect(slugify('a'.repeat(60))).toHaveLength(40);
	});

	it('a form-made spec can be stored, exported and imported again unchanged', () => {
		const store = memory();
		const made = specFromForm(form(), CONTEXT);
		const { spec } = addCustomSpec(made, store);
		const back = importCustomSpec(exportSpec(spec), memory());
		expect(back.spec).toEqual(spec);
	});
});

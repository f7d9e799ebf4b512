/**
 * Pure helpers of the spec list page (/specs): the bundled specs grouped by country and the
 * head-height window in numbers. Kept out of the component so they can be unit-tested
 * (tests/unit/specs/spec-list-page.test.ts).
 */
import type { PhotoSpec } from '$lib/specs';
import { countryName, type DocLocale } from '$lib/app/spec-view';
import { resolveWindow } from '$lib/specs/geometry';

/** One country's documents, for one section of the page. */
export interface CountryGroup {
	/** ISO 3166-1 alpha-2 code (or "EU"). */
	code: string;
	/** Display name in the page language, e.g. "Netherlands" / "荷兰". */
	name: string;
	/** The country's specs in library order (RAW_SPECS order). */
	specs: PhotoSpec[];
}

/**
 * Groups specs by `country`; groups are sorted by their display name in `locale`
 * (`Intl.Collator`, so "Österreich"-style accents and Chinese names sort naturally), and each
 * group keeps the specs in the order given.
 */
export function groupByCountry(specs: readonly PhotoSpec[], locale: DocLocale): CountryGroup[] {
	const byCode = new Map<string, PhotoSpec[]>();
	for (const s of specs) {
		const list = byCode.get(s.country);
		if (list) list.push(s);
		else byCode.set(s.country, [s]);
	}
	const collator = new Intl.Collator(locale);
	return [...byCode.entries()]
		.map(([code, list]) => ({ code, name: countryName(code, locale), specs: list }))
		.sort((a, b) => collator.compare(a.name, b.name) || a.code.localeCompare(b.code));
}

/** The head-height window of a spec in numbers (see PhotoSpec `head`). */
export interface HeadFacts {
	/** Window bounds in % of the photo height, rounded to 0.1. */
	minPct: number;
	maxPct: number;
	/** The same bounds in mm on the printed photo (rounded to 0.1 mm); absent for digital-only specs. */
	minMm?: number;
	maxMm?: number;
	/** true: measured to the top of the hair ('crown-to-chin'); false: top of the skull, hair ignored. */
	hair: boolean;
	/** true when the authority publishes no head window (`basis: 'assumed'`). */
	assumed: boolean;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The head window of `spec` as % of the photo height and, when the spec has a print size, mm.
 * Where a spec gives both mm and ratio bounds the tighter one wins (geometry.ts resolveWindow).
 * @throws Error when the window is open on one side (parseSpec never lets that through).
 */
export function headFacts(spec: PhotoSpec): HeadFacts {
	const heightMm = spec.print?.heightMm;
	const w = resolveWindow(spec.head, heightMm);
	if (w.min === undefined || w.max === undefined) throw new Error(`spec "${spec.id}": head window needs both bounds`);
	const facts: HeadFacts = {
		minPct: round1(w.min * 100),
		maxPct: round1(w.max * 100),
		hair: spec.head.definition === 'crown-to-chin',
		assumed: spec.head.basis === 'assumed'
	};
	if (heightMm !== undefined) {
		facts.minMm = round1(w.min * heightMm);
		facts.maxMm = round1(w.max * heightMm);
	}
	return facts;
}

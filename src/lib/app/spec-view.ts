/**
 * Display helpers for document specs (`PhotoSpec` from `$lib/specs`): names in the user's
 * language, country names, sizes in mm / in / px, and the order of the list in the picker.
 * Everything is computed on the device.
 */
import { countryName as libCountryName, type PhotoSpec } from '$lib/specs';

/** Languages the spec library names documents in. */
export type DocLocale = 'en' | 'zh-CN';

/** mm per inch, exact by definition. */
const MM_PER_INCH = 25.4;

/** 'zh-CN' when the browser's first preferred language is Chinese, else 'en'. */
export function docLocaleFrom(languages: readonly string[]): DocLocale {
	return languages[0]?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The document's name in `locale`. */
export function documentName(spec: PhotoSpec, locale: DocLocale): string {
	return spec.document[locale] || spec.document.en;
}

/** The document's name in the other language, for a second line (or null when the same). */
export function otherDocumentName(spec: PhotoSpec, locale: DocLocale): { text: string; lang: DocLocale } | null {
	const other: DocLocale = locale === 'en' ? 'zh-CN' : 'en';
	const text = spec.document[other];
	return text && text !== spec.document[locale] ? { text, lang: other } : null;
}

/**
 * Name of a country code in the document language, from the spec library's table
 * (e.g. "DE" → "Germany" / "德国", "EU" → "European Union (Schengen)").
 */
export function countryName(code: string, locale: DocLocale = 'en'): string {
	return libCountryName(code, locale);
}

/** Round to one decimal, dropping a trailing ".0". */
function num(x: number): string {
	return String(Math.round(x * 10) / 10);
}

/** Inches as text if `mm` is within 0.2 mm of a quarter inch (e.g. 50.8 → "2", 51 → "2"), else null. */
function quarterInches(mm: number): string | null {
	const inches = mm / MM_PER_INCH;
	const quarters = Math.round(inches * 4);
	if (quarters === 0 || Math.abs(quarters / 4 - inches) * MM_PER_INCH > 0.2) return null;
	return num(quarters / 4);
}

/** Output px of a print size at `dpi`: round(mm / 25.4 * dpi). */
export function printPx(mm: number, dpi: number): number {
	return Math.round((mm / MM_PER_INCH) * dpi);
}

/** Sizes in words: print size in mm (and inches when it is a round inch size), pixel size. */
export interface SpecSizeText {
	/** e.g. "35 × 45 mm" or "51 × 51 mm (2 × 2 in)"; null for digital-only specs. */
	print: string | null;
	/** e.g. "413 × 531 px at 300 dpi", "600 × 600 px", "at least 600 × 600 px (at most 1200 × 1200)". */
	pixels: string;
}

export function specSizeText(spec: PhotoSpec, dpi?: number): SpecSizeText {
	let print: string | null = null;
	let pixels = '';
	if (spec.print) {
		const { widthMm, heightMm } = spec.print;
		const wIn = quarterInches(widthMm);
		const hIn = quarterInches(heightMm);
		print = `${num(widthMm)} × ${num(heightMm)} mm${wIn && hIn ? ` (${wIn} × ${hIn} in)` : ''}`;
		const d = dpi ?? spec.print.dpi;
		pixels = `${printPx(widthMm, d)} × ${printPx(heightMm, d)} px at ${d} dpi`;
	}
	const digital = spec.digital;
	if (digital) {
		if (digital.widthPx !== undefined && digital.heightPx !== undefined) {
			pixels = `${digital.widthPx} × ${digital.heightPx} px`;
		} else if (digital.minWidthPx !== undefined && digital.minHeightPx !== undefined) {
			pixels = `at least ${digital.minWidthPx} × ${digital.minHeightPx} px`;
			if (digital.maxWidthPx !== undefined && digital.maxHeightPx !== undefined) {
				pixels = `${digital.minWidthPx} × ${digital.minHeightPx} to ${digital.maxWidthPx} × ${digital.maxHeightPx} px`;
			}
		}
	}
	return { print, pixels };
}

/** A titled group of specs in the picker. */
export interface SpecGroup {
	key: 'recent' | 'suggested' | 'all';
	title: string;
	specs: PhotoSpec[];
}

/**
 * Picker order when nothing is searched: recently used (in recency order), then the suggested
 * country's documents, then every other spec. Within the last two groups the library's own
 * order is kept (`listSpecs()` puts official documents before conventions). Each spec appears
 * once; empty groups are dropped.
 */
export function groupSpecs(
	specs: readonly PhotoSpec[],
	recentIds: readonly string[],
	suggestedCountry: string | null
): SpecGroup[] {
	const byId = new Map(specs.map((s) => [s.id, s]));
	const used = new Set<string>();
	const recent: PhotoSpec[] = [];
	for (const id of recentIds) {
		const spec = byId.get(id);
		if (spec && !used.has(id)) {
			recent.push(spec);
			used.add(id);
		}
	}
	const suggested = suggestedCountry ? specs.filter((s) => s.country === suggestedCountry && !used.has(s.id)) : [];
	for (const s of suggested) used.add(s.id);
	const rest = specs.filter((s) => !used.has(s.id));
	const groups: SpecGroup[] = [
		{ key: 'recent', title: 'Recently used', specs: recent },
		{
			key: 'suggested',
			title: suggestedCountry ? `Suggested for ${countryName(suggestedCountry, 'en')}` : 'Suggested',
			specs: suggested
		},
		{ key: 'all', title: recent.length || suggested.length ? 'All other documents' : 'All documents', specs: rest }
	];
	return groups.filter((g) => g.specs.length > 0);
}

/** Background colours in words, e.g. "white or light grey". */
export function backgroundText(spec: PhotoSpec): string {
	const names = spec.background.allowed.map((c) => c.name.toLowerCase());
	if (names.length <= 1) return names[0] ?? '';
	return `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

/** The allowed colour entry matching the recommended hex (case-insensitive). */
export function recommendedColour(spec: PhotoSpec): { name: string; hex: string } {
	const rec = spec.background.recommended.toLowerCase();
	return spec.background.allowed.find((c) => c.hex.toLowerCase() === rec) ?? spec.background.allowed[0];
}

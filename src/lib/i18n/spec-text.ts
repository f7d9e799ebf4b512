/**
 * Spec facts in words, in the interface language: pixel sizes, background colours and the
 * picker's group titles. Each function takes the message formatter (`$t` in a component), so a
 * component that calls it re-renders when the language changes. English wording matches
 * src/lib/app/spec-view.ts (which the CLI and tests use unchanged).
 */
import type { PhotoSpec } from '$lib/specs';
import { CustomSpecStorageError, MAX_CUSTOM_SPECS } from '$lib/app/custom-specs';
import { countryName, documentName, printPx, specSizeText, type DocLocale, type SpecGroup } from '$lib/app/spec-view';

/** svelte-i18n's message formatter (the value of the `t` store). */
export type Formatter = (
	key: string,
	options?: { values?: Record<string, string | number | boolean | Date | null | undefined> }
) => string;

/**
 * Print size and pixel size in words, e.g. `{ print: '35 × 45 mm', pixels: '413 × 531 px at 300 dpi' }`
 * ('en') or `'413 × 531 像素（300 dpi）'` ('zh-CN'). Print size: mm, plus inches when a round
 * quarter-inch size (spec-view.ts). `dpi` overrides the spec's print dpi.
 */
export function sizeText(spec: PhotoSpec, tr: Formatter, dpi?: number): { print: string | null; pixels: string } {
	const { print } = specSizeText(spec, dpi);
	let pixels = '';
	if (spec.print) {
		const d = dpi ?? spec.print.dpi;
		pixels = tr('spec.size.px-at-dpi', {
			values: { w: printPx(spec.print.widthMm, d), h: printPx(spec.print.heightMm, d), dpi: d }
		});
	}
	const g = spec.digital;
	if (g) {
		if (g.widthPx !== undefined && g.heightPx !== undefined) {
			pixels = tr('spec.size.px', { values: { w: g.widthPx, h: g.heightPx } });
		} else if (g.minWidthPx !== undefined && g.minHeightPx !== undefined) {
			pixels =
				g.maxWidthPx !== undefined && g.maxHeightPx !== undefined
					? tr('spec.size.px-range', { values: { w: g.minWidthPx, h: g.minHeightPx, maxW: g.maxWidthPx, maxH: g.maxHeightPx } })
					: tr('spec.size.px-min', { values: { w: g.minWidthPx, h: g.minHeightPx } });
		}
	}
	return { print, pixels };
}

/**
 * A background colour name from the spec data (English, e.g. "light grey") in the interface
 * language; names without a message (custom specs) are shown as written.
 */
export function colourName(name: string, tr: Formatter): string {
	const key = `spec.colour.${name.trim().toLowerCase().replace(/\s+/g, '-')}`;
	const text = tr(key);
	return text === key ? name : text;
}

/** The allowed background colours in words, e.g. "white or light grey" / "白色或浅灰色". */
export function backgroundWords(spec: PhotoSpec, tr: Formatter): string {
	const names = spec.background.allowed.map((c) => colourName(c.name, tr));
	if (names.length <= 1) return names[0] ?? '';
	return tr('spec.colour.list', {
		values: { list: names.slice(0, -1).join(tr('spec.colour.separator')), last: names[names.length - 1] }
	});
}

/** Title of a picker group (spec-view.ts groupSpecs), e.g. "Suggested for Germany" / "为你推荐：德国". */
export function groupTitle(group: SpecGroup, groups: readonly SpecGroup[], suggestedCountry: string | null, locale: DocLocale, tr: Formatter): string {
	if (group.key === 'recent') return tr('spec.group.recent');
	if (group.key === 'suggested')
		return suggestedCountry
			? tr('spec.group.suggested-for', { values: { country: countryName(suggestedCountry, locale) } })
			: tr('spec.group.suggested');
	return groups.some((g) => g.key !== 'all') ? tr('spec.group.all-other') : tr('spec.group.all');
}

/**
 * The message for a failed save/remove of the user's own specs: CustomSpecStorageError by its
 * `code` (`spec.storage-error.<code>`), anything else as `fallbackKey`.
 */
export function customSpecErrorText(e: unknown, tr: Formatter, fallbackKey: string, values: Record<string, string | number> = {}): string {
	if (e instanceof CustomSpecStorageError)
		return tr(`spec.storage-error.${e.code}`, { values: { max: MAX_CUSTOM_SPECS } });
	return tr(fallbackKey, { values });
}

/** Spec field path → message key of its form label (mirrors FIELD_LABELS in src/lib/app/custom-specs.ts). */
const FORM_LABEL_KEYS: [RegExp, string][] = [
	[/^document\./, 'name'],
	[/^country$/, 'country'],
	[/^kind$/, 'kind'],
	[/^print\.widthMm$/, 'width-mm'],
	[/^print\.heightMm$/, 'height-mm'],
	[/^print\.dpi$/, 'dpi'],
	[/^digital\.widthPx$/, 'width-px'],
	[/^digital\.heightPx$/, 'height-px'],
	[/^digital$/, 'pixel-size'],
	[/^head\.minRatio$/, 'head-min'],
	[/^head\.maxRatio$/, 'head-max'],
	[/^head(\.|$)/, 'head'],
	[/^eyeLine\.minRatio$/, 'eye-min'],
	[/^eyeLine\.maxRatio$/, 'eye-max'],
	[/^eyeLine(\.|$)/, 'eye'],
	[/^background\.allowed\.(\d+)\.name$/, 'colour-name'],
	[/^background\.allowed\.(\d+)\.hex$/, 'colour'],
	[/^background/, 'colours'],
	[/^file\.maxKB$/, 'max-kb'],
	[/^file/, 'file'],
	[/^sources\./, 'source']
];

/**
 * The custom-spec form's label for a validation issue path, in the interface language (e.g.
 * "head.maxRatio" → "Head height, max (%)" / "头部高度上限（%）"; "background.allowed.1.name" →
 * colour 2). Unknown paths are shown as the path; the whole spec ('') as "Document".
 */
export function formIssueLabel(path: string, tr: Formatter): string {
	for (const [re, key] of FORM_LABEL_KEYS) {
		const m = re.exec(path);
		if (m) return tr(`spec.form.issue.${key}`, { values: { n: m[1] !== undefined ? Number(m[1]) + 1 : 1 } });
	}
	return path ? path : tr('spec.form.issue.document');
}

/** A form issue message (custom-specs.ts formIssues) in the interface language: the plain words it produces are translated, schema rule texts stay as written (English). */
export function formIssueMessage(message: string, tr: Formatter): string {
	if (message === 'required') return tr('spec.form.issue.required');
	if (message === 'enter a number') return tr('spec.form.issue.enter-number');
	return message;
}

/**
 * The document with its country, for places that show it alone (the tab title, history items):
 * "United States · Passport (printed photo)". Names that already contain the country, as most
 * Chinese ones do ("美国护照（纸质照片）"), are shown as they are.
 */
export function documentLabel(spec: Pick<PhotoSpec, 'country' | 'document'>, locale: DocLocale): string {
	const doc = documentName(spec as PhotoSpec, locale);
	const country = countryName(spec.country, locale);
	return !country || doc.includes(country) ? doc : `${country} · ${doc}`;
}

/**
 * Custom document specs: specs the user imports as JSON or makes with the "Create your own" form,
 * kept in this browser's localStorage only (key `idphoto.customSpecs`, a JSON array of spec
 * objects in the schema of `$lib/specs/schema.ts`). No cookies; nothing is sent anywhere.
 *
 * Rules:
 * - Every stored entry is validated with `parseSpec` each time the list is read; an invalid entry
 *   is dropped with a console warning (never an exception), so a hand-edited or older entry
 *   cannot break the app.
 * - Custom ids always start with `custom-` (CUSTOM_ID_PREFIX). No bundled id starts with it
 *   (checked by the unit test), so a custom spec can never shadow a bundled one, not even after
 *   the bundled library grows, and the pipeline client can tell the two apart by id alone.
 * - Two custom specs never share an id: a different spec arriving with a taken id gets `-2`,
 *   `-3`, ... appended; the very same spec again is not stored twice.
 */
import {
	hasSpec,
	getSpec,
	importSpec,
	parseSpec,
	SpecValidationError,
	type DocumentKind,
	type HeadDefinition,
	type PhotoSpec,
	type PhotoSpecInput,
	type SpecIssue
} from '$lib/specs';
import { searchSpecList, type SearchLocale } from '$lib/specs/search';

/** localStorage key of the custom spec list. */
export const CUSTOM_SPECS_KEY = 'idphoto.customSpecs';
/** Prefix of every custom spec id. */
export const CUSTOM_ID_PREFIX = 'custom-';
/** Most custom specs kept (a spec is ~1-3 KB of JSON; localStorage allows ~5 MB per origin). */
export const MAX_CUSTOM_SPECS = 100;
/**
 * Background tolerance (CIEDE2000 ΔE00) given to form-made specs: the value every bundled spec
 * uses (src/lib/specs/data/*.json). No authority publishes a ΔE; see schema.ts.
 */
export const CUSTOM_TOLERANCE_DELTA_E = 10;

/** Minimal storage surface: localStorage in the browser, a Map-backed fake in tests. */
export interface SpecStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

/** Receives one line per dropped stored entry (default: console.warn). */
export type WarnFn = (message: string) => void;

/** Thrown by addCustomSpec/removeCustomSpec when the list cannot be written; `message` is fit to show the user. */
export class CustomSpecStorageError extends Error {
	/**
	 * Stable reason, for the UI's translated message (src/lib/i18n, `spec.storage-error.<code>`):
	 * 'unavailable' (no storage), 'write-failed' (full or turned off), 'too-many' (MAX_CUSTOM_SPECS).
	 */
	readonly code: 'unavailable' | 'write-failed' | 'too-many';
	constructor(message: string, options?: { cause?: unknown; code?: CustomSpecStorageError['code'] }) {
		super(message, options);
		this.name = 'CustomSpecStorageError';
		this.code = options?.code ?? 'write-failed';
	}
}

function defaultStorage(): SpecStorage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		// Access throws when storage is disabled (e.g. some private modes).
		return null;
	}
}

const defaultWarn: WarnFn = (message) => console.warn(message);

/** True for ids of custom specs (they all start with `custom-`). */
export function isCustomSpecId(id: string): boolean {
	return id.startsWith(CUSTOM_ID_PREFIX);
}

/** The custom id for a spec id: `id` itself when it already starts with `custom-`, else `custom-<id>`. */
export function customSpecId(id: string): string {
	return isCustomSpecId(id) ? id : CUSTOM_ID_PREFIX + id;
}

/** Last validated read per storage object, so repeated reads of unchanged text neither re-validate nor re-warn. */
const cache = new WeakMap<SpecStorage, { raw: string; specs: PhotoSpec[] }>();

function readRaw(storage: SpecStorage): string | null {
	try {
		return storage.getItem(CUSTOM_SPECS_KEY);
	} catch {
		return null;
	}
}

function entryLabel(entry: unknown, index: number): string {
	const id = entry && typeof entry === 'object' ? (entry as { id?: unknown }).id : undefined;
	return typeof id === 'string' ? `#${index} ("${id}")` : `#${index}`;
}

function validateStored(raw: string, warn: WarnFn): PhotoSpec[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch (e) {
		warn(`Custom specs: ignored ${CUSTOM_SPECS_KEY}, it is not JSON (${(e as Error).message}).`);
		return [];
	}
	if (!Array.isArray(parsed)) {
		warn(`Custom specs: ignored ${CUSTOM_SPECS_KEY}, it is not a JSON array.`);
		return [];
	}
	const out: PhotoSpec[] = [];
	const seen = new Set<string>();
	parsed.forEach((entry, index) => {
		let spec: PhotoSpec;
		try {
			spec = parseSpec(entry);
		} catch (e) {
			const detail = e instanceof SpecValidationError ? e.issues.map((i) => `${i.path || '(spec)'}: ${i.message}`).join('; ') : String(e);
			warn(`Custom specs: dropped stored entry ${entryLabel(entry, index)}: ${detail}`);
			return;
		}
		if (!isCustomSpecId(spec.id)) {
			// Written by something else than this module: give it the custom prefix rather than lose it.
			spec = { ...spec, id: customSpecId(spec.id) };
		}
		if (seen.has(spec.id)) {
			warn(`Custom specs: dropped stored entry ${entryLabel(entry, index)}: another entry has the id "${spec.id}".`);
			return;
		}
		seen.add(spec.id);
		out.push(spec);
	});
	return out;
}

/**
 * The custom specs stored on this device, in the order they were added (validated; invalid or
 * duplicate entries are dropped and reported through `warn`). [] when storage is unavailable,
 * empty or not a JSON array. Never throws. The returned array is a fresh copy.
 */
export function listCustomSpecs(storage: SpecStorage | null = defaultStorage(), warn: WarnFn = defaultWarn): PhotoSpec[] {
	if (!storage) return [];
	const raw = readRaw(storage);
	if (raw === null || raw.trim() === '') return [];
	const hit = cache.get(storage);
	if (hit && hit.raw === raw) return [...hit.specs];
	const specs = validateStored(raw, warn);
	cache.set(storage, { raw, specs });
	return [...specs];
}

function write(specs: readonly PhotoSpec[], storage: SpecStorage | null): void {
	if (!storage)
		throw new CustomSpecStorageError('This browser does not let the app keep data on this device, so the document cannot be saved.', {
			code: 'unavailable'
		});
	const raw = JSON.stringify(specs);
	try {
		storage.setItem(CUSTOM_SPECS_KEY, raw);
	} catch (cause) {
		throw new CustomSpecStorageError('The document could not be saved on this device (browser storage is full or turned off).', {
			cause,
			code: 'write-failed'
		});
	}
	cache.set(storage, { raw, specs: [...specs] });
}

/** Order-independent JSON of a spec, to tell "the same spec again" from "another spec with this id". */
function canonical(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

/** What addCustomSpec did. */
export interface AddResult {
	/** The stored spec (validated, custom id). */
	spec: PhotoSpec;
	/** The whole custom list after the change. */
	list: PhotoSpec[];
	/**
	 * 'added': stored under `custom-<its id>`; 'renamed': that id was taken by another custom spec,
	 * so `-2`, `-3`, ... was appended; 'unchanged': this very spec was already stored.
	 */
	outcome: 'added' | 'renamed' | 'unchanged';
}

/**
 * Validates `input` (a spec object, e.g. from JSON or specFromForm) and stores it as a custom spec.
 * @throws SpecValidationError (issues named by dotted field path, e.g. "head.maxRatio") when invalid.
 * @throws CustomSpecStorageError when storage is unavailable or full, or MAX_CUSTOM_SPECS are stored.
 */
export function addCustomSpec(input: unknown, storage: SpecStorage | null = defaultStorage(), warn: WarnFn = defaultWarn): AddResult {
	const parsed = parseSpec(input);
	const list = listCustomSpecs(storage, warn);
	const base = customSpecId(parsed.id);
	let id = base;
	for (let n = 2; ; n++) {
		const taken = list.find((s) => s.id === id);
		if (!taken) break;
		if (canonical(taken) === canonical({ ...parsed, id })) return { spec: taken, list, outcome: 'unchanged' };
		id = `${base}-${n}`;
	}
	if (list.length >= MAX_CUSTOM_SPECS)
		throw new CustomSpecStorageError(`At most ${MAX_CUSTOM_SPECS} own documents can be kept. Remove one first.`, { code: 'too-many' });
	// Re-validate with the final id (it must still be kebab-case).
	const spec = parseSpec({ ...parsed, id });
	const next = [...list, spec];
	write(next, storage);
	return { spec, list: next, outcome: id === base ? 'added' : 'renamed' };
}

/**
 * Parses JSON text (as written by exportSpec or by hand) and stores it; see addCustomSpec.
 * @throws SpecValidationError for text that is empty, too long, not JSON, or not a valid spec.
 * @throws CustomSpecStorageError as addCustomSpec.
 */
export function importCustomSpec(text: string, storage: SpecStorage | null = defaultStorage(), warn: WarnFn = defaultWarn): AddResult {
	return addCustomSpec(importSpec(text), storage, warn);
}

/**
 * Removes the custom spec `id` (no-op when absent) and returns the remaining list.
 * @throws CustomSpecStorageError when the list cannot be written.
 */
export function removeCustomSpec(id: string, storage: SpecStorage | null = defaultStorage(), warn: WarnFn = defaultWarn): PhotoSpec[] {
	const list = listCustomSpecs(storage, warn);
	const next = list.filter((s) => s.id !== id);
	if (next.length !== list.length) write(next, storage);
	return next;
}

/** The bundled spec `id`, else the custom spec `id` from `custom` (default: read from storage), else undefined. */
export function findSpec(id: string, custom: readonly PhotoSpec[] = listCustomSpecs()): PhotoSpec | undefined {
	if (hasSpec(id)) return getSpec(id);
	return custom.find((s) => s.id === id);
}

/** Thrown by resolveSpecForWorker for an id that is neither bundled nor stored; `message` is fit to show the user. */
export class MissingSpecError extends Error {
	readonly id: string;
	constructor(id: string) {
		super(
			isCustomSpecId(id)
				? `Your document “${id}” is no longer saved on this device. Choose or import it again.`
				: `The document “${id}” is not in the list. Choose another one.`
		);
		this.name = 'MissingSpecError';
		this.id = id;
	}
}

/**
 * What to send to the pipeline worker for spec `id`: the id itself for a bundled spec (the
 * worker looks it up), or the whole custom PhotoSpec object (the worker re-validates it with
 * parseSpec; it is a plain object, so structured clone carries it).
 * @throws MissingSpecError when `id` is neither bundled nor stored.
 */
export function resolveSpecForWorker(id: string, storage: SpecStorage | null = defaultStorage()): string | PhotoSpec {
	if (hasSpec(id)) return id;
	const spec = listCustomSpecs(storage).find((s) => s.id === id);
	if (!spec) throw new MissingSpecError(id);
	return spec;
}

/** Custom specs matching `query` with the library's ranking (search.ts); "custom" matches every custom id. */
export function searchCustomSpecs(specs: readonly PhotoSpec[], query: string, locale: SearchLocale = 'en'): PhotoSpec[] {
	return searchSpecList(specs, query, locale);
}

// ---------------------------------------------------------------------------------------------
// "Create your own" form -> spec
// ---------------------------------------------------------------------------------------------

/** One background colour row of the form. */
export interface FormColour {
	name: string;
	/** #RRGGBB */
	hex: string;
}

/** What the "Create your own" form collects. Numbers left empty in the form are `undefined`. */
export interface CustomSpecForm {
	/** Document name, e.g. "Club membership card"; used for both languages. */
	name: string;
	/** ISO 3166-1 alpha-2 code, upper case (or "EU"). */
	country: string;
	kind: DocumentKind;
	/** Printed size in mm at `dpi` (default 300), or an exact digital size in px. */
	size:
		| { mode: 'print'; widthMm: number | undefined; heightMm: number | undefined; dpi?: number | undefined }
		| { mode: 'digital'; widthPx: number | undefined; heightPx: number | undefined };
	/** What the head height is measured to: top of the hair ('crown-to-chin') or of the skull. */
	headDefinition: HeadDefinition;
	/** Head height window, % of the photo height. */
	headMinPct: number | undefined;
	headMaxPct: number | undefined;
	/** Eye line above the bottom edge, % of the photo height; both optional. */
	eyeMinPct?: number | undefined;
	eyeMaxPct?: number | undefined;
	/** Allowed backgrounds; the first one is painted when the background is replaced. */
	backgrounds: FormColour[];
	/** false when the authority forbids replacing the background. */
	editingAllowed: boolean;
	/** Largest file size in KB, optional; 1 KB = `kbUnit` bytes. */
	maxKB?: number | undefined;
	kbUnit: 1000 | 1024;
	/** Link to the page the rules come from (optional). */
	sourceUrl?: string;
}

/** Context the form cannot know by itself (passed in so the builder is deterministic in tests). */
export interface FormContext {
	/** Absolute URL of this app, used as the source link when the user gives none. */
	appUrl: string;
	/** Today as YYYY-MM-DD (the source's `checked` date). */
	today: string;
}

/** Kebab-case slug of a name: accents dropped, other characters to '-', at most 40 characters; '' when nothing is left. */
export function slugify(name: string): string {
	return name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.slice(0, 40)
		.replace(/^-+|-+$/g, '');
}

const pctToRatio = (pct: number | undefined): number | undefined => (pct === undefined ? undefined : pct / 100);

/**
 * Builds and validates the spec the form describes. Id: `custom-<country>-<slug of name>`
 * (`custom-<country>-document` for names without Latin letters or digits). Confidence is 'low'
 * (rules typed in by hand), the tolerance CUSTOM_TOLERANCE_DELTA_E, the file format JPEG.
 * Percentages become ratios of the photo height (50 % -> 0.5).
 * @throws SpecValidationError with every problem, named by spec field path (see formFieldLabel).
 */
export function specFromForm(form: CustomSpecForm, context: FormContext): PhotoSpec {
	const name = form.name.trim();
	const country = form.country.trim().toUpperCase();
	const slug = slugify(name) || 'document';
	const source = form.sourceUrl?.trim();
	const eyeMin = pctToRatio(form.eyeMinPct);
	const eyeMax = pctToRatio(form.eyeMaxPct);
	const input: Record<string, unknown> = {
		id: `${CUSTOM_ID_PREFIX}${country.toLowerCase()}-${slug}`,
		country,
		document: { en: name, 'zh-CN': name },
		kind: form.kind,
		head: {
			definition: form.headDefinition,
			basis: 'published',
			minRatio: pctToRatio(form.headMinPct),
			maxRatio: pctToRatio(form.headMaxPct)
		},
		background: {
			allowed: form.backgrounds.map((c) => ({ name: c.name.trim(), hex: c.hex.toUpperCase() })),
			recommended: (form.backgrounds[0]?.hex ?? '').toUpperCase(),
			toleranceDeltaE: CUSTOM_TOLERANCE_DELTA_E,
			editingAllowed: form.editingAllowed
		},
		sources: [
			source
				? { authority: hostOf(source), title: 'Rules entered by hand from this page', url: source, checked: context.today }
				: { authority: 'You', title: 'Rules entered by hand on this device', url: context.appUrl, checked: context.today }
		],
		confidence: 'low',
		notes: `Made with “Create your own” on ${context.today}; not checked against an official source by this app.`
	};
	if (form.size.mode === 'print') {
		input.print = { widthMm: form.size.widthMm, heightMm: form.size.heightMm, dpi: form.size.dpi ?? 300 };
	} else {
		input.digital = { widthPx: form.size.widthPx, heightPx: form.size.heightPx };
	}
	if (eyeMin !== undefined || eyeMax !== undefined) input.eyeLine = { from: 'bottom', minRatio: eyeMin, maxRatio: eyeMax };
	if (form.maxKB !== undefined) input.file = { format: 'jpeg', maxKB: form.maxKB, kbUnit: form.kbUnit };
	return parseSpec(dropUndefined(input) as PhotoSpecInput);
}

function hostOf(url: string): string {
	try {
		return new URL(url).hostname || url;
	} catch {
		return url;
	}
}

/** Deep copy without `undefined` members (so an empty optional field is absent, not "undefined"). */
function dropUndefined(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(dropUndefined);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = dropUndefined(v);
		return out;
	}
	return value;
}

const FIELD_LABELS: [RegExp, string][] = [
	[/^document\./, 'Name'],
	[/^country$/, 'Country'],
	[/^kind$/, 'Document type'],
	[/^print\.widthMm$/, 'Width (mm)'],
	[/^print\.heightMm$/, 'Height (mm)'],
	[/^print\.dpi$/, 'Print resolution (dpi)'],
	[/^digital\.widthPx$/, 'Width (px)'],
	[/^digital\.heightPx$/, 'Height (px)'],
	[/^digital$/, 'Pixel size'],
	[/^head\.minRatio$/, 'Head height, min (%)'],
	[/^head\.maxRatio$/, 'Head height, max (%)'],
	[/^head(\.|$)/, 'Head height'],
	[/^eyeLine\.minRatio$/, 'Eye line, min (%)'],
	[/^eyeLine\.maxRatio$/, 'Eye line, max (%)'],
	[/^eyeLine(\.|$)/, 'Eye line'],
	[/^background\.allowed\.(\d+)\.name$/, 'Background colour $n, name'],
	[/^background\.allowed\.(\d+)\.hex$/, 'Background colour $n'],
	[/^background/, 'Background colours'],
	[/^file\.maxKB$/, 'Largest file size (KB)'],
	[/^file/, 'File size'],
	[/^sources\./, 'Source link']
];

/**
 * The form's label for a validation issue path (e.g. "head.maxRatio" -> "Head height, max (%)",
 * "background.allowed.1.name" -> "Background colour 2, name"); "Document" for the whole spec ('').
 */
export function formFieldLabel(path: string): string {
	for (const [re, label] of FIELD_LABELS) {
		const m = re.exec(path);
		if (m) return label.replace('$n', m[1] !== undefined ? String(Number(m[1]) + 1) : '');
	}
	return path ? path : 'Document';
}

/** A validation issue as the form shows it. */
export interface FormIssue {
	/** Spec field path, e.g. "print.widthMm". */
	path: string;
	/** Form label (formFieldLabel). */
	label: string;
	message: string;
}

/** valibot's wording for an empty or missing value -> plain words. */
function plainMessage(message: string): string {
	if (/^Invalid key: Expected ".*" but received undefined$/.test(message)) return 'required';
	if (/^Invalid length: Expected >=1 but received 0$/.test(message)) return 'required';
	if (/^Invalid type: Expected number but received (NaN|undefined|null)$/.test(message)) return 'enter a number';
	return message;
}

/**
 * Issues from specFromForm labelled for the form, with "required" for missing values, and
 * duplicates (same label and message, e.g. the name used for both languages) merged.
 */
export function formIssues(issues: readonly SpecIssue[]): FormIssue[] {
	const out: FormIssue[] = [];
	const seen = new Set<string>();
	for (const issue of issues) {
		const label = formFieldLabel(issue.path);
		const message = plainMessage(issue.message);
		const key = `${label}\u0000${message}`;
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ path: issue.path, label, message });
	}
	return out;
}

/** One line per issue for the import error list: `path: message` ('(spec)' for the whole spec). */
export function issueLines(issues: readonly SpecIssue[]): string[] {
	return issues.map((i) => `${i.path || '(spec)'}: ${i.message}`);
}

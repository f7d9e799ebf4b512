/**
 * The ID-photo document specification ("spec") schema, validated with valibot.
 *
 * Conventions used by every spec (and by the layout engine and checker that read them):
 * - Lengths on paper are millimetres (mm); pixel sizes are integers (px); print resolution
 *   is dots per inch (dpi, 1 in = 25.4 mm).
 * - A *ratio* is a fraction in (0,1) of the photo's HEIGHT (head, eye line, top/chin margins)
 *   or of its WIDTH (head width only).
 * - Head height is measured from the bottom of the chin up to either
 *   'crown-to-chin': the top of the head INCLUDING hair (US, JP, CN practice), or
 *   'skull-to-chin': the top of the skull, hair ignored (ICAO Doc 9303 "crown"; DE, FR, KR,
 *   CA "natural top of head", AU, GB, Schengen).
 * - The eye line is the horizontal line through the eye (iris) centres, measured from the
 *   bottom or the top edge as the authority publishes it.
 * - Top margin: top edge of the photo down to the top of the head (same head definition as
 *   `head`). Chin margin: bottom of the chin down to the bottom edge.
 * - Background tolerance is a CIEDE2000 colour difference (ΔE00) to the nearest allowed
 *   colour. No authority publishes a ΔE: the bundled values are this project's convention.
 * - File sizes are in KB where 1 KB = `kbUnit` bytes (1000 or 1024; authorities rarely say
 *   which, so the bundled data notes the choice).
 *
 * `parseSpec` is the only way to get a `PhotoSpec`: it applies the defaults (dpi 300,
 * head basis 'published') and the cross-field rules below, and throws `SpecValidationError`.
 */
import * as v from 'valibot';
import { isKnownCountry } from './countries';

/** Default print resolution when a spec does not state one (dpi). Common photo-lab output. */
export const DEFAULT_DPI = 300;
/** mm per inch (exact, by definition of the inch). */
export const MM_PER_INCH = 25.4;
/**
 * Largest allowed mismatch between a window's mm bounds and its ratio bounds, in mm on
 * paper. Authorities round: e.g. DE "70–80 % = 32–36 mm" on a 45 mm photo (31.5 vs 32).
 */
export const MM_RATIO_TOLERANCE_MM = 0.5;
/** Largest relative aspect-ratio difference allowed between `print` and exact `digital`. */
export const ASPECT_TOLERANCE = 0.01;

const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HEX = /^#[0-9A-Fa-f]{6}$/;

const Ratio = v.pipe(v.number(), v.finite(), v.gtValue(0), v.ltValue(1));
const Mm = v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(1000));
const Px = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20000));
const NonEmpty = v.pipe(v.string(), v.trim(), v.minLength(1));

/** Bounds shared by every window. At least one bound must be present. */
const windowEntries = {
	minRatio: v.optional(Ratio),
	maxRatio: v.optional(Ratio),
	minMm: v.optional(Mm),
	maxMm: v.optional(Mm),
	/** Preferred value for layout, as a ratio in the window's own orientation; default: middle. */
	targetRatio: v.optional(Ratio)
};

type WindowLike = {
	minRatio?: number;
	maxRatio?: number;
	minMm?: number;
	maxMm?: number;
	targetRatio?: number;
};

function windowIssues(w: WindowLike, needBothBounds: boolean): string | null {
	const hasAny = [w.minRatio, w.maxRatio, w.minMm, w.maxMm].some((x) => x !== undefined);
	if (!hasAny) return 'needs at least one of minRatio, maxRatio, minMm, maxMm';
	if (w.minRatio !== undefined && w.maxRatio !== undefined && !(w.minRatio < w.maxRatio))
		return `minRatio (${w.minRatio}) must be < maxRatio (${w.maxRatio})`;
	if (w.minMm !== undefined && w.maxMm !== undefined && !(w.minMm <= w.maxMm))
		return `minMm (${w.minMm}) must be <= maxMm (${w.maxMm})`;
	if (needBothBounds) {
		const ratioPair = w.minRatio !== undefined && w.maxRatio !== undefined;
		const mmPair = w.minMm !== undefined && w.maxMm !== undefined;
		if (!ratioPair && !mmPair) return 'needs both bounds: minRatio and maxRatio, or minMm and maxMm';
	}
	return null;
}

function windowSchema<TExtra extends v.ObjectEntries>(extra: TExtra, needBothBounds: boolean) {
	return v.pipe(
		v.strictObject({ ...extra, ...windowEntries }),
		v.rawCheck(({ dataset, addIssue }) => {
			if (!dataset.typed) return;
			const msg = windowIssues(dataset.value as WindowLike, needBothBounds);
			if (msg) addIssue({ message: msg });
		})
	);
}

export const HeadDefinitionSchema = v.picklist(['crown-to-chin', 'skull-to-chin']);
export type HeadDefinition = v.InferOutput<typeof HeadDefinitionSchema>;

export const KindSchema = v.picklist([
	'passport',
	'visa',
	'id-card',
	'residence-permit',
	'driving-licence',
	'exam',
	'other'
]);
export type DocumentKind = v.InferOutput<typeof KindSchema>;

const ColourSchema = v.strictObject({
	name: NonEmpty,
	hex: v.pipe(v.string(), v.regex(HEX, 'must be a #RRGGBB hex colour'))
});

const SourceSchema = v.strictObject({
	/** Who publishes the rule (or, for a secondary page, who runs the page). */
	authority: NonEmpty,
	title: NonEmpty,
	url: v.pipe(v.string(), v.url('must be an absolute URL')),
	/** ISO date (YYYY-MM-DD) this entry was last reviewed with this source. */
	checked: v.pipe(v.string(), v.isoDate('must be an ISO date YYYY-MM-DD')),
	/**
	 * How the source was used on `checked`: 'read' = its text (or a stored copy) was read;
	 * 'listed' = carried over from the project's research file, not re-read.
	 */
	access: v.optional(v.picklist(['read', 'listed'])),
	/**
	 * True when the source is the issuing authority's own page or document (ministry, embassy or consulate, immigration
	 * service, police, exam authority, or a stored copy of their document); absent or false for secondary pages (photo
	 * shops, news, aggregators) that quote it.
	 */
	official: v.optional(v.boolean())
});

export const PhotoSpecSchema = v.pipe(
	v.strictObject({
		/** Kebab-case id, `<country>-<document>`, e.g. `us-passport`. */
		id: v.pipe(v.string(), v.regex(KEBAB_ID, 'must be kebab-case, e.g. "us-passport"')),
		/** ISO 3166-1 alpha-2 code (upper case); "EU" (exceptionally reserved) for Schengen. */
		country: v.pipe(
			v.string(),
			v.check((c) => isKnownCountry(c), 'must be an ISO 3166-1 alpha-2 code in upper case, e.g. "US"')
		),
		document: v.strictObject({ en: NonEmpty, 'zh-CN': NonEmpty }),
		kind: KindSchema,
		/** Printed photo size. `dpi` is the output resolution used to render it (default 300). */
		print: v.optional(
			v.strictObject({
				widthMm: Mm,
				heightMm: Mm,
				dpi: v.optional(v.pipe(v.number(), v.integer(), v.minValue(72), v.maxValue(2400)), DEFAULT_DPI)
			})
		),
		/** Digital file size: exact (`widthPx`+`heightPx`) or a range (`minWidthPx`+`minHeightPx`, optional maxima). */
		digital: v.optional(
			v.pipe(
				v.strictObject({
					widthPx: v.optional(Px),
					heightPx: v.optional(Px),
					minWidthPx: v.optional(Px),
					maxWidthPx: v.optional(Px),
					minHeightPx: v.optional(Px),
					maxHeightPx: v.optional(Px)
				}),
				v.rawCheck(({ dataset, addIssue }) => {
					if (!dataset.typed) return;
					const d = dataset.value;
					const exact = d.widthPx !== undefined || d.heightPx !== undefined;
					const range = [d.minWidthPx, d.maxWidthPx, d.minHeightPx, d.maxHeightPx].some((x) => x !== undefined);
					if (exact && range) addIssue({ message: 'use either widthPx/heightPx (exact) or min/max ranges, not both' });
					else if (exact && (d.widthPx === undefined || d.heightPx === undefined))
						addIssue({ message: 'exact size needs both widthPx and heightPx' });
					else if (!exact && (d.minWidthPx === undefined || d.minHeightPx === undefined))
						addIssue({ message: 'a range needs minWidthPx and minHeightPx' });
					else if (d.maxWidthPx !== undefined && d.minWidthPx !== undefined && d.maxWidthPx < d.minWidthPx)
						addIssue({ message: 'maxWidthPx must be >= minWidthPx' });
					else if (d.maxHeightPx !== undefined && d.minHeightPx !== undefined && d.maxHeightPx < d.minHeightPx)
						addIssue({ message: 'maxHeightPx must be >= minHeightPx' });
				})
			)
		),
		/**
		 * Head height window (ratio of photo height and/or mm). `basis: 'assumed'` marks a window
		 * the authority does not publish (see `notes` for where it comes from).
		 */
		head: windowSchema(
			{
				definition: HeadDefinitionSchema,
				basis: v.optional(v.picklist(['published', 'assumed']), 'published')
			},
			true
		),
		/** Head (face) width window; ratios are of the photo WIDTH. */
		headWidth: v.optional(windowSchema({}, false)),
		/** Eye line window, measured from the bottom or top edge. */
		eyeLine: v.optional(windowSchema({ from: v.picklist(['bottom', 'top']) }, false)),
		/** Top edge to top of head (head definition as in `head`). */
		topMargin: v.optional(windowSchema({}, false)),
		/** Bottom of chin to bottom edge. */
		chinMargin: v.optional(windowSchema({}, false)),
		background: v.pipe(
			v.strictObject({
				allowed: v.pipe(v.array(ColourSchema), v.minLength(1, 'needs at least one allowed colour')),
				/** Hex of the colour to paint when replacing the background; must be in `allowed`. */
				recommended: v.pipe(v.string(), v.regex(HEX, 'must be a #RRGGBB hex colour')),
				/** Max CIEDE2000 ΔE to the nearest allowed colour (project convention). */
				toleranceDeltaE: v.pipe(v.number(), v.gtValue(0), v.maxValue(50)),
				/**
				 * false: the authority forbids retouching that includes replacing/removing the
				 * background (e.g. AU "No retouching of any kind (including removal of background)").
				 * true: no such rule found (changing appearance is forbidden everywhere).
				 */
				editingAllowed: v.boolean(),
				/** Colours the authority explicitly rejects (e.g. FR: white). */
				forbidden: v.optional(v.array(ColourSchema))
			}),
			v.check(
				(b) => b.allowed.some((c) => c.hex.toLowerCase() === b.recommended.toLowerCase()),
				'recommended must be the hex of one of the allowed colours'
			)
		),
		file: v.optional(
			v.pipe(
				v.strictObject({
					/** Omitted when the authority does not state it. */
					format: v.optional(v.picklist(['jpeg', 'png'])),
					minKB: v.optional(v.pipe(v.number(), v.gtValue(0))),
					maxKB: v.optional(v.pipe(v.number(), v.gtValue(0))),
					kbUnit: v.picklist([1000, 1024])
				}),
				v.check(
					(f) => f.minKB === undefined || f.maxKB === undefined || f.minKB < f.maxKB,
					'minKB must be < maxKB'
				)
			)
		),
		/** Omitted when the authority says nothing found. 'forbidden' may have a medical exception (see notes). */
		glasses: v.optional(v.picklist(['allowed', 'discouraged', 'forbidden'])),
		/** Head-covering rule, English text. */
		headCovering: v.optional(NonEmpty),
		sources: v.pipe(v.array(SourceSchema), v.minLength(1, 'needs at least one source')),
		/** high: official text read; medium: official text quoted by others; low: aggregators, presets, conflicts. */
		confidence: v.picklist(['high', 'medium', 'low']),
		notes: v.optional(NonEmpty),
		/**
		 * Common short names of the document that its `document` names do not contain, per language, for
		 * search only (search.ts): e.g. CET "四级" / "CET-4", NCRE "计算机二级", "考研", "国考". Each must be a
		 * name people really use for this document (as the exam authority, the
		 * photo trade or the press writes it), not a guess.
		 * A Chinese keyword matches a whole query token or piece; a Latin one matches like a country alias.
		 */
		keywords: v.optional(
			v.strictObject({
				en: v.optional(v.array(NonEmpty)),
				'zh-CN': v.optional(v.array(NonEmpty))
			})
		)
	}),
	v.rawCheck(({ dataset, addIssue }) => {
		if (!dataset.typed) return;
		for (const msg of crossFieldIssues(dataset.value)) addIssue({ message: msg });
	})
);

/** A validated ID-photo document spec (defaults applied). */
export type PhotoSpec = v.InferOutput<typeof PhotoSpecSchema>;
/** The JSON shape accepted by `parseSpec` (dpi and head.basis may be omitted). */
export type PhotoSpecInput = v.InferInput<typeof PhotoSpecSchema>;

type WindowName = 'head' | 'headWidth' | 'eyeLine' | 'topMargin' | 'chinMargin';

function crossFieldIssues(s: PhotoSpec): string[] {
	const out: string[] = [];
	if (!s.print && !s.digital) out.push('print or digital: a spec needs a print size, a digital size, or both');
	const windows: [WindowName, WindowLike | undefined, 'height' | 'width'][] = [
		['head', s.head, 'height'],
		['headWidth', s.headWidth, 'width'],
		['eyeLine', s.eyeLine, 'height'],
		['topMargin', s.topMargin, 'height'],
		['chinMargin', s.chinMargin, 'height']
	];
	for (const [name, w, axis] of windows) {
		if (!w) continue;
		const hasMm = w.minMm !== undefined || w.maxMm !== undefined;
		if (!hasMm) continue;
		if (!s.print) {
			out.push(`${name}: minMm/maxMm need a print size (print.widthMm, print.heightMm)`);
			continue;
		}
		const len = axis === 'height' ? s.print.heightMm : s.print.widthMm;
		if ((w.maxMm ?? 0) >= len || (w.minMm ?? 0) >= len)
			out.push(`${name}: mm bounds must be smaller than the photo ${axis} (${len} mm)`);
		const lo = Math.max(w.minRatio ?? 0, (w.minMm ?? 0) / len);
		const hi = Math.min(w.maxRatio ?? 1, (w.maxMm ?? len) / len);
		if (!(lo <= hi)) out.push(`${name}: the mm window and the ratio window do not overlap`);
	}
	const d = s.digital;
	if (s.print && d && d.widthPx !== undefined && d.heightPx !== undefined) {
		const a = s.print.widthMm / s.print.heightMm;
		const b = d.widthPx / d.heightPx;
		if (Math.abs(a / b - 1) > ASPECT_TOLERANCE)
			out.push(
				`digital: ${d.widthPx}x${d.heightPx} px has another aspect ratio than print ${s.print.widthMm}x${s.print.heightMm} mm; make two specs`
			);
	}
	return out;
}

/** One validation problem: dotted field path ('' for the whole spec) and message. */
export interface SpecIssue {
	path: string;
	message: string;
}

/** Thrown by `parseSpec`/`importSpec`; `issues` lists every problem found, `message` names each field. */
export class SpecValidationError extends Error {
	readonly issues: SpecIssue[];
	constructor(issues: SpecIssue[], label = 'photo spec') {
		const lines = issues.map((i) => `  - ${i.path || '(spec)'}: ${i.message}`);
		super(`Invalid ${label} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
		this.name = 'SpecValidationError';
		this.issues = issues;
	}
}

/**
 * Validates an already-parsed JSON value and returns the typed spec with defaults applied.
 * @throws SpecValidationError listing every issue as `path: message` (e.g. `head.minRatio: Invalid type: ...`).
 */
export function parseSpec(json: unknown): PhotoSpec {
	if (json === null || typeof json !== 'object' || Array.isArray(json)) {
		const got = json === null ? 'null' : Array.isArray(json) ? 'an array' : typeof json;
		throw new SpecValidationError([{ path: '', message: `expected a JSON object (one spec), got ${got}` }]);
	}
	const result = v.safeParse(PhotoSpecSchema, json);
	if (result.success) return result.output;
	const id =
		json && typeof json === 'object' && typeof (json as { id?: unknown }).id === 'string'
			? ` "${(json as { id: string }).id}"`
			: '';
	const issues = result.issues.map((issue) => ({
		path: v.getDotPath(issue) ?? '',
		message: issue.message
	}));
	throw new SpecValidationError(issues, `photo spec${id}`);
}

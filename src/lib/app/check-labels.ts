/**
 * Names and status wording for the check report. Check ids come from the pipeline
 * (`CheckResult.id`, kebab-case, see src/lib/pipeline/check/types.ts `CheckId`); lookup ignores
 * '-' vs '_'. Ids without an entry here are shown humanised ("eye-line" → "Eye line").
 *
 * Languages (issue 9): every row also carries its texts as message keys of the `checks` area
 * (src/lib/i18n/locales/<lang>/checks.json) with ICU values (`Msg`), which CheckReport.svelte renders with `$t`;
 * the English strings (`label`, `message`, `fix`, `limit`) stay for code that is not translated (CLI, tests).
 * Framing values are written in mm with the spec's mm window where the spec states that window in mm (head height,
 * eye line, top margin), else in % of the photo height or width.
 */
import type { CheckResult, CheckStatus, PhotoReport } from '$lib/pipeline/api';
import type { CheckText, QualityGroup } from '$lib/quality/types';
import type { PhotoSpec } from '$lib/specs';
import { fmtNum, fmtPct } from '$lib/quality/format';
import { englishTemplate, formatTemplate } from '$lib/quality/messages';

const LABELS: Record<string, string> = {
	head_height: 'Head height (chin to crown)',
	head_ratio: 'Head height (chin to crown)',
	eye_line: 'Eye line height',
	eye_height: 'Eye line height',
	top_margin: 'Space above the head',
	centring: 'Face centred',
	horizontal_centring: 'Face centred left to right',
	output_size: 'Image size in pixels',
	face_count: 'One face only',
	centering: 'Face centred',
	horizontal_centre: 'Face centred',
	roll: 'Head tilt (roll)',
	yaw: 'Head turned (yaw)',
	pitch: 'Head raised or lowered (pitch)',
	pose: 'Head pose',
	inter_eye_distance: 'Distance between the eyes',
	ied: 'Distance between the eyes',
	resolution: 'Source resolution',
	pixel_size: 'Image size in pixels',
	dimensions: 'Image size in pixels',
	file_size: 'File size',
	bytes: 'File size',
	format: 'File format',
	background: 'Background colour',
	background_colour: 'Background colour',
	background_uniformity: 'Even background',
	faces: 'One face only',
	eyes_open: 'Eyes open',
	mouth_closed: 'Mouth closed',
	exposure: 'Exposure',
	sharpness: 'Sharpness',
	lighting: 'Even lighting',
	illumination_symmetry: 'Even lighting on both sides of the face',
	// Quality checks of the input photo (src/lib/quality/types.ts QualityId).
	gaze: 'Looking at the camera',
	expression: 'Neutral expression',
	eyes_occluded: 'Eyes not covered',
	other_person: 'No other person',
	motion_blur: 'No motion blur',
	luminance: 'Brightness of the face',
	skin_colour: 'Natural skin colour',
	greyscale: 'Colour photo',
	colour_cast: 'No colour cast',
	red_eye: 'No red eye',
	glasses_glare: 'No glare on glasses',
	compression: 'JPEG compression',
	background_shadow: 'No shadow on the background',
	background_objects: 'No objects or patterns behind you',
	background_edited: 'Background editing allowed'
};

/** Names of input-photo checks whose id is also a finished-photo check (the input's value differs in meaning). */
const INPUT_LABELS: Record<string, string> = {
	roll: 'Head tilt in your photo (roll)'
};

/** True when check `id` has its own name here (not the humanised fallback). */
export function isNamed(id: string): boolean {
	return id.toLowerCase().replace(/-/g, '_') in LABELS;
}

/**
 * The user-facing name of check `id`; `source` 'input' names a quality check of the photo as given
 * (src/lib/quality), default 'finished' a check of the finished photo (src/lib/pipeline/check).
 */
export function checkLabel(id: string, source: 'finished' | 'input' = 'finished'): string {
	const key = id.toLowerCase().replace(/-/g, '_');
	const known = (source === 'input' ? INPUT_LABELS[key] : undefined) ?? LABELS[key];
	if (known) return known;
	const words = id.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim().toLowerCase();
	return words ? words[0].toUpperCase() + words.slice(1) : id;
}

/** Status in words: the report never relies on colour alone. */
export const STATUS_TEXT: Record<CheckStatus, string> = {
	pass: 'Pass',
	warn: 'Warning',
	fail: 'Fail',
	unknown: 'Not checked'
};

/** Order for the summary: problems first. */
export const STATUS_ORDER: Record<CheckStatus, number> = { fail: 0, warn: 1, unknown: 2, pass: 3 };

/** Counts per status. */
export function countStatuses(checks: { status: CheckStatus }[]): Record<CheckStatus, number> {
	const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, unknown: 0 };
	for (const check of checks) counts[check.status]++;
	return counts;
}

/**
 * `value` with its unit, for reading, in the report's one number format (src/lib/quality/format.ts) and
 * language-neutral. Units as the pipeline writes them (src/lib/pipeline/check/types.ts):
 * 'ratio of height' / 'ratio of width' (shown as %, 1 decimal), 'px', 'deg' (shown as °), 'bytes' (shown in kB,
 * 1 kB = 1000 bytes, 1 decimal), 'faces' (the count); 'ratio', 'score', 'flag' and 'JPEG quality' give the number
 * alone (the limit names the measure), 'noise σ' is written 'σ 6.2'; other units (L*, ΔE00, C*, mm) are appended
 * after a space. Non-integer numbers are rounded to 3 decimals below 10, else 1 decimal.
 */
export function formatCheckValue(value: number | string | null, unit: string): string {
	if (value === null) return '—';
	if (typeof value === 'string') return unit && unit !== 'px' ? `${value} ${unit}` : value.replace(/^(\d+)x(\d+)$/, '$1 × $2 px');
	if (!Number.isFinite(value)) return String(value);
	const rounded = Number.isInteger(value)
		? value
		: Math.abs(value) >= 10
			? Math.round(value * 10) / 10
			: Math.round(value * 1000) / 1000;
	switch (unit) {
		case '':
			return String(rounded);
		case 'ratio of height':
		case 'ratio of width':
			return fmtPct(value);
		case 'deg':
		case '°':
			return `${rounded}°`;
		case '%':
			return `${rounded} %`;
		case 'bytes':
			return `${fmtNum(value / 1000, 1)} kB`;
		case 'faces':
			return String(rounded);
		// unit words that the row's limit explains ("visibility score ≥ 1", "JPEG quality ≥ 50"): the number alone,
		// so that the value column reads the same in every language
		case 'ratio':
		case 'score':
		case 'flag':
		case 'JPEG quality':
			return String(rounded);
		case 'noise σ':
			return `σ ${rounded}`;
		default:
			return `${rounded} ${unit}`;
	}
}

/** Report groups in display order (issue 4: framing, face, lighting, background, file). */
export const GROUPS: readonly { id: QualityGroup; title: string }[] = [
	{ id: 'framing', title: 'Framing' },
	{ id: 'face', title: 'Face' },
	{ id: 'lighting', title: 'Lighting and colour' },
	{ id: 'background', title: 'Background' },
	{ id: 'file', title: 'File and resolution' }
];

/**
 * Group, importance (0-100, as QualityCheck.severity) and one-line fix of the finished photo's checks
 * (src/lib/pipeline/check CheckId). Fixes name the controls of the result screen (Adjustments.svelte); `fixKey` is the
 * fix's message key in the checks locale area.
 */
const FINISHED_META: Record<string, { group: QualityGroup; severity: number; fixKey: string }> = {
	'face-count': { group: 'face', severity: 95, fixKey: 'face-count.fix' },
	'head-height': { group: 'framing', severity: 80, fixKey: 'head-height.fix' },
	'top-margin': { group: 'framing', severity: 75, fixKey: 'top-margin.fix' },
	'eye-line': { group: 'framing', severity: 70, fixKey: 'eye-line.fix' },
	'horizontal-centring': { group: 'framing', severity: 60, fixKey: 'horizontal-centring.fix' },
	roll: { group: 'framing', severity: 60, fixKey: 'roll.finished-fix' },
	resolution: { group: 'file', severity: 70, fixKey: 'resolution.fix' },
	'output-size': { group: 'file', severity: 90, fixKey: 'output-size.fix' },
	'file-size': { group: 'file', severity: 50, fixKey: 'file-size.fix' }
};

/** A text of the report as a full svelte-i18n key ('checks.yaw.pass') and its ICU values. */
export interface Msg {
	key: string;
	values: Record<string, string | number>;
}

/** A check text (key relative to the checks area) as a full key. */
const msg = (t: CheckText): Msg => ({ key: `checks.${t.key}`, values: { ...t.values } });

/** English of a Msg from the same templates (for the English strings of ReportItem); `fallback` when it has none. */
function english(m: Msg, fallback: string): string {
	const template = englishTemplate(m.key.replace(/^checks\./, ''));
	if (template === undefined) return fallback;
	try {
		return formatTemplate(template, m.values);
	} catch {
		return fallback;
	}
}

/** Message key of the name of check `id` ('checks.roll.title-input' for the input photo's roll). */
export function checkTitleKey(id: string, source: 'finished' | 'input' = 'finished'): string {
	return source === 'input' && id === 'roll' ? 'checks.roll.title-input' : `checks.${id}.title`;
}

/** Message keys of the status words and the group titles. */
export const statusKey = (s: CheckStatus) => `checks.status.${s}`;
export const groupKey = (g: QualityGroup) => `checks.group.${g}`;

/** One row of the report as the UI shows it. */
export interface ReportItem {
	/** Unique key: 'finished:<id>' or 'input:<id>'. */
	key: string;
	id: string;
	/** 'finished': measured on the finished photo; 'input': measured on the photo as given (quality checks). */
	source: 'finished' | 'input';
	group: QualityGroup;
	status: CheckStatus;
	label: string;
	/** The measured value with its unit ('—' when not measured), language-neutral (mm, %, °, px, kB). */
	value: string;
	limit: string | null;
	/** One plain sentence. */
	message: string;
	/** One-line fix; null when the check passes. */
	fix: string | null;
	/** 0-100, higher first among the same status. */
	severity: number;
	/** True when the result screen marks this problem on the photo. */
	marked: boolean;
	/**
	 * True for an input-photo check whose problem the app corrected in the finished photo (PhotoQuality.fixedByApp:
	 * replaced background, levelled head): shown for information, not counted as a problem, no fix asked.
	 */
	fixedByApp: boolean;
	/** The texts as message keys and values, for the interface language: name, sentence, fix and limit. */
	msg: { label: Msg; message: Msg | null; fix: Msg | null; limit: Msg | null };
}

/** Items that still need the person's attention: warn or fail and not corrected by the app. */
export function isProblem(i: Pick<ReportItem, 'status' | 'fixedByApp'>): boolean {
	return (i.status === 'fail' || i.status === 'warn') && !i.fixedByApp;
}

/** Statuses to count for the summary and the verdict: a problem the app corrected counts as a pass. */
export function effectiveStatus(i: Pick<ReportItem, 'status' | 'fixedByApp'>): CheckStatus {
	return i.fixedByApp && (i.status === 'fail' || i.status === 'warn') ? 'pass' : i.status;
}

/** Orders items: fail, warn, unknown, then problems the app corrected, then pass; then higher severity first. */
export function compareItems(a: ReportItem, b: ReportItem): number {
	const rank = (i: ReportItem) => (i.fixedByApp && i.status !== 'pass' && i.status !== 'unknown' ? 2.5 : STATUS_ORDER[i.status]);
	return rank(a) - rank(b) || b.severity - a.severity;
}

/** The spec's window of a framing check in mm, and the photo length it is measured along; null when not in mm. */
export function mmWindow(spec: PhotoSpec | undefined, id: string): { min: number | null; max: number | null; lengthMm: number } | null {
	const p = spec?.print;
	if (!spec || !p) return null;
	const w = id === 'head-height' ? spec.head : id === 'top-margin' ? spec.topMargin : id === 'eye-line' ? spec.eyeLine : undefined;
	if (!w || (w.minMm === undefined && w.maxMm === undefined)) return null;
	const H = p.heightMm;
	// eye line published from the top: converted to the height above the bottom edge, as the check measures it
	if (id === 'eye-line' && spec.eyeLine?.from === 'top')
		return { min: w.maxMm !== undefined ? H - w.maxMm : null, max: w.minMm !== undefined ? H - w.minMm : null, lengthMm: H };
	return { min: w.minMm ?? null, max: w.maxMm ?? null, lengthMm: H };
}

const mm = (v: number) => `${fmtNum(v, 1)} mm`;

/**
 * The finished photo's framing values in mm where the spec states the window in mm (value × print height; the
 * window's bounds are the spec's own mm numbers): replaces `measured`, `min`, `max` of a ratio check's text.
 */
function inMm(c: CheckResult, spec: PhotoSpec | undefined): { value: string; values: Record<string, string> } | null {
	const w = mmWindow(spec, c.id);
	if (!w || typeof c.value !== 'number' || c.unit !== 'ratio of height') return null;
	const values: Record<string, string> = { measured: mm(c.value * w.lengthMm) };
	if (w.min !== null) values.min = mm(w.min);
	if (w.max !== null) values.max = mm(w.max);
	return { value: values.measured, values };
}

function finishedItem(c: CheckResult, spec: PhotoSpec | undefined): ReportItem {
	const meta = FINISHED_META[c.id];
	const withFix = c.status !== 'pass' && c.status !== 'unknown';
	const converted = inMm(c, spec);
	const text = c.text ? msg(c.text) : null;
	let limit = c.limitText ? msg(c.limitText) : null;
	if (converted && text) Object.assign(text.values, converted.values);
	if (converted && limit && converted.values.min && converted.values.max && limit.key === 'checks.limit.window')
		limit = { key: 'checks.limit.window', values: { min: converted.values.min, max: converted.values.max } };
	const fix = withFix ? (meta ? { key: `checks.${meta.fixKey}`, values: {} } : { key: 'checks.report.fix-other', values: {} }) : null;
	const label = { key: checkTitleKey(c.id), values: {} };
	return {
		key: `finished:${c.id}`,
		id: c.id,
		source: 'finished',
		group: meta?.group ?? 'framing',
		status: c.status,
		label: checkLabel(c.id),
		value: converted ? converted.value : formatCheckValue(c.value, c.unit),
		limit: limit ? english(limit, c.limit ?? '') : c.limit,
		message: text ? english(text, c.message) : c.message,
		fix: fix ? english(fix, 'Use another photo.') : null,
		severity: meta?.severity ?? 50,
		marked: false,
		fixedByApp: false,
		msg: { label, message: text, fix, limit }
	};
}

/**
 * The rows of `report`: the finished photo's checks and the input photo's quality checks (report.quality), each
 * ordered problems first (compareItems). Ids in `report.quality.marks` are flagged `marked`, ids in
 * `report.quality.fixedByApp` `fixedByApp` (and get no fix). With `spec`, the framing checks whose window the spec
 * states in mm are written in mm.
 */
export function reportItems(report: Pick<PhotoReport, 'checks' | 'quality'>, spec?: PhotoSpec): ReportItem[] {
	const marked = new Set(report.quality?.marks.map((m) => m.id) ?? []);
	const fixed = new Set(report.quality?.fixedByApp ?? []);
	const inputIds = new Set(report.quality?.checks.map((c) => c.id) ?? []);
	const finishedIds = new Set(report.checks.map((c) => c.id));
	// One fact, one line: the finished photo's 'resolution' is the source's inter-eye distance, which the input check
	// measures better (3-D, so a turned head does not shrink it); the input's roll, when the app levels it, is the
	// finished photo's roll check.
	const items = report.checks.filter((c) => !(c.id === 'resolution' && inputIds.has('inter-eye-distance'))).map((c) => finishedItem(c, spec));
	for (const c of report.quality?.checks ?? []) {
		if (c.id === 'roll' && fixed.has('roll') && finishedIds.has('roll')) continue;
		const withFix = c.status !== 'pass' && !fixed.has(c.id);
		items.push({
			key: `input:${c.id}`,
			id: c.id,
			source: 'input',
			group: c.group,
			status: c.status,
			label: checkLabel(c.id, 'input'),
			value: formatCheckValue(c.value, c.unit),
			limit: c.limit,
			message: c.message,
			fix: withFix ? c.fix : null,
			severity: c.severity,
			marked: marked.has(c.id),
			fixedByApp: fixed.has(c.id),
			msg: {
				label: { key: checkTitleKey(c.id, 'input'), values: {} },
				message: c.text ? msg(c.text) : null,
				fix: withFix && c.fixText ? msg(c.fixText) : null,
				limit: c.limitText ? msg(c.limitText) : null
			}
		});
	}
	return items.sort(compareItems);
}

/** `items` split into the display groups (GROUPS order, empty groups left out), each keeping the items' order. */
export function groupItems(items: ReportItem[]): { id: QualityGroup; title: string; items: ReportItem[] }[] {
	return GROUPS.map((g) => ({ ...g, items: items.filter((i) => i.group === g.id) })).filter((g) => g.items.length > 0);
}

/**
 * Message key of check `id`'s short PROBLEM label for the marks drawn on the photo ('checks.mouth-closed.mark' →
 * "Mouth open"): a mark shows what is wrong, never the rule's name ("Mouth closed" would say the opposite).
 */
export const markKey = (id: string): string => `checks.${id}.mark`;

/** English short problem label of check `id` (from en/checks.json `<id>.mark`); the check's name when it has none. */
export function markLabelEnglish(id: string): string {
	return englishTemplate(`${id}.mark`) ?? checkLabel(id, 'input');
}

/** The part of a mark this module needs (QualityMark: status and a box in output px). */
export interface MarkLike<B> {
	id: string;
	status: 'warn' | 'fail';
	box: B;
}

/**
 * One label per place: marks whose boxes `samePlace` says are the same place merge into one entry named after the most
 * severe of them (fail before warn; among equals, the earlier in `marks`), with `more` = how many others share the place
 * (shown as "+N"). Order of the result: order of each place's first mark in `marks`.
 */
export function mergeMarks<M extends MarkLike<unknown>>(marks: readonly M[], samePlace: (a: M['box'], b: M['box']) => boolean): { mark: M; more: number }[] {
	const places: { mark: M; more: number }[] = [];
	for (const m of marks) {
		const place = places.find((p) => samePlace(p.mark.box, m.box));
		if (!place) {
			places.push({ mark: m, more: 0 });
			continue;
		}
		place.more++;
		if (m.status === 'fail' && place.mark.status === 'warn') place.mark = { ...m, box: place.mark.box };
	}
	return places;
}

/** Text of a merged mark: status glyph (✕ fail, ! warning), the short problem label and "+N" for the others there. */
export function markText(status: 'warn' | 'fail', label: string, more: number): string {
	return `${status === 'fail' ? '✕' : '!'} ${label}${more > 0 ? ` +${more}` : ''}`;
}

/** Mean advance of a bold Latin label glyph, em; CJK ideographs (code point ≥ U+2E80) advance 1 em. */
export const LABEL_GLYPH_EM = 0.62;

/** Approximate width of `text` set at `fontPx` (px), with LABEL_GLYPH_EM per Latin glyph and 1 em per CJK glyph. */
export function labelWidth(text: string, fontPx: number): number {
	let ems = 0;
	for (const ch of text) ems += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : LABEL_GLYPH_EM;
	return ems * fontPx;
}

/**
 * `text` shortened from the end with "…" so that labelWidth ≤ `maxPx` (a phone shows the photo ~300 px wide); a "+N"
 * suffix is kept. Returns `text` unchanged when it fits.
 */
export function fitLabel(text: string, fontPx: number, maxPx: number): string {
	if (labelWidth(text, fontPx) <= maxPx) return text;
	const suffix = / \+\d+$/.exec(text)?.[0] ?? '';
	const chars = [...text.slice(0, text.length - suffix.length)];
	while (chars.length > 1 && labelWidth(`${chars.join('').trimEnd()}…${suffix}`, fontPx) > maxPx) chars.pop();
	return `${chars.join('').trimEnd()}…${suffix}`;
}

/**
 * `text` with the unit "px" after a number written as `pxWord` (the interface language's word: 'checks.report.px',
 * "像素" in Chinese), so a Chinese sentence never mixes "px" and 像素. Texts from .ts code stay language-neutral
 * ("102 px"); the component applies this with `$t('checks.report.px')`.
 */
export function localUnits(text: string, pxWord: string): string {
	return pxWord === 'px' ? text : text.replace(/(\d) px\b/g, `$1 ${pxWord}`);
}

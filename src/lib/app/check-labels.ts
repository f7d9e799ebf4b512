/**
 * Names and status wording for the check report. Check ids come from the pipeline
 * (`CheckResult.id`, kebab-case, see src/lib/pipeline/check/types.ts `CheckId`); lookup ignores
 * '-' vs '_'. Ids without an entry here are shown humanised ("eye-line" → "Eye line").
 */
import type { CheckResult, CheckStatus, PhotoReport } from '$lib/pipeline/api';
import type { QualityGroup } from '$lib/quality/types';

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
 * `value` with its unit, for reading. Units as the pipeline writes them
 * (src/lib/pipeline/check/types.ts): 'ratio of height' / 'ratio of width' (fraction, 3 decimals),
 * 'px', 'deg' (shown as °), 'bytes' (exact, with thousands separators), 'faces'; other units are
 * appended as given. Non-integer numbers are rounded to 3 decimals below 10, else 1 decimal.
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
			return `${rounded.toFixed(3)} of the height`;
		case 'ratio of width':
			return `${rounded.toFixed(3)} of the width`;
		case 'deg':
		case '°':
			return `${rounded}°`;
		case '%':
			return `${rounded}%`;
		case 'bytes':
			return `${Math.round(value).toLocaleString('en-US')} bytes`;
		case 'faces':
			return `${rounded} ${rounded === 1 ? 'face' : 'faces'}`;
		case 'ratio':
			return String(rounded);
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
 * (src/lib/pipeline/check CheckId). Fixes name the controls of the result screen (Adjustments.svelte).
 */
const FINISHED_META: Record<string, { group: QualityGroup; severity: number; fix: string }> = {
	'face-count': { group: 'face', severity: 95, fix: 'Use a photo that shows only you.' },
	'head-height': { group: 'framing', severity: 80, fix: 'Change the head size with the slider, or use a photo taken from a little further away.' },
	'top-margin': { group: 'framing', severity: 75, fix: 'Use a photo with space above your head, or move the face down with the position slider.' },
	'eye-line': { group: 'framing', severity: 70, fix: 'Move the face up or down with the position slider.' },
	'horizontal-centring': { group: 'framing', severity: 60, fix: 'Centre the face with the left-right slider.' },
	roll: { group: 'framing', severity: 60, fix: 'Hold your head level and retake the photo.' },
	resolution: { group: 'file', severity: 70, fix: 'Take the photo closer, or with a camera of higher resolution.' },
	'output-size': { group: 'file', severity: 90, fix: 'Choose the document again: the photo is made at its exact size.' },
	'file-size': { group: 'file', severity: 50, fix: 'Try another photo: this one cannot be saved inside the file-size window.' }
};

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
	/** The measured value with its unit ('—' when not measured). */
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

function finishedItem(c: CheckResult): ReportItem {
	const meta = FINISHED_META[c.id] ?? { group: 'framing' as const, severity: 50, fix: 'Use another photo.' };
	return {
		key: `finished:${c.id}`,
		id: c.id,
		source: 'finished',
		group: meta.group,
		status: c.status,
		label: checkLabel(c.id),
		value: formatCheckValue(c.value, c.unit),
		limit: c.limit,
		message: c.message,
		fix: c.status === 'pass' || c.status === 'unknown' ? null : meta.fix,
		severity: meta.severity,
		marked: false,
		fixedByApp: false
	};
}

/**
 * The rows of `report`: the finished photo's checks and the input photo's quality checks (report.quality), each
 * ordered problems first (compareItems). Ids in `report.quality.marks` are flagged `marked`, ids in
 * `report.quality.fixedByApp` `fixedByApp` (and get no fix).
 */
export function reportItems(report: Pick<PhotoReport, 'checks' | 'quality'>): ReportItem[] {
	const marked = new Set(report.quality?.marks.map((m) => m.id) ?? []);
	const fixed = new Set(report.quality?.fixedByApp ?? []);
	const inputIds = new Set(report.quality?.checks.map((c) => c.id) ?? []);
	const finishedIds = new Set(report.checks.map((c) => c.id));
	// One fact, one line: the finished photo's 'resolution' is the source's inter-eye distance, which the input check
	// measures better (3-D, so a turned head does not shrink it); the input's roll, when the app levels it, is the
	// finished photo's roll check.
	const items = report.checks.filter((c) => !(c.id === 'resolution' && inputIds.has('inter-eye-distance'))).map(finishedItem);
	for (const c of report.quality?.checks ?? []) {
		if (c.id === 'roll' && fixed.has('roll') && finishedIds.has('roll')) continue;
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
			fix: c.status === 'pass' || fixed.has(c.id) ? null : c.fix,
			severity: c.severity,
			marked: marked.has(c.id),
			fixedByApp: fixed.has(c.id)
		});
	}
	return items.sort(compareItems);
}

/** `items` split into the display groups (GROUPS order, empty groups left out), each keeping the items' order. */
export function groupItems(items: ReportItem[]): { id: QualityGroup; title: string; items: ReportItem[] }[] {
	return GROUPS.map((g) => ({ ...g, items: items.filter((i) => i.group === g.id) })).filter((g) => g.items.length > 0);
}

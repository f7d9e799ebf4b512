/**
 * Names and status wording for the check report. Check ids come from the pipeline
 * (`CheckResult.id`, kebab-case, see src/lib/pipeline/check/types.ts `CheckId`); lookup ignores
 * '-' vs '_'. Ids without an entry here are shown humanised ("eye-line" → "Eye line").
 */
import type { CheckStatus } from '$lib/pipeline/api';

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
	illumination_symmetry: 'Even lighting'
};

/** The user-facing name of check `id`. */
export function checkLabel(id: string): string {
	const known = LABELS[id.toLowerCase().replace(/-/g, '_')];
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
		default:
			return `${rounded} ${unit}`;
	}
}

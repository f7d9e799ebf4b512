/**
 * Names and status wording for the check report. Check ids come from the pipeline
 * (`CheckResult.id`); ids without an entry here are shown humanised ("eye_line" → "Eye line").
 */
import type { CheckStatus } from '$lib/pipeline/api';

const LABELS: Record<string, string> = {
	head_height: 'Head height (chin to crown)',
	head_ratio: 'Head height (chin to crown)',
	eye_line: 'Eye line height',
	eye_height: 'Eye line height',
	top_margin: 'Space above the head',
	centring: 'Face centred',
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
	face_count: 'One face only',
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
	const known = LABELS[id];
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

/** `value` with its unit, rounded for reading: numbers to at most 3 significant decimals. */
export function formatCheckValue(value: number | string | null, unit: string): string {
	if (value === null) return '—';
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) text = String(value);
		else if (Number.isInteger(value)) text = String(value);
		else text = String(Math.abs(value) >= 10 ? Math.round(value * 10) / 10 : Math.round(value * 1000) / 1000);
	} else text = value;
	if (!unit) return text;
	return unit === '%' || unit === '°' ? `${text}${unit}` : `${text} ${unit}`;
}

/** Check report types. */
import type { CheckText } from '../../quality/types';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'unknown';

export type CheckId =
	| 'face-count'
	| 'head-height'
	| 'eye-line'
	| 'horizontal-centring'
	| 'top-margin'
	| 'roll'
	| 'resolution'
	| 'output-size'
	| 'file-size';

export interface CheckEntry {
	id: CheckId;
	status: CheckStatus;
	/** Measured value (ratio, px, degrees, bytes, or "WxH" for output-size); null when not measured. */
	value: number | string | null;
	/** Unit of `value`: 'ratio of height', 'ratio of width', 'px', 'deg', 'bytes', 'faces'. */
	unit: string;
	/** Human-readable limit (English rendering of `limitText`), e.g. "70 % – 80 %", "≤ 8°", "600 × 750 px"; null when the target sets none. */
	limit: string | null;
	/** Numeric window of the limit (null bounds are open); null when not applicable. */
	window: { min: number | null; max: number | null } | null;
	/** One sentence for the user (English rendering of `text`). */
	message: string;
	/**
	 * `message` as a message key of the checks locale area (src/lib/i18n/locales/<lang>/checks.json) and its values;
	 * ratio values are written as % of the photo height or width (the report converts them to mm where the spec is in mm).
	 */
	text?: CheckText;
	/** `limit` as a message key and values. */
	limitText?: CheckText;
}

/**
 * Values MEASURED on a finished (or any) photo, in that photo's px, origin top-left, y down. Anything that could not be
 * measured is null; the corresponding checks then report 'unknown'.
 */
export interface PhotoMeasurements {
	imageWidthPx: number;
	imageHeightPx: number;
	/** Faces detected in the photo. */
	faceCount: number | null;
	/** Top of the hair (crown) from the person mask. */
	crownYPx: number | null;
	/** True when the hair touches the top edge, i.e. the crown is cut off. */
	crownTouchesEdge?: boolean;
	/** Top of the skull, hair excluded (landmark estimate). */
	skullTopYPx: number | null;
	chinYPx: number | null;
	/** Eye line: y of the midpoint of the iris centres. */
	eyeYPx: number | null;
	/** x of the midpoint of the iris centres. */
	eyeCentreXPx: number | null;
	/** Roll of the eye line, degrees (sign as in measureHead). */
	rollDeg: number | null;
	/** Inter-eye distance in the SOURCE photo the output was made from, px (resolution of the face in the capture). */
	sourceInterEyeDistancePx: number | null;
}

/** File facts for the size check. Byte windows come from the spec (convert KB with kbToBytes and say which KB). */
export interface FileInfo {
	bytes: number | null;
	minBytes?: number | null;
	maxBytes?: number | null;
}

export interface CheckOptions {
	/**
	 * Margin outside a ratio window that still counts as 'warn' rather than 'fail' (measurement uncertainty of landmark
	 * and mask positions), in ratio units. Default 0.01 (1 % of the photo height or width).
	 */
	ratioTolerance?: number;
	/** Same for roll, degrees. Default 1. */
	rollToleranceDeg?: number;
}

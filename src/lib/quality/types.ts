/**
 * Photo-quality checks (issue 4): the contract shared by the measure modules (face/, image/, background/),
 * the aggregator (assess.ts), the evaluation (`npm run eval:checks`) and the report.
 *
 * Every module MEASURES a raw value on the photo as given (before any processing by this app) and DECIDES it
 * against `QualityRules` (the document's limits, else the ICAO/ISO defaults named in each module), returning
 * fully decided `QualityCheck`s. Coordinates are image px of `QualityInput.image`, origin top-left, y down.
 */
import type { Box, FaceDetection, FaceLandmarks, PersonMask, RgbaImage } from '../types';

export type QualityStatus = 'pass' | 'warn' | 'fail' | 'unknown';

/** Report groups, in display order. */
export type QualityGroup = 'framing' | 'face' | 'lighting' | 'background' | 'file';

/** Ids of the quality checks (kebab-case; src/lib/app/check-labels.ts names them for the UI). */
export type QualityId =
	// face/ (landmark based)
	| 'yaw'
	| 'pitch'
	| 'roll'
	| 'gaze'
	| 'eyes-open'
	| 'mouth-closed'
	| 'expression'
	| 'eyes-occluded'
	| 'other-person'
	// image/
	| 'inter-eye-distance'
	| 'sharpness'
	| 'motion-blur'
	| 'exposure'
	| 'luminance'
	| 'illumination-symmetry'
	| 'skin-colour'
	| 'greyscale'
	| 'colour-cast'
	| 'red-eye'
	| 'glasses-glare'
	| 'compression'
	// background/
	| 'background-uniformity'
	| 'background-colour'
	| 'background-shadow'
	| 'background-objects'
	| 'background-edited';

/** What every quality module receives. */
export interface QualityInput {
	/** The photo as analysed: upright 8-bit sRGB RGBA (the pipeline's working copy, longest side <= 2048 px). */
	image: RgbaImage;
	/** 478 landmarks of the main face, `image` px (z: relative depth, same scale as x). */
	landmarks: FaceLandmarks;
	/** All faces confirmed by the landmark model, largest first, `image` px (includes the main face). */
	faces: FaceDetection[];
	/** Person probability mask over a region of `image` (see PersonMask), or null when not available. */
	mask: PersonMask | null;
	/** `image` px per original px (<= 1); multiply `image` distances by 1/scale for source resolution. */
	scale: number;
	/** Source file facts when known: encoded bytes of the original (for JPEG quantisation tables), its format. */
	file?: { bytes: Uint8Array | null; format: string | null };
}

/** The document's limits. Omitted fields use the module's documented default (ICAO 9303 / ISO/IEC 19794-5). */
export interface QualityRules {
	/** Max |yaw|, |pitch|, |roll|, degrees. Defaults 5, 5, 8 (ISO/IEC 19794-5:2011 7.2.2, quality-measures.md). */
	maxYawDeg?: number;
	maxPitchDeg?: number;
	maxRollDeg?: number;
	/** Allowed background colours (#RRGGBB) and the max CIEDE2000 distance to the nearest one. */
	background?: {
		allowed: string[];
		toleranceDeltaE: number;
		forbidden?: string[];
		/** The spec's names of `allowed` / `forbidden`, same order ('white', 'light grey'), for the report's sentences. */
		names?: string[];
		forbiddenNames?: string[];
	};
	/** false: the authority forbids replacing the background (e.g. Australia). */
	editingAllowed?: boolean;
	/** true when this app replaced the background of the finished photo (for 'background-edited'). */
	backgroundReplaced?: boolean;
	glasses?: 'allowed' | 'discouraged' | 'forbidden';
	/** Min inter-eye distance in source px; default 90 (ICAO 9303 p3 / ISO 19794-5), 120 preferred. */
	minInterEyePx?: number;
}

/**
 * A user-facing sentence as a message key and its ICU values, for the interface languages (issue 9). The key is
 * relative to the `checks` area of src/lib/i18n/locales/<lang>/checks.json (e.g. 'yaw.fail' → `checks.yaw.fail`);
 * values are already formatted for reading (numbers with their unit, e.g. '11.4°', '25.4 %') or are select words
 * ('left' | 'right', ...) that the templates choose on. The English template renders the same fact as `message`.
 */
export interface CheckText {
	key: string;
	values: Record<string, string | number>;
}

/** One decided check. */
export interface QualityCheck {
	id: QualityId;
	group: QualityGroup;
	status: QualityStatus;
	/** Raw measured value in `unit`; null when it could not be measured (status 'unknown'). */
	value: number | null;
	/** 'deg', 'px', 'ratio', 'ΔE00', 'L*', 'score', ... */
	unit: string;
	/** Human-readable limit (English rendering of `limitText`), e.g. "≤ 5°"; null when none applies. */
	limit: string | null;
	/** OFIQ-style 0-100 quality value where ISO/IEC 29794-5 defines one for this measure (explanation only), else null. */
	ofiq: number | null;
	/** One plain sentence: what was measured and whether it is acceptable. */
	message: string;
	/** One-line fix for the person ("Lift your chin slightly"); null when status is 'pass'. */
	fix: string | null;
	/** Where on the photo the problem is (`image` px), for the result screen's marks; null when not local. */
	region: Box | null;
	/** Importance for ordering problems, higher first (0-100): e.g. other-person 95, eyes-occluded 90, yaw 80, compression 20. */
	severity: number;
	/**
	 * `message` as a message key and values (for the interface's languages); absent: the report falls back to the
	 * generic sentence of the check's id and status with `{measured}` and `{limit}` (check-labels.ts).
	 */
	text?: CheckText;
	/** `fix` as a message key and values; absent when `fix` is null. */
	fixText?: CheckText;
	/** `limit` as a message key and values (the limit's words translated, its numbers as in `limit`). */
	limitText?: CheckText;
}

/** Signature every measure module exports (measureFace, measureImage, measureBackground). */
export type QualityModule = (input: QualityInput, rules: QualityRules) => QualityCheck[];

/**
 * From a document spec to the limits the quality checks decide on (QualityRules), and the catalogue of check ids:
 * which module measures each, its report group and its default importance.
 */
import type { PhotoSpec } from '../specs';
import type { QualityGroup, QualityId, QualityRules } from './types';

/** The three measure modules, in the order assessQuality runs them. */
export type QualityModuleName = 'face' | 'image' | 'background';

/**
 * Every quality id with the module that measures it, the report group it belongs to and its default severity
 * (0-100, higher = more important to fix first). The modules set their own severity on each check; these values are
 * used only for the 'unknown' entries assessQuality writes when a module fails or omits an id.
 * Ranking (this project's convention, following issue 4 / types.ts): things that make the photo unusable by any
 * authority (another person, covered eyes, head turned) above things that lower the quality of the capture.
 */
export const QUALITY_CATALOGUE: Readonly<Record<QualityId, { module: QualityModuleName; group: QualityGroup; severity: number }>> = {
	'other-person': { module: 'face', group: 'face', severity: 95 },
	'eyes-occluded': { module: 'face', group: 'face', severity: 90 },
	'eyes-open': { module: 'face', group: 'face', severity: 85 },
	yaw: { module: 'face', group: 'face', severity: 80 },
	pitch: { module: 'face', group: 'face', severity: 75 },
	roll: { module: 'face', group: 'face', severity: 60 },
	gaze: { module: 'face', group: 'face', severity: 70 },
	'mouth-closed': { module: 'face', group: 'face', severity: 65 },
	expression: { module: 'face', group: 'face', severity: 60 },
	'inter-eye-distance': { module: 'image', group: 'file', severity: 70 },
	sharpness: { module: 'image', group: 'file', severity: 70 },
	'motion-blur': { module: 'image', group: 'file', severity: 65 },
	exposure: { module: 'image', group: 'lighting', severity: 65 },
	luminance: { module: 'image', group: 'lighting', severity: 50 },
	'illumination-symmetry': { module: 'image', group: 'lighting', severity: 50 },
	'skin-colour': { module: 'image', group: 'lighting', severity: 40 },
	greyscale: { module: 'image', group: 'lighting', severity: 60 },
	'colour-cast': { module: 'image', group: 'lighting', severity: 45 },
	'red-eye': { module: 'image', group: 'face', severity: 55 },
	'glasses-glare': { module: 'image', group: 'face', severity: 55 },
	compression: { module: 'image', group: 'file', severity: 20 },
	'background-uniformity': { module: 'background', group: 'background', severity: 45 },
	'background-colour': { module: 'background', group: 'background', severity: 40 },
	'background-shadow': { module: 'background', group: 'background', severity: 45 },
	'background-objects': { module: 'background', group: 'background', severity: 50 },
	'background-edited': { module: 'background', group: 'background', severity: 85 }
};

/** Ids measured by `module`, in catalogue order. */
export function idsOf(module: QualityModuleName): QualityId[] {
	return (Object.keys(QUALITY_CATALOGUE) as QualityId[]).filter((id) => QUALITY_CATALOGUE[id].module === module);
}

/** Options of rulesForSpec. */
export interface RulesOptions {
	/**
	 * true when this app replaces the background of the finished photo. Default: `spec.background.editingAllowed`,
	 * because renderPhoto (src/lib/pipeline/run/render.ts) replaces the background exactly when the spec allows editing
	 * and keeps the photo's own background otherwise.
	 */
	backgroundReplaced?: boolean;
	/**
	 * Pose limits in degrees, overriding the ISO/IEC 19794-5:2011 section 7.2.2 defaults of the face module
	 * (yaw 5, pitch 5, roll 8). The bundled specs carry no structured pose limits (only notes, e.g. cn-visa's
	 * "20 degrees left/right, 25 up/down" from the MFA Hong Kong page), so a caller that wants a looser limit says so.
	 */
	maxYawDeg?: number;
	maxPitchDeg?: number;
	maxRollDeg?: number;
	/** Minimum inter-eye distance in source px (module default 90, ICAO 9303 p3 / ISO 19794-5). */
	minInterEyePx?: number;
}

const upperHex = (hex: string) => hex.toUpperCase();

/**
 * The quality rules of `spec`:
 * - background: the spec's allowed colours (#RRGGBB, upper case) and their names, its CIEDE2000 tolerance and forbidden colours
 *   (schema.ts `background`: toleranceDeltaE is this project's convention, no authority publishes a ΔE);
 * - editingAllowed: `spec.background.editingAllowed` (false e.g. for au-passport, "No retouching of any kind
 *   (including removal of background)");
 * - backgroundReplaced: see RulesOptions;
 * - glasses: `spec.glasses` when the spec states it (omitted otherwise: the module's default applies);
 * - pose and inter-eye limits: only from `opts` (the specs have no structured fields for them).
 * Omitted fields mean "the module's documented default".
 */
export function rulesForSpec(spec: PhotoSpec, opts: RulesOptions = {}): QualityRules {
	const b = spec.background;
	const rules: QualityRules = {
		background: {
			allowed: b.allowed.map((c) => upperHex(c.hex)),
			names: b.allowed.map((c) => c.name),
			toleranceDeltaE: b.toleranceDeltaE,
			...(b.forbidden && b.forbidden.length > 0
				? { forbidden: b.forbidden.map((c) => upperHex(c.hex)), forbiddenNames: b.forbidden.map((c) => c.name) }
				: {})
		},
		editingAllowed: b.editingAllowed,
		backgroundReplaced: opts.backgroundReplaced ?? b.editingAllowed
	};
	if (spec.glasses) rules.glasses = spec.glasses;
	if (opts.maxYawDeg !== undefined) rules.maxYawDeg = opts.maxYawDeg;
	if (opts.maxPitchDeg !== undefined) rules.maxPitchDeg = opts.maxPitchDeg;
	if (opts.maxRollDeg !== undefined) rules.maxRollDeg = opts.maxRollDeg;
	if (opts.minInterEyePx !== undefined) rules.minInterEyePx = opts.minInterEyePx;
	return rules;
}

/**
 * Ground truth of the quality-check evaluation: which checks are responsible for each synthetic defect, and which
 * problems the clean versions genuinely have (by inspection of the source portraits, see PROVENANCE.md there).
 * Check names: quality ids (src/lib/quality/types.ts) and, prefixed 'geometry:', the finished-photo checks of
 * src/lib/pipeline/check (run on the same photo by measureReport).
 */

export type DefectClass =
	| 'rotation'
	| 'yaw'
	| 'blur'
	| 'noise'
	| 'under-exposure'
	| 'over-exposure'
	| 'colour-cast'
	| 'greyscale'
	| 'heavy-jpeg'
	| 'second-face'
	| 'eye-occlusion'
	| 'busy-background'
	| 'shadow'
	| 'tight-crop';

/**
 * A defect counts as caught when at least one of its responsible checks is warn or fail.
 * - rotation (roll 15°): roll (limit 8°, ISO/IEC 19794-5 7.2.2).
 * - yaw (20° head turn simulated with MediaPipe's canonical face, see defects.ts): yaw (limit 5°).
 * - blur (Gaussian σ = 3 px at IED 100 px): sharpness, or motion-blur (a blur detector may call it either).
 * - noise (σ = 20/255 per channel): no check is dedicated to noise; the ISO measures that respond to it are
 *   sharpness (OFIQ 0x49's features are gradient statistics), compression (0x4A, a learned artifact measure) and
 *   background uniformity (0x42, mean gradient magnitude of the background).
 * - under/over-exposure (±1.5 stops): exposure or luminance (OFIQ 0x44-0x47).
 * - colour cast: colour-cast or skin-colour (OFIQ 0x4B natural colour).
 * - greyscale: greyscale.
 * - heavy JPEG (quality 8): compression.
 * - second face: other-person.
 * - eye occlusion: eyes-occluded.
 * - busy background: background-uniformity or background-objects.
 * - shadow beside the head: background-shadow or background-uniformity.
 * - tight crop (head cut): the geometry checks top-margin or head-height.
 */
export const RESPONSIBLE: Readonly<Record<DefectClass, readonly string[]>> = {
	rotation: ['roll'],
	yaw: ['yaw'],
	blur: ['sharpness', 'motion-blur'],
	noise: ['sharpness', 'compression', 'background-uniformity'],
	'under-exposure': ['exposure', 'luminance'],
	'over-exposure': ['exposure', 'luminance'],
	'colour-cast': ['colour-cast', 'skin-colour'],
	greyscale: ['greyscale'],
	'heavy-jpeg': ['compression'],
	'second-face': ['other-person'],
	'eye-occlusion': ['eyes-occluded'],
	'busy-background': ['background-uniformity', 'background-objects'],
	shadow: ['background-shadow', 'background-uniformity'],
	'tight-crop': ['geometry:top-margin', 'geometry:head-height']
};

/**
 * Problems the clean versions really have, by looking at the source portraits (not at any check's output): a flag on
 * one of these is not a false alarm. Resolution is not listed here: the evaluation derives it from the source's
 * inter-eye distance (below 120 px, the preferred ICAO value, a warning is genuine; below 90 px a failure).
 */
export const GENUINE: Readonly<Record<string, readonly string[]>> = {
	'astronaut.png': ['expression', 'mouth-closed'], // broad smile, teeth showing
	'obama-official.jpg': ['expression', 'mouth-closed'], // broad smile, teeth showing
	'obama-congress.jpg': ['expression', 'mouth-closed', 'yaw', 'illumination-symmetry', 'other-person'], // speaking, turned a little, side light, a person behind him at the right
	'biden-official.jpg': ['yaw'], // head visibly turned toward his left (nose toward the image right, more of his right cheek shows)
	'bun-uniform.jpg': [],
	'child-room.png': [],
	'longhair-blazer.jpg': [],
	'longhair-street.webp': []
};

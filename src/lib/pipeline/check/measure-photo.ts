/**
 * Measurements of a finished photo from its own landmarks and person mask, for runChecks.
 */
import type { FaceLandmarks, PersonMask } from '../../types';
import { measureHead } from '../geometry/measure-head';
import type { PhotoMeasurements } from './types';

/**
 * @param landmarks landmarks of the (first) face, in the photo's px; null when no face was found.
 * @param mask person mask over the photo, or undefined.
 * @param faceCount number of faces the detector found (null if not run).
 * @param crown crown measured on a portrait crop (see analysePhoto), replacing the search on `mask`.
 * @param sourceInterEyeDistancePx inter-eye distance in the original capture (null if unknown, e.g. checking a
 *   photo made elsewhere; then pass the photo's own value if it is the original).
 * Vertical positions: eye line = midpoint of the iris centres, chin = landmark 152 (photo frame); crown and skull
 * top from measureHead in its levelled frame (equal to the photo frame when roll is ~0, as in a finished photo).
 */
export function measurePhoto(
	image: { width: number; height: number },
	landmarks: FaceLandmarks | null,
	mask: PersonMask | undefined,
	faceCount: number | null,
	sourceInterEyeDistancePx: number | null,
	crown?: { y: number; touchesEdge: boolean } | null
): PhotoMeasurements {
	const base: PhotoMeasurements = {
		imageWidthPx: image.width,
		imageHeightPx: image.height,
		faceCount,
		crownYPx: null,
		skullTopYPx: null,
		chinYPx: null,
		eyeYPx: null,
		eyeCentreXPx: null,
		rollDeg: null,
		sourceInterEyeDistancePx
	};
	if (!landmarks) return base;
	const h = measureHead(landmarks, mask, { imageSize: image, crown });
	return {
		...base,
		crownYPx: h.crownY,
		crownTouchesEdge: h.crownTouchesEdge,
		skullTopYPx: h.skullTopY,
		chinYPx: h.chin.y,
		eyeYPx: h.eyeCentre.y,
		eyeCentreXPx: h.eyeCentre.x,
		rollDeg: h.rollDeg
	};
}

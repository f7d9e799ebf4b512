/**
 * Image-quality checks of a portrait (issue 4): resolution, focus, exposure, light and colour, eyes, compression.
 * Measured on `QualityInput.image` (the upright 8-bit sRGB working copy) with the main face's 478 landmarks; decided
 * against `QualityRules` and the limits named beside each measure.
 *
 * | id                    | group    | value (unit)                         | pass / warn / fail                    | limit source                  | ofiq              |
 * |-----------------------|----------|--------------------------------------|---------------------------------------|-------------------------------|-------------------|
 * | inter-eye-distance    | file     | source px (3-D, yaw-corrected)       | ≥ 120 / ≥ min / < min (min 90)        | ICAO 9303, ISO/IEC 19794-5    | 0x52              |
 * | sharpness             | face     | score 0–100 at IED 48 px, or noise σ | ≥ 23 / ≥ 17 / < 17; σ ≤ 4 / ≤ 6 / > 6 | project calibration           | null (0x49 is RF) |
 * | motion-blur           | face     | directionality ratio 0–1             | < 0.4 / < 0.5 / ≥ 0.5                 | project calibration           | null              |
 * | exposure              | lighting | clipped face fraction or white point | see exposure.ts (also clipped-channel highlights of the face oval: ≤ 10 % / ≤ 20 % / > 20 %) | OFIQ 0x46/0x47 + calibration | min(0x46, 0x47) |
 * | luminance             | lighting | face mean L*                         | 35–80 / 25–88 / outside               | project calibration           | min(0x44, 0x45)   |
 * | illumination-symmetry | lighting | cheek ΔL*                            | ≤ 10 / ≤ 18 / > 18                    | project calibration (ICAO)    | 0x43              |
 * | skin-colour           | lighting | distance from OFIQ's a*, b* box       | ≤ 6 / ≤ 11 / > 11                     | OFIQ 0x4B (Q50) + calibration | 0x4B              |
 * | greyscale             | lighting | p95 chroma spread C*                 | ≥ 5 / ≥ 3 / < 3                       | project calibration           | null              |
 * | colour-cast           | lighting | neutral-cluster chroma C*            | ≤ 11 / ≤ 16 / > 16                    | ANSI/NIST-ITL E.3.4 + calib.  | null              |
 * | red-eye               | face     | red fraction of the pupils           | ≤ 10 % / ≤ 25 % / > 25 %              | UK rules, ANSI/NIST E.3.7     | null              |
 * | glasses-glare         | lighting | white fraction of the lens areas     | ≤ 0.5 % / ≤ 1.5 % / > 1.5 %           | ICAO 9303 + calibration       | null              |
 * | compression           | file     | IJG quality of the file, else 8×8 blockiness | ≥ 50 / ≥ 30 / < 30; ≤ 1.5 / ≤ 1.9 | project calibration     | null (0x4A is CNN)|
 */
import type { QualityCheck, QualityInput, QualityModule, QualityRules } from '../types';
import { checkColourCast, checkGreyscale, checkSkinColour, imageLabGrid } from './colour';
import { checkCompression } from './compression';
import { imageContext } from './context';
import { checkExposure, checkLuminance } from './exposure';
import { checkGlare, checkRedEye } from './eyes';
import { checkFocus } from './focus';
import { checkInterEye } from './resolution';
import { checkIlluminationSymmetry } from './symmetry';

/**
 * Runs the 12 image checks, in this order: inter-eye-distance, sharpness, motion-blur, exposure, luminance,
 * illumination-symmetry, skin-colour, greyscale, colour-cast, red-eye, glasses-glare, compression.
 * Never throws for a valid input; checks that cannot be measured come back as 'unknown'.
 */
export const measureImage: QualityModule = (input: QualityInput, rules: QualityRules): QualityCheck[] => {
	const ctx = imageContext(input.image, input.landmarks);
	const lab = imageLabGrid(input.image);
	return [
		checkInterEye(input.landmarks, input.scale, rules),
		...checkFocus(ctx),
		checkExposure(ctx, lab),
		checkLuminance(ctx),
		checkIlluminationSymmetry(ctx),
		checkSkinColour(ctx),
		checkGreyscale(lab),
		checkColourCast(lab),
		checkRedEye(ctx),
		checkGlare(ctx),
		checkCompression(ctx, input)
	];
};

export { imageContext, type ImageContext } from './context';

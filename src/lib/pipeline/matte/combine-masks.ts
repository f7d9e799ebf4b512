/**
 * Combination of two person masks of the same output crop: the crop mask (MediaPipe selfie segmentation re-run on the
 * output crop, 256x256 model input, sharper) and the analysis mask (the same model on the whole photo, warped to the
 * crop; coarser). Both err on the wide side beside the head (background between the ears and a window frame or curtain
 * labelled person with high confidence) but rarely at the same pixels, so beside the head, above the chin line and
 * outside the face ellipse, the combination is their minimum (a pixel counts as person only if both say so); below the
 * chin line (shoulders, where a cut is worse than a margin) and in the face ellipse it is the crop mask.
 */
import type { Point } from '../../types';
import { CHIN_BELOW_EYES_IED, inFaceEllipse } from './colour-prior';

/**
 * @param crop Float32Array [h*w], person probability in [0,1] from the crop itself.
 * @param analysis Float32Array [h*w], person probability in [0,1] warped from the analysis of the whole photo.
 * @param face eye centre in output px; ied inter-eye distance in output px.
 * @returns a new Float32Array [h*w].
 * @throws RangeError when the sizes differ.
 */
export function combinePersonMasks(crop: Float32Array, analysis: Float32Array, w: number, h: number, face: Point, ied: number): Float32Array {
	const n = w * h;
	if (crop.length !== n || analysis.length !== n) throw new RangeError('combinePersonMasks: mask sizes differ');
	const out = new Float32Array(crop);
	// the minimum fades in over 0.3 inter-eye distances above the chin line, so the result has no seam
	const chinY = face.y + CHIN_BELOW_EYES_IED * ied;
	const ramp = 0.3 * ied;
	for (let y = 0; y < h; y++) {
		const t = Math.min(1, Math.max(0, (chinY - (y + 0.5)) / ramp));
		if (t <= 0) continue;
		for (let x = 0; x < w; x++) {
			if (inFaceEllipse(x, y, face, ied)) continue;
			const i = y * w + x;
			const m = Math.min(crop[i], analysis[i]);
			out[i] = t * m + (1 - t) * crop[i];
		}
	}
	return out;
}

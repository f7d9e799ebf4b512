/** Per-photo measurements shared by the image checks, computed once by measureImage. */
import type { Box, FaceLandmarks, Point, RgbaImage } from '../../types';
import { SRGB_TO_LINEAR } from '../color';
import { boundsOf, eyeCentres, faceOval, interEye2d, shrinkPolygon } from './landmarks';
import { normaliseFace, polygonPixels, type NormalisedFace } from './sample';

/** Inter-eye distance of the pose-normalised face crop used by the focus measures, px. */
export const NORMALISED_IED = 48;

export interface ImageContext {
	image: RgbaImage;
	landmarks: FaceLandmarks;
	eyes: { right: Point; left: Point; mid: Point };
	/** In-plane inter-eye distance, image px. */
	ied: number;
	/** Face-oval bounding box, image px. */
	faceBox: Box;
	/**
	 * Skin samples for exposure and luminance: pixels inside the face oval shrunk to 90 % about its centroid, below a
	 * line 0.35·IED above the eye line (the forehead above the brows is often covered by hair). Byte offsets into
	 * image.data, on a grid of at most ~20 000 samples.
	 */
	skin: Int32Array;
	/** Linear relative luminance Y in [0,1] per skin sample. */
	skinY: Float32Array;
	/** BT.601 luma (0..255, from the sRGB codes) per skin sample: OFIQ's exposure measures count on 8-bit grey. */
	skinLuma: Float32Array;
	/**
	 * The whole face oval (forehead included, as OFIQ's face region), byte offsets on a grid of at most ~20 000
	 * samples: the clipping measure of 'exposure' looks at the highlights of forehead and nose as well.
	 */
	oval: Int32Array;
	/** Pose-normalised grey face crop (IED = NORMALISED_IED px), built lazily. */
	normalised: () => NormalisedFace;
}

/** Builds the shared context. Throws nothing; degenerate landmarks give empty sample sets. */
export function imageContext(image: RgbaImage, landmarks: FaceLandmarks): ImageContext {
	const eyes = eyeCentres(landmarks);
	const ied = interEye2d(landmarks);
	const oval = faceOval(landmarks);
	const faceBox = boundsOf(oval, image.width, image.height) ?? { x: 0, y: 0, width: 0, height: 0 };
	// Face "down" direction: perpendicular to the eye axis.
	const ux = (eyes.left.x - eyes.right.x) / Math.max(ied, 1e-3), uy = (eyes.left.y - eyes.right.y) / Math.max(ied, 1e-3);
	const all = polygonPixels(image, shrinkPolygon(oval, 0.9));
	const ovalPixels = polygonPixels(image, oval);
	const keep: number[] = [];
	const W = image.width;
	for (const o of all) {
		const p = o >> 2;
		const x = p % W, y = (p - x) / W;
		const v = -(x - eyes.mid.x) * uy + (y - eyes.mid.y) * ux; // signed distance below the eye line
		if (v > -0.35 * ied) keep.push(o);
	}
	const skin = Int32Array.from(keep);
	const skinY = new Float32Array(skin.length);
	const skinLuma = new Float32Array(skin.length);
	const d = image.data;
	for (let i = 0; i < skin.length; i++) {
		const o = skin[i];
		skinY[i] = 0.2126 * SRGB_TO_LINEAR[d[o]] + 0.7152 * SRGB_TO_LINEAR[d[o + 1]] + 0.0722 * SRGB_TO_LINEAR[d[o + 2]];
		skinLuma[i] = 0.299 * d[o] + 0.587 * d[o + 1] + 0.114 * d[o + 2];
	}
	let nf: NormalisedFace | null = null;
	return {
		image,
		landmarks,
		eyes,
		ied,
		faceBox,
		skin,
		skinY,
		skinLuma,
		oval: ovalPixels,
		normalised: () => (nf ??= normaliseFace(image, landmarks, NORMALISED_IED))
	};
}


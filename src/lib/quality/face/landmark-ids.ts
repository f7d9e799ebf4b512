/**
 * Face-mesh landmark indices used by the face checks (MediaPipe face_mesh topology, 468 mesh + 10 iris points;
 * index lists from MediaPipe's face_mesh_connections: FACEMESH_LEFT_EYE / FACEMESH_RIGHT_EYE / FACEMESH_LIPS, and
 * the iris points of face_landmark_with_attention: 468-472 and 473-477). "Right"/"left" are the SUBJECT's: the right
 * eye is on the image's left in an unmirrored photo.
 */

export interface EyeIds {
	/** Outer corner (exocanthion), inner corner (endocanthion). */
	outer: number;
	inner: number;
	/** Iris centre. */
	iris: number;
	/** Four iris contour points (radius). */
	irisRing: readonly number[];
	/** Upper/lower lid points facing each other, outer → inner (central three used for the eyelid opening). */
	lidPairs: readonly (readonly [upper: number, lower: number])[];
	/** Closed contour of the eye opening (lid margins), in order around the eye. */
	contour: readonly number[];
}

export const RIGHT_EYE: EyeIds = {
	outer: 33,
	inner: 133,
	iris: 468,
	irisRing: [469, 470, 471, 472],
	lidPairs: [
		[160, 144],
		[159, 145],
		[158, 153]
	],
	contour: [33, 246, 161, 160, 159, 158, 157, 173, 133, 155, 154, 153, 145, 144, 163, 7]
};

export const LEFT_EYE: EyeIds = {
	outer: 263,
	inner: 362,
	iris: 473,
	irisRing: [474, 475, 476, 477],
	lidPairs: [
		[387, 373],
		[386, 374],
		[385, 380]
	],
	contour: [263, 466, 388, 387, 386, 385, 384, 398, 362, 382, 381, 380, 374, 373, 390, 249]
};

/** Chin (menton, lowest mesh point on the midline). */
export const CHIN = 152;

/** Mouth corners (cheilion), subject's right and left. */
export const MOUTH_RIGHT = 61;
export const MOUTH_LEFT = 291;

/** Inner-lip landmark pairs facing each other (upper, lower), right corner → left corner; [13, 14] is the midline. */
export const INNER_LIP_PAIRS: readonly (readonly [upper: number, lower: number])[] = [
	[81, 178],
	[82, 87],
	[13, 14],
	[312, 317],
	[311, 402]
];

/** Outer lip contour (vermilion border), closed, for the mouth region. */
export const OUTER_LIPS: readonly number[] = [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146];

/** Face oval (silhouette), closed, for the whole-face box. */
export const FACE_OVAL: readonly number[] = [
	10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172,
	58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109
];

/**
 * Cheek sample points (malar skin below the eyes, beside the nose: subject's right, left), reference skin for the eye
 * occlusion measure.
 */
export const RIGHT_CHEEK = [117, 118, 101, 50, 205, 36] as const;
export const LEFT_CHEEK = [346, 347, 330, 280, 425, 266] as const;

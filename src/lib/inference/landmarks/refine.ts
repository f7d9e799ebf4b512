/**
 * Index tables of MediaPipe's LandmarksRefinementCalculator options in
 * mediapipe/modules/face_landmark/tensors_to_face_landmarks_with_attention.pbtxt: where each point of
 * the attention model's lips / eye / iris outputs goes in the 478-point mesh, and which mesh points
 * give each iris its depth. MediaPipe calls the sub-model whose points start at mesh index 33 the
 * "left eye"; that is the eye on the image's left, i.e. the subject's RIGHT eye (mesh 33 = subject's
 * right outer eye corner; its iris centre is landmark 468). The other eye (mesh 263, iris 473) is the
 * subject's LEFT eye.
 */

/** Lips output (80 points) → mesh indices. */
export const LIPS_INDICES: readonly number[] = [
	61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 185, 40, 39, 37, 0, 267, 269, 270, 409, 78, 95, 88, 178, 87, 14,
	317, 402, 318, 324, 308, 191, 80, 81, 82, 13, 312, 311, 310, 415, 76, 77, 90, 180, 85, 16, 315, 404, 320, 307, 306,
	184, 74, 73, 72, 11, 302, 303, 304, 408, 62, 96, 89, 179, 86, 15, 316, 403, 319, 325, 292, 183, 42, 41, 38, 12, 268,
	271, 272, 407
];

/** Image-left eye output (71 points; subject's right eye) → mesh indices. */
export const IMAGE_LEFT_EYE_INDICES: readonly number[] = [
	33, 7, 163, 144, 145, 153, 154, 155, 133, 246, 161, 160, 159, 158, 157, 173, 130, 25, 110, 24, 23, 22, 26, 112, 243,
	247, 30, 29, 27, 28, 56, 190, 226, 31, 228, 229, 230, 231, 232, 233, 244, 113, 225, 224, 223, 222, 221, 189, 35, 124,
	46, 53, 52, 65, 143, 111, 117, 118, 119, 120, 121, 128, 245, 156, 70, 63, 105, 66, 107, 55, 193
];

/** Image-right eye output (71 points; subject's left eye) → mesh indices. */
export const IMAGE_RIGHT_EYE_INDICES: readonly number[] = [
	263, 249, 390, 373, 374, 380, 381, 382, 362, 466, 388, 387, 386, 385, 384, 398, 359, 255, 339, 254, 253, 252, 256, 341,
	463, 467, 260, 259, 257, 258, 286, 414, 446, 261, 448, 449, 450, 451, 452, 453, 464, 342, 445, 444, 443, 442, 441, 413,
	265, 353, 276, 283, 282, 295, 372, 340, 346, 347, 348, 349, 350, 357, 465, 383, 300, 293, 334, 296, 336, 285, 417
];

/** Iris outputs (5 points: centre, then edges) → mesh indices 468..472 (image-left eye) and 473..477. */
export const IMAGE_LEFT_IRIS_INDICES: readonly number[] = [468, 469, 470, 471, 472];
export const IMAGE_RIGHT_IRIS_INDICES: readonly number[] = [473, 474, 475, 476, 477];

/** Mesh points whose mean z becomes each iris's z (the eye's lower and upper lid contours, 16 points). */
export const IMAGE_LEFT_IRIS_Z_FROM: readonly number[] = IMAGE_LEFT_EYE_INDICES.slice(0, 16);
export const IMAGE_RIGHT_IRIS_Z_FROM: readonly number[] = IMAGE_RIGHT_EYE_INDICES.slice(0, 16);

/** Landmark index of the subject's right iris centre (image left in a non-mirrored photo). */
export const RIGHT_IRIS_CENTER = 468;
/** Landmark index of the subject's left iris centre. */
export const LEFT_IRIS_CENTER = 473;

/** Raw outputs of face_landmark_with_attention, in model-input px (0..192). */
export interface AttentionOutputs {
	/** [468*3] x, y, z */
	mesh: Float32Array;
	/** [80*2] x, y */
	lips: Float32Array;
	/** [71*2] x, y — MediaPipe's "left eye" (image left, subject's right) */
	imageLeftEye: Float32Array;
	/** [71*2] */
	imageRightEye: Float32Array;
	/** [5*2] */
	imageLeftIris: Float32Array;
	/** [5*2] */
	imageRightIris: Float32Array;
}

/**
 * Merges the attention model's outputs into 478 points, as LandmarksRefinementCalculator does:
 * mesh copied with z; lips and eyes overwrite x, y (z kept from the mesh); irises set x, y and
 * z = mean mesh z over the eye's 16 lid-contour points.
 * @returns Float32Array [478*3], model-input px (x, y) and z in the same units as x
 * @throws Error on wrong tensor sizes.
 */
export function refineAttentionLandmarks(o: AttentionOutputs): Float32Array {
	const check = (a: Float32Array, n: number, what: string) => {
		if (a.length !== n) throw new Error(`refineAttentionLandmarks: ${what} has ${a.length} values, expected ${n}`);
	};
	check(o.mesh, 1404, 'mesh');
	check(o.lips, 160, 'lips');
	check(o.imageLeftEye, 142, 'left eye');
	check(o.imageRightEye, 142, 'right eye');
	check(o.imageLeftIris, 10, 'left iris');
	check(o.imageRightIris, 10, 'right iris');
	const pts = new Float32Array(478 * 3);
	pts.set(o.mesh, 0);
	const assignXY = (src: Float32Array, idx: readonly number[]) => {
		for (let i = 0; i < idx.length; i++) {
			pts[idx[i] * 3] = src[i * 2];
			pts[idx[i] * 3 + 1] = src[i * 2 + 1];
		}
	};
	assignXY(o.lips, LIPS_INDICES);
	assignXY(o.imageLeftEye, IMAGE_LEFT_EYE_INDICES);
	assignXY(o.imageRightEye, IMAGE_RIGHT_EYE_INDICES);
	assignXY(o.imageLeftIris, IMAGE_LEFT_IRIS_INDICES);
	assignXY(o.imageRightIris, IMAGE_RIGHT_IRIS_INDICES);
	const meanZ = (idx: readonly number[]) => idx.reduce((s, i) => s + pts[i * 3 + 2], 0) / idx.length;
	const zl = meanZ(IMAGE_LEFT_IRIS_Z_FROM);
	const zr = meanZ(IMAGE_RIGHT_IRIS_Z_FROM);
	for (const i of IMAGE_LEFT_IRIS_INDICES) pts[i * 3 + 2] = zl;
	for (const i of IMAGE_RIGHT_IRIS_INDICES) pts[i * 3 + 2] = zr;
	return pts;
}

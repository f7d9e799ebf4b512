/**
 * MediaPipe face-mesh landmark indices used by the geometry stage (478-point topology: 468 mesh + 10 iris,
 * the iris points exist only with refined landmarks / the attention mesh model).
 *
 * Checked against MediaPipe's canonical face model
 * (mediapipe/modules/face_geometry/data/canonical_face_model.obj: vertex 10 = (0, 8.26) is the highest
 * midline vertex, vertex 152 = (0, -9.40) the lowest, i.e. chin) and the FACEMESH_FACE_OVAL /
 * FACEMESH_*_EYE / FACEMESH_*_IRIS connection lists (mediapipe/python/solutions/face_mesh_connections.py),
 * where 468-472 is the subject's right iris and 473-477 the subject's left iris.
 * "Right" = the subject's right, on the image's left in a non-mirrored photo.
 */
import type { FaceLandmarks, Point } from '../../types';

export const LM_FOREHEAD_TOP = 10;
export const LM_CHIN = 152;
export const LM_RIGHT_EYE_OUTER = 33;
export const LM_RIGHT_EYE_INNER = 133;
export const LM_LEFT_EYE_OUTER = 263;
export const LM_LEFT_EYE_INNER = 362;
export const LM_RIGHT_IRIS_CENTRE = 468;
export const LM_LEFT_IRIS_CENTRE = 473;
/** Face-oval points at the cheek contour, subject's right (image left) and left (image right). */
export const LM_RIGHT_CHEEK_CONTOUR = 234;
export const LM_LEFT_CHEEK_CONTOUR = 454;
/** Number of face-mesh points without the iris refinement. */
export const MESH_POINT_COUNT = 468;
export const LANDMARK_COUNT = 478;

/** Landmark `i` (x, y in source px). Throws RangeError when `i` is outside `points`. */
export function landmark(lm: FaceLandmarks, i: number): Point {
	if (i < 0 || i * 3 + 1 >= lm.points.length) throw new RangeError(`landmark ${i} not present (${lm.points.length / 3} points)`);
	return { x: lm.points[i * 3], y: lm.points[i * 3 + 1] };
}

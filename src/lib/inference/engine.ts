import type { CallOptions, DetectOptions, SegmentOptions, FaceDetection, FaceLandmarks, InferenceApi, PersonMask, RgbaImage } from '../types';
import { detectFaces } from './detect';
import { faceLandmarks } from './landmarks';
import { segmentPerson } from './segment';
import { SessionManager, type SessionInfo, type SessionManagerOptions } from './sessions';

/** In-process `InferenceApi` (Node, CLI, tests, and the body of the inference worker). */
export interface InferenceEngine extends InferenceApi {
	readonly sessions: SessionManager;
	/** Backend, threads and WASM fallbacks so far. */
	info(): Promise<SessionInfo>;
	/** Releases all sessions. */
	dispose(): Promise<void>;
}

/**
 * Creates the in-process inference API over lazily created sessions.
 * @param options loader (fs in Node, fetch in the browser), backend and threads; see SessionManagerOptions
 */
export function createInferenceEngine(options: SessionManagerOptions): InferenceEngine {
	const sessions = new SessionManager(options);
	return {
		sessions,
		detectFaces: (image: RgbaImage, o?: DetectOptions): Promise<FaceDetection[]> => detectFaces(sessions, image, o?.signal, o?.live),
		faceLandmarks: async (image: RgbaImage, face: FaceDetection, o?: CallOptions): Promise<FaceLandmarks> => {
			const { points, irisCenters, faceFlag } = await faceLandmarks(sessions, image, face, o?.signal);
			return { points, irisCenters, faceFlag };
		},
		segmentPerson: (image: RgbaImage, o?: SegmentOptions): Promise<PersonMask> => segmentPerson(sessions, image, o?.roi, o?.signal, o?.maxSide, o?.crop),
		info: () => sessions.info(),
		dispose: () => sessions.release()
	};
}

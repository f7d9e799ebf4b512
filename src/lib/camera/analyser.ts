/**
 * The body of the guidance worker (workers/guidance.worker.ts), kept free of worker globals so it runs in Node
 * tests: per frame, face detection (the project's BlazeFace pipeline, src/lib/inference/detect.ts); a few times a
 * second, 478 landmarks of the main face (src/lib/inference/landmarks.ts), their measures and the background clutter;
 * on every frame with a face, the light statistics. Returns a FrameObservation (src/lib/camera/guidance.ts) of plain numbers.
 */
import type { Box, FaceDetection, InferenceApi, RgbaImage } from '../types';
import type { FrameObservation } from './guidance';
import { measureLandmarks, type LandmarkMeasures } from './landmark-measures';
import { measureBackground, measureLight, type BackgroundStats } from './image-measures';

/**
 * Landmarks are refreshed at most this often, ms (issue 8: "a few per second are enough for landmarks"): ~4 per
 * second, so most frames cost one detection only.
 */
export const LANDMARK_INTERVAL_MS = 250;

/**
 * At least this many detection-only frames between two landmark refreshes: on a slow or busy device, where frames
 * take longer than LANDMARK_INTERVAL_MS, landmarks would otherwise run on every other frame and halve the guidance
 * rate; position and size (detection) stay fresh, pose, eyes and mouth (landmarks) update less often. Project choice.
 */
export const LANDMARK_MIN_FRAMES = 2;

/** Landmark model face-presence flag below which its landmarks are ignored (the main job's MIN_FACE_FLAG is 0.5 too). */
export const MIN_FACE_FLAG = 0.5;

/** Timings of one analysed frame, ms. */
export interface FrameTimings {
	detect: number;
	/** Time of this frame's landmark runs (0 when they were not refreshed). */
	landmarks: number;
	measures: number;
	total: number;
}

export interface AnalysedFrame extends FrameObservation {
	/** True when the landmarks were computed on this very frame. */
	landmarksFresh: boolean;
	timings: FrameTimings;
}

export interface FrameAnalyser {
	/**
	 * Analyses one frame. `now` is a monotonic time in ms (decides the landmark refresh).
	 * @param image RGBA frame, px (≈ 640 px on the longest side for live use).
	 * @param options.forceLandmarks refresh the landmarks on this frame regardless of the interval.
	 */
	analyse(image: RgbaImage, now: number, options?: { forceLandmarks?: boolean }): Promise<AnalysedFrame>;
	/** Forgets the last landmarks (new camera, new document). */
	reset(): void;
}

/** At most this many faces per frame get a landmark confirmation (the main face and two more). */
export const MAX_CONFIRMED_FACES = 3;

const centreIn = (f: FaceDetection, b: Box) => {
	const cx = f.box.x + f.box.width / 2;
	const cy = f.box.y + f.box.height / 2;
	return cx >= b.x && cx <= b.x + b.width && cy >= b.y && cy <= b.y + b.height;
};

/**
 * Creates a frame analyser over an inference implementation (engine in a worker, or in Node for tests).
 *
 * Landmarks are refreshed when LANDMARK_INTERVAL_MS has passed AND LANDMARK_MIN_FRAMES detection-only frames came
 * since the last refresh (or there are none yet, or `forceLandmarks`).
 *
 * Faces: the detector's faces, best score first. As in the main job (src/lib/pipeline/run/analyse.ts, faces
 * "confirmed by the landmark model"), a detection only counts as a face when the landmark model's face flag is
 * >= MIN_FACE_FLAG: at each landmark refresh, up to MAX_CONFIRMED_FACES detections are checked; those rejected are
 * remembered (their boxes) and detections centred in them are left out until the next refresh. The main face is the
 * best-scoring confirmed one; its landmarks are measured.
 */
export function createFrameAnalyser(inference: Pick<InferenceApi, 'detectFaces' | 'faceLandmarks'>, clock: () => number = () => performance.now()): FrameAnalyser {
	let last: { measures: LandmarkMeasures; eyeToChinPerIed: number; at: number } | null = null;
	let rejected: Box[] = [];
	let background: BackgroundStats | null = null;
	let framesSinceLandmarks = 0;
	return {
		reset() {
			last = null;
			rejected = [];
			background = null;
		},
		async analyse(image, now, options = {}) {
			const t0 = clock();
			let faces = await inference.detectFaces(image, { live: true });
			const t1 = clock();
			let landmarksFresh = false;
			let landmarkRuns = 0;
			if (faces.length === 0) {
				last = null;
				rejected = [];
			} else if (options.forceLandmarks || !last || (now - last.at >= LANDMARK_INTERVAL_MS && framesSinceLandmarks >= LANDMARK_MIN_FRAMES)) {
				framesSinceLandmarks = 0;
				const kept: FaceDetection[] = [];
				const newlyRejected: Box[] = [];
				let measures: LandmarkMeasures | null = null;
				let ratio = 0;
				for (const f of faces.slice(0, MAX_CONFIRMED_FACES)) {
					const lm = await inference.faceLandmarks(image, f);
					landmarkRuns++;
					if (lm.faceFlag < MIN_FACE_FLAG) {
						newlyRejected.push(f.box);
						continue;
					}
					kept.push(f);
					if (!measures) {
						measures = measureLandmarks(lm);
						const [re, le] = f.keypoints;
						ratio = measures.eyeToChinPx / Math.max(1e-6, Math.hypot(le.x - re.x, le.y - re.y));
					}
				}
				rejected = newlyRejected;
				faces = [...kept, ...faces.slice(MAX_CONFIRMED_FACES)];
				last = measures ? { measures, eyeToChinPerIed: ratio, at: now } : null;
				landmarksFresh = measures !== null;
			} else {
				framesSinceLandmarks++;
				faces = faces.filter((f) => !rejected.some((b) => centreIn(f, b)));
			}
			const t2 = clock();
			const main = faces[0];
			const light = main ? measureLight(image, main) : null;
			// The background changes slowly and costs more than the light: measured with the landmarks (or when missing).
			if (!main) background = null;
			else if (landmarksFresh || !background) background = measureBackground(image, main);
			const t3 = clock();
			return {
				width: image.width,
				height: image.height,
				faces,
				landmarks: main ? (last?.measures ?? null) : null,
				eyeToChinPerIed: main ? (last?.eyeToChinPerIed ?? null) : null,
				light,
				background,
				landmarksFresh,
				timings: { detect: t1 - t0, landmarks: landmarkRuns > 0 ? t2 - t1 : 0, measures: t3 - t2, total: t3 - t0 }
			};
		}
	};
}

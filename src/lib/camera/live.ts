/**
 * The main-thread side of the live guidance: on each new video frame, if the guidance worker is idle, grab the
 * frame and transfer it to the worker, which scales it to ≈ ANALYSIS_MAX_SIDE px; frames that arrive while the
 * worker is busy are dropped, never queued. The grab is a WebCodecs VideoFrame wrapping the current video frame
 * (no pixel copy on the main thread) where the browser has VideoFrame, else createImageBitmap(video, resize)
 * (a copy, downscaled). Everything the main thread does per frame is bracketed with
 * User Timing measures (below), so the cost can be checked (bench/camera.ts).
 *
 * User Timing entries (performance.measure):
 * - 'camera:grab'   new VideoFrame(video), or the synchronous part of createImageBitmap(video, …), for one frame;
 * - 'camera:send'   handing the bitmap to the worker (comlink postMessage with transfer);
 * - 'camera:result' handling one result on the main thread (the caller's onResult: guidance + state update).
 * - 'camera:update' one completed guidance update (start = frame grabbed, end = result handled);
 * - 'camera:draw'   written by src/lib/ui/CameraCapture.svelte: one result's guidance, state and DOM update.
 * Old entries are cleared every MEASURE_BUFFER updates so a long session does not grow the timeline.
 */
import { transfer, type Remote } from 'comlink';
import type { GuidanceWorkerApi } from '../../../workers/guidance.worker';
import type { AnalysedFrame } from './analyser';

/** Longest side of the frames sent to the worker, px (issue 8: "downscaled to ~640 px"). */
export const ANALYSIS_MAX_SIDE = 640;
/** User Timing entries kept before clearing. */
export const MEASURE_BUFFER = 600;
/** The User Timing measure names this module writes. */
export const MEASURE_NAMES = ['camera:grab', 'camera:send', 'camera:result', 'camera:update', 'camera:draw'] as const;

export type WorkerFrame = AnalysedFrame & { readMs: number };

/** Size of the analysed frame for a video of `w` x `h`: the longest side at most ANALYSIS_MAX_SIDE, aspect kept, px. */
export function analysisSize(w: number, h: number): { width: number; height: number } {
	const s = Math.min(1, ANALYSIS_MAX_SIDE / Math.max(w, h));
	return { width: Math.max(1, Math.round(w * s)), height: Math.max(1, Math.round(h * s)) };
}

export interface LiveStats {
	/** Video frames seen, frames sent to the worker, frames dropped because it was busy. */
	framesSeen: number;
	framesSent: number;
	framesDropped: number;
	/** Completed guidance updates. */
	updates: number;
}

type VideoWithCallback = HTMLVideoElement & {
	requestVideoFrameCallback?(cb: () => void): number;
	cancelVideoFrameCallback?(id: number): void;
};

/**
 * Runs the frame loop until stop(). `onResult` is called on the main thread with each worker result.
 * Errors from the worker are passed to `onError` and the loop keeps going with the next frame.
 */
export class LiveGuidance {
	readonly stats: LiveStats = { framesSeen: 0, framesSent: 0, framesDropped: 0, updates: 0 };
	#busy = false;
	#running = false;
	#handle = 0;
	#usedVfc = false;
	/** Send VideoFrames (true, default where available) or downscaled ImageBitmaps. */
	useVideoFrame = true;

	constructor(
		private readonly video: VideoWithCallback,
		private readonly remote: Remote<GuidanceWorkerApi>,
		private readonly onResult: (frame: WorkerFrame) => void,
		private readonly onError: (error: unknown) => void = () => {}
	) {}

	start(): void {
		if (this.#running) return;
		this.#running = true;
		this.#schedule();
	}

	stop(): void {
		this.#running = false;
		if (this.#usedVfc) this.video.cancelVideoFrameCallback?.(this.#handle);
		else cancelAnimationFrame(this.#handle);
	}

	/** The current video frame as a WebCodecs VideoFrame, or null where VideoFrame is missing or refuses the video. */
	#videoFrame(): VideoFrame | null {
		if (!this.useVideoFrame || typeof VideoFrame === 'undefined') return null;
		try {
			return new VideoFrame(this.video);
		} catch {
			this.useVideoFrame = false;
			return null;
		}
	}

	#schedule(): void {
		if (!this.#running) return;
		if (this.video.requestVideoFrameCallback) {
			this.#usedVfc = true;
			this.#handle = this.video.requestVideoFrameCallback(() => this.#onFrame());
		} else {
			this.#handle = requestAnimationFrame(() => this.#onFrame());
		}
	}

	#onFrame(): void {
		if (!this.#running) return;
		this.stats.framesSeen++;
		if (this.#busy || this.video.readyState < 2 || !this.video.videoWidth) {
			if (this.#busy) this.stats.framesDropped++;
			this.#schedule();
			return;
		}
		this.#busy = true;
		const size = analysisSize(this.video.videoWidth, this.video.videoHeight);
		const t0 = performance.now();
		let pending: Promise<ImageBitmap | VideoFrame>;
		const frame = this.#videoFrame();
		if (frame) pending = Promise.resolve(frame);
		else pending = createImageBitmap(this.video, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'low' });
		const t1 = performance.now();
		performance.measure('camera:grab', { start: t0, end: t1 });
		this.#schedule();
		void pending
			.then(async (grabbed) => {
				if (!this.#running) {
					grabbed.close();
					return;
				}
				const s0 = performance.now();
				const call = this.remote.analyse(transfer(grabbed, [grabbed]), t0, size);
				performance.measure('camera:send', { start: s0, end: performance.now() });
				this.stats.framesSent++;
				const result = await call;
				if (!this.#running) return;
				const r0 = performance.now();
				this.onResult(result);
				const r1 = performance.now();
				performance.measure('camera:result', { start: r0, end: r1 });
				performance.measure('camera:update', { start: t0, end: r1, detail: { ...result.timings, read: result.readMs } });
				this.stats.updates++;
				if (this.stats.updates % MEASURE_BUFFER === 0) for (const n of MEASURE_NAMES) performance.clearMeasures(n);
			})
			.catch((e) => this.#running && this.onError(e))
			.finally(() => {
				this.#busy = false;
			});
	}
}

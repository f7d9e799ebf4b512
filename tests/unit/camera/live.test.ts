/**
 * LiveGuidance's frame loop with a scripted video element and worker (Node): a frame goes to the worker only when
 * it is idle, frames arriving meanwhile are dropped (never queued), results reach onResult in order.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Remote } from 'comlink';
import { analysisSize, LiveGuidance, type WorkerFrame } from '../../../src/lib/camera/live';
import type { GuidanceWorkerApi } from '../../../workers/guidance.worker';

function scriptedVideo(width: number, height: number) {
	const callbacks: (() => void)[] = [];
	const video = {
		videoWidth: width,
		videoHeight: height,
		readyState: 4,
		requestVideoFrameCallback(cb: () => void) {
			callbacks.push(cb);
			return callbacks.length;
		},
		cancelVideoFrameCallback() {}
	};
	/** Delivers one new video frame (runs the pending frame callback). */
	const frame = () => callbacks.shift()?.();
	return { video: video as unknown as HTMLVideoElement, frame };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => vi.unstubAllGlobals());

describe('LiveGuidance', () => {
	it('sends a frame only when the worker is idle and drops the others', async () => {
		const bitmaps: { w: number; h: number; closed: boolean }[] = [];
		vi.stubGlobal('createImageBitmap', async (_v: unknown, o: { resizeWidth: number; resizeHeight: number }) => {
			const b = { w: o.resizeWidth, h: o.resizeHeight, closed: false, close() { this.closed = true; } };
			bitmaps.push(b);
			return b;
		});
		const pending: ((r: WorkerFrame) => void)[] = [];
		const sizes: unknown[] = [];
		const remote = {
			analyse: (_frame: unknown, _now: number, size: unknown) => {
				sizes.push(size);
				return new Promise<WorkerFrame>((resolve) => pending.push(resolve));
			}
		} as unknown as Remote<GuidanceWorkerApi>;
		const results: number[] = [];
		const { video, frame } = scriptedVideo(1280, 720);
		const live = new LiveGuidance(video, remote, (r) => results.push(r.width));
		live.useVideoFrame = false;
		live.start();

		frame(); // sent
		await flush();
		frame(); // worker busy: dropped
		frame(); // dropped
		await flush();
		expect(live.stats).toEqual({ framesSeen: 3, framesSent: 1, framesDropped: 2, updates: 0 });
		expect(sizes).toEqual([{ width: 640, height: 360 }]);
		expect(bitmaps.map((b) => [b.w, b.h])).toEqual([[640, 360]]);

		pending.shift()!({ width: 640 } as WorkerFrame);
		await flush();
		expect(results).toEqual([640]);
		frame(); // idle again: sent
		await flush();
		expect(live.stats).toEqual({ framesSeen: 4, framesSent: 2, framesDropped: 2, updates: 1 });

		// After stop(), a late result is ignored.
		live.stop();
		pending.shift()!({ width: 1 } as WorkerFrame);
		await flush();
		expect(results).toEqual([640]);
	});

	it('analysis size: longest side 640 px, aspect kept, never upscaled', () => {
		expect(analysisSize(4096, 3072)).toEqual({ width: 640, height: 480 });
		expect(analysisSize(720, 1280)).toEqual({ width: 360, height: 640 });
		expect(analysisSize(320, 240)).toEqual({ width: 320, height: 240 });
	});
});

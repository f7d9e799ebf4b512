import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisSummary } from '$lib/pipeline/api';
import type { AnalyseOptions, PipelineClient } from './pipeline-client';

const analyse = vi.fn<(file: Blob, options?: AnalyseOptions) => Promise<AnalysisSummary>>();

vi.mock('./pipeline-client', async (importOriginal) => {
	const actual = await importOriginal<typeof import('./pipeline-client')>();
	const client = { analyse } as unknown as PipelineClient;
	return { ...actual, getPipelineClient: async () => client };
});

const { PhotoSession } = await import('./photo-session.svelte');

function summary(jobId: string, faceCount = 1): AnalysisSummary {
	return {
		jobId,
		width: 512,
		height: 512,
		faceCount,
		warnings: [],
		faceBox: faceCount ? { x: 150, y: 100, width: 200, height: 240 } : null,
		timings: {}
	};
}

const photo = (name = 'me.jpg') => new File([new Uint8Array([0xff, 0xd8, 0xff])], name, { type: 'image/jpeg' });
const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => analyse.mockReset());

describe('PhotoSession', () => {
	it('analyses a chosen photo and becomes ready with the summary', async () => {
		analyse.mockResolvedValueOnce(summary('job-1'));
		const session = new PhotoSession();
		session.choose(photo());
		expect(session.phase).toBe('analysing');
		await settle();
		expect(session.phase).toBe('ready');
		expect(session.analysis?.jobId).toBe('job-1');
		expect(analyse).toHaveBeenCalledTimes(1);
	});

	it('keeps the photo after a worker error so retry analyses the same file again', async () => {
		analyse.mockRejectedValueOnce(new Error('Could not read this HEIC photo.'));
		analyse.mockResolvedValueOnce(summary('job-2'));
		const session = new PhotoSession();
		const file = photo('IMG_1.heic');
		session.choose(file);
		await settle();
		expect(session.phase).toBe('error');
		expect(session.error).toBe('Could not read this HEIC photo.');
		expect(session.file).toBe(file);
		session.retry();
		await settle();
		expect(session.phase).toBe('ready');
		expect(analyse.mock.calls[1][0]).toBe(file);
	});

	it('treats a summary without a face as an error the user can read', async () => {
		analyse.mockResolvedValueOnce(summary('job-3', 0));
		const session = new PhotoSession();
		session.choose(photo());
		await settle();
		expect(session.phase).toBe('error');
		expect(session.error).toMatch(/No face was found/);
	});

	it('rejects a non-image without calling the worker and keeps an earlier good photo', async () => {
		analyse.mockResolvedValueOnce(summary('job-4'));
		const session = new PhotoSession();
		const good = photo();
		session.choose(good);
		await settle();
		session.choose(new File(['%PDF'], 'cv.pdf', { type: 'application/pdf' }));
		expect(analyse).toHaveBeenCalledTimes(1);
		expect(session.phase).toBe('ready');
		expect(session.file).toBe(good);
		expect(session.error).toContain('cv.pdf');
		expect(session.fileRejected).toBe(true);
	});

	it('aborts the older analysis when a new photo is chosen; only the newer result counts', async () => {
		let firstSignal: AbortSignal | undefined;
		analyse.mockImplementationOnce((_file, options) => {
			firstSignal = options?.signal;
			return new Promise(() => {});
		});
		analyse.mockResolvedValueOnce(summary('job-new'));
		const session = new PhotoSession();
		session.choose(photo('old.jpg'));
		await settle();
		session.choose(photo('new.jpg'));
		await settle();
		expect(firstSignal?.aborted).toBe(true);
		expect(session.analysis?.jobId).toBe('job-new');
		expect(session.file?.name).toBe('new.jpg');
	});

	it('cancel() stops the analysis, keeps the file and allows a retry', async () => {
		let signal: AbortSignal | undefined;
		analyse.mockImplementationOnce((_file, options) => {
			signal = options?.signal;
			return new Promise((_, reject) =>
				options?.signal?.addEventListener('abort', () => reject(new DOMException('stop', 'AbortError')))
			);
		});
		const session = new PhotoSession();
		session.choose(photo());
		await settle();
		session.cancel();
		await settle();
		expect(signal?.aborted).toBe(true);
		expect(session.phase).toBe('error');
		expect(session.error).toBe('Analysis cancelled.');
		expect(session.file).not.toBeNull();
		expect(session.fileRejected).toBe(false);
	});
});

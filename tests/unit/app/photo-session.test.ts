/**
 * PhotoSession: an analysis that fails because of the file itself (decode errors: damaged,
 * truncated, not an image, too small...) marks the file rejected, so the photo step offers
 * "Choose another photo" and no "Try again"; so does "no face found" (the analysis is deterministic), while engine
 * failures stay retryable.
 * The worker client is replaced by one whose analyse() throws the given error, as comlink
 * delivers it (name and message only).
 */
import { describe, expect, it, vi } from 'vitest';
import { DecodeError } from '$lib/pipeline/decode/errors';
import { checkDimensions } from '$lib/pipeline/decode/limits';

let failure: unknown = null;
vi.mock('$lib/app/pipeline-client', async (importOriginal) => {
	const real = await importOriginal<typeof import('$lib/app/pipeline-client')>();
	return {
		...real,
		getPipelineClient: async () => ({
			analyse: async () => {
				throw failure;
			}
		})
	};
});
vi.mock('$lib/history/recorder', () => ({ noteChosenPhoto: () => {} }));

const { PhotoSession } = await import('$lib/app/photo-session.svelte');

/** As comlink rethrows a worker error: a plain Error with the original name and message. */
function crossed(error: Error): Error {
	const e = new Error(error.message);
	e.name = error.name;
	return e;
}

function tooSmall(): DecodeError {
	try {
		checkDimensions({ width: 64, height: 64 });
	} catch (e) {
		return e as DecodeError;
	}
	throw new Error('a 64 px image passed checkDimensions');
}

async function failWith(error: unknown) {
	failure = error;
	const session = new PhotoSession();
	session.choose(new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3])], 'photo.jpg', { type: 'image/jpeg' }));
	await vi.waitFor(() => expect(session.phase).toBe('error'));
	return session;
}

describe('PhotoSession.fileRejected', () => {
	it('is true for decode errors (the same file can never work), also after crossing the worker', async () => {
		for (const error of [tooSmall(), crossed(tooSmall()), crossed(new DecodeError('truncated')), crossed(new DecodeError('not-an-image')), new DecodeError('decode-failed')]) {
			const session = await failWith(error);
			expect(session.fileRejected, error.message).toBe(true);
			expect(session.error).toBe(error.message);
		}
	});

	it('is false for failures a retry can fix or that are about the photo, not the file', async () => {
		for (const error of [new Error('The photo engine could not start'), new Error('No face was found in this photo. Use a photo that shows your face from the front, well lit.')]) {
			const session = await failWith(error);
			expect(session.fileRejected, error.message).toBe(false);
		}
	});
});

describe('PhotoSession.retryable ("Try again" offered)', () => {
	it('is true for an engine failure, false for file problems and for "no face found" (the same file fails again)', async () => {
		const cases: [unknown, boolean][] = [
			[new Error('The photo engine could not start'), true],
			[crossed(new DecodeError('truncated')), false],
			[new Error('No face was found in this photo. Use a photo that shows your face from the front, well lit.'), false],
			[crossed(Object.assign(new Error('No face was found in this photo. Use a photo that shows your whole face, looking at the camera, in good light.'), { name: 'PipelineError' })), false]
		];
		for (const [error, retryable] of cases) {
			const session = await failWith(error);
			expect(session.retryable, (error as Error).message).toBe(retryable);
		}
	});
});

/** getUserMedia failures → messages; the OverconstrainedError retry; mirroring (Node, with a stubbed navigator). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cameraError, CameraError, openCamera, shouldMirror } from '../../../src/lib/camera/stream';

const dom = (name: string) => Object.assign(new Error(name), { name });

afterEach(() => vi.unstubAllGlobals());

describe('cameraError', () => {
	it('maps each DOMException name to a problem and a plain message that offers the file picker', () => {
		const cases: [string, string, RegExp][] = [
			['NotAllowedError', 'denied', /^Camera access was refused\./],
			['SecurityError', 'denied', /refused/],
			['NotFoundError', 'no-camera', /^No camera was found on this device\./],
			['OverconstrainedError', 'no-camera', /No camera/],
			['NotReadableError', 'in-use', /^The camera is in use by another app or could not start\./],
			['AbortError', 'in-use', /in use/],
			['TypeError', 'other', /^The camera could not be started \(TypeError\)\./]
		];
		for (const [name, problem, text] of cases) {
			const e = cameraError(dom(name));
			expect(e).toBeInstanceOf(CameraError);
			expect(e.problem).toBe(problem);
			expect(e.message).toMatch(text);
			expect(e.message).toMatch(/choose a photo below/i);
		}
	});
});

describe('openCamera', () => {
	it('asks for the facing camera at the highest resolution, and retries an OverconstrainedError with video: true', async () => {
		const calls: unknown[] = [];
		const stream = { id: 's' };
		vi.stubGlobal('navigator', {
			mediaDevices: {
				getUserMedia: async (c: unknown) => {
					calls.push(c);
					if (calls.length === 1) throw dom('OverconstrainedError');
					return stream;
				}
			}
		});
		expect(await openCamera('environment')).toBe(stream);
		expect(calls).toEqual([
			{ audio: false, video: { facingMode: { ideal: 'environment' }, width: { ideal: 4096 }, height: { ideal: 3072 } } },
			{ audio: false, video: true }
		]);
	});

	it('throws CameraError: denied, and unsupported without mediaDevices', async () => {
		vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: async () => Promise.reject(dom('NotAllowedError')) } });
		await expect(openCamera('user')).rejects.toMatchObject({ name: 'CameraError', problem: 'denied' });
		vi.stubGlobal('navigator', {});
		await expect(openCamera('user')).rejects.toMatchObject({ problem: 'unsupported' });
	});
});

describe('shouldMirror', () => {
	const track = (facingMode?: string) => ({ getSettings: () => ({ facingMode }) }) as unknown as MediaStreamTrack;
	it('mirrors the front camera and cameras that do not say, never the back camera', () => {
		expect(shouldMirror(track('user'), 'environment')).toBe(true);
		expect(shouldMirror(track('environment'), 'user')).toBe(false);
		expect(shouldMirror(track(undefined), 'user')).toBe(true);
		expect(shouldMirror(track(undefined), 'environment')).toBe(false);
	});
});

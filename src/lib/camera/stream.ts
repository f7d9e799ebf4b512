/**
 * Opening the camera with getUserMedia (Media Capture and Streams, W3C) and turning its failures into plain words.
 */

/** 'user' = the front (selfie) camera, 'environment' = the back camera (MediaTrackConstraints.facingMode). */
export type Facing = 'user' | 'environment';

/**
 * Ideal capture size asked for, px: 4096 x 3072 (4:3, the native aspect of most phone sensors). `ideal` makes the
 * browser pick the camera mode closest to it, i.e. the largest the camera offers; the still is taken at the largest
 * photo size (src/lib/camera/still.ts).
 */
export const IDEAL_WIDTH = 4096;
export const IDEAL_HEIGHT = 3072;

/** Why the camera could not be used. */
export type CameraProblem = 'unsupported' | 'denied' | 'no-camera' | 'in-use' | 'other';

export class CameraError extends Error {
	constructor(
		readonly problem: CameraProblem,
		message: string,
		readonly cause?: unknown
	) {
		super(message);
		this.name = 'CameraError';
	}
}

/**
 * Maps a getUserMedia rejection to a CameraError with a message for the person (DOMException names from the
 * Media Capture and Streams spec, §getUserMedia): NotAllowedError / SecurityError → denied; NotFoundError /
 * OverconstrainedError → no (suitable) camera; NotReadableError / AbortError / TrackStartError → in use or failing.
 */
export function cameraError(error: unknown): CameraError {
	if (error instanceof CameraError) return error;
	const name = (error as { name?: string } | null)?.name ?? '';
	switch (name) {
		case 'NotAllowedError':
		case 'PermissionDeniedError':
		case 'SecurityError':
			return new CameraError('denied', 'Camera access was refused. To use the camera, allow it in your browser’s site settings and try again, or choose a photo below.', error);
		case 'NotFoundError':
		case 'DevicesNotFoundError':
		case 'OverconstrainedError':
			return new CameraError('no-camera', 'No camera was found on this device. Choose a photo below instead.', error);
		case 'NotReadableError':
		case 'TrackStartError':
		case 'AbortError':
			return new CameraError('in-use', 'The camera is in use by another app or could not start. Close the other app and try again, or choose a photo below.', error);
		default:
			return new CameraError('other', `The camera could not be started${error instanceof Error && error.message ? ` (${error.message})` : ''}. Choose a photo below instead.`, error);
	}
}

/**
 * Opens a camera.
 * @param facing preferred camera; ignored by devices that have only one.
 * @returns a live MediaStream with one video track (no audio).
 * @throws CameraError ('unsupported' without navigator.mediaDevices, e.g. an insecure context; see cameraError).
 *   An OverconstrainedError is retried once with `video: true` before giving up.
 */
export async function openCamera(facing: Facing): Promise<MediaStream> {
	const md = globalThis.navigator?.mediaDevices;
	if (!md?.getUserMedia) throw new CameraError('unsupported', 'This browser cannot use a camera here. Choose a photo below instead.');
	try {
		return await md.getUserMedia({
			audio: false,
			video: { facingMode: { ideal: facing }, width: { ideal: IDEAL_WIDTH }, height: { ideal: IDEAL_HEIGHT } }
		});
	} catch (error) {
		if ((error as { name?: string })?.name !== 'OverconstrainedError') throw cameraError(error);
		try {
			return await md.getUserMedia({ audio: false, video: true });
		} catch (again) {
			throw cameraError(again);
		}
	}
}

/** Number of video inputs (0 when unknown). Labels are not needed, so this works before permission too. */
export async function countCameras(): Promise<number> {
	try {
		const devices = await globalThis.navigator.mediaDevices.enumerateDevices();
		return devices.filter((d) => d.kind === 'videoinput').length;
	} catch {
		return 0;
	}
}

/** Stops every track of `stream` (turns the camera light off). */
export function stopStream(stream: MediaStream | null | undefined): void {
	for (const t of stream?.getTracks() ?? []) t.stop();
}

/**
 * Whether the preview of `track` should be mirrored: front cameras (facingMode 'user') and cameras that do not
 * say (laptop webcams face the user); never the back camera. The saved photo is never mirrored.
 */
export function shouldMirror(track: MediaStreamTrack | undefined, requested: Facing): boolean {
	const f = track?.getSettings?.().facingMode;
	if (f === 'environment') return false;
	if (f === 'user') return true;
	return requested === 'user';
}

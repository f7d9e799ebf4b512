/**
 * The still photo: the highest resolution the camera offers, unmirrored, as a JPEG File for the main job.
 * ImageCapture.takePhoto() (W3C MediaStream Image Capture) at the largest photo size where the browser has it,
 * else the current video frame at the track's full resolution.
 */

/** JPEG quality of a frame-grabbed still (0-1). High, the main job re-encodes the result anyway. Project choice. */
export const STILL_JPEG_QUALITY = 0.95;
/** takePhoto() may hang on some devices; after this many ms the video frame is used instead. Project choice. */
export const TAKE_PHOTO_TIMEOUT_MS = 4000;

export interface Still {
	file: File;
	width: number;
	height: number;
	method: 'takePhoto' | 'frame';
}

interface ImageCaptureLike {
	getPhotoCapabilities?(): Promise<{ imageWidth?: { max?: number }; imageHeight?: { max?: number } }>;
	takePhoto(settings?: { imageWidth?: number; imageHeight?: number }): Promise<Blob>;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const t = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
		p.then(
			(v) => (clearTimeout(t), resolve(v)),
			(e) => (clearTimeout(t), reject(e))
		);
	});
}

const fileName = (ext: string) => `camera-${new Date().toISOString().replace(/[:.]/g, '-')}.${ext}`;

/** The current frame of `video` at its intrinsic size (videoWidth x videoHeight), JPEG. @throws Error without a frame. */
export async function grabFrame(video: HTMLVideoElement): Promise<Still> {
	const width = video.videoWidth;
	const height = video.videoHeight;
	if (!width || !height) throw new Error('The camera has not delivered a picture yet.');
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('No 2D canvas.');
	ctx.drawImage(video, 0, 0, width, height);
	const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', STILL_JPEG_QUALITY));
	if (!blob) throw new Error('The picture could not be encoded.');
	return { file: new File([blob], fileName('jpg'), { type: 'image/jpeg' }), width, height, method: 'frame' };
}

/**
 * Takes the still. With ImageCapture: the largest photo size from getPhotoCapabilities(), then takePhoto(); its
 * size is read from the decoded blob. Any failure (no ImageCapture, rejected settings, timeout, undecodable blob)
 * falls back to grabFrame(video).
 * @throws Error only when the fallback fails too.
 */
export async function takeStill(track: MediaStreamTrack, video: HTMLVideoElement): Promise<Still> {
	const Ctor = (globalThis as unknown as { ImageCapture?: new (t: MediaStreamTrack) => ImageCaptureLike }).ImageCapture;
	if (Ctor && track.readyState === 'live') {
		try {
			const capture = new Ctor(track);
			let settings: { imageWidth?: number; imageHeight?: number } | undefined;
			try {
				const caps = await withTimeout(capture.getPhotoCapabilities?.() ?? Promise.resolve(undefined), TAKE_PHOTO_TIMEOUT_MS);
				if (caps?.imageWidth?.max && caps.imageHeight?.max) settings = { imageWidth: caps.imageWidth.max, imageHeight: caps.imageHeight.max };
			} catch {
				settings = undefined;
			}
			const blob = await withTimeout(capture.takePhoto(settings), TAKE_PHOTO_TIMEOUT_MS);
			const bitmap = await createImageBitmap(blob);
			const { width, height } = bitmap;
			bitmap.close();
			if (width >= video.videoWidth && height >= video.videoHeight) {
				const type = blob.type || 'image/jpeg';
				return { file: new File([blob], fileName(type === 'image/png' ? 'png' : 'jpg'), { type }), width, height, method: 'takePhoto' };
			}
			// Smaller than the video itself (some drivers return a preview-size photo): the frame is better.
		} catch {
			// fall through to the video frame
		}
	}
	return grabFrame(video);
}

/**
 * Types shared by the pipeline stages, the inference worker and the CLI.
 * Coordinates are image pixels, origin top-left, x right, y down, unless a name says otherwise.
 */

/** Decoded 8-bit sRGB image. `data` is RGBA, row-major, `width * height * 4` bytes, straight (not premultiplied) alpha. */
export interface RgbaImage {
	width: number;
	height: number;
	data: Uint8ClampedArray;
}

/** A point in image pixels. */
export interface Point {
	x: number;
	y: number;
}

/** Axis-aligned box in image pixels. */
export interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/**
 * One face found by BlazeFace (MediaPipe face detection).
 * keypoints, in MediaPipe's order: 0 right eye, 1 left eye, 2 nose tip, 3 mouth centre,
 * 4 right ear tragion, 5 left ear tragion ("right" = the subject's right, on the image's left side).
 */
export interface FaceDetection {
	box: Box;
	/** Sigmoid score in [0,1]. */
	score: number;
	keypoints: Point[];
}

/**
 * 478 MediaPipe face-mesh landmarks (468 mesh + 10 iris) in source image pixels.
 * `points` is Float32Array [478*3]: x px, y px, z (relative depth, same scale as x; smaller = nearer the camera).
 */
export interface FaceLandmarks {
	points: Float32Array;
	/** Iris centres (landmarks 468 and 473), subject's right and left, px. */
	irisCenters: { right: Point; left: Point };
	/** Face presence flag in [0,1] from the landmark model. */
	faceFlag: number;
}

/**
 * Person probability mask, `data` Float32Array [height*width] row-major, values in [0,1].
 * `box` is the region of the source image the mask covers (source px); the mask's own
 * resolution (width x height) is the box size rounded, or smaller when the caller capped it
 * (SegmentOptions.maxSide), so always map through the box: mask px (i,j) lies over
 * source px (box.x + i * box.width / width, box.y + j * box.height / height).
 */
export interface PersonMask {
	width: number;
	height: number;
	data: Float32Array;
	box: Box;
}

/** Options common to long inference calls. */
export interface CallOptions {
	/** Aborts the call; the promise then rejects with a DOMException named "AbortError". */
	signal?: AbortSignal;
}

/** Options of InferenceApi.detectFaces. */
export interface DetectOptions extends CallOptions {
	/**
	 * Live video (camera guidance): upright short-range model only, and the full-range model once when that finds
	 * nothing; no rotated views, tiles or refinement, so a frame costs one or two model runs. Default false (photos).
	 */
	live?: boolean;
}

/** Options of InferenceApi.segmentPerson. */
export interface SegmentOptions extends CallOptions {
	/** Region of the image to segment, source px (default: the whole image). */
	roi?: Box;
	/**
	 * Cap on the mask's longer side, px (default: none, the mask has the roi's size). The model's output is 256x256,
	 * so a mask much larger than that carries no more information: capping it saves the resize and the transfer.
	 */
	maxSide?: number;
	/**
	 * Segment an affine crop of the image instead of `roi` (which is then ignored): a crop.width x crop.height px frame
	 * whose px (u, v) lies over source px (x, y) = (m[0]·u + m[1]·v + m[2], m[3]·u + m[4]·v + m[5]) with
	 * m = crop.toSource (continuous px, centres at +0.5), e.g. a levelled, scaled portrait framing. The model input is
	 * sampled from the source through this map in one resampling (box prefilter, then bilinear), without an RGBA copy
	 * of the crop. Outside the source the input is black ('zero') or white ('white', a plain wall). The mask has the
	 * crop's size (capped by maxSide) and its `box` is {0, 0, crop.width, crop.height} in crop px, not source px.
	 */
	crop?: SegmentCrop;
}

/** An affine crop to segment (SegmentOptions.crop). */
export interface SegmentCrop {
	/** Crop size, px. */
	width: number;
	height: number;
	/** Crop px → source px, row-major 2x3 [a, b, c, d, e, f]: x = a·u + b·v + c, y = d·u + e·v + f. */
	toSource: readonly [number, number, number, number, number, number];
	/** Input value outside the source: 'zero' (black, MediaPipe's BORDER_ZERO) or 'white'. Default 'zero'. */
	outside?: 'zero' | 'white';
}

/**
 * What the pipeline needs from inference. Implemented in-process (Node, CLI, tests) and,
 * in the browser, by the comlink proxy of the inference worker (workers/inference.worker.ts).
 */
export interface InferenceApi {
	/** All faces, best score first; boxes and keypoints in `image` px. Empty array when none. */
	detectFaces(image: RgbaImage, options?: DetectOptions): Promise<FaceDetection[]>;
	/** 478 landmarks of `face` in `image` px. */
	faceLandmarks(image: RgbaImage, face: FaceDetection, options?: CallOptions): Promise<FaceLandmarks>;
	/**
	 * Person mask over `roi` (default: whole image), or over the affine `crop` (mask box in crop px), at the region's
	 * pixel resolution, or at most `maxSide` px on its longer side.
	 */
	segmentPerson(image: RgbaImage, options?: SegmentOptions): Promise<PersonMask>;
}

/**
 * Where the head should be in the live camera view for a document: the capture frame (the part of the video that
 * becomes the ID photo, with the document's aspect ratio), the head height the document wants inside it, and the
 * eye-line band. All lengths are px of the analysed video frame (origin top-left, y down), unmirrored.
 */
import type { Box } from '../types';
import type { GeometryTarget } from '../specs/geometry';
import { DEFAULT_TOP_MARGIN_RATIO } from '../pipeline/geometry/layout';
import { SKULL_TOP_EYE_CHIN_RATIO } from '../pipeline/geometry/measure-head';

/** The capture frame fills this fraction of the video's height or width, whichever limits it. Project choice (a visible margin around it). */
export const FRAME_FILL = 0.85;

/**
 * Head height the guidance accepts, relative to the document's window: [min × (1 - t), max × (1 + t)] with t = 0.1.
 * The main job scales the head exactly afterwards; the window only keeps the face large enough (resolution) and
 * the whole head and shoulders inside the video. Project choice.
 */
export const HEAD_SIZE_TOLERANCE = 0.1;

/**
 * Half-height of the eye-line band when the document publishes no eye-line window, as a fraction of the frame
 * height (the main job places the eyes itself; the band only guides). Project choice.
 */
export const EYE_BAND_HALF = 0.04;

/**
 * Head width / head height of the outline drawn in the overlay: 0.74, about the adult head breadth / head height
 * (hair included) ratio; the outline only shows the size, the checks use heights. Approximate, project choice.
 */
export const HEAD_OUTLINE_ASPECT = 0.74;

/**
 * Where the eye line lies within the head (head top to chin), from the top: k / (1 + k) with the main job's
 * skull-top model k = SKULL_TOP_EYE_CHIN_RATIO (src/lib/pipeline/geometry/measure-head.ts): 0.5.
 */
export const EYE_POSITION_IN_HEAD = SKULL_TOP_EYE_CHIN_RATIO / (1 + SKULL_TOP_EYE_CHIN_RATIO);

/** A closed window [min, max] with the preferred value, px. */
export interface PxWindow {
	min: number;
	max: number;
	target: number;
}

export interface CaptureFraming {
	/** The analysed frame's size, px. */
	videoWidth: number;
	videoHeight: number;
	/** The capture frame in video px (the document's aspect ratio, centred). */
	frame: Box;
	/** Head height (per `headDefinition`) the document wants, px: its window and target. */
	headHeightPx: PxWindow;
	/** Head heights the guidance accepts (the window widened by HEAD_SIZE_TOLERANCE), px. */
	headAcceptPx: { min: number; max: number };
	/** Eye line y (from the top of the video) the guidance accepts, px, with its target. */
	eyeLineY: PxWindow;
	/** Where the eye centre should be horizontally (frame centre), px. */
	centreX: number;
	/** Head outline (ellipse) to draw at the target size, px: centre and radii. */
	headOutline: { cx: number; cy: number; rx: number; ry: number };
	headDefinition: GeometryTarget['headDefinition'];
}

/**
 * Capture framing of a document in a `videoWidth` x `videoHeight` frame.
 *
 * - Frame: the document's aspect ratio (outWidthPx / outHeightPx), FRAME_FILL of the limiting video side, centred.
 * - Head: the document's head-height window (ratios of the photo height) × frame height.
 * - Eye line: the document's eye-line window when it has one (eyeFromBottomRatio, measured from the bottom);
 *   otherwise where the main job's layout puts it (src/lib/pipeline/geometry/layout.ts): head top at the
 *   top-margin target, else at min(DEFAULT_TOP_MARGIN_RATIO, (1 - head)/2), and the eye line
 *   EYE_POSITION_IN_HEAD of the head height below it, ± EYE_BAND_HALF.
 * @throws RangeError for a non-positive video size.
 */
export function captureFraming(videoWidth: number, videoHeight: number, target: GeometryTarget): CaptureFraming {
	if (!(videoWidth > 0 && videoHeight > 0)) throw new RangeError(`captureFraming: bad video size ${videoWidth}x${videoHeight}`);
	const aspect = target.outWidthPx / target.outHeightPx;
	let fh = FRAME_FILL * videoHeight;
	let fw = fh * aspect;
	if (fw > FRAME_FILL * videoWidth) {
		fw = FRAME_FILL * videoWidth;
		fh = fw / aspect;
	}
	const frame: Box = { x: (videoWidth - fw) / 2, y: (videoHeight - fh) / 2, width: fw, height: fh };
	const hw = target.headHeightRatio;
	const headHeightPx = { min: hw.min * fh, max: hw.max * fh, target: hw.target * fh };
	let eyeLineY: PxWindow;
	const ew = target.eyeFromBottomRatio;
	if (ew) {
		eyeLineY = { min: frame.y + (1 - ew.max) * fh, max: frame.y + (1 - ew.min) * fh, target: frame.y + (1 - ew.target) * fh };
	} else {
		const top = target.topMarginRatio?.target ?? Math.min(DEFAULT_TOP_MARGIN_RATIO, (1 - hw.target) / 2);
		const y = frame.y + (top + EYE_POSITION_IN_HEAD * hw.target) * fh;
		eyeLineY = { min: y - EYE_BAND_HALF * fh, max: y + EYE_BAND_HALF * fh, target: y };
	}
	const centreX = frame.x + fw / 2;
	const ry = headHeightPx.target / 2;
	return {
		videoWidth,
		videoHeight,
		frame,
		headHeightPx,
		headAcceptPx: { min: headHeightPx.min * (1 - HEAD_SIZE_TOLERANCE), max: headHeightPx.max * (1 + HEAD_SIZE_TOLERANCE) },
		eyeLineY,
		centreX,
		headOutline: { cx: centreX, cy: eyeLineY.target + (0.5 - EYE_POSITION_IN_HEAD) * headHeightPx.target, rx: HEAD_OUTLINE_ASPECT * ry, ry },
		headDefinition: target.headDefinition
	};
}

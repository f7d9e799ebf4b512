import type { Box, PersonMask, RgbaImage, SegmentCrop } from '../types';
import { throwIfAborted } from './abort';
import { resizePlaneBilinear, warpToTensor } from './image/warp';
import { scratch } from '../memory/scratch';
import { runOnScratchInput } from './run-input';
import type { Affine } from './math/affine';
import type { FloatTensor, SessionManager } from './sessions';
import { traced } from './trace';

/** selfie_segmentation input/output side (MediaPipe model card: 256x256 general model). */
export const SELFIE_SIZE = 256;

/**
 * Mask coverage bounds of the sanity check: a mask with less than 5 % or more than 95 % of its
 * pixels above 0.5 is treated as a broken backend result (model-conversion.md: all-zero WebGPU
 * outputs reported on some GPUs) and the model is rerun on WASM.
 */
export const MIN_COVERAGE = 0.05;
export const MAX_COVERAGE = 0.95;

/** Fraction of values > 0.5. */
export function maskCoverage(data: Float32Array): number {
	let n = 0;
	for (let i = 0; i < data.length; i++) if (data[i] > 0.5) n++;
	return data.length ? n / data.length : 0;
}

/** Sanity check for the selfie model's output (see MIN_COVERAGE). */
export function checkMask(out: Record<string, FloatTensor>): string | null {
	const t = Object.values(out)[0];
	const c = maskCoverage(t.data);
	return c < MIN_COVERAGE || c > MAX_COVERAGE ? `person mask covers ${(c * 100).toFixed(1)} % of the frame` : null;
}

/**
 * Person probability mask over `roi` (default: the whole image): the roi is stretched to 256x256
 * RGB in [0,1] (zero outside the image, as selfie_segmentation's ImageToTensorCalculator
 * BORDER_ZERO), selfie_segmentation runs (its output is already a sigmoid probability), and the
 * 256x256 mask is resized bilinearly (half-pixel centres) to round(roi.width) x round(roi.height), scaled down to
 * at most `maxSide` px on the longer side when given.
 * With `crop` (SegmentOptions.crop) the crop frame takes the roi's place: the 256x256 input is sampled from the
 * source through crop.toSource (outside the source: black, or white with outside 'white'), and the mask covers the crop.
 * @returns PersonMask with `box` = roi (source px), or {0, 0, crop.width, crop.height} (crop px) with `crop`, and
 *   `data` Float32Array [height*width] in [0,1]
 * @throws Error when the roi or crop has a size below 1 px; DOMException "AbortError" when `signal` aborts.
 */
export async function segmentPerson(
	sessions: SessionManager,
	image: RgbaImage,
	roi?: Box,
	signal?: AbortSignal,
	maxSide?: number,
	crop?: SegmentCrop
): Promise<PersonMask> {
	throwIfAborted(signal);
	const box = crop ? { x: 0, y: 0, width: crop.width, height: crop.height } : (roi ?? { x: 0, y: 0, width: image.width, height: image.height });
	const cap = maxSide && maxSide > 0 ? Math.min(1, maxSide / Math.max(box.width, box.height)) : 1;
	const outW = Math.round(box.width * cap);
	const outH = Math.round(box.height * cap);
	if (outW < 1 || outH < 1) throw new Error(`segmentPerson: roi ${box.width}x${box.height} is smaller than 1 px`);
	const s = SELFIE_SIZE;
	// tensor px → roi / crop px (a stretch to s x s), then crop px → source px
	const toSource: Affine = crop
		? [(crop.toSource[0] * box.width) / s, (crop.toSource[1] * box.height) / s, crop.toSource[2], (crop.toSource[3] * box.width) / s, (crop.toSource[4] * box.height) / s, crop.toSource[5]]
		: [box.width / s, 0, box.x, 0, box.height / s, box.y];
	const border = crop?.outside === 'white' ? 'white' : 'zero';
	// the model input is scratch memory (memory/scratch.ts), given back by runOnScratchInput
	const input = traced('segment.prep', () => warpToTensor(image, toSource, s, s, { range: [0, 1], border, out: scratch.f32(s * s * 3) }));
	const model = 'selfie_segmentation' as const;
	const out = await runOnScratchInput(sessions, model, input, [1, s, s, 3], 'segment.run', signal, checkMask);
	const t = Object.values(out)[0];
	if (t.data.length !== s * s) throw new Error(`segmentPerson: output has ${t.data.length} values, expected ${s * s}`);
	// Clamped on the 256x256 output (65,536 values; the masks the app asks for are 2–4 times larger) before resizing: a
	// bilinear mix of values in [0,1] stays in [0,1], so this equals clamping after the resize whenever the model's
	// output is a probability, as the sigmoid output of selfie_segmentation is.
	const data = traced('segment.post', () => {
		const p = t.data;
		for (let i = 0; i < p.length; i++) p[i] = Math.min(1, Math.max(0, p[i]));
		return resizePlaneBilinear(p, s, s, outW, outH);
	});
	return { width: outW, height: outH, data, box: { ...box } };
}

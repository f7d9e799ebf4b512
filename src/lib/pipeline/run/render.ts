/**
 * Render stage: geometry → full-resolution crop → matte → compose → encode.
 * Shared by the pipeline worker (browser) and the CLI (Node).
 */
import type { RgbaImage } from '../../types';
import type { PhotoSpec } from '../../specs';
import type { OverlayGuides, RenderSettings } from '../api';
import {
	applyAffine,
	composeAffine,
	computeLayout,
	measureHead,
	needsExtension,
	retakeAdvice,
	warpAffine,
	personMaskWarpAt,
	planeWarpAt,
	warpPersonMask,
	warpPlane,
	type HeadMeasurement,
	type Layout
} from '../geometry';
import { matteScaleFactor, refineMatte, samplePixelsAtCells, type MatteOptions, type MatteResult, type PlaneSampler } from '../matte';
import { composite } from '../compose/composite';
import { parseHex } from '../compose/hex';
import { encodeJpegInWindow, encodePng, kbToBytes, kbToBytesCeil, JpegSizeError, type RawJpegEncoder } from '../encode';
import { toOriginal, type Analysis } from './analyse';
import { PipelineError, throwIfAborted } from './errors';
import { layoutOptions } from './settings';
import type { SourceReader } from './source';
import { targetFor } from './target';
import type { GeometryTarget } from '../../specs/geometry';
import { scratch } from '../../memory/scratch';

/**
 * Resolution of the region read from the original relative to the output scale: 1 = read at output resolution (the
 * reader resamples with a high-quality filter: Lanczos3 in sharp, 'high' smoothing in the canvas); the warp then only
 * rotates and shifts by sub-pixels.
 */
const REGION_OVERSAMPLE = 1;

export interface Rendered {
	/** Finished photo, opaque RGBA at the spec's exact px size. */
	image: RgbaImage;
	/** Alpha matte of the person, Float32Array [h*w] in [0,1]. */
	alpha: Float32Array;
	jpeg: Uint8Array;
	jpegQuality: number;
	/**
	 * PNG of the cut-out with a transparent background (alpha = matte, pHYs at `dpi`), encoded on the first call and kept:
	 * off the render's path (the JPEG is what the user sees first; a PNG encode costs ~14 ms at 413x531 in Chromium,
	 * `npm run bench`), and not at all for renders nobody downloads or keeps (slider moves). Rejects as the encoder does.
	 */
	png(): Promise<Uint8Array>;
	dpi: number;
	background: string;
	head: HeadMeasurement;
	layout: Layout;
	target: GeometryTarget;
	guides: OverlayGuides;
	warnings: string[];
	timings: Record<string, number>;
}

/** The background colour to use: `requested` when the spec allows it, else the spec's recommended colour. */
export function chooseBackground(spec: PhotoSpec, requested?: string): string {
	const allowed = spec.background.allowed.map((c) => c.hex.toLowerCase());
	const r = requested?.toLowerCase();
	return r && allowed.includes(r) ? r : spec.background.recommended.toLowerCase();
}

/** Guide bands in output px: crown band with the chin fixed, and the eye-line band. */
export function guidesFor(layout: Layout, target: GeometryTarget): OverlayGuides {
	const H = layout.outHeightPx;
	const p = layout.predicted;
	const e = target.eyeFromBottomRatio;
	return {
		crownYPx: p.headTopYPx,
		chinYPx: p.chinYPx,
		eyeYPx: p.eyeYPx,
		headTopBandPx: [p.chinYPx - target.headHeightRatio.max * H, p.chinYPx - target.headHeightRatio.min * H],
		eyeBandPx: e ? [H - e.max * H, H - e.min * H] : null
	};
}

const now = () => performance.now();

/** In place, returns `coarse`: 0 outside the photo (coverage < 0.5), `fallback` where `coarse` is -1 (outside the portrait crop). */
function fillCoarse(coarse: Float32Array, fallback: Float32Array, coverage: Float32Array): Float32Array {
	for (let i = 0; i < coarse.length; i++) coarse[i] = coverage[i] < 0.5 ? 0 : coarse[i] < 0 ? fallback[i] : coarse[i];
	return coarse;
}

/**
 * A PlaneSampler of a W x H mask: its samples at the cell centres of grid factor `s` are made now (s >= 2: what the
 * two-scale matting reads), the whole plane now when s is 1, else on first use; other factors on demand.
 */
function maskSampler(W: number, H: number, s: number, full: () => Float32Array, atCells: (k: number) => Float32Array): PlaneSampler {
	let whole: Float32Array | null = s < 2 ? full() : null;
	const cells = s >= 2 ? atCells(s) : null;
	return { width: W, height: H, full: () => (whole ??= full()), atCells: (k) => (k === s && cells ? cells : atCells(k)) };
}

/** A copy of RGBA `rgba` with its alpha channel set from `alpha` (Float32Array [h*w] in [0,1], rounded to 8 bits). */
function withAlpha(rgba: Uint8ClampedArray, alpha: Float32Array): Uint8ClampedArray {
	const out = new Uint8ClampedArray(rgba);
	for (let i = 0; i < alpha.length; i++) out[i * 4 + 3] = Math.round(alpha[i] * 255);
	return out;
}

/**
 * Output coverage (Float32Array [h*w] in [0,1]): the warp's sample coverage times the read region's own alpha (RGBA
 * `data`, straight alpha); sets that alpha to 255 in place. Loops like this one are kept out of the async renderPhoto:
 * V8 does not compile a long loop inside an async function on the fly (no on-stack replacement there), so inside it
 * this one ran ~4x slower in Chromium (`npm run bench -- --profile`).
 */
function opaqueCoverage(data: Uint8ClampedArray, sampleCoverage: Float32Array): Float32Array {
	// scratch memory (memory/scratch.ts), given back by renderPhoto after compositing
	const coverage = scratch.f32(sampleCoverage.length);
	for (let i = 0; i < coverage.length; i++) {
		coverage[i] = sampleCoverage[i] * (data[i * 4 + 3] / 255);
		data[i * 4 + 3] = 255;
	}
	return coverage;
}

export interface RenderOptions {
	signal?: AbortSignal;
	/** Encoders (default: pure JS, jpeg-js and fast-png; the browser worker passes the canvas's native ones). */
	encoders?: { jpeg?: RawJpegEncoder; png?: (image: RgbaImage, dpi: number) => Promise<Uint8Array> };
	/**
	 * Called with the matte stage's exact inputs and its result (benchmarks and evaluations re-run the matting on the same
	 * crop, e.g. bench/eval-matting.ts); must not modify them.
	 */
	onMatte?: (input: { image: RgbaImage; coarse: Float32Array; options: MatteOptions }, result: MatteResult) => void;
	/** Matting function (default refineMatte); evaluations pass refineMatteSingleScale to compare the two. */
	matte?: (image: RgbaImage, coarse: Float32Array | PlaneSampler, options: MatteOptions) => MatteResult;
}

/**
 * Renders the finished photo.
 * @param analysis result of analysePhoto (working-copy px).
 * @param source full-resolution original.
 * @throws PipelineError 'cannot-comply' when the file-size window cannot be met or the head cannot be framed;
 *   AbortError when `options.signal` aborts.
 */
export async function renderPhoto(analysis: Analysis, source: SourceReader, spec: PhotoSpec, settings: RenderSettings, options: RenderOptions = {}): Promise<Rendered> {
	const { signal, encoders } = options;
	const timings: Record<string, number> = {};
	const warnings: string[] = [];
	let t = now();
	const { landmarks, mask, crown } = toOriginal(analysis);
	const head = measureHead(landmarks, mask, { imageSize: { width: source.width, height: source.height }, crown });
	const target = targetFor(spec, settings.dpi);
	const W = target.outWidthPx;
	const H = target.outHeightPx;
	let layout: Layout;
	try {
		layout = computeLayout(head, target, source, layoutOptions(target, settings));
	} catch (e) {
		throw new PipelineError('cannot-comply', `The head cannot be framed for this document: ${(e as Error).message}`);
	}
	warnings.push(...layout.warnings);
	const extension = needsExtension(layout, source);
	warnings.push(...retakeAdvice(head, layout, extension));
	timings.geometry = now() - t;

	// Read the crop's bounding box from the original at about twice the output resolution.
	t = now();
	const xs = layout.crop.corners.map((c) => c.x);
	const ys = layout.crop.corners.map((c) => c.y);
	const x0 = Math.floor(Math.min(...xs)) - 2;
	const y0 = Math.floor(Math.min(...ys)) - 2;
	const bw = Math.ceil(Math.max(...xs)) + 2 - x0;
	const bh = Math.ceil(Math.max(...ys)) + 2 - y0;
	const rs = Math.min(1, REGION_OVERSAMPLE * layout.scale);
	const rw = Math.max(1, Math.round(bw * rs));
	const rh = Math.max(1, Math.round(bh * rs));
	const region = await source.read({ x: x0, y: y0, width: bw, height: bh }, rw, rh);
	throwIfAborted(signal);
	timings.read = now() - t;

	t = now();
	const bg = chooseBackground(spec, settings.background);
	const bgRgb = parseHex(bg);
	const regionToOut = composeAffine(layout.transform, { a: bw / rw, b: 0, c: 0, d: bh / rh, e: x0, f: y0 });
	const warped = warpAffine(region, regionToOut, W, H, { background: { ...bgRgb, a: 0 } });
	const coverage = opaqueCoverage(warped.image.data, warped.coverage);
	timings.warp = now() - t;

	// Coarse person mask in the output frame: the analysis's portrait-crop mask (the model saw the head and shoulders
	// framed as in an ID photo, at 256 px), warped into this crop, so re-framing needs no model run; where the crop
	// reaches beyond the portrait crop the analysis mask fills in; 0 outside the photo. refineMatte combines it with
	// the analysis mask (secondaryMask: beside the head above the chin line a pixel is person only where both agree).
	// The two-scale matting reads these masks only at its grid's cell centres (samplePlaneAtCells: up to four output px
	// per cell), so only those px are warped (planeWarpAt / samplePixelsAtCells: the same values as sampling the whole
	// warped planes); the whole planes are made only when asked for (single-scale matting, onMatte).
	t = now();
	const eye = applyAffine(layout.transform, head.eyeCentre);
	const ied = head.interEyeDistancePx * layout.scale;
	const s = matteScaleFactor(ied);
	const analysisAt = personMaskWarpAt(mask, layout.transform);
	const analysisMask = maskSampler(W, H, s, () => warpPersonMask(mask, layout.transform, W, H), (k) => samplePixelsAtCells(W, H, k, analysisAt));
	let coarse = analysisMask;
	const portrait = analysis.portrait;
	if (portrait) {
		const workToOriginal = { a: 1 / analysis.scale, b: 0, c: 0, d: 1 / analysis.scale, e: 0, f: 0 };
		const portraitToOut = composeAffine(layout.transform, composeAffine(workToOriginal, portrait.toWork));
		const portraitAt = planeWarpAt(portrait.data, portrait.width, portrait.height, portraitToOut, { fill: -1 });
		// fillCoarse's rule, px by px
		const coarseAt = (x: number, y: number) => {
			const i = y * W + x;
			if (coverage[i] < 0.5) return 0;
			const v = portraitAt(x, y);
			return v < 0 ? analysisAt(x, y) : v;
		};
		coarse = maskSampler(
			W,
			H,
			s,
			() => fillCoarse(warpPlane(portrait.data, portrait.width, portrait.height, portraitToOut, W, H, { fill: -1 }), analysisMask.full(), coverage),
			(k) => samplePixelsAtCells(W, H, k, coarseAt)
		);
	}
	timings.coarseMask = now() - t;

	t = now();
	const matteOptions: MatteOptions = {
		faceCentre: eye,
		interEyeDistancePx: ied,
		coverage,
		secondaryMask: portrait ? analysisMask : undefined
	};
	const matte = (options.matte ?? refineMatte)(warped.image, coarse, matteOptions);
	timings.matte = now() - t;
	options.onMatte?.({ image: warped.image, coarse: coarse.full(), options: { ...matteOptions, secondaryMask: portrait ? analysisMask.full() : undefined } }, matte);
	throwIfAborted(signal);

	t = now();
	// Documents that forbid editing the background (e.g. Australia) keep the photo's own background; only parts of the
	// crop outside the photo are filled with the spec's colour, and the user is told.
	const keepBackground = !spec.background.editingAllowed;
	const image = keepBackground
		? composite(warped.image, coverage, bgRgb)
		: composite(matte.foreground, matte.alpha, bgRgb, { coverage, chinYPx: layout.predicted.chinYPx });
	if (keepBackground)
		warnings.push(`${spec.document.en}: the authority does not allow the background to be edited, so the photo's own background is kept. Take the photo in front of a plain ${spec.background.allowed.map((c) => c.name).join(' or ')} wall.`);
	timings.compose = now() - t;
	// the warped crop and its coverage are done with: back to the scratch pool, unless onMatte was handed the crop (an
	// evaluation may keep it)
	if (!options.onMatte) scratch.give(warped.image.data, warped.coverage, coverage);

	t = now();
	const file = spec.file;
	const unit = file?.kbUnit ?? 1000;
	let jpeg: Uint8Array;
	let jpegQuality: number;
	try {
		const r = await encodeJpegInWindow(image, {
			encoder: encoders?.jpeg,
			dpi: target.dpi,
			minBytes: file?.minKB !== undefined ? kbToBytesCeil(file.minKB, unit) : undefined,
			maxBytes: file?.maxKB !== undefined ? kbToBytes(file.maxKB, unit) : undefined,
			maxQuality: 95
		});
		jpeg = r.bytes;
		jpegQuality = r.quality;
	} catch (e) {
		if (e instanceof JpegSizeError) throw new PipelineError('cannot-comply', e.message);
		throw e;
	}
	timings.encode = now() - t;

	let png: Promise<Uint8Array> | null = null;
	const foreground = matte.foreground.data;
	const dpi = target.dpi;
	const encodeCutout = () => {
		const cutout = { width: W, height: H, data: withAlpha(foreground, matte.alpha) };
		return encoders?.png ? encoders.png(cutout, dpi) : Promise.resolve().then(() => encodePng(cutout, { dpi }));
	};
	return {
		image,
		alpha: matte.alpha,
		jpeg,
		jpegQuality,
		// a failed encode is not kept: the next call tries again
		png: () =>
			(png ??= encodeCutout().catch((e: unknown) => {
				png = null;
				throw e;
			})),
		dpi,
		background: bg,
		head,
		layout,
		target,
		guides: guidesFor(layout, target),
		warnings,
		timings
	};
}

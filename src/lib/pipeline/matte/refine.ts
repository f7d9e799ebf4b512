/**
 * Matte refinement: coarse person mask (already warped to the output crop) -> full-resolution alpha and foreground
 * colours.
 *
 * Two scales (refineMatte): the steps below run on a grid of factor s = matteScaleFactor(inter-eye distance), where the
 * inter-eye distance is about WORK_IED_PX grid px (the crop box-averaged by s); two-scale.ts then carries alpha and
 * foreground to full resolution in a thin band of grid cells around the edge (Fast Guided Filter with the full-resolution
 * colours as guide; band-limited foreground estimation). Everything that decides what is person (guard rails, trimap,
 * colour checks) is decided on the grid, so the cost at full resolution is a few O(1)-per-pixel passes plus the band.
 * Trimap band width (step 2): 0.15 inter-eye distances on either side of the coarse mask's edge, i.e. about 6 grid px;
 * at full resolution the band is the grid cells whose 3x3 neighbourhood holds fractional or mixed grid alpha.
 *
 * Single-scale steps (refineMatteSingleScale; the grid of the two-scale matting, or the whole crop when s = 1):
 * 0. Palette of the crop (local-histogram.ts; shared by steps 0 and 3). With `secondaryMask` (the analysis mask):
 *    combinePersonMasks (minimum of both masks beside the head above the chin line; where the two masks disagree, local
 *    colour histograms of the pixels they agree on decide: combine-masks.ts). The colour check (step 3) takes its outer
 *    candidates from the coarse mask before the combination.
 * 1. Binary mask = coarse >= 0.5 (and coverage >= 0.5 when given); guard rails (selectPerson): keep the component with
 *    the face centre plus body components reaching the bottom under the face, drop islands, fill holes.
 * 2. Trimap: unknown band of half-width BAND_HALF_WIDTH_IED * inter-eye distance around the mask edge; the edge of
 *    the covered area (output beyond the source photo) is not treated as a person edge.
 * 3. Colour checks (colourCheck below; colour-prior.ts, local-histogram.ts): where local palette histograms say that
 *    pixels inside the mask, up to INNER_CHECK_IED * inter-eye distance deep, are background-coloured (a mask 20-30 px
 *    too wide beside the head), or that uncertain pixels outside it are person-coloured (a soft shoulder), and these
 *    pixels connect to the band, the unknown region is widened over them.
 * 4. Data term in the unknown region: local colour-model alpha (colourModelAlpha: projection of each pixel's colour
 *    between the mean definite-foreground and definite-background colours of a window of half-size 2 * band + 1,
 *    blended with the coarse mask where the two colours are too similar to separate), pulled towards the histogram
 *    posterior where it is confident (combineDataTerms), then replaced by the best local foreground/background palette
 *    pair's alpha where such a pair explains the colour (pairAlpha / blendPairAlpha: textured backgrounds, hair strands).
 * 5. Colour guided filter (He et al. 2013) of that estimate with the image as guide, radius GUIDED_RADIUS_IED *
 *    inter-eye distance, ε = GUIDED_EPS, subsampled by 2 when the radius is >= 4 px (Fast Guided Filter, He & Sun 2015),
 *    computed on the band's bounding box, clamped to the data term's local [min, max] (CLAMP_RADIUS_GR); alpha = q
 *    inside the unknown region, 0/1 from the cleaned mask outside it; alpha islands detached from the definite
 *    foreground are cleared (dropDetachedAlpha).
 *    (A guided filter of the coarse mask alone cannot move a mis-registered edge: on the synthetic test scene, with the
 *    coarse edge 3 px off and 12 px soft, its edge-band MAE was 0.19 vs 0.006 with the colour-model data term.)
 * 5b. Opt-in (MatteOptions.closedForm, default off): closed-form matting (closed-form.ts) of the unknown region with the
 *    step-5 alpha as weak data term and start.
 * 6. Foreground colours by multi-level estimation (Germer et al. 2020), so edge pixels carry the person's colour.
 * Step 3, the histogram / pair parts of 4 and the clamp / island parts of 5 are skipped with skipColourCheck.
 */
import type { Point, RgbaImage } from '../../types';
import { selectPerson } from './components';
import { estimateForeground } from './foreground';
import { colourModelAlpha } from './colour-model';
import { guidedFilterColor } from './guided-filter';
import { TRIMAP_BACKGROUND, TRIMAP_FOREGROUND, TRIMAP_UNKNOWN, trimapFromMask } from './trimap';
import { buildPalette, giveHistograms, histogramPosterior, PALETTE_SIZE } from './local-histogram';
import { blendPairAlpha, pairAlpha, type PairAlpha } from './pair-alpha';
import { maxFilter, minFilter } from './morphology';
import { combinePersonMasks } from './combine-masks';
import { downsampleRgba, gridSize, planeSampler, samplePlaneAtCells, type PlaneSampler } from './resample';
import { refineToFullResolution } from './two-scale';
import { closedFormMatte } from './closed-form';
import { setOpaque } from '../compose/opaque';
import { scratch } from '../../memory/scratch';

type Planes3 = [Float32Array, Float32Array, Float32Array];
import { candidateZone, combineDataTerms, DISAGREE_EVIDENCE, dropDetachedAlpha, flagDisagreement, INNER_CHECK_IED, widenUnknown } from './colour-prior';

/**
 * Half-width of the unknown band, as a fraction of the inter-eye distance in output px: 0.15 (about 9 mm on an adult
 * head with a ~63 mm inter-pupil distance), wide enough for the mis-registration of a low-resolution segmentation mask and
 * short hair fringes. Engineering choice, tuned on synthetic edges; not from a publication.
 */
export const BAND_HALF_WIDTH_IED = 0.15;
/** Guided-filter window half-size as a fraction of the inter-eye distance: 0.08 (about 5 mm). Engineering choice. */
export const GUIDED_RADIUS_IED = 0.08;
/**
 * Guided-filter ε for a guide in [0,1]: 1e-4, i.e. windows whose colour standard deviation exceeds ~0.01 (2.5 / 255)
 * count as edges and the output follows the image there. He et al. use ε = 1e-6 for their feathering example; 1e-4 is
 * less sensitive to JPEG noise. Engineering choice.
 */
export const GUIDED_EPS = 1e-4;

/**
 * The guided filter's output in the band is clamped to [min, max] of the data term over a square window of half-size
 * CLAMP_RADIUS_GR * guided radius: 0.5. Engineering choice: it removes the faint haze that the filter's local linear
 * model draws over textured backgrounds while leaving hair strands (data term high nearby) to the filter.
 */
export const CLAMP_RADIUS_GR = 0.5;

/** Rounds of the colour check's region growing: 3. Engineering choice (each round reaches one window further). */
export const CHECK_ROUNDS = 3;

/**
 * Sample weight of the unflagged candidate-zone pixels in the check rounds: 0.25. Engineering choice: low enough that a
 * 25 px background patch inside the mask does not count as person colour, high enough that white hair filling the zone
 * above a face (whose colour occurs nowhere deeper in the mask) is not flagged as background.
 */
export const ZONE_SAMPLE_WEIGHT = 0.25;

export interface MatteOptions {
	/** Face centre (e.g. the eye centre) in output px: identifies the person's component. */
	faceCentre: Point;
	/** Inter-eye distance in output px: sets the band and filter sizes. */
	interEyeDistancePx: number;
	/** Output coverage from warpAffine (Float32Array [h*w]); pixels below 0.5 are treated as outside the source. */
	coverage?: Float32Array;
	bandHalfWidthPx?: number;
	guidedRadiusPx?: number;
	epsilon?: number;
	/**
	 * Second coarse person mask of the same crop (Float32Array [h*w], e.g. the analysis mask warped to the crop, or a
	 * PlaneSampler of it for refineMatte); when given, the coarse mask is first combined with it by combinePersonMasks
	 * (minimum beside the head above the chin line).
	 */
	secondaryMask?: Float32Array | PlaneSampler;
	/** Depth (px) of the inner zone checked for background colours; default INNER_CHECK_IED * inter-eye distance. */
	innerCheckPx?: number;
	/** Skip the colour checks of colour-prior.ts (the behaviour before them: mask band + mean-colour model). Default false. */
	skipColourCheck?: boolean;
	/**
	 * After the guided filter, solve closed-form matting (closed-form.ts; Levin et al. 2008) on the grid's unknown region,
	 * with the filtered alpha as weak data term and start. Default false: it costs CLOSED_FORM_ITERATIONS conjugate-
	 * gradient iterations (measured side by side under load, wall min: 413x531 crop 86 → 127 ms, 1200x1600 156 → 193 ms). Measured with `npm run eval:matting -- --closed-form`
	 * against the same table without it: band ΔE00 mean red 4.24 → 3.25, blue 4.39 → 2.88, alpha MAE white 0.0174 →
	 * 0.0128, brick 0.0328 → 0.0266, dark grey 0.0277 → 0.0227, old-hue px on red / blue 0. Caveat: the eval's known
	 * answer is the app's own cut-out, made with the same option; against the cut-outs made without it (fixed known
	 * answers) the red halo improves (4.25 → 4.18) and the blue one worsens (4.45 → 4.85). Fragile: with 15 instead of
	 * 30 iterations bun-uniform's red composite kept 963 px of the old hue (the weak data term leaves an unconverged
	 * solution far off), so a convergence-based stop or a stronger data term should be tested before it becomes a default.
	 */
	closedForm?: boolean;
	/** Skip foreground estimation (foreground = image). Default false. */
	skipForeground?: boolean;
	/**
	 * Grid factor s of the two-scale matting (integer >= 1); default matteScaleFactor(interEyeDistancePx). 1 = the
	 * single-scale matting at full resolution (refineMatteSingleScale).
	 */
	scaleFactor?: number;
}

export interface MatteResult {
	/** Float32Array [h*w], alpha in [0,1]. */
	alpha: Float32Array;
	/** Foreground colours (alpha channel 255); equal to the image where alpha is 0 or foreground estimation is skipped. */
	foreground: RgbaImage;
	/** Uint8Array [h*w]: 0 background, 128 unknown band, 255 foreground, 1 outside the source (coverage < 0.5). */
	trimap: Uint8Array;
	/** False when no mask component touched the face centre (the largest component was kept instead). */
	faceComponentFound: boolean;
	droppedComponents: number;
	holesFilled: number;
	/** Pixels added to the unknown region by the colour check (mask and colour disagree). */
	widenedPx: number;
	/** Alpha pixels cleared as detached from the person. */
	detachedPx: number;
	bandHalfWidthPx: number;
	guidedRadiusPx: number;
	epsilon: number;
	/** ms; `guided` covers the data term and the guided filter, `colourCheck` the colour checks (step 3). */
	/** Grid factor s used (1 = single scale at full resolution). */
	scaleFactor: number;
	/**
	 * ms. Single scale: `guided` covers the data term and the guided filter, `colourCheck` the colour checks (step 3).
	 * Two scales: select / colourCheck / guided / foreground are the grid's, plus `downsample`, `refineGuided` and
	 * `refineForeground` (full-resolution band, two-scale.ts).
	 */
	timingsMs: { select: number; colourCheck: number; guided: number; foreground: number; downsample?: number; refineGuided?: number; refineForeground?: number };
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/**
 * Inter-eye distance on the grid of the two-scale matting: about 30 grid px (grid factor floor(ied / 30)). The
 * single-scale constants (band 0.15, guided radius 0.08, colour-check depth 0.45 inter-eye distances) were tuned on
 * crops with a 60 px inter-eye distance (tests/unit/matte); at 30 px the band is still 5 px on either side of the
 * edge and the guided window 5x5 px, and a 413x531 px passport crop (inter-eye distance ~110 px) is matted on a
 * 138x177 grid. Engineering choice, a trade of speed against the grid's ability to see thin gaps (tests/unit/matte).
 * 26 (grid factor 4 on that crop, 31 % less matting time) was measured on 2026-11-30 with `npm run eval:matting --
 * --work-ied 26 --fixed-known` and not kept: 93 px of the old red background left (0 with 30).
 */
export const WORK_IED_PX = 30;

/** Grid factor for an inter-eye distance in output px: max(1, floor(ied / WORK_IED_PX)). */
export function matteScaleFactor(interEyeDistancePx: number): number {
	return Math.max(1, Math.floor(interEyeDistancePx / WORK_IED_PX));
}

/**
 * Refines a coarse person mask into alpha + foreground (the app's matting). When the grid factor s
 * (options.scaleFactor, default matteScaleFactor) is 1 this is refineMatteSingleScale. Otherwise two scales:
 * the crop is box-averaged by s, the coarse and secondary masks and the coverage (smooth planes) are sampled at the
 * grid cell centres; the single-scale matting runs on
 * that grid (guard rails, trimap, colour checks, data term, guided filter, foreground estimation: all decisions about
 * what is person); then refineToFullResolution (two-scale.ts) carries alpha and foreground to full resolution in a
 * thin band of grid cells around the edge (Fast Guided Filter with the full-resolution colours as guide, band-limited
 * foreground estimation).
 * @param image output-crop image, RGBA 8-bit sRGB, w x h.
 * @param coarse person probability in [0,1] aligned with `image`: Float32Array [h*w], or a PlaneSampler of it (the two
 *   scales read only its values at the grid's cell centres; the single scale reads it whole). Likewise
 *   options.secondaryMask.
 * @throws RangeError when sizes differ, the inter-eye distance is not positive or scaleFactor is not a positive integer.
 */
export function refineMatte(image: RgbaImage, coarse: Float32Array | PlaneSampler, options: MatteOptions): MatteResult {
	const w = image.width;
	const h = image.height;
	const n = w * h;
	const ied = options.interEyeDistancePx;
	if (!(ied > 0)) throw new RangeError('refineMatte: interEyeDistancePx must be positive');
	const s = options.scaleFactor ?? matteScaleFactor(ied);
	if (!(Number.isInteger(s) && s >= 1)) throw new RangeError('refineMatte: scaleFactor must be a positive integer');
	const coarseAt = samplerOf(coarse, w, h, 'mask');
	const secondaryAt = options.secondaryMask === undefined ? undefined : samplerOf(options.secondaryMask, w, h, 'secondaryMask');
	if (s === 1 || options.skipForeground) return refineMatteSingleScale(image, coarseAt.full(), { ...options, secondaryMask: secondaryAt?.full(), scaleFactor: 1 });
	if (options.coverage && options.coverage.length !== n) throw new RangeError('refineMatte: coverage size differs');
	const t0 = now();
	const small = downsampleRgba(image, s);
	const { gw, gh } = gridSize(w, h, s);
	const cov = options.coverage ? samplePlaneAtCells(options.coverage, w, h, s) : undefined;
	const scaled = (v: number | undefined) => (v === undefined ? undefined : Math.max(1, Math.round(v / s)));
	const gridOptions: MatteOptions = {
		...options,
		faceCentre: { x: options.faceCentre.x / s, y: options.faceCentre.y / s },
		interEyeDistancePx: ied / s,
		coverage: cov,
		secondaryMask: secondaryAt?.atCells(s),
		bandHalfWidthPx: scaled(options.bandHalfWidthPx),
		guidedRadiusPx: scaled(options.guidedRadiusPx),
		innerCheckPx: scaled(options.innerCheckPx),
		scaleFactor: 1
	};
	const coarseGrid = coarseAt.atCells(s);
	const t1 = now();
	const g = singleScale(small, coarseGrid, gridOptions);
	const valid = cov ? validMask(cov) : undefined;
	const full = refineToFullResolution(
		image,
		s,
		{ gw, gh, alpha: g.result.alpha, image: g.planes, fg: g.fg as Planes3, bg: g.bg as Planes3, valid },
		options.coverage
	);
	// the grid's planes are done with (scratch memory: memory/scratch.ts); its foreground image and trimap are new arrays
	scratch.give(g.result.alpha, ...g.planes, ...(g.fg ?? []), ...(g.bg ?? []));
	const r = g.result;
	return {
		alpha: full.alpha,
		foreground: full.foreground,
		trimap: full.trimap,
		faceComponentFound: r.faceComponentFound,
		droppedComponents: r.droppedComponents,
		holesFilled: r.holesFilled * s * s,
		widenedPx: r.widenedPx * s * s,
		detachedPx: r.detachedPx * s * s + full.detachedPx,
		bandHalfWidthPx: r.bandHalfWidthPx * s,
		guidedRadiusPx: r.guidedRadiusPx * s,
		epsilon: r.epsilon,
		scaleFactor: s,
		timingsMs: { ...r.timingsMs, downsample: t1 - t0, refineGuided: full.timingsMs.guided, refineForeground: full.timingsMs.foreground }
	};
}

/**
 * Single-scale matting: refines a coarse person mask into alpha + foreground at the crop's own resolution.
 * @param image output-crop image, RGBA 8-bit sRGB, w x h.
 * @param coarse Float32Array [h*w] (or a PlaneSampler of it: read whole), person probability in [0,1], aligned with `image`.
 * @throws RangeError when sizes differ or the inter-eye distance is not positive.
 */
export function refineMatteSingleScale(image: RgbaImage, coarse: Float32Array | PlaneSampler, options: MatteOptions): MatteResult {
	const secondary = options.secondaryMask;
	const whole = coarse instanceof Float32Array ? coarse : samplerOf(coarse, image.width, image.height, 'mask').full();
	return singleScale(image, whole, secondary === undefined || secondary instanceof Float32Array ? options : { ...options, secondaryMask: secondary.full() }).result;
}

/** `p` as a PlaneSampler of a w x h plane. @throws RangeError when its size differs. */
function samplerOf(p: Float32Array | PlaneSampler, w: number, h: number, what: string): PlaneSampler {
	if (p instanceof Float32Array) {
		if (p.length !== w * h) throw new RangeError(`refineMatte: ${what} length ${p.length} != ${w}x${h}`);
		return planeSampler(p, w, h);
	}
	if (p.width !== w || p.height !== h) throw new RangeError(`refineMatte: ${what} is ${p.width}x${p.height}, not ${w}x${h}`);
	return p;
}

/** The single-scale matting with its foreground / background planes (R, G, B in [0,1], null when skipped). */
function singleScale(
	image: RgbaImage,
	coarse: Float32Array,
	options: MatteOptions
): { result: MatteResult; planes: [Float32Array, Float32Array, Float32Array]; fg: Float32Array[] | null; bg: Float32Array[] | null } {
	const w = image.width;
	const h = image.height;
	const n = w * h;
	if (coarse.length !== n) throw new RangeError(`refineMatte: mask length ${coarse.length} != ${w}x${h}`);
	if (options.coverage && options.coverage.length !== n) throw new RangeError('refineMatte: coverage size differs');
	const ied = options.interEyeDistancePx;
	if (!(ied > 0)) throw new RangeError('refineMatte: interEyeDistancePx must be positive');
	const band = options.bandHalfWidthPx ?? Math.max(2, Math.round(BAND_HALF_WIDTH_IED * ied));
	const gr = options.guidedRadiusPx ?? Math.max(1, Math.round(GUIDED_RADIUS_IED * ied));
	const eps = options.epsilon ?? GUIDED_EPS;

	const t0 = now();
	const cov = options.coverage;
	const valid = cov ? validMask(cov) : undefined;
	const planes = toPlanes(image);
	// palette of the crop (local-histogram.ts), shared by the mask combination and the colour checks; k-means samples:
	// 6000 (the tuned value) on crops of 48000 px and more, n / 8 (at least 2000) on smaller grids
	const palette = options.skipColourCheck ? null : buildPalette(planes, n, PALETTE_SIZE, valid, Math.min(6000, Math.max(2000, Math.round(n / 8))));
	// the coarse mask before the combination: the colour check's outer candidates (colour-prior.ts candidateZone) include
	// the pixels it called person and the combination took away, so that person colours there can be given back
	const primary = coarse;
	const secondary = options.secondaryMask;
	if (secondary) {
		// a PlaneSampler only reaches here through refineMatte / refineMatteSingleScale, which pass the whole plane
		if (!(secondary instanceof Float32Array) || secondary.length !== n) throw new RangeError('refineMatte: secondaryMask size differs');
		const evidence = palette ? { index: palette.index, k: PALETTE_SIZE, valid } : undefined;
		coarse = combinePersonMasks(coarse, secondary, w, h, options.faceCentre, ied, evidence);
	}
	const bin = binaryMask(coarse, cov);
	const sel = selectPerson(bin, w, h, options.faceCentre, ied, cov);
	const kept = sel.kept;
	const trimap = trimapFromMask(kept, w, h, band, valid);
	const t1 = now();

	// colour checks of the mask (colour-prior.ts): widen the unknown region where the local colour histograms disagree
	const check = palette ? colourCheck(planes, palette, kept, trimap, primary, w, h, band, ied, options, valid) : null;
	const widened = check?.widened ?? 0;
	const t1b = now();
	const alpha = toFloat(kept);
	// bounding box of the band, grown by the filter radius so that band pixels see full windows
	let [x0, y0, x1, y1] = unknownBounds(trimap, w, h);
	if (x1 >= 0) {
		// margin: the colour model needs windows of half-size 2 * band + 1 around band pixels, the filter 2 * gr + 1
		const m = Math.max(2 * band + 1, 2 * gr + 1);
		x0 = Math.max(0, x0 - m);
		y0 = Math.max(0, y0 - m);
		x1 = Math.min(w - 1, x1 + m);
		y1 = Math.min(h - 1, y1 + m);
		const cw = x1 - x0 + 1;
		const ch = y1 - y0 + 1;
		// the band's box: guide colours, coarse mask (0 outside the photo), trimap and the colour checks' planes
		const box = { x0, y0, cw, ch, w };
		const guide: [Float32Array, Float32Array, Float32Array] = [cropPlane(planes[0], box), cropPlane(planes[1], box), cropPlane(planes[2], box)];
		const cc = cropCoarse(coarse, cov, box);
		const ct = cropInto(trimap, box, scratch.u8(cw * ch));
		const cp = check ? cropPlane(check.posterior, box) : scratch.f32(cw * ch);
		const ce = check ? cropPlane(check.evidence, box) : scratch.f32(cw * ch);
		const ca = check ? cropPlane(check.pair.alpha, box) : scratch.f32(cw * ch);
		const cr2 = check ? cropPlane(check.pair.residual, box) : scratch.f32(cw * ch);
		const p = colourModelAlpha(guide, ct, cc, cw, ch, 2 * band + 1);
		if (check) {
			combineDataTerms(p, cp, ce, ct);
			blendPairAlpha(p, ca, cr2, ct);
		}
		const q = guidedFilterColor(guide, p, cw, ch, gr, eps, gr >= 4 ? 2 : 1);
		// the filter may not invent alpha far from the data term (it reproduces background texture as a faint haze)
		const cr = Math.max(1, Math.round(CLAMP_RADIUS_GR * gr));
		const hi = maxFilter(p, cw, ch, cr, scratch.f32(cw * ch));
		const lo = minFilter(p, cw, ch, cr, scratch.f32(cw * ch));
		writeBandAlpha(alpha, trimap, q, check ? lo : null, check ? hi : null, box);
		if (options.closedForm) {
			// step 5b (opt-in): closed-form matting of the unknown region with the filtered alpha as weak data term and start
			const cf = closedFormMatte(guide, ct, cropPlane(alpha, box), cw, ch);
			writeBandAlpha(alpha, trimap, cf, null, null, box);
		}
		// the band box's planes are done: back to the scratch pool (memory/scratch.ts)
		scratch.give(...guide, cc, ct, cp, ce, ca, cr2, p, q, hi, lo);
	}
	if (check) scratch.give(check.posterior, check.evidence, check.pair.alpha, check.pair.residual);
	const detached = check ? dropDetachedAlpha(alpha, trimap, w, h) : 0;
	const t2 = now();

	const fgData = new Uint8ClampedArray(image.data);
	let fgPlanes: Float32Array[] | null = null;
	let bgPlanes: Float32Array[] | null = null;
	if (!options.skipForeground) {
		// active pixels at full resolution: the unknown band and its 4-neighbours
		const { foreground, background } = estimateForeground(planes, alpha, w, h, { active: bandAndNeighbours(trimap, w, h) });
		fgPlanes = foreground;
		bgPlanes = background;
		planesToRgba(foreground, fgData);
	} else setOpaque(fgData);
	const t3 = now();
	const result: MatteResult = {
		alpha,
		foreground: { width: w, height: h, data: fgData },
		trimap,
		faceComponentFound: sel.faceLabel !== 0,
		droppedComponents: sel.dropped,
		holesFilled: sel.holesFilled,
		widenedPx: widened,
		detachedPx: detached,
		bandHalfWidthPx: band,
		guidedRadiusPx: gr,
		epsilon: eps,
		scaleFactor: 1,
		timingsMs: { select: t1 - t0, colourCheck: t1b - t1, guided: t2 - t1b, foreground: t3 - t2 }
	};
	return { result, planes, fg: fgPlanes, bg: bgPlanes };
}

/**
 * Colour checks (colour-prior.ts, local-histogram.ts, pair-alpha.ts); widens `trimap` in place.
 * 1. Candidate zone (its outer candidates from `coarse`: pass the coarse mask before combinePersonMasks); the palette
 *    (buildPalette of the covered pixels) comes from the caller.
 * 2. Up to CHECK_ROUNDS histogram passes in which the candidate-zone pixels count with weight ZONE_SAMPLE_WEIGHT (a mask
 *    too wide by 20-30 px holds background in its inner zone; an uncertain shoulder left out of the mask holds person
 *    colours in its outer zone) and the zone pixels flagged in earlier rounds count with their colour's label;
 *    flagDisagreement grows the flags from the band (by up to the window size per round); widenUnknown.
 * 3. Second pass on the widened trimap; its samples leave out the candidate-zone pixels whose colour the first pass found
 *    to disagree with their mask label, even where they stay outside the unknown region. Pair alpha of the unknown
 *    pixels from the second pass's histograms.
 */
function colourCheck(
	planes: [Float32Array, Float32Array, Float32Array],
	{ palette, index }: { palette: Float32Array; index: Uint8Array },
	kept: Uint8Array,
	trimap: Uint8Array,
	coarse: Float32Array,
	w: number,
	h: number,
	band: number,
	ied: number,
	options: MatteOptions,
	valid?: Uint8Array
): { widened: number; posterior: Float32Array; evidence: Float32Array; pair: PairAlpha } {
	const n = w * h;
	const innerPx = options.innerCheckPx ?? Math.max(band, Math.round(INNER_CHECK_IED * ied));
	// window half-sizes: the check rounds exclude both candidate zones from the samples, so their windows must reach across
	// a zone and the band (2 * innerPx + band); the final pass uses innerPx + band
	const histR = innerPx + band;
	const checkR = 2 * innerPx + band;
	const zone = candidateZone(kept, trimap, coarse, w, h, innerPx, options.faceCentre, ied, valid);
	const query = zoneOrUnknown(zone, trimap);
	// samples: the zone pixels keep their mask label with weight ZONE_SAMPLE_WEIGHT (a background patch inside a too-wide
	// mask is then a minority among the person's colours, while hair that fills the zone still counts as person); the
	// pixels flagged so far count with their colour's label; the flags grow by up to the window size per round
	const flag = scratch.u8(n);
	const deep = scratch.u8(n);
	const weight = scratch.f32(n);
	let first = null as ReturnType<typeof histogramPosterior> | null;
	for (let round = 0; round < CHECK_ROUNDS; round++) {
		roundSamples(flag, trimap, zone, deep, weight);
		// the last round's histograms are read below; earlier rounds' go back to the scratch pool (memory/scratch.ts)
		giveHistograms(first);
		first = histogramPosterior(index, PALETTE_SIZE, deep, w, h, checkR, query, weight);
		if (flagDisagreement(flag, trimap, zone, first.posterior, first.evidence, w, h) === 0) break;
	}
	const widened = widenUnknown(trimap, flag, zone, w, h);
	unknownOnly(trimap, query);
	// second pass on the widened trimap; its samples leave out the zone pixels whose colour disagrees with their label
	// (flagged pixels count with their colour's label: their colour decided the flag)
	const samples = secondSamples(trimap, zone, flag, first!.posterior, first!.evidence);
	giveHistograms(first);
	const second = histogramPosterior(index, PALETTE_SIZE, samples, w, h, histR, query);
	const pair = pairAlpha(planes, palette, second.hist, second.posterior, second.evidence, w, h, query);
	// second.posterior and .evidence are returned (scratch memory: the caller gives them back); its histograms are done
	giveHistograms(second.hist);
	scratch.give(flag, deep, weight);
	return { widened, posterior: second.posterior, evidence: second.evidence, pair };
}

// The loops of refineMatte's steps are small functions of their own: V8 optimises a small function with a long loop
// after one or two calls, while long loops inside one large function kept the first photos of a session 2–5x slower in
// the matting (`npm run bench -- --profile`: singleScale's own loops 60 ms per photo on photos 1–2, 8 ms later).
// The same rule holds in every matting file (guided-filter, foreground, two-scale, local-histogram, colour-model,
// colour-prior, pair-alpha, trimap): each long loop sits in a small function whose parameters are typed arrays and
// numbers, with no closures over mutable counters, no loops over arrays of planes and no destructuring in the hot path,
// and BoxFilter.sum takes Float32Array only. Before, V8 compiled the matting's functions ~280 times in their first 10
// calls (`node --trace-opt`, 413x531 crop: ~5 s of compile time on the 2-core machine, the matting needing ~10 calls
// to reach its steady time); after, ~200 compiles, ~1.8 s, steady by the 3rd–4th call. The results are identical
// (hashes of alpha, foreground and trimap, two-scale / closed-form / single-scale, on two portraits at two sizes).

/** Uint8Array [n]: 1 in the candidate zone or the unknown region (the colour check's query pixels). */
function zoneOrUnknown(zone: Uint8Array, trimap: Uint8Array): Uint8Array {
	const query = new Uint8Array(zone.length);
	for (let i = 0; i < query.length; i++) query[i] = zone[i] || trimap[i] === TRIMAP_UNKNOWN ? 1 : 0;
	return query;
}

/** query = 1 in the unknown region, 0 elsewhere (in place). */
function unknownOnly(trimap: Uint8Array, query: Uint8Array): void {
	for (let i = 0; i < query.length; i++) query[i] = trimap[i] === TRIMAP_UNKNOWN ? 1 : 0;
}

/**
 * Samples of a check round: flagged pixels count with their colour's label, others with their trimap label; weight
 * ZONE_SAMPLE_WEIGHT for unflagged candidate-zone pixels, 1 elsewhere (in place).
 */
function roundSamples(flag: Uint8Array, trimap: Uint8Array, zone: Uint8Array, deep: Uint8Array, weight: Float32Array): void {
	for (let i = 0; i < deep.length; i++) {
		deep[i] = !flag[i] ? trimap[i] : flag[i] === 1 ? TRIMAP_BACKGROUND : TRIMAP_FOREGROUND;
		weight[i] = zone[i] && !flag[i] ? ZONE_SAMPLE_WEIGHT : 1;
	}
}

/**
 * Samples of the second pass: the widened trimap, with flagged zone pixels labelled by their colour and the zone pixels
 * whose colour disagrees with their mask label (first pass) left out (TRIMAP_UNKNOWN).
 */
function secondSamples(trimap: Uint8Array, zone: Uint8Array, flag: Uint8Array, posterior: Float32Array, evidence: Float32Array): Uint8Array {
	const samples = new Uint8Array(trimap);
	for (let i = 0; i < samples.length; i++) {
		if (!zone[i]) continue;
		if (flag[i]) samples[i] = flag[i] === 1 ? TRIMAP_BACKGROUND : TRIMAP_FOREGROUND;
		else if (evidence[i] >= DISAGREE_EVIDENCE && (zone[i] === 1 ? posterior[i] < 0.5 : posterior[i] > 0.5)) samples[i] = TRIMAP_UNKNOWN;
	}
	return samples;
}

/** Uint8Array [n]: 1 where `coverage` >= 0.5 (inside the source photo). */
function validMask(coverage: Float32Array): Uint8Array {
	const valid = new Uint8Array(coverage.length);
	for (let i = 0; i < valid.length; i++) valid[i] = coverage[i] >= 0.5 ? 1 : 0;
	return valid;
}

/** Uint8Array [n]: 1 where `coarse` >= 0.5 and (without coverage, or) coverage >= 0.5. */
function binaryMask(coarse: Float32Array, coverage: Float32Array | undefined): Uint8Array {
	const bin = new Uint8Array(coarse.length);
	if (coverage) for (let i = 0; i < bin.length; i++) bin[i] = coarse[i] >= 0.5 && coverage[i] >= 0.5 ? 1 : 0;
	else for (let i = 0; i < bin.length; i++) bin[i] = coarse[i] >= 0.5 ? 1 : 0;
	return bin;
}

/** Float32Array copy of a 0/1 mask. */
function toFloat(mask: Uint8Array): Float32Array {
	const out = new Float32Array(mask.length);
	for (let i = 0; i < out.length; i++) out[i] = mask[i];
	return out;
}

/** [x0, y0, x1, y1] (inclusive) of the TRIMAP_UNKNOWN pixels; x1 = -1 when there are none. */
function unknownBounds(trimap: Uint8Array, w: number, h: number): [number, number, number, number] {
	let x0 = w,
		y0 = h,
		x1 = -1,
		y1 = -1;
	for (let y = 0; y < h; y++) {
		const row = y * w;
		for (let x = 0; x < w; x++)
			if (trimap[row + x] === TRIMAP_UNKNOWN) {
				if (x < x0) x0 = x;
				if (x > x1) x1 = x;
				if (y < y0) y0 = y;
				if (y > y1) y1 = y;
			}
	}
	return [x0, y0, x1, y1];
}

/** A box of a w-wide plane: top-left (x0, y0), cw x ch px. */
interface PlaneBox {
	x0: number;
	y0: number;
	cw: number;
	ch: number;
	w: number;
}

/** The box of a plane (Float32Array or Uint8Array [h*w]), copied into `out` ([ch*cw], the same type); returns `out`. */
function cropInto<T extends Float32Array | Uint8Array>(plane: T, b: PlaneBox, out: T): T {
	for (let y = 0; y < b.ch; y++) {
		const s = (y + b.y0) * b.w + b.x0;
		out.set(plane.subarray(s, s + b.cw), y * b.cw);
	}
	return out;
}

/** The box of a Float32 plane, Float32Array [ch*cw], in scratch memory (memory/scratch.ts). */
const cropPlane = (plane: Float32Array, b: PlaneBox): Float32Array => cropInto(plane, b, scratch.f32(b.cw * b.ch));

/** The box of the coarse mask, 0 where coverage < 0.5 (scratch memory: memory/scratch.ts). */
function cropCoarse(coarse: Float32Array, coverage: Float32Array | undefined, b: PlaneBox): Float32Array {
	const out = scratch.f32(b.cw * b.ch);
	for (let y = 0; y < b.ch; y++)
		for (let x = 0; x < b.cw; x++) {
			const s = (y + b.y0) * b.w + (x + b.x0);
			out[y * b.cw + x] = coverage && coverage[s] < 0.5 ? 0 : coarse[s];
		}
	return out;
}

/**
 * alpha (full plane) = `q` (box plane) at the TRIMAP_UNKNOWN pixels, clamped to [lo, hi] (box planes) when given,
 * then to [0, 1].
 */
function writeBandAlpha(alpha: Float32Array, trimap: Uint8Array, q: Float32Array, lo: Float32Array | null, hi: Float32Array | null, b: PlaneBox): void {
	for (let y = 0; y < b.ch; y++)
		for (let x = 0; x < b.cw; x++) {
			const s = (y + b.y0) * b.w + (x + b.x0);
			if (trimap[s] === TRIMAP_UNKNOWN) {
				const d = y * b.cw + x;
				const v = lo && hi ? Math.min(hi[d], Math.max(lo[d], q[d])) : q[d];
				alpha[s] = v < 0 ? 0 : v > 1 ? 1 : v;
			}
		}
}

/** Uint8Array [h*w]: the TRIMAP_UNKNOWN pixels and their 4-neighbours (foreground estimation's active pixels). */
function bandAndNeighbours(trimap: Uint8Array, w: number, h: number): Uint8Array {
	const active = new Uint8Array(w * h);
	for (let y = 0; y < h; y++)
		for (let x = 0; x < w; x++) {
			const i = y * w + x;
			if (trimap[i] !== TRIMAP_UNKNOWN) continue;
			active[i] = 1;
			if (x > 0) active[i - 1] = 1;
			if (x < w - 1) active[i + 1] = 1;
			if (y > 0) active[i - w] = 1;
			if (y < h - 1) active[i + w] = 1;
		}
	return active;
}

/** R, G, B planes in [0,1] → RGBA 8-bit in `out` (rounded; alpha 255). */
function planesToRgba(planes: Float32Array[], out: Uint8ClampedArray): void {
	const [r, g, b] = planes;
	for (let i = 0; i < r.length; i++) {
		out[i * 4] = Math.round(r[i] * 255);
		out[i * 4 + 1] = Math.round(g[i] * 255);
		out[i * 4 + 2] = Math.round(b[i] * 255);
		out[i * 4 + 3] = 255;
	}
}

/** RGBA 8-bit -> three Float32Array [h*w] planes in [0,1], in scratch memory (memory/scratch.ts): the caller may give them back. */
export function toPlanes(image: RgbaImage): [Float32Array, Float32Array, Float32Array] {
	const n = image.width * image.height;
	const r = scratch.f32(n);
	const g = scratch.f32(n);
	const b = scratch.f32(n);
	const d = image.data;
	for (let i = 0; i < n; i++) {
		r[i] = d[i * 4] / 255;
		g[i] = d[i * 4 + 1] / 255;
		b[i] = d[i * 4 + 2] / 255;
	}
	return [r, g, b];
}

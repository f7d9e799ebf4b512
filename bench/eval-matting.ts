/**
 * Matting evaluation (`npm run eval:matting`): test images with a known answer, built from real portraits.
 *
 * 1. Known answer. For each portrait in ../shared/testdata/portraits (skipped with a message when the folder is
 *    absent) the app itself (analysePhoto + renderPhoto, spec eu-schengen-visa, DPI below) cuts the person out: its
 *    alpha A and foreground colours F on the output crop (W x H px) are taken as the true matte of a new image.
 * 2. Test images. The cut-out is composited, I = A·F + (1 − A)·B in 8-bit sRGB (the app's own compositing), over:
 *    - white #FFFFFF; dark grey #323232 (dark clothes and hair on a dark wall);
 *    - near-white #F5F5F5 behind a near-white shirt: below the chin line (the layout's predicted chin) every foreground
 *      colour is lightened to F' = 0.2 F + 0.8 · (240, 240, 240) (the whole torso, including hair over the shoulders,
 *      becomes near-white with a fifth of its texture; the face and the hair above the chin keep their colours);
 *      F' is the known foreground there;
 *    - saturated red #DC141E and blue #1E3CC8 (the halo cases);
 *    - brick: a procedural running-bond brick wall (bricks 0.6 x 0.22 inter-eye distances, per-brick colour jitter,
 *      per-pixel noise, light mortar joints), i.e. a textured background.
 *    Each test image is W x H px, passed to the app as a lossless PNG.
 * 3. The app runs end to end on each test image (same spec, background white) and its output frame is mapped back to
 *    the test image through the layout's inverse transform (bilinear sampling of the known A and F).
 * 4. Measures, per portrait and background:
 *    - alpha MAE over the whole output, and in the edge band: pixels within 3 px (Chebyshev) of a known alpha in
 *      (0.02, 0.98), i.e. max₇ₓ₇(A) > 0.02 and min₇ₓ₇(A) < 0.98;
 *    - colour: ΔE00 (CIEDE2000, compose/color.ts) of the app's output against the expected mix A·F + (1 − A)·white,
 *      mean and 95th percentile over the edge band (the halo measure: target mean ≤ 3 for red and blue);
 *    - old hue: output pixels outside the person (known A < 0.02, more than 3 px from the band) whose colour is more
 *      than ΔE00 3 away from white AND whose CIELAB hue angle lies within 30° of the old background's hue (red, blue
 *      and brick only; the target is 0).
 * Known limit of the construction: the known answer is the app's own cut-out, so where that cut-out is soft (haze of the
 * original background kept at fractional alpha) the test image holds the same haze over the new colour and the measure
 * asks the app to reproduce it. child-room's large errors were not such an artefact: its cut-out fills the frame (long
 * hair down both sides, background only in the top corners), and on the test images the analysis mask misses the side
 * hair, which the plain minimum of combinePersonMasks cut (refined alpha MAE against the known one on the red test
 * image 0.19 with the analysis mask, 0.02 with the crop mask alone); combinePersonMasks now lets the colour decide where
 * the two masks disagree (combine-masks.ts). A further floor of the construction: the test image is re-framed by the app
 * (resampled), and the known A and F are sampled bilinearly; with the known alpha and the app's own input colours
 * (output = I + (1 − A)(white − background); `--diagnose`) the band ΔE00 mean on red / blue is 0.3-0.6, so the rest is
 * the app's alpha.
 * Prints one table row per portrait and background, then the mean per background. Runtime: about 7 app runs per
 * portrait (a few minutes on two shared cores); `--dpi 300|600` (default 300: output 413x531 px; 600: 827x1063 px),
 * `--only <a,b,…>` (substrings of portrait file names), `--save <folder>` (writes each test image, the app's output, and maps of the band's ΔE00 and of the alpha error as PNG) and
 * `--single-scale` (every run, the known answer's included, mats with refineMatteSingleScale: the implementation before
 * the two-scale matting, for a side-by-side table), `--closed-form` (likewise with MatteOptions.closedForm),
 * `--fixed-known` (with --single-scale or --closed-form: the known answers are still made by the default matting, so
 * only the test runs differ; tried on 2026-11-29 with a colour-line alpha in the band, Bayesian-matting style with
 * the grid's F and B: red 4.24 → 4.26, blue 4.39 → 4.37, brick 6.66 → 6.77, so it was not kept),
 * `--work-ied <px>` (the test runs mat on a grid of factor floor(inter-eye distance / px) instead of WORK_IED_PX = 30;
 * with --fixed-known the known answers keep the default; tried on 2026-11-30 with 26, i.e. grid factor 4 instead of 3
 * on the 413x531 crop, 31 % less matting time in Node (97 → 67 ms): white 1.51 → 1.50, near-white+shirt 1.36 → 1.55,
 * red 4.20 → 4.58 with 93 old-hue px instead of 0, blue 4.23 → 4.24, brick 6.84 → 6.46, dark grey 8.12 → 7.86 (band
 * ΔE00 means); not kept, for the red old-hue px),
 * `--backgrounds <a,b,…>` (only these backgrounds: white, near-white+shirt, red, blue, brick, dark grey) and
 * `--diagnose` (per row, the band ΔE00 mean re-computed with the known alpha and the app's foreground, and with the app's
 * alpha and the known foreground: which of the two carries the error; and, on flat backgrounds, the floor: the known
 * alpha with the app's own input colours; the band's ΔE00 mean and alpha error split by the app's own trimap class
 * (background / band / foreground: whether the error lies where the app decided "definite" or inside its band) and by
 * the known alpha in bins, with the mean signed alpha error per bin). On 2026-11-30 (red) 77-93 % of the band px and
 * nearly all of the error lay inside the app's band, and the largest share came from nearly opaque px (known alpha
 * 0.75-0.98: about a quarter of the band, 0.9-2.9 of the ΔE00 mean) with small mean signed errors (−0.05 to +0.03): a
 * few hundredths of alpha on dark hair tint it by the old background's colour (or its complement) visibly.
 * Also tried then and not kept: projecting fractional band alpha onto the line between the grid's F and B at full
 * resolution (weighted by their separation and the residual): red / blue 4.20-4.43 / 4.52-4.65 against 4.24 / 4.39.
 * `--diagnose` also prints, on flat backgrounds, a colour-line oracle (colourLineOracle): a matte told the exact
 * background colour and which px are opaque, taking F from the nearest opaque px. On 2026-11-30 it scored red 3.99 /
 * blue 2.73 (child-room red 10.99, obama-congress red 4.76, biden-official red 3.95): the red target is out of reach of a
 * per-pixel colour model even with that knowledge, because the fractional px's foreground colour (a strand's, or the
 * known answer's haze of the original room) differs from the nearest opaque colour. Given the known F itself (blurred
 * over 5x5 px) instead, the same projection scores 0.88 / 0.71: the colour of fractional px is what a matte has to
 * know, i.e. a learned prior, which the project's models (MediaPipe: no matting or hair model,
 * ../shared/reference/model-conversion.md) do not give. The same day, re-running only the matting on the test images'
 * matte inputs against the default known answers (a scratch script, not kept), no variant moved the means far from
 * 4.23 / 4.36: grid factor 1: 4.16 / 4.25, 2: 4.21 / 4.20, 4: red 4.46; guided-filter ε 1e-3 to 1e-5 (grid and
 * refinement): 4.20-4.30 / 4.24-4.42; closed-form 4.10 / 4.84 (`--closed-form --fixed-known` agrees: see
 * MatteOptions.closedForm). Its 3.25 / 2.88 in the self-referenced table comes mostly from the known answer being made
 * the same way: consistency, not accuracy.
 *
 * `--speed [--reps N]`: instead of the table, the matting speed side by side, in one process, after SPEED_WARM_UP_CALLS
 * untimed calls of the app's matting, alternating: the app's
 * matting (refineMatte, two scales) and the single-scale matting at full resolution (refineMatteSingleScale, the
 * implementation before the two-scale one), on the exact matte inputs of real renders: obama-official.jpg scaled to
 * 3000x4000 (the `npm run bench` photo) framed at 1200x1600 px and at eu-schengen-visa 300 dpi (413x531 px). Prints
 * min and median wall time and process CPU time (user + system) per call; on a shared machine the CPU time is the
 * steadier measure. `--app-only`: the app's matting alone, as the app runs it (the single-scale calls take ~4 s each at
 * 1200x1600 and leave garbage and cold caches to the call after them). Until 2026-11-30 the timed calls included the
 * first, not yet compiled ones: 1200x1600 median 151-183 ms; with the warm-up calls, the same day and machine: median
 * 129 (alone) / 136 (alternating) ms, min 113-116.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createNodeInference, openPhotoNode } from '../src/cli/node-pipeline';
import { analysePhoto } from '../src/lib/pipeline/run/analyse';
import { renderPhoto, type Rendered } from '../src/lib/pipeline/run/render';
import { getSpec } from '../src/lib/specs';
import { deltaE2000, srgbToLab, type Lab } from '../src/lib/pipeline/compose/color';
import { applyAffine } from '../src/lib/pipeline/geometry';
import { maxFilter, minFilter } from '../src/lib/pipeline/matte/morphology';
import { refineMatte, refineMatteSingleScale, type MatteOptions } from '../src/lib/pipeline/matte/refine';
import type { RgbaImage } from '../src/lib/types';

const { values } = parseArgs({
	options: { dpi: { type: 'string', default: '300' }, only: { type: 'string' }, save: { type: 'string' }, speed: { type: 'boolean', default: false }, reps: { type: 'string', default: '7' }, 'single-scale': { type: 'boolean', default: false }, diagnose: { type: 'boolean', default: false }, backgrounds: { type: 'string' }, 'closed-form': { type: 'boolean', default: false }, 'fixed-known': { type: 'boolean', default: false }, 'work-ied': { type: 'string' }, 'app-only': { type: 'boolean', default: false } }
});
const DPI = Number(values.dpi) === 600 ? 600 : 300;
const ROOT = join(import.meta.dirname, '..');
const PORTRAITS = join(ROOT, '../shared/testdata/portraits');
if (!existsSync(PORTRAITS) && !values.speed) {
	console.log(`eval:matting skipped: ${PORTRAITS} is absent (the evaluation needs the shared test portraits).`);
	process.exit(0);
}
const files = (existsSync(PORTRAITS) ? readdirSync(PORTRAITS) : [])
	.filter((f) => /\.(jpe?g|png|webp)$/i.test(f) && (!values.only || values.only.split(',').some((o) => f.includes(o))))
	.sort();

const SPEC = getSpec('eu-schengen-visa');
const WHITE = '#ffffff';
const settings = { background: WHITE, headScale: 0, offsetXPx: 0, offsetY: 0, dpi: DPI as 300 | 600 };
const inference = createNodeInference();

type Rgb = [number, number, number];
interface Background {
	name: string;
	/** colour at output pixel (x, y) */
	at: (x: number, y: number) => Rgb;
	/** hue checked for leftovers (CIELAB), or null */
	hue: Lab | null;
	lightShirt?: boolean;
}

/** Deterministic hash noise in [0, 1). */
const hash = (x: number, y: number) => {
	let h = (x * 374761393 + y * 668265263) | 0;
	h = Math.imul(h ^ (h >>> 13), 1274126177);
	return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
};

function brickAt(ied: number): (x: number, y: number) => Rgb {
	const bw = Math.max(8, Math.round(0.6 * ied));
	const bh = Math.max(4, Math.round(0.22 * ied));
	const joint = Math.max(1, Math.round(bh / 8));
	return (x, y) => {
		const row = Math.floor(y / bh);
		const xs = x + (row % 2 ? bw / 2 : 0);
		const col = Math.floor(xs / bw);
		const n = (hash(x, y) - 0.5) * 16;
		if (y % bh < joint || xs % bw < joint) return [200 + n, 195 + n, 185 + n];
		const j = (hash(col, row) - 0.5) * 40;
		return [150 + j + n, 62 + j / 2 + n, 45 + j / 3 + n];
	};
}

const flat = (c: Rgb) => () => c;
const labOf = (c: Rgb) => srgbToLab(c[0], c[1], c[2]);

/** Runs the app on an image (bytes), returning the render and the matte stage's result. */
async function runApp(bytes: Uint8Array, variant = true) {
	const photo = await openPhotoNode(bytes);
	const analysis = await analysePhoto(photo.work, photo.scale, inference);
	let matte: { alpha: Float32Array; foreground: RgbaImage; trimap: Uint8Array } | null = null;
	let input: { image: RgbaImage } | null = null;
	const r = await renderPhoto(analysis, photo.source, SPEC, settings, {
		onMatte: (inp, result) => ((matte = result), (input = inp)),
		matte: !variant
			? refineMatte
			: values['single-scale']
				? refineMatteSingleScale
				: values['closed-form']
					? (im, c, o) => refineMatte(im, c, { ...o, closedForm: true })
					: values['work-ied']
						? (im, c, o) => refineMatte(im, c, { ...o, scaleFactor: Math.max(1, Math.floor(o.interEyeDistancePx / Number(values['work-ied']))) })
						: refineMatte
	});
	return { r, matte: matte!, input: input!, analysisTimings: analysis.timings };
}

const bilinear = (plane: ArrayLike<number>, w: number, h: number, stride: number, off: number, x: number, y: number) => {
	const u = Math.min(w - 1, Math.max(0, x - 0.5));
	const v = Math.min(h - 1, Math.max(0, y - 0.5));
	const x0 = Math.floor(u);
	const y0 = Math.floor(v);
	const x1 = Math.min(w - 1, x0 + 1);
	const y1 = Math.min(h - 1, y0 + 1);
	const fx = u - x0;
	const fy = v - y0;
	const g = (xx: number, yy: number) => plane[(yy * w + xx) * stride + off];
	return (g(x0, y0) * (1 - fx) + g(x1, y0) * fx) * (1 - fy) + (g(x0, y1) * (1 - fx) + g(x1, y1) * fx) * fy;
};

/** Known alpha at or above this counts as opaque for the colour-line oracle (`--diagnose`). */
const ORACLE_OPAQUE = 0.97;
/** Search radii (px) of the colour-line oracle for opaque pixels around a band pixel, smallest first. */
const ORACLE_RADII = [1, 2, 4, 8, 16, 32];

/**
 * `--diagnose`'s colour-line oracle at output pixel (x, y): a matte that is told the exact (flat) background colour `bg`
 * and which pixels are opaque (known alpha ≥ ORACLE_OPAQUE, `knownA` [h*w], NaN beyond the test image), takes the
 * foreground colour F as the mean input colour of the opaque pixels in the smallest window of ORACLE_RADII that holds
 * any, and alpha as the projection of the input colour onto the line from `bg` to F (Bayesian / colour-line matting
 * with perfect background knowledge). Returns the output over white, I + (1 − α)(white − bg), 8-bit RGB. It bounds
 * what a per-pixel colour model can reach on these known answers: the app does not know which pixels are opaque.
 */
function colourLineOracle(x: number, y: number, w: number, h: number, knownA: Float32Array, input: Uint8ClampedArray, bg: Rgb): Rgb {
	const i = (y * w + x) * 4;
	let alpha = 0;
	for (const r of ORACLE_RADII) {
		let f0 = 0,
			f1 = 0,
			f2 = 0,
			n = 0;
		for (let yy = Math.max(0, y - r); yy <= Math.min(h - 1, y + r); yy++)
			for (let xx = Math.max(0, x - r); xx <= Math.min(w - 1, x + r); xx++) {
				const j = yy * w + xx;
				if (!(knownA[j] >= ORACLE_OPAQUE)) continue;
				f0 += input[j * 4];
				f1 += input[j * 4 + 1];
				f2 += input[j * 4 + 2];
				n++;
			}
		if (n === 0) continue;
		const d: Rgb = [f0 / n - bg[0], f1 / n - bg[1], f2 / n - bg[2]];
		const den = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
		const num = (input[i] - bg[0]) * d[0] + (input[i + 1] - bg[1]) * d[1] + (input[i + 2] - bg[2]) * d[2];
		alpha = den > 0 ? Math.max(0, Math.min(1, num / den)) : 0;
		break;
	}
	return [0, 1, 2].map((c) => Math.max(0, Math.min(255, Math.round(input[i + c] + (1 - alpha) * (255 - bg[c]))))) as Rgb;
}

/** Untimed calls of the app's matting before `--speed` times it (the first calls run before V8 has compiled it). */
const SPEED_WARM_UP_CALLS = 6;

/** Matting speed side by side (see `--speed` in the file comment). */
async function speedBenchmark(): Promise<void> {
	const file = join(PORTRAITS, 'obama-official.jpg');
	const photoBytes = existsSync(file) ? readFileSync(file) : readFileSync(join(ROOT, 'tests/fixtures/astronaut.png'));
	const bytes = new Uint8Array(await sharp(photoBytes).resize(3000, 4000, { fit: 'cover' }).jpeg({ quality: 90 }).toBuffer());
	const photo = await openPhotoNode(bytes);
	const analysis = await analysePhoto(photo.work, photo.scale, inference);
	const big = { ...SPEC, id: 'speed-1200x1600', digital: { widthPx: 1200, heightPx: 1600 } } as typeof SPEC;
	const reps = Math.max(1, Number(values.reps));
	console.log(`matting speed, ${existsSync(file) ? 'obama-official.jpg' : 'astronaut.png'} at 3000x4000, ${reps} calls each${values['app-only'] ? '' : ', alternating'}, after ${SPEED_WARM_UP_CALLS} untimed calls:\n`);
	const rowsOut: string[][] = [];
	// the matte inputs of both crops first; the model sessions are not needed for the timed calls and are released
	const crops: { label: string; input: { image: RgbaImage; coarse: Float32Array; options: MatteOptions } }[] = [];
	for (const [label, spec] of [
		['1200x1600', big],
		['413x531 (eu-schengen-visa 300 dpi)', SPEC]
	] as const) {
		let input: { image: RgbaImage; coarse: Float32Array; options: MatteOptions } | null = null;
		await renderPhoto(analysis, photo.source, spec, { ...settings, dpi: 300 }, { onMatte: (i) => (input = i) });
		crops.push({ label, input: input! });
	}
	await inference.dispose();
	for (const { label, input: inp } of crops) {
		const impls = (
			[
				['two-scale (refineMatte)', refineMatte],
				['single-scale (refineMatteSingleScale)', refineMatteSingleScale]
			] as const
		).slice(0, values['app-only'] ? 1 : 2);
		const wall: number[][] = [[], []];
		const cpu: number[][] = [[], []];
		const alphas: Float32Array[] = [];
		let factor = 1;
		// untimed calls first, as the app's warm-up makes them (warm-up.ts): V8 compiles the matting over its first
		// calls (at 1200x1600 about 800, 590, 220, 200 ms, then 100-150 ms on this machine)
		for (let k = 0; k < SPEED_WARM_UP_CALLS; k++) refineMatte(inp.image, inp.coarse, inp.options);
		for (let k = 0; k < reps; k++)
			for (let m = 0; m < impls.length; m++) {
				const c0 = process.cpuUsage();
				const t = performance.now();
				const res = impls[m][1](inp.image, inp.coarse, inp.options);
				wall[m].push(performance.now() - t);
				const c = process.cpuUsage(c0);
				cpu[m].push((c.user + c.system) / 1000);
				alphas[m] = res.alpha;
				if (m === 0) factor = res.scaleFactor;
			}
		let d = 0;
		if (alphas[1]) for (let i = 0; i < alphas[0].length; i++) d += Math.abs(alphas[0][i] - alphas[1][i]);
		const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
		for (let m = 0; m < impls.length; m++)
			rowsOut.push([label, impls[m][0] + (m === 0 ? ` s=${factor}` : ''), Math.min(...wall[m]).toFixed(0), med(wall[m]).toFixed(0), Math.min(...cpu[m]).toFixed(0), med(cpu[m]).toFixed(0), m === 0 && alphas[1] ? (d / alphas[0].length).toFixed(4) : '']);
	}
	const head = ['crop', 'matting', 'wall min ms', 'wall median ms', 'CPU min ms', 'CPU median ms', 'α MAE vs single'];
	const wid = head.map((h, i) => Math.max(h.length, ...rowsOut.map((r) => r[i].length)));
	const line = (r: string[]) => '| ' + r.map((c, i) => (i < 2 ? c.padEnd(wid[i]) : c.padStart(wid[i]))).join(' | ') + ' |';
	console.log(line(head));
	console.log('|' + wid.map((x, i) => '-'.repeat(x + 1) + (i < 2 ? '-' : ':')).join('|') + '|');
	for (const r of rowsOut) console.log(line(r));
}

interface Row {
	portrait: string;
	background: string;
	maeAll: number;
	maeBand: number;
	dEMean: number;
	dEP95: number;
	oldHue: number | null;
	matteMs: number;
	/** `--diagnose`, flat backgrounds: band ΔE00 mean of the colour-line oracle (colourLineOracle). */
	oracle?: number;
}

if (values.speed) {
	await speedBenchmark();
	process.exit(0);
}

const rows: Row[] = [];
const t0 = performance.now();
for (const file of files) {
	const name = file.replace(/\.[^.]+$/, '');
	let base: Awaited<ReturnType<typeof runApp>>;
	try {
		base = await runApp(new Uint8Array(await sharp(join(PORTRAITS, file)).toBuffer()), !values['fixed-known']);
	} catch (e) {
		console.log(`${file}: the app could not cut this portrait out (${(e as Error).message}); skipped`);
		continue;
	}
	const W = base.r.target.outWidthPx;
	const H = base.r.target.outHeightPx;
	const A = base.matte.alpha;
	const F0 = base.matte.foreground.data;
	const ied = base.r.head.interEyeDistancePx * base.r.layout.scale;
	const shirtY = base.r.guides.chinYPx;
	const backgrounds: Background[] = [
		{ name: 'white', at: flat([255, 255, 255]), hue: null },
		{ name: 'near-white+shirt', at: flat([245, 245, 245]), hue: null, lightShirt: true },
		{ name: 'red', at: flat([220, 20, 30]), hue: labOf([220, 20, 30]) },
		{ name: 'blue', at: flat([30, 60, 200]), hue: labOf([30, 60, 200]) },
		{ name: 'brick', at: brickAt(ied), hue: labOf([150, 62, 45]) },
		{ name: 'dark grey', at: flat([50, 50, 50]), hue: null }
	];
	// edge band of the known alpha (see the file comment)
	const hi = maxFilter(A, W, H, 3);
	const lo = minFilter(A, W, H, 3);
	for (const bg of backgrounds.filter((b) => !values.backgrounds || values.backgrounds.split(',').includes(b.name))) {
		// known foreground for this case
		const F = new Uint8ClampedArray(F0);
		if (bg.lightShirt)
			for (let y = Math.max(0, Math.ceil(shirtY)); y < H; y++)
				for (let x = 0; x < W; x++) {
					const k = (y * W + x) * 4;
					for (let c = 0; c < 3; c++) F[k + c] = 0.2 * F[k + c] + 0.8 * 240;
				}
		const img = Buffer.alloc(W * H * 3);
		for (let y = 0; y < H; y++)
			for (let x = 0; x < W; x++) {
				const i = y * W + x;
				const b = bg.at(x, y);
				for (let c = 0; c < 3; c++) img[i * 3 + c] = Math.round(A[i] * F[i * 4 + c] + (1 - A[i]) * Math.max(0, Math.min(255, b[c])));
			}
		const png = new Uint8Array(await sharp(img, { raw: { width: W, height: H, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer());
		let run: Awaited<ReturnType<typeof runApp>>;
		try {
			run = await runApp(png);
		} catch (e) {
			console.log(`${name} on ${bg.name}: the app failed (${(e as Error).message})`);
			rows.push({ portrait: name, background: bg.name, maeAll: NaN, maeBand: NaN, dEMean: NaN, dEP95: NaN, oldHue: null, matteMs: NaN });
			continue;
		}
		const { r } = run;
		if (values.save) {
			mkdirSync(values.save, { recursive: true });
			await writeFile(join(values.save, `${name}.${bg.name}.in.png`), png);
			await sharp(Buffer.from(r.image.data), { raw: { width: r.image.width, height: r.image.height, channels: 4 } }).png().toFile(join(values.save, `${name}.${bg.name}.out.png`));
		}
		const W2 = r.target.outWidthPx;
		const H2 = r.target.outHeightPx;
		const out = r.image.data;
		let sAll = 0,
			nAll = 0,
			sBand = 0,
			nBand = 0,
			oldHue = 0;
		const dEs: number[] = [];
		// --save: per-pixel maps of the band's ΔE00 (grey level 10 per unit, 255 = 25.5 or more) and of the alpha error
		// (red: the app's alpha above the known one, green: below it, 255 = 0.5 or more)
		const dEMap = values.save ? Buffer.alloc(W2 * H2) : null;
		const aMap = values.save ? Buffer.alloc(W2 * H2 * 3) : null;
		// --diagnose: the same band measure with the known alpha and the app's foreground, and with the app's alpha and
		// the known foreground (which of the two carries the error)
		const dEKnownA: number[] = [];
		const dEKnownF: number[] = [];
		const dEFloor: number[] = [];
		// --diagnose: the band's ΔE00 sum and alpha-error sum split by the app's own trimap class at that pixel (0
		// background, 128 unknown band, 255 foreground, 1 outside the source): is the error where the app decided
		// "definite" or inside its band?
		const byClass = new Map<number, { n: number; dE: number; dA: number; over: number }>();
		const appTrimap = run.matte.trimap;
		// --diagnose: the same split by the known alpha (bins < 0.02, < 0.25, < 0.5, < 0.75, < 0.98, ≥ 0.98), with the
		// mean signed alpha error (app − known) per bin
		const ALPHA_BINS = [0.02, 0.25, 0.5, 0.75, 0.98, Infinity];
		const byBin = ALPHA_BINS.map(() => ({ n: 0, dE: 0, signed: 0 }));
		const appF = run.matte.foreground.data;
		const appI = run.input.image.data;
		const flatBg = bg.at(0, 0);
		const white: Lab = { L: 100, a: 0, b: 0 };
		const hueOf = (l: Lab) => Math.atan2(l.b, l.a);
		// --diagnose on flat backgrounds: the known alpha in the output frame (NaN beyond the test image), for the oracle
		const knownOut = values.diagnose && bg.name !== 'brick' ? new Float32Array(W2 * H2).fill(NaN) : null;
		if (knownOut)
			for (let y = 0; y < H2; y++)
				for (let x = 0; x < W2; x++) {
					const q = applyAffine(r.layout.inverse, { x: x + 0.5, y: y + 0.5 });
					if (!(q.x < 0 || q.y < 0 || q.x > W || q.y > H)) knownOut[y * W2 + x] = bilinear(A, W, H, 1, 0, q.x, q.y);
				}
		const dEOracle: number[] = [];
		for (let y = 0; y < H2; y++)
			for (let x = 0; x < W2; x++) {
				const q = applyAffine(r.layout.inverse, { x: x + 0.5, y: y + 0.5 });
				if (q.x < 0 || q.y < 0 || q.x > W || q.y > H) continue; // beyond the test image: no known answer
				const i = y * W2 + x;
				const a = bilinear(A, W, H, 1, 0, q.x, q.y);
				const err = Math.abs(r.alpha[i] - a);
				if (aMap) aMap[i * 3 + (r.alpha[i] > a ? 0 : 1)] = Math.min(255, Math.round(err * 510));
				sAll += err;
				nAll++;
				const inBand = bilinear(hi, W, H, 1, 0, q.x, q.y) > 0.02 && bilinear(lo, W, H, 1, 0, q.x, q.y) < 0.98;
				const o: Rgb = [out[i * 4], out[i * 4 + 1], out[i * 4 + 2]];
				if (inBand) {
					sBand += err;
					nBand++;
					const e: Rgb = [0, 1, 2].map((c) => a * bilinear(F, W, H, 4, c, q.x, q.y) + (1 - a) * 255) as Rgb;
					const dE = deltaE2000(labOf(o), labOf(e));
					dEs.push(dE);
					if (dEMap) dEMap[i] = Math.min(255, Math.round(dE * 10));
					if (values.diagnose) {
						const ra = r.alpha[i];
						const kF = [0, 1, 2].map((c) => bilinear(F, W, H, 4, c, q.x, q.y));
						const v1 = [0, 1, 2].map((c) => Math.round(a * appF[i * 4 + c] + (1 - a) * 255)) as Rgb;
						const v2 = [0, 1, 2].map((c) => Math.round(ra * kF[c] + (1 - ra) * 255)) as Rgb;
						dEKnownA.push(deltaE2000(labOf(v1), labOf(e)));
						dEKnownF.push(deltaE2000(labOf(v2), labOf(e)));
						// floor: the known alpha with the app's input colours, I + (1 − A)(white − background) (flat backgrounds)
						const v3 = [0, 1, 2].map((c) => Math.max(0, Math.min(255, Math.round(appI[i * 4 + c] + (1 - a) * (255 - flatBg[c]))))) as Rgb;
						dEFloor.push(deltaE2000(labOf(v3), labOf(e)));
						if (knownOut) dEOracle.push(deltaE2000(labOf(colourLineOracle(x, y, W2, H2, knownOut, appI, flatBg)), labOf(e)));
						const cls = appTrimap[i];
						const acc = byClass.get(cls) ?? { n: 0, dE: 0, dA: 0, over: 0 };
						acc.n++;
						acc.dE += dE;
						acc.dA += err;
						if (ra > a) acc.over += ra - a;
						byClass.set(cls, acc);
						const bin = byBin[ALPHA_BINS.findIndex((t) => a < t)];
						bin.n++;
						bin.dE += dE;
						bin.signed += ra - a;
					}
				} else if (bg.hue && a < 0.02) {
					const lab = labOf(o);
					if (deltaE2000(lab, white) > 3) {
						let d = Math.abs(hueOf(lab) - hueOf(bg.hue));
						if (d > Math.PI) d = 2 * Math.PI - d;
						if (d < Math.PI / 6) oldHue++;
					}
				}
			}
		if (dEMap && aMap && values.save) {
			await sharp(dEMap, { raw: { width: W2, height: H2, channels: 1 } }).png().toFile(join(values.save, `${name}.${bg.name}.dE.png`));
			await sharp(aMap, { raw: { width: W2, height: H2, channels: 3 } }).png().toFile(join(values.save, `${name}.${bg.name}.alpha-error.png`));
		}
		dEs.sort((p, q) => p - q);
		const row: Row = {
			portrait: name,
			background: bg.name,
			maeAll: sAll / nAll,
			maeBand: sBand / Math.max(1, nBand),
			dEMean: dEs.reduce((p, q) => p + q, 0) / Math.max(1, dEs.length),
			dEP95: dEs.length ? dEs[Math.floor(0.95 * (dEs.length - 1))] : NaN,
			oldHue: bg.hue ? oldHue : null,
			matteMs: r.timings.matte
		};
		if (dEOracle.length) row.oracle = dEOracle.reduce((p, q) => p + q, 0) / dEOracle.length;
		rows.push(row);
		if (values.diagnose) {
			const m = (xs: number[]) => xs.reduce((p, q) => p + q, 0) / Math.max(1, xs.length);
			const nb = Math.max(1, dEs.length);
			const classes = [...byClass.entries()].sort((p, q) => p[0] - q[0]).map(([c, v]) => `${({ 0: 'bg', 1: 'outside', 128: 'band', 255: 'fg' } as Record<number, string>)[c] ?? c} ${((100 * v.n) / nb).toFixed(0)} % of px: ΔE00 ${(v.dE / nb).toFixed(2)} of the mean, |Δα| ${(v.dA / nb).toFixed(3)} (α too high ${(v.over / nb).toFixed(3)})`);
			console.log(`  diagnose ${name} / ${bg.name}: by the app's trimap class: ${classes.join('; ')}`);
			const bins = byBin.map((v, k) => `${k === 0 ? '<' : k === ALPHA_BINS.length - 1 ? '≥' : `${ALPHA_BINS[k - 1]}–`}${k === ALPHA_BINS.length - 1 ? ALPHA_BINS[k - 1] : ALPHA_BINS[k]} ${((100 * v.n) / nb).toFixed(0)} %: ΔE00 ${(v.dE / nb).toFixed(2)}, α ${v.n ? (v.signed / v.n >= 0 ? '+' : '') + (v.signed / v.n).toFixed(3) : '—'}`);
			console.log(`  diagnose ${name} / ${bg.name}: by the known alpha (share of band px: share of the ΔE00 mean, mean app − known α): ${bins.join('; ')}`);
			console.log(`  diagnose ${name} / ${bg.name}: ΔE00 band mean with known α + app F ${m(dEKnownA).toFixed(2)}, app α + known F ${m(dEKnownF).toFixed(2)}${bg.name === 'brick' ? '' : `, floor (known α + app input) ${m(dEFloor).toFixed(2)}, colour-line oracle ${m(dEOracle).toFixed(2)}`}`);
		}
		if (process.env.EVAL_VERBOSE) console.log(JSON.stringify({ ...run.analysisTimings, ...r.timings }, (_k, v) => (typeof v === 'number' ? Math.round(v) : v)));
		console.log(`${name} / ${bg.name}: alpha MAE ${row.maeAll.toFixed(4)} (band ${row.maeBand.toFixed(3)}), ΔE00 band mean ${row.dEMean.toFixed(2)} p95 ${row.dEP95.toFixed(2)}${bg.hue ? `, old-hue px ${oldHue}` : ''}, matte ${row.matteMs.toFixed(0)} ms`);
	}
}
await inference.dispose();

const f = (v: number, d: number) => (Number.isFinite(v) ? v.toFixed(d) : '—');
const head = ['portrait', 'background', 'α MAE', 'α MAE band', 'ΔE00 band mean', 'ΔE00 band p95', 'old-hue px', 'matte ms'];
const table = rows.map((r) => [r.portrait, r.background, f(r.maeAll, 4), f(r.maeBand, 3), f(r.dEMean, 2), f(r.dEP95, 2), r.oldHue === null ? '' : String(r.oldHue), f(r.matteMs, 0)]);
const names = [...new Set(rows.map((r) => r.background))];
const mean = (xs: number[]) => xs.filter(Number.isFinite).reduce((p, q) => p + q, 0) / Math.max(1, xs.filter(Number.isFinite).length);
for (const b of names) {
	const rs = rows.filter((r) => r.background === b);
	const hues = rs.map((r) => r.oldHue).filter((v): v is number => v !== null);
	table.push(['MEAN', b, f(mean(rs.map((r) => r.maeAll)), 4), f(mean(rs.map((r) => r.maeBand)), 3), f(mean(rs.map((r) => r.dEMean)), 2), f(mean(rs.map((r) => r.dEP95)), 2), hues.length ? String(hues.reduce((p, q) => p + q, 0)) + ' (sum)' : '', f(mean(rs.map((r) => r.matteMs)), 0)]);
}
const wid = head.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const line = (r: string[]) => '| ' + r.map((c, i) => (i < 2 ? c.padEnd(wid[i]) : c.padStart(wid[i]))).join(' | ') + ' |';
console.log(`\nMatting (${values['single-scale'] ? 'single-scale, refineMatteSingleScale' : values['closed-form'] ? 'two-scale, refineMatte with closedForm' : 'two-scale, refineMatte'}) on known-answer composites (${SPEC.id} at ${DPI} dpi, output re-composited on white), ${((performance.now() - t0) / 1000).toFixed(0)} s:\n`);
console.log(line(head));
console.log('|' + wid.map((x, i) => '-'.repeat(x + 1) + (i < 2 ? '-' : ':')).join('|') + '|');
for (const r of table) console.log(line(r));
if (values.diagnose)
	for (const b of names) {
		const o = rows.filter((r) => r.background === b && r.oracle !== undefined).map((r) => r.oracle!);
		if (o.length) console.log(`\nColour-line oracle (exact background colour, known opaque px), ${b}: band ΔE00 mean ${f(mean(o), 2)} over ${o.length} portraits.`);
	}
console.log('\nTargets (issue 5): halo ΔE00 band mean ≤ 3 on red and blue; old-hue px = 0. "band" = within 3 px of a fractional known alpha.');

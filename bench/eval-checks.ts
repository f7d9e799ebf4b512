/**
 * Evaluation of the photo-quality checks (issue 4): `npm run eval:checks`.
 *
 * 1. Clean versions: each portrait of ../shared/testdata/portraits (and tests/fixtures/astronaut.png) goes through the
 *    app's own processing (analysePhoto + renderPhoto for us-passport, new plain background, head framed), at a
 *    print resolution chosen so the face is not enlarged (output inter-eye distance ≈ 0.95 × the source's; at least
 *    100 dpi, the smallest printable size, which enlarges astronaut.png's small face).
 * 2. Defective versions: ONE known defect each (bench/eval/defects.ts), see bench/eval/truth.ts for the checks
 *    responsible for each.
 * 3. Every version is encoded as JPEG (quality 92; the heavy-JPEG defect 8), decoded, analysed by the real pipeline
 *    (in-process onnxruntime-web WASM, as the CLI) and assessed by assessQuality with us-passport's rules; the
 *    finished-photo geometry checks (measureReport) run on it too.
 * 4. Printed: per defect class caught / missed (caught = a responsible check is warn or fail); per check the defects it
 *    caught and its false alarms on the clean versions (raw, and without the problems the portraits genuinely have);
 *    totals; assessQuality time per photo.
 *
 *   npm run eval:checks                  # analyses cached under $TMPDIR/idphoto-eval-cache (keyed by file and models)
 *   npm run eval:checks -- --no-cache    # re-run every analysis
 *   npm run eval:checks -- --json out.json      # every version's statuses and values
 *   npm run eval:checks -- --dump dir/          # also writes every version's JPEG there, for inspection
 *
 * Without ../shared/testdata/portraits it prints a message and exits 0.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createNodeInference, MODEL_DIR, openPhotoNode } from '../src/cli/node-pipeline';
import { analysePhoto, toOriginal, type Analysis } from '../src/lib/pipeline/run/analyse';
import { renderPhoto } from '../src/lib/pipeline/run/render';
import { assessAnalysis, measureReport } from '../src/lib/pipeline/run/report';
import { targetFor } from '../src/lib/pipeline/run/target';
import { computeLayout, measureHead } from '../src/lib/pipeline/geometry';
import { parseHex } from '../src/lib/pipeline/compose/hex';
import { getSpec } from '../src/lib/specs';
import type { QualityReport } from '../src/lib/quality';
import type { OpenedPhoto } from '../src/lib/pipeline/run/photo';
import type { FaceDetection, FaceLandmarks, PersonMask, RgbaImage } from '../src/lib/types';
import * as D from './eval/defects';
import { GENUINE, RESPONSIBLE, type DefectClass } from './eval/truth';

const ROOT = join(import.meta.dirname, '..');
const PORTRAITS = join(ROOT, '../shared/testdata/portraits');
const ASTRONAUT = join(ROOT, 'tests/fixtures/astronaut.png');
/**
 * us-passport: 2x2 in, head 50-69 % of the height with the hair (crown-to-chin), white or off-white background: a
 * framing with background visible beside and above the head, as in most input photos (the 35x45 mm framings leave
 * almost none, so background defects could not show).
 */
const SPEC = getSpec('us-passport');
/** Geometry checks of the finished photo that the evaluation reports (responsible for the tight crop). */
const GEOMETRY_IDS = ['head-height', 'top-margin'];

const { values: args } = parseArgs({ options: { 'no-cache': { type: 'boolean' }, json: { type: 'string' }, dump: { type: 'string' } } });

if (!existsSync(PORTRAITS)) {
	console.log(`eval:checks: ${PORTRAITS} is absent; the evaluation needs the shared test portraits. Nothing to do.`);
	process.exit(0);
}

// ---------------------------------------------------------------- analysis cache

/** What assessQuality and measureReport need from an analysis (the working copy is decoded again). */
interface CachedAnalysis {
	faces: FaceDetection[];
	landmarks: { points: number[]; irisCenters: FaceLandmarks['irisCenters']; faceFlag: number };
	mask: { width: number; height: number; box: PersonMask['box']; data: string };
	crown: Analysis['crown'];
	warnings: string[];
	scale: number;
}

const CACHE_DIR = join(tmpdir(), 'idphoto-eval-cache');
/** Models change → cache invalid: the key includes every model file's size and mtime. */
const MODELS_STAMP = createHash('sha256')
	.update(
		readdirSync(MODEL_DIR)
			.sort()
			.map((f) => {
				const s = statSync(join(MODEL_DIR, f));
				return `${f}:${s.size}:${s.mtimeMs}`;
			})
			.join('|')
	)
	.digest('hex')
	.slice(0, 16);

function pack(a: Analysis): CachedAnalysis {
	const m = a.mask;
	return {
		faces: a.faces,
		landmarks: { points: Array.from(a.landmarks.points), irisCenters: a.landmarks.irisCenters, faceFlag: a.landmarks.faceFlag },
		mask: { width: m.width, height: m.height, box: m.box, data: Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength).toString('base64') },
		crown: a.crown,
		warnings: a.warnings,
		scale: a.scale
	};
}

function unpack(c: CachedAnalysis, work: RgbaImage): Analysis {
	const buf = Buffer.from(c.mask.data, 'base64');
	const landmarks: FaceLandmarks = { points: Float32Array.from(c.landmarks.points), irisCenters: c.landmarks.irisCenters, faceFlag: c.landmarks.faceFlag };
	return {
		work,
		scale: c.scale,
		faces: c.faces,
		face: c.faces[0],
		landmarks,
		mask: { width: c.mask.width, height: c.mask.height, box: c.mask.box, data: new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)) },
		crown: c.crown,
		portrait: null,
		warnings: c.warnings,
		timings: {}
	};
}

const inference = createNodeInference(1);
let analysed = 0;
let fromCache = 0;

/** Analysis of `photo` (encoded as `bytes`), from the cache when the same bytes were analysed with the same models. */
async function analyse(bytes: Uint8Array, photo: OpenedPhoto, needPortrait = false): Promise<Analysis> {
	const key = createHash('sha256').update(bytes).update(MODELS_STAMP).digest('hex');
	const file = join(CACHE_DIR, `${key}.json`);
	if (!needPortrait && !args['no-cache'] && existsSync(file)) {
		fromCache++;
		return unpack(JSON.parse(readFileSync(file, 'utf8')), photo.work);
	}
	const a = await analysePhoto(photo.work, photo.scale, inference);
	analysed++;
	mkdirSync(CACHE_DIR, { recursive: true });
	writeFileSync(file, JSON.stringify(pack(a)));
	return a;
}

// ---------------------------------------------------------------- evaluation set

interface Variant {
	base: string;
	defect: DefectClass | 'clean';
	/** Status per check id ('geometry:<id>' for the finished-photo checks); absent when the analysis refused the photo. */
	status: Record<string, string>;
	value: Record<string, number | null>;
	/** assessQuality wall time, ms. */
	ms: number | null;
	modules: QualityReport['timings'] | null;
	/** Analysis refused the photo (e.g. no face found): the app tells the user instead of checking it. */
	refused: string | null;
}

const files = [...new Map([ASTRONAUT, ...readdirSync(PORTRAITS).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).map((f) => join(PORTRAITS, f))].map((f) => [basename(f), f])).values()].sort(
	(a, b) => basename(a).localeCompare(basename(b))
);
const BACKGROUNDS = SPEC.background.allowed.map((c) => c.hex);

interface Clean {
	name: string;
	photo: D.CleanPhoto;
	/** Inter-eye distance in the source and in the clean photo (its own analysis), px. */
	sourceIed: number;
	cleanIed: number;
}

/** The app's finished photo of `file`, framed without enlarging the face (see the file comment). */
async function makeClean(file: string, index: number): Promise<Clean> {
	const bytes = new Uint8Array(readFileSync(file));
	const photo = await openPhotoNode(bytes);
	const analysis = await analyse(bytes, photo, true);
	const { landmarks, mask, crown } = toOriginal(analysis);
	const head = measureHead(landmarks, mask, { imageSize: { width: photo.source.width, height: photo.source.height }, crown });
	const layout300 = computeLayout(head, targetFor(SPEC, 300), photo.source);
	// 100 dpi at least: renderPhoto refuses printable photos whose shorter side is under 200 px (51 mm at 100 dpi = 201 px).
	const dpi = Math.max(100, Math.min(600, Math.round((300 * 0.95) / layout300.scale)));
	const background = BACKGROUNDS[index % BACKGROUNDS.length];
	const r = await renderPhoto(analysis, photo.source, SPEC, { background, headScale: 0, offsetXPx: 0, offsetY: 0, dpi: dpi as 300 });
	// The clean photo's own landmarks (the defects are placed with them): analyse its JPEG as every variant is.
	const jpeg = await D.encodeJpeg(r.image, 92);
	const cleanOpened = await openPhotoNode(jpeg);
	const cleanAnalysis = await analyse(jpeg, cleanOpened);
	return {
		name: basename(file),
		sourceIed: head.interEyeDistancePx,
		cleanIed: D.interEye(cleanAnalysis.landmarks),
		photo: { image: r.image, alpha: r.alpha, landmarks: cleanAnalysis.landmarks, background: parseHex(background) }
	};
}

async function defective(c: Clean, defect: DefectClass, other: Clean, seed: number): Promise<{ image: RgbaImage; quality: number }> {
	const p = c.photo;
	const ied = D.interEye(p.landmarks);
	switch (defect) {
		case 'rotation':
			return { image: D.rotate(p, 15), quality: 92 };
		case 'yaw':
			// Turned further in the direction the head already points (from the clean photo's own landmarks).
			return { image: D.yaw(p, 20 * D.yawSign(p.landmarks)), quality: 92 };
		case 'blur':
			return { image: await D.blur(p.image, (3 * ied) / 100), quality: 92 };
		case 'noise':
			return { image: D.noise(p.image, 20, seed), quality: 92 };
		case 'under-exposure':
			return { image: D.exposure(p.image, -1.5), quality: 92 };
		case 'over-exposure':
			return { image: D.exposure(p.image, 1.5), quality: 92 };
		case 'colour-cast':
			return { image: D.colourCast(p.image), quality: 92 };
		case 'greyscale':
			return { image: D.greyscale(p.image), quality: 92 };
		case 'heavy-jpeg':
			return { image: p.image, quality: 8 };
		case 'second-face':
			return { image: await D.secondFace(p, other.photo), quality: 92 };
		case 'eye-occlusion':
			return { image: D.eyePatch(p, seed), quality: 92 };
		case 'busy-background':
			return { image: D.busyBackground(p, seed), quality: 92 };
		case 'shadow':
			return { image: await D.shadow(p), quality: 92 };
		case 'tight-crop':
			return { image: await D.tightCrop(p), quality: 92 };
	}
}

/** Analyses and checks one encoded version. */
async function evaluate(base: string, defect: Variant['defect'], jpeg: Uint8Array): Promise<Variant> {
	if (args.dump) {
		mkdirSync(args.dump, { recursive: true });
		writeFileSync(join(args.dump, `${base.replace(/\.[a-z]+$/i, '')}-${defect}.jpg`), jpeg);
	}
	const photo = await openPhotoNode(jpeg);
	let analysis: Analysis;
	try {
		analysis = await analyse(jpeg, photo);
	} catch (e) {
		return { base, defect, status: {}, value: {}, ms: null, modules: null, refused: (e as Error).message };
	}
	const file = { bytes: jpeg, format: photo.original.format };
	const t = performance.now();
	const q = assessAnalysis(SPEC, analysis, file, { backgroundReplaced: false });
	const ms = performance.now() - t;
	const status: Record<string, string> = {};
	const value: Record<string, number | null> = {};
	for (const c of q.checks) {
		status[c.id] = c.status;
		value[c.id] = c.value;
	}
	const geo = measureReport(SPEC, analysis, photo, q);
	for (const c of geo.checks)
		if (GEOMETRY_IDS.includes(c.id)) {
			status[`geometry:${c.id}`] = c.status;
			value[`geometry:${c.id}`] = typeof c.value === 'number' ? c.value : null;
		}
	return { base, defect, status, value, ms, modules: q.timings, refused: null };
}

// ---------------------------------------------------------------- run

const DEFECTS = Object.keys(RESPONSIBLE) as DefectClass[];
const t0 = performance.now();
const cleans: Clean[] = [];
for (const [i, f] of files.entries()) {
	try {
		cleans.push(await makeClean(f, i));
	} catch (e) {
		console.log(`skipping ${basename(f)}: the app cannot make a clean version (${(e as Error).message})`);
	}
}
const results: Variant[] = [];
for (const [i, c] of cleans.entries()) {
	results.push(await evaluate(c.name, 'clean', await D.encodeJpeg(c.photo.image, 92)));
	for (const [k, d] of DEFECTS.entries()) {
		const { image, quality } = await defective(c, d, cleans[(i + 1) % cleans.length], 1000 * i + k);
		results.push(await evaluate(c.name, d, await D.encodeJpeg(image, quality)));
	}
	process.stderr.write(`  ${c.name}: ${DEFECTS.length + 1} versions done (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
}
await inference.dispose();

// ---------------------------------------------------------------- report

const flagged = (s: string | undefined) => s === 'warn' || s === 'fail';
const pct = (a: number, b: number) => (b === 0 ? '  -  ' : `${((100 * a) / b).toFixed(0).padStart(3)} %`);
const row = (cells: (string | number)[], widths: number[]) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' ');

console.log(`\nQuality-check evaluation: ${cleans.length} base photos × (clean + ${DEFECTS.length} defects) = ${results.length} versions; spec ${SPEC.id}.`);
console.log(`Analyses: ${analysed} run, ${fromCache} from cache (${CACHE_DIR}). Wall time ${((performance.now() - t0) / 1000).toFixed(0)} s.\n`);

console.log('Per defect class (caught = a responsible check is warn or fail; refused = analysis found no usable face):');
const wA = [16, 4, 7, 7, 8, 8, 60];
console.log(row(['defect', 'n', 'caught', 'missed', 'refused', 'rate', 'responsible: times flagged'], wA));
let totCaught = 0, totN = 0;
for (const d of DEFECTS) {
	const vs = results.filter((r) => r.defect === d);
	const ok = vs.filter((r) => !r.refused);
	const caught = ok.filter((r) => RESPONSIBLE[d].some((id) => flagged(r.status[id]))).length;
	const refused = vs.length - ok.length;
	totCaught += caught;
	totN += vs.length;
	const per = RESPONSIBLE[d].map((id) => `${id} ${ok.filter((r) => flagged(r.status[id])).length}`).join(', ');
	console.log(row([d, vs.length, caught, ok.length - caught, refused, pct(caught, vs.length), per], wA));
}
console.log(row(['TOTAL', totN, totCaught, totN - totCaught, '', pct(totCaught, totN), '(refused counted as not caught)'], wA));

// Per check: caught as responsible, false alarms on clean versions.
const clean = results.filter((r) => r.defect === 'clean' && !r.refused);
const ids = [...new Set(results.flatMap((r) => Object.keys(r.status)))].sort();
const genuine = (r: Variant, id: string) => {
	if (GENUINE[r.base]?.includes(id)) return true;
	const c = cleans.find((x) => x.name === r.base);
	return id === 'inter-eye-distance' && c !== undefined && c.cleanIed < 120;
};
console.log(`\nPer check (${clean.length} clean versions; "genuine" = the portrait really has that problem, see bench/eval/truth.ts):`);
const wB = [30, 16, 12, 14, 12, 9];
console.log(row(['check', 'defects caught', 'false alarms', 'false alarm %', 'genuine hit', 'unknown'], wB));
let fa = 0, faN = 0;
for (const id of ids) {
	const resp = DEFECTS.filter((d) => RESPONSIBLE[d].includes(id));
	const respVs = results.filter((r) => resp.includes(r.defect as DefectClass) && !r.refused);
	const caught = respVs.filter((r) => flagged(r.status[id])).length;
	const notGenuine = clean.filter((r) => !genuine(r, id));
	const alarms = notGenuine.filter((r) => flagged(r.status[id])).length;
	const gen = clean.filter((r) => genuine(r, id));
	const genHit = gen.filter((r) => flagged(r.status[id])).length;
	const unknown = results.filter((r) => r.status[id] === 'unknown').length;
	fa += alarms;
	faN += notGenuine.length;
	console.log(row([id, resp.length ? `${caught}/${respVs.length}` : '-', `${alarms}/${notGenuine.length}`, pct(alarms, notGenuine.length), gen.length ? `${genHit}/${gen.length}` : '-', unknown], wB));
}
console.log(row(['TOTAL', '', `${fa}/${faN}`, pct(fa, faN)], wB));

console.log('\nClean versions, checks flagged (G = genuine by truth.ts):');
for (const r of results.filter((x) => x.defect === 'clean')) {
	if (r.refused) {
		console.log(`  ${r.base}: refused: ${r.refused}`);
		continue;
	}
	const f = ids.filter((id) => flagged(r.status[id])).map((id) => `${id}=${r.status[id]}${genuine(r, id) ? '(G)' : ''}`);
	console.log(`  ${r.base}: ${f.join(', ') || 'none'}`);
}

console.log('\nMissed defects (responsible check: status, value):');
for (const r of results) {
	if (r.defect === 'clean') continue;
	const resp = RESPONSIBLE[r.defect];
	if (r.refused) console.log(`  ${r.base} / ${r.defect}: refused: ${r.refused}`);
	else if (!resp.some((id) => flagged(r.status[id])))
		console.log(`  ${r.base} / ${r.defect}: ${resp.map((id) => `${id} ${r.status[id]} ${r.value[id] === null || r.value[id] === undefined ? '-' : Number(r.value[id]!.toFixed(3))}`).join('; ')}`);
}

const times = results.filter((r) => r.ms !== null).map((r) => r.ms!).sort((a, b) => a - b);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const modMean = (k: 'face' | 'image' | 'background') => mean(results.filter((r) => r.modules).map((r) => r.modules![k]));
console.log(
	`\nassessQuality time per photo (${times.length} photos, sizes ${Math.min(...cleans.map((c) => c.photo.image.width))}-${Math.max(...cleans.map((c) => c.photo.image.width))} px wide; 2 shared cores, under load): ` +
		`mean ${mean(times).toFixed(1)} ms, median ${times[Math.floor(times.length / 2)]?.toFixed(1)} ms, max ${times[times.length - 1]?.toFixed(1)} ms ` +
		`(face ${modMean('face').toFixed(1)}, image ${modMean('image').toFixed(1)}, background ${modMean('background').toFixed(1)} ms)`
);

if (args.json) writeFileSync(args.json, JSON.stringify({ spec: SPEC.id, bases: cleans.map((c) => ({ name: c.name, sourceIed: c.sourceIed, cleanIed: c.cleanIed, width: c.photo.image.width, height: c.photo.image.height })), results }, null, 1));

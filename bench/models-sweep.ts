/**
 * Data behind detect.ts's small-face rule (REFINE_CONFIRM_SCORE, and the short-range model's size limit): every
 * portrait is scaled so that its face spans a given fraction of the long side of a square (1200x1200) and of a tall
 * (900x2000) grey canvas; on each the short-range model runs on the whole frame (as detectFaces' first pass), then
 * its best hit is re-detected on a square crop REFINE_CROP_FACTOR times its size (as refineSmallFace); where the
 * short-range model finds nothing, the full-range model's answer is shown.
 *
 * Usage: npx tsx bench/models-sweep.ts   (needs models/onnx and /work/shared/testdata/portraits; prints one line per
 * case and a summary: the lowest re-detection score of a real face, the highest of a hit that is not the face.)
 * "truth" is detectFaces on the unscaled portrait (one face each); a hit counts as the face when IoU(hit, truth) > 0.3.
 */
import { existsSync, readdirSync } from 'node:fs';
import sharp from 'sharp';
import { FULL_RANGE_ANCHORS, SHORT_RANGE_ANCHORS, generateAnchors, type Anchor } from '../src/lib/inference/blazeface/anchors';
import { FULL_RANGE_DECODE, SHORT_RANGE_DECODE, decodeDetections, type DecodeOptions } from '../src/lib/inference/blazeface/decode';
import { letterboxTransform } from '../src/lib/inference/blazeface/letterbox';
import { iou, weightedNms, type NmsDetection } from '../src/lib/inference/blazeface/nms';
import { NMS_IOU_THRESHOLD, REFINE_CONFIRM_SCORE, REFINE_CROP_FACTOR } from '../src/lib/inference/detect';
import { createInferenceEngine } from '../src/lib/inference/engine';
import { warpToTensor } from '../src/lib/inference/image/warp';
import { fsModelLoader } from '../src/lib/inference/loaders-node';
import type { ModelName } from '../src/lib/inference/sessions';
import type { Box, RgbaImage } from '../src/lib/types';

const PORTRAITS = '/work/shared/testdata/portraits';
if (!existsSync(PORTRAITS)) {
	console.warn(`[skip] ${PORTRAITS} is absent`);
	process.exit(0);
}
const engine = createInferenceEngine({ loader: fsModelLoader('models/onnx'), backend: 'wasm', numThreads: 1, log: () => {} });
interface Spec {
	model: ModelName;
	size: number;
	anchors: Anchor[];
	decode: DecodeOptions;
}
const SHORT: Spec = { model: 'face_detection_short_range', size: 128, anchors: generateAnchors(SHORT_RANGE_ANCHORS), decode: SHORT_RANGE_DECODE };
const FULL: Spec = { model: 'face_detection_full_range', size: 192, anchors: generateAnchors(FULL_RANGE_ANCHORS), decode: FULL_RANGE_DECODE };

/** One detector run on `region` (letterboxed, upright), detections in source px. */
async function detect(spec: Spec, img: RgbaImage, region: Box = { x: 0, y: 0, width: img.width, height: img.height }): Promise<NmsDetection[]> {
	const s = spec.size;
	const m = letterboxTransform(region, s, s);
	const input = warpToTensor(img, m, s, s, { range: [-1, 1], border: 'zero' });
	const out = Object.values(await engine.sessions.run(spec.model, { input: { data: input, dims: [1, s, s, 3] } }));
	const n = spec.anchors.length;
	const reg = out.find((t) => t.data.length === n * 16)!.data;
	const cls = out.find((t) => t.data.length === n)!.data;
	return weightedNms(decodeDetections(reg, cls, spec.anchors, spec.decode), NMS_IOU_THRESHOLD).map((d) => ({
		...d,
		xMin: m[2] + d.xMin * s * m[0],
		yMin: m[5] + d.yMin * s * m[4],
		width: d.width * s * m[0],
		height: d.height * s * m[4]
	}));
}

async function rgba(s: ReturnType<typeof sharp>): Promise<RgbaImage> {
	const { data, info } = await s.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
}

const FRACTIONS = [0.04, 0.06, 0.08, 0.1, 0.11, 0.12, 0.13, 0.14, 0.15, 0.17, 0.19];
let minFace = Infinity;
let faceNone = 0;
let faces = 0;
let maxOther = 0;
let others = 0;
const missedBySize = new Map<number, number>();
for (const file of readdirSync(PORTRAITS).filter((f) => /\.(jpe?g|png|webp)$/i.test(f))) {
	const path = `${PORTRAITS}/${file}`;
	const base = await rgba(sharp(path).rotate());
	const truth = (await engine.detectFaces(base))[0].box;
	for (const [W, H] of [
		[1200, 1200],
		[900, 2000]
	]) {
		for (const frac of FRACTIONS) {
			// Scale the portrait, cut a W x H window around the face (face a third from the top), paste it centred.
			const k = (frac * Math.max(W, H)) / truth.width;
			const sw = Math.round(base.width * k);
			const sh = Math.round(base.height * k);
			const cw = Math.min(sw, W);
			const ch = Math.min(sh, H);
			const cx = (truth.x + truth.width / 2) * k;
			const cy = (truth.y + truth.height / 2) * k;
			const l0 = Math.max(0, Math.min(sw - cw, Math.round(cx - cw / 2)));
			const t0 = Math.max(0, Math.min(sh - ch, Math.round(cy - ch / 3)));
			const piece = await sharp(path).rotate().resize(sw, sh).extract({ left: l0, top: t0, width: cw, height: ch }).png().toBuffer();
			const left = Math.round((W - cw) / 2);
			const top = Math.round((H - ch) / 2);
			const img = await rgba(sharp({ create: { width: W, height: H, channels: 3, background: { r: 120, g: 120, b: 120 } } }).composite([{ input: piece, left, top }]));
			const tb: NmsDetection = { xMin: truth.x * k - l0 + left, yMin: truth.y * k - t0 + top, width: truth.width * k, height: truth.height * k, score: 1, keypoints: [] };
			const hits = await detect(SHORT, img);
			const best = hits[0];
			let line = `${file.padEnd(21)} ${W}x${H} face ${frac.toFixed(2)}: `;
			if (!best) {
				const full = (await detect(FULL, img))[0];
				line += `short none; full ${full ? `${full.score.toFixed(3)} ${iou(full, tb) > NMS_IOU_THRESHOLD ? 'face' : 'NOT face'}` : 'none'}`;
				missedBySize.set(frac, (missedBySize.get(frac) ?? 0) + 1);
			} else {
				const isFace = iou(best, tb) > NMS_IOU_THRESHOLD;
				const c = Math.max(best.width, best.height) * REFINE_CROP_FACTOR;
				const crop = { x: best.xMin + best.width / 2 - c / 2, y: best.yMin + best.height / 2 - c / 2, width: c, height: c };
				const re = (await detect(SHORT, img, crop)).find((r) => iou(r, best) > NMS_IOU_THRESHOLD);
				const reScore = re?.score ?? 0;
				if (isFace) {
					faces++;
					if (re) minFace = Math.min(minFace, reScore);
					else faceNone++;
				} else {
					others++;
					maxOther = Math.max(maxOther, reScore);
				}
				line += `short ${best.score.toFixed(3)} (${isFace ? 'face' : 'NOT face'}, width ×${(best.width / tb.width).toFixed(2)}); re-detection ${re ? re.score.toFixed(3) : 'none'}${re ? `, IoU with the face ${iou(re, tb).toFixed(2)}` : ''}`;
			}
			console.log(line);
		}
	}
}
console.log(
	`\nshort-range hits on the face: ${faces}, re-detected ${faces - faceNone} (lowest score ${minFace.toFixed(3)}), not re-detected ${faceNone}` +
		`\nshort-range hits elsewhere: ${others}, highest re-detection score ${others ? maxOther.toFixed(3) : '-'} (0 = none)` +
		`\nREFINE_CONFIRM_SCORE = ${REFINE_CONFIRM_SCORE}`
);
console.log(`short range found nothing (cases of 16 per size): ${[...missedBySize].map(([f, n]) => `${f}: ${n}`).join(', ')}`);
await engine.dispose();

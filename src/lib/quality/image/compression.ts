/** 'compression': JPEG artifacts, from the file's quantisation tables and from 8×8 blockiness in the pixels. */
import type { QualityCheck, QualityInput } from '../types';
import { check, clampBox, round } from './check';
import { fmtNum, text } from '../format';
import type { ImageContext } from './context';
import { estimateJpegQuality, isJpeg, readQuantTables } from './jpeg';

/**
 * Limits on the estimated IJG quality of the original file: warn < 50, fail < 30. Sources: the China resident-ID spec
 * asks for quality 70 (quality-measures.md §2), US ≤ 20:1 compression (≈ quality 75 for a portrait); the limits are set
 * below those so that ordinary phone and camera files (q ≥ 75) pass — project calibration.
 */
export const QUALITY_WARN = 50;
export const QUALITY_FAIL = 30;

/**
 * Blockiness B: mean |horizontal and vertical luma step| across the 8-px grid phase with the largest steps, divided by
 * the median over the 8 phases (1 = no grid; the phase search allows any grid offset). Measured on the face box grown
 * by a quarter of its size, only when the analysed image is the original's pixels (scale = 1).
 * Limits (project calibration with jpeg-js encodes of the 8 testdata portraits: originals 1.01–1.14, q95 1.04–1.15,
 * q75 1.16–1.45, q50 1.27–1.70, q30 1.44–2.01, q20 1.62–2.38, q10 2.10–3.42): warn > 1.5, fail > 1.9.
 */
export const BLOCK_WARN = 1.5;
export const BLOCK_FAIL = 1.9;

/** Blockiness B (see BLOCK_*) around the face; NaN when the region is under 32×32 px or flat. */
export function blockiness(ctx: ImageContext): number {
	const { width: W, data: d } = ctx.image;
	const b = clampBox(ctx.faceBox, ctx.image.width, ctx.image.height, 0.25 * Math.max(ctx.faceBox.width, ctx.faceBox.height));
	if (b.width < 32 || b.height < 32) return NaN;
	// Luma plane of the box (BT.601 on the sRGB codes).
	const BW = b.width, BH = b.height;
	const Y = new Float32Array(BW * BH);
	for (let y = 0; y < BH; y++) {
		let o = ((b.y + y) * W + b.x) * 4;
		for (let x = 0; x < BW; x++, o += 4) Y[y * BW + x] = 0.299 * d[o] + 0.587 * d[o + 1] + 0.114 * d[o + 2];
	}
	const sum = new Float64Array(8), cnt = new Float64Array(8);
	// Grid phase of image column/row index (x & 7), so the phase search is relative to the image origin.
	for (let y = 0; y < BH; y++)
		for (let x = 1; x < BW; x++) {
			const ph = (b.x + x) & 7;
			sum[ph] += Math.abs(Y[y * BW + x] - Y[y * BW + x - 1]);
			cnt[ph]++;
		}
	for (let y = 1; y < BH; y++) {
		const ph = (b.y + y) & 7;
		for (let x = 0; x < BW; x++) {
			sum[ph] += Math.abs(Y[y * BW + x] - Y[(y - 1) * BW + x]);
			cnt[ph]++;
		}
	}
	const m = Array.from(sum, (s, i) => s / Math.max(1, cnt[i]));
	const sorted = [...m].sort((p, q) => p - q);
	const med = (sorted[3] + sorted[4]) / 2;
	return med > 0 ? Math.max(...m) / med : NaN;
}

/**
 * 'compression': the worse of the file's estimated IJG quality (when `input.file.bytes` is a JPEG) and the pixels'
 * blockiness (when `input.scale` is 1); unknown when neither can be measured.
 */
export function checkCompression(ctx: ImageContext, input: QualityInput): QualityCheck {
	const bytes = input.file?.bytes ?? null;
	let quality: number | null = null;
	if (isJpeg(bytes)) {
		const t = readQuantTables(bytes).get(0);
		if (t) quality = estimateJpegQuality(t).quality;
	}
	const B = input.scale === 1 ? blockiness(ctx) : NaN;
	const hasB = Number.isFinite(B);
	const qStatus = quality === null ? 'pass' : quality < QUALITY_FAIL ? 'fail' : quality < QUALITY_WARN ? 'warn' : 'pass';
	const bStatus = !hasB ? 'pass' : B > BLOCK_FAIL ? 'fail' : B > BLOCK_WARN ? 'warn' : 'pass';
	const rank = { pass: 0, warn: 1, fail: 2 } as const;
	const status = quality === null && !hasB ? 'unknown' : rank[qStatus] >= rank[bStatus] ? qStatus : bStatus;
	// which measures were taken: 'both', 'quality' (file only) or 'blocks' (pixels only)
	const measures = quality !== null && hasB ? 'both' : quality !== null ? 'quality' : 'blocks';
	const values = { measures, quality: quality ?? '–', blockiness: hasB ? fmtNum(B, 2) : '–', degree: status === 'fail' ? 'heavy' : 'noticeable' };
	return check({
		id: 'compression',
		group: 'file',
		status,
		value: quality !== null ? quality : hasB ? round(B, 2) : null,
		unit: quality !== null ? 'JPEG quality' : 'ratio',
		limitText:
			quality !== null
				? text('compression.limit-quality', { limit: QUALITY_WARN, fail: QUALITY_FAIL })
				: text('limit.max-fail', { limit: fmtNum(BLOCK_WARN, 2), fail: fmtNum(BLOCK_FAIL, 2) }),
		ofiq: null,
		text: text(status === 'unknown' ? 'compression.unknown' : status === 'pass' ? 'compression.pass' : 'compression.problem', values),
		fixText: text('compression.fix'),
		region: hasB && bStatus !== 'pass' ? ctx.faceBox : null,
		severity: 20
	});
}

/**
 * The check report (v1): what the CLI writes with --report and the UI shows.
 * `makeReport` describes a photo this app rendered (positions from the layout, which is exact by construction);
 * `measureReport` measures any photo as it is, from its own landmarks and mask.
 * Both can carry the quality checks of the input photo (issue 4, `assessAnalysis`), marked on the reported photo.
 */
import type { PhotoSpec } from '../../specs';
import { geometryTarget, type GeometryTarget } from '../../specs/geometry';
import type { PhotoQuality, PhotoReport, QualityMark } from '../api';
import type { Box } from '../../types';
import { assessQuality, rulesForSpec, type QualityId, type QualityInput, type QualityReport, type RulesOptions } from '../../quality';
import { applyAffine, composeAffine, type Affine } from '../geometry/affine';
import { measurePhoto, runChecks, type FileInfo, type PhotoMeasurements } from '../check';
import { kbToBytes, kbToBytesCeil, readJfifDpi } from '../encode';
import { toOriginal, type Analysis } from './analyse';
import type { OpenedPhoto } from './photo';
import type { Rendered } from './render';

/** The spec's file-size window in bytes (KB converted with the spec's own unit, 1000 or 1024 bytes). */
export function fileWindow(spec: PhotoSpec, bytes: number | null): FileInfo {
	const f = spec.file;
	const unit = f?.kbUnit ?? 1000;
	return {
		bytes,
		minBytes: f?.minKB !== undefined ? kbToBytesCeil(f.minKB, unit) : null,
		maxBytes: f?.maxKB !== undefined ? kbToBytes(f.maxKB, unit) : null
	};
}

function geometryOf(m: PhotoMeasurements, target: GeometryTarget): PhotoReport['geometry'] {
	const H = m.imageHeightPx;
	const top = target.headDefinition === 'skull-to-chin' ? m.skullTopYPx : (m.crownYPx ?? m.skullTopYPx);
	return {
		headHeightRatio: top !== null && m.chinYPx !== null ? (m.chinYPx - top) / H : NaN,
		eyeLineFromBottomRatio: m.eyeYPx !== null ? (H - m.eyeYPx) / H : NaN,
		crownYPx: m.crownYPx ?? NaN,
		chinYPx: m.chinYPx ?? NaN,
		eyeYPx: m.eyeYPx ?? NaN,
		rollDeg: m.rollDeg ?? NaN,
		interEyeDistanceSourcePx: m.sourceInterEyeDistancePx ?? NaN
	};
}

function build(spec: PhotoSpec, target: GeometryTarget, m: PhotoMeasurements, dpi: number, bytes: number | null, warnings: string[]): PhotoReport {
	return {
		spec: { id: spec.id, name: spec.document.en },
		output: { widthPx: m.imageWidthPx, heightPx: m.imageHeightPx, dpi, bytes: bytes ?? NaN, format: 'jpeg' },
		geometry: geometryOf(m, target),
		checks: runChecks(m, target, fileWindow(spec, bytes)),
		warnings
	};
}

/** Source file facts for the compression check: the original's encoded bytes and its format ('jpeg', 'png', ...). */
export interface SourceFile {
	bytes: Uint8Array | null;
	format: string | null;
}

/**
 * The quality checks (issue 4) of the analysed INPUT photo against `spec`: measured on the analysis working copy with
 * its landmarks, confirmed faces, person mask and working scale, decided on rulesForSpec(spec, opts).
 * Run it once per (photo, spec): it does not depend on the framing. Never throws (see assessQuality).
 */
export function assessAnalysis(spec: PhotoSpec, analysis: Analysis, file: SourceFile | null, opts: RulesOptions = {}): QualityReport {
	return assessQuality(qualityInput(analysis, file), rulesForSpec(spec, opts));
}

/** The quality checks' input from an analysis (working-copy px) and the source file's facts. */
export function qualityInput(analysis: Analysis, file: SourceFile | null): QualityInput {
	return { image: analysis.work, landmarks: analysis.landmarks, faces: analysis.faces, mask: analysis.mask, scale: analysis.scale, ...(file ? { file } : {}) };
}

/** Bounding box of `box` mapped by `t`, clipped to [0,W]x[0,H]; null when less than 1 px remains in either axis. */
export function mapBox(box: Box, t: Affine, W: number, H: number): Box | null {
	const corners = [
		{ x: box.x, y: box.y },
		{ x: box.x + box.width, y: box.y },
		{ x: box.x, y: box.y + box.height },
		{ x: box.x + box.width, y: box.y + box.height }
	].map((p) => applyAffine(t, p));
	const x0 = Math.max(0, Math.min(...corners.map((p) => p.x)));
	const y0 = Math.max(0, Math.min(...corners.map((p) => p.y)));
	const x1 = Math.min(W, Math.max(...corners.map((p) => p.x)));
	const y1 = Math.min(H, Math.max(...corners.map((p) => p.y)));
	if (!(x1 - x0 >= 1 && y1 - y0 >= 1)) return null;
	return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** A mark covering at least this fraction of the photo's area is not drawn (it points at nothing in particular). */
export const MAX_MARK_AREA = 0.8;

/**
 * The report's quality section: check regions from working-copy px to original px (÷ scale), and marks for the warn
 * and fail checks that have a region, mapped by `workToPhoto` (working-copy px → px of the reported photo, W x H);
 * no marks for the `fixedByApp` ids nor for regions covering MAX_MARK_AREA or more of the photo.
 */
export function qualitySection(q: QualityReport, scale: number, workToPhoto: Affine, W: number, H: number, fixedByApp: QualityId[] = []): PhotoQuality {
	const k = 1 / scale;
	const marks: QualityMark[] = [];
	for (const c of q.checks) {
		if (!c.region || (c.status !== 'warn' && c.status !== 'fail') || fixedByApp.includes(c.id)) continue;
		const box = mapBox(c.region, workToPhoto, W, H);
		if (box && box.width * box.height < MAX_MARK_AREA * W * H) marks.push({ id: c.id, status: c.status, box });
	}
	const checks = q.checks.map((c) => (c.region ? { ...c, region: { x: c.region.x * k, y: c.region.y * k, width: c.region.width * k, height: c.region.height * k } } : c));
	return { checks, marks, fixedByApp: [...fixedByApp], timings: { ...q.timings } };
}

/**
 * Quality ids whose problem renderPhoto corrects in the finished photo: the background checks (not
 * 'background-edited') when it replaces the background (spec.background.editingAllowed, see render.ts), and 'roll'
 * (computeLayout rotates the photo so the eye line is level).
 */
export function fixedByRender(spec: PhotoSpec): QualityId[] {
	const bg: QualityId[] = spec.background.editingAllowed ? ['background-uniformity', 'background-colour', 'background-shadow', 'background-objects'] : [];
	return [...bg, 'roll'];
}

/** Working-copy px → original px. */
const workToOriginal = (scale: number): Affine => ({ a: 1 / scale, b: 0, c: 0, d: 1 / scale, e: 0, f: 0 });

/**
 * Report of a photo rendered by `renderPhoto`: positions are the layout's (the crop places them exactly).
 * @param quality the input photo's quality checks (assessAnalysis, computed once per photo and spec); their regions
 *   are marked on the rendered photo through the layout's transform. Omitted: the report has no `quality` section.
 */
export function makeReport(spec: PhotoSpec, analysis: Analysis, r: Rendered, quality?: QualityReport): PhotoReport {
	const p = r.layout.predicted;
	const m: PhotoMeasurements = {
		imageWidthPx: r.image.width,
		imageHeightPx: r.image.height,
		faceCount: analysis.faces.length,
		crownYPx: p.crownYPx,
		crownTouchesEdge: r.head.crownTouchesEdge,
		skullTopYPx: p.skullTopYPx,
		chinYPx: p.chinYPx,
		eyeYPx: p.eyeYPx,
		eyeCentreXPx: p.eyeXPx,
		// The layout rotates the source by -roll about the eye centre, so the eye line is level in the output.
		rollDeg: r.head.rollDeg + r.layout.rotationDeg,
		sourceInterEyeDistancePx: r.head.interEyeDistancePx
	};
	const report = build(spec, r.target, m, r.dpi, r.jpeg.byteLength, [...analysis.warnings, ...r.warnings]);
	if (quality) {
		// layout.transform maps original px → output px (render.ts reads the crop through it).
		const toOut = composeAffine(r.layout.transform, workToOriginal(analysis.scale));
		report.quality = qualitySection(quality, analysis.scale, toOut, r.image.width, r.image.height, fixedByRender(spec));
	}
	return report;
}

/**
 * Report of `photo` measured as it is against `spec` (no crop, no new background): the photo's own size, dpi (JFIF),
 * file size, and head, eye line, centring and roll from its landmarks and person mask.
 */
export function measureReport(
	spec: PhotoSpec,
	analysis: Analysis,
	photo: OpenedPhoto,
	quality: QualityReport = assessAnalysis(spec, analysis, { bytes: photo.bytes ?? null, format: photo.original.format })
): PhotoReport {
	const { landmarks, mask, crown } = toOriginal(analysis);
	const size = { width: photo.original.width, height: photo.original.height };
	const ied = Math.hypot(landmarks.irisCenters.left.x - landmarks.irisCenters.right.x, landmarks.irisCenters.left.y - landmarks.irisCenters.right.y);
	const m = measurePhoto(size, landmarks, mask, analysis.faces.length, ied, crown);
	const target = geometryTarget(spec);
	const dpi = photo.bytes ? (readJfifDpi(photo.bytes) ?? NaN) : NaN;
	const report = build(spec, target, m, dpi, photo.bytes?.byteLength ?? null, analysis.warnings);
	report.quality = qualitySection(quality, analysis.scale, workToOriginal(analysis.scale), photo.original.width, photo.original.height);
	return report;
}

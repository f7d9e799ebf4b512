/**
 * The check report (v1): what the CLI writes with --report and the UI shows.
 * `makeReport` describes a photo this app rendered (positions from the layout, which is exact by construction);
 * `measureReport` measures any photo as it is, from its own landmarks and mask.
 */
import type { PhotoSpec } from '../../specs';
import { geometryTarget, type GeometryTarget } from '../../specs/geometry';
import type { PhotoReport } from '../api';
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

/** Report of a photo rendered by `renderPhoto`: positions are the layout's (the crop places them exactly). */
export function makeReport(spec: PhotoSpec, analysis: Analysis, r: Rendered): PhotoReport {
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
	return build(spec, r.target, m, r.dpi, r.jpeg.byteLength, [...analysis.warnings, ...r.warnings]);
}

/**
 * Report of `photo` measured as it is against `spec` (no crop, no new background): the photo's own size, dpi (JFIF),
 * file size, and head, eye line, centring and roll from its landmarks and person mask.
 */
export function measureReport(spec: PhotoSpec, analysis: Analysis, photo: OpenedPhoto): PhotoReport {
	const { landmarks, mask, crown } = toOriginal(analysis);
	const size = { width: photo.original.width, height: photo.original.height };
	const ied = Math.hypot(landmarks.irisCenters.left.x - landmarks.irisCenters.right.x, landmarks.irisCenters.left.y - landmarks.irisCenters.right.y);
	const m = measurePhoto(size, landmarks, mask, analysis.faces.length, ied, crown);
	const target = geometryTarget(spec);
	const dpi = photo.bytes ? (readJfifDpi(photo.bytes) ?? NaN) : NaN;
	return build(spec, target, m, dpi, photo.bytes?.byteLength ?? null, analysis.warnings);
}

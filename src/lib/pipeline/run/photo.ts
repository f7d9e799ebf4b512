/**
 * The whole job for one photo, shared by the CLI and the tests (the worker calls the same stages):
 * analyse → render → report, and `checkPhoto` to measure an existing photo against a spec.
 */
import type { InferenceApi, RgbaImage } from '../../types';
import type { PhotoSpec } from '../../specs';
import type { OriginalInfo } from '../decode/types';
import type { PhotoReport, RenderSettings } from '../api';
import { analysePhoto, type Analysis } from './analyse';
import { renderPhoto, type Rendered } from './render';
import { makeReport, measureReport } from './report';
import type { SourceReader } from './source';

/** A decoded photo: the working copy the models see and a reader for the full-resolution original. */
export interface OpenedPhoto {
	/** Upright RGBA working copy, longest side ≤ WORK_LIMIT_PX. */
	work: RgbaImage;
	/** work px / original px. */
	scale: number;
	original: OriginalInfo;
	source: SourceReader;
	/** The file's bytes (Node only; used to report the input file size). */
	bytes?: Uint8Array;
}

export interface MadePhoto {
	analysis: Analysis;
	rendered: Rendered;
	report: PhotoReport;
}

/** Analyses and renders `photo` for `spec` with `settings`. Throws as analysePhoto / renderPhoto. */
export async function makePhoto(photo: OpenedPhoto, spec: PhotoSpec, settings: RenderSettings, inference: InferenceApi, signal?: AbortSignal): Promise<MadePhoto> {
	const analysis = await analysePhoto(photo.work, photo.scale, inference, signal);
	const rendered = await renderPhoto(analysis, photo.source, spec, settings, { signal });
	return { analysis, rendered, report: makeReport(spec, analysis, rendered) };
}

/**
 * Measures `photo` as it is (no crop, no new background) against `spec`: size, head height, eye line,
 * centring, top margin, roll, resolution. Used by `idphoto check` and to re-check finished photos.
 */
export async function checkPhoto(photo: OpenedPhoto, spec: PhotoSpec, inference: InferenceApi, signal?: AbortSignal): Promise<PhotoReport> {
	const analysis = await analysePhoto(photo.work, photo.scale, inference, signal);
	return measureReport(spec, analysis, photo);
}

export { makeReport };

/**
 * Contract between the UI and the pipeline worker (workers/pipeline.worker.ts).
 * Everything here runs on the device; nothing is sent anywhere.
 */
import type { Box } from '$lib/types';
import type { QualityCheck, QualityId } from '$lib/quality/types';

/** What the user can adjust on the result screen. */
export interface RenderSettings {
	/** Background colour, `#rrggbb`; must be one the spec allows (the worker falls back to the recommended one). */
	background: string;
	/** Head-height nudge in [-1, 1]: -1 = window minimum, 0 = target, 1 = window maximum. */
	headScale: number;
	/** Horizontal nudge in output px (positive = face moves right). */
	offsetXPx: number;
	/** Vertical nudge in [-1, 1] inside the eye-line window (-1 lowest allowed, 1 highest). */
	offsetY: number;
	/**
	 * Print resolution in dpi for print specs: by default the spec's own print dpi (`print.dpi`, 300 when the spec
	 * names none), else one of printDpiChoices (src/lib/app/render-session.svelte.ts). Pixel size = mm × dpi / 25.4.
	 */
	dpi: number;
}

export type { CheckStatus, CheckEntry as CheckResult } from './check/types';
import type { CheckEntry } from './check/types';

/** Summary of the analysed input photo (after decode + detection + landmarks + segmentation). */
export interface AnalysisSummary {
	jobId: string;
	/** Original image size in px (after EXIF orientation). */
	width: number;
	height: number;
	faceCount: number;
	/** Messages for the user, e.g. "3 faces found: using the largest". */
	warnings: string[];
	/** Chosen face box in original px. */
	faceBox: Box | null;
	/** Per-stage timings in ms. */
	timings: Record<string, number>;
}

/** Guide lines drawn over the preview, in output px, y down. */
export interface OverlayGuides {
	crownYPx: number;
	chinYPx: number;
	eyeYPx: number;
	/** Allowed band for the crown (from the head-height window with the chin fixed). */
	headTopBandPx: [number, number];
	/** Allowed band for the eye line. */
	eyeBandPx: [number, number] | null;
}

/** A finished photo. */
export interface RenderResult {
	jobId: string;
	jpeg: Uint8Array;
	widthPx: number;
	heightPx: number;
	dpi: number;
	/** Output file size in bytes (JPEG). */
	bytes: number;
	report: PhotoReport;
	guides: OverlayGuides;
	timings: Record<string, number>;
}

/** The report written by the CLI (`--report`) and shown in the UI. */
export interface PhotoReport {
	spec: { id: string; name: string };
	output: { widthPx: number; heightPx: number; dpi: number; bytes: number; format: 'jpeg' };
	geometry: {
		headHeightRatio: number;
		eyeLineFromBottomRatio: number;
		crownYPx: number;
		chinYPx: number;
		eyeYPx: number;
		rollDeg: number;
		interEyeDistanceSourcePx: number;
	};
	checks: CheckEntry[];
	warnings: string[];
	/**
	 * Quality checks of the INPUT photo (issue 4: pose, face, lighting, background, file), measured once per analysed
	 * photo on the analysis working copy and decided on this spec's rules; absent when they were not assessed.
	 */
	quality?: PhotoQuality;
}

/** The quality section of a PhotoReport. */
export interface PhotoQuality {
	/**
	 * Every quality check once, most important problem first (fail, then warn, by severity). `region` is in ORIGINAL
	 * photo px (upright, after EXIF orientation), origin top-left, y down.
	 */
	checks: QualityCheck[];
	/** Where the problems are on the photo this report describes (output px of `output`), for the result screen. */
	marks: QualityMark[];
	/**
	 * Checks whose problem this app corrects in the reported photo, so they describe the input only: the background
	 * checks when the app replaced the background (the spec allows editing), and roll (the layout levels the eye line).
	 * Empty for a photo checked as it is. Their problems are not marked on the photo.
	 */
	fixedByApp: QualityId[];
	/** Time per quality module and in total, ms. */
	timings: Record<string, number>;
}

/**
 * A problem region on the reported photo: the check's region mapped into output px and clipped to the photo. Regions
 * covering 80 % or more of the photo are not marked (they point at nothing in particular).
 */
export interface QualityMark {
	id: QualityId;
	status: 'warn' | 'fail';
	/** Axis-aligned bounding box of the mapped region, output px; never empty. */
	box: Box;
}

export type SheetPaper = '4x6' | '5x7' | '10x15' | 'a4' | 'letter';

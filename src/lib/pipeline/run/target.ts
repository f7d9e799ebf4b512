/** From a spec (and the user's dpi choice) to the layout engine's target. */
import type { PhotoSpec } from '../../specs';
import { geometryTarget, outputPixelSize, type GeometryTarget } from '../../specs/geometry';

/**
 * The spec with the print resolution the user chose. Only print specs without an exact digital
 * pixel size change: their pixel size is print mm × dpi / 25.4.
 */
export function specAtDpi(spec: PhotoSpec, dpi: number | undefined): PhotoSpec {
	if (!dpi || !spec.print || (spec.digital?.widthPx !== undefined && spec.digital?.heightPx !== undefined)) return spec;
	if (spec.print.dpi === dpi) return spec;
	return { ...spec, print: { ...spec.print, dpi } };
}

/** Output size, dpi and windows (ratios of output height) for `spec` at `dpi`. */
export function targetFor(spec: PhotoSpec, dpi?: number): GeometryTarget {
	return geometryTarget(specAtDpi(spec, dpi));
}

export { outputPixelSize };

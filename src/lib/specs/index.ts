/**
 * ID-photo spec library: schema and types, bundled registry, search, country guess,
 * geometry helpers and custom spec import/export.
 */
export {
	ASPECT_TOLERANCE,
	DEFAULT_DPI,
	MM_PER_INCH,
	MM_RATIO_TOLERANCE_MM,
	parseSpec,
	PhotoSpecSchema,
	SpecValidationError,
	type DocumentKind,
	type HeadDefinition,
	type PhotoSpec,
	type PhotoSpecInput,
	type SpecIssue
} from './schema';
export {
	geometryTarget,
	mmToPx,
	mmToRatio,
	outputPixelSize,
	pxToMm,
	ratioToMm,
	resolveWindow,
	type GeometryTarget,
	type OutputSize,
	type RatioWindow,
	type TargetWindow
} from './geometry';
export { getSpec, hasSpec, listSpecs, searchSpecs, UnknownSpecError } from './registry';
export { countryName, COUNTRY_NAMES, isKnownCountry, type CountryNames } from './countries';
export { countryOfTimeZone, suggestCountry, type CountryHints } from './locale';
export { exportSpec, importSpec, MAX_IMPORT_CHARS } from './custom';
export type { SearchLocale } from './search';

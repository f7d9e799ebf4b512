/**
 * Custom specs: export to and import from JSON text, validated by the same schema as the
 * bundled data (schema.ts). The exported text is the spec object itself, pretty-printed,
 * so a user can edit it by hand and import it again.
 */
import { parseSpec, SpecValidationError, type PhotoSpec } from './schema';

/** Largest accepted import, in characters (a spec is ~3 KB; this only guards against wrong files). */
export const MAX_IMPORT_CHARS = 256 * 1024;

/**
 * Serialises a spec as JSON text (tab-indented, trailing newline). The spec is validated
 * first, so only valid specs are ever exported.
 * @throws SpecValidationError when `spec` is not valid (e.g. edited in memory).
 */
export function exportSpec(spec: PhotoSpec): string {
	return JSON.stringify(parseSpec(spec), null, '\t') + '\n';
}

/**
 * Parses and validates JSON text produced by exportSpec or written by hand.
 * @throws SpecValidationError with a single issue for text that is empty, too long or not
 *   JSON (message gives the parser's reason), or with one issue per invalid field, each
 *   named by its dotted path (e.g. "head.maxRatio").
 */
export function importSpec(text: string): PhotoSpec {
	if (typeof text !== 'string' || text.trim() === '')
		throw new SpecValidationError([{ path: '', message: 'the file is empty' }], 'custom spec');
	if (text.length > MAX_IMPORT_CHARS)
		throw new SpecValidationError(
			[{ path: '', message: `the file is too large (${text.length} characters, at most ${MAX_IMPORT_CHARS})` }],
			'custom spec'
		);
	let json: unknown;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch (e) {
		throw new SpecValidationError(
			[{ path: '', message: `not valid JSON: ${(e as Error).message}` }],
			'custom spec'
		);
	}
	return parseSpec(json);
}

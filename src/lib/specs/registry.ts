/**
 * The bundled spec registry: list, look up and search the validated specs.
 * Every bundled spec is validated once when this module loads; an invalid bundled spec
 * throws SpecValidationError at import time (a build error, not a user error).
 */
import { RAW_SPECS } from './data/index';
import { parseSpec, type PhotoSpec } from './schema';
import { searchSpecList, type SearchLocale } from './search';

const SPECS: readonly PhotoSpec[] = Object.freeze(loadAll());
const BY_ID: ReadonlyMap<string, PhotoSpec> = new Map(SPECS.map((s) => [s.id, s]));

function loadAll(): PhotoSpec[] {
	const out: PhotoSpec[] = [];
	const seen = new Set<string>();
	for (const raw of RAW_SPECS) {
		const spec = parseSpec(raw);
		if (seen.has(spec.id)) throw new Error(`duplicate bundled spec id "${spec.id}"`);
		seen.add(spec.id);
		out.push(spec);
	}
	return out;
}

/** Thrown by getSpec for an unknown id; `suggestion` is the closest known id, if any is close. */
export class UnknownSpecError extends Error {
	readonly id: string;
	readonly suggestion: string | undefined;
	constructor(id: string, suggestion: string | undefined) {
		super(
			`Unknown photo spec "${id}".` +
				(suggestion ? ` Did you mean "${suggestion}"?` : ' Use listSpecs() to see the available ids.')
		);
		this.name = 'UnknownSpecError';
		this.id = id;
		this.suggestion = suggestion;
	}
}

/** All bundled specs (validated, frozen array), in display order: US, EU, DE, FR, GB, CA, AU, IN, CN, JP, KR, others. */
export function listSpecs(): readonly PhotoSpec[] {
	return SPECS;
}

/** True when `id` is a bundled spec id. */
export function hasSpec(id: string): boolean {
	return BY_ID.has(id);
}

/**
 * The bundled spec with this id.
 * @throws UnknownSpecError (message suggests the nearest id, e.g. "us_passport" -> "us-passport").
 */
export function getSpec(id: string): PhotoSpec {
	const spec = BY_ID.get(id);
	if (spec) return spec;
	throw new UnknownSpecError(id, suggestId(id, [...BY_ID.keys()]));
}

/**
 * Bundled specs matching `query` (country code, English/Chinese country name or alias,
 * English/Chinese document name, kind, id), best match first. Both languages are always
 * searched; `locale` only breaks ties by that language's document name order.
 * An empty query returns every spec. See search.ts for the matching rules.
 */
export function searchSpecs(query: string, locale: SearchLocale = 'en'): PhotoSpec[] {
	return searchSpecList(SPECS, query, locale);
}

/** Levenshtein edit distance (insert, delete, substitute: cost 1 each). */
export function editDistance(a: string, b: string): number {
	const prev = new Array<number>(b.length + 1);
	for (let j = 0; j <= b.length; j++) prev[j] = j;
	for (let i = 1; i <= a.length; i++) {
		let diag = prev[0];
		prev[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const tmp = prev[j];
			prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
			diag = tmp;
		}
	}
	return prev[b.length];
}

/**
 * Nearest id to `id` after normalising case, '_' and spaces to '-'; undefined when the best
 * candidate needs more edits than a third of its length (too far to be a typo).
 */
export function suggestId(id: string, ids: readonly string[]): string | undefined {
	const norm = id.trim().toLowerCase().replace(/[_\s]+/g, '-');
	let best: string | undefined;
	let bestD = Infinity;
	for (const candidate of ids) {
		const d = editDistance(norm, candidate);
		if (d < bestD) {
			bestD = d;
			best = candidate;
		}
	}
	if (best === undefined || bestD > Math.max(2, Math.floor(best.length / 3))) return undefined;
	return best;
}

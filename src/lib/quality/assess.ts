/**
 * The aggregator of the photo-quality checks (issue 4): runs the three measure modules on one analysed photo, each
 * guarded (a module that throws yields 'unknown' entries with the reason, never a crash), times them, and orders the
 * result with the most important problem first.
 */
import { measureFace } from './face';
import { measureImage } from './image';
import { measureBackground } from './background';
import { idsOf, QUALITY_CATALOGUE, type QualityModuleName } from './rules';
import type { QualityCheck, QualityGroup, QualityId, QualityInput, QualityModule, QualityRules, QualityStatus } from './types';

/** The decided checks of one photo. */
export interface QualityReport {
	/** One entry per QualityId (every id exactly once), problems first (see compareChecks). */
	checks: QualityCheck[];
	/** Worst status: fail > warn > unknown > pass. */
	overall: QualityStatus;
	counts: Record<QualityStatus, number>;
	/** Wall time per module and in total, ms (performance.now()). */
	timings: Record<QualityModuleName | 'total', number>;
}

/** The modules assessQuality runs, by name (replaceable for tests and evaluation). */
export type QualityModules = Record<QualityModuleName, QualityModule>;

/** The real modules: face/ (landmark based), image/ and background/. */
export const DEFAULT_MODULES: QualityModules = { face: measureFace, image: measureImage, background: measureBackground };

const MODULE_ORDER: QualityModuleName[] = ['face', 'image', 'background'];

/** Display order of the groups (types.ts QualityGroup). */
export const GROUP_ORDER: Readonly<Record<QualityGroup, number>> = { framing: 0, face: 1, lighting: 2, background: 3, file: 4 };

/** Status rank for ordering: problems first. */
export const STATUS_RANK: Readonly<Record<QualityStatus, number>> = { fail: 0, warn: 1, unknown: 2, pass: 3 };

/**
 * Order of the report: fail before warn before unknown before pass; inside a status, higher severity first; then by
 * group (framing, face, lighting, background, file); ties keep the module order (Array.prototype.sort is stable).
 */
export function compareChecks(a: QualityCheck, b: QualityCheck): number {
	return STATUS_RANK[a.status] - STATUS_RANK[b.status] || b.severity - a.severity || GROUP_ORDER[a.group] - GROUP_ORDER[b.group];
}

const STATUSES: readonly QualityStatus[] = ['pass', 'warn', 'fail', 'unknown'];

/** An 'unknown' entry for `id` with `reason` as its message (used when a module fails or omits the id). */
export function unknownCheck(id: QualityId, reason: string): QualityCheck {
	const c = QUALITY_CATALOGUE[id];
	return { id, group: c.group, status: 'unknown', value: null, unit: '', limit: null, ofiq: null, message: reason, fix: null, region: null, severity: c.severity };
}

/** True when `c` has the QualityCheck shape (a module bug must not reach the UI as a half-filled row). */
function wellFormed(c: unknown, ids: ReadonlySet<QualityId>): c is QualityCheck {
	if (!c || typeof c !== 'object') return false;
	const q = c as QualityCheck;
	return (
		ids.has(q.id) &&
		STATUSES.includes(q.status) &&
		q.group in GROUP_ORDER &&
		typeof q.message === 'string' &&
		typeof q.severity === 'number' &&
		Number.isFinite(q.severity) &&
		(q.value === null || typeof q.value === 'number')
	);
}

function errorText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}

/**
 * Runs the quality modules on one photo and decides every check.
 * @param input the analysed photo (working copy, landmarks, faces, mask, scale, file bytes; see QualityInput).
 * @param rules the document's limits (rulesForSpec), omitted fields use each module's default.
 * @param modules the modules to run (default DEFAULT_MODULES).
 * @returns every QualityId exactly once, ordered by compareChecks. A module that throws yields 'unknown' entries for
 *   all its ids with the reason ("Could not be measured: <error>"); an id a module does not return, or returns
 *   malformed, becomes 'unknown' too; a duplicate id keeps its first entry. Never throws.
 */
export function assessQuality(input: QualityInput, rules: QualityRules, modules: QualityModules = DEFAULT_MODULES): QualityReport {
	const timings = { face: 0, image: 0, background: 0, total: 0 } as QualityReport['timings'];
	const t0 = performance.now();
	const checks: QualityCheck[] = [];
	for (const name of MODULE_ORDER) {
		const ids = idsOf(name);
		const idSet = new Set(ids);
		const t = performance.now();
		let got: QualityCheck[] = [];
		let failure: string | null = null;
		try {
			const out = modules[name](input, rules);
			if (!Array.isArray(out)) throw new TypeError(`the ${name} module returned ${typeof out}, not a list of checks`);
			got = out;
		} catch (e) {
			failure = errorText(e);
		}
		timings[name] = performance.now() - t;
		const byId = new Map<QualityId, QualityCheck>();
		for (const c of got) if (wellFormed(c, idSet) && !byId.has(c.id)) byId.set(c.id, c);
		for (const id of ids) {
			const c = byId.get(id);
			if (c) checks.push(c);
			else if (failure !== null) checks.push(unknownCheck(id, `Could not be measured: ${failure}`));
			else checks.push(unknownCheck(id, 'This check gave no result for this photo.'));
		}
	}
	checks.sort(compareChecks);
	const counts: Record<QualityStatus, number> = { pass: 0, warn: 0, fail: 0, unknown: 0 };
	for (const c of checks) counts[c.status]++;
	const overall: QualityStatus = counts.fail > 0 ? 'fail' : counts.warn > 0 ? 'warn' : counts.unknown > 0 ? 'unknown' : 'pass';
	timings.total = performance.now() - t0;
	return { checks, overall, counts, timings };
}

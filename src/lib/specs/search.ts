/**
 * Free-text search over specs, in English and Chinese.
 *
 * Matching rules (all query tokens must match somewhere in the same spec):
 * - The query is NFKC-normalised, lower-cased and split on spaces and punctuation.
 * - Latin tokens match whole words of a field; tokens of 3+ letters also match word
 *   prefixes ("germ" -> "germany"). 1-2 letter tokens must equal a word ("de", "uk"),
 *   so "in" does not hit "internal"; they match only country, id and kind words, never the
 *   free-text document name ("2x2 in print").
 * - Chinese (CJK) tokens match as substrings; a token found nowhere as a whole is split into
 *   pieces of 2+ characters that each occur in the spec ("中国护照" = "中国" + "护照").
 * Fields and weights: country code, names and aliases 3; document name (en, zh-CN), id
 * words and kind words 2. A match in a field of the caller's locale adds 0.5. Results are
 * sorted by total weight, then by registry order (passports before other documents).
 */
import { COUNTRY_NAMES, countryName } from './countries';
import type { DocumentKind, PhotoSpec } from './schema';

export type SearchLocale = 'en' | 'zh-CN';

/** Search words per document kind, English and Chinese. */
const KIND_WORDS: Readonly<Record<DocumentKind, { en: string; zh: string }>> = {
	passport: { en: 'passport', zh: '护照' },
	visa: { en: 'visa evisa', zh: '签证 签注' },
	'id-card': { en: 'id identity card national', zh: '身份证 身份卡' },
	'residence-permit': { en: 'residence permit', zh: '居留证 居留许可' },
	'driving-licence': { en: 'driving licence license driver', zh: '驾驶证 驾照' },
	exam: { en: 'exam examination test registration', zh: '考试 报名' },
	other: { en: 'photo', zh: '证件照' }
};

interface Field {
	text: string;
	words: string[];
	weight: number;
	lang: SearchLocale | 'any';
	/** Free text (document names): 1-2 letter tokens do not match here ("2x2 in print"). */
	prose: boolean;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

function normalise(s: string, locale: SearchLocale): string {
	return s.normalize('NFKC').toLocaleLowerCase(locale);
}

function splitWords(s: string): string[] {
	return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function fieldsOf(spec: PhotoSpec, locale: SearchLocale): Field[] {
	const f = (text: string, weight: number, lang: Field['lang'], prose = false): Field => {
		const t = normalise(text, locale);
		return { text: t, words: splitWords(t), weight, lang, prose };
	};
	const names = COUNTRY_NAMES[spec.country];
	const kind = KIND_WORDS[spec.kind];
	const out: Field[] = [
		f(spec.country, 3, 'any'),
		f(countryName(spec.country, 'en'), 3, 'en'),
		f(countryName(spec.country, 'zh-CN'), 3, 'zh-CN'),
		f(spec.document.en, 2, 'en', true),
		f(spec.document['zh-CN'], 2, 'zh-CN', true),
		f(spec.id, 2, 'any'),
		f(kind.en, 2, 'en'),
		f(kind.zh, 2, 'zh-CN')
	];
	for (const alias of names?.aliases ?? []) out.push(f(alias, 3, CJK.test(alias) ? 'zh-CN' : 'en'));
	return out;
}

function fieldScore(field: Field, locale: SearchLocale): number {
	return field.weight + (field.lang === locale ? 0.5 : 0);
}

function latinTokenScore(token: string, fields: Field[], locale: SearchLocale): number {
	let best = 0;
	for (const field of fields) {
		if (token.length <= 2 && field.prose) continue;
		const hit = field.words.some((w) => w === token || (token.length >= 3 && w.startsWith(token)));
		if (hit) best = Math.max(best, fieldScore(field, locale));
	}
	return best;
}

function cjkSubstringScore(piece: string, fields: Field[], locale: SearchLocale): number {
	let best = 0;
	for (const field of fields) if (field.text.includes(piece)) best = Math.max(best, fieldScore(field, locale));
	return best;
}

/** Score of a CJK token: whole match, else the weakest piece of the best split into found pieces (>= 2 chars). */
function cjkTokenScore(token: string, fields: Field[], locale: SearchLocale): number {
	const whole = cjkSubstringScore(token, fields, locale);
	if (whole > 0) return whole;
	const memo = new Map<number, number>();
	// Best score for covering token[start..] with pieces of >= 2 chars; Infinity for the empty rest.
	const cover = (start: number): number => {
		if (start === token.length) return Infinity;
		const cached = memo.get(start);
		if (cached !== undefined) return cached;
		let result = 0;
		for (let end = token.length; end >= start + 2; end--) {
			const s = cjkSubstringScore(token.slice(start, end), fields, locale);
			if (s === 0) continue;
			const rest = cover(end);
			if (rest > 0) result = Math.max(result, Math.min(s, rest));
		}
		memo.set(start, result);
		return result;
	};
	const split = cover(0);
	return Number.isFinite(split) ? split : 0;
}

/** Query -> tokens (normalised, split on whitespace and punctuation). */
export function tokenize(query: string, locale: SearchLocale = 'en'): string[] {
	return splitWords(normalise(query, locale));
}

/**
 * Relevance of `spec` for `query`: 0 when some token matches nothing, else the sum of each
 * token's best field weight (see module doc).
 */
export function scoreSpec(spec: PhotoSpec, query: string, locale: SearchLocale = 'en'): number {
	const tokens = tokenize(query, locale);
	if (tokens.length === 0) return 1;
	const fields = fieldsOf(spec, locale);
	let total = 0;
	for (const token of tokens) {
		const s = CJK.test(token) ? cjkTokenScore(token, fields, locale) : latinTokenScore(token, fields, locale);
		if (s === 0) return 0;
		total += s;
	}
	return total;
}

/** Specs of `specs` matching `query`, best first; ties keep the order of `specs`. */
export function searchSpecList(specs: readonly PhotoSpec[], query: string, locale: SearchLocale = 'en'): PhotoSpec[] {
	return specs
		.map((spec, index) => ({ spec, index, score: scoreSpec(spec, query, locale) }))
		.filter((r) => r.score > 0)
		.sort((a, b) => b.score - a.score || a.index - b.index)
		.map((r) => r.spec);
}

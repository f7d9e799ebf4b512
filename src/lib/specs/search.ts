/**
 * Free-text search over specs, in English and Chinese.
 *
 * Matching rules (all query tokens must match somewhere in the same spec):
 * - The query is NFKC-normalised, lower-cased and split on spaces and punctuation.
 * - Size words are joined before splitting, in the query and in the spec texts alike: a digit
 *   before 寸 becomes the Chinese numeral ("1寸" -> "一寸", the trade's two spellings of the same
 *   size) and a number before "inch" becomes one word ("1-inch", "1 inch", "1inch" -> "1inch").
 * - Latin tokens match whole words of a field; tokens of 3+ letters also match word
 *   prefixes ("germ" -> "germany"). 1-2 letter tokens must equal a word ("de", "uk"),
 *   so "in" does not hit "internal"; they match only country, id, keyword and kind words, never
 *   the free-text document name ("2x2 in print").
 * - Chinese (CJK) tokens match as substrings; a token found nowhere as a whole is split into
 *   pieces of 2+ characters that each occur in the spec ("中国护照" = "中国" + "护照"). A spec's
 *   `keywords` (common short names, e.g. "四级", "考研") match only a whole token or piece.
 * - The Schengen visa (country "EU") is also found by the name of a Schengen state, but only
 *   together with a word of its own ("france visa", "法国签证"; "france" alone does not list it).
 * - A Chinese match at the start of a field adds 0.1 ("二寸" is 二寸证件照 before 小二寸证件照).
 * Fields and weights: country code, names and aliases 3; keywords 3; document name (en, zh-CN),
 * id words and kind words 2; Schengen state names 1.5 (below a document piece, so a state's
 * own visa document, matched by its country at 3, ranks first also when a Chinese token is
 * split). A match in a field of the caller's locale adds 0.5. In the zh-CN locale a query with Chinese characters adds 0.25 to documents of China (HOME_COUNTRY)
 * that residents get at home (not visas or residence permits, which a country issues to
 * foreigners), so "身份证" lists the resident ID card before the German one. Results are sorted by
 * total weight, then by registry order (passports before other documents).
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
	other: { en: 'photo', zh: '证件照 照片' }
};

/**
 * Schengen states (ISO 3166-1 alpha-2), whose consulates issue the Schengen visa: the 29 members
 * of the Schengen area listed by the European Commission, DG Migration and Home Affairs,
 * "Schengen Area" (https://home-affairs.ec.europa.eu/policies/schengen-borders-and-visa/schengen-area_en):
 * 25 EU states plus Iceland, Liechtenstein, Norway and Switzerland; Bulgaria and Romania fully
 * since 1 January 2025 (Council decision of 12 December 2024). Not members: Cyprus and Ireland.
 * Checked 2026-11-29 against pages quoting the Commission's text ("includes 29 countries"), not
 * the Commission page itself.
 */
export const SCHENGEN_STATES: readonly string[] = [
	'AT', 'BE', 'BG', 'HR', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IS', 'IT', 'LV',
	'LI', 'LT', 'LU', 'MT', 'NL', 'NO', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'CH'
];

/** Country whose documents a Chinese query in this locale prefers (see module doc). */
const HOME_COUNTRY: Readonly<Record<SearchLocale, string | undefined>> = { en: undefined, 'zh-CN': 'CN' };
/** Bonus for HOME_COUNTRY documents: less than one locale bonus, so it only reorders equal matches. */
const HOME_BONUS = 0.25;
/** Kinds a country issues to foreigners: no home-country bonus. */
const FOREIGNER_KINDS: ReadonlySet<DocumentKind> = new Set(['visa', 'residence-permit']);

interface Field {
	text: string;
	words: string[];
	weight: number;
	lang: SearchLocale | 'any';
	/** Free text (document names): 1-2 letter tokens do not match here ("2x2 in print"). */
	prose: boolean;
	/** Keyword: a Chinese token or piece must equal the whole keyword, not a part of it. */
	exact: boolean;
	/** 'member': a Schengen state's name on the Schengen visa; it cannot match alone. */
	role: 'own' | 'member';
}

/** Best match of a token: its weight, and whether it came from a field of the spec's own. */
interface Hit {
	score: number;
	own: boolean;
}

const NO_HIT: Hit = { score: 0, own: false };
/**
 * Bonus for a Chinese match at the start of a field: Chinese has no word breaks, so a name that
 * begins with the query ("二寸证件照") beats one that only contains it ("小二寸证件照").
 */
const CJK_START_BONUS = 0.1;

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/;
const CJK_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function normalise(s: string, locale: SearchLocale): string {
	return s
		.normalize('NFKC')
		.toLocaleLowerCase(locale)
		.replace(/(?<!\d)(\d)\s*寸/gu, (_, d: string) => `${CJK_DIGITS[Number(d)]}寸`)
		.replace(/(?<![\p{L}\p{N}])(\d+)[\s-]*inch(?:es)?(?!\p{L})/gu, '$1inch');
}

function splitWords(s: string): string[] {
	return s.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function better(a: Hit, b: Hit): boolean {
	return a.score > b.score || (a.score === b.score && a.own && !b.own);
}

function makeField(text: string, weight: number, lang: Field['lang'], locale: SearchLocale, opts: Partial<Field> = {}): Field {
	const t = normalise(text, locale);
	return { text: t, words: splitWords(t), weight, lang, prose: false, exact: false, role: 'own', ...opts };
}

const langOf = (text: string): SearchLocale => (CJK.test(text) ? 'zh-CN' : 'en');

/** Weight of a Schengen state's name on the Schengen visa (see module doc). */
const MEMBER_WEIGHT = 1.5;

const memberFieldCache = new Map<SearchLocale, Field[]>();

/** Name fields (en, zh-CN, aliases; not the codes: "no visa", "it visa") of every Schengen state. */
function schengenMemberFields(locale: SearchLocale): Field[] {
	const cached = memberFieldCache.get(locale);
	if (cached) return cached;
	const out: Field[] = [];
	for (const code of SCHENGEN_STATES) {
		const member = { role: 'member' } as const;
		out.push(makeField(countryName(code, 'en'), MEMBER_WEIGHT, 'en', locale, member));
		out.push(makeField(countryName(code, 'zh-CN'), MEMBER_WEIGHT, 'zh-CN', locale, member));
		for (const alias of COUNTRY_NAMES[code]?.aliases ?? []) out.push(makeField(alias, MEMBER_WEIGHT, langOf(alias), locale, member));
	}
	memberFieldCache.set(locale, out);
	return out;
}

function fieldsOf(spec: PhotoSpec, locale: SearchLocale): Field[] {
	const f = (text: string, weight: number, lang: Field['lang'], opts?: Partial<Field>) =>
		makeField(text, weight, lang, locale, opts);
	const names = COUNTRY_NAMES[spec.country];
	const kind = KIND_WORDS[spec.kind];
	const out: Field[] = [
		f(spec.country, 3, 'any'),
		f(countryName(spec.country, 'en'), 3, 'en'),
		f(countryName(spec.country, 'zh-CN'), 3, 'zh-CN'),
		f(spec.document.en, 2, 'en', { prose: true }),
		f(spec.document['zh-CN'], 2, 'zh-CN', { prose: true }),
		f(spec.id, 2, 'any'),
		f(kind.en, 2, 'en'),
		f(kind.zh, 2, 'zh-CN')
	];
	for (const alias of names?.aliases ?? []) out.push(f(alias, 3, langOf(alias)));
	for (const kw of spec.keywords?.en ?? []) out.push(f(kw, 3, 'en', { exact: true }));
	for (const kw of spec.keywords?.['zh-CN'] ?? []) out.push(f(kw, 3, 'zh-CN', { exact: true }));
	if (spec.country === 'EU') out.push(...schengenMemberFields(locale));
	return out;
}

function fieldHit(field: Field, locale: SearchLocale): Hit {
	return { score: field.weight + (field.lang === locale ? 0.5 : 0), own: field.role === 'own' };
}

function latinTokenHit(token: string, fields: Field[], locale: SearchLocale): Hit {
	let best = NO_HIT;
	for (const field of fields) {
		if (token.length <= 2 && field.prose) continue;
		const hit = field.words.some((w) => w === token || (token.length >= 3 && w.startsWith(token)));
		if (hit) {
			const h = fieldHit(field, locale);
			if (better(h, best)) best = h;
		}
	}
	return best;
}

function cjkSubstringHit(piece: string, fields: Field[], locale: SearchLocale): Hit {
	let best = NO_HIT;
	for (const field of fields) {
		const found = field.exact ? field.text === piece : field.text.includes(piece);
		if (!found) continue;
		const h = fieldHit(field, locale);
		if (!field.exact && field.text.startsWith(piece)) h.score += CJK_START_BONUS;
		if (better(h, best)) best = h;
	}
	return best;
}

/** Hit of a CJK token: whole match, else the weakest piece of the best split into found pieces (>= 2 chars). */
function cjkTokenHit(token: string, fields: Field[], locale: SearchLocale): Hit {
	const whole = cjkSubstringHit(token, fields, locale);
	if (whole.score > 0) return whole;
	const memo = new Map<number, Hit>();
	// Best hit for covering token[start..] with pieces of >= 2 chars; score Infinity for the empty rest.
	const cover = (start: number): Hit => {
		if (start === token.length) return { score: Infinity, own: false };
		const cached = memo.get(start);
		if (cached !== undefined) return cached;
		let result = NO_HIT;
		for (let end = token.length; end >= start + 2; end--) {
			const piece = cjkSubstringHit(token.slice(start, end), fields, locale);
			if (piece.score === 0) continue;
			const rest = cover(end);
			if (rest.score === 0) continue;
			const h = { score: Math.min(piece.score, rest.score), own: piece.own || rest.own };
			if (better(h, result)) result = h;
		}
		memo.set(start, result);
		return result;
	};
	const split = cover(0);
	return Number.isFinite(split.score) ? split : NO_HIT;
}

/** Query -> tokens (normalised as in the module doc, split on whitespace and punctuation). */
export function tokenize(query: string, locale: SearchLocale = 'en'): string[] {
	return splitWords(normalise(query, locale));
}

/**
 * Relevance of `spec` for `query`: 0 when some token matches nothing (or only Schengen state
 * names match), else the sum of each token's best field weight plus the home-country bonus (see
 * module doc). An empty query scores 1.
 */
export function scoreSpec(spec: PhotoSpec, query: string, locale: SearchLocale = 'en'): number {
	const tokens = tokenize(query, locale);
	if (tokens.length === 0) return 1;
	const fields = fieldsOf(spec, locale);
	let total = 0;
	let own = false;
	for (const token of tokens) {
		const h = CJK.test(token) ? cjkTokenHit(token, fields, locale) : latinTokenHit(token, fields, locale);
		if (h.score === 0) return 0;
		total += h.score;
		own ||= h.own;
	}
	if (!own) return 0;
	const home = HOME_COUNTRY[locale];
	if (home === spec.country && !FOREIGNER_KINDS.has(spec.kind) && tokens.some((t) => CJK.test(t))) total += HOME_BONUS;
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

/**
 * Message catalogue checks (issue 9): every area file exists in every language with the same keys,
 * no message is empty, every message is valid ICU syntax with the same placeholders in every
 * language, and every key the code asks for exists in English.
 * Catalogue: src/lib/i18n/locales/<lang>/<area>.json (see src/lib/i18n/index.ts).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { getMessageFormatter } from 'svelte-i18n';
import { LANGUAGES } from '$lib/i18n';

const ROOT = resolve('src/lib/i18n/locales');
const LANGS = LANGUAGES.map((l) => l.code);

type Tree = { [k: string]: unknown };

/** Flattens an area file to `area.a.b` → value. */
function flatten(tree: unknown, prefix: string, out: Map<string, unknown>): Map<string, unknown> {
	if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
		for (const [k, v] of Object.entries(tree as Tree)) flatten(v, `${prefix}.${k}`, out);
	} else out.set(prefix, tree);
	return out;
}

function areas(lang: string): string[] {
	return readdirSync(join(ROOT, lang))
		.filter((f) => f.endsWith('.json'))
		.map((f) => f.slice(0, -5))
		.sort();
}

function load(lang: string, area: string): Map<string, unknown> {
	return flatten(JSON.parse(readFileSync(join(ROOT, lang, `${area}.json`), 'utf8')), area, new Map());
}

const allAreas = [...new Set(LANGS.flatMap(areas))].sort();
const catalogue = new Map(LANGS.map((lang) => [lang, new Map(areas(lang).map((a) => [a, load(lang, a)]))]));
const enKeys = new Set([...catalogue.get('en')!.values()].flatMap((m) => [...m.keys()]));

/** ICU argument names of a message with their kind (argument, number, plural, select…), e.g. "count:plural". */
interface AstEl {
	type: number;
	value?: string;
	options?: Record<string, { value: AstEl[] }>;
	children?: AstEl[];
}
const KIND = ['literal', 'argument', 'number', 'date', 'time', 'select', 'plural', 'pound', 'tag'];
function placeholders(message: string, locale: string): string[] {
	const names = new Set<string>();
	const walk = (els: AstEl[]) => {
		for (const el of els) {
			if (el.type >= 1 && el.type <= 6 && el.value) {
				// A plain argument and a number/plural/select of the same name count as the same placeholder
				// (Chinese often needs no plural: "{count} 张" vs "{count, plural, one {# photo} other {# photos}}").
				names.add(`${el.value}${el.type === 5 ? ':select' : ''}`);
			}
			if (el.options) for (const o of Object.values(el.options)) walk(o.value);
			if (el.children) walk(el.children);
		}
	};
	walk(getMessageFormatter(message, locale).getAst() as unknown as AstEl[]);
	return [...names].sort();
}

describe('message catalogue', () => {
	it('has the languages and some areas', () => {
		expect(LANGS).toEqual(['en', 'zh-CN']);
		expect(allAreas.length).toBeGreaterThanOrEqual(10);
	});

	it.each(allAreas)('area %s exists in every language with the same keys', (area) => {
		const problems: string[] = [];
		const present = LANGS.filter((lang) => areas(lang).includes(area));
		for (const lang of LANGS) if (!present.includes(lang)) problems.push(`${lang}/${area}.json is missing`);
		const keys = new Set(present.flatMap((lang) => [...catalogue.get(lang)!.get(area)!.keys()]));
		for (const lang of present) {
			const own = catalogue.get(lang)!.get(area)!;
			for (const key of keys) if (!own.has(key)) problems.push(`${lang}/${area}.json lacks ${key}`);
		}
		expect(problems).toEqual([]);
	});

	it.each(allAreas)('area %s: every message is a non-empty string', (area) => {
		const problems: string[] = [];
		for (const lang of LANGS) {
			for (const [key, value] of catalogue.get(lang)?.get(area) ?? []) {
				if (typeof value !== 'string') problems.push(`${lang} ${key} is not a string (${JSON.stringify(value)})`);
				else if (value.trim() === '') problems.push(`${lang} ${key} is empty`);
			}
		}
		expect(problems).toEqual([]);
	});

	it.each(allAreas)('area %s: valid ICU syntax, same placeholders in every language', (area) => {
		const problems: string[] = [];
		const per = new Map<string, Map<string, string[]>>();
		for (const lang of LANGS) {
			for (const [key, value] of catalogue.get(lang)?.get(area) ?? []) {
				if (typeof value !== 'string') continue;
				try {
					const names = placeholders(value, lang);
					if (!per.has(key)) per.set(key, new Map());
					per.get(key)!.set(lang, names);
				} catch (e) {
					problems.push(`${lang} ${key}: ${(e as Error).message}`);
				}
			}
		}
		for (const [key, byLang] of per) {
			const [first, ...rest] = [...byLang.entries()];
			for (const [lang, names] of rest)
				if (names.join(',') !== first[1].join(','))
					problems.push(`${key}: ${first[0]} has {${first[1].join('}, {')}} but ${lang} has {${names.join('}, {')}}`);
		}
		expect(problems).toEqual([]);
	});
});

/** Source files under `dir` with one of the extensions (recursive). */
function sources(dir: string, exts: string[]): string[] {
	return readdirSync(dir).flatMap((name) => {
		const p = join(dir, name);
		if (statSync(p).isDirectory()) return sources(p, exts);
		return exts.some((e) => name.endsWith(e)) && !name.endsWith('.test.ts') ? [p] : [];
	});
}

describe('keys used in the code', () => {
	const files = [...sources(resolve('src'), ['.svelte']), ...sources(resolve('src/lib/i18n'), ['.ts'])];
	const areaAlt = allAreas.map((a) => a.replace(/[-]/g, '\\-')).join('|');
	/** Literal keys: `$t('…')`, `translate('…')`, `tr('…')`, and any quoted `area.key…` string (ternaries). */
	const literal = new RegExp(`(?:\\$t|translate|tr)\\(\\s*'([^']+)'|'((?:${areaAlt})\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)*)'`, 'g');
	/** Template keys: `$t(\`result.paper.${id}\`)` → every such pattern must match at least one key. */
	const template = /(?:\$t|translate|tr)\(\s*`([^`]+)`/g;

	it('scans a reasonable number of files', () => {
		expect(files.length).toBeGreaterThan(20);
	});

	it('every literal key exists in English', () => {
		const missing: string[] = [];
		let seen = 0;
		for (const file of files) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(literal)) {
				const key = m[1] ?? m[2];
				seen++;
				if (!enKeys.has(key)) missing.push(`${relative(resolve('.'), file)}: ${key}`);
			}
		}
		expect(seen).toBeGreaterThan(200);
		expect(missing).toEqual([]);
	});

	it('every template key pattern matches a key in English', () => {
		const missing: string[] = [];
		for (const file of files) {
			const text = readFileSync(file, 'utf8');
			for (const m of text.matchAll(template)) {
				const pattern = new RegExp(`^${m[1].split(/\$\{[^}]*\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^.]+')}$`);
				if (![...enKeys].some((k) => pattern.test(k))) missing.push(`${relative(resolve('.'), file)}: ${m[1]}`);
			}
		}
		expect(missing).toEqual([]);
	});
});

/**
 * English renderings of the check sentences (CheckText) from the same templates the interface shows through
 * svelte-i18n: src/lib/i18n/locales/en/checks.json. The core (CLI --report, the pipeline) writes `message`, `fix` and
 * `limit` with renderText, so the English report and the English interface say the same thing; other languages are
 * rendered by the interface only (CheckReport.svelte with `$t`).
 *
 * The renderer implements the subset of ICU MessageFormat the templates use (the i18n test compares it with
 * intl-messageformat on every template): `{name}`, `{name, select, a {…} b {…} other {…}}` and
 * `{name, plural, =0 {…} one {…} other {…}}` (English plural rule; `#` is the number), nested freely.
 */
import en from '../i18n/locales/en/checks.json';
import type { CheckText } from './types';

type Tree = { [k: string]: string | Tree };

/** The English template of `key` (relative to the `checks` area, e.g. 'yaw.pass'); undefined when absent. */
export function englishTemplate(key: string): string | undefined {
	let node: string | Tree | undefined = en as Tree;
	for (const part of key.split('.')) {
		if (typeof node !== 'object' || node === null) return undefined;
		node = node[part];
	}
	return typeof node === 'string' ? node : undefined;
}

/** Index of the `}` closing the `{` at `open` in `s`. @throws Error when unbalanced. */
function closing(s: string, open: number): number {
	let depth = 0;
	for (let i = open; i < s.length; i++) {
		if (s[i] === '{') depth++;
		else if (s[i] === '}' && --depth === 0) return i;
	}
	throw new Error(`unbalanced braces in message template: ${s}`);
}

/** The `key {message}` options of a select/plural argument body. */
function options(body: string): Map<string, string> {
	const out = new Map<string, string>();
	let i = 0;
	while (i < body.length) {
		while (i < body.length && /\s/.test(body[i])) i++;
		if (i >= body.length) break;
		const open = body.indexOf('{', i);
		if (open < 0) throw new Error(`select/plural option without a message: ${body}`);
		const key = body.slice(i, open).trim();
		const end = closing(body, open);
		out.set(key, body.slice(open + 1, end));
		i = end + 1;
	}
	return out;
}

/**
 * Formats an ICU `template` with `values` (the subset described above).
 * @throws Error for a malformed template or a placeholder without a value.
 */
export function formatTemplate(template: string, values: Record<string, string | number>, hash?: string): string {
	let out = '';
	let i = 0;
	while (i < template.length) {
		const c = template[i];
		if (c === '{') {
			const end = closing(template, i);
			const inner = template.slice(i + 1, end);
			const comma = inner.indexOf(',');
			const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
			if (!(name in values)) throw new Error(`message template needs a value for {${name}}: ${template}`);
			const v = values[name];
			if (comma < 0) out += String(v);
			else {
				const rest = inner.slice(comma + 1);
				const comma2 = rest.indexOf(',');
				const type = rest.slice(0, comma2).trim();
				const opts = options(rest.slice(comma2 + 1));
				if (type === 'select') {
					const msg = opts.get(String(v)) ?? opts.get('other');
					if (msg === undefined) throw new Error(`select without 'other': ${template}`);
					out += formatTemplate(msg, values, hash);
				} else if (type === 'plural') {
					const n = Number(v);
					const msg = opts.get(`=${n}`) ?? (n === 1 ? opts.get('one') : undefined) ?? opts.get('other');
					if (msg === undefined) throw new Error(`plural without 'other': ${template}`);
					out += formatTemplate(msg, values, String(n));
				} else throw new Error(`unsupported argument type '${type}' in: ${template}`);
			}
			i = end + 1;
		} else if (c === '#' && hash !== undefined) {
			out += hash;
			i++;
		} else {
			out += c;
			i++;
		}
	}
	return out;
}

/**
 * The English sentence of `t` (checks.json template `t.key` with `t.values`).
 * @throws Error when the key has no English template (a programming error: every key the checks use is in the file,
 *   tests/unit/quality/messages.test.ts).
 */
export function renderText(t: CheckText): string {
	const template = englishTemplate(t.key);
	if (template === undefined) throw new Error(`no English template for checks.${t.key}`);
	return formatTemplate(template, t.values);
}

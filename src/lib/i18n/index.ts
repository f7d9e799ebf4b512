/**
 * Interface languages (issue 9): English and Simplified Chinese, with svelte-i18n.
 *
 * Messages live in `./locales/<lang>/<area>.json` (nested JSON, ICU message syntax, `{name}`
 * placeholders). Every file is loaded eagerly by one `import.meta.glob`, so adding an area file
 * needs no change here; the file name (the area) becomes the first key segment:
 * `locales/en/checks.json` → `checks.head-height.title`. Guide: /work/notes/i18n-howto.md.
 *
 * Importing this module initialises svelte-i18n synchronously (all messages are bundled, nothing
 * is fetched), so `$t(...)` works from the first render. The language is chosen once at start:
 * the value saved in localStorage (`idphoto.lang`) if valid, else the first browser language
 * (`navigator.languages`) that maps to a supported one (`zh*` → zh-CN, `en*` → en), else English.
 * No cookie is ever set; without localStorage (private mode, blocked storage) the choice simply
 * lasts for the page's life.
 */
import { addMessages, init, locale, _, unwrapFunctionStore } from 'svelte-i18n';
import { get } from 'svelte/store';

/** The interface languages, in the order the language switch lists them; `label` is the language's own name. */
export const LANGUAGES = [
	{ code: 'en', label: 'English' },
	{ code: 'zh-CN', label: '简体中文' }
] as const;

/** A supported interface language code (BCP 47). */
export type Language = (typeof LANGUAGES)[number]['code'];

/** Fallback language: messages missing in another language are shown in English. */
export const FALLBACK_LANGUAGE: Language = 'en';

/** localStorage key of the chosen language (cleared by "Delete all my data", src/lib/history/wipe.ts). */
export const LANGUAGE_STORAGE_KEY = 'idphoto.lang';

/** A nested message dictionary as read from one area file. */
export interface MessageTree {
	[key: string]: string | MessageTree;
}

/**
 * Groups glob-imported locale modules by language: `{ en: { checks: {...}, home: {...} }, 'zh-CN': {...} }`.
 * @param modules `import.meta.glob` result keyed by path `./locales/<lang>/<area>.json`; values are the
 *   parsed JSON (or a module whose `default` is the JSON).
 * @throws Error when a path does not match `<lang>/<area>.json`.
 */
export function groupMessages(modules: Record<string, unknown>): Record<string, Record<string, MessageTree>> {
	const out: Record<string, Record<string, MessageTree>> = {};
	for (const [path, mod] of Object.entries(modules)) {
		const m = /\/locales\/([^/]+)\/([^/]+)\.json$/.exec(path);
		if (!m) throw new Error(`i18n: unexpected locale file path ${path}`);
		const [, lang, area] = m;
		const tree = (mod && typeof mod === 'object' && 'default' in mod ? (mod as { default: unknown }).default : mod) as MessageTree;
		(out[lang] ??= {})[area] = tree;
	}
	return out;
}

/** All messages, grouped by language then area (see groupMessages). */
export const MESSAGES = groupMessages(import.meta.glob('./locales/*/*.json', { eager: true, import: 'default' }));

/**
 * Maps a BCP 47 tag to a supported language: any `zh…` (zh, zh-CN, zh-Hans, zh-TW…) → 'zh-CN',
 * any `en…` → 'en', anything else → null. Case-insensitive.
 */
export function matchLanguage(tag: string | null | undefined): Language | null {
	const t = (tag ?? '').trim().toLowerCase();
	if (t === 'zh' || t.startsWith('zh-') || t.startsWith('zh_')) return 'zh-CN';
	if (t === 'en' || t.startsWith('en-') || t.startsWith('en_')) return 'en';
	return null;
}

/**
 * Picks the start language: `saved` (a previous choice) when it is supported, else the first of
 * `browser` (navigator.languages, in the user's order of preference) that matches, else English.
 */
export function pickLanguage(saved: string | null | undefined, browser: readonly string[]): Language {
	const s = LANGUAGES.find((l) => l.code === saved);
	if (s) return s.code;
	for (const tag of browser) {
		const m = matchLanguage(tag);
		if (m) return m;
	}
	return FALLBACK_LANGUAGE;
}

function readSaved(): string | null {
	try {
		return globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
	} catch {
		return null; // storage blocked
	}
}

function browserLanguages(): readonly string[] {
	const nav = globalThis.navigator as Navigator | undefined;
	if (!nav) return [];
	return nav.languages?.length ? nav.languages : nav.language ? [nav.language] : [];
}

for (const [lang, areas] of Object.entries(MESSAGES)) addMessages(lang, areas);
void init({ fallbackLocale: FALLBACK_LANGUAGE, initialLocale: pickLanguage(readSaved(), browserLanguages()) });

// Keep <html lang> in step with the interface language (screen readers, fonts, hyphenation).
locale.subscribe((l) => {
	if (l && typeof document !== 'undefined') document.documentElement.lang = l;
});

/** The current interface language. */
export function currentLanguage(): Language {
	return matchLanguage(get(locale)) ?? FALLBACK_LANGUAGE;
}

/**
 * Switches the interface language and saves the choice in localStorage (`idphoto.lang`; ignored
 * when storage is unavailable). Unsupported codes are ignored.
 */
export function setLanguage(lang: string): void {
	const l = LANGUAGES.find((x) => x.code === lang);
	if (!l) return;
	void locale.set(l.code);
	try {
		globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, l.code);
	} catch {
		// storage blocked: the choice lasts for this page only
	}
}

/**
 * The svelte-i18n message store: in a component, `$t('home.title.choose')` or
 * `$t('spec.picker.total', { values: { count: 3 } })`. Re-renders when the language changes.
 */
export const t = _;

/** The svelte-i18n locale store (current language code), for reactive language-dependent code in components. */
export { locale };

const format = unwrapFunctionStore(_);

/**
 * Translates outside components (.ts code) in the current language, e.g.
 * `translate('history.made', { date: '1 May 2026' })`. Not reactive: call it again
 * after a language change. Returns the key itself when no language has it.
 */
export function translate(key: string, values?: Record<string, string | number | boolean | Date | null | undefined>): string {
	return format(key, values ? { values } : undefined);
}

// Initialises the interface language (svelte-i18n) before the first render; see src/lib/i18n/index.ts.
import '$lib/i18n';

export const prerender = true;
export const ssr = false;

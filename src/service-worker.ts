/** Service worker entry (SvelteKit bundles this file); the code is in src/lib/pwa/sw.ts. */
import '$lib/pwa/sw';

/**
 * Runs the UI-state unit tests colocated in src/lib/app (the root config only includes
 * tests/unit and models): `npx vitest run --config src/lib/app/vitest.config.ts`.
 * Reuses the root config (SvelteKit plugin for `$lib`, node environment) with only `include` replaced.
 */
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import root from '../../../vite.config';

const base = root as ViteUserConfig;

export default defineConfig({ ...base, test: { ...base.test, include: ['src/lib/app/**/*.test.ts'] } });

/**
 * Playwright config for the in-browser model tests (WebGPU vs WASM parity).
 * Run: npx playwright test -c tests/browser/models/playwright.config.ts
 * Uses Debian Chromium (/usr/bin/chromium); '--enable-unsafe-webgpu' exposes a software WebGPU
 * adapter (SwiftShader), which is slow: timeouts are generous.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.MODEL_HARNESS_PORT ?? 4179);

export default defineConfig({
	testDir: '.',
	testMatch: '*.spec.ts',
	timeout: 15 * 60_000,
	workers: 1,
	reporter: [['list']],
	outputDir: join(tmpdir(), 'idphoto-playwright-models'),
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--enable-unsafe-webgpu'
			]
		}
	},
	webServer: {
		command: `npx tsx tests/browser/models/server.ts ${PORT}`,
		cwd: '../../..',
		url: `http://127.0.0.1:${PORT}/health`,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	}
});

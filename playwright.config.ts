import { defineConfig } from '@playwright/test';

/**
 * Browser tests in Debian's Chromium (never a downloaded browser), two projects:
 * - `app`: the built app served by `vite preview` with COOP/COEP (tests/browser/e2e);
 * - `models`: every converted model on WebGPU vs WASM, and the inference worker, on a small harness server
 *   (tests/browser/models). `--enable-unsafe-webgpu` gives a software WebGPU adapter (SwiftShader).
 */
/** Ports can be moved (E2E_PORT, E2E_MODELS_PORT) so that two working copies can run the suite side by side. */
const PORT = Number(process.env.E2E_PORT ?? 4173);
const MODELS_PORT = Number(process.env.E2E_MODELS_PORT ?? 4179);

export default defineConfig({
	testDir: 'tests/browser',
	timeout: 15 * 60_000,
	expect: { timeout: 60_000 },
	fullyParallel: false,
	workers: 1,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		acceptDownloads: true,
		// English UI unless a test asks for another language (the app follows the browser's language).
		locale: 'en-US',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic',
				'--enable-unsafe-webgpu',
				'--enable-features=Vulkan',
				'--use-fake-device-for-media-stream',
				'--use-fake-ui-for-media-stream'
			]
		}
	},
	projects: [
		{ name: 'app', testDir: 'tests/browser/e2e' },
		{ name: 'models', testDir: 'tests/browser/models', use: { baseURL: `http://127.0.0.1:${MODELS_PORT}` } }
	],
	webServer: [
		{
			command: `npx vite build && npx vite preview --port ${PORT} --strictPort`,
			url: `http://localhost:${PORT}`,
			reuseExistingServer: !process.env.CI,
			timeout: 300_000,
			stdout: 'ignore',
			stderr: 'pipe'
		},
		{
			command: `npx tsx tests/browser/models/server.ts ${MODELS_PORT}`,
			url: `http://127.0.0.1:${MODELS_PORT}/health`,
			reuseExistingServer: !process.env.CI,
			timeout: 60_000
		}
	]
});

import { sveltekit } from '@sveltejs/kit/vite';
import { type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Cross-origin isolation (COOP/COEP) for dev and preview servers, needed for
 * SharedArrayBuffer and so for onnxruntime-web's WASM threads.
 * `server.headers` alone does not reach every response (preview, static assets),
 * so the headers are set in a middleware on both servers.
 * Source: https://web.dev/articles/coop-coep
 */
function crossOriginIsolation(): Plugin {
	const setHeaders = (_req: unknown, res: { setHeader(k: string, v: string): void }, next: () => void) => {
		res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
		res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
		res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
		next();
	};
	return {
		name: 'cross-origin-isolation',
		configureServer(server) {
			server.middlewares.use(setHeaders);
		},
		configurePreviewServer(server) {
			server.middlewares.use(setHeaders);
		}
	};
}

/**
 * Serves (dev) and emits (build) the files the app loads at run time from its own origin:
 * - `/models/<name>.onnx` from models/onnx (written by the converter at `npm install`),
 * - `/ort/ort-wasm-*.{mjs,wasm}` from onnxruntime-web's dist (the WASM runtimes), so no CDN is ever used.
 */
function localAssets(): Plugin {
	const dirs: Record<string, { dir: string; match: RegExp }> = {
		'/models/': { dir: resolve('models/onnx'), match: /\.(onnx|json)$/ },
		'/ort/': { dir: resolve('node_modules/onnxruntime-web/dist'), match: /^ort-wasm-simd-threaded(\.jsep|\.asyncify)?\.(mjs|wasm)$/ }
	};
	const types: Record<string, string> = { onnx: 'application/octet-stream', json: 'application/json', mjs: 'text/javascript', wasm: 'application/wasm' };
	const files = () =>
		Object.entries(dirs).flatMap(([prefix, { dir, match }]) =>
			existsSync(dir) ? readdirSync(dir).filter((f) => match.test(f)).map((f) => ({ url: prefix + f, path: join(dir, f) })) : []
		);
	let isSsrBuild = false;
	return {
		name: 'local-assets',
		configResolved(config) {
			isSsrBuild = !!config.build.ssr;
		},
		configureServer(server) {
			server.middlewares.use((req, res, next) => {
				const url = req.url?.split('?')[0];
				const file = files().find((f) => f.url === url);
				if (!file) return next();
				res.setHeader('Content-Type', types[file.path.split('.').pop()!] ?? 'application/octet-stream');
				res.end(readFileSync(file.path));
			});
		},
		generateBundle() {
			if (isSsrBuild) return;
			for (const f of files()) this.emitFile({ type: 'asset', fileName: f.url.slice(1), source: readFileSync(f.path) });
		}
	};
}

export default defineConfig({
	plugins: [crossOriginIsolation(), localAssets(), sveltekit()],
	worker: { format: 'es' },
	optimizeDeps: { exclude: ['onnxruntime-web'] },
	test: {
		include: ['tests/unit/**/*.test.ts', 'models/**/*.test.ts', 'src/**/*.test.ts'],
		environment: 'node',
		testTimeout: 120_000,
		hookTimeout: 120_000,
		pool: 'forks'
	}
});

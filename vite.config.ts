import { sveltekit } from '@sveltejs/kit/vite';
import { type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { readFileSync, readdirSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { inlineScriptHashes, paymentOriginFromEnv, securityHeaders } from './src/lib/pwa/headers.ts';

/**
 * Security headers for dev and preview servers, set in a middleware on both (`server.headers`
 * alone does not reach every response). Both get COOP/COEP/CORP (cross-origin isolation, needed
 * for SharedArrayBuffer and so onnxruntime-web's WASM threads; https://web.dev/articles/coop-coep),
 * Referrer-Policy and Permissions-Policy. The preview server (`npm start`) also gets the
 * Content-Security-Policy from src/lib/pwa/headers.ts, with the hashes of the inline scripts of
 * the built pages and `connect-src` widened only to the payment server (PAYMENT_ORIGIN, else PUBLIC_PAYMENT_API) when one is set
 * (dev keeps no CSP: Vite's HMR client needs inline code and a websocket).
 */
function crossOriginIsolation(): Plugin {
	type Res = { setHeader(k: string, v: string): void };
	const paymentOrigin = paymentOriginFromEnv(process.env);
	const use = (headers: Record<string, string>) => (_req: unknown, res: Res, next: () => void) => {
		for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
		next();
	};
	const { ['Content-Security-Policy']: _csp, ...devHeaders } = securityHeaders({ paymentOrigin });
	return {
		name: 'cross-origin-isolation',
		configureServer(server) {
			server.middlewares.use(use(devHeaders));
		},
		async configurePreviewServer(server) {
			const hashes = new Set<string>();
			for (const dir of ['build', '.svelte-kit/output/prerendered/pages']) {
				for (const file of htmlFiles(resolve(dir))) for (const h of await inlineScriptHashes(readFileSync(file, 'utf8'))) hashes.add(h);
			}
			server.middlewares.use(use(securityHeaders({ paymentOrigin, inlineScriptHashes: [...hashes].sort() })));
		}
	};
}

/** Every .html file under `dir` (recursive; none when it does not exist). */
function htmlFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []
	);
}

/**
 * Serves (dev) and emits (build) the files the app loads at run time from its own origin:
 * - `/models/<name>.onnx` from models/onnx (written by the converter at `npm install`),
 * - `/ort/ort-wasm-*.{mjs,wasm}` from onnxruntime-web's dist (the WASM runtimes), so no CDN is ever used.
 */
const localAssetDirs: Record<string, { dir: string; match: RegExp }> = {
	'/models/': { dir: resolve('models/onnx'), match: /\.(onnx|json)$/ },
	'/ort/': { dir: resolve('node_modules/onnxruntime-web/dist'), match: /^ort-wasm-simd-threaded(\.jsep|\.asyncify)?\.(mjs|wasm)$/ }
};

/**
 * What the service worker caches at run time (src/lib/pwa/runtime-assets.ts): the /models/ and
 * /ort/ paths and a version, SHA-256 (hex, 16 chars) over the model files' names and bytes and
 * the ort files' names, sizes and onnxruntime-web's version. A new version renames the runtime
 * cache, and the service worker deletes the old one on activate.
 */
function runtimeAssets(): { version: string; models: string[]; ort: string[] } {
	const hash = createHash('sha256');
	const list = (prefix: string) => {
		const { dir, match } = localAssetDirs[prefix];
		return existsSync(dir) ? readdirSync(dir).filter((f) => match.test(f)).sort() : [];
	};
	const models = list('/models/');
	const ort = list('/ort/');
	for (const f of models) hash.update(f).update(readFileSync(join(localAssetDirs['/models/'].dir, f)));
	for (const f of ort) hash.update(f).update(String(statSync(join(localAssetDirs['/ort/'].dir, f)).size));
	hash.update(JSON.parse(readFileSync(resolve('node_modules/onnxruntime-web/package.json'), 'utf8')).version);
	return { version: hash.digest('hex').slice(0, 16), models: models.map((f) => `/models/${f}`), ort: ort.map((f) => `/ort/${f}`) };
}

function localAssets(): Plugin {
	const dirs = localAssetDirs;
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

/**
 * Completes the service worker's precache list after the build: SvelteKit's `$service-worker`
 * `build` list misses the chunks a Web Worker imports (\_app/immutable/workers/chunks), so every
 * file under \_app/immutable except .wasm (the onnxruntime builds: runtime-cached, never
 * precached) is prepended to service-worker.js as `self.__PWA_SHELL_FILES__ = [...]` (paths
 * without base), read by src/lib/pwa/sw.ts. Runs once the adapter has written `build/`.
 */
function serviceWorkerShellFiles(): Plugin {
	let isSsrBuild = false;
	const walk = (dir: string, rel: string): string[] =>
		existsSync(dir)
			? readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
					e.isDirectory() ? walk(join(dir, e.name), `${rel}/${e.name}`) : [`${rel}/${e.name}`]
				)
			: [];
	return {
		name: 'service-worker-shell-files',
		configResolved(config) {
			isSsrBuild = !!config.build.ssr;
		},
		closeBundle: {
			order: 'post',
			sequential: true,
			handler() {
				if (!isSsrBuild) return;
				for (const root of [resolve('.svelte-kit/output/client'), resolve('build')]) {
					const sw = join(root, 'service-worker.js');
					if (!existsSync(sw)) continue;
					const code = readFileSync(sw, 'utf8');
					if (code.startsWith('self.__PWA_SHELL_FILES__')) continue;
					const list = walk(join(root, '_app/immutable'), '/_app/immutable').filter((f) => !f.endsWith('.wasm')).sort();
					writeFileSync(sw, `self.__PWA_SHELL_FILES__=${JSON.stringify(list)};\n${code}`);
				}
			}
		}
	};
}

export default defineConfig({
	plugins: [crossOriginIsolation(), localAssets(), sveltekit(), serviceWorkerShellFiles()],
	// Also applied by SvelteKit to the service worker build (src/lib/pwa/runtime-assets.ts).
	define: { __PWA_RUNTIME_ASSETS__: JSON.stringify(runtimeAssets()) },
	worker: { format: 'es' },
	optimizeDeps: { exclude: ['onnxruntime-web'] },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/server/**/*.test.ts', 'models/**/*.test.ts', 'src/**/*.test.ts'],
		environment: 'node',
		setupFiles: ['tests/setup/scratch-poison.ts'],
		testTimeout: 120_000,
		hookTimeout: 120_000,
		pool: 'forks'
	}
});

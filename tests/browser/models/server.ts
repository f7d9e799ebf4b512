/**
 * Tiny static server for the in-browser model harness (Playwright test and bench/models.ts).
 * Routes: /harness.html, /harness.js (this folder), /ort/* (onnxruntime-web/dist),
 * /models/<name>.onnx (models/onnx), /inputs/<name>.json (dims + input name) and /inputs/<name>.bin
 * (float32 little-endian), /worker.html + /worker-page.js + /inference.worker.js (the real worker and
 * client, bundled on request with esbuild, a dependency of tsx), /fixture/astronaut.{json,rgba}.
 * Every response carries COOP/COEP so the page is crossOriginIsolated
 * (SharedArrayBuffer → WASM threads). Run directly: `npx tsx tests/browser/models/server.ts [port]`.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { loadRgba, modelInputs } from './inputs';

/** Bundles a TypeScript entry for the browser (ESM, node: builtins left out). */
async function bundle(entry: string): Promise<string> {
	const r = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', write: false, external: ['node:*'], logLevel: 'error' });
	return r.outputFiles[0].text;
}

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../../..');
const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.wasm': 'application/wasm',
	'.onnx': 'application/octet-stream',
	'.bin': 'application/octet-stream',
	'.json': 'application/json'
};

/** Resolves `rel` under `base`, refusing paths that escape it. */
function under(base: string, rel: string): string | null {
	const p = normalize(join(base, rel));
	return p.startsWith(base) ? p : null;
}

export async function startServer(port = 0): Promise<{ server: Server; url: string }> {
	const inputs = new Map((await modelInputs(join(root, 'tests/fixtures/astronaut.png'))).map((i) => [i.model as string, i]));
	const astronaut = await loadRgba(join(root, 'tests/fixtures/astronaut.png'));
	const bundles = new Map<string, Promise<string>>();
	const bundled = (entry: string) => {
		if (!bundles.has(entry)) bundles.set(entry, bundle(entry));
		return bundles.get(entry)!;
	};
	const server = createServer(async (req, res) => {
		res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
		res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
		res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
		const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
		const send = (body: Buffer | string, type: string) => {
			res.writeHead(200, { 'Content-Type': type });
			res.end(body);
		};
		try {
			if (path === '/health') return send('ok', 'text/plain');
			if (path === '/' || path === '/harness.html') return send(await readFile(join(here, 'harness.html')), TYPES['.html']);
			if (path === '/harness.js') return send(await readFile(join(here, 'harness.js')), TYPES['.js']);
			if (path === '/worker.html')
				return send('<!doctype html><meta charset="utf-8"><title>worker</title><body><script type="module" src="/worker-page.js"></script></body>', TYPES['.html']);
			if (path === '/worker-page.js') return send(await bundled(join(here, 'worker-page.ts')), TYPES['.js']);
			if (path === '/inference.worker.js') return send(await bundled(join(root, 'workers/inference.worker.ts')), TYPES['.js']);
			if (path === '/fixture/astronaut.json') return send(JSON.stringify({ width: astronaut.width, height: astronaut.height }), TYPES['.json']);
			if (path === '/fixture/astronaut.rgba') return send(Buffer.from(astronaut.data.buffer, astronaut.data.byteOffset, astronaut.data.byteLength), TYPES['.bin']);
			let m = /^\/inputs\/([a-z_]+)\.(json|bin)$/.exec(path);
			if (m) {
				const inp = inputs.get(m[1]);
				if (!inp) throw Object.assign(new Error('no input'), { code: 'ENOENT' });
				if (m[2] === 'json') return send(JSON.stringify({ inputName: inp.inputName, dims: inp.dims }), TYPES['.json']);
				return send(Buffer.from(inp.data.buffer, inp.data.byteOffset, inp.data.byteLength), TYPES['.bin']);
			}
			let file: string | null = null;
			if ((m = /^\/ort\/(.+)$/.exec(path))) file = under(join(root, 'node_modules/onnxruntime-web/dist'), m[1]);
			else if ((m = /^\/models\/(.+)$/.exec(path))) file = under(join(root, 'models/onnx'), m[1]);
			if (!file) throw Object.assign(new Error('not found'), { code: 'ENOENT' });
			const ext = file.slice(file.lastIndexOf('.'));
			return send(await readFile(file), TYPES[ext] ?? 'application/octet-stream');
		} catch (e) {
			res.writeHead((e as { code?: string }).code === 'ENOENT' ? 404 : 500, { 'Content-Type': 'text/plain' });
			res.end(String(e));
		}
	});
	await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
	const addr = server.address();
	const p = typeof addr === 'object' && addr ? addr.port : port;
	return { server, url: `http://127.0.0.1:${p}` };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const { url } = await startServer(Number(process.argv[2] ?? process.env.PORT ?? 4179));
	console.log(`model harness at ${url}/harness.html`);
}

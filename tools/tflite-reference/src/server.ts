/**
 * A tiny static HTTP server on 127.0.0.1 (random free port) that serves exactly the files the
 * reference page needs, from an in-memory route table. Nothing else is reachable; no directory listing.
 * It sends no COOP/COEP headers, so the page is not cross-origin isolated, SharedArrayBuffer is
 * unavailable, and tfjs-tflite loads its single-threaded SIMD WASM (tflite_web_api_cc_simd.wasm).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One served file: body and Content-Type. */
export interface Route {
	body: Uint8Array | string;
	type: string;
}

export interface StaticServer {
	/** Base URL, e.g. "http://127.0.0.1:41234". */
	origin: string;
	/** Every path requested so far, in order (to record which WASM variant the page loaded). */
	requested: string[];
	/** Requested paths that had no route (answered 404). */
	notFound: string[];
	close(): Promise<void>;
}

/**
 * Starts the server.
 * @param routes Map from URL path (e.g. "/page/index.html") to file; other paths get 404.
 */
export async function startServer(routes: ReadonlyMap<string, Route>): Promise<StaticServer> {
	const requested: string[] = [];
	const notFound: string[] = [];
	const server: Server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		requested.push(path);
		const route = routes.get(path);
		if (!route || (req.method !== 'GET' && req.method !== 'HEAD')) {
			notFound.push(path);
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('not found');
			return;
		}
		res.writeHead(200, { 'Content-Type': route.type, 'Cache-Control': 'no-store' });
		res.end(req.method === 'HEAD' ? undefined : route.body);
	});
	await new Promise<void>((ok, fail) => {
		server.once('error', fail);
		server.listen(0, '127.0.0.1', () => ok());
	});
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requested,
		notFound,
		close: () => new Promise<void>((ok) => server.close(() => ok()))
	};
}

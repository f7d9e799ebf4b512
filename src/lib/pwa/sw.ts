/// <reference lib="webworker" />
/**
 * The service worker (bundled by SvelteKit from src/service-worker.ts; workbox runtime modules).
 * - Precache: the app shell, i.e. SvelteKit's `build` (hashed JS/CSS), `files` (static/, without
 *   screenshots) and `prerendered` pages, revisioned by the build version. Never models or ort.
 * - Runtime cache `idphoto-runtime-<version>`: /models/* and /ort/*, cache-first, stored on first
 *   use (or when the page asks with CACHE_RUNTIME, for files a not-yet-controlled worker fetched);
 *   other versions are deleted on activate, and workbox removes outdated precaches.
 * - Share target: POST <base>/share-target (multipart, field `photo`) puts the file in the share
 *   inbox cache and redirects (303) to `<base>/?shared=1`, where the page takes it.
 * - Updates wait until the page sends SKIP_WAITING (the user chose "reload"); first install claims
 *   the open page so it works offline at once.
 */
import { base, build, files, prerendered, version } from '$service-worker';
import { clientsClaim, setCacheNameDetails } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { CACHE_PREFIX, outdatedRuntimeCaches, runtimeCacheName, SHARE_CACHE, SHARED_FILE_PATH } from './cache-names';
import { isRuntimeAssetPath, RUNTIME_ASSETS } from './runtime-assets';
import { SHARE_FIELD, SHARE_TARGET_PATH } from './share';

declare const self: ServiceWorkerGlobalScope;

setCacheNameDetails({ prefix: CACHE_PREFIX });
const RUNTIME_CACHE = runtimeCacheName(RUNTIME_ASSETS.version);

/** Files under _app/immutable that `build` misses (worker chunks), prepended by vite.config.ts; hashed names. */
const workerChunks = ((self as unknown as { __PWA_SHELL_FILES__?: string[] }).__PWA_SHELL_FILES__ ?? []).map((p) => `${base}${p}`);

const shell = [
	...[...new Set([...build, ...workerChunks])].filter((url) => !url.endsWith('.wasm')).map((url) => ({ url, revision: null })),
	...files.filter((url) => !url.includes('/screenshots/')).map((url) => ({ url, revision: version })),
	...prerendered.map((url) => ({ url, revision: version }))
].filter((e) => !isRuntimeAssetPath(e.url.slice(base.length)));

// Query strings (e.g. ?spec=) do not change the page; `/history` is stored as `/history`.
precacheAndRoute(shell, { ignoreURLParametersMatching: [/.*/], cleanURLs: true });
cleanupOutdatedCaches();

// Any other navigation inside the app gets the app's start page (the client router takes over).
const startPage = prerendered.find((u) => u === `${base}/`) ?? `${base}/`;
registerRoute(new NavigationRoute(createHandlerBoundToURL(startPage), { denylist: [/\/share-target$/] }));

const runtime = new CacheFirst({ cacheName: RUNTIME_CACHE });
registerRoute(({ url }) => url.origin === self.location.origin && isRuntimeAssetPath(url.pathname.slice(base.length)), runtime);

registerRoute(
	({ url }) => url.origin === self.location.origin && url.pathname === `${base}${SHARE_TARGET_PATH}`,
	async ({ request }) => {
		const form = await request.formData();
		const file = form.getAll(SHARE_FIELD).find((v): v is File => typeof v !== 'string');
		if (file) {
			const cache = await caches.open(SHARE_CACHE);
			await cache.put(
				`${base}${SHARED_FILE_PATH}`,
				new Response(file, { headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) } })
			);
		}
		return Response.redirect(`${base}/?shared=${file ? 1 : 0}`, 303);
	},
	'POST'
);

self.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of outdatedRuntimeCaches(await caches.keys(), RUNTIME_CACHE)) await caches.delete(name);
		})()
	);
});
clientsClaim();

/** Stores `paths` (without base) in the runtime cache when missing; returns how many were added. */
async function cacheRuntime(paths: string[]): Promise<number> {
	const cache = await caches.open(RUNTIME_CACHE);
	let added = 0;
	for (const path of paths) {
		if (!isRuntimeAssetPath(path)) continue;
		const url = `${base}${path}`;
		if (await cache.match(url)) continue;
		const response = await fetch(url);
		if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
		await cache.put(url, response);
		added++;
	}
	return added;
}

self.addEventListener('message', (event) => {
	const data = event.data as { type?: string; paths?: string[] } | null;
	if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
	if (data?.type === 'CACHE_RUNTIME' && Array.isArray(data.paths)) {
		const port = event.ports[0];
		event.waitUntil(
			cacheRuntime(data.paths).then(
				(added) => port?.postMessage({ ok: true, added, cache: RUNTIME_CACHE }),
				(error: unknown) => port?.postMessage({ ok: false, error: String(error) })
			)
		);
	}
});

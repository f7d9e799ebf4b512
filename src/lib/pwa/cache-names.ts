/**
 * Cache Storage names used by the service worker and by "Delete all my data". Only the share
 * inbox can hold a photo; the precache (app shell) and the runtime cache (models and the
 * onnxruntime build) hold nothing personal.
 */

/** Prefix given to workbox's cache names (workbox-core setCacheNameDetails). */
export const CACHE_PREFIX = 'idphoto';
/** Workbox names the precache `<prefix>-precache-v2-<scope>`. */
export const PRECACHE_PREFIX = `${CACHE_PREFIX}-precache`;
/** Runtime cache of /models/* and /ort/*: `<prefix>-runtime-<version>`; older versions are deleted on activate. */
export const RUNTIME_PREFIX = `${CACHE_PREFIX}-runtime-`;
/** A photo shared to the app (Web Share Target) waits here until the page takes it. Photo-bearing. */
export const SHARE_CACHE = `${CACHE_PREFIX}-share-inbox`;
/** URL (in SHARE_CACHE) under which the last shared file is kept. */
export const SHARED_FILE_PATH = '/__shared-photo';

/** Runtime cache name for a version string (a hash of the model files and the onnxruntime version). */
export function runtimeCacheName(version: string): string {
	return `${RUNTIME_PREFIX}${version}`;
}

/** True for caches that hold only the app shell or models (never a photo). */
export function isAppCache(name: string): boolean {
	return name.startsWith(PRECACHE_PREFIX) || name.startsWith(RUNTIME_PREFIX);
}

/** Runtime caches to delete when `current` is the live one. */
export function outdatedRuntimeCaches(names: readonly string[], current: string): string[] {
	return names.filter((n) => n.startsWith(RUNTIME_PREFIX) && n !== current);
}

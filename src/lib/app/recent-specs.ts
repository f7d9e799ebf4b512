/**
 * Recently chosen document specs, newest first, kept in this browser's localStorage only
 * (key `idphoto.recentSpecs`, a JSON array of spec ids). No cookies, nothing sent anywhere.
 */

const KEY = 'idphoto.recentSpecs';
/** How many recent choices are remembered. */
export const MAX_RECENT = 4;

/** Minimal storage surface (localStorage in the browser; a Map-backed fake in tests). */
export interface KeyValueStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

function defaultStorage(): KeyValueStorage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		// Access can throw when storage is disabled (e.g. some private modes).
		return null;
	}
}

/** Recent spec ids, newest first; [] when storage is unavailable or holds something unexpected. */
export function readRecentSpecIds(storage: KeyValueStorage | null = defaultStorage()): string[] {
	if (!storage) return [];
	try {
		const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
		if (!Array.isArray(parsed)) return [];
		return parsed.filter((id): id is string => typeof id === 'string').slice(0, MAX_RECENT);
	} catch {
		return [];
	}
}

/** Move `id` to the front of the recent list (deduplicated, at most MAX_RECENT) and return the new list. */
export function rememberSpecId(id: string, storage: KeyValueStorage | null = defaultStorage()): string[] {
	const next = [id, ...readRecentSpecIds(storage).filter((other) => other !== id)].slice(0, MAX_RECENT);
	try {
		storage?.setItem(KEY, JSON.stringify(next));
	} catch {
		// Quota or disabled storage: the list simply is not remembered.
	}
	return next;
}

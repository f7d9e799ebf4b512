/**
 * Object URLs made by the history and data views, tracked so "Delete all my data" can revoke
 * every one of them (a live object URL keeps its Blob, e.g. a photo, in memory).
 */
const live = new Set<string>();

/** URL.createObjectURL(blob), remembered until revoked. */
export function trackedObjectUrl(blob: Blob): string {
	const url = URL.createObjectURL(blob);
	live.add(url);
	return url;
}

/** Revokes one tracked URL. */
export function revokeTracked(url: string): void {
	URL.revokeObjectURL(url);
	live.delete(url);
}

/** Revokes every tracked URL; returns how many there were. */
export function revokeAllTracked(): number {
	const n = live.size;
	for (const url of live) URL.revokeObjectURL(url);
	live.clear();
	return n;
}

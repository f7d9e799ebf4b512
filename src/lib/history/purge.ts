/**
 * Removes expired history items: on start, whenever the page becomes visible again
 * (visibilitychange), every PURGE_INTERVAL_MS while open, and exactly when the next item
 * expires (a timer set after each purge). Clock and store are injectable.
 */
import { msUntilNextExpiry, type ExpirySetting } from './expiry';
import type { HistoryStore } from './store';

/** Regular purge while the app is open, in ms (1 minute). */
export const PURGE_INTERVAL_MS = 60_000;

export interface PurgeDeps {
	store: HistoryStore;
	setting: () => ExpirySetting;
	now?: () => number;
	/** Called with the ids removed by each purge that removed something. */
	onPurged?: (ids: string[]) => void;
	onError?: (error: unknown) => void;
}

/** Runs one purge now and returns the removed ids (empty when the store is unavailable). */
export async function purgeOnce(deps: PurgeDeps): Promise<string[]> {
	try {
		const ids = await deps.store.purgeExpired(deps.setting());
		if (ids.length) deps.onPurged?.(ids);
		return ids;
	} catch (error) {
		deps.onError?.(error);
		return [];
	}
}

/** Starts the purge schedule in the browser; returns a function that stops it. */
export function startPurgeSchedule(deps: PurgeDeps): () => void {
	const now = deps.now ?? Date.now;
	let nextTimer: ReturnType<typeof setTimeout> | undefined;
	let stopped = false;
	const run = async () => {
		if (stopped) return;
		await purgeOnce(deps);
		clearTimeout(nextTimer);
		try {
			const delay = msUntilNextExpiry(await deps.store.list(), deps.setting(), now());
			// setTimeout delays above 2^31-1 ms overflow (HTML timers); the interval covers those.
			if (delay !== null && delay < 2 ** 31 - 1 && !stopped) nextTimer = setTimeout(() => void run(), delay + 50);
		} catch {
			// The store is unavailable: the interval keeps trying.
		}
	};
	const onVisible = () => {
		if (document.visibilityState === 'visible') void run();
	};
	document.addEventListener('visibilitychange', onVisible);
	const interval = setInterval(() => void run(), PURGE_INTERVAL_MS);
	void run();
	return () => {
		stopped = true;
		clearTimeout(nextTimer);
		clearInterval(interval);
		document.removeEventListener('visibilitychange', onVisible);
	};
}

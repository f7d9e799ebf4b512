/**
 * The expiry schedule (src/lib/history/purge.ts startPurgeSchedule): purge at start, again when
 * the page becomes visible (visibilitychange), on the regular interval and exactly when the next
 * item expires; stop() removes the listener and the timers. Real store on fake-indexeddb, fake
 * timers and clock, a stub document.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HistoryStore } from '../../../src/lib/history/store';
import { PURGE_INTERVAL_MS, startPurgeSchedule } from '../../../src/lib/history/purge';
import type { ExpirySetting } from '../../../src/lib/history/expiry';
import { entry } from './entry-fixture';

const H = 3_600_000;

/** Lets fake-indexeddb finish (it schedules with the real setImmediate, which is not faked here). */
async function flush(): Promise<void> {
	for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
}

/** The part of `document` the schedule uses, with a count of listeners. */
class StubDocument extends EventTarget {
	visibilityState: 'visible' | 'hidden' = 'visible';
	listeners = 0;
	override addEventListener(...args: Parameters<EventTarget['addEventListener']>) {
		this.listeners++;
		super.addEventListener(...args);
	}
	override removeEventListener(...args: Parameters<EventTarget['removeEventListener']>) {
		this.listeners--;
		super.removeEventListener(...args);
	}
}

describe('startPurgeSchedule', () => {
	let doc: StubDocument;
	beforeEach(() => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
		vi.setSystemTime(Date.UTC(2026, 10, 29, 8, 0, 0));
		doc = new StubDocument();
		vi.stubGlobal('document', doc);
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('purges at once, on return to the foreground, on the interval, and stops cleanly', async () => {
		const store = new HistoryStore({ factory: new IDBFactory(), now: () => Date.now() });
		await store.save(entry('old'));
		let setting: ExpirySetting = '24h';
		const purge = vi.spyOn(store, 'purgeExpired');
		const removed: string[][] = [];
		const stop = startPurgeSchedule({ store, setting: () => setting, now: () => Date.now(), onPurged: (ids) => removed.push(ids) });
		await flush();
		expect(purge).toHaveBeenCalledTimes(1);
		expect(doc.listeners).toBe(1);
		expect(await store.count()).toBe(1);

		// Hidden → visible: a purge runs; a hidden event alone does not.
		doc.visibilityState = 'hidden';
		doc.dispatchEvent(new Event('visibilitychange'));
		await flush();
		expect(purge).toHaveBeenCalledTimes(1);
		setting = '1h';
		vi.setSystemTime(Date.now() + 2 * H); // the tab slept two hours (no timers ran)
		doc.visibilityState = 'visible';
		doc.dispatchEvent(new Event('visibilitychange'));
		await flush();
		expect(purge).toHaveBeenCalledTimes(2);
		expect(removed).toEqual([['old:eu-schengen-visa']]);
		expect(await store.count()).toBe(0);

		// The regular interval.
		await vi.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
		await flush();
		expect(purge).toHaveBeenCalledTimes(3);

		stop();
		expect(doc.listeners).toBe(0);
		doc.dispatchEvent(new Event('visibilitychange'));
		await vi.advanceTimersByTimeAsync(5 * PURGE_INTERVAL_MS);
		await flush();
		expect(purge).toHaveBeenCalledTimes(3);
	});

	it('purges exactly when the next item expires, before the interval would', async () => {
		const store = new HistoryStore({ factory: new IDBFactory(), now: () => Date.now() });
		await store.save(entry('soon'));
		const made = Date.now();
		vi.setSystemTime(made + H - 10_000); // 10 s before it expires under 1 h
		const removed: string[][] = [];
		const stop = startPurgeSchedule({ store, setting: () => '1h', now: () => Date.now(), onPurged: (ids) => removed.push(ids) });
		await flush();
		expect(removed).toEqual([]);
		await vi.advanceTimersByTimeAsync(9_000);
		await flush();
		expect(removed).toEqual([]);
		// The expiry timer fires 50 ms after the instant (well before the 60 s interval).
		await vi.advanceTimersByTimeAsync(1_100);
		await flush();
		expect(removed).toEqual([['soon:eu-schengen-visa']]);
		stop();
	});
});

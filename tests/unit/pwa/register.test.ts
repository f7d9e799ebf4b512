/**
 * "Ready to work offline" must come in every session where the worker is active: after a first
 * install (the worker claims the page) and after a hard reload (Shift+Reload: the page is never
 * controlled, but the active worker and its caches are live). workbox-window is replaced by a
 * recorder of the messages sent; navigator.serviceWorker by a small fake.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const sent: { worker: unknown; data: { type: string; paths: string[] } }[] = [];
vi.mock('workbox-window', () => ({
	Workbox: class {
		addEventListener() {}
		async register() {}
		messageSkipWaiting() {}
	},
	messageSW: async (worker: unknown, data: { type: string; paths: string[] }) => {
		sent.push({ worker, data });
		return { ok: true, added: 2, cache: 'idphoto-runtime-test' };
	}
}));

/** A fresh module (the app has one PwaState; start() runs once per instance). */
async function freshPwa() {
	vi.resetModules();
	return import('../../../src/lib/pwa/register.svelte');
}

class FakeContainer extends EventTarget {
	controller: object | null = null;
	constructor(readonly ready: Promise<{ active: object | null }>) {
		super();
	}
}

describe('offline readiness', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		sent.length = 0;
	});
	afterEach(() => {
		vi.useRealTimers();
		vi.unstubAllGlobals();
	});

	it('after a hard reload (active worker, page never controlled) the app still caches through the active worker and says ready', async () => {
		const { CLAIM_WAIT_MS, OFFLINE_TOAST_MS, pwa } = await freshPwa();
		const active = { scriptURL: '/service-worker.js', state: 'activated' };
		const container = new FakeContainer(Promise.resolve({ active }));
		vi.stubGlobal('navigator', { serviceWorker: container });
		const started = pwa.start('');
		await vi.advanceTimersByTimeAsync(CLAIM_WAIT_MS - 100);
		expect(pwa.offlineReady).toBe(false);
		expect(sent).toEqual([]);
		await vi.advanceTimersByTimeAsync(200);
		await started;
		expect(pwa.error).toBeNull();
		expect(pwa.offlineReady).toBe(true);
		expect(sent).toHaveLength(1);
		expect(sent[0].worker).toBe(active);
		expect(sent[0].data.type).toBe('CACHE_RUNTIME');
		expect(sent[0].data.paths.some((p) => p.startsWith('/models/'))).toBe(true);
		// Two files were added: the news is shown, and hides itself after OFFLINE_TOAST_MS.
		expect(pwa.offlineToast).toBe(true);
		// (It was shown about 100 ms ago, at CLAIM_WAIT_MS.)
		await vi.advanceTimersByTimeAsync(OFFLINE_TOAST_MS - 200);
		expect(pwa.offlineToast).toBe(true);
		await vi.advanceTimersByTimeAsync(200);
		expect(pwa.offlineToast).toBe(false);
	});

	it('after a first install the worker claims the page and the controller is asked at once', async () => {
		const { CLAIM_WAIT_MS, OFFLINE_TOAST_MS, pwa } = await freshPwa();
		const worker = { scriptURL: '/service-worker.js', state: 'activated' };
		const container = new FakeContainer(Promise.resolve({ active: worker }));
		vi.stubGlobal('navigator', { serviceWorker: container });
		const t0 = Date.now();
		const started = pwa.start('');
		await vi.advanceTimersByTimeAsync(300);
		container.controller = worker;
		container.dispatchEvent(new Event('controllerchange'));
		await vi.advanceTimersByTimeAsync(0);
		await started;
		expect(pwa.offlineReady).toBe(true);
		expect(sent.map((m) => m.worker)).toEqual([worker]);
		// Well before the hard-reload fallback would have run.
		expect(Date.now() - t0).toBeLessThan(CLAIM_WAIT_MS);
		// "Ready to work offline" is news, not a question: it leaves by itself, nobody has to press OK.
		expect(pwa.offlineToast).toBe(true);
		await vi.advanceTimersByTimeAsync(OFFLINE_TOAST_MS + 10);
		expect(pwa.offlineToast).toBe(false);
	});

	it('the toast hides by itself after OFFLINE_TOAST_MS, showing it again restarts the wait, OK hides it at once', async () => {
		const { OFFLINE_TOAST_MS, pwa } = await freshPwa();
		pwa.showOfflineToast();
		await vi.advanceTimersByTimeAsync(OFFLINE_TOAST_MS / 2);
		pwa.showOfflineToast();
		await vi.advanceTimersByTimeAsync(OFFLINE_TOAST_MS - 50);
		// The first timer must not cut the second showing short.
		expect(pwa.offlineToast).toBe(true);
		await vi.advanceTimersByTimeAsync(100);
		expect(pwa.offlineToast).toBe(false);
		pwa.showOfflineToast();
		pwa.dismissOfflineToast();
		expect(pwa.offlineToast).toBe(false);
		expect(vi.getTimerCount()).toBe(0);
	});
});

/**
 * The page's side of the service worker, through workbox-window:
 * - registers `<base>/service-worker.js`;
 * - once the worker controls the page, asks it to cache the models and the onnxruntime build
 *   this device uses (CACHE_RUNTIME), then reports `offlineReady` ("Ready to work offline");
 * - when a new version is installed and waiting, sets `updateWaiting` ("Update available —
 *   reload"); only `applyUpdate()` (the user's click) activates it and reloads. Never silent.
 */
import { messageSW, Workbox } from 'workbox-window';
import { ortFilesFor, RUNTIME_ASSETS } from './runtime-assets';
import { hasWebGpuAdapter } from '$lib/inference/sessions';

/** The /models/ and /ort/ paths this device needs to work offline. */
export async function runtimePathsForThisDevice(): Promise<string[]> {
	return [...RUNTIME_ASSETS.models, ...ortFilesFor(await hasWebGpuAdapter(), RUNTIME_ASSETS.ort)];
}

/**
 * How long a page that the active worker does not control waits for it to claim the page, ms.
 * A first install claims at once on activation (clientsClaim in sw.ts); a hard reload
 * (Shift+Reload, or DevTools "Empty cache and hard reload") leaves the page uncontrolled for its
 * whole life (Service Workers spec: a force-reload bypasses the worker), so after this wait the
 * app talks to the active worker directly; its caches serve the next load.
 */
export const CLAIM_WAIT_MS = 3000;

/** How long "Ready to work offline" stays before it hides itself, ms (it must not keep covering the page on a phone). */
export const OFFLINE_TOAST_MS = 8000;

class PwaState {
	/** 'unsupported' where there is no service worker (e.g. http: other than localhost). */
	support = $state<'pending' | 'supported' | 'unsupported'>('pending');
	offlineReady = $state(false);
	/** Shown once after the first complete caching, for OFFLINE_TOAST_MS or until dismissed (it is news, not a question). */
	offlineToast = $state(false);
	updateWaiting = $state(false);
	error = $state<string | null>(null);

	#wb: Workbox | null = null;
	#reloadOnControl = false;
	#firstInstall = false;

	/** Registers the service worker (once). `base` is the app's base path ('' at the root). */
	async start(base: string): Promise<void> {
		if (this.#wb) return;
		if (!('serviceWorker' in navigator)) {
			this.support = 'unsupported';
			return;
		}
		this.support = 'supported';
		const wb = new Workbox(`${base}/service-worker.js`, { scope: `${base}/` });
		this.#wb = wb;
		wb.addEventListener('waiting', () => {
			// A first install never waits; a waiting worker is always an update.
			this.updateWaiting = true;
		});
		wb.addEventListener('installed', (event) => {
			if (!event.isUpdate) this.#firstInstall = true;
		});
		try {
			await wb.register();
			await this.#cacheRuntime(await this.#liveWorker());
		} catch (error) {
			this.error = `Offline use is not available: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	/** The user chose "reload": activate the waiting version, then reload once it controls the page. */
	applyUpdate(): void {
		if (!this.#wb || this.#reloadOnControl) return;
		this.#reloadOnControl = true;
		// The new worker takes control (clientsClaim) once it activates; then load the page it serves.
		navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true });
		this.#wb.messageSkipWaiting();
	}

	/**
	 * The worker whose caches are live: the page's controller, or (a hard reload, never claimed
	 * within CLAIM_WAIT_MS) the registration's active worker. Never a waiting update, whose caches
	 * are not live yet.
	 */
	async #liveWorker(): Promise<ServiceWorker> {
		const reg = await navigator.serviceWorker.ready;
		if (navigator.serviceWorker.controller) return navigator.serviceWorker.controller;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(done, CLAIM_WAIT_MS);
			function done() {
				clearTimeout(timer);
				navigator.serviceWorker.removeEventListener('controllerchange', done);
				resolve();
			}
			navigator.serviceWorker.addEventListener('controllerchange', done);
		});
		const worker = navigator.serviceWorker.controller ?? reg.active;
		if (!worker) throw new Error('no active service worker');
		return worker;
	}

	async #cacheRuntime(worker: ServiceWorker): Promise<void> {
		const paths = await runtimePathsForThisDevice();
		const reply = (await messageSW(worker, { type: 'CACHE_RUNTIME', paths })) as { ok: boolean; added?: number; error?: string };
		if (!reply?.ok) throw new Error(reply?.error ?? 'the service worker did not answer');
		this.offlineReady = true;
		if (this.#firstInstall || (reply.added ?? 0) > 0) this.showOfflineToast();
	}

	#toastTimer: ReturnType<typeof setTimeout> | null = null;

	/**
	 * Shows "Ready to work offline" and hides it by itself after OFFLINE_TOAST_MS (every path that
	 * shows it goes through here, so none can leave it on screen); showing it again restarts the wait.
	 */
	showOfflineToast(): void {
		if (this.#toastTimer !== null) clearTimeout(this.#toastTimer);
		this.offlineToast = true;
		this.#toastTimer = setTimeout(() => this.dismissOfflineToast(), OFFLINE_TOAST_MS);
	}

	/** Hides "Ready to work offline" now (its OK button, or the timer). */
	dismissOfflineToast(): void {
		if (this.#toastTimer !== null) clearTimeout(this.#toastTimer);
		this.#toastTimer = null;
		this.offlineToast = false;
	}
}

export const pwa = new PwaState();

/**
 * "Delete all my data": removes, on this device, every IndexedDB database of this origin
 * (indexedDB.databases()), every Cache Storage cache that can hold a photo (all but the app
 * shell and model caches; with `everything`, those too), localStorage, sessionStorage, the
 * origin private file system (navigator.storage.getDirectory()), the object URLs the app
 * tracks and the photos the photo engine's workers hold in memory; with `everything` it also unregisters the service worker. Returns what was removed.
 * One thing stays: the history expiry setting (`idphoto.history.expiry`) is written back after
 * localStorage is cleared. It holds nothing about the user (one of EXPIRY_CHOICES) and is a
 * privacy choice: clearing it would turn "keep nothing" back into the 24 h default.
 */
import { isAppCache } from '$lib/pwa/cache-names';
import { historyStore } from './instance';
import { HISTORY_DB } from './store';
import { revokeAllTracked } from './object-urls';
import { isExpirySetting, type ExpirySetting } from './expiry';
import { EXPIRY_KEY } from './settings';
import { releasePhotos } from '$lib/app/pipeline-client';

export interface WipeReport {
	databases: string[];
	caches: string[];
	/** localStorage entries removed (the kept expiry setting is not counted). */
	localStorageKeys: number;
	/** The expiry setting written back after clearing localStorage, when one was set. */
	keptExpiry?: ExpirySetting;
	sessionStorageKeys: number;
	opfsEntries: string[];
	objectUrls: number;
	/** Photos released from the photo engine's memory (its workers), 0 when it was not running. */
	enginePhotos: number;
	serviceWorkers: number;
	/** Steps that failed, with the reason (the others still ran). */
	errors: string[];
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const req = factory.deleteDatabase(name);
		req.onsuccess = () => resolve();
		req.onerror = () => reject(req.error ?? new Error(`could not delete ${name}`));
		// Blocked: another connection is open; the deletion completes when it closes (our own
		// connections close on `versionchange`), so wait for success.
	});
}

function clearStorage(storage: Storage | undefined): number {
	if (!storage) return 0;
	const n = storage.length;
	storage.clear();
	return n;
}

/** Removes the user's data; `everything` also removes the app shell, the models and the service worker. */
export async function deleteAllMyData(options: { everything?: boolean } = {}): Promise<WipeReport> {
	const report: WipeReport = {
		databases: [],
		caches: [],
		localStorageKeys: 0,
		sessionStorageKeys: 0,
		opfsEntries: [],
		objectUrls: 0,
		enginePhotos: 0,
		serviceWorkers: 0,
		errors: []
	};
	const step = async (what: string, run: () => Promise<void> | void) => {
		try {
			await run();
		} catch (error) {
			report.errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
		}
	};

	report.objectUrls = revokeAllTracked();
	await step('photo engine', async () => {
		report.enginePhotos = await releasePhotos();
	});

	await step('IndexedDB', async () => {
		const factory = globalThis.indexedDB;
		if (!factory) return;
		await historyStore.close();
		const listed = typeof factory.databases === 'function' ? await factory.databases() : [];
		const names = new Set(listed.map((d) => d.name).filter((n): n is string => !!n));
		names.add(HISTORY_DB);
		for (const name of names) {
			await deleteDatabase(factory, name);
			if (listed.some((d) => d.name === name)) report.databases.push(name);
		}
	});

	await step('Cache Storage', async () => {
		if (typeof caches === 'undefined') return;
		for (const name of await caches.keys()) {
			if (!options.everything && isAppCache(name)) continue;
			if (await caches.delete(name)) report.caches.push(name);
		}
	});

	await step('localStorage', () => {
		const storage = globalThis.localStorage;
		const expiry = storage?.getItem(EXPIRY_KEY);
		const keep = isExpirySetting(expiry) ? expiry : undefined;
		report.localStorageKeys = clearStorage(storage) - (keep ? 1 : 0);
		if (keep) {
			storage.setItem(EXPIRY_KEY, keep);
			report.keptExpiry = keep;
		}
	});
	await step('sessionStorage', () => {
		report.sessionStorageKeys = clearStorage(globalThis.sessionStorage);
	});

	await step('files (OPFS)', async () => {
		if (!navigator.storage?.getDirectory) return;
		const root = await navigator.storage.getDirectory();
		const names: string[] = [];
		// FileSystemDirectoryHandle is async-iterable (File System Standard); keys() gives entry names.
		for await (const name of (root as unknown as { keys(): AsyncIterable<string> }).keys()) names.push(name);
		for (const name of names) {
			await root.removeEntry(name, { recursive: true });
			report.opfsEntries.push(name);
		}
	});

	if (options.everything) {
		await step('service worker', async () => {
			if (!('serviceWorker' in navigator)) return;
			for (const reg of await navigator.serviceWorker.getRegistrations()) {
				if (await reg.unregister()) report.serviceWorkers++;
			}
		});
	}
	return report;
}

/** One line per thing removed, for the confirmation shown after the wipe. */
export function describeWipe(report: WipeReport): string[] {
	const lines: string[] = [];
	const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
	lines.push(
		report.databases.length
			? `History and other databases: ${report.databases.join(', ')}`
			: 'No databases were stored'
	);
	lines.push(report.caches.length ? `Caches: ${report.caches.join(', ')}` : 'No cache held a photo');
	lines.push(`Saved settings: ${plural(report.localStorageKeys, 'entry', 'entries')} (localStorage)`);
	lines.push(`Session data: ${plural(report.sessionStorageKeys, 'entry', 'entries')} (sessionStorage)`);
	lines.push(report.opfsEntries.length ? `Files: ${report.opfsEntries.join(', ')} (private file system)` : 'No private files were stored');
	lines.push(`Open photo links released: ${report.objectUrls}`);
	lines.push(`Photos released from the photo engine's memory: ${report.enginePhotos}`);
	if (report.serviceWorkers > 0) lines.push('Offline app removed (service worker unregistered)');
	for (const e of report.errors) lines.push(`Could not remove — ${e}`);
	return lines;
}

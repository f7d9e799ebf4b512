/**
 * The user's expiry setting, in localStorage under `idphoto.history.expiry` (one of
 * EXPIRY_CHOICES). Missing or unreadable storage gives the default (24 h). Storage is injectable
 * for tests.
 */
import { DEFAULT_EXPIRY, parseExpirySetting, type ExpirySetting } from './expiry';

export const EXPIRY_KEY = 'idphoto.history.expiry';

function defaultStorage(): Storage | undefined {
	try {
		return globalThis.localStorage;
	} catch {
		// Access throws when storage is blocked (e.g. some private modes).
		return undefined;
	}
}

/** The stored expiry setting, or DEFAULT_EXPIRY. */
export function readExpirySetting(storage: Storage | undefined = defaultStorage()): ExpirySetting {
	try {
		return parseExpirySetting(storage?.getItem(EXPIRY_KEY));
	} catch {
		return DEFAULT_EXPIRY;
	}
}

/** Stores the expiry setting; returns false when storage refused it (blocked or full). */
export function writeExpirySetting(setting: ExpirySetting, storage: Storage | undefined = defaultStorage()): boolean {
	try {
		if (!storage) return false;
		storage.setItem(EXPIRY_KEY, setting);
		return true;
	} catch {
		return false;
	}
}

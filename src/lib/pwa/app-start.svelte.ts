/**
 * What the app shell starts on every page (from +layout.svelte): the history's expiry schedule
 * (purge on start, on return to the foreground, on a timer), the check whether IndexedDB works,
 * and photos arriving by share target or file handler (handed to the photo input). The photo the
 * user picks is noted for the history by PhotoSession.choose.
 */
import { replaceState } from '$app/navigation';
import { historyStore } from '$lib/history/instance';
import { readExpirySetting } from '$lib/history/settings';
import { historyStatus } from '$lib/history/status.svelte';
import { startPurgeSchedule } from '$lib/history/purge';
import { HistoryError } from '$lib/history/errors';
import { consumeLaunchedFiles, deliverToPhotoInput, takeSharedPhoto } from './share';

/** Message about a photo received from another app, shown until it reaches the photo step. */
export const sharedPhotoNotice = $state<{ text: string | null }>({ text: null });

function receive(file: File): () => void {
	sharedPhotoNotice.text = `Photo received (${file.name}). Choose the document it is for.`;
	return deliverToPhotoInput(file);
}

/** Starts the services; returns a function that stops them. `base` is the app's base path. */
export function startAppPrivacyServices(base: string): () => void {
	const stops: (() => void)[] = [];

	void historyStore.available().then((ok) => {
		historyStatus.available = ok;
	});
	stops.push(
		startPurgeSchedule({
			store: historyStore,
			setting: readExpirySetting,
			onPurged: () => historyStatus.changed(),
			onError: (error) => {
				if (error instanceof HistoryError && error.reason === 'unavailable') historyStatus.available = false;
			}
		})
	);

	// A photo shared from another app (the service worker redirected here with ?shared=1).
	const url = new URL(location.href);
	if (url.searchParams.has('shared')) {
		const sent = url.searchParams.get('shared') === '1';
		url.searchParams.delete('shared');
		// Drop the marker from the address once SvelteKit's router is up (it is not during onMount).
		setTimeout(() => {
			try {
				replaceState(url, {});
			} catch {
				// Cosmetic only: a reload just finds the inbox empty.
			}
		}, 0);
		void takeSharedPhoto(base).then((file) => {
			if (file) stops.push(receive(file));
			else if (sent) sharedPhotoNotice.text = 'The shared item could not be read as a photo.';
		});
	}
	// A photo opened with the app from the desktop (file_handlers).
	consumeLaunchedFiles((file) => stops.push(receive(file)));

	return () => stops.forEach((stop) => stop());
}

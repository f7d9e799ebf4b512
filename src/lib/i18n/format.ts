/**
 * Small display helpers for strings the pipeline produces in English: analysis stage names
 * (src/lib/app/photo-session.svelte.ts, src/lib/pipeline/client.ts).
 */
import type { Formatter } from './spec-text';
import { formatBytes } from '$lib/app/photo-file';

/** English stage name (AnalysisProgress.stage) → key under `photo.stage.`. */
const STAGES: Record<string, string> = {
	'Starting the photo engine': 'starting',
	'Reading the photo': 'reading',
	'Finding the face': 'finding-face',
	'Analysing the photo': 'analysing'
};

/** The analysis stage in the interface language; unknown stage names are shown as they are, none as "Analysing the photo". */
export function stageText(stage: string | null | undefined, tr: Formatter): string {
	if (!stage) return tr('photo.stage.analysing');
	const key = STAGES[stage];
	return key ? tr(`photo.stage.${key}`) : stage;
}

/**
 * The app shell's notices in the interface language: the shared-photo line
 * (src/lib/pwa/app-start.svelte.ts sharedPhotoNotice) and the service worker error
 * (src/lib/pwa/register.svelte.ts pwa.error). Unrecognised texts are shown as they are.
 */
export function shellNoticeText(text: string, tr: Formatter): string {
	const received = /^Photo received \((.*)\)\. Choose the document it is for\.$/s.exec(text);
	if (received) return tr('pwa.shared-received', { values: { name: received[1] } });
	if (text === 'The shared item could not be read as a photo.') return tr('pwa.shared-unreadable');
	const offline = /^Offline use is not available: (.*)$/s.exec(text);
	if (offline) return tr('pwa.offline-error', { values: { detail: offline[1] } });
	return text;
}

/**
 * A byte count for people, in decimal units as `navigator.storage.estimate()` reports bytes and
 * disks are sold (1 kB = 1000 bytes, 1 MB = 10^6 bytes, 1 GB = 10^9 bytes): below 1 GB the app's
 * `formatBytes` (src/lib/app/photo-file.ts: "999 bytes", "240 kB", "32.1 MB"), from 1 GB on one
 * decimal in GB ("10.8 GB", not "10769.5 MB"). Unit symbols are the same in every language.
 */
export function byteSize(bytes: number): string {
	return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : formatBytes(bytes);
}

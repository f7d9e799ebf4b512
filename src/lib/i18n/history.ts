/**
 * History texts in the interface language: the time left before an item expires (same rounding as
 * src/lib/history/expiry.ts timeLeftText) and the history problem line (historyStatus.problem, an
 * English message from src/lib/history/errors.ts, recorder.ts or the history page).
 */
import { expiresAt, isExpired, type ExpirySetting } from '$lib/history/expiry';
import { QUOTA_MESSAGE, UNAVAILABLE_MESSAGE } from '$lib/history/errors';
import type { WipeReport } from '$lib/history/wipe';
import type { Formatter } from './spec-text';

/** e.g. "expires in 3 h 20 min" / "3 小时 20 分钟后删除" (rounded down to minutes, at least 1 min); "expired". */
export function timeLeft(createdAt: number, setting: ExpirySetting, now: number, tr: Formatter): string {
	if (isExpired(createdAt, setting, now)) return tr('history.expired');
	const minutes = Math.floor((expiresAt(createdAt, setting) - now) / 60_000);
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	const mins = minutes % 60;
	if (days > 0) return tr('history.left-days', { values: { days, hours } });
	if (hours > 0) return tr('history.left-hours', { values: { hours, mins } });
	return tr('history.left-mins', { values: { mins: Math.max(mins, 1) } });
}

/** The history problem line in the interface language; unrecognised texts are shown as they are. */
export function historyProblemText(problem: string, tr: Formatter): string {
	if (problem === QUOTA_MESSAGE) return tr('history.problem.quota');
	if (problem === UNAVAILABLE_MESSAGE) return tr('history.unavailable');
	if (problem === 'This browser did not let the app save the setting.') return tr('history.problem.setting');
	const failed = /^Could not (save to|update|delete from|read) the history on this device \((.*)\)\.$/s.exec(problem);
	if (failed) {
		const action = { 'save to': 'save', update: 'update', 'delete from': 'delete', read: 'read' }[failed[1]] ?? 'delete';
		return tr('history.problem.failed', { values: { action, detail: failed[2] } });
	}
	const notKept = /^The photo could not be kept in the history \((.*)\)\.$/s.exec(problem);
	if (notKept) return tr('history.problem.not-kept', { values: { detail: notKept[1] } });
	return problem;
}

/**
 * One line per thing removed by "Delete all my data", in the interface language (the same lines
 * as src/lib/history/wipe.ts describeWipe). Database, cache and file names are shown as they are.
 */
export function wipeLines(report: WipeReport, tr: Formatter): string[] {
	const lines: string[] = [];
	lines.push(report.databases.length ? tr('history.wipe.databases', { values: { list: report.databases.join(', ') } }) : tr('history.wipe.no-databases'));
	lines.push(report.caches.length ? tr('history.wipe.caches', { values: { list: report.caches.join(', ') } }) : tr('history.wipe.no-caches'));
	lines.push(tr('history.wipe.local', { values: { count: report.localStorageKeys } }));
	lines.push(tr('history.wipe.session', { values: { count: report.sessionStorageKeys } }));
	lines.push(report.opfsEntries.length ? tr('history.wipe.files', { values: { list: report.opfsEntries.join(', ') } }) : tr('history.wipe.no-files'));
	lines.push(tr('history.wipe.urls', { values: { count: report.objectUrls } }));
	lines.push(tr('history.wipe.engine', { values: { count: report.enginePhotos } }));
	if (report.serviceWorkers > 0) lines.push(tr('history.wipe.sw'));
	for (const e of report.errors) lines.push(tr('history.wipe.error', { values: { detail: e } }));
	return lines;
}

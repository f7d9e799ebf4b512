/**
 * History expiry rules, pure (no clock, no storage): every history item expires a fixed time
 * after it was made. The time is the user's setting *now*, so shortening the setting removes
 * older items at the next purge (the private choice). Times are ms since the Unix epoch (UTC),
 * durations in ms. Source of the choices and the default: issue 6 ("default 24 hours; 1 hour,
 * 24 hours, 7 days, 30 days, or keep nothing at all").
 */

/** The expiry settings the user can choose; `none` = keep nothing (history is off). */
export const EXPIRY_CHOICES = ['1h', '24h', '7d', '30d', 'none'] as const;
export type ExpirySetting = (typeof EXPIRY_CHOICES)[number];

/** Default expiry: 24 hours. */
export const DEFAULT_EXPIRY: ExpirySetting = '24h';

const HOUR_MS = 3_600_000;

/** Lifetime of an item in ms for each setting (`none`: 0, nothing is kept). */
export const EXPIRY_MS: Record<ExpirySetting, number> = {
	'1h': HOUR_MS,
	'24h': 24 * HOUR_MS,
	'7d': 7 * 24 * HOUR_MS,
	'30d': 30 * 24 * HOUR_MS,
	none: 0
};

/** Human labels for the settings, as shown in the UI. */
export const EXPIRY_LABELS: Record<ExpirySetting, string> = {
	'1h': '1 hour',
	'24h': '24 hours',
	'7d': '7 days',
	'30d': '30 days',
	none: 'Keep nothing'
};

/** True when `value` is one of EXPIRY_CHOICES. */
export function isExpirySetting(value: unknown): value is ExpirySetting {
	return typeof value === 'string' && (EXPIRY_CHOICES as readonly string[]).includes(value);
}

/** Parse a stored setting; anything unknown (missing, tampered) falls back to DEFAULT_EXPIRY. */
export function parseExpirySetting(value: unknown): ExpirySetting {
	return isExpirySetting(value) ? value : DEFAULT_EXPIRY;
}

/** Whether the setting keeps anything at all (false for `none`). */
export function keepsHistory(setting: ExpirySetting): boolean {
	return EXPIRY_MS[setting] > 0;
}

/** When an item made at `createdAt` (ms) expires under `setting` (ms since epoch). */
export function expiresAt(createdAt: number, setting: ExpirySetting): number {
	return createdAt + EXPIRY_MS[setting];
}

/**
 * True when an item made at `createdAt` has expired at `now` (both ms since epoch): at the exact
 * expiry instant the item is already gone. An item dated more than FUTURE_TOLERANCE_MS after
 * `now` means the clock was moved back since it was saved: its age cannot be known, so it is
 * treated as expired (privacy first).
 */
export function isExpired(createdAt: number, setting: ExpirySetting, now: number): boolean {
	if (!keepsHistory(setting)) return true;
	if (createdAt - now > FUTURE_TOLERANCE_MS) return true;
	return now >= expiresAt(createdAt, setting);
}

/** How far in the future (ms) an item's date may lie before the clock is deemed moved back: 1 minute. */
export const FUTURE_TOLERANCE_MS = 60_000;

/** Splits items into those to keep and those to delete at `now`; order is kept within each list. */
export function partitionExpired<T extends { createdAt: number }>(
	items: readonly T[],
	setting: ExpirySetting,
	now: number
): { keep: T[]; expired: T[] } {
	const keep: T[] = [];
	const expired: T[] = [];
	for (const item of items) (isExpired(item.createdAt, setting, now) ? expired : keep).push(item);
	return { keep, expired };
}

/**
 * Delay in ms from `now` until the next item expires (so a timer can purge exactly then), or
 * null when nothing is left to expire. Never negative: an already expired item gives 0.
 */
export function msUntilNextExpiry(items: readonly { createdAt: number }[], setting: ExpirySetting, now: number): number | null {
	let next: number | null = null;
	for (const item of items) {
		const at = isExpired(item.createdAt, setting, now) ? now : expiresAt(item.createdAt, setting);
		if (next === null || at < next) next = at;
	}
	return next === null ? null : Math.max(0, next - now);
}

/** Short text of the time left, e.g. "expires in 3 h 20 min" (rounded down to minutes). */
export function timeLeftText(createdAt: number, setting: ExpirySetting, now: number): string {
	if (isExpired(createdAt, setting, now)) return 'expired';
	const left = expiresAt(createdAt, setting) - now;
	const minutes = Math.floor(left / 60_000);
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	const mins = minutes % 60;
	if (days > 0) return `expires in ${days} d ${hours} h`;
	if (hours > 0) return `expires in ${hours} h ${mins} min`;
	return `expires in ${Math.max(mins, 1)} min`;
}

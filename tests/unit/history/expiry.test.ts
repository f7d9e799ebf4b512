import { describe, expect, it } from 'vitest';
import {
	DEFAULT_EXPIRY,
	EXPIRY_MS,
	expiresAt,
	isExpired,
	msUntilNextExpiry,
	parseExpirySetting,
	partitionExpired,
	timeLeftText
} from '../../../src/lib/history/expiry';

const T0 = Date.UTC(2026, 10, 29, 8, 0, 0);
const H = 3_600_000;

describe('expiry rules', () => {
	it('has the issue’s choices and a 24 h default', () => {
		expect(DEFAULT_EXPIRY).toBe('24h');
		expect(EXPIRY_MS).toEqual({ '1h': H, '24h': 24 * H, '7d': 168 * H, '30d': 720 * H, none: 0 });
		expect(parseExpirySetting('7d')).toBe('7d');
		expect(parseExpirySetting('2h')).toBe('24h');
		expect(parseExpirySetting(null)).toBe('24h');
	});

	it('expires exactly the set time after creation', () => {
		expect(expiresAt(T0, '1h')).toBe(T0 + H);
		expect(isExpired(T0, '1h', T0 + H - 1)).toBe(false);
		expect(isExpired(T0, '1h', T0 + H)).toBe(true);
		expect(isExpired(T0, '24h', T0 + 23 * H)).toBe(false);
		expect(isExpired(T0, '24h', T0 + 24 * H)).toBe(true);
		expect(isExpired(T0, '30d', T0 + 29 * 24 * H)).toBe(false);
	});

	it('keeps nothing with "none", even a brand-new item', () => {
		expect(isExpired(T0, 'none', T0)).toBe(true);
	});

	it('treats items dated after now (clock moved back) as expired, within a 1 min tolerance', () => {
		expect(isExpired(T0 + 30_000, '1h', T0)).toBe(false);
		expect(isExpired(T0 + 5 * H, '7d', T0)).toBe(true);
	});

	it('partitions and finds the next expiry', () => {
		const items = [
			{ id: 'a', createdAt: T0 },
			{ id: 'b', createdAt: T0 + H },
			{ id: 'c', createdAt: T0 + 30 * 60_000 }
		];
		const { keep, expired } = partitionExpired(items, '1h', T0 + 90 * 60_000);
		expect(keep.map((i) => i.id)).toEqual(['b']);
		expect(expired.map((i) => i.id)).toEqual(['a', 'c']);
		expect(msUntilNextExpiry(items, '24h', T0 + H)).toBe(23 * H);
		expect(msUntilNextExpiry(items, '1h', T0 + 2 * H)).toBe(0);
		expect(msUntilNextExpiry([], '1h', T0)).toBeNull();
	});

	it('describes the time left', () => {
		expect(timeLeftText(T0, '24h', T0 + 4 * H + 10 * 60_000)).toBe('expires in 19 h 50 min');
		expect(timeLeftText(T0, '7d', T0)).toBe('expires in 7 d 0 h');
		expect(timeLeftText(T0, '1h', T0 + H - 20_000)).toBe('expires in 1 min');
		expect(timeLeftText(T0, '1h', T0 + H)).toBe('expired');
	});
});

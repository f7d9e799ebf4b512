import { describe, expect, it } from 'vitest';
import { checkLabel, countStatuses, formatCheckValue } from './check-labels';

describe('check labels', () => {
	it('names known ids and humanises unknown ones', () => {
		expect(checkLabel('eye_line')).toBe('Eye line height');
		expect(checkLabel('background_delta_e')).toBe('Background delta e');
		expect(checkLabel('interEyeDistance')).toBe('Inter eye distance');
	});

	it('formats values with units', () => {
		expect(formatCheckValue(null, 'px')).toBe('—');
		expect(formatCheckValue(0.61234, '')).toBe('0.612');
		expect(formatCheckValue(34.56, 'mm')).toBe('34.6 mm');
		expect(formatCheckValue(3.2, '°')).toBe('3.2°');
		expect(formatCheckValue(600, 'px')).toBe('600 px');
		expect(formatCheckValue('jpeg', '')).toBe('jpeg');
	});

	it('counts statuses', () => {
		expect(countStatuses([{ status: 'pass' }, { status: 'fail' }, { status: 'pass' }])).toEqual({
			pass: 2,
			warn: 0,
			fail: 1,
			unknown: 0
		});
	});
});

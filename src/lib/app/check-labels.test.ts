import { describe, expect, it } from 'vitest';
import { checkLabel, countStatuses, formatCheckValue, reportItems } from './check-labels';
import type { PhotoReport } from '$lib/pipeline/api';

describe('check labels', () => {
	it('names known ids (kebab or snake case) and humanises unknown ones', () => {
		expect(checkLabel('eye-line')).toBe('Eye line height');
		expect(checkLabel('eye_line')).toBe('Eye line height');
		expect(checkLabel('horizontal-centring')).toBe('Face centred left to right');
		expect(checkLabel('background_delta_e')).toBe('Background delta e');
		expect(checkLabel('interEyeDistance')).toBe('Inter eye distance');
	});

	it('formats values with units', () => {
		expect(formatCheckValue(null, 'px')).toBe('—');
		expect(formatCheckValue(0.61234, '')).toBe('0.612');
		expect(formatCheckValue(34.56, 'mm')).toBe('34.6 mm');
		expect(formatCheckValue(3.2, '°')).toBe('3.2°');
		expect(formatCheckValue(-4.25, 'deg')).toBe('-4.25°');
		expect(formatCheckValue(0.7, 'ratio of height')).toBe('0.700 of the height');
		expect(formatCheckValue(0.61234, 'ratio of width')).toBe('0.612 of the width');
		expect(formatCheckValue(123456, 'bytes')).toBe('123,456 bytes');
		expect(formatCheckValue(2, 'faces')).toBe('2 faces');
		expect(formatCheckValue('413x531', 'px')).toBe('413 × 531 px');
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

	it('reports one fact once: no finished-photo resolution beside the input inter-eye distance, no levelled input roll', () => {
		const entry = (id: string, value: number, unit: string) => ({ id, status: 'pass', value, unit, limit: null, window: null, message: '' });
		const quality = (id: string, value: number, unit: string, group: string) => ({
			id, group, status: 'pass', value, unit, limit: null, ofiq: null, message: '', fix: null, region: null, severity: 50
		});
		const report = {
			checks: [entry('roll', 0, 'deg'), entry('resolution', 102.3, 'px'), entry('head-height', 0.55, 'ratio of height')],
			quality: {
				checks: [quality('inter-eye-distance', 104.9, 'px', 'file'), quality('roll', -0.65, 'deg', 'framing'), quality('yaw', 1, 'deg', 'face')],
				marks: [],
				fixedByApp: ['roll'],
				timings: {}
			}
		} as unknown as Pick<PhotoReport, 'checks' | 'quality'>;
		const keys = reportItems(report).map((i) => i.key).sort();
		expect(keys).toEqual(['finished:head-height', 'finished:roll', 'input:inter-eye-distance', 'input:yaw'].sort());
	});
});

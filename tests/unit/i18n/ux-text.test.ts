/**
 * Wording fixes from the newcomer walkthrough: the too-small error names the minimum size (both
 * languages, also after crossing the worker), which errors are file problems ("Choose another
 * photo", no "Try again"), large storage sizes in GB, the document shown with its country, and the
 * paper name in Chinese.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { setLanguage, t, translate } from '$lib/i18n';
import type { Formatter } from '$lib/i18n/spec-text';
import { documentLabel } from '$lib/i18n/spec-text';
import { errorText, isFileProblem, messageCode, retryCannotHelp } from '$lib/i18n/errors';
import { byteSize } from '$lib/i18n/format';
import { DecodeError } from '$lib/pipeline/decode/errors';
import { checkDimensions, DEFAULT_MIN_SHORT_SIDE } from '$lib/pipeline/decode/limits';
import { PipelineError } from '$lib/pipeline/run/errors';
import { findSpec } from '$lib/app/custom-specs';

afterEach(() => setLanguage('en'));

function tr(lang: 'en' | 'zh-CN'): Formatter {
	setLanguage(lang);
	return get(t);
}

/** The DecodeError checkDimensions throws for a 64 × 48 px image. */
function tooSmall(): DecodeError {
	try {
		checkDimensions({ width: 64, height: 48 });
	} catch (e) {
		return e as DecodeError;
	}
	throw new Error('64 × 48 px passed checkDimensions');
}

describe('too-small photo', () => {
	it('states the size and the minimum in both languages, with or without the code (after the worker)', () => {
		const e = tooSmall();
		const crossed = { name: 'DecodeError', message: e.message };
		for (const error of [e, crossed, e.message]) {
			expect(messageCode(error)).toEqual({ key: 'decode.too-small-size', values: { width: '64', height: '48', min: String(DEFAULT_MIN_SHORT_SIDE) } });
		}
		expect(errorText(e, tr('en'))).toBe(
			`This image is too small for a printable ID photo: it is 64 × 48 pixels, and the shorter side must be at least ${DEFAULT_MIN_SHORT_SIDE} pixels.`
		);
		const zh = errorText(crossed, tr('zh-CN'));
		expect(zh).toContain(`${DEFAULT_MIN_SHORT_SIDE} 像素`);
		expect(zh).toContain('64 × 48');
	});

	it('without the detail still gets the plain too-small message', () => {
		expect(messageCode(new DecodeError('too-small'))?.key).toBe('decode.too-small');
		expect(errorText(new DecodeError('too-small'), tr('zh-CN'))).toBe(translate('errors.decode.too-small'));
	});
});

describe('isFileProblem', () => {
	it('is true for every decode error and the file checks, false for photo and engine problems', () => {
		for (const code of ['empty', 'truncated', 'not-an-image', 'svg-not-supported', 'heic-unsupported', 'too-large', 'too-small', 'decode-failed'] as const) {
			expect(isFileProblem(new DecodeError(code, 'detail')), code).toBe(true);
			expect(isFileProblem(new DecodeError(code).message), `${code} as text`).toBe(true);
		}
		expect(isFileProblem('This file is not a photo. Choose a JPEG, PNG, WebP, AVIF or HEIC image.')).toBe(true);
		expect(isFileProblem(new PipelineError('no-face', 'No face was found in this photo. Use a photo that shows your whole face, looking at the camera, in good light.'))).toBe(false);
		expect(isFileProblem('The photo engine could not start')).toBe(false);
		expect(isFileProblem('Analysis cancelled.')).toBe(false);
		expect(isFileProblem(null)).toBe(false);
	});
});

describe('retryCannotHelp', () => {
	it('is true for file problems and "no face found", false for engine problems and cancellation', () => {
		expect(retryCannotHelp(new DecodeError('truncated'))).toBe(true);
		expect(retryCannotHelp('This file is empty. Choose another photo.')).toBe(true);
		expect(retryCannotHelp(new PipelineError('no-face', 'No face was found in this photo. Use a photo that shows your whole face, looking at the camera, in good light.'))).toBe(true);
		expect(retryCannotHelp('No face was found in this photo. Use a photo that shows your face from the front, well lit.')).toBe(true);
		expect(retryCannotHelp('The photo engine could not start')).toBe(false);
		expect(retryCannotHelp('Analysis cancelled.')).toBe(false);
		expect(retryCannotHelp('This photo is no longer open. Add it again.')).toBe(false);
		expect(retryCannotHelp(null)).toBe(false);
	});
});

describe('byteSize', () => {
	it('uses decimal units and switches to GB at 10^9 bytes', () => {
		expect(byteSize(999)).toBe('999 bytes');
		expect(byteSize(32_100_000)).toBe('32.1 MB');
		expect(byteSize(999_940_000)).toBe('999.9 MB');
		expect(byteSize(1_000_000_000)).toBe('1.0 GB');
		expect(byteSize(10_769_500_000)).toBe('10.8 GB');
	});
});

describe('documentLabel', () => {
	it('adds the country unless the name already says it', () => {
		const us = findSpec('us-passport');
		expect(us).toBeDefined();
		expect(documentLabel(us!, 'en')).toBe('United States · Passport (printed photo)');
		expect(documentLabel(us!, 'zh-CN')).toBe('美国护照（纸质照片）');
		expect(tr('zh-CN')('home.page-title-spec', { values: { document: documentLabel(us!, 'zh-CN') } })).toBe('美国护照（纸质照片） · 证件照工作室');
	});
});

describe('paper names', () => {
	it('US Letter is translated', () => {
		expect(tr('zh-CN')('result.paper.letter')).toBe('美国信纸 (Letter)');
		expect(tr('en')('result.paper.letter')).toBe('US Letter');
	});
});

import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { checkLabel, countStatuses, fitLabel, formatCheckValue, labelWidth, localUnits, markKey, markLabelEnglish, markText, mergeMarks, mmWindow, reportItems, type Msg } from './check-labels';
import resultEn from '$lib/i18n/locales/en/result.json';
import resultZh from '$lib/i18n/locales/zh-CN/result.json';
import type { PhotoReport } from '$lib/pipeline/api';
import { runChecks } from '$lib/pipeline/check/run-checks';
import { assessQuality } from '$lib/quality';
import { getSpec } from '$lib/specs';
import en from '$lib/i18n/locales/en/checks.json';
import zh from '$lib/i18n/locales/zh-CN/checks.json';

type Tree = { [k: string]: string | Tree };
/** The template of a full key ('checks.yaw.pass') in a locale's checks.json. */
function template(tree: Tree, key: string): string | undefined {
	let node: string | Tree | undefined = tree;
	for (const part of key.replace(/^checks\./, '').split('.')) node = typeof node === 'object' ? node[part] : undefined;
	return typeof node === 'string' ? node : undefined;
}
const render = (tree: Tree, lang: string, m: Msg) => String(new IntlMessageFormat(template(tree, m.key)!, lang).format(m.values));

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
		expect(formatCheckValue(0.7, 'ratio of height')).toBe('70 %');
		expect(formatCheckValue(0.61234, 'ratio of width')).toBe('61.2 %');
		expect(formatCheckValue(123456, 'bytes')).toBe('123.5 kB');
		expect(formatCheckValue(2, 'faces')).toBe('2');
		expect(formatCheckValue('413x531', 'px')).toBe('413 × 531 px');
		expect(formatCheckValue(600, 'px')).toBe('600 px');
		expect(formatCheckValue('jpeg', '')).toBe('jpeg');
		expect(formatCheckValue(1.936, 'score')).toBe('1.936');
		expect(formatCheckValue(92, 'JPEG quality')).toBe('92');
		expect(formatCheckValue(6.24, 'noise σ')).toBe('σ 6.24');
		expect(formatCheckValue(7.9, 'ΔE00')).toBe('7.9 ΔE00');
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

	it('writes framing values in mm with the spec\'s mm window (fr-passport: head 32–36 mm of a 45 mm photo), else in %', () => {
		const fr = getSpec('fr-passport');
		expect(mmWindow(fr, 'head-height')).toEqual({ min: 32, max: 36, lengthMm: 45 });
		const target = { outWidthPx: 413, outHeightPx: 531, headDefinition: 'skull-to-chin' as const, headHeightRatio: { min: 32 / 45, max: 36 / 45, target: 34 / 45 } };
		// head 0.75 of 45 mm = 33.75 mm
		const m = { imageWidthPx: 413, imageHeightPx: 531, faceCount: 1, crownYPx: 40, skullTopYPx: 60, chinYPx: 60 + 0.75 * 531, eyeYPx: 250, eyeCentreXPx: 206.5, rollDeg: 0, sourceInterEyeDistancePx: 130 };
		const checks = runChecks(m, target, { bytes: 80_000 });
		const head = reportItems({ checks, quality: undefined }, fr).find((i) => i.id === 'head-height')!;
		expect(head.status).toBe('pass');
		expect(head.value).toBe('33.8 mm');
		expect(head.message).toBe('Head height 33.8 mm is within 32 mm – 36 mm.');
		expect(head.limit).toBe('32 mm – 36 mm');
		expect(render(zh as Tree, 'zh-CN', head.msg.message!)).toBe('头部高度 33.8 mm，在 32 mm – 36 mm 范围内。');
		// without the spec (or for a spec in ratios) the same check reads in % of the photo height
		const plain = reportItems({ checks, quality: undefined }).find((i) => i.id === 'head-height')!;
		expect(plain.value).toBe('75 %');
		expect(plain.message).toBe('Head height 75 % is within 71.1 % – 80 %.');
		expect(mmWindow(undefined, 'head-height')).toBeNull();
		expect(mmWindow(fr, 'horizontal-centring')).toBeNull(); // no spec window: the app's own centring rule, in %
		// us-passport states the head as 1 to 1 3/8 in: shown as 25.4 mm – 34.9 mm
		expect(mmWindow(getSpec('us-passport'), 'head-height')).toEqual({ min: 25.4, max: 34.925, lengthMm: 50.8 });
	});

	it('gives every row a name, sentence, fix and limit that exist in English and Chinese with the same values', () => {
		const spec = getSpec('us-passport');
		const target = { outWidthPx: 600, outHeightPx: 600, headDefinition: 'crown-to-chin' as const, headHeightRatio: { min: 0.5, max: 0.69, target: 0.6 }, eyeFromBottomRatio: { min: 0.56, max: 0.69, target: 0.62 } };
		const m = { imageWidthPx: 600, imageHeightPx: 600, faceCount: 2, crownYPx: 0, skullTopYPx: 30, chinYPx: 500, eyeYPx: 300, eyeCentreXPx: 250, rollDeg: 9.5, sourceInterEyeDistancePx: 80 };
		const checks = runChecks(m, target, { bytes: 300_000, maxBytes: 240_000 });
		// the quality checks of a blank image without landmarks: every check 'unknown' with its reason
		const image = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).fill(200) };
		const q = assessQuality({ image, landmarks: { points: new Float32Array(0), irisCenters: { left: { x: 0, y: 0 }, right: { x: 0, y: 0 } }, faceFlag: 0 }, faces: [], mask: null, scale: 1 }, {});
		const items = reportItems({ checks, quality: { checks: q.checks, marks: [], fixedByApp: [], timings: {} } }, spec);
		expect(items.length).toBe(checks.length - 1 + q.checks.length);
		let rendered = 0;
		for (const i of items) {
			for (const m of [i.msg.label, i.msg.message, i.msg.fix, i.msg.limit]) {
				if (!m) continue;
				expect(template(en as Tree, m.key), `en ${m.key}`).toBeDefined();
				expect(template(zh as Tree, m.key), `zh-CN ${m.key}`).toBeDefined();
				const zhText = render(zh as Tree, 'zh-CN', m);
				expect(zhText).not.toMatch(/[{}]/);
				rendered++;
			}
			// the English strings are the English templates rendered
			if (i.msg.message) expect(render(en as Tree, 'en', i.msg.message)).toBe(i.message);
			expect(render(en as Tree, 'en', i.msg.label)).toBe(i.label);
		}
		expect(rendered).toBeGreaterThan(2 * items.length);
		const roll = items.find((i) => i.key === 'finished:roll')!;
		expect(roll.status).toBe('fail');
		expect(roll.message).toBe('Head tilt 9.5° exceeds 8°.');
		expect(roll.limit).toBe('≤ 8°');
		expect(render(zh as Tree, 'zh-CN', roll.msg.fix!)).toBe('请保持头部端正，重新拍摄。');
		const faces = items.find((i) => i.id === 'face-count')!;
		expect(render(zh as Tree, 'zh-CN', faces.msg.message!)).toBe('找到 2 张人脸；照片中只能有一个人。');
		const size = items.find((i) => i.id === 'file-size')!;
		expect(size.message).toBe('The file is 300 kB, outside 0 kB – 240 kB.');
	});

	it('labels marks on the photo with the PROBLEM, never the rule name, in both languages', () => {
		expect(markKey('mouth-closed')).toBe('checks.mouth-closed.mark');
		expect(template(en as Tree, markKey('mouth-closed'))).toBe('Mouth open');
		expect(template(zh as Tree, markKey('mouth-closed'))).toBe('张嘴');
		expect(template(en as Tree, markKey('expression'))).toBe('Smiling');
		expect(template(en as Tree, markKey('inter-eye-distance'))).toBe('Too few pixels between the eyes');
		expect(template(en as Tree, markKey('pitch'))).toBe('Head tilted up or down');
		expect(template(en as Tree, markKey('eyes-occluded'))).toBe('Eyes covered');
		expect(template(en as Tree, markKey('background-shadow'))).toBe('Shadow behind the head');
		expect(markLabelEnglish('mouth-closed')).toBe('Mouth open');
		// every quality check has a short mark label that differs from its name (fits a 300 px photo at 10 px: ≤ 36 glyphs)
		const ids = ['yaw', 'pitch', 'roll', 'gaze', 'eyes-open', 'mouth-closed', 'expression', 'eyes-occluded', 'other-person', 'inter-eye-distance', 'sharpness', 'motion-blur', 'exposure', 'luminance', 'illumination-symmetry', 'skin-colour', 'greyscale', 'colour-cast', 'red-eye', 'glasses-glare', 'compression', 'background-uniformity', 'background-colour', 'background-shadow', 'background-objects', 'background-edited'];
		for (const id of ids) {
			const e = template(en as Tree, markKey(id));
			const z = template(zh as Tree, markKey(id));
			expect(e, `en ${id}.mark`).toBeDefined();
			expect(z, `zh-CN ${id}.mark`).toBeDefined();
			expect(e).not.toBe(template(en as Tree, `checks.${id}.title`));
			expect(z).not.toBe(template(zh as Tree, `checks.${id}.title`));
			expect(e!.length).toBeLessThanOrEqual(32);
		}
	});

	it('merges marks at one place into the most severe one plus "+N", and keeps labels short enough for a phone', () => {
		const box = (x: number, y: number) => ({ x, y, width: 40, height: 20 });
		const same = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.abs(a.x - b.x) < 5 && Math.abs(a.y - b.y) < 5;
		const merged = mergeMarks(
			[
				{ id: 'expression', status: 'warn' as const, box: box(100, 200) },
				{ id: 'mouth-closed', status: 'fail' as const, box: box(101, 201) },
				{ id: 'eyes-occluded', status: 'warn' as const, box: box(100, 100) }
			],
			same
		);
		expect(merged.map((p) => [p.mark.id, p.mark.status, p.more])).toEqual([
			['mouth-closed', 'fail', 1],
			['eyes-occluded', 'warn', 0]
		]);
		// the place keeps the first mark's box
		expect(merged[0].mark.box).toEqual(box(100, 200));
		expect(markText('fail', 'Mouth open', 1)).toBe('✕ Mouth open +1');
		expect(markText('warn', 'Eyes covered', 0)).toBe('! Eyes covered');
		// 10 px font: Latin glyphs 6.2 px, CJK 10 px
		expect(labelWidth('abc', 10)).toBeCloseTo(18.6, 9);
		expect(labelWidth('张嘴', 10)).toBe(20);
		// a label wider than the photo is shortened with "…", keeping "+N"; one that fits is unchanged
		expect(fitLabel('✕ Mouth open +1', 10, 280)).toBe('✕ Mouth open +1');
		const long = fitLabel('✕ Too few pixels between the eyes for this document +2', 10, 150);
		expect(long.endsWith('… +2')).toBe(true);
		expect(labelWidth(long, 10)).toBeLessThanOrEqual(150);
		expect(long.startsWith('✕ Too few pixels')).toBe(true);
	});

	it('writes px as 像素 in Chinese, unchanged in English', () => {
		expect(template(zh as Tree, 'checks.report.px')).toBe('像素');
		expect(localUnits('358 × 441 px', '像素')).toBe('358 × 441 像素');
		expect(localUnits('两眼之间有 102.3 px（建议 ≥ 120 px）。', '像素')).toBe('两眼之间有 102.3 像素（建议 ≥ 120 像素）。');
		expect(localUnits('358 × 441 px', 'px')).toBe('358 × 441 px');
		// Chinese report punctuation: full-width brackets and comma
		expect(template(zh as Tree, 'checks.report.item-status-marked')).toBe('（{status}，已在照片上标出）：');
		expect(JSON.stringify(zh)).not.toMatch(/您/);
	});

	it('names the real adjustment sliders in the framing fixes (result.json adjust labels)', () => {
		const names = { en: [resultEn.adjust['head-size'], resultEn.adjust['eye-height'], resultEn.adjust['left-right']], zh: [resultZh.adjust['head-size'], resultZh.adjust['eye-height'], resultZh.adjust['left-right']] };
		expect(names.en).toEqual(['Head size', 'Eye-line height', 'Left / right']);
		for (const [tree, lang] of [[en, 'en'], [zh, 'zh']] as const) {
			for (const id of ['head-height', 'eye-line', 'horizontal-centring', 'top-margin']) {
				const fix = template(tree as Tree, `checks.${id}.fix`)!;
				expect(fix).not.toMatch(/position slider|left-right slider|位置滑块|左右滑块/);
				const quoted = [...fix.matchAll(/“([^”]+)”/g)].map((m) => m[1]);
				expect(quoted.length, `${lang} ${id}`).toBeGreaterThan(0);
				for (const q of quoted) expect(names[lang]).toContain(q);
			}
		}
	});
});

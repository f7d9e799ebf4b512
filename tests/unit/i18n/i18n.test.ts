/**
 * Interface language behaviour (issue 9): language choice and persistence, plural messages, country
 * names and search in Chinese, and the UI-layer translations of English texts produced elsewhere
 * (decode/pipeline errors, camera guidance, history, payment). For English, each translation must
 * give exactly the text the source module produces, so the English UI is unchanged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import {
	currentLanguage,
	LANGUAGE_STORAGE_KEY,
	matchLanguage,
	pickLanguage,
	setLanguage,
	t,
	translate
} from '$lib/i18n';
import type { Formatter } from '$lib/i18n/spec-text';
import { backgroundWords, colourName, formIssueLabel, sizeText } from '$lib/i18n/spec-text';
import { errorText, messageCode } from '$lib/i18n/errors';
import { cameraErrorText, guidanceText } from '$lib/i18n/camera';
import { historyProblemText, timeLeft, wipeLines } from '$lib/i18n/history';
import { orderStateText } from '$lib/i18n/payment';
import { shellNoticeText, stageText } from '$lib/i18n/format';
import { warningText } from '$lib/i18n/warnings';
import { countryName, listSpecs, type PhotoSpec } from '$lib/specs';
import { searchSpecList } from '$lib/specs/search';
import { backgroundText, specSizeText } from '$lib/app/spec-view';
import { formFieldLabel } from '$lib/app/custom-specs';
import { photoFileProblem } from '$lib/app/photo-file';
import { DECODE_ERROR_MESSAGES, DecodeError, type DecodeErrorCode } from '$lib/pipeline/decode/errors';
import { PipelineError } from '$lib/pipeline/run/errors';
import { GUIDANCE_ORDER, messageFor, type FrameObservation, type GuidanceId } from '$lib/camera/guidance';
import { cameraError } from '$lib/camera/stream';
import { EXPIRY_CHOICES, timeLeftText } from '$lib/history/expiry';
import { QUOTA_MESSAGE, toHistoryError, UNAVAILABLE_MESSAGE } from '$lib/history/errors';
import { describeWipe, type WipeReport } from '$lib/history/wipe';
import { PAPERS } from '$lib/app/papers';
import { dictionary } from 'svelte-i18n';

/** In-memory localStorage stand-in (Node has none). */
class MemoryStorage {
	map = new Map<string, string>();
	getItem(k: string) {
		return this.map.get(k) ?? null;
	}
	setItem(k: string, v: string) {
		this.map.set(k, String(v));
	}
	removeItem(k: string) {
		this.map.delete(k);
	}
}

const g = globalThis as { localStorage?: unknown };
let saved: unknown;
beforeEach(() => {
	saved = g.localStorage;
});
afterEach(() => {
	g.localStorage = saved;
	setLanguage('en');
});

/** The `$t` formatter in `lang`. */
function tr(lang: 'en' | 'zh-CN'): Formatter {
	setLanguage(lang);
	return get(t);
}

describe('keys built at run time', () => {
	it('exist for every value of their set', () => {
		const en = get(dictionary).en as Record<string, unknown>;
		const has = (key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en) !== undefined;
		const keys = [
			...[...GUIDANCE_ORDER, 'checking', 'ok'].filter((id) => !['straighten-head', 'face-camera', 'chin-level'].includes(id)).map((id) => `camera.guidance.${id}`),
			...['unsupported', 'denied', 'no-camera', 'in-use', 'other'].map((p) => `camera.error.${p}`),
			...['unavailable', 'write-failed', 'too-many'].map((c) => `spec.storage-error.${c}`),
			...EXPIRY_CHOICES.flatMap((c) => [`history.expiry.${c}`, `privacy.expiry.${c}`]),
			...PAPERS.map((p) => `result.paper.${p.id}`),
			...['starting', 'reading', 'finding-face', 'analysing'].map((s) => `photo.stage.${s}`),
			...(Object.keys(DECODE_ERROR_MESSAGES) as DecodeErrorCode[]).map((c) => `errors.decode.${c}`)
		];
		expect(keys.filter((k) => !has(k))).toEqual([]);
	});
});

describe('language choice', () => {
	it('maps browser tags to supported languages', () => {
		expect(matchLanguage('zh')).toBe('zh-CN');
		expect(matchLanguage('zh-TW')).toBe('zh-CN');
		expect(matchLanguage('zh-Hans-CN')).toBe('zh-CN');
		expect(matchLanguage('en-GB')).toBe('en');
		expect(matchLanguage('de-DE')).toBeNull();
		expect(matchLanguage(undefined)).toBeNull();
	});

	it('follows the saved choice, else the first supported browser language, else English', () => {
		expect(pickLanguage('zh-CN', ['en-US'])).toBe('zh-CN');
		expect(pickLanguage('en', ['zh-CN'])).toBe('en');
		expect(pickLanguage('fr', ['de-DE', 'zh-CN', 'en'])).toBe('zh-CN');
		expect(pickLanguage(null, ['de-DE', 'en-US', 'zh-CN'])).toBe('en');
		expect(pickLanguage(null, ['ja-JP'])).toBe('en');
		expect(pickLanguage(null, [])).toBe('en');
	});

	it('switches, translates and keeps the choice in localStorage', () => {
		const storage = new MemoryStorage();
		g.localStorage = storage;
		setLanguage('zh-CN');
		expect(currentLanguage()).toBe('zh-CN');
		expect(translate('layout.brand')).toBe('证件照工作室');
		expect(storage.getItem(LANGUAGE_STORAGE_KEY)).toBe('zh-CN');
		setLanguage('fr');
		expect(currentLanguage()).toBe('zh-CN');
		setLanguage('en');
		expect(translate('layout.brand')).toBe('ID Photo Studio');
		expect(storage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
	});

	it('works when storage throws (blocked) or is absent', () => {
		g.localStorage = {
			getItem() {
				throw new Error('blocked');
			},
			setItem() {
				throw new Error('blocked');
			}
		};
		expect(() => setLanguage('zh-CN')).not.toThrow();
		expect(translate('layout.nav-history')).toBe('历史记录');
		g.localStorage = undefined;
		expect(() => setLanguage('en')).not.toThrow();
		expect(translate('layout.nav-history')).toBe('History');
	});

	it('formats plurals and placeholders per language', () => {
		expect(tr('en')('spec.picker.total', { values: { count: 1 } })).toBe('1 document');
		expect(tr('en')('spec.picker.total', { values: { count: 42 } })).toBe('42 documents');
		expect(tr('zh-CN')('spec.picker.total', { values: { count: 42 } })).toBe('共 42 种证件');
		expect(tr('en')('result.verdict.fail', { values: { count: 2 } })).toBe('2 checks fail.');
	});
});

describe('countries in Chinese', () => {
	it('names every country, from the table or from Intl.DisplayNames', () => {
		expect(countryName('NL', 'zh-CN')).toBe('荷兰');
		expect(countryName('NL', 'en')).toBe('Netherlands');
		expect(countryName('DE', 'zh-CN')).toBe('德国');
		expect(countryName('PT', 'zh-CN')).toBe('葡萄牙');
		expect(countryName('EU', 'zh-CN')).toBe('欧盟（申根）');
		expect(countryName('XX', 'zh-CN')).toBe('XX');
	});

	it('finds a spec by its country name in Chinese even without a table row', () => {
		const base = listSpecs().find((s) => s.kind === 'passport')!;
		const nl: PhotoSpec = { ...base, id: 'nl-passport-test', country: 'NL', document: { en: 'Passport', 'zh-CN': '护照' } };
		const other: PhotoSpec = { ...base, id: 'de-passport-test', country: 'DE', document: { en: 'Passport', 'zh-CN': '护照' } };
		expect(searchSpecList([other, nl], '荷兰', 'zh-CN').map((s) => s.id)).toEqual(['nl-passport-test']);
		expect(searchSpecList([other, nl], '荷兰护照', 'zh-CN').map((s) => s.id)).toEqual(['nl-passport-test']);
		expect(searchSpecList([other, nl], 'Netherlands', 'en').map((s) => s.id)).toEqual(['nl-passport-test']);
	});
});

describe('spec texts', () => {
	it('English sizes and backgrounds equal spec-view.ts for every bundled spec', () => {
		const en = tr('en');
		for (const spec of listSpecs()) {
			expect(sizeText(spec, en)).toEqual(specSizeText(spec));
			expect(sizeText(spec, en, 600)).toEqual(specSizeText(spec, 600));
			expect(backgroundWords(spec, en)).toBe(backgroundText(spec));
		}
	});

	it('every bundled background colour has a Chinese name', () => {
		const zh = tr('zh-CN');
		const names = new Set(listSpecs().flatMap((s) => s.background.allowed.map((c) => c.name)));
		for (const name of names) expect(colourName(name, zh), name).toMatch(/[\u4e00-\u9fff]/);
		expect(colourName('mauve', zh)).toBe('mauve');
		expect(sizeText(listSpecs().find((s) => s.print && !s.digital)!, zh, 300).pixels).toMatch(/^\d+ × \d+ 像素（300 dpi）$/);
	});

	it('form issue labels equal custom-specs.ts in English', () => {
		const en = tr('en');
		const paths = ['', 'document.en', 'country', 'kind', 'print.widthMm', 'print.heightMm', 'print.dpi', 'digital.widthPx', 'digital.heightPx', 'digital', 'head.minRatio', 'head.maxRatio', 'head', 'eyeLine.minRatio', 'eyeLine.maxRatio', 'eyeLine', 'background.allowed.1.name', 'background.allowed.0.hex', 'background', 'file.maxKB', 'file', 'sources.0.url'];
		for (const p of paths) expect(formIssueLabel(p, en), p).toBe(formFieldLabel(p).replace(/^Background colour (\d+)$/, 'Colour $1'));
		expect(formIssueLabel('head.maxRatio', tr('zh-CN'))).toBe('头部高度上限（%）');
	});
});

describe('errors by code', () => {
	const codes = Object.keys(DECODE_ERROR_MESSAGES) as DecodeErrorCode[];

	it('decode errors: English unchanged, Chinese by code, also after crossing the worker (no code)', () => {
		for (const code of codes) {
			const e = new DecodeError(code, '(detail)');
			const crossed = { name: 'DecodeError', message: e.message };
			expect(messageCode(crossed)?.key).toBe(`decode.${code}`);
			expect(errorText(e, tr('en'))).toBe(DECODE_ERROR_MESSAGES[code]);
			const zh = errorText(crossed, tr('zh-CN'));
			expect(zh).toBe(translate(`errors.decode.${code}`));
			expect(zh).toMatch(/[\u4e00-\u9fff]/);
		}
	});

	it('pipeline, session and file errors', () => {
		const noFace = new PipelineError('no-face', 'No face was found in this photo. Use a photo that shows your whole face, looking at the camera, in good light.');
		expect(errorText(noFace, tr('en'))).toBe(noFace.message);
		expect(errorText(noFace.message, tr('zh-CN'))).toContain('没有找到人脸');
		expect(errorText('A 35 x 45 mm photo does not fit on 4x6in paper.', tr('en'))).toBe('A 35 x 45 mm photo does not fit on 4x6in paper.');
		expect(errorText('A 35 x 45 mm photo does not fit on 4x6in paper.', tr('zh-CN'))).toBe('35 × 45 毫米的照片放不进 4x6in 相纸。');
		const empty = photoFileProblem({ name: 'a.jpg', type: 'image/jpeg', size: 0 })!;
		const notPhoto = photoFileProblem({ name: 'notes.txt', type: 'text/plain', size: 10 })!;
		expect(errorText(empty, tr('en'))).toBe(empty);
		expect(errorText(notPhoto, tr('en'))).toBe(notPhoto);
		expect(errorText(notPhoto, tr('zh-CN'))).toBe('“notes.txt”不是照片。请选择 JPEG、PNG、WebP、AVIF 或 HEIC 图像。');
		expect(errorText('Analysis cancelled.', tr('zh-CN'))).toBe('已取消分析。');
		// English stays exactly as produced (photo-session.svelte.ts, pipeline-client.ts, encode/window.ts, workers/pipeline.worker.ts).
		for (const m of [
			'No face was found in this photo. Use a photo that shows your face from the front, well lit.',
			'The photo engine could not be loaded. Reload the page to try again.',
			'The photo engine could not start: Worker failed',
			'The photo engine could not start',
			'Even at the lowest JPEG quality the photo is 250000 bytes, over the 240000-byte maximum. Use a smaller pixel size or a larger limit.',
			'The window 10000..10001 bytes is too narrow to reach by padding.',
			'This photo is no longer open. Add it again.',
			'Something went wrong while processing the photo.'
		]) {
			expect(messageCode(m), m).not.toBeNull();
			expect(errorText(m, tr('en'))).toBe(m);
			expect(errorText(m, tr('zh-CN')), m).toMatch(/[\u4e00-\u9fff]/);
		}
		expect(errorText(new Error('Weird thing'), tr('zh-CN'))).toBe('出错了：Weird thing');
		expect(errorText(new Error('Weird thing'), tr('en'))).toBe('Weird thing');
	});

	it('analysis stages', () => {
		expect(stageText('Finding the face', tr('en'))).toBe('Finding the face');
		expect(stageText('Finding the face', tr('zh-CN'))).toBe('正在寻找人脸');
		expect(stageText(null, tr('zh-CN'))).toBe('正在分析照片');
	});
});

describe('camera', () => {
	const ids: GuidanceId[] = [...GUIDANCE_ORDER, 'checking', 'ok'];
	const obs = (yawDeg: number, pitchDeg: number) => ({ landmarks: { yawDeg, pitchDeg } }) as unknown as FrameObservation;
	const face = (rollDeg: number) => ({ eyeCentre: { x: 0, y: 0 }, headHeightPx: 100, rollDeg });

	it('English guidance equals guidance.ts messageFor for every id and direction; Chinese differs', () => {
		for (const id of ids) {
			for (const [o, f] of [
				[obs(10, 10), face(5)],
				[obs(-10, -10), face(-5)]
			] as const) {
				const message = messageFor(id, o, f);
				expect(guidanceText({ id, message }, tr('en')), id).toBe(message);
				expect(guidanceText({ id, message }, tr('zh-CN')), id).toMatch(/[\u4e00-\u9fff]/);
			}
		}
		const f = face(5);
		expect(guidanceText({ id: 'straighten-head', message: messageFor('straighten-head', obs(0, 0), f) }, tr('zh-CN'))).toBe('请摆正头部：头向你的左侧倾斜了。');
	});

	it('camera errors by problem', () => {
		for (const name of ['NotAllowedError', 'NotFoundError', 'NotReadableError']) {
			const e = cameraError({ name });
			expect(cameraErrorText(e, tr('en'))).toBe(e.message);
			expect(cameraErrorText(e, tr('zh-CN'))).toMatch(/相机/);
		}
		expect(cameraErrorText({ problem: 'unsupported' }, tr('en'))).toBe('This browser cannot use a camera here. Choose a photo below instead.');
	});
});

describe('history', () => {
	const made = Date.UTC(2026, 0, 1);
	it('time left equals expiry.ts in English for every setting and several ages', () => {
		for (const setting of EXPIRY_CHOICES) {
			for (const age of [0, 30_000, 59 * 60_000, 3 * 3_600_000 + 20 * 60_000, 2 * 86_400_000 + 3_600_000, 31 * 86_400_000]) {
				expect(timeLeft(made, setting, made + age, tr('en'))).toBe(timeLeftText(made, setting, made + age));
			}
		}
		expect(timeLeft(made, '24h', made + 3_600_000 * 20 + 60_000 * 30, tr('zh-CN'))).toBe('3 小时 30 分钟后删除');
	});

	it('problems and the wipe report: English unchanged, Chinese translated', () => {
		const failed = toHistoryError(new Error('disk error'), 'save to').message;
		for (const m of [QUOTA_MESSAGE, UNAVAILABLE_MESSAGE, failed]) expect(historyProblemText(m, tr('en'))).toBe(m);
		expect(historyProblemText(failed, tr('zh-CN'))).toBe('无法保存到本设备的历史记录（disk error）。');
		expect(historyProblemText(toHistoryError(new Error('x'), 'delete from').message, tr('zh-CN'))).toBe('无法从本设备的历史记录中删除（x）。');
		const report: WipeReport = { databases: ['idphoto-history'], caches: [], localStorageKeys: 3, sessionStorageKeys: 1, opfsEntries: [], objectUrls: 2, enginePhotos: 1, serviceWorkers: 1, errors: ['caches: denied'] };
		expect(wipeLines(report, tr('en'))).toEqual(describeWipe(report));
		expect(wipeLines(report, tr('zh-CN'))[2]).toBe('已保存的设置：3 项（localStorage）');
		expect(wipeLines(report, tr('zh-CN'))[6]).toBe('已从照片引擎内存中释放的照片：1');
	});
});

describe('pipeline warnings', () => {
	/** One sample of each wording in geometry/layout.ts, geometry/extension.ts, run/analyse.ts and run/render.ts. */
	const samples = [
		'The hair reaches the top edge of the source photo: the crown may be higher than measured.',
		'No person mask over the head: the crown was estimated from the face landmarks (skull top, hair excluded).',
		'Head height moved from 71.0 % to 74.5 % of the photo height to meet the eye-line and top-margin windows together.',
		'The top-margin window cannot be met together with the head-height and eye-line windows for this face.',
		'There is too little space above the head with the required head height and eye line for this face.',
		'The eye-line window cannot be met together with the head-height window for this face (unusual head proportions).',
		'2 faces found: using the largest. An ID photo must show only you.',
		'The photo has to be enlarged 5.3x to reach the required size; it will look soft. Move closer or use a higher resolution.',
		'The top of the head is cut off or touches the top edge of the photo. Leave space above the hair.',
		'The photo does not reach far enough to the side of the head. Stand in the centre of the frame and leave space on both sides.',
		'The shoulders are cut off in this photo; the clothing will be extended downwards. For a better result include the shoulders.',
		'The head is tilted by 7 degrees. Hold the head straight.',
		'With the required head size the eyes cannot be placed at the required height for this face.',
		'With the required head size and eye line, the space above the head cannot be met for this face (tall hair?).',
		"Passport: the authority does not allow the background to be edited, so the photo's own background is kept. Take the photo in front of a plain white or light grey wall."
	];

	it('English unchanged, every wording translated to Chinese with its numbers', () => {
		for (const s of samples) {
			expect(warningText(s, tr('en'))).toBe(s);
			const zh = warningText(s, tr('zh-CN'));
			expect(zh, s).toMatch(/[\u4e00-\u9fff]/);
			for (const n of s.match(/\d+(\.\d+)?/g) ?? []) expect(zh, s).toContain(n);
		}
		expect(warningText(samples.at(-1)!, tr('zh-CN'))).toBe('Passport：该机构不允许修改背景，因此保留照片原有背景。请在纯白色或浅灰色墙面前拍摄。');
		expect(warningText(samples.at(-1)!, tr('zh-CN'), (en) => (en === 'Passport' ? '护照' : en))).toMatch(/^护照：/);
		expect(warningText('Something new.', tr('zh-CN'))).toBe('Something new.');
	});
});

describe('payment and shell notices', () => {
	it('order states', () => {
		const zh = tr('zh-CN');
		expect(orderStateText({ phase: 'cancelled', message: 'The payment was cancelled. Nothing was charged.' }, zh)).toBe('付款已取消，未产生任何费用。');
		expect(orderStateText({ phase: 'timeout', message: 'No payment yet (last check: HTTP 502).' }, zh)).toBe('尚未收到付款（最近一次查询：HTTP 502）。');
		expect(orderStateText({ phase: 'error', message: 'The order could not be made: offline.' }, zh)).toBe('无法创建订单：offline。');
		const en = tr('en');
		for (const m of ['The payment was cancelled. Nothing was charged.', 'No payment has arrived yet.', 'The payment server does not know this order.'])
			expect(orderStateText({ phase: m.startsWith('No') ? 'timeout' : m.includes('cancelled') ? 'cancelled' : 'error', message: m }, en)).toBe(m);
	});

	it('shared photo and offline notices', () => {
		expect(shellNoticeText('Photo received (IMG_1.jpg). Choose the document it is for.', tr('en'))).toBe('Photo received (IMG_1.jpg). Choose the document it is for.');
		expect(shellNoticeText('Photo received (IMG_1.jpg). Choose the document it is for.', tr('zh-CN'))).toBe('已收到照片（IMG_1.jpg）。请选择它要用于哪种证件。');
		expect(shellNoticeText('Offline use is not available: quota', tr('zh-CN'))).toBe('无法离线使用：quota');
	});
});

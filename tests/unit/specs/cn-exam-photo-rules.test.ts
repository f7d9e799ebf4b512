/**
 * Published values of six Chinese exam-photo specs, brought up to the most recent rule read on 2026-11-29
 * (src/lib/specs/data/cn-conventions.json, cn-exams-more.json). Every pinned number comes from the source named
 * next to it (secondary pages reproducing the authority's notice; the URLs are in each spec's `sources`):
 * - cn-exam-ncre: NCRE provincial notices (Shaoxing/Zhejiang 2023 on gansulong.com, Shandong 2025 on anjisi.com,
 *   Yangjiang 2022 on yj.bendibao.com): at least 192x144 px (height x width), 4:3, JPEG, 20-200 KB, head 7/10, 1/10 above.
 * - cn-exam-civil-service: 国考 registration confirmation 2023 (gemu.cn), 2024 (bwnwqq.cn), 2019 tool (ahgwyw.org):
 *   blue or white, JPG/JPEG, width >= 295 px, height >= 413 px.
 * - cn-teacher-cert: NTCE registration (233.com, zaixue100.com): white, jpg/jpeg, <= 200K, 150x200 px.
 * - cn-exam-cet: Chongqing and Jiangsu 2025 (dangshu.com): 480x640 px, <= 200KB, white, habitual glasses allowed.
 * - cn-exam-graduate: 研招网 online confirmation (xueti.com, bjdnbx.com): white or blue, jpg/jpeg, <= 10M, 3:4,
 *   no glasses, no editing of any kind, eyes 30-50 % of the height below the top edge.
 * - cn-exam-medical-licensing: NMEC photo-tool rule since 2021 (med66 articles on genyda.com, m.cddzsc.cn): white
 *   small two-inch, jpg, <= 30kb, at least 190x254 px (width x height).
 */
import { describe, expect, it } from 'vitest';
import { geometryTarget, outputPixelSize } from '../../../src/lib/specs/geometry';
import { getSpec } from '../../../src/lib/specs/registry';
import type { PhotoSpec } from '../../../src/lib/specs/schema';

const IDS = [
	'cn-exam-ncre',
	'cn-exam-civil-service',
	'cn-teacher-cert',
	'cn-exam-cet',
	'cn-exam-graduate',
	'cn-exam-medical-licensing'
];

function spec(id: string): PhotoSpec {
	const s = getSpec(id);
	if (!s) throw new Error(`spec ${id} is not registered`);
	return s;
}

const colours = (s: PhotoSpec) => s.background.allowed.map((c) => c.name).sort();

describe('Chinese exam photo specs follow the most recent rule read', () => {
	it('NCRE: at least 144x192 px at 3:4, JPEG 20-200 KB, head 7/10 with 1/10 above it', () => {
		const s = spec('cn-exam-ncre');
		expect(s.digital).toEqual({ minWidthPx: 144, minHeightPx: 192 });
		const o = outputPixelSize(s);
		expect([o.widthPx, o.heightPx]).toEqual([144, 192]);
		expect(o.widthPx * 4).toBe(o.heightPx * 3); // 像素高宽比为4:3 (Zhejiang 2023)
		expect(s.file).toEqual({ format: 'jpeg', minKB: 20, maxKB: 200, kbUnit: 1024 });
		const g = geometryTarget(s);
		expect(g.headHeightRatio.target).toBe(0.7); // 头部占7/10
		expect(g.topMarginRatio?.target).toBe(0.1); // 头上部空1/10
		expect(colours(s)).toEqual(['white']);
	});

	it('civil service: at least 295x413 px, blue or white, never red', () => {
		const s = spec('cn-exam-civil-service');
		expect(s.digital).toEqual({ minWidthPx: 295, minHeightPx: 413 });
		expect(outputPixelSize(s)).toMatchObject({ widthPx: 295, heightPx: 413, basis: 'digital-min' });
		expect(colours(s)).toEqual(['blue', 'white']);
		expect(s.background.recommended).toBe('#628BCE');
		expect(s.file?.format).toBe('jpeg');
		expect(s.file?.maxKB).toBeUndefined(); // the official photo tool sets the file size (about 10 KB)
	});

	it('teacher qualification: the NTCE registration photo, 150x200 px, <= 200 KB, white', () => {
		const s = spec('cn-teacher-cert');
		expect(outputPixelSize(s)).toMatchObject({ widthPx: 150, heightPx: 200, basis: 'digital-exact' });
		expect(s.file).toEqual({ format: 'jpeg', maxKB: 200, kbUnit: 1000 });
		expect(colours(s)).toEqual(['white']);
		expect(s.notes).toMatch(/114 x 156 px/); // the later certification step differs and the notes say so
	});

	it('CET: Chongqing/Jiangsu 2025 480x640 px, <= 200 KB, white; notes say the rule varies by province and school', () => {
		const s = spec('cn-exam-cet');
		expect(outputPixelSize(s)).toMatchObject({ widthPx: 480, heightPx: 640, dpi: 300 });
		expect(s.file).toEqual({ format: 'jpeg', maxKB: 200, kbUnit: 1000 });
		expect(colours(s)).toEqual(['white']);
		expect(s.glasses).toBe('allowed');
		expect(s.notes).toMatch(/varies by province and school/);
		expect(s.notes).toMatch(/check your school's notice/i);
	});

	it('postgraduate exam: exactly 3:4, <= 10 MB, no glasses, no editing, eyes 30-50 % below the top edge', () => {
		const s = spec('cn-exam-graduate');
		const o = outputPixelSize(s);
		expect(o.widthPx * 4).toBe(o.heightPx * 3);
		expect(s.background.editingAllowed).toBe(false);
		expect(colours(s)).toEqual(['blue', 'white']);
		expect(s.glasses).toBe('forbidden');
		expect(s.file).toEqual({ format: 'jpeg', maxKB: 10000, kbUnit: 1000 });
		expect(s.eyeLine).toEqual({ from: 'top', minRatio: 0.3, maxRatio: 0.5 });
		expect(geometryTarget(s).eyeFromBottomRatio).toEqual({ min: 0.5, max: 0.7, target: 0.6 });
	});

	it('medical licensing: since 2021 at least 190x254 px, JPG <= 30 KB, white; the 2006 GA 461 size is only in the notes', () => {
		const s = spec('cn-exam-medical-licensing');
		expect(s.print).toBeUndefined();
		expect(s.digital).toEqual({ minWidthPx: 190, minHeightPx: 254 });
		expect(outputPixelSize(s)).toMatchObject({ widthPx: 190, heightPx: 254 });
		expect(s.file).toEqual({ format: 'jpeg', maxKB: 30, kbUnit: 1000 });
		expect(colours(s)).toEqual(['white']);
		expect(s.notes).toMatch(/Earlier rule \(2006\)[^.]*358 x 441 px/);
	});

	it('each keeps its old values in the notes and allows no colour the rules do not name', () => {
		for (const id of IDS) {
			const s = spec(id);
			expect(s.notes, id).toMatch(/Earlier (rule|values)/);
			expect(colours(s), id).not.toContain('red');
			for (const src of s.sources) expect(src.checked, id).toBe('2026-11-29');
		}
	});
});

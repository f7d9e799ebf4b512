/**
 * Published values of the Asia-Pacific, Middle East / Africa and extra Chinese exam specs
 * (src/lib/specs/data/asia-pacific.json, africa-middle-east.json, cn-exams-more.json).
 * Every number asserted here was read on 2026-11-29 in the source named below (the authority's own page unless marked):
 * - hk-passport: ImmD "Photo Requirements for Travel Document" (40x50 mm, chin to crown 32-36 mm, white).
 * - hk-passport-digital: same page (JPEG <= 5 MB, camera image >= 1200x1600 px).
 * - tw-passport: BOCA "Guidelines for e-Passport Photographs" (45x35 mm, 32-36 mm = 70-80 %, top of head without hair).
 * - sg-passport-digital: ICA "Passport photo guidelines" (400 by 514 px, <= 2 MB).
 * - nz-passport-digital: passports.govt.nz (900x1200 to 4500x6000 px, > 500 kb and < 10 MB).
 * - lk-national-id-card: Department for Registration of Persons (45x35 mm, light blue background).
 * - np-passport / bt-passport: Nepal Department of Passports, Bhutan MFA (45x35 mm, face 70-80 %).
 * - cn-exit-entry-digital: NIA 出入境证件相片照相指引 (two copies read); cn-driving-licence: GA 482-2008 as quoted (secondary).
 */
import { describe, expect, it } from 'vitest';
import africaMiddleEast from '../../../src/lib/specs/data/africa-middle-east.json';
import asiaPacific from '../../../src/lib/specs/data/asia-pacific.json';
import cnExamsMore from '../../../src/lib/specs/data/cn-exams-more.json';
import { geometryTarget, outputPixelSize } from '../../../src/lib/specs/geometry';
import { getSpec, listSpecs } from '../../../src/lib/specs/registry';
import { parseSpec } from '../../../src/lib/specs/schema';

/** Countries that had a bundled spec before these files were added (issue 9 brief). */
const EARLIER_COUNTRIES = ['AU', 'BR', 'CA', 'CN', 'DE', 'EU', 'FI', 'FR', 'GB', 'IN', 'JP', 'KR', 'MX', 'RU', 'SA', 'US'];

const added = [...asiaPacific, ...africaMiddleEast, ...cnExamsMore].map((raw) => parseSpec(raw));

describe('Asia-Pacific, Middle East and Africa specs', () => {
	it('add at least 32 documents covering at least 18 countries without an earlier spec', () => {
		expect(added.length).toBeGreaterThanOrEqual(32);
		const fresh = new Set(added.map((s) => s.country).filter((c) => !EARLIER_COUNTRIES.includes(c)));
		expect(fresh.size).toBeGreaterThanOrEqual(18);
		// all of them are registered (index.ts) under unique ids
		const registered = new Set(listSpecs().map((s) => s.id));
		for (const s of added) expect(registered.has(s.id), s.id).toBe(true);
	});

	it('every added spec names a source checked on the review date and explains DOUBT/ASSUMED items', () => {
		for (const s of added) {
			for (const src of s.sources) expect(src.checked, s.id).toBe('2026-11-29');
			if (s.head.basis === 'assumed') expect(s.notes, s.id).toMatch(/ASSUMED/);
			expect((s.notes ?? '').length, s.id).toBeGreaterThan(80);
		}
	});

	it('Hong Kong passport: 40x50 mm, chin to crown 32-36 mm, white only (ImmD)', () => {
		const s = getSpec('hk-passport');
		expect([s.print?.widthMm, s.print?.heightMm]).toEqual([40, 50]);
		const g = geometryTarget(s);
		expect(g.headHeightRatio.min).toBeCloseTo(32 / 50, 10);
		expect(g.headHeightRatio.max).toBeCloseTo(36 / 50, 10);
		expect(s.background.allowed.map((c) => c.hex)).toEqual(['#FFFFFF']);
		const d = getSpec('hk-passport-digital');
		expect(d.file?.maxKB).toBe(5000);
		const o = outputPixelSize(d);
		expect(o.widthPx).toBeGreaterThanOrEqual(1200);
		expect(o.heightPx).toBeGreaterThanOrEqual(1600);
		expect(o.widthPx / o.heightPx).toBeCloseTo(40 / 50, 2);
	});

	it('Taiwan passport and ID card: 32-36 mm from chin to the top of the skull on 35x45 mm (BOCA, household registration)', () => {
		for (const id of ['tw-passport', 'tw-id-card']) {
			const s = getSpec(id);
			expect(s.head.definition, id).toBe('skull-to-chin');
			expect([s.head.minMm, s.head.maxMm], id).toEqual([32, 36]);
			expect([s.head.minRatio, s.head.maxRatio], id).toEqual([0.7, 0.8]);
			expect(outputPixelSize(s), id).toMatchObject({ widthPx: 413, heightPx: 531, dpi: 300 });
		}
		expect(getSpec('tw-id-card').background.editingAllowed).toBe(false); // 不得使用合成相片
	});

	it('Singapore e-Service upload is exactly 400x514 px, at most 2 MB (ICA)', () => {
		const s = getSpec('sg-passport-digital');
		expect(outputPixelSize(s)).toMatchObject({ widthPx: 400, heightPx: 514, basis: 'digital-exact' });
		expect(s.file).toMatchObject({ maxKB: 2000, kbUnit: 1000 });
		expect(getSpec('sg-passport').background.editingAllowed).toBe(false);
	});

	it('New Zealand online passport photo: 900x1200 to 4500x6000 px, 500 KB to 10 MB (passports.govt.nz)', () => {
		const s = getSpec('nz-passport-digital');
		expect(s.digital).toEqual({ minWidthPx: 900, minHeightPx: 1200, maxWidthPx: 4500, maxHeightPx: 6000 });
		expect(s.file).toMatchObject({ format: 'jpeg', minKB: 500, maxKB: 10000 });
		expect(outputPixelSize(s)).toMatchObject({ widthPx: 900, heightPx: 1200 });
		expect(getSpec('nz-passport').background.allowed.some((c) => c.hex === '#FFFFFF')).toBe(false);
	});

	it('Indonesia e-Visa: >= 400x600 px, head and eye line 50-60 % of the height', () => {
		const s = getSpec('id-evisa');
		expect(outputPixelSize(s)).toMatchObject({ widthPx: 400, heightPx: 600 });
		const g = geometryTarget(s);
		expect([g.headHeightRatio.min, g.headHeightRatio.max]).toEqual([0.5, 0.6]);
		expect([g.eyeFromBottomRatio?.min, g.eyeFromBottomRatio?.max]).toEqual([0.5, 0.6]);
	});

	it('Sri Lanka NIC uses a light blue background; Nepal and Bhutan passports 70-80 % on 35x45 mm', () => {
		expect(getSpec('lk-national-id-card').background.allowed.map((c) => c.name)).toEqual(['light blue']);
		for (const id of ['np-passport', 'bt-passport']) {
			const g = geometryTarget(getSpec(id));
			expect([g.headHeightRatio.min, g.headHeightRatio.max], id).toEqual([0.7, 0.8]);
			expect(getSpec(id).head.basis, id).toBe('published');
		}
	});

	it('China: exit-entry digital photo 354-480 x 472-640 px, 20-80 KB; driving licence 22x32 mm, head 19-22 mm (GA 482-2008)', () => {
		const d = getSpec('cn-exit-entry-digital');
		expect(d.digital).toEqual({ minWidthPx: 354, minHeightPx: 472, maxWidthPx: 480, maxHeightPx: 640 });
		expect(d.file).toMatchObject({ minKB: 20, maxKB: 80 });
		expect(outputPixelSize(d)).toMatchObject({ widthPx: 354, heightPx: 472 });
		const dl = getSpec('cn-driving-licence');
		expect(outputPixelSize(dl)).toMatchObject({ widthPx: 260, heightPx: 378, dpi: 300 });
		const g = geometryTarget(dl);
		expect(g.headHeightRatio.min).toBeCloseTo(19 / 32, 10);
		expect(g.headHeightRatio.max).toBeCloseTo(22 / 32, 10);
		expect([dl.headWidth?.minMm, dl.headWidth?.maxMm]).toEqual([14, 16]);
	});

	it('a wrong edit is rejected: the HK head window in mm cannot exceed the 50 mm photo', () => {
		const raw = JSON.parse(JSON.stringify(asiaPacific.find((r) => r.id === 'hk-passport')));
		raw.head.maxMm = 52;
		expect(() => parseSpec(raw)).toThrow(/smaller than the photo height/);
	});
});

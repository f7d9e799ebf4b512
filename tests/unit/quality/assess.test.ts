/**
 * The quality aggregator (assessQuality): every id once, problems first, a throwing module guarded; rulesForSpec on the
 * bundled specs; the report's quality section (regions to original px, marks mapped into the finished photo); and the
 * real modules on astronaut.png through the real analysis.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { getSpec } from '$lib/specs';
import { assessQuality, compareChecks, idsOf, QUALITY_CATALOGUE, rulesForSpec, type QualityModules } from '$lib/quality';
import type { QualityCheck, QualityId, QualityInput, QualityModule } from '$lib/quality';
import { mapBox, qualitySection, assessAnalysis, fixedByRender } from '$lib/pipeline/run/report';
import { checkLabel, groupItems, isNamed, reportItems } from '$lib/app/check-labels';
import { createNodeInference, openPhotoNode } from '../../../src/cli/node-pipeline';
import { analysePhoto } from '$lib/pipeline/run/analyse';
import { ASTRONAUT } from '../pipeline/helpers';

/** A minimal input: a 4x4 grey image and an all-zero landmark set (the fake modules below do not read it). */
const INPUT: QualityInput = {
	image: { width: 4, height: 4, data: new Uint8ClampedArray(64).fill(128) },
	landmarks: { points: new Float32Array(478 * 3), irisCenters: { right: { x: 1, y: 1 }, left: { x: 3, y: 1 } }, faceFlag: 1 },
	faces: [],
	mask: null,
	scale: 0.5
};

function check(id: QualityId, status: QualityCheck['status'], severity: number, region: QualityCheck['region'] = null): QualityCheck {
	return {
		id,
		group: QUALITY_CATALOGUE[id].group,
		status,
		value: status === 'unknown' ? null : 1,
		unit: 'deg',
		limit: '<= 5 deg',
		ofiq: null,
		message: `${id} is ${status}.`,
		fix: status === 'pass' ? null : `Fix ${id}.`,
		region,
		severity
	};
}

/** A module returning `status(id)` for each of its ids, with the catalogue severity. */
const fixed =
	(module: 'face' | 'image' | 'background', status: (id: QualityId) => QualityCheck['status']): QualityModule =>
	() =>
		idsOf(module).map((id) => check(id, status(id), QUALITY_CATALOGUE[id].severity));

describe('assessQuality', () => {
	it('returns every id once, fail before warn before unknown before pass, by severity inside a status', () => {
		const modules: QualityModules = {
			face: fixed('face', (id) => (id === 'yaw' ? 'warn' : id === 'other-person' ? 'fail' : id === 'eyes-occluded' ? 'warn' : 'pass')),
			image: fixed('image', (id) => (id === 'compression' ? 'fail' : id === 'red-eye' ? 'unknown' : 'pass')),
			background: fixed('background', () => 'pass')
		};
		const r = assessQuality(INPUT, {}, modules);
		const all = Object.keys(QUALITY_CATALOGUE);
		expect(r.checks.map((c) => c.id).sort()).toEqual([...all].sort());
		expect(r.checks.slice(0, 5).map((c) => `${c.status}:${c.id}`)).toEqual([
			'fail:other-person', // severity 95
			'fail:compression', // 20
			'warn:eyes-occluded', // 90
			'warn:yaw', // 80
			'unknown:red-eye'
		]);
		expect(r.counts).toEqual({ fail: 2, warn: 2, unknown: 1, pass: all.length - 5 });
		expect(r.overall).toBe('fail');
		for (const k of ['face', 'image', 'background', 'total'] as const) expect(r.timings[k]).toBeGreaterThanOrEqual(0);
		expect(r.timings.total).toBeGreaterThanOrEqual(r.timings.face + r.timings.image + r.timings.background - 1e-6);
	});

	it('a module that throws gives unknown entries with the reason; the other modules still report', () => {
		const modules: QualityModules = {
			face: fixed('face', () => 'pass'),
			image: () => {
				throw new RangeError('mask is empty');
			},
			background: fixed('background', (id) => (id === 'background-shadow' ? 'warn' : 'pass'))
		};
		const r = assessQuality(INPUT, {}, modules);
		const image = r.checks.filter((c) => QUALITY_CATALOGUE[c.id].module === 'image');
		expect(image).toHaveLength(idsOf('image').length);
		for (const c of image) {
			expect(c.status).toBe('unknown');
			expect(c.value).toBeNull();
			expect(c.message).toBe('Could not be measured: mask is empty');
			expect(c.group).toBe(QUALITY_CATALOGUE[c.id].group);
		}
		expect(r.checks[0].id).toBe('background-shadow');
		expect(r.overall).toBe('warn');
		expect(r.counts.unknown).toBe(idsOf('image').length);
	});

	it('fills ids a module omits or returns malformed, and keeps the first of duplicates', () => {
		const modules: QualityModules = {
			face: () => [check('yaw', 'fail', 80), check('yaw', 'pass', 80), { ...check('pitch', 'pass', 75), status: 'maybe' } as unknown as QualityCheck, check('sharpness', 'fail', 99)],
			image: fixed('image', () => 'pass'),
			background: fixed('background', () => 'pass')
		};
		const r = assessQuality(INPUT, {}, modules);
		expect(r.checks.filter((c) => c.id === 'yaw')).toHaveLength(1);
		expect(r.checks.find((c) => c.id === 'yaw')!.status).toBe('fail');
		// pitch was malformed, gaze omitted: unknown. sharpness from the face module is not the face module's id.
		expect(r.checks.find((c) => c.id === 'pitch')!.status).toBe('unknown');
		expect(r.checks.find((c) => c.id === 'gaze')!.message).toBe('This check gave no result for this photo.');
		expect(r.checks.find((c) => c.id === 'sharpness')!.status).toBe('pass');
		expect(r.checks).toHaveLength(Object.keys(QUALITY_CATALOGUE).length);
	});

	it('compareChecks breaks severity ties by group order (framing, face, lighting, background, file)', () => {
		const a = { ...check('compression', 'warn', 50) };
		const b = { ...check('exposure', 'warn', 50) };
		expect([a, b].sort(compareChecks).map((c) => c.id)).toEqual(['exposure', 'compression']);
	});
});

describe('rulesForSpec', () => {
	it('au-passport: editing not allowed, white or light grey within ΔE00 10, glasses forbidden, background kept', () => {
		expect(rulesForSpec(getSpec('au-passport'))).toEqual({
			background: { allowed: ['#FFFFFF', '#DCDCDC'], names: ['white', 'light grey'], toleranceDeltaE: 10 },
			editingAllowed: false,
			backgroundReplaced: false,
			glasses: 'forbidden'
		});
	});

	it('us-passport: white or off-white, replaced by the app, glasses forbidden; options override pose limits', () => {
		expect(rulesForSpec(getSpec('us-passport'), { maxYawDeg: 10, maxRollDeg: 12 })).toEqual({
			background: { allowed: ['#FFFFFF', '#F5F5F0'], names: ['white', 'off-white'], toleranceDeltaE: 10 },
			editingAllowed: true,
			backgroundReplaced: true,
			glasses: 'forbidden',
			maxYawDeg: 10,
			maxRollDeg: 12
		});
	});

	it('fr-passport forbids white; eu-schengen-visa states no glasses rule', () => {
		const fr = rulesForSpec(getSpec('fr-passport'));
		expect(fr.background).toEqual({ allowed: ['#DCDCDC', '#D4E4F2'], names: ['light grey', 'light blue'], toleranceDeltaE: 10, forbidden: ['#FFFFFF'], forbiddenNames: ['white'] });
		expect(fr.glasses).toBe('allowed');
		expect('glasses' in rulesForSpec(getSpec('eu-schengen-visa'))).toBe(false);
	});
});

describe('report quality section', () => {
	it('maps regions to original px and marks warn/fail regions into the output, clipped', () => {
		const modules: QualityModules = {
			face: () => [check('eyes-occluded', 'fail', 90, { x: 10, y: 20, width: 30, height: 10 }), check('roll', 'pass', 60, { x: 0, y: 0, width: 5, height: 5 })],
			image: () => [check('glasses-glare', 'warn', 55, { x: -50, y: -50, width: 20, height: 20 })],
			background: () => [check('background-shadow', 'warn', 45, { x: 90, y: 0, width: 40, height: 40 })]
		};
		const q = assessQuality(INPUT, {}, modules);
		// work px → output px: scale 2, shift (5, -10)
		const s = qualitySection(q, 0.5, { a: 2, b: 0, c: 0, d: 2, e: 5, f: -10 }, 200, 100);
		expect(s.checks.find((c) => c.id === 'eyes-occluded')!.region).toEqual({ x: 20, y: 40, width: 60, height: 20 });
		expect(s.marks).toEqual([
			{ id: 'eyes-occluded', status: 'fail', box: { x: 25, y: 30, width: 60, height: 20 } },
			// x 185..265 clipped at 200, y -10..70 clipped at 0; glasses-glare lies outside the photo: no mark; roll passes.
			{ id: 'background-shadow', status: 'warn', box: { x: 185, y: 0, width: 15, height: 70 } }
		]);
	});

	it('does not mark problems the app corrects, nor regions covering most of the photo', () => {
		const q = assessQuality(INPUT, {}, {
			face: () => [check('roll', 'fail', 60, { x: 0, y: 0, width: 10, height: 10 })],
			image: () => [check('exposure', 'warn', 65, { x: 0, y: 0, width: 95, height: 95 })],
			background: () => [check('background-objects', 'fail', 50, { x: 0, y: 0, width: 20, height: 20 })]
		});
		const s = qualitySection(q, 1, { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }, 100, 100, fixedByRender(getSpec('us-passport')));
		// roll and background-objects are corrected by render (us-passport allows editing); exposure covers 90 % of the photo.
		expect(s.marks).toEqual([]);
		expect(s.fixedByApp).toEqual(['background-uniformity', 'background-colour', 'background-shadow', 'background-objects', 'roll']);
		// au-passport: the background is kept, so its problems stay marked.
		const au = qualitySection(q, 1, { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }, 100, 100, fixedByRender(getSpec('au-passport')));
		expect(au.marks.map((m) => m.id)).toEqual(['background-objects']);
		const items = reportItems({ checks: [], quality: s });
		const objects = items.find((i) => i.id === 'background-objects')!;
		expect([objects.fixedByApp, objects.fix]).toEqual([true, null]);
		// The corrected failures sort after the real problem (exposure warn).
		expect(items[0].id).toBe('exposure');
	});

	it('check-labels names every quality id', () => {
		for (const id of Object.keys(QUALITY_CATALOGUE)) expect(isNamed(id), id).toBe(true);
		expect(isNamed('background-delta-e')).toBe(false);
		expect(checkLabel('eyes-occluded', 'input')).toBe('Eyes not covered');
		expect(checkLabel('roll', 'input')).toBe('Head tilt in your photo (roll)');
		expect(checkLabel('roll')).toBe('Head tilt (roll)');
	});

	it('mapBox takes the bounding box of a rotated box', () => {
		const r = Math.PI / 2; // 90°: (x, y) → (-y, x), then shifted by (100, 0)
		const b = mapBox({ x: 10, y: 20, width: 30, height: 10 }, { a: Math.cos(r), b: Math.sin(r), c: -Math.sin(r), d: Math.cos(r), e: 100, f: 0 }, 1000, 1000)!;
		expect(b.x).toBeCloseTo(70, 9);
		expect(b.y).toBeCloseTo(10, 9);
		expect(b.width).toBeCloseTo(10, 9);
		expect(b.height).toBeCloseTo(30, 9);
	});

	it('the UI rows: finished and input checks, problems first, grouped in display order', () => {
		const q = assessQuality(INPUT, {}, {
			face: fixed('face', (id) => (id === 'expression' ? 'fail' : 'pass')),
			image: fixed('image', (id) => (id === 'compression' ? 'warn' : 'pass')),
			background: fixed('background', () => 'pass')
		});
		const quality = qualitySection(q, 1, { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 }, 4, 4);
		const items = reportItems({
			checks: [
				{ id: 'head-height', status: 'pass', value: 0.75, unit: 'ratio of height', limit: '0.7-0.8', window: { min: 0.7, max: 0.8 }, message: 'ok' },
				{ id: 'eye-line', status: 'fail', value: 0.45, unit: 'ratio of height', limit: '0.5-0.6', window: { min: 0.5, max: 0.6 }, message: 'low' },
				{ id: 'resolution', status: 'pass', value: 120, unit: 'px', limit: '>= 90 px', window: { min: 90, max: null }, message: 'ok' }
			],
			quality
		});
		// eye-line (finished photo, severity 70) before expression (60): both fail; then the warning.
		expect(items.slice(0, 3).map((i) => i.key)).toEqual(['finished:eye-line', 'input:expression', 'input:compression']);
		expect(items.find((i) => i.key === 'finished:eye-line')!.fix).toBe('Move the face up or down with the “Eye-line height” slider.');
		// One fact once: the finished photo's resolution is the input's inter-eye distance.
		expect(items.some((i) => i.key === 'finished:resolution')).toBe(false);
		expect(items.some((i) => i.key === 'input:inter-eye-distance')).toBe(true);
		expect(items.find((i) => i.key === 'input:roll')!.label).toBe('Head tilt in your photo (roll)');
		expect(groupItems(items).map((g) => g.id)).toEqual(['framing', 'face', 'lighting', 'background', 'file']);
	});
});

describe('real modules on astronaut.png (real analysis)', () => {
	const inference = createNodeInference();
	afterAll(() => inference.dispose());

	it('reports every id and decides the known problems', async () => {
		const photo = await openPhotoNode(ASTRONAUT);
		const analysis = await analysePhoto(photo.work, photo.scale, inference);
		const spec = getSpec('eu-schengen-visa');
		const file = { bytes: photo.bytes ?? null, format: photo.original.format };
		assessAnalysis(spec, analysis, file); // warm-up (JIT)
		const r = assessAnalysis(spec, analysis, file);
		expect(r.checks).toHaveLength(Object.keys(QUALITY_CATALOGUE).length);
		const by = new Map(r.checks.map((c) => [c.id, c]));
		// astronaut.png: eyes 43 px apart (< 90 px, ISO/IEC 19794-5), and a flag and a shuttle model behind her.
		expect(by.get('inter-eye-distance')!.status).toBe('fail');
		expect(by.get('inter-eye-distance')!.value!).toBeGreaterThan(38);
		expect(by.get('inter-eye-distance')!.value!).toBeLessThan(48);
		expect(['background-objects', 'background-uniformity'].some((id) => ['warn', 'fail'].includes(by.get(id as QualityId)!.status))).toBe(true);
		// A frontal, upright face: yaw and roll within the ISO limits.
		expect(Math.abs(by.get('roll')!.value!)).toBeLessThan(8);
		expect(by.get('roll')!.status).toBe('pass');
		for (const c of r.checks) if (c.status !== 'unknown') expect(c.value, c.id).not.toBeNull();
		// Time is measured by `npm run eval:checks` (the 100 ms budget of issue 4); here only that it is recorded.
		expect(r.timings.total).toBeGreaterThan(0);
	}, 120_000);
});

import { describe, expect, it } from 'vitest';
import type { LayoutTarget } from '../../../src/lib/pipeline/geometry/layout';
import { kbToBytes, runChecks, windowStatus } from '../../../src/lib/pipeline/check/run-checks';
import { measurePhoto } from '../../../src/lib/pipeline/check/measure-photo';
import type { CheckEntry, PhotoMeasurements } from '../../../src/lib/pipeline/check/types';
import { syntheticLandmarks, syntheticMask } from '../geometry/synthetic';

const TARGET: LayoutTarget = {
	outWidthPx: 600,
	outHeightPx: 750,
	headDefinition: 'crown-to-chin',
	headHeightRatio: { min: 0.7, max: 0.8, target: 0.75 },
	eyeFromBottomRatio: { min: 0.5, max: 0.6, target: 0.55 },
	topMarginRatio: { min: 0.03, max: 0.1, target: 0.06 }
};

// a compliant photo: crown 45 px (6 %), chin 607.5 (head 562.5 = 75 %), eyes at 337.5 (55 % from the bottom), centred
const GOOD: PhotoMeasurements = {
	imageWidthPx: 600,
	imageHeightPx: 750,
	faceCount: 1,
	crownYPx: 45,
	skullTopYPx: 70,
	chinYPx: 607.5,
	eyeYPx: 337.5,
	eyeCentreXPx: 300,
	rollDeg: 0.4,
	sourceInterEyeDistancePx: 150
};
const FILE = { bytes: 120_000, minBytes: 50_000, maxBytes: kbToBytes(240, 1000) };

const byId = (entries: CheckEntry[], id: CheckEntry['id']) => entries.find((e) => e.id === id)!;

describe('runChecks', () => {
	it('passes every check on a compliant photo, in a fixed order', () => {
		const r = runChecks(GOOD, TARGET, FILE);
		expect(r.map((e) => e.id)).toEqual(['face-count', 'head-height', 'eye-line', 'horizontal-centring', 'top-margin', 'roll', 'resolution', 'output-size', 'file-size']);
		for (const e of r) expect(e.status, `${e.id}: ${e.message}`).toBe('pass');
		expect(byId(r, 'head-height').value).toBeCloseTo(0.75, 9);
		expect(byId(r, 'eye-line').value).toBeCloseTo(0.55, 9);
		expect(byId(r, 'top-margin').value).toBeCloseTo(0.06, 9);
		expect(byId(r, 'output-size').value).toBe('600x750');
	});

	it('top-margin: a skull-to-chin document warns when the hair above the skull is cut off by the top edge', () => {
		const skull: LayoutTarget = { ...TARGET, headDefinition: 'skull-to-chin', topMarginRatio: { min: 0.05, max: 0.15, target: 0.1 } };
		// skull at 70 px (9.3 %, inside the window); hair (crown) above the photo, as a bun cut by the edge
		const cut = byId(runChecks({ ...GOOD, crownYPx: -90 }, skull, FILE), 'top-margin');
		expect(cut.status).toBe('warn');
		// status, value and limit agree: the warning is about the hair, so the value is the space above the hair (0) and
		// the limit "> 0" is that space's; the sentence gives both margins
		expect(cut.value).toBe(0);
		expect(cut.limit).toBe('space above the hair > 0');
		expect(cut.message).toBe(
			'The hair is cut off by the top edge (space above the hair 0 %, above the top of the skull 9.3 %): this document measures the head to the top of the skull, but the whole head, hair included, should show (make the head smaller with “Head size”).'
		);
		// hair touching the edge in the photo itself stays a failure, as for every head definition
		expect(byId(runChecks({ ...GOOD, crownYPx: 20, crownTouchesEdge: true }, skull, FILE), 'top-margin').status).toBe('fail');
		expect(byId(runChecks({ ...GOOD, crownYPx: 20 }, skull, FILE), 'top-margin').status).toBe('pass');
	});

	it('face-count: fail for 0 and 2, unknown when not counted', () => {
		expect(byId(runChecks({ ...GOOD, faceCount: 0 }, TARGET, FILE), 'face-count').status).toBe('fail');
		expect(byId(runChecks({ ...GOOD, faceCount: 2 }, TARGET, FILE), 'face-count').status).toBe('fail');
		expect(byId(runChecks({ ...GOOD, faceCount: null }, TARGET, FILE), 'face-count').status).toBe('unknown');
	});

	it('head-height: warn just outside (within 1 %), fail beyond, warn when the crown is only estimated, unknown without chin', () => {
		// 0.805: 0.5 % above the 80 % maximum
		expect(byId(runChecks({ ...GOOD, crownYPx: 607.5 - 0.805 * 750 }, TARGET, FILE), 'head-height').status).toBe('warn');
		expect(byId(runChecks({ ...GOOD, crownYPx: 607.5 - 0.83 * 750 }, TARGET, FILE), 'head-height').status).toBe('fail');
		expect(byId(runChecks({ ...GOOD, crownYPx: 607.5 - 0.65 * 750 }, TARGET, FILE), 'head-height').status).toBe('fail');
		const est = byId(runChecks({ ...GOOD, crownYPx: null, skullTopYPx: 45 }, TARGET, FILE), 'head-height');
		expect(est.status).toBe('warn');
		expect(est.message).toMatch(/estimated/);
		expect(byId(runChecks({ ...GOOD, chinYPx: null }, TARGET, FILE), 'head-height').status).toBe('unknown');
		// skull-to-chin uses the skull top: (607.5 - 70) / 750 = 0.7167
		const skull = byId(runChecks(GOOD, { ...TARGET, headDefinition: 'skull-to-chin' }, FILE), 'head-height');
		expect(skull.value).toBeCloseTo(537.5 / 750, 9);
		expect(skull.status).toBe('pass');
		// cut crown fails whatever the ratio
		expect(byId(runChecks({ ...GOOD, crownTouchesEdge: true }, TARGET, FILE), 'head-height').status).toBe('fail');
	});

	it('eye-line is measured from the bottom edge', () => {
		// eyes at 30 % from the top = 70 % from the bottom: fail for a 50-60 % window
		const e = byId(runChecks({ ...GOOD, eyeYPx: 0.3 * 750 }, TARGET, FILE), 'eye-line');
		expect(e.value).toBeCloseTo(0.7, 9);
		expect(e.status).toBe('fail');
		expect(byId(runChecks({ ...GOOD, eyeYPx: 0.395 * 750 }, TARGET, FILE), 'eye-line').status).toBe('warn');
		expect(byId(runChecks({ ...GOOD, eyeYPx: null }, TARGET, FILE), 'eye-line').status).toBe('unknown');
		const none = byId(runChecks(GOOD, { ...TARGET, eyeFromBottomRatio: undefined }, FILE), 'eye-line');
		expect(none.status).toBe('pass');
		expect(none.limit).toBeNull();
	});

	it('horizontal-centring: 45-55 % of the width', () => {
		expect(byId(runChecks({ ...GOOD, eyeCentreXPx: 0.555 * 600 }, TARGET, FILE), 'horizontal-centring').status).toBe('warn');
		expect(byId(runChecks({ ...GOOD, eyeCentreXPx: 0.4 * 600 }, TARGET, FILE), 'horizontal-centring').status).toBe('fail');
		expect(byId(runChecks({ ...GOOD, eyeCentreXPx: null }, TARGET, FILE), 'horizontal-centring').status).toBe('unknown');
	});

	it('top-margin: window when the target has one, otherwise "> 0"; fail when the head touches the top', () => {
		expect(byId(runChecks({ ...GOOD, crownYPx: 0.15 * 750, chinYPx: 0.15 * 750 + 562.5 }, TARGET, FILE), 'top-margin').status).toBe('fail');
		expect(byId(runChecks({ ...GOOD, crownYPx: 0.025 * 750 }, TARGET, FILE), 'top-margin').status).toBe('warn');
		expect(byId(runChecks({ ...GOOD, crownYPx: 0 }, { ...TARGET, topMarginRatio: undefined }, FILE), 'top-margin').status).toBe('fail');
		const open = byId(runChecks({ ...GOOD, crownYPx: 0.15 * 750 }, { ...TARGET, topMarginRatio: undefined }, FILE), 'top-margin');
		expect(open.status).toBe('pass');
		expect(open.limit).toBe('> 0');
		expect(byId(runChecks({ ...GOOD, crownYPx: null, skullTopYPx: null }, TARGET, FILE), 'top-margin').status).toBe('unknown');
	});

	it('roll: ISO/IEC 19794-5 +-8 deg, warn within 1 deg beyond', () => {
		expect(byId(runChecks({ ...GOOD, rollDeg: -7.9 }, TARGET, FILE), 'roll').status).toBe('pass');
		expect(byId(runChecks({ ...GOOD, rollDeg: 8.6 }, TARGET, FILE), 'roll').status).toBe('warn');
		expect(byId(runChecks({ ...GOOD, rollDeg: -12 }, TARGET, FILE), 'roll').status).toBe('fail');
		expect(byId(runChecks({ ...GOOD, rollDeg: null }, TARGET, FILE), 'roll').status).toBe('unknown');
	});

	it('resolution: >= 120 px pass, 90-120 warn, < 90 fail (source inter-eye distance)', () => {
		expect(byId(runChecks({ ...GOOD, sourceInterEyeDistancePx: 120 }, TARGET, FILE), 'resolution').status).toBe('pass');
		expect(byId(runChecks({ ...GOOD, sourceInterEyeDistancePx: 100 }, TARGET, FILE), 'resolution').status).toBe('warn');
		expect(byId(runChecks({ ...GOOD, sourceInterEyeDistancePx: 89.9 }, TARGET, FILE), 'resolution').status).toBe('fail');
		expect(byId(runChecks({ ...GOOD, sourceInterEyeDistancePx: null }, TARGET, FILE), 'resolution').status).toBe('unknown');
	});

	it('output-size must match exactly', () => {
		const r = byId(runChecks({ ...GOOD, imageWidthPx: 601 }, TARGET, FILE), 'output-size');
		expect(r.status).toBe('fail');
		expect(r.value).toBe('601x750');
	});

	it('file-size: window in bytes; unknown before encoding; KB conversion explicit', () => {
		expect(kbToBytes(240, 1000)).toBe(240_000);
		expect(kbToBytes(240, 1024)).toBe(245_760);
		expect(byId(runChecks(GOOD, TARGET, { ...FILE, bytes: 240_001 }), 'file-size').status).toBe('fail');
		expect(byId(runChecks(GOOD, TARGET, { ...FILE, bytes: 49_999 }), 'file-size').status).toBe('fail');
		expect(byId(runChecks(GOOD, TARGET, { ...FILE, bytes: null }), 'file-size').status).toBe('unknown');
		const nolimit = byId(runChecks(GOOD, TARGET, { bytes: 5 }), 'file-size');
		expect(nolimit.status).toBe('pass');
		expect(nolimit.limit).toBeNull();
	});

	it('windowStatus boundaries', () => {
		expect(windowStatus(0.8, 0.7, 0.8, 0.01)).toBe('pass');
		expect(windowStatus(0.81, 0.7, 0.8, 0.01)).toBe('warn');
		expect(windowStatus(0.8101, 0.7, 0.8, 0.01)).toBe('fail');
		expect(windowStatus(-5, null, 3, 0)).toBe('pass');
	});
});

describe('measurePhoto', () => {
	it('re-measures a photo from its landmarks and mask so runChecks can judge it', () => {
		// 600x750 photo: eyes at (300, 337.5), chin at 607.5, hair from y = 45
		const lm = syntheticLandmarks({ eyeCentre: { x: 300, y: 337.5 }, ied: 110, eyeToChin: 270, eyeToForehead: 180, faceWidth: 330 });
		const mask = syntheticMask(600, 750, { cx: 300, topY: 45, halfWidth: 200, shoulderY: 640 });
		const m = measurePhoto({ width: 600, height: 750 }, lm, mask, 1, 150);
		expect(m.eyeYPx).toBeCloseTo(337.5, 4);
		expect(m.chinYPx).toBeCloseTo(607.5, 4);
		expect(m.crownYPx!).toBeCloseTo(45, 3);
		const r = runChecks(m, TARGET, FILE);
		for (const e of r) expect(e.status, `${e.id}: ${e.message}`).toBe('pass');
		const none = measurePhoto({ width: 600, height: 750 }, null, undefined, 0, null);
		const rn = runChecks(none, TARGET, { bytes: null });
		expect(byId(rn, 'face-count').status).toBe('fail');
		expect(byId(rn, 'head-height').status).toBe('unknown');
	});
});

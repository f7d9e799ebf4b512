import { describe, expect, it } from 'vitest';
import { applyAffine } from '../../../src/lib/pipeline/geometry/affine';
import { measureHead, SKULL_TOP_EYE_CHIN_RATIO } from '../../../src/lib/pipeline/geometry/measure-head';
import { computeLayout, MIN_TOP_MARGIN_RATIO, type LayoutTarget } from '../../../src/lib/pipeline/geometry/layout';
import { needsExtension, retakeAdvice } from '../../../src/lib/pipeline/geometry/extension';
import { syntheticLandmarks, syntheticMask } from './synthetic';

const FACE = { eyeCentre: { x: 400, y: 500 }, ied: 100, eyeToChin: 120, eyeToForehead: 80, faceWidth: 180 };

const UK: LayoutTarget = {
	outWidthPx: 600,
	outHeightPx: 750,
	headDefinition: 'crown-to-chin',
	headHeightRatio: { min: 0.7, max: 0.8, target: 0.75 },
	eyeFromBottomRatio: { min: 0.5, max: 0.6, target: 0.55 }
};

describe('measureHead', () => {
	it('measures eyes, chin, crown (mask) and skull top (landmarks) of an upright face', () => {
		const lm = syntheticLandmarks(FACE);
		const mask = syntheticMask(800, 1000, { cx: 400, topY: 360, halfWidth: 150, shoulderY: 700 });
		const h = measureHead(lm, mask, { imageSize: { width: 800, height: 1000 } });
		expect(h.interEyeDistancePx).toBeCloseTo(100, 5);
		expect(h.rollDeg).toBeCloseTo(0, 6);
		expect(h.eyeCentre.x).toBeCloseTo(400, 5);
		expect(h.eyeY).toBeCloseTo(500, 5);
		expect(h.chinY).toBeCloseTo(620, 4);
		expect(h.meshTopY).toBeCloseTo(420, 4);
		// mask rows >= 360 are person; bilinear at pixel centres puts the 0.5 crossing exactly at y = 360
		expect(h.crownY).not.toBeNull();
		expect(h.crownY!).toBeCloseTo(360, 3);
		expect(h.crownTouchesEdge).toBe(false);
		// skull top = eye - k (chin - eye) = 500 - 120 (k = 1), below the crown (360) so kept
		expect(SKULL_TOP_EYE_CHIN_RATIO).toBe(1);
		expect(h.skullTopY).toBeCloseTo(380, 4);
		expect(h.faceWidthPx).toBeCloseTo(180, 4);
	});

	it('ignores hair outside the column band above the face (a bun to the side is not the crown)', () => {
		const lm = syntheticLandmarks(FACE);
		const mask = syntheticMask(800, 1000, { cx: 400, topY: 360, halfWidth: 150, shoulderY: 700 });
		// a tall "bun" at x 560..600 (more than 0.75 IED = 75 px right of the eye centre) reaching y = 200
		for (let j = 200; j < 360; j++) for (let i = 560; i < 600; i++) mask.data[j * 800 + i] = 1;
		const h = measureHead(lm, mask);
		expect(h.crownY!).toBeCloseTo(360, 3);
	});

	it('reports a crown cut by the top edge', () => {
		const lm = syntheticLandmarks(FACE);
		const mask = syntheticMask(800, 1000, { cx: 400, topY: 0, halfWidth: 150, shoulderY: 700 });
		const h = measureHead(lm, mask);
		expect(h.crownTouchesEdge).toBe(true);
		expect(h.crownY!).toBeLessThan(1);
	});

	it('measures roll with the documented sign and works in the levelled frame', () => {
		const lm = syntheticLandmarks({ ...FACE, rollDeg: 12 });
		const mask = syntheticMask(800, 1000, { cx: 400, topY: 360, halfWidth: 150, shoulderY: 700, rollDeg: 12, pivot: FACE.eyeCentre });
		const h = measureHead(lm, mask);
		// positive roll: subject's left eye (image right) lower in the image
		expect(h.rollDeg).toBeCloseTo(12, 4);
		expect(h.leftIris.y).toBeGreaterThan(h.rightIris.y);
		expect(h.chinY).toBeCloseTo(620, 3);
		expect(h.meshTopY).toBeCloseTo(420, 3);
		expect(h.crownY!).toBeCloseTo(360, 0);
		expect(h.skullTopY).toBeCloseTo(380, 3);
	});

	it('rejects a landmark set without iris points', () => {
		const lm = syntheticLandmarks(FACE);
		expect(() => measureHead({ ...lm, points: lm.points.subarray(0, 468 * 3) })).toThrow(RangeError);
	});
});

describe('computeLayout', () => {
	const lm = syntheticLandmarks(FACE);
	const mask = syntheticMask(800, 1000, { cx: 400, topY: 360, halfWidth: 150, shoulderY: 700 });
	const head = measureHead(lm, mask);

	it('gives exact crop numbers for a known crown / chin / eye line', () => {
		const L = computeLayout(head, UK, { width: 800, height: 1000 });
		const s = (0.75 * 750) / 260; // head 620 - 360 = 260 source px -> 75 % of 750
		expect(L.scale).toBeCloseTo(s, 9);
		expect(L.headTop).toBe('crown');
		expect(L.conflicts).toEqual([]);
		expect(L.predicted.eyeYPx).toBeCloseTo(750 * 0.45, 6);
		expect(L.predicted.eyeXPx).toBeCloseTo(300, 9);
		expect(L.predicted.headHeightRatio).toBeCloseTo(0.75, 9);
		expect(L.predicted.eyeLineFromBottomRatio).toBeCloseTo(0.55, 9);
		expect(L.predicted.headTopYPx).toBeCloseTo(337.5 - 140 * s, 6);
		expect(L.predicted.chinYPx).toBeCloseTo(337.5 + 120 * s, 6);
		// crop rectangle in source px
		expect(L.crop.widthPx).toBeCloseTo(600 / s, 6);
		expect(L.crop.heightPx).toBeCloseTo(750 / s, 6);
		expect(L.crop.corners[0].x).toBeCloseTo(400 - 300 / s, 6);
		expect(L.crop.corners[0].y).toBeCloseTo(500 - 337.5 / s, 6);
		expect(L.crop.corners[2].x).toBeCloseTo(400 + 300 / s, 6);
		expect(L.crop.corners[2].y).toBeCloseTo(500 + 412.5 / s, 6);
		const eyeOut = applyAffine(L.transform, { x: 400, y: 500 });
		expect(eyeOut.x).toBeCloseTo(300, 9);
		expect(eyeOut.y).toBeCloseTo(337.5, 9);
	});

	it('levels a head rolled by a known angle', () => {
		const rolled = syntheticLandmarks({ ...FACE, rollDeg: -9 });
		const h = measureHead(rolled);
		expect(h.rollDeg).toBeCloseTo(-9, 4);
		const L = computeLayout(h, { ...UK, headDefinition: 'skull-to-chin' }, { width: 800, height: 1000 });
		expect(L.rotationDeg).toBeCloseTo(9, 4);
		const r = applyAffine(L.transform, rolled.irisCenters.right);
		const l = applyAffine(L.transform, rolled.irisCenters.left);
		expect(l.y - r.y).toBeCloseTo(0, 3);
		expect(l.x - r.x).toBeCloseTo(100 * L.scale, 3);
		const chin = applyAffine(L.transform, { x: rolled.points[152 * 3], y: rolled.points[152 * 3 + 1] });
		expect(chin.x).toBeCloseTo(300, 3); // chin straight below the eye centre after levelling
		expect(chin.y).toBeCloseTo(L.predicted.chinYPx, 3);
		// skull-to-chin head: skull top 380 -> head 240 source px at 75 %
		expect(L.scale).toBeCloseTo((0.75 * 750) / 240, 3);
		expect(L.crop.angleDeg).toBeCloseTo(-9, 4);
	});

	it('keeps nudges inside the windows', () => {
		const big = computeLayout(head, UK, { width: 800, height: 1000 }, { headScale: 1.5, offsetX: 500, offsetY: -400 });
		expect(big.predicted.headHeightRatio).toBeCloseTo(0.8, 9);
		expect(big.predicted.eyeCentreXRatio).toBeCloseTo(0.55, 9);
		expect(big.predicted.eyeLineFromBottomRatio).toBeLessThanOrEqual(0.6 + 1e-9);
		expect(big.predicted.headTopYPx).toBeGreaterThanOrEqual(-1e-9);
		const small = computeLayout(head, UK, { width: 800, height: 1000 }, { headScale: 0.5, offsetX: -500, offsetY: 400 });
		expect(small.predicted.headHeightRatio).toBeCloseTo(0.7, 9);
		expect(small.predicted.eyeCentreXRatio).toBeCloseTo(0.45, 9);
		expect(small.predicted.eyeLineFromBottomRatio).toBeCloseTo(0.5, 9);
		// a small nudge moves the eye line by exactly that many px
		const nudged = computeLayout(head, UK, { width: 800, height: 1000 }, { offsetY: 10 });
		expect(nudged.predicted.eyeYPx).toBeCloseTo(337.5 + 10, 9);
	});

	it('moves the head ratio inside its window when eye line and top margin cannot both be met at the target', () => {
		// eye line 55-60 % from bottom -> eye at 300..337.5 px; top margin 6-8 % -> 45..60 px above a head top that is
		// s * 140 px above the eyes: at 75 % (s = 2.163) the eye would have to be >= 347.9 px. Feasible only for
		// s <= (337.5 - 45) / 140 -> head ratio <= 0.7243.
		const t: LayoutTarget = { ...UK, eyeFromBottomRatio: { min: 0.55, max: 0.6, target: 0.58 }, topMarginRatio: { min: 0.06, max: 0.08, target: 0.07 } };
		const L = computeLayout(head, t, { width: 800, height: 1000 });
		expect(L.conflicts).toEqual([]);
		expect(L.predicted.topMarginRatio).toBeGreaterThanOrEqual(0.06 - 1e-9);
		expect(L.predicted.topMarginRatio).toBeLessThanOrEqual(0.08 + 1e-9);
		expect(L.predicted.eyeLineFromBottomRatio).toBeGreaterThanOrEqual(0.55 - 1e-9);
		expect(L.predicted.eyeLineFromBottomRatio).toBeLessThanOrEqual(0.6 + 1e-9);
		expect(L.predicted.headHeightRatio).toBeLessThanOrEqual(((337.5 - 45) / 140) * 260 / 750 + 1e-9);
		expect(L.predicted.headHeightRatio).toBeGreaterThan(0.72);
		expect(L.warnings.join(' ')).toMatch(/Head height moved/);
	});

	it('prioritises head height, then eye line, and reports the conflict', () => {
		// top margin 15-20 % with a 75-80 % head leaves no room for the chin plus the eye window
		const t: LayoutTarget = { ...UK, headHeightRatio: { min: 0.78, max: 0.8, target: 0.79 }, topMarginRatio: { min: 0.15, max: 0.2, target: 0.17 } };
		const L = computeLayout(head, t, { width: 800, height: 1000 });
		expect(L.conflicts).toContain('top-margin');
		expect(L.predicted.headHeightRatio).toBeGreaterThanOrEqual(0.78 - 1e-9);
		expect(L.predicted.eyeLineFromBottomRatio).toBeGreaterThanOrEqual(0.5 - 1e-9);
		expect(L.predicted.eyeLineFromBottomRatio).toBeLessThanOrEqual(0.6 + 1e-9);
		// eye window impossible for this head: eyes 140/260 of the head below its top; 80 % head -> eye line <= 0.8*120/260 + ... from bottom
		const t2: LayoutTarget = { ...UK, eyeFromBottomRatio: { min: 0.1, max: 0.15, target: 0.12 } };
		const L2 = computeLayout(head, t2, { width: 800, height: 1000 });
		expect(L2.conflicts).toContain('eye-line');
		expect(L2.predicted.headHeightRatio).toBeCloseTo(0.75, 9);
		expect(L2.predicted.chinYPx).toBeLessThanOrEqual(750 + 1e-9);
	});

	it('keeps a minimum top margin when the target sets none, lowering the eye line inside its window', () => {
		// eye target 60 % from the bottom = 300 px would put the crown (140 source px above the eyes) at -2.9 px
		const L = computeLayout(head, { ...UK, eyeFromBottomRatio: { min: 0.5, max: 0.7, target: 0.6 } }, { width: 800, height: 1000 });
		expect(L.conflicts).toEqual([]);
		expect(L.predicted.topMarginRatio).toBeCloseTo(MIN_TOP_MARGIN_RATIO, 9);
		expect(L.predicted.eyeYPx).toBeCloseTo(MIN_TOP_MARGIN_RATIO * 750 + 140 * L.scale, 9);
		// when neither the eye window nor a smaller head (>= 74 %) can give that room, head and eye windows win and the
		// conflict is reported
		const L2 = computeLayout(
			head,
			{ ...UK, headHeightRatio: { min: 0.74, max: 0.8, target: 0.75 }, eyeFromBottomRatio: { min: 0.59, max: 0.7, target: 0.6 } },
			{ width: 800, height: 1000 }
		);
		expect(L2.conflicts).toEqual(['top-margin']);
		expect(L2.predicted.headHeightRatio).toBeCloseTo(0.75, 9);
		// eye as close to its 60 % target as "head top >= 0" allows: head top exactly at the edge
		expect(L2.predicted.topMarginRatio).toBeCloseTo(0, 9);
		expect(L2.predicted.eyeLineFromBottomRatio).toBeCloseTo((750 - 140 * L2.scale) / 750, 9);
		expect(L2.predicted.eyeLineFromBottomRatio).toBeGreaterThanOrEqual(0.59);
	});

	it('skull-to-chin: shrinks the head inside its window so that hair above the skull fits, else keeps the requested size', () => {
		const lm = syntheticLandmarks(FACE); // eye 500, chin 620, skull top 380 (skull-to-chin 240 px)
		const target: LayoutTarget = { outWidthPx: 413, outHeightPx: 531, headDefinition: 'skull-to-chin', headHeightRatio: { min: 0.7, max: 0.8, target: 0.77 } };
		// hair 80 px above the skull: at 77 % it would rise to 341 px above the eye line and 204 below: 545 > 531 px
		const bun = measureHead(lm, syntheticMask(800, 1000, { cx: 400, topY: 300, halfWidth: 150, shoulderY: 700 }));
		expect(bun.crownY!).toBeCloseTo(300, 3);
		const L = computeLayout(bun, target, { width: 800, height: 1000 });
		expect(L.predicted.crownYPx!).toBeGreaterThanOrEqual(MIN_TOP_MARGIN_RATIO * 531 - 1e-6);
		expect(L.predicted.headHeightRatio).toBeLessThan(0.77);
		expect(L.predicted.headHeightRatio).toBeGreaterThanOrEqual(0.71 - 1e-9);
		// hair far too tall to fit inside the window: the requested 77 % stays (the check then warns)
		const tall = measureHead(lm, syntheticMask(800, 1000, { cx: 400, topY: 120, halfWidth: 150, shoulderY: 700 }));
		const T = computeLayout(tall, target, { width: 800, height: 1000 });
		expect(T.predicted.headHeightRatio).toBeCloseTo(0.77, 9);
		expect(T.predicted.crownYPx!).toBeLessThan(0);
	});

	it('falls back to the skull estimate when crown-to-chin has no mask', () => {
		const h = measureHead(lm);
		const L = computeLayout(h, UK, { width: 800, height: 1000 });
		expect(L.headTop).toBe('skull-estimate-for-crown');
		expect(L.warnings.join(' ')).toMatch(/estimated/);
	});

	it('rejects inconsistent windows', () => {
		expect(() => computeLayout(head, { ...UK, headHeightRatio: { min: 0.8, max: 0.7, target: 0.75 } }, { width: 800, height: 1000 })).toThrow(RangeError);
	});
});

describe('needsExtension and retakeAdvice', () => {
	const lm = syntheticLandmarks(FACE);
	const mask = syntheticMask(800, 1000, { cx: 400, topY: 360, halfWidth: 150, shoulderY: 700 });
	const head = measureHead(lm, mask);
	const L = computeLayout(head, UK, { width: 800, height: 1000 });

	it('finds no extension when the crop lies inside the source', () => {
		const e = needsExtension(L, { width: 800, height: 1000 });
		expect(e).toMatchObject({ top: 0, bottom: 0, left: 0, right: 0, any: false });
	});

	it('counts the output rows below a short source', () => {
		const e = needsExtension(L, { width: 800, height: 600 });
		// source y = 600 maps to output Y = 337.5 + s * 100; rows whose centre lies below are outside
		const yLim = 337.5 + L.scale * 100;
		const firstOutside = Math.ceil(yLim - 0.5 + 1e-12);
		expect(e.bottom).toBe(750 - firstOutside);
		expect(e.top).toBe(0);
		expect(e.left).toBe(0);
		expect(e.any).toBe(true);
		expect(e.sourcePx.bottom).toBeCloseTo(e.bottom / L.scale, 9);
		const advice = retakeAdvice(head, L, e);
		expect(advice.some((a) => /shoulders/.test(a))).toBe(true);
	});

	it('attributes a rotated crop\'s overhang to the right sides', () => {
		// head rolled by 30 deg near the top-left corner of a small source: the levelled crop sticks out top and left
		const rolled = measureHead(syntheticLandmarks({ ...FACE, eyeCentre: { x: 150, y: 160 }, rollDeg: 30 }));
		const Lr = computeLayout(rolled, { ...UK, headDefinition: 'skull-to-chin' }, { width: 800, height: 1000 });
		const e = needsExtension(Lr, { width: 800, height: 1000 });
		expect(e.top).toBeGreaterThan(0);
		expect(e.left).toBeGreaterThan(0);
		expect(e.bottom).toBe(0);
		expect(e.right).toBe(0);
		// brute force: the top rows with any pixel above the source's top edge form a run of e.top rows at one end column
		let brute = 0;
		for (const X of [0.5, 599.5]) {
			let k = 0;
			while (k < 750) {
				const p = applyAffine(Lr.inverse, { x: X, y: k + 0.5 });
				if (!(p.y < 0)) break;
				k++;
			}
			brute = Math.max(brute, k);
		}
		expect(e.top).toBe(brute);
	});

	it('advises a retake for a small face and says nothing for a good one', () => {
		const small = measureHead(syntheticLandmarks({ ...FACE, ied: 60 }), mask);
		const Ls = computeLayout(small, UK, { width: 800, height: 1000 });
		const a = retakeAdvice(small, Ls, needsExtension(Ls, { width: 800, height: 1000 }));
		// The inter-eye distance itself is judged by the photo check `inter-eye-distance`, not repeated here.
		expect(a.some((s) => /px apart/.test(s))).toBe(false);
		expect(a.some((s) => /enlarged/.test(s))).toBe(true);
		const good = measureHead(syntheticLandmarks({ ...FACE, ied: 130, eyeToChin: 300, eyeToForehead: 200 }), syntheticMask(1600, 2000, { cx: 400, topY: 150, halfWidth: 250, shoulderY: 900 }));
		const Lg = computeLayout(good, UK, { width: 1600, height: 2000 });
		expect(retakeAdvice(good, Lg, needsExtension(Lg, { width: 1600, height: 2000 }))).toEqual([]);
	});
});

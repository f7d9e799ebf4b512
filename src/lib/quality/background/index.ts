/**
 * Background checks of the INPUT photo (issue 4), before any replacement by this app: uniformity, colour against the
 * document (CIEDE2000), shadow beside the head, objects or patterns, and whether editing the background is allowed.
 * Background = cells of the band around the head and shoulders (grid.ts) outside the person mask grown by 0.15·IED.
 * With no person mask every check except 'background-edited' is 'unknown'.
 */
import type { FaceLandmarks, RgbaImage } from '../../types';
import type { CheckText, QualityCheck, QualityInput, QualityModule, QualityRules } from '../types';
import { SRGB_TO_LINEAR, deltaE2000, labToSrgb, lightnessFast, parseHexColour, srgbToLab, type Lab } from '../color';
import { check, ofiqMap, round, unknown } from '../image/check';
import { fmtNum, fmtPct, text } from '../format';
import { cheekZones, squareAt } from '../image/landmarks';
import { boxPixels } from '../image/sample';
import { backgroundGrid, cellsBox, type BackgroundGrid } from './grid';
import { colourClusters, edgeDensity, meanColour, nonUniformity, ofiqGradient, shadowSides } from './measures';

/**
 * Non-uniformity limits, ΔE (see measures.nonUniformity). Project calibration on the testdata portraits: plain walls
 * (bun-uniform, longhair-blazer) 1.2–1.3; the mottled studio backdrop of astronaut 7.9; rooms, streets, curtains and
 * flags 20–28. ICAO 9303: "plain, uniform" background, no number. warn > 4, fail > 10.
 */
export const UNIFORMITY_WARN = 4;
export const UNIFORMITY_FAIL = 10;
/**
 * Objects: fraction of background cells on an edge (measures.edgeDensity, step 4 L*) and the number of distinct colour
 * clusters. Project calibration: plain walls 0–0.7 % and 1–2 clusters; astronaut's backdrop 1.7 %, 2 clusters;
 * busy backgrounds 24–42 % and 4–11 clusters. warn: > 3 % or ≥ 3 clusters; fail: > 8 %, or ≥ 4 clusters, or > 3 %
 * with ≥ 2 clusters (edges and a second colour: an object on the wall).
 */
export const EDGE_WARN = 0.03;
export const EDGE_FAIL = 0.08;
export const CLUSTERS_WARN = 3;
export const CLUSTERS_FAIL = 4;
/**
 * Shadow: how much darker (L*) the background is right next to the head (0.15–0.45 IED from the person) than further
 * out (0.8–1.5 IED), on the worse side. Project calibration: plain walls −1 to +2. warn > 5, fail > 10 L*.
 * Not judged when the background is not uniform (fail), where the bands see objects rather than shadows.
 */
export const SHADOW_WARN = 5;
export const SHADOW_FAIL = 10;
/** Fewest background cells for the checks to be judged: a cell is (IED/16)², so 120 cells ≈ 0.47 IED² of visible wall. */
export const MIN_CELLS = 120;
/** Default tolerance when a rule gives allowed colours without one, ΔE00 (project choice; photo-specs.json has none). */
export const DEFAULT_TOLERANCE = 10;

const hex = (lab: Lab) => {
	const c = labToSrgb(lab);
	return '#' + [c.r, c.g, c.b].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
};

/**
 * Select word of a spec colour name ('light grey' → 'light_grey'), for the templates' select on the colour names the
 * bundled specs use (white, off-white, near-white, light grey, light blue, blue, red, cream, beige); 'other' for any
 * other name, which the templates then write as given.
 */
export function colourKey(name: string | undefined): string {
	const k = (name ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');
	return ['white', 'off_white', 'near_white', 'light_grey', 'light_blue', 'blue', 'red', 'cream', 'beige'].includes(k) ? k : 'other';
}

function edited(rules: QualityRules): QualityCheck {
	const forbidden = rules.editingAllowed === false;
	const replaced = rules.backgroundReplaced === true;
	const warn = forbidden && replaced;
	return check({
		id: 'background-edited',
		group: 'background',
		status: warn ? 'warn' : 'pass',
		value: replaced ? 1 : 0,
		unit: 'flag',
		limitText: forbidden ? text('background-edited.limit') : null,
		ofiq: null,
		text: text(warn ? 'background-edited.warn' : replaced ? 'background-edited.replaced' : forbidden ? 'background-edited.original' : 'background-edited.pass'),
		fixText: text('background-edited.fix'),
		region: null,
		severity: 75
	});
}

const uniformityLimit = () => text('limit.max-fail', { limit: `${UNIFORMITY_WARN} ΔE`, fail: `${UNIFORMITY_FAIL} ΔE` });
const shadowLimit = () => text('limit.max-fail', { limit: `${SHADOW_WARN} ΔL*`, fail: `${SHADOW_FAIL} ΔL*` });
const objectsLimit = () => text('background-objects.limit', { limit: fmtPct(EDGE_WARN, 0), colours: CLUSTERS_WARN });

function unknownAll(why: CheckText): QualityCheck[] {
	return [
		unknown('background-uniformity', 'background', 'ΔE', uniformityLimit(), why, 50),
		unknown('background-colour', 'background', 'ΔE00', null, why, 60),
		unknown('background-shadow', 'background', 'ΔL*', shadowLimit(), why, 55),
		unknown('background-objects', 'background', 'ratio', objectsLimit(), why, 55)
	];
}

function bgBox(g: BackgroundGrid) {
	return cellsBox(g, 0, 0, g.cols, g.rows);
}

function uniformity(g: BackgroundGrid, u: number): QualityCheck {
	const status = u > UNIFORMITY_FAIL ? 'fail' : u > UNIFORMITY_WARN ? 'warn' : 'pass';
	const grad = ofiqGradient(g);
	return check({
		id: 'background-uniformity',
		group: 'background',
		status,
		value: round(u, 1),
		unit: 'ΔE',
		limitText: uniformityLimit(),
		// OFIQ BackgroundUniformity 0x42: 190·(1 − σ(x; 10, 100)) of the mean background gradient.
		ofiq: Number.isFinite(grad) ? ofiqMap(grad, 10, 100, 190, 1, -1) : null,
		text: text(status === 'pass' ? 'background-uniformity.pass' : 'background-uniformity.problem', {
			measured: `${status === 'pass' ? fmtNum(u, 1) : fmtNum(u, 0)} ΔE`,
			limit: `${UNIFORMITY_WARN} ΔE`
		}),
		fixText: text('background-uniformity.fix'),
		region: bgBox(g),
		severity: 50
	});
}

function colour(g: BackgroundGrid, rules: QualityRules): QualityCheck {
	const mean = meanColour(g);
	const rule = rules.background;
	if (!rule || rule.allowed.length === 0)
		return unknown('background-colour', 'background', 'ΔE00', null, text('background-colour.unknown', { hex: hex(mean) }), 60);
	const tol = rule.toleranceDeltaE > 0 ? rule.toleranceDeltaE : DEFAULT_TOLERANCE;
	const toLab = (h: string) => {
		const c = parseHexColour(h);
		return srgbToLab(c.r, c.g, c.b);
	};
	let best = Infinity, bestIndex = 0;
	rule.allowed.forEach((h, i) => {
		const d = deltaE2000(mean, toLab(h));
		if (d < best) { best = d; bestIndex = i; }
	});
	const bestHex = rule.allowed[bestIndex];
	const bannedIndex = (rule.forbidden ?? []).findIndex((h) => deltaE2000(mean, toLab(h)) <= tol);
	const banned = bannedIndex >= 0;
	const status = banned ? 'fail' : best <= tol ? 'pass' : best <= 2 * tol ? 'warn' : 'fail';
	// The colours by name (the spec's colour names; hex only as secondary detail).
	const named = (name: string | undefined, h: string) => ({ colour: name ?? h, colourKey: colourKey(name), hex: h });
	const target = named(rule.names?.[bestIndex], bestHex);
	const values = {
		...target,
		measuredHex: hex(mean),
		measured: `${status === 'pass' ? fmtNum(best, 1) : fmtNum(best, 0)} ΔE00`,
		limit: `${tol} ΔE00`,
		...(banned ? { forbidden: rule.forbiddenNames?.[bannedIndex] ?? rule.forbidden![bannedIndex], forbiddenKey: colourKey(rule.forbiddenNames?.[bannedIndex]), forbiddenHex: rule.forbidden![bannedIndex] } : {})
	};
	return check({
		id: 'background-colour',
		group: 'background',
		status,
		value: round(best, 1),
		unit: 'ΔE00',
		limitText: text('background-colour.limit', values),
		ofiq: null,
		text: text(banned ? 'background-colour.forbidden' : status === 'pass' ? 'background-colour.pass' : 'background-colour.problem', values),
		fixText: text('background-colour.fix', values),
		region: bgBox(g),
		severity: 60
	});
}

/**
 * Which side the light comes from, from the face itself: the brighter OFIQ cheek zone (image left or right), when the
 * two differ by more than 3 L*; null for frontal light. A cast shadow falls on the side opposite the light.
 */
export function lightSide(image: RgbaImage, l: FaceLandmarks): 'left' | 'right' | null {
	const z = cheekZones(l);
	const d = image.data;
	const meanL = (c: { x: number; y: number }) => {
		const px = boxPixels(image, squareAt(c, z.side));
		let s = 0;
		for (const o of px) s += lightnessFast(0.2126 * SRGB_TO_LINEAR[d[o]] + 0.7152 * SRGB_TO_LINEAR[d[o + 1]] + 0.0722 * SRGB_TO_LINEAR[d[o + 2]]);
		return px.length ? s / px.length : NaN;
	};
	// The subject's right cheek lies on the image's left.
	const left = meanL(z.right), right = meanL(z.left);
	if (!Number.isFinite(left) || !Number.isFinite(right) || Math.abs(left - right) <= 3) return null;
	return left > right ? 'left' : 'right';
}

function shadow(g: BackgroundGrid, uStatus: string, light: 'left' | 'right' | null): QualityCheck {
	const sides = shadowSides(g).filter((s) => s.nearCount >= 8 && s.farCount >= 8 && Number.isFinite(s.drop));
	if (sides.length === 0)
		return unknown('background-shadow', 'background', 'ΔL*', shadowLimit(), text('background-shadow.unknown-little'), 55);
	if (uStatus === 'fail') return unknown('background-shadow', 'background', 'ΔL*', shadowLimit(), text('background-shadow.unknown-busy'), 55);
	const worst = sides.reduce((p, q) => (q.drop > p.drop ? q : p));
	const status = worst.drop > SHADOW_FAIL ? 'fail' : worst.drop > SHADOW_WARN ? 'warn' : 'pass';
	return check({
		id: 'background-shadow',
		group: 'background',
		status,
		value: round(worst.drop, 1),
		unit: 'ΔL*',
		limitText: shadowLimit(),
		ofiq: null,
		text: text(status === 'pass' ? 'background-shadow.pass' : 'background-shadow.problem', {
			measured: fmtNum(worst.drop, 0),
			side: worst.side,
			light: light && light !== worst.side ? light : 'none'
		}),
		fixText: text('background-shadow.fix'),
		region: worst.region,
		severity: 55
	});
}

function objects(g: BackgroundGrid, residual: Float32Array): QualityCheck {
	const e = edgeDensity(g, residual);
	const k = colourClusters(g);
	// Edges together with a second colour are objects (frames, furniture); edges alone may be a pattern in one colour.
	const status =
		e > EDGE_FAIL || k >= CLUSTERS_FAIL || (e > EDGE_WARN && k >= 2) ? 'fail' : e > EDGE_WARN || k >= CLUSTERS_WARN ? 'warn' : 'pass';
	return check({
		id: 'background-objects',
		group: 'background',
		status,
		value: round(e, 3),
		unit: 'ratio',
		limitText: objectsLimit(),
		ofiq: null,
		text: text(status === 'pass' ? 'background-objects.pass' : 'background-objects.problem', { measured: fmtPct(e, 0), colours: k }),
		fixText: text('background-objects.fix'),
		region: bgBox(g),
		severity: 55
	});
}

/**
 * Runs the 5 background checks, in this order: background-uniformity, background-colour, background-shadow,
 * background-objects, background-edited. Never throws for a valid input.
 */
export const measureBackground: QualityModule = (input: QualityInput, rules: QualityRules): QualityCheck[] => {
	if (!input.mask) return [...unknownAll(text('background.unknown-mask')), edited(rules)];
	const g = backgroundGrid(input.image, input.landmarks, input.mask);
	if (!g || g.count < MIN_CELLS) return [...unknownAll(text('background.unknown-little')), edited(rules)];
	const u = nonUniformity(g);
	const uc = uniformity(g, u.value);
	return [uc, colour(g, rules), shadow(g, uc.status, lightSide(input.image, input.landmarks)), objects(g, u.residual), edited(rules)];
};

export { backgroundGrid, type BackgroundGrid } from './grid';

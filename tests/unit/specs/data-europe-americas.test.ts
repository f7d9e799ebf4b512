/**
 * Published values of the Europe / Americas specs (src/lib/specs/data/europe.json,
 * americas.json), each checked against the source named in the comment, so that an edit
 * that drifts from the authority's numbers fails here.
 */
import { describe, expect, it } from 'vitest';
import americas from '../../../src/lib/specs/data/americas.json';
import europe from '../../../src/lib/specs/data/europe.json';
import { geometryTarget, outputPixelSize, resolveWindow } from '../../../src/lib/specs/geometry';
import { getSpec, searchSpecs } from '../../../src/lib/specs/registry';

/** Countries that had a bundled spec before these two files were added (issue 9 brief). */
const EARLIER_COUNTRIES = ['AU', 'BR', 'CA', 'CN', 'DE', 'EU', 'FI', 'FR', 'GB', 'IN', 'JP', 'KR', 'MX', 'RU', 'SA', 'US'];

const ids = [...europe, ...americas].map((s) => s.id);
const specs = ids.map((id) => getSpec(id));

/** mm bounds of a window on a photo side of `len` mm (ratios converted back to mm). */
function mmWindow(w: Parameters<typeof resolveWindow>[0] | undefined, len: number) {
	const r = resolveWindow(w!, len);
	return [r.min === undefined ? undefined : +(r.min * len).toFixed(3), r.max === undefined ? undefined : +(r.max * len).toFixed(3)];
}

describe('Europe and Americas spec files', () => {
	it('add at least 32 documents and at least 18 countries that had no spec', () => {
		expect(ids.length).toBeGreaterThanOrEqual(32);
		const fresh = new Set(specs.map((s) => s.country).filter((c) => !EARLIER_COUNTRIES.includes(c)));
		expect(fresh.size).toBeGreaterThanOrEqual(18);
	});

	it('every spec cites at least one source whose text was read', () => {
		for (const s of specs) expect(s.sources.some((x) => x.access === 'read'), s.id).toBe(true);
	});

	it('NL: Fotomatrix model 2020 (age 11+): 35x45 mm, chin-crown 26-30 mm, face width 16-20 mm, >= 400 dpi, not edited', () => {
		const nl = getSpec('nl-passport');
		expect(nl.print).toEqual({ widthMm: 35, heightMm: 45, dpi: 400 });
		expect(mmWindow(nl.head, 45)).toEqual([26, 30]);
		expect(mmWindow(nl.headWidth, 35)).toEqual([16, 20]);
		expect(nl.background.editingAllowed).toBe(false);
		expect(nl.background.allowed.map((c) => c.name).sort()).toEqual(['light blue', 'light grey', 'white']);
		expect(outputPixelSize(nl)).toMatchObject({ widthPx: 551, heightPx: 709, dpi: 400 });
		// one matrix for passport, ID card and driving licence
		for (const id of ['nl-id-card', 'nl-driving-licence']) expect(getSpec(id).head).toEqual(nl.head);
	});

	it('GR: Hellenic Police criteria: 40x60 mm, face 31-35 mm, width 20-25 mm, eyes 30-39 mm above the bottom', () => {
		const gr = getSpec('gr-passport');
		expect([gr.print?.widthMm, gr.print?.heightMm]).toEqual([40, 60]);
		expect(mmWindow(gr.head, 60)).toEqual([31, 35]);
		expect(mmWindow(gr.headWidth, 40)).toEqual([20, 25]);
		expect(gr.eyeLine?.from).toBe('bottom');
		expect(mmWindow(gr.eyeLine, 60)).toEqual([30, 39]);
	});

	it('LT: 2-4 mm above the head, 31-35 mm head, 8-10 mm below the chin add up to the 45 mm photo', () => {
		const lt = getSpec('lt-passport');
		const top = mmWindow(lt.topMargin, 45);
		const head = mmWindow(lt.head, 45);
		const chin = mmWindow(lt.chinMargin, 45);
		expect([top, head, chin]).toEqual([
			[2, 4],
			[31, 35],
			[8, 10]
		]);
		expect(top[0]! + head[0]! + chin[0]!).toBeLessThanOrEqual(45);
		expect(top[1]! + head[1]! + chin[1]!).toBeGreaterThanOrEqual(45);
		// the layout puts the crown at the top-margin target (3 mm)
		expect(geometryTarget(lt).topMarginRatio!.target).toBeCloseTo(3 / 45, 10);
	});

	it('CH (fedpol): exactly 1440x1980 px, eyes 50-70 % above the bottom, head window assumed', () => {
		const ch = getSpec('ch-passport-digital');
		expect(outputPixelSize(ch)).toMatchObject({ widthPx: 1440, heightPx: 1980, basis: 'digital-exact' });
		expect(geometryTarget(ch).eyeFromBottomRatio).toEqual({ min: 0.5, max: 0.7, target: 0.6 });
		expect(ch.head.basis).toBe('assumed');
		expect(ch.background.editingAllowed).toBe(false); // "Sie darf nicht retouchiert sein"
	});

	it('digital upload windows: IE Passport Online, EE e-Residency, VE visa', () => {
		const ie = getSpec('ie-passport-online'); // DFA photographer guidelines
		expect(ie.digital).toEqual({ minWidthPx: 715, minHeightPx: 951 });
		expect(ie.file).toEqual({ format: 'jpeg', maxKB: 9000, kbUnit: 1000 });
		const ee = getSpec('ee-e-residency-card'); // eresident.politsei.ee
		expect(ee.digital).toEqual({ minWidthPx: 1300, maxWidthPx: 6000, minHeightPx: 1600, maxHeightPx: 7380 });
		expect([ee.file?.minKB, ee.file?.maxKB]).toEqual([1000, 5000]);
		expect(outputPixelSize(ee)).toMatchObject({ widthPx: 1300, heightPx: 1600 });
		const ve = getSpec('ve-visa-digital'); // embavenez-us.org
		expect(ve.digital).toEqual({ minWidthPx: 600, maxWidthPx: 1200, minHeightPx: 600, maxHeightPx: 1200 });
		expect([ve.file?.minKB, ve.file?.maxKB]).toEqual([40, 240]);
		expect([ve.head.minRatio, ve.head.maxRatio]).toEqual([0.66, 0.75]);
	});

	it('CZ decree 368/1999: >= 2 mm above the head, white to light blue or light grey, no retouching', () => {
		const cz = getSpec('cz-residence-permit');
		expect(mmWindow(cz.topMargin, 45)).toEqual([2, undefined]);
		expect(cz.background.allowed.map((c) => c.name).sort()).toEqual(['light blue', 'light grey', 'white']);
		expect(cz.background.editingAllowed).toBe(false);
	});

	it('CA PR card (IRCC): 50x70 mm, face 31-36 mm chin to natural top of head; ES DNI 26 wide x 32 high', () => {
		const pr = getSpec('ca-pr-card');
		expect([pr.print?.widthMm, pr.print?.heightMm]).toEqual([50, 70]);
		expect(pr.head.definition).toBe('skull-to-chin');
		expect(mmWindow(pr.head, 70)).toEqual([31, 36]);
		expect(outputPixelSize(getSpec('es-dni'))).toMatchObject({ widthPx: 307, heightPx: 378, dpi: 300 });
	});

	it('search finds the new countries by name, endonym and Chinese name', () => {
		expect(searchSpecs('netherlands passport').map((s) => s.id)).toContain('nl-passport');
		expect(searchSpecs('Österreich').map((s) => s.id)).toEqual(expect.arrayContaining(['at-passport', 'at-id-card']));
		expect(searchSpecs('荷兰护照').map((s) => s.id)).toContain('nl-passport');
		expect(searchSpecs('hellas').map((s) => s.id)).toEqual(['gr-passport']);
	});
});

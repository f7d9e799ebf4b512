/**
 * measureBackground on the astronaut composited over synthetic walls (plain, with a smooth light fall-off, a shadow of
 * known contrast beside the head, a texture, objects), on colour rules, on the editing rule, and on the real testdata
 * portraits (plain walls vs busy rooms). Landmarks and mask come from the project's own pipeline on the clean photo.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { measureBackground } from '$lib/quality/background';
import { deltaE2000, srgbToLab } from '$lib/quality/color';
import { interEye2d } from '$lib/quality/image/landmarks';
import type { QualityCheck, QualityId, QualityInput, QualityRules } from '$lib/quality/types';
import type { PersonMask } from '$lib/types';
import { ASTRONAUT, loadInputs, portraits, withImage } from '../image/fixture';
import { alphaAt, composite, gainForDrop, lin } from './scene';

const get = (checks: QualityCheck[], id: QualityId) => {
	const c = checks.find((k) => k.id === id);
	if (!c) throw new Error(`no check ${id}`);
	return c;
};
const WALL: [number, number, number] = [232, 232, 228];
const WALL_L = srgbToLab(...WALL).L;

let astro: QualityInput;
let ied: number;
let faceX: number;
beforeAll(async () => {
	astro = (await loadInputs([ASTRONAUT])).get(ASTRONAUT)!;
	ied = interEye2d(astro.landmarks);
	faceX = (astro.landmarks.points[234 * 3] + astro.landmarks.points[454 * 3]) / 2;
}, 120_000);

const scene = (wall: (x: number, y: number) => [number, number, number]) => withImage(astro, composite(astro.image, astro.mask!, wall));
const plain = () => scene(() => lin(...WALL));

/** Wall with the person's silhouette shifted by (dx, dy) px darkened by `drop` L*: a cast shadow. */
function shadowScene(mask: PersonMask, dx: number, dy: number, drop: number): QualityInput {
	const g = gainForDrop(WALL_L, drop);
	const w = lin(...WALL);
	return scene((x, y) => {
		const s = alphaAt(mask, x - dx, y - dy);
		const k = 1 - s + s * g;
		return [w[0] * k, w[1] * k, w[2] * k];
	});
}

describe('measureBackground: plain wall', () => {
	it('passes a plain wall and a smooth light fall-off (8 L* across the band), with the order of the 5 checks', () => {
		for (const input of [
			plain(),
			scene((x) => {
				const L = WALL_L - 8 * (x / astro.image.width);
				const v = lin(...WALL)[0] * gainForDrop(WALL_L, WALL_L - L);
				return [v, v, v * 0.97];
			})
		]) {
			const r = measureBackground(input, {});
			expect(r.map((c) => c.id)).toEqual(['background-uniformity', 'background-colour', 'background-shadow', 'background-objects', 'background-edited']);
			expect(get(r, 'background-uniformity').status).toBe('pass');
			expect(get(r, 'background-uniformity').value!).toBeLessThan(2);
			expect(get(r, 'background-uniformity').ofiq!).toBeGreaterThan(90);
			expect(get(r, 'background-shadow').status).toBe('pass');
			expect(get(r, 'background-objects').status).toBe('pass');
			expect(get(r, 'background-colour').status).toBe('unknown'); // no colour rule
		}
	});
});

describe('background-colour', () => {
	it('measures CIEDE2000 to the nearest allowed colour', () => {
		const expected = deltaE2000(srgbToLab(...WALL), srgbToLab(255, 255, 255));
		const rules: QualityRules = { background: { allowed: ['#FFFFFF', '#0000FF'], toleranceDeltaE: 10 } };
		const c = get(measureBackground(plain(), rules), 'background-colour');
		expect(c.value!).toBeCloseTo(expected, 0);
		expect(c.status).toBe('pass');
		expect(c.message).toMatch(/#FFFFFF/);
		const strict = get(measureBackground(plain(), { background: { allowed: ['#FFFFFF'], toleranceDeltaE: 3 } }), 'background-colour');
		expect(strict.status).toBe(expected <= 6 ? 'warn' : 'fail');
		const far = get(measureBackground(plain(), { background: { allowed: ['#3050A0'], toleranceDeltaE: 5 } }), 'background-colour');
		expect(far.status).toBe('fail');
		expect(far.fix).toMatch(/#3050A0/);
	});
	it('fails a forbidden colour even when an allowed one is near', () => {
		const c = get(measureBackground(plain(), { background: { allowed: ['#F0F0F0'], toleranceDeltaE: 8, forbidden: ['#FFFFFF'] } }), 'background-colour');
		expect(c.status).toBe('fail');
		expect(c.message).toMatch(/forbids/);
	});
});

describe('background-shadow', () => {
	it.each([
		[8, 'warn'],
		[15, 'fail']
	] as const)('finds a cast shadow of %i L* right of the head', (drop, status) => {
		const input = shadowScene(astro.mask!, 0.6 * ied, 0.1 * ied, drop);
		const c = get(measureBackground(input, {}), 'background-shadow');
		expect(c.value!).toBeGreaterThan(drop - 2.5);
		expect(c.value!).toBeLessThan(drop + 2.5);
		expect(c.status).toBe(status);
		expect(c.message).toMatch(/right of the head/);
		expect(c.fix).toMatch(/Move away from the wall/);
		// The marked region lies right of the face.
		expect(c.region!.x).toBeGreaterThan(faceX);
	});
	it('names the light side when the face is lit from the other side', () => {
		// Light from the image left: the image-left half of the face brighter by a one-stop darker right half.
		const base = shadowScene(astro.mask!, 0.6 * ied, 0.1 * ied, 15);
		const im = base.image;
		const out = new Uint8ClampedArray(im.data);
		for (let y = 0; y < im.height; y++)
			for (let x = Math.ceil(faceX); x < im.width; x++) {
				const o = (y * im.width + x) * 4;
				if (alphaAt(astro.mask!, x, y) < 0.5) continue;
				for (let c = 0; c < 3; c++) out[o + c] = Math.round(out[o + c] * 0.7);
			}
		const c = get(measureBackground(withImage(astro, { ...im, data: out }), {}), 'background-shadow');
		expect(c.message).toMatch(/opposite the light that comes from the left/);
	});
	it('grows with the shadow contrast', () => {
		const v = [0, 4, 8, 12].map((d) => get(measureBackground(shadowScene(astro.mask!, 0.6 * ied, 0.1 * ied, d), {}), 'background-shadow').value!);
		for (let i = 1; i < v.length; i++) expect(v[i]).toBeGreaterThan(v[i - 1] + 2);
	});
});

describe('background texture and objects', () => {
	it.each([
		[3, 'pass'],
		[6, 'warn'],
		[12, 'fail']
	] as const)('rates a checkerboard texture of ±%i L* (squares 0.125·IED) on the wall: %s', (amp, status) => {
		const up = gainForDrop(WALL_L, -amp), down = gainForDrop(WALL_L, amp);
		const p = Math.max(2, Math.round(0.125 * ied));
		const input = scene((x, y) => {
			const k = (Math.floor(x / p) + Math.floor(y / p)) % 2 ? up : down;
			const w = lin(...WALL);
			return [w[0] * k, w[1] * k, w[2] * k];
		});
		const c = get(measureBackground(input, {}), 'background-uniformity');
		expect(c.status).toBe(status);
		// RMS of a ±amp square wave is amp; cell averaging and the quadratic fit keep most of it.
		expect(c.value!).toBeGreaterThan(0.6 * amp);
		expect(c.value!).toBeLessThan(1.1 * amp);
	});
	it('fails dark picture frames on the wall beside the head', () => {
		const frames = [
			{ x: faceX - 2.6 * ied, y: astro.landmarks.irisCenters.right.y - 1.5 * ied, w: 1.0 * ied, h: 1.2 * ied },
			{ x: faceX + 1.7 * ied, y: astro.landmarks.irisCenters.right.y - 0.5 * ied, w: 0.8 * ied, h: 1.0 * ied }
		];
		const input = scene((x, y) => (frames.some((f) => x >= f.x && x < f.x + f.w && y >= f.y && y < f.y + f.h) ? lin(90, 60, 40) : lin(...WALL)));
		const c = get(measureBackground(input, {}), 'background-objects');
		expect(c.status).toBe('fail');
		expect(c.value!).toBeGreaterThan(0.03);
	});
});

describe('background-edited and missing mask', () => {
	it('warns only when the document forbids editing and the app replaced the background', () => {
		const e = (rules: QualityRules) => get(measureBackground(plain(), rules), 'background-edited');
		expect(e({ editingAllowed: false, backgroundReplaced: true })).toMatchObject({ status: 'warn', value: 1 });
		expect(e({ editingAllowed: false, backgroundReplaced: true }).message).toMatch(/does not allow/);
		expect(e({ editingAllowed: false, backgroundReplaced: false }).status).toBe('pass');
		expect(e({ editingAllowed: true, backgroundReplaced: true }).status).toBe('pass');
		expect(e({}).status).toBe('pass');
	});
	it('returns unknown for the measured checks when there is no person mask', () => {
		const r = measureBackground({ ...plain(), mask: null }, { editingAllowed: false, backgroundReplaced: true });
		expect(r.slice(0, 4).map((c) => c.status)).toEqual(['unknown', 'unknown', 'unknown', 'unknown']);
		expect(r.slice(0, 4).every((c) => c.value === null)).toBe(true);
		expect(get(r, 'background-edited').status).toBe('warn');
	});
});

describe('real portraits', () => {
	const files = portraits();
	let inputs: Map<string, QualityInput>;
	beforeAll(async () => {
		inputs = await loadInputs(files);
	}, 300_000);
	// From looking at the photos (PROVENANCE.md): two plain walls, the rest rooms, streets, curtains and flags.
	const PLAIN = ['bun-uniform.jpg', 'longhair-blazer.jpg'];
	const BUSY = ['biden-official.jpg', 'child-room.png', 'longhair-street.webp', 'obama-congress.jpg', 'obama-official.jpg'];
	it.each(files.map((f) => [basename(f), f]))('%s', (name, file) => {
		const input = inputs.get(file)!;
		measureBackground(input, {});
		const t0 = performance.now(), c0 = process.cpuUsage();
		const r = measureBackground(input, {});
		const cpu = process.cpuUsage(c0);
		console.log(`measureBackground ${name}: ${(performance.now() - t0).toFixed(1)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms CPU`);
		if (PLAIN.includes(name)) {
			for (const id of ['background-uniformity', 'background-shadow', 'background-objects'] as const) expect(get(r, id).status, `${name} ${id}`).toBe('pass');
		} else if (BUSY.includes(name)) {
			expect(get(r, 'background-uniformity').status, name).toBe('fail');
			expect(get(r, 'background-objects').status, name).toBe('fail');
		} else {
			expect(get(r, 'background-uniformity').status, name).not.toBe('pass');
		}
	});
});

/**
 * measureImage on synthetic defects of known size, applied to tests/fixtures/astronaut.png (landmarks and mask from the
 * project's own pipeline, computed once on the clean photo: the defects do not move the face), and on the real
 * testdata portraits (no false alarms on the image checks).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import jpeg from 'jpeg-js';
import sharp from 'sharp';
import { measureImage } from '$lib/quality/image';
import { imageContext } from '$lib/quality/image/context';
import { CHANNEL_CLIP_WARN, channelClipFraction } from '$lib/quality/image/exposure';
import { directionalFocus, sharpnessScore, SHARPNESS_FAIL, SHARPNESS_WARN } from '$lib/quality/image/focus';
import { interEye2d, irises } from '$lib/quality/image/landmarks';
import { lightness } from '$lib/quality/color';
import type { QualityCheck, QualityId, QualityInput, QualityRules } from '$lib/quality/types';
import type { RgbaImage } from '$lib/types';
import { ASTRONAUT, loadInputs, portraits, withImage } from './fixture';
import { addNoise, exposureShift, gainLeftOf, gaussianBlur, greyscale, labCast, motionBlurX, motionBlurY, paintDisc } from './synth';
import { formatCheckValue } from '$lib/app/check-labels';

const NO_RULES: QualityRules = {};
const run = (input: QualityInput, rules = NO_RULES) => measureImage(input, rules);
const get = (checks: QualityCheck[], id: QualityId) => {
	const c = checks.find((k) => k.id === id);
	if (!c) throw new Error(`no check ${id}`);
	return c;
};

let astro: QualityInput;
let ied: number;
beforeAll(async () => {
	astro = (await loadInputs([ASTRONAUT])).get(ASTRONAUT)!;
	ied = interEye2d(astro.landmarks);
}, 120_000);

describe('measureImage: contract', () => {
	it('returns the 12 image checks, decided, with fixes only on problems', () => {
		const checks = run(astro);
		expect(checks.map((c) => c.id)).toEqual([
			'inter-eye-distance', 'sharpness', 'motion-blur', 'exposure', 'luminance', 'illumination-symmetry',
			'skin-colour', 'greyscale', 'colour-cast', 'red-eye', 'glasses-glare', 'compression'
		]);
		for (const c of checks) {
			expect(['pass', 'warn', 'fail', 'unknown']).toContain(c.status);
			expect(c.message.length).toBeGreaterThan(10);
			if (c.status === 'pass') expect(c.fix).toBeNull();
			else if (c.status !== 'unknown') expect(c.fix).toMatch(/\w/);
			if (c.ofiq !== null) expect(c.ofiq).toBeGreaterThanOrEqual(0), expect(c.ofiq).toBeLessThanOrEqual(100);
			expect(c.severity).toBeGreaterThanOrEqual(0);
		}
	});
});

describe('inter-eye-distance', () => {
	it('is measured in source px (image px / scale) against 90 required / 120 preferred', () => {
		// The astronaut's eyes are ≈ 42 px apart in the 512 px photo.
		const c = get(run(astro), 'inter-eye-distance');
		expect(c.value!).toBeGreaterThan(38);
		expect(c.value!).toBeLessThan(46);
		expect(c.status).toBe('fail');
		// The same landmarks from a 4× larger original: ≈ 168 px → pass; 2.5× → ≈ 105 px → warn.
		expect(get(run({ ...astro, scale: 0.25 }), 'inter-eye-distance')).toMatchObject({ status: 'pass' });
		const w = get(run({ ...astro, scale: 0.4 }), 'inter-eye-distance');
		expect(w.status).toBe('warn');
		expect(w.value!).toBeCloseTo(c.value! / 0.4, 0);
		// one number for one measurement: the sentence writes the value exactly as the report's value column does
		expect(w.value).toBe(Math.round(w.value! * 10) / 10);
		expect(w.message).toContain(`has ${w.value} px between the eyes`);
		expect(formatCheckValue(w.value, w.unit)).toBe(`${w.value} px`);
		// A document's own minimum replaces the default.
		expect(get(run(astro, { minInterEyePx: 30 }), 'inter-eye-distance').status).toBe('warn');
	});
});

describe('sharpness and motion blur', () => {
	it('falls monotonically with a Gaussian blur and crosses the fail limit by σ = 0.02·IED', () => {
		const sigmas = [0, 0.005, 0.01, 0.015, 0.02, 0.03];
		const scores = sigmas.map((s) => {
			const im = s === 0 ? astro.image : gaussianBlur(astro.image, s * ied);
			return get(run(withImage(astro, im)), 'sharpness');
		});
		const v = scores.map((c) => c.value!);
		for (let i = 1; i < v.length; i++) expect(v[i], `σ=${sigmas[i]}·IED`).toBeLessThanOrEqual(v[i - 1]);
		expect(v[0] - v[5]).toBeGreaterThan(25);
		expect(scores[0].status).toBe('pass');
		expect(scores[3].status).not.toBe('pass'); // σ = 0.015·IED: at least a warning
		expect(scores[4].status).toBe('fail'); // σ = 0.02·IED
		expect(scores[5].status).toBe('fail');
		expect(v[4]).toBeLessThan(SHARPNESS_FAIL);
		expect(v[0]).toBeGreaterThanOrEqual(SHARPNESS_WARN);
	});

	it('reports grain (Gaussian noise of σ 6 and 12 per channel) through the sharpness check', () => {
		const clean = get(run(astro), 'sharpness');
		expect(clean.unit).toBe('score');
		const n6 = get(run(withImage(astro, addNoise(astro.image, 6))), 'sharpness');
		const n12 = get(run(withImage(astro, addNoise(astro.image, 12))), 'sharpness');
		expect(n6).toMatchObject({ status: 'warn', unit: 'noise σ' });
		expect(n12).toMatchObject({ status: 'fail', unit: 'noise σ' });
		// Luma of independent channel noise: σ·√(0.299² + 0.587² + 0.114²) ≈ 0.67σ, on top of the photo's own ≈ 2.
		expect(n12.value!).toBeGreaterThan(7);
		expect(n12.value!).toBeLessThan(10.5);
		expect(n12.message).toMatch(/grainy/);
	});

	it('reports a horizontal smear of 0.1·IED as motion blur, and none on the clean photo', () => {
		const clean = get(run(astro), 'motion-blur');
		expect(clean.status).toBe('pass');
		expect(clean.value!).toBeLessThan(0.3);
		const smeared = get(run(withImage(astro, motionBlurX(astro.image, Math.round(0.1 * ied) | 1))), 'motion-blur');
		expect(smeared.status).toBe('fail');
		expect(smeared.value!).toBeGreaterThan(0.6);
		expect(smeared.message).toMatch(/horizontal/);
		const vertical = get(run(withImage(astro, motionBlurY(astro.image, Math.round(0.1 * ied) | 1))), 'motion-blur');
		expect(vertical.status).toBe('fail');
		expect(vertical.message).toMatch(/vertical/);
	});
});

describe('exposure and luminance', () => {
	it('passes the clean photo', () => {
		const r = run(astro);
		expect(get(r, 'exposure').status).toBe('pass');
		expect(get(r, 'luminance').status).toBe('pass');
		expect(get(r, 'luminance').value!).toBeGreaterThan(60);
	});
	it('fails −2 EV (white point) and +1 EV (burnt-out face)', () => {
		const dark = run(withImage(astro, exposureShift(astro.image, -2)));
		expect(get(dark, 'exposure')).toMatchObject({ status: 'fail', unit: 'L*' });
		// The photo's brightest 1 % drops by ≈ 2 stops: L* 97 → ≈ 55.
		expect(get(dark, 'exposure').value!).toBeLessThan(62);
		expect(get(dark, 'exposure').message).toMatch(/underexposed by about 1\.[6-9]|underexposed by about 2\.[0-4]/);
		const bright = run(withImage(astro, exposureShift(astro.image, 1)));
		expect(get(bright, 'exposure')).toMatchObject({ status: 'fail', unit: 'ratio' });
		expect(get(bright, 'exposure').value!).toBeGreaterThan(0.2);
		expect(get(bright, 'luminance').status).toBe('fail');
		expect(get(bright, 'luminance').value!).toBeGreaterThan(88);
	});
	it('fails clipped highlights of a normally bright face (red channel at 255 on a third of the face, luma < 247)', () => {
		// Burnt-out skin as +1.5 EV leaves it on a dim face: R clipped, G and B not, so OFIQ's luma count (247–255) sees
		// nothing while the texture of the red channel is gone.
		const ctx = imageContext(astro.image, astro.landmarks);
		const im = { ...astro.image, data: new Uint8ClampedArray(astro.image.data) };
		const painted = ctx.oval.filter((_, i) => i % 3 === 0); // every third sample of the face oval
		for (const o of painted) [im.data[o], im.data[o + 1], im.data[o + 2]] = [255, 205, 175];
		const r = run(withImage(astro, im));
		const e = get(r, 'exposure');
		expect(e).toMatchObject({ status: 'fail', unit: 'ratio' });
		expect(e.value!).toBeGreaterThan(0.3);
		expect(e.value!).toBeLessThan(0.37);
		expect(e.message).toMatch(/highlights of 3\d\.\d % of it are clipped/);
		expect(e.text?.key).toBe('exposure.over-clipped');
		expect(e.fix).toMatch(/less light/);
		// the clean astronaut (light skin, face L* ≈ 72) has almost none: not flagged
		expect(get(run(astro), 'exposure').status).toBe('pass');
		expect(channelClipFraction(astro.image.data, ctx.oval)).toBeLessThan(CHANNEL_CLIP_WARN / 2);
	});
	it('lowers the face L* by the L* of a known exposure shift', () => {
		const L0 = get(run(astro), 'luminance').value!;
		const L1 = get(run(withImage(astro, exposureShift(astro.image, -1))), 'luminance').value!;
		// −1 EV halves Y: at L* ≈ 72 that is ≈ 16–18 L* less (CIE L* of Y vs Y/2, with the spread of the face).
		expect(L0 - L1).toBeGreaterThan(14);
		expect(L0 - L1).toBeLessThan(20);
	});
});

describe('illumination symmetry', () => {
	it('measures a one-stop darker half face as ≈ the L* difference of Y and Y/2', () => {
		const clean = get(run(astro), 'illumination-symmetry');
		expect(clean.status).toBe('pass');
		const midX = (astro.landmarks.points[168 * 3] as number);
		const lit = get(run(withImage(astro, gainLeftOf(astro.image, midX, 0.5))), 'illumination-symmetry');
		// Cheek L* ≈ 70: L*(Y) − L*(Y/2) ≈ 17.8 at Y(L* 70) = 0.41; the clean photo's own ±4.9 adds or subtracts.
		const Y = 0.41;
		const expected = lightness(Y) - lightness(Y / 2);
		expect(expected).toBeCloseTo(17.8, 0);
		expect(lit.value!).toBeGreaterThan(expected - clean.value! - 1);
		expect(lit.value!).toBeLessThan(expected + clean.value! + 1);
		expect(lit.status).not.toBe('pass');
		expect(lit.message).toMatch(/left cheek/);
	});
});

describe('colour: skin, greyscale, cast', () => {
	it('fails a greyscale copy and passes the colour photo', () => {
		expect(get(run(astro), 'greyscale').status).toBe('pass');
		const g = run(withImage(astro, greyscale(astro.image)));
		expect(get(g, 'greyscale')).toMatchObject({ status: 'fail' });
		expect(get(g, 'greyscale').value!).toBeLessThan(1);
		// Grey cheeks lie √(5² + 5²) ≈ 7.1 from OFIQ's natural box.
		expect(get(g, 'skin-colour').value!).toBeCloseTo(7.1, 0);
	});
	it('moves the neutral point by a known a* cast and fails a cast of 20', () => {
		const base = get(run(astro), 'colour-cast');
		expect(base.status).toBe('pass');
		const c10 = get(run(withImage(astro, labCast(astro.image, 10, 0))), 'colour-cast');
		const c20 = get(run(withImage(astro, labCast(astro.image, 20, 0))), 'colour-cast');
		expect(c10.value!).toBeGreaterThan(base.value! + 6);
		expect(c20.value!).toBeGreaterThan(c10.value! + 6);
		expect(c20.status).toBe('fail');
		expect(c20.message).toMatch(/magenta/);
		const blue = get(run(withImage(astro, labCast(astro.image, 0, -25))), 'colour-cast');
		expect(blue.status).toBe('fail');
		expect(blue.message).toMatch(/blue/);
	});
	it('flags green skin (a* − 20)', () => {
		expect(get(run(astro), 'skin-colour').status).toBe('pass');
		const c = get(run(withImage(astro, labCast(astro.image, -20, 0))), 'skin-colour');
		expect(c.status).toBe('fail');
		expect(c.message).toMatch(/greenish|grey/);
	});
});

describe('eyes: red eye and glare', () => {
	it('finds red pupils painted inside both irises', () => {
		expect(get(run(astro), 'red-eye')).toMatchObject({ status: 'pass', value: 0 });
		const ir = irises(astro.landmarks);
		let im: RgbaImage = astro.image;
		for (const e of [ir.right, ir.left]) im = paintDisc(im, e.c.x, e.c.y, 0.5 * e.r, [200, 30, 30]);
		const c = get(run(withImage(astro, im)), 'red-eye');
		expect(c.status).toBe('fail');
		expect(c.value!).toBeGreaterThan(0.5);
	});
	it('finds a white glare spot of radius 0.1·IED on a lens, not the catchlights', () => {
		expect(get(run(astro), 'glasses-glare').status).toBe('pass');
		const e = imageContext(astro.image, astro.landmarks).eyes.right;
		const im = paintDisc(astro.image, e.x - 0.25 * ied, e.y - 0.12 * ied, 0.1 * ied, [255, 255, 255]);
		const c = get(run(withImage(astro, im)), 'glasses-glare');
		expect(c.status).toBe('fail');
		// π·0.1² / (2 lenses × 0.9·0.6, less the irises) ≈ 3 %.
		expect(c.value!).toBeGreaterThan(0.025);
		expect(c.value!).toBeLessThan(0.035);
	});
});

describe('compression', () => {
	const encode = (im: RgbaImage, q: number) => {
		const bytes = new Uint8Array(jpeg.encode({ width: im.width, height: im.height, data: Buffer.from(im.data.buffer) }, q).data);
		const d = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
		return { bytes, image: { width: d.width, height: d.height, data: new Uint8ClampedArray(d.data.buffer) } as RgbaImage };
	};
	it('fails quality 10 and passes quality 95, from the file and from the pixels alone', () => {
		const q10 = encode(astro.image, 10), q95 = encode(astro.image, 95);
		const withFile = (e: { bytes: Uint8Array; image: RgbaImage }) => get(run({ ...astro, image: e.image, file: { bytes: e.bytes, format: 'jpeg' } }), 'compression');
		expect(withFile(q10)).toMatchObject({ status: 'fail', value: 10, unit: 'JPEG quality' });
		expect(withFile(q95)).toMatchObject({ status: 'pass', value: 95, unit: 'JPEG quality' });
		const pixelsOnly = (e: { image: RgbaImage }) => get(run(withImage(astro, e.image)), 'compression');
		const b10 = pixelsOnly(q10), b95 = pixelsOnly(q95);
		expect(b10.status).toBe('fail');
		expect(b10.value!).toBeGreaterThan(1.9);
		expect(b95.status).toBe('pass');
		expect(b95.value!).toBeLessThan(1.2);
	});
	it('is unknown when the image was resized and no file is known', () => {
		expect(get(run({ ...astro, scale: 0.5, file: undefined }), 'compression').status).toBe('unknown');
	});
});

describe('real portraits: no false alarms on the image checks', () => {
	const files = [ASTRONAUT, ...portraits().filter((f) => basename(f) !== basename(ASTRONAUT))];
	let inputs: Map<string, QualityInput>;
	beforeAll(async () => {
		inputs = await loadInputs(files);
	}, 300_000);
	// inter-eye-distance is a real property of each photo (several faces are < 90 px apart), checked above.
	const CLEAN: QualityId[] = [
		'sharpness', 'motion-blur', 'exposure', 'luminance', 'illumination-symmetry', 'skin-colour', 'greyscale',
		'colour-cast', 'red-eye', 'glasses-glare', 'compression'
	];
	it.each(files.map((f) => [basename(f), f]))('%s', (_name, file) => {
		const input = inputs.get(file)!;
		measureImage(input, NO_RULES); // warm-up
		const t0 = performance.now(), c0 = process.cpuUsage();
		const checks = measureImage(input, NO_RULES);
		const ms = performance.now() - t0, cpu = process.cpuUsage(c0);
		console.log(`measureImage ${basename(file)}: ${ms.toFixed(1)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(1)} ms CPU (${input.image.width}x${input.image.height})`);
		for (const id of CLEAN) expect(get(checks, id).status, `${basename(file)} ${id}: ${get(checks, id).message}`).toBe('pass');
	});

	it('gives the same sharpness for a face at 1×, 0.75× and 0.5× size (faces with IED ≥ 96 px; within 10 points)', async () => {
		const big = files.filter((f) => interEye2d(inputs.get(f)!.landmarks) >= 96);
		if (big.length === 0) console.warn('no portrait with IED ≥ 96 px: resolution test skipped');
		for (const f of big) {
			const input = inputs.get(f)!;
			const scores: number[] = [];
			for (const k of [1, 0.75, 0.5]) {
				const w = Math.round(input.image.width * k), h = Math.round(input.image.height * k);
				const { data } = await sharp(Buffer.from(input.image.data.buffer, input.image.data.byteOffset, input.image.data.byteLength), {
					raw: { width: input.image.width, height: input.image.height, channels: 4 }
				})
					.resize(w, h, { kernel: 'lanczos3' })
					.raw()
					.toBuffer({ resolveWithObject: true });
				const kx = w / input.image.width, ky = h / input.image.height;
				const points = input.landmarks.points.map((v, i) => (i % 3 === 1 ? v * ky : v * kx));
				const ctx = imageContext({ width: w, height: h, data: new Uint8ClampedArray(data) }, { ...input.landmarks, points });
				scores.push(sharpnessScore(directionalFocus(ctx.normalised())));
			}
			expect(Math.max(...scores) - Math.min(...scores), `${basename(f)}: ${scores.map((v) => v.toFixed(1))}`).toBeLessThan(10);
			expect(Math.min(...scores), basename(f)).toBeGreaterThanOrEqual(SHARPNESS_WARN);
		}
	});
});

describe('degenerate input', () => {
	it('returns unknown focus checks, not NaN, when the landmarks lie outside the image', () => {
		const points = astro.landmarks.points.map((v, i) => (i % 3 === 2 ? v : v + 5000));
		const moved = { ...astro.landmarks, points, irisCenters: { right: { x: 5000, y: 5000 }, left: { x: 5040, y: 5000 } } };
		const r = run({ ...astro, landmarks: moved });
		expect(get(r, 'sharpness').status).toBe('unknown');
		expect(get(r, 'motion-blur').status).toBe('unknown');
		for (const id of ['exposure', 'luminance', 'red-eye', 'glasses-glare'] as const) expect(get(r, id).status, id).toBe('unknown');
		for (const c of r) if (c.value !== null) expect(Number.isFinite(c.value), c.id).toBe(true);
	});
});

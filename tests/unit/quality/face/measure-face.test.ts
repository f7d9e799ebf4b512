/**
 * measureFace on real landmarks edited by known amounts: the astronaut's 478 points from the project's own inference
 * (models/onnx; skipped with a message without them), rotated in 3-D to known yaw/pitch/roll, irises moved, eyelids
 * closed, lips opened, mouth corners lifted, eyes painted over, second faces and person blobs added.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceEngine } from '../../../../src/lib/inference/engine';
import { measureFace, FACE_CHECK_IDS } from '../../../../src/lib/quality/face';
import { LEFT_EYE, RIGHT_EYE, INNER_LIP_PAIRS, MOUTH_LEFT, MOUTH_RIGHT, CHIN, RIGHT_CHEEK } from '../../../../src/lib/quality/face/landmark-ids';
import type { QualityCheck, QualityId, QualityInput } from '../../../../src/lib/quality/types';
import type { FaceLandmarks, PersonMask, RgbaImage } from '../../../../src/lib/types';
import { analyseFile, cloneLandmarks, createEngine, frontalise, haveModels, movePoints, posed, pt, setPoint } from './helpers';

const ASTRONAUT = 'tests/fixtures/astronaut.png';
if (!haveModels) console.warn('[skip] face quality tests on real landmarks: models missing in models/onnx (run: npx tsx models/convert.ts)');

const get = (checks: QualityCheck[], id: QualityId) => {
	const c = checks.find((x) => x.id === id);
	if (!c) throw new Error(`no ${id}`);
	return c;
};

/** Eye-centres midpoint to chin (T), image px, for a frontal landmark set. */
function eyeToChinPx(lm: FaceLandmarks): number {
	const c = (a: number, b: number) => ({ x: (pt(lm, a).x + pt(lm, b).x) / 2, y: (pt(lm, a).y + pt(lm, b).y) / 2 });
	const r = c(RIGHT_EYE.outer, RIGHT_EYE.inner);
	const l = c(LEFT_EYE.outer, LEFT_EYE.inner);
	return Math.hypot((r.x + l.x) / 2 - pt(lm, CHIN).x, (r.y + l.y) / 2 - pt(lm, CHIN).y);
}

describe.skipIf(!haveModels)('measureFace on the astronaut landmarks, edited', () => {
	let engine: InferenceEngine;
	let input: QualityInput;
	let front: FaceLandmarks;
	const run = (landmarks: FaceLandmarks, extra: Partial<QualityInput> = {}, rules = {}) => measureFace({ ...input, landmarks, ...extra }, rules);

	beforeAll(async () => {
		engine = createEngine();
		input = await analyseFile(engine, ASTRONAUT);
		front = frontalise(input.landmarks);
	});
	afterAll(() => engine?.dispose());

	it('returns the nine face checks, fully formed', () => {
		const checks = measureFace(input, {});
		expect(checks.map((c) => c.id)).toEqual(FACE_CHECK_IDS);
		for (const c of checks) {
			expect(c.group).toBe('face');
			expect(c.message.length).toBeGreaterThan(10);
			expect(c.severity).toBeGreaterThan(0);
			if (c.status === 'pass') expect(c.fix).toBeNull();
			else if (c.status !== 'unknown') expect(c.fix).toMatch(/\w+/);
		}
		// the astronaut as photographed: frontal (yaw, roll), broad smile with teeth (PROVENANCE.md: "smiling")
		expect(get(checks, 'yaw').status).toBe('pass');
		expect(get(checks, 'roll').status).toBe('pass');
		expect(get(checks, 'expression').status).toBe('fail');
		expect(get(checks, 'mouth-closed').status).toBe('fail');
		expect(get(checks, 'eyes-open').status).toBe('pass');
		expect(get(checks, 'eyes-occluded').status).toBe('pass');
		expect(get(checks, 'other-person').status).toBe('pass');
		expect(get(checks, 'gaze').status).toBe('pass');
	});

	it('roll agrees with the 2-D eye-line angle (measureHead convention) within 1.5°', () => {
		const lm = input.landmarks;
		const eyeLine = (Math.atan2(lm.irisCenters.left.y - lm.irisCenters.right.y, lm.irisCenters.left.x - lm.irisCenters.right.x) * 180) / Math.PI;
		const roll = get(measureFace(input, {}), 'roll').value!;
		expect(Math.abs(roll - eyeLine)).toBeLessThan(1.5);
	});

	const poses: [number, number, number][] = [
		[0, 0, 0], [3, 0, 0], [-3, 0, 0], [10, 0, 0], [-10, 0, 0], [0, 3, 0], [0, -3, 0], [0, 10, 0], [0, -10, 0],
		[0, 0, 3], [0, 0, -3], [0, 0, 10], [0, 0, -10], [10, -3, 3], [-3, 10, -10]
	];
	for (const [yaw, pitch, roll] of poses) {
		it(`real face turned to yaw ${yaw}, pitch ${pitch}, roll ${roll}: recovered within 1°`, () => {
			const checks = run(posed(input.landmarks, yaw, pitch, roll));
			expect(Math.abs(get(checks, 'yaw').value! - yaw)).toBeLessThan(1);
			expect(Math.abs(get(checks, 'pitch').value! - pitch)).toBeLessThan(1);
			expect(Math.abs(get(checks, 'roll').value! - roll)).toBeLessThan(1);
		});
	}

	it('a dropped jaw (chin and jaw points 8 % of eye-to-chin lower) leaves the pose unchanged', () => {
		const T = eyeToChinPx(front);
		const stomionY = (pt(front, 13).y + pt(front, 14).y) / 2;
		const jaw = Array.from({ length: 468 }, (_, i) => i).filter((i) => pt(front, i).y > stomionY + 0.1 * T);
		expect(jaw).toContain(152);
		expect(jaw).toContain(136);
		const before = run(front);
		const after = run(movePoints(front, jaw, 0, 0.08 * T));
		for (const id of ['yaw', 'pitch', 'roll'] as const) expect(Math.abs(get(after, id).value! - get(before, id).value!)).toBeLessThan(0.3);
	});

	it('decides pose on the default ISO limits (yaw/pitch 5, roll 8) with a warn margin (pitch widened by its view uncertainty), and on the rules', () => {
		const yaw = (deg: number, rules = {}) => get(run(posed(input.landmarks, deg, 0, 0), {}, rules), 'yaw');
		expect(yaw(3).status).toBe('pass');
		expect(yaw(6).status).toBe('warn');
		const turned = yaw(10);
		expect(turned.status).toBe('fail');
		expect(turned.message).toMatch(/turned 10° to your left/);
		expect(turned.fix).toBe('Turn your head slightly to your right so that you face the camera.');
		expect(yaw(-10).fix).toBe('Turn your head slightly to your left so that you face the camera.');
		expect(turned.ofiq).toBe(97); // round(100 cos²10°)
		expect(turned.limit).toBe('≤ 5°');
		expect(yaw(10, { maxYawDeg: 20 }).status).toBe('pass');
		const pitch = (deg: number) => get(run(posed(input.landmarks, 0, deg, 0)), 'pitch');
		expect(pitch(10).fix).toBe('Lower your chin slightly.');
		expect(pitch(-10).fix).toBe('Lift your chin slightly.');
		// Pitch is decided against the limit widened by the single-view uncertainty (5 + 5°), warning 5° beyond.
		expect(pitch(-10).status).toBe('warn');
		expect(pitch(-10).message).toMatch(/may be lowered/);
		expect(pitch(-18).status).toBe('fail');
		const level = pitch(8);
		expect(level.status).toBe('pass');
		// the sentence and the limit state the limit actually applied (5° + 5° uncertainty), so a pass at 8° is no contradiction
		expect(level.limit).toBe('≤ 10° (5° allowed + 5° for the uncertainty of one photo)');
		expect(level.message).toMatch(/^The head is level: measured \d+(\.\d)?° up or down, within 10° \(5° allowed \+ 5° because one photo cannot measure pitch more closely\)\.$/);
		expect(Math.abs(level.value!)).toBeGreaterThan(5);
		expect(level.limitText).toEqual({ key: 'limit.pitch', values: { applied: '10°', limit: '5°', uncertainty: '5°' } });
		expect(pitch(-10).message).toMatch(/just over 10° \(5° allowed \+ 5° for the uncertainty of one photo\)/);
		expect(pitch(4).status).toBe('pass');
		const roll = (deg: number) => get(run(posed(input.landmarks, 0, 0, deg)), 'roll');
		expect(roll(7).status).toBe('pass');
		expect(roll(8.5).status).toBe('warn');
		expect(roll(12).status).toBe('fail');
		expect(roll(12).fix).toMatch(/left shoulder/);
		expect(roll(-12).fix).toMatch(/right shoulder/);
	});

	it('gaze: irises moved by a known fraction of the eye width; head yaw adds to the eye turn', () => {
		const deg = (rad: number) => (rad * 180) / Math.PI;
		const base = get(run(front), 'gaze');
		expect(base.unit).toBe('deg');
		expect(Math.abs(base.value!)).toBeLessThan(5);
		const hBase = 0.4 * Math.sin((base.value! * Math.PI) / 180); // frontal: gaze = eye turn = asin(h / 0.4)
		const width = (e: typeof RIGHT_EYE) => Math.abs(pt(front, e.inner).x - pt(front, e.outer).x);
		const shifted = (k: number, from = front) => {
			let lm = movePoints(from, [RIGHT_EYE.iris, ...RIGHT_EYE.irisRing], k * width(RIGHT_EYE), 0);
			lm = movePoints(lm, [LEFT_EYE.iris, ...LEFT_EYE.irisRing], k * width(LEFT_EYE), 0);
			return lm;
		};
		const shift = (k: number) => get(run(shifted(k)), 'gaze');
		for (const k of [-0.1, -0.03, 0.06, 0.1]) {
			// eye widths in the frontal image equal the face-frame widths up to the (tiny) tilt of the corner line
			expect(Math.abs(shift(k).value! - deg(Math.asin((hBase + k) / 0.4)))).toBeLessThan(0.6);
		}
		expect(shift(0.1).status).toBe('fail');
		expect(shift(0.1).message).toMatch(/to your left of the camera/); // towards the image's right = the subject's left
		expect(shift(-0.1).message).toMatch(/to your right of the camera/);
		expect(shift(0.4 * Math.sin((10 * Math.PI) / 180) - hBase).status).toBe('warn'); // 10°
		expect(shift(0.1).fix).toBe('Look straight into the camera lens.');
		// head turned 6° to the left, eyes unchanged in the head: the gaze is 6° further left
		const turned = posed(input.landmarks, 6, 0, 0);
		const t0 = get(run(turned), 'gaze').value!;
		expect(Math.abs(t0 - 6 - base.value!)).toBeLessThan(1);
		// looking up: irises raised by 0.12 eye widths → warning even though horizontally centred
		let up = movePoints(front, [RIGHT_EYE.iris, ...RIGHT_EYE.irisRing], 0, -0.12 * width(RIGHT_EYE));
		up = movePoints(up, [LEFT_EYE.iris, ...LEFT_EYE.irisRing], 0, -0.12 * width(LEFT_EYE));
		const g = get(run(up), 'gaze');
		expect(g.status).toBe('warn');
		expect(g.message).toMatch(/look up/);
	});

	it('eyes-open: upper lids moved towards the lower lids by known fractions', () => {
		const base = get(run(front), 'eyes-open');
		expect(base.status).toBe('pass');
		expect(base.value!).toBeGreaterThan(0.06);
		const close = (eyes: (typeof RIGHT_EYE)[], keep: number) => {
			let lm = cloneLandmarks(front);
			for (const e of eyes)
				for (const [u, l] of e.lidPairs) {
					const U = pt(lm, u), Lo = pt(lm, l);
					lm = setPoint(lm, u, Lo.x + keep * (U.x - Lo.x), Lo.y + keep * (U.y - Lo.y));
				}
			return get(run(lm), 'eyes-open');
		};
		const bothHalf = close([RIGHT_EYE, LEFT_EYE], 0.5);
		const minOpen = (lm: FaceLandmarks) => Math.min(...[RIGHT_EYE, LEFT_EYE].map((e) => Math.max(...e.lidPairs.map(([u, l]) => Math.hypot(pt(lm, u).x - pt(lm, l).x, pt(lm, u).y - pt(lm, l).y)))));
		expect(bothHalf.value!).toBeCloseTo(base.value! * 0.5, 3);
		expect(base.value!).toBeCloseTo(minOpen(front) / eyeToChinPx(front), 3);
		const shut = close([RIGHT_EYE, LEFT_EYE], 0.05);
		expect(shut.status).toBe('fail');
		expect(shut.value!).toBeLessThan(0.01);
		expect(shut.ofiq!).toBeLessThan(30); // OFIQ 100·σ(x; 0.02, 0.01)
		expect(base.ofiq!).toBeGreaterThan(95);
		const oneShut = close([LEFT_EYE], 0.05);
		expect(oneShut.status).toBe('fail');
		expect(oneShut.message).toMatch(/left eye/);
		// threshold: an opening of 0.025 of eye-to-chin warns
		expect(close([RIGHT_EYE, LEFT_EYE], 0.025 / base.value!).status).toBe('warn');
	});

	/** Frontal astronaut with the inner lips closed (lower inner-lip points set onto their upper partners). */
	function closedMouth(): FaceLandmarks {
		let lm = cloneLandmarks(front);
		for (const [u, l] of INNER_LIP_PAIRS) lm = setPoint(lm, l, pt(lm, u).x, pt(lm, u).y);
		return lm;
	}

	it('mouth-closed: the astronaut smiles with parted lips; closed and reopened by known gaps', () => {
		const open = get(run(front), 'mouth-closed');
		expect(open.status).toBe('fail');
		expect(open.value!).toBeGreaterThan(0.06);
		expect(get(run(closedMouth()), 'mouth-closed').value!).toBeLessThan(1e-4);
		expect(get(run(closedMouth()), 'mouth-closed').status).toBe('pass');
		const T = eyeToChinPx(front);
		const lowerIds = INNER_LIP_PAIRS.map(([, l]) => l);
		for (const gap of [0.02, 0.04, 0.08]) {
			const c = get(run(movePoints(closedMouth(), lowerIds, 0, gap * T)), 'mouth-closed');
			expect(c.value!).toBeCloseTo(gap, 3);
			expect(c.status).toBe(gap <= 0.03 ? 'pass' : gap <= 0.05 ? 'warn' : 'fail');
		}
		expect(get(run(movePoints(closedMouth(), lowerIds, 0, 0.08 * T)), 'mouth-closed').fix).toMatch(/Close your mouth/);
	});

	it('expression: mouth corners lowered to the lip line, then lifted by known amounts', () => {
		const smile = get(run(front), 'expression');
		expect(smile.status).toBe('fail');
		expect(smile.value!).toBeGreaterThan(0.04);
		const T = eyeToChinPx(front);
		const neutral = (lift: number) => {
			let lm = closedMouth();
			const stomionY = (pt(lm, 13).y + pt(lm, 14).y) / 2;
			for (const c of [MOUTH_RIGHT, MOUTH_LEFT]) lm = setPoint(lm, c, pt(lm, c).x, stomionY - lift * T);
			return get(run(lm), 'expression');
		};
		expect(neutral(0).value!).toBeCloseTo(0, 3);
		expect(neutral(0).status).toBe('pass');
		expect(neutral(0.03).value!).toBeCloseTo(0.03, 3);
		expect(neutral(0.03).status).toBe('warn');
		expect(neutral(0.05).status).toBe('fail');
		expect(neutral(0.05).fix).toMatch(/neutral expression/);
		expect(neutral(-0.02).status).toBe('pass'); // drooping corners are not a smile
	});

	/** Copy of the image with both eye openings (grown by 20 %) painted by `paint(x, y) → [r, g, b]`. */
	function paintEyes(paint: (x: number, y: number) => [number, number, number]): RgbaImage {
		const img = { ...input.image, data: new Uint8ClampedArray(input.image.data) };
		const lm = input.landmarks;
		for (const e of [RIGHT_EYE, LEFT_EYE]) {
			const xs = e.contour.map((i) => pt(lm, i).x), ys = e.contour.map((i) => pt(lm, i).y);
			const w = Math.max(...xs) - Math.min(...xs);
			for (let y = Math.floor(Math.min(...ys) - 0.3 * w); y <= Math.ceil(Math.max(...ys) + 0.3 * w); y++)
				for (let x = Math.floor(Math.min(...xs) - 0.2 * w); x <= Math.ceil(Math.max(...xs) + 0.2 * w); x++) {
					const k = (y * img.width + x) * 4;
					[img.data[k], img.data[k + 1], img.data[k + 2]] = paint(x, y);
				}
		}
		return img;
	}

	it('eyes-occluded: eyes painted over with skin colour, hair-like strands or noise are caught', () => {
		const clear = get(measureFace(input, {}), 'eyes-occluded');
		expect(clear.status).toBe('pass');
		expect(clear.unit).toBe('score');
		expect(clear.value!).toBeGreaterThan(1.5); // visibility score: 1 is the limit
		// the sentence names the same quantity as the value, at the same precision (not only the contrast)
		expect(clear.message).toContain(`visibility score ${clear.value}, at least 1;`);
		expect(clear.value).toBe(Math.round(clear.value! * 100) / 100);
		// skin: the mean colour of the right cheek
		const c = RIGHT_CHEEK.map((i) => (Math.round(pt(input.landmarks, i).y) * input.image.width + Math.round(pt(input.landmarks, i).x)) * 4);
		const skin = [0, 1, 2].map((ch) => Math.round(c.reduce((s, k) => s + input.image.data[k + ch], 0) / c.length)) as [number, number, number];
		const skinCovered = get(measureFace({ ...input, image: paintEyes(() => skin) }, {}), 'eyes-occluded');
		expect(skinCovered.status).toBe('fail');
		expect(skinCovered.value!).toBeLessThan(0.5);
		expect(skinCovered.fix).toMatch(/hair/);
		// dark-brown hair strands, 2 px period, slanted
		const hair = get(measureFace({ ...input, image: paintEyes((x, y) => ((x + (y >> 1)) % 4 < 2 ? [62, 40, 25] : [120, 85, 55])) }, {}), 'eyes-occluded');
		expect(hair.status).toBe('fail');
		// a flat black bar and a flat grey patch
		for (const v of [10, 128]) expect(get(measureFace({ ...input, image: paintEyes(() => [v, v, v]) }, {}), 'eyes-occluded').status).toBe('fail');
		// a dark strand exactly over each iris, lighter strands beside it: the iris still "stands out", but no white of the
		// eye shows (the brightness cue)
		const irisX = [RIGHT_EYE, LEFT_EYE].map((e) => pt(input.landmarks, e.iris).x);
		const strands = get(
			measureFace({ ...input, image: paintEyes((x) => (irisX.some((ix) => Math.abs(x - ix) < 4) ? [25, 18, 12] : [70, 50, 35])) }, {}),
			'eyes-occluded'
		);
		expect(strands.status).toBe('fail');
		expect(strands.message).toMatch(/white of the eye shows/);
		// grey noise (deterministic)
		let s = 12345;
		const noise = () => {
			s = (Math.imul(s, 1103515245) + 12345) >>> 0;
			const v = s >>> 24;
			return [v, v, v] as [number, number, number];
		};
		expect(get(measureFace({ ...input, image: paintEyes(noise) }, {}), 'eyes-occluded').status).not.toBe('pass');
		// closed eyes cannot be judged: unknown, not a false "covered"
		let shut = cloneLandmarks(input.landmarks);
		for (const e of [RIGHT_EYE, LEFT_EYE]) for (const [u, l] of e.lidPairs) shut = setPoint(shut, u, pt(shut, l).x, pt(shut, l).y);
		expect(get(run(shut), 'eyes-occluded').status).toBe('unknown');
	});

	/** The photo and its landmarks reduced by an integer factor `k` (k×k box average, landmarks ÷ k). */
	function reduced(k: number, image: RgbaImage): { image: RgbaImage; landmarks: FaceLandmarks } {
		const W = Math.floor(image.width / k), H = Math.floor(image.height / k);
		const data = new Uint8ClampedArray(W * H * 4);
		for (let y = 0; y < H; y++)
			for (let x = 0; x < W; x++)
				for (let c = 0; c < 4; c++) {
					let s = 0;
					for (let dy = 0; dy < k; dy++) for (let dx = 0; dx < k; dx++) s += image.data[((y * k + dy) * image.width + x * k + dx) * 4 + c];
					data[(y * W + x) * 4 + c] = s / (k * k);
				}
		const lm = cloneLandmarks(input.landmarks);
		for (let i = 0; i < lm.points.length; i++) lm.points[i] /= k; // x, y and z (z has the scale of x)
		lm.irisCenters = { right: { x: lm.points[468 * 3], y: lm.points[468 * 3 + 1] }, left: { x: lm.points[473 * 3], y: lm.points[473 * 3 + 1] } };
		return { image: { width: W, height: H, data }, landmarks: lm };
	}

	it('eyes-occluded at low resolution (inter-eye distance ≈ 21 px): the clear eyes pass, a dark patch fails', () => {
		const ied = Math.hypot(input.landmarks.irisCenters.left.x - input.landmarks.irisCenters.right.x, input.landmarks.irisCenters.left.y - input.landmarks.irisCenters.right.y);
		expect(ied / 2).toBeLessThan(25);
		const clear = reduced(2, input.image);
		const c = get(measureFace({ ...input, ...clear }, {}), 'eyes-occluded');
		expect(c.status).toBe('pass');
		// a dark-brown patch (the evaluation's occluder colour #3A2A20) over both eyes, painted before the reduction
		const patched = reduced(2, paintEyes(() => [0x3a, 0x2a, 0x20]));
		const p = get(measureFace({ ...input, ...patched }, {}), 'eyes-occluded');
		expect(p.status).toBe('fail');
		expect(p.value!).toBeLessThan(0.5);
		// a quarter of the size (inter-eye distance ≈ 11 px, iris radius < 1 px): too small to judge, 'unknown'
		expect(get(measureFace({ ...input, ...reduced(4, input.image) }, {}), 'eyes-occluded').status).toBe('unknown');
	});

	it('other-person: a second face fails with OFIQ SingleFacePresent; separate person blobs in the mask', () => {
		const main = input.faces[0];
		const small = { ...main, box: { ...main.box, x: main.box.x + 200, width: main.box.width / 2, height: main.box.height / 2 } };
		const two = get(measureFace({ ...input, faces: [main, small] }, {}), 'other-person');
		expect(two.status).toBe('fail');
		expect(two.value!).toBeCloseTo(0.25, 3);
		expect(two.ofiq).toBe(75);
		expect(two.region).toEqual(small.box);
		expect(two.message).toMatch(/2 faces/);
		// a second detection of the same face (centre inside the main box) is not another person
		const dup = { ...main, box: { x: main.box.x + 5, y: main.box.y + 5, width: main.box.width * 0.9, height: main.box.height * 0.9 } };
		expect(get(measureFace({ ...input, faces: [main, dup] }, {}), 'other-person').status).toBe('pass');
		expect(get(measureFace({ ...input, faces: [main, dup, small] }, {}), 'other-person').message).toMatch(/2 faces/);

		// synthetic mask over the whole image: the main person (a block under the face) and another block at a gap
		const W = input.image.width, H = input.image.height;
		const f = main.box;
		const makeMask = (other: { x0: number; x1: number; y0: number; y1: number } | null): PersonMask => {
			const data = new Float32Array(W * H);
			const fill = (x0: number, x1: number, y0: number, y1: number) => {
				for (let y = Math.max(0, y0); y < Math.min(H, y1); y++) for (let x = Math.max(0, x0); x < Math.min(W, x1); x++) data[y * W + x] = 0.95;
			};
			fill(Math.round(f.x - 20), Math.round(f.x + f.width + 20), Math.round(f.y - 30), H);
			if (other) fill(other.x0, other.x1, other.y0, other.y1);
			return { width: W, height: H, data, box: { x: 0, y: 0, width: W, height: H } };
		};
		const mainArea = (Math.round(f.x + f.width + 20) - Math.round(f.x - 20)) * (H - Math.round(f.y - 30));
		const blob = (area: number) => {
			const side = Math.round(Math.sqrt(area));
			return { x0: W - side - 2, x1: W - 2, y0: H - side, y1: H };
		};
		const alone = get(measureFace({ ...input, faces: [main], mask: makeMask(null) }, {}), 'other-person');
		expect(alone.status).toBe('pass');
		expect(alone.value).toBe(0);
		const big = get(measureFace({ ...input, faces: [main], mask: makeMask(blob(0.2 * mainArea)) }, {}), 'other-person');
		expect(big.status).toBe('fail');
		expect(big.value!).toBeGreaterThan(0.17);
		expect(big.value!).toBeLessThan(0.23);
		expect(big.region!.x).toBeGreaterThan(W / 2);
		const part = get(measureFace({ ...input, faces: [main], mask: makeMask(blob(0.05 * mainArea)) }, {}), 'other-person');
		expect(part.status).toBe('warn');
		// a blob joined to the main person is the same person
		const joined = makeMask({ x0: Math.round(f.x + f.width + 20), x1: W, y0: H - 60, y1: H });
		expect(get(measureFace({ ...input, faces: [main], mask: joined }, {}), 'other-person').status).toBe('pass');
	});

	it('no landmarks: every landmark check is unknown, other-person still decided', () => {
		const none = { ...cloneLandmarks(input.landmarks), points: new Float32Array(478 * 3).fill(Number.NaN) };
		const f = input.faces[0];
		const checks = run(none, { faces: [f, { ...f, box: { ...f.box, x: f.box.x + 2 * f.box.width } }] });
		expect(checks.filter((c) => c.status === 'unknown').map((c) => c.id)).toEqual(FACE_CHECK_IDS.filter((id) => id !== 'other-person'));
		expect(get(checks, 'other-person').status).toBe('fail');
		for (const c of checks.filter((x) => x.status === 'unknown')) expect(c.value).toBeNull();
	});
});

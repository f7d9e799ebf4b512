import { describe, expect, it } from 'vitest';
import { getSpec } from '../../../src/lib/specs/registry';
import { geometryTarget } from '../../../src/lib/specs/geometry';
import { captureFraming } from '../../../src/lib/camera/framing';
import { AutoCapture, evaluateGuidance, GUIDANCE_ORDER, messageFor, StableMessage, type Guidance } from '../../../src/lib/camera/guidance';
import { face, goodLandmarks, observation } from './synthetic';

// Schengen visa in a 640x480 frame: frame 317.3x408 at (161.3, 36); head 290.1-326.4 px (target 308.3), accepted
// 261.1-359.0; eye line target 230.9 px (band 214.6-247.2, accepted 198.3-263.5); centre x 320 ± 25.4.
const schengen = captureFraming(640, 480, geometryTarget(getSpec('eu-schengen-visa')));
// Head height (skull-to-chin) = 2 × 1.75 × ied, so ied 88 gives 308 px.
const GOOD = () => face(320, 231, 88);

describe('evaluateGuidance: one message, most important first', () => {
	it('says all good for a well-framed, compliant face', () => {
		const g = evaluateGuidance(observation([GOOD()]), schengen);
		expect(g).toMatchObject({ id: 'ok', ok: true, problems: [], message: 'All good: hold still.' });
		expect(g.face!.headHeightPx).toBeCloseTo(308, 0);
	});

	it('waits for the landmarks before saying all good', () => {
		const g = evaluateGuidance(observation([GOOD()], { landmarks: null, eyeToChinPerIed: null }), schengen);
		expect([g.id, g.ok, g.message]).toEqual(['checking', false, 'Checking your face… hold still.']);
	});

	it('no face / several faces', () => {
		expect(evaluateGuidance(observation([]), schengen).message).toBe('We can’t see a face. Look straight into the camera.');
		const two = evaluateGuidance(observation([GOOD(), face(520, 200, 60)]), schengen);
		expect(two.id).toBe('several-faces');
		expect(two.message).toBe('Only one person, please: someone else is in the picture.');
		// A face a fifth of the main face's area (e.g. a photo on the wall) does not count.
		expect(evaluateGuidance(observation([GOOD(), face(560, 100, 39)]), schengen).id).toBe('ok');
	});

	it('closer / back from the head size against the head-height window', () => {
		expect(evaluateGuidance(observation([face(320, 231, 70)]), schengen)).toMatchObject({ id: 'move-closer', message: 'Move closer to the camera.' });
		expect(evaluateGuidance(observation([face(320, 231, 74.8)]), schengen).id).toBe('ok'); // 261.8 px ≥ 261.1
		expect(evaluateGuidance(observation([face(320, 231, 104)]), schengen)).toMatchObject({ id: 'move-back', message: 'Move back a little from the camera.' });
		// The landmark proportions of this face replace the default 1.75: a long face reads larger.
		expect(evaluateGuidance(observation([face(320, 231, 88)], { eyeToChinPerIed: 2.1 }), schengen).id).toBe('move-back');
	});

	it('left / right in the subject’s own directions', () => {
		// Face on the image's left (unmirrored): the person stands too far to their right.
		expect(evaluateGuidance(observation([face(290, 231, 88)]), schengen)).toMatchObject({ id: 'move-left', message: 'Move a little to your left.' });
		expect(evaluateGuidance(observation([face(350, 231, 88)]), schengen)).toMatchObject({ id: 'move-right', message: 'Move a little to your right.' });
		expect(evaluateGuidance(observation([face(343, 231, 88)]), schengen).id).toBe('ok');
	});

	it('up / down from the eye line', () => {
		expect(evaluateGuidance(observation([face(320, 190, 88)]), schengen)).toMatchObject({ id: 'move-down', message: 'Move down a little, or raise the camera.' });
		expect(evaluateGuidance(observation([face(320, 270, 88)]), schengen)).toMatchObject({ id: 'move-up', message: 'Move up a little, or lower the camera.' });
		expect(evaluateGuidance(observation([face(320, 260, 88)]), schengen).id).toBe('ok');
	});

	it('roll, from the landmarks when there are some, else from the detection’s eyes', () => {
		const tilted = evaluateGuidance(observation([face(320, 231, 88, 15)], { landmarks: goodLandmarks({ rollDeg: 15 }) }), schengen);
		expect([tilted.id, tilted.message]).toEqual(['straighten-head', 'Straighten your head: it leans to your left.']);
		expect(evaluateGuidance(observation([face(320, 231, 88)], { landmarks: goodLandmarks({ rollDeg: -9 }) }), schengen).message).toBe(
			'Straighten your head: it leans to your right.'
		);
		expect(evaluateGuidance(observation([face(320, 231, 88, 7)], { landmarks: goodLandmarks({ rollDeg: 7 }) }), schengen).id).toBe('ok');
		// Without landmarks the detection's eye keypoints give the roll.
		expect(evaluateGuidance(observation([face(320, 231, 88, -12)], { landmarks: null }), schengen).problems).toEqual(['straighten-head']);
	});

	it('pose, eyes, gaze, mouth', () => {
		const lm = (o: Parameters<typeof goodLandmarks>[0]) => evaluateGuidance(observation([GOOD()], { landmarks: goodLandmarks(o) }), schengen);
		expect(lm({ yawDeg: 9 }).message).toBe('Face the camera: turn your head a little to your left.');
		expect(lm({ yawDeg: -9 }).message).toBe('Face the camera: turn your head a little to your right.');
		expect(lm({ yawDeg: 5.5 }).id).toBe('ok');
		expect(lm({ pitchDeg: 15 }).message).toBe('Lower your chin a little.');
		expect(lm({ pitchDeg: -15 }).message).toBe('Raise your chin a little.');
		expect(lm({ eyesOpenRatio: 0.01 }).message).toBe('Open your eyes.');
		// Closed eyes are not also told to look at the camera.
		expect(lm({ eyesOpenRatio: 0.01, gaze: { x: 0.3, y: 0 } }).problems).toEqual(['open-eyes']);
		expect(lm({ gaze: { x: 0.2, y: 0 } }).message).toBe('Look straight into the camera.');
		expect(lm({ gaze: { x: 0, y: -0.15 } }).id).toBe('look-at-camera');
		expect(lm({ mouthOpenRatio: 0.18 }).message).toBe('Close your mouth and keep a neutral face.');
		expect(lm({ mouthOpenRatio: 0.12 }).id).toBe('ok'); // a smile with teeth (the astronaut reads 0.10)
	});

	it('light and background', () => {
		const light = (o: object) => evaluateGuidance(observation([GOOD()], { light: { faceLuma: 0.6, clippedFraction: 0.01, rightCheekLuma: 0.7, leftCheekLuma: 0.68, ...o } }), schengen);
		expect(light({ faceLuma: 0.18 }).message).toBe('It is too dark: face a window or a lamp.');
		expect(light({ faceLuma: 0.9 }).message).toBe('It is too bright: move out of the direct light.');
		expect(light({ clippedFraction: 0.2 }).id).toBe('too-bright');
		expect(light({ rightCheekLuma: 0.3, leftCheekLuma: 0.7 }).message).toBe('The light is uneven: turn so that both sides of your face are lit the same.');
		expect(light({ rightCheekLuma: 0.5, leftCheekLuma: 0.7 }).id).toBe('ok'); // ratio 0.71
		const busy = evaluateGuidance(observation([GOOD()], { background: { edgeDensity: 0.5, pixels: 3000 } }), schengen);
		expect([busy.id, busy.message]).toEqual(['busy-background', 'The background behind you is busy: stand in front of a plain wall.']);
	});

	it('several problems: all listed in priority order, the first one shown', () => {
		const obs = observation([face(260, 231, 88, 14)], {
			landmarks: goodLandmarks({ rollDeg: 14, mouthOpenRatio: 0.3, yawDeg: -10 }),
			light: { faceLuma: 0.2, clippedFraction: 0, rightCheekLuma: 0.2, leftCheekLuma: 0.2 },
			background: { edgeDensity: 0.6, pixels: 3000 }
		});
		const g = evaluateGuidance(obs, schengen);
		expect(g.problems).toEqual(['move-left', 'straighten-head', 'face-camera', 'close-mouth', 'too-dark', 'busy-background']);
		expect(g.message).toBe('Move a little to your left.');
		// Fixing them one by one walks down the list.
		const fixedPos = evaluateGuidance({ ...obs, faces: [face(320, 231, 88, 14)] }, schengen);
		expect(fixedPos.id).toBe('straighten-head');
	});

	it('documents measured from the crown count the hair: same face, larger head', () => {
		const us = captureFraming(640, 480, geometryTarget(getSpec('us-passport')));
		// US passport: frame 408x408, head 204-280.5 px, accepted 183.6-308.6; eye line 153-204 px from the top.
		expect(us.frame.width).toBeCloseTo(408, 6);
		expect(us.eyeLineY.min).toBeCloseTo(36 + 0.3125 * 408, 6);
		const g = evaluateGuidance(observation([face(320, 190, 60)]), us);
		expect(g.face!.headHeightPx).toBeCloseTo(2.2 * 1.75 * 60, 6);
		expect(g.id).toBe('ok');
	});

	it('has a message for every id', () => {
		for (const id of [...GUIDANCE_ORDER, 'ok', 'checking'] as const) expect(messageFor(id).length).toBeGreaterThan(8);
	});
});

describe('AutoCapture: green for about a second, then a short countdown', () => {
	it('counts down 3-2-1 after 1 s of green and fires once', () => {
		const a = new AutoCapture();
		expect(a.update(true, 0).phase).toBe('steady');
		expect(a.update(true, 999).phase).toBe('steady');
		expect(a.update(true, 1000)).toEqual({ phase: 'countdown', endsMs: 2500, secondsLeft: 3 });
		expect(a.tick(1600)).toMatchObject({ phase: 'countdown', secondsLeft: 2 });
		expect(a.update(true, 2100)).toMatchObject({ phase: 'countdown', secondsLeft: 1 });
		expect(a.tick(2500)).toEqual({ phase: 'capture' });
		expect(a.update(true, 2600)).toEqual({ phase: 'done' });
		a.reset();
		expect(a.state).toEqual({ phase: 'waiting' });
	});

	it('cancels when the guidance goes red, and restarts the hold', () => {
		const a = new AutoCapture();
		a.update(true, 0);
		a.update(true, 1200);
		expect(a.state.phase).toBe('countdown');
		expect(a.update(false, 1300)).toEqual({ phase: 'waiting' });
		expect(a.update(true, 1400)).toEqual({ phase: 'steady', sinceMs: 1400 });
		expect(a.tick(2300).phase).toBe('steady');
		expect(a.tick(2400).phase).toBe('countdown');
	});
});

describe('StableMessage', () => {
	const g = (id: Guidance['id']): Guidance => ({ id, message: messageFor(id), ok: id === 'ok', problems: [], face: null });
	it('switches only after the new message came first twice in a row', () => {
		const s = new StableMessage();
		expect(s.push(g('move-left')).id).toBe('move-left');
		expect(s.push(g('ok')).id).toBe('move-left');
		expect(s.push(g('move-left')).id).toBe('move-left');
		expect(s.push(g('ok')).id).toBe('move-left');
		expect(s.push(g('ok')).id).toBe('ok');
	});
});

/**
 * measureFace on the real portraits in /work/shared/testdata/portraits (never copied into the repo; skipped with a
 * message when the folder or the converted models are absent), through the project's own analysis (decode → detect →
 * landmarks → person mask). Expectations come from looking at each photo (PROVENANCE.md and the images):
 * - astronaut, obama-official: frontal, broad smile with teeth → expression and mouth-closed fail;
 * - biden-official: head turned and tilted → yaw and roll fail; mouth closed, neutral;
 * - obama-congress: speaking, head and eyes turned to his right → yaw, gaze and mouth-closed fail;
 * - bun-uniform: frontal, closed-lip smile → expression warns; longhair-street: lips slightly parted (teeth visible) →
 *   mouth-closed warns; child-room, longhair-blazer: frontal, neutral, mouth closed.
 * Pitch: the landmark fit reads the four generated portraits (idealised faces with a short lower face) as chin-down by
 * 8.5-13.6° and the astronaut by 6.8°; the three other real adult portraits read within ±2°. Asserted as measured: a
 * single view cannot separate a lowered chin from a short lower face (see the report / pose.ts).
 * Also times measureFace per photo (15 runs, median and min; the machine is shared, so numbers are under contention).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferenceEngine } from '../../../../src/lib/inference/engine';
import { measureFace } from '../../../../src/lib/quality/face';
import type { QualityCheck, QualityId, QualityInput, QualityStatus } from '../../../../src/lib/quality/types';
import { analyseFile, createEngine, haveModels } from './helpers';

const PORTRAITS = '/work/shared/testdata/portraits';
const havePortraits = existsSync(PORTRAITS);
if (!havePortraits) console.warn(`[skip] face quality portrait tests: ${PORTRAITS} is absent`);
if (!haveModels) console.warn('[skip] face quality portrait tests: models missing in models/onnx (run: npx tsx models/convert.ts)');

type Expect = Partial<Record<QualityId, QualityStatus>>;
const FRONTAL: Expect = { yaw: 'pass', roll: 'pass', gaze: 'pass', 'eyes-open': 'pass', 'eyes-occluded': 'pass', 'other-person': 'pass' };
const NEUTRAL: Expect = { 'mouth-closed': 'pass', expression: 'pass' };

const CASES: { file: string; expect: Expect; pitch: [number, number] }[] = [
	{ file: 'astronaut.png', expect: { ...FRONTAL, 'mouth-closed': 'fail', expression: 'fail' }, pitch: [-10, -4] },
	{ file: 'obama-official.jpg', expect: { ...FRONTAL, pitch: 'pass', 'mouth-closed': 'fail', expression: 'fail' }, pitch: [-2, 3] },
	{
		file: 'biden-official.jpg',
		expect: { ...NEUTRAL, yaw: 'fail', roll: 'fail', pitch: 'pass', gaze: 'pass', 'eyes-open': 'pass', 'eyes-occluded': 'pass', 'other-person': 'pass' },
		pitch: [-1, 4]
	},
	{
		file: 'obama-congress.jpg',
		expect: { yaw: 'fail', pitch: 'pass', roll: 'pass', gaze: 'fail', 'mouth-closed': 'fail', 'eyes-open': 'pass', 'eyes-occluded': 'pass', 'other-person': 'pass' },
		pitch: [-4, 2]
	},
	{ file: 'bun-uniform.jpg', expect: { ...FRONTAL, 'mouth-closed': 'pass', expression: 'warn' }, pitch: [-14, -7] },
	{ file: 'child-room.png', expect: { ...FRONTAL, ...NEUTRAL }, pitch: [-14, -7] },
	{ file: 'longhair-blazer.jpg', expect: { ...FRONTAL, ...NEUTRAL }, pitch: [-17, -10] },
	{ file: 'longhair-street.webp', expect: { ...FRONTAL, expression: 'pass', 'mouth-closed': 'warn' }, pitch: [-12, -5] }
];

describe.skipIf(!havePortraits || !haveModels)('measureFace on the test portraits', () => {
	let engine: InferenceEngine;
	const timings: string[] = [];
	beforeAll(() => {
		engine = createEngine();
	});
	afterAll(() => {
		engine?.dispose();
		console.log(`measureFace time per photo (15 runs):\n${timings.join('\n')}`);
	});

	for (const c of CASES) {
		it(c.file, async () => {
			const input: QualityInput = await analyseFile(engine, join(PORTRAITS, c.file));
			const checks = measureFace(input, {});
			const byId = new Map<QualityId, QualityCheck>(checks.map((x) => [x.id, x]));
			const row = checks.map((x) => `${x.id} ${x.status} ${x.value}`).join(', ');
			console.log(`${c.file}: ${row}`);
			for (const [id, status] of Object.entries(c.expect) as [QualityId, QualityStatus][]) {
				expect(`${id}: ${byId.get(id)!.status}`).toBe(`${id}: ${status}`);
			}
			const pitch = byId.get('pitch')!.value!;
			expect(pitch).toBeGreaterThanOrEqual(c.pitch[0]);
			expect(pitch).toBeLessThanOrEqual(c.pitch[1]);
			for (const x of checks) expect(x.status === 'pass' ? x.fix : 'n/a').toBe(x.status === 'pass' ? null : 'n/a');
			const times: number[] = [];
			for (let k = 0; k < 15; k++) {
				const t = performance.now();
				measureFace(input, {});
				times.push(performance.now() - t);
			}
			times.sort((a, b) => a - b);
			timings.push(`  ${c.file} (${input.image.width}x${input.image.height}): median ${times[7].toFixed(2)} ms, min ${times[0].toFixed(2)} ms`);
			// the fastest run is the least disturbed by other processes on the shared machine
			expect(times[0]).toBeLessThan(20);
		});
	}
});

/**
 * The pipeline's scratch memory (src/lib/memory/scratch.ts) from one photo to the next: a second run of the same photo
 * takes every scratch array from the pool (none is made afresh, which is what saves the browser's page faults), and
 * gives the same bytes as the first run, whose arrays were all new. The pool poisons what is given back (tests/setup),
 * so an array read after it was given back would change the result.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeInference, openPhotoNode } from '../../../src/cli/node-pipeline';
import { analysePhoto } from '../../../src/lib/pipeline/run/analyse';
import { renderPhoto } from '../../../src/lib/pipeline/run/render';
import { getSpec } from '../../../src/lib/specs';
import { scratch } from '../../../src/lib/memory/scratch';
import { ASTRONAUT } from './helpers';

const inference = createNodeInference(1);
afterAll(() => inference.dispose());

const hash = (a: ArrayBufferView) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

describe('scratch memory across photos', () => {
	it('a second run of the astronaut takes all its scratch arrays from the pool and gives the same mask, alpha and JPEG', async () => {
		expect(scratch.poison).toBe(true);
		scratch.clear();
		const photo = await openPhotoNode(new Uint8Array(readFileSync(ASTRONAUT)));
		const settings = { background: '#ffffff', headScale: 0, offsetXPx: 0, offsetY: 0, dpi: 300 };
		const run = async () => {
			const before = { ...scratch.stats };
			const analysis = await analysePhoto(photo.work, photo.scale, inference);
			const r = await renderPhoto(analysis, photo.source, getSpec('eu-schengen-visa'), settings);
			return { taken: scratch.stats.taken - before.taken, reused: scratch.stats.reused - before.reused, mask: hash(analysis.mask.data), alpha: hash(r.alpha), jpeg: hash(r.jpeg) };
		};
		const first = await run();
		const second = await run();
		// the model inputs, their block averages and the matting's planes: about 140 arrays per photo
		expect(first.taken).toBeGreaterThan(100);
		expect(first.reused).toBeLessThan(first.taken);
		expect(second.taken).toBe(first.taken);
		expect(second.reused).toBe(second.taken);
		expect(second.mask).toBe(first.mask);
		expect(second.alpha).toBe(first.alpha);
		expect(second.jpeg).toBe(first.jpeg);
	});
});

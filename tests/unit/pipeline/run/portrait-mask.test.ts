/**
 * The portrait-crop person mask kept by analysePhoto (Analysis.portrait, reused by render as the coarse mask): zero
 * wherever the crop lies outside the photo, a probability in [0,1] inside, person on the face. The astronaut is cut so
 * that its face sits near the left edge, which puts part of the portrait crop outside the photo.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createNodeInference } from '../../../../src/cli/node-pipeline';
import { analysePhoto, type Analysis } from '$lib/pipeline/run/analyse';
import { applyAffine, invertAffine } from '$lib/pipeline/geometry';
import { ASTRONAUT } from '../helpers';

const inference = createNodeInference();
afterAll(() => inference.dispose());

/** Columns 150..511 of the 512x512 astronaut: the face moves to about 100 px from the left edge. */
const CUT_LEFT = 150;

describe('Analysis.portrait on a photo whose face is near the left edge', () => {
	let a: Analysis;
	beforeAll(async () => {
		const { data, info } = await sharp(ASTRONAUT).extract({ left: CUT_LEFT, top: 0, width: 512 - CUT_LEFT, height: 512 }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
		a = await analysePhoto({ width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) }, 1, inference);
	});

	it('is 0 outside the photo, in [0,1] inside, and person at the eye centre', () => {
		const p = a.portrait!;
		expect(p).not.toBeNull();
		expect(p.data.length).toBe(p.width * p.height);
		const { width: W, height: H } = a.work;
		// Pixels whose whole footprint (centre ± 1 crop px, mapped to work px) lies outside / inside the photo.
		let outside = 0;
		let inside = 0;
		for (let y = 0; y < p.height; y++)
			for (let x = 0; x < p.width; x++) {
				const corners = [
					[x - 0.5, y - 0.5],
					[x + 1.5, y - 0.5],
					[x - 0.5, y + 1.5],
					[x + 1.5, y + 1.5]
				].map(([u, v]) => applyAffine(p.toWork, { x: u, y: v }));
				const v = p.data[y * p.width + x];
				if (corners.every((c) => c.x < 0 || c.y < 0 || c.x > W || c.y > H)) {
					outside++;
					expect(v, `crop px (${x},${y}) lies outside the photo`).toBe(0);
				} else if (corners.every((c) => c.x >= 0 && c.y >= 0 && c.x <= W && c.y <= H)) {
					inside++;
					expect(v).toBeGreaterThanOrEqual(0);
					expect(v).toBeLessThanOrEqual(1);
				}
			}
		// The cut really puts part of the crop outside the photo, and most of it inside.
		expect(outside / p.data.length).toBeGreaterThan(0.05);
		expect(inside / p.data.length).toBeGreaterThan(0.5);
		// The eye centre (work px) mapped into the crop is person.
		const e = a.landmarks.irisCenters;
		const eye = { x: (e.left.x + e.right.x) / 2, y: (e.left.y + e.right.y) / 2 };
		const c = applyAffine(invertAffine(p.toWork), eye);
		expect(p.data[Math.floor(c.y) * p.width + Math.floor(c.x)]).toBeGreaterThan(0.9);
	});
});

/**
 * The worker's warm-up (src/lib/pipeline/run/warm-up.ts) runs the whole job on static/warm-up-portrait.jpg: the bundled
 * portrait must stay one the pipeline completes on, for the warm-up spec and settings, or the warm-up would stop at its
 * first stage and warm nothing. Same stages as the worker (analyse → render → quality checks → report), in Node.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeInference, openPhotoNode } from '../../../src/cli/node-pipeline';
import { analysePhoto } from '../../../src/lib/pipeline/run/analyse';
import { chooseBackground, renderPhoto } from '../../../src/lib/pipeline/run/render';
import { assessAnalysis, makeReport } from '../../../src/lib/pipeline/run/report';
import { WARM_UP_LONG_SIDE, WARM_UP_SETTINGS, WARM_UP_SPEC, WARM_UP_TOP_CROP } from '../../../src/lib/pipeline/run/warm-up';
import { MAX_SLACK } from '../../../src/lib/pipeline/run/buffer-pool';
import { WORK_LIMIT_PX } from '../../../src/lib/pipeline/run/analyse';
import sharp from 'sharp';
import { getSpec } from '../../../src/lib/specs';

const PORTRAIT = join(import.meta.dirname, '../../../static/warm-up-portrait.jpg');
const inference = createNodeInference(1);
afterAll(() => inference.dispose());

describe('warm-up portrait', () => {
	it('is a small JPEG (precached with the app): 288x360 px, under 30 kB', async () => {
		const bytes = readFileSync(PORTRAIT);
		expect(bytes.byteLength).toBeLessThan(30_000);
		const photo = await openPhotoNode(new Uint8Array(bytes));
		expect([photo.original.width, photo.original.height]).toEqual([288, 360]);
	});

	it('goes through every stage the warm-up runs: one face, a 413x531 render on the allowed white, quality checks, report', async () => {
		const spec = getSpec(WARM_UP_SPEC);
		expect(chooseBackground(spec, WARM_UP_SETTINGS.background)).toBe(WARM_UP_SETTINGS.background);
		const photo = await openPhotoNode(new Uint8Array(readFileSync(PORTRAIT)));
		const analysis = await analysePhoto(photo.work, photo.scale, inference);
		expect(analysis.faces).toHaveLength(1);
		expect(analysis.portrait).not.toBeNull();
		const rendered = await renderPhoto(analysis, photo.source, spec, WARM_UP_SETTINGS);
		expect([rendered.image.width, rendered.image.height]).toEqual([413, 531]);
		// this run's crop stays inside the photo (the full-size run's reaches beyond its top: both branches get warmed);
		// its top is 2.7 px below the photo's top edge here (Node, 2026-11-30), 2.67 px in Chromium
		expect(Math.min(...rendered.layout.crop.corners.map((c) => c.y))).toBeGreaterThanOrEqual(0);
		// the matting ran on a real person edge (the warm-up must exercise the band code, not an empty trimap)
		let band = 0;
		for (const a of rendered.alpha) if (a > 0.02 && a < 0.98) band++;
		expect(band).toBeGreaterThan(500);
		const quality = assessAnalysis(spec, analysis, { bytes: photo.bytes ?? null, format: photo.original.format });
		const report = makeReport(spec, analysis, rendered, quality);
		expect(report.output).toMatchObject({ widthPx: 413, heightPx: 531, dpi: 300 });
		expect(report.quality?.checks.length).toBeGreaterThan(10);
	}, 60_000);

	it('upscaled to WARM_UP_LONG_SIDE with its top cut (the last warm-up run) is a phone-size photo whose crop reaches beyond the top edge', async () => {
		// the worker upscales with a canvas (src/lib/pipeline/run/warm-up-photo.ts); sharp stands in for it here
		const full = WARM_UP_LONG_SIDE, width = Math.round((288 * full) / 360);
		const cut = Math.round(full * WARM_UP_TOP_CROP);
		const height = full - cut;
		// nearly as large a working copy as the limit allows: 1638x1997 px, 13.1 MB of RGBA, more than a 12 MP 4:3 photo's
		// 1500x2000 px (12 MB), whose working copy then decodes into this one's memory (BufferPool MAX_SLACK)
		expect([width, full, height]).toEqual([1638, WORK_LIMIT_PX, 1997]);
		expect(width * height * 4).toBeGreaterThan(2000 * 1500 * 4);
		expect(width * height * 4).toBeLessThanOrEqual(2000 * 1500 * 4 * MAX_SLACK);
		const large = await sharp(readFileSync(PORTRAIT)).resize(width, full).extract({ left: 0, top: cut, width, height }).jpeg({ quality: 90 }).toBuffer();
		const photo = await openPhotoNode(new Uint8Array(large));
		expect([photo.work.width, photo.work.height]).toEqual([1638, 1997]);
		const analysis = await analysePhoto(photo.work, photo.scale, inference);
		expect(analysis.faces).toHaveLength(1);
		const spec = getSpec(WARM_UP_SPEC);
		const rendered = await renderPhoto(analysis, photo.source, spec, WARM_UP_SETTINGS);
		expect([rendered.image.width, rendered.image.height]).toEqual([413, 531]);
		// the crop reaches beyond the photo's top edge (the branches that fill and matte what lies outside it get warmed):
		// its top at -39.3 px here (Node, 2026-11-30), -40.3 px in Chromium; -20 leaves room for small geometry changes
		expect(Math.min(...rendered.layout.crop.corners.map((c) => c.y))).toBeLessThan(-20);
		const quality = assessAnalysis(spec, analysis, { bytes: photo.bytes ?? null, format: photo.original.format });
		expect(quality.checks.length).toBeGreaterThan(10);
	}, 60_000);
});

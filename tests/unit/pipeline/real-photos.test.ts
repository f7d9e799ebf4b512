/**
 * The main job on real photos: photo in → compliant ID photo out, for three documents with different rules
 * (us-passport: 2x2 in square, crown-to-chin; eu-schengen-visa: 35x45 mm; cn-resident-id: 358x441 px, 350 dpi).
 * Each finished photo is decoded again and run through the pipeline's own measurement (`checkPhoto`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basename } from 'node:path';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { getSpec } from '$lib/specs';
import { createNodeInference, openPhotoNode } from '../../../src/cli/node-pipeline';
import { analysePhoto, type Analysis } from '$lib/pipeline/run/analyse';
import { renderPhoto } from '$lib/pipeline/run/render';
import { makeReport } from '$lib/pipeline/run/report';
import { checkPhoto, type OpenedPhoto } from '$lib/pipeline/run/photo';
import { readJfifDpi } from '$lib/pipeline/encode';
import { deltaE2000Srgb } from '$lib/pipeline/compose/color';
import { parseHex } from '$lib/pipeline/compose/hex';
import { ASTRONAUT, portraits } from './helpers';

const SPECS = ['us-passport', 'eu-schengen-visa', 'cn-resident-id'];
const GEOMETRY_CHECKS = ['head-height', 'eye-line', 'horizontal-centring', 'roll'];
const inference = createNodeInference();
afterAll(() => inference.dispose());

const files = [ASTRONAUT, ...portraits()];

describe.each(files)('%s', (file) => {
	let photo: OpenedPhoto;
	let analysis: Analysis;
	beforeAll(async () => {
		photo = await openPhotoNode(file);
		analysis = await analysePhoto(photo.work, photo.scale, inference);
	});

	it.each(SPECS)('makes a compliant %s photo', async (specId) => {
		const spec = getSpec(specId);
		const r = await renderPhoto(analysis, photo.source, spec, { background: spec.background.recommended, headScale: 0, offsetXPx: 0, offsetY: 0, dpi: 300 });
		const report = makeReport(spec, analysis, r);
		const name = `${basename(file)} → ${specId}`;

		// Exact pixel size and dpi, in the file itself.
		const meta = await sharp(r.jpeg).metadata();
		expect([meta.width, meta.height], name).toEqual([r.target.outWidthPx, r.target.outHeightPx]);
		expect(readJfifDpi(r.jpeg), name).toBe(r.target.dpi);
		expect(meta.exif, name).toBeUndefined();

		// Head height and eye line inside the spec's windows.
		const g = report.geometry;
		expect(g.headHeightRatio, name).toBeGreaterThanOrEqual(r.target.headHeightRatio.min);
		expect(g.headHeightRatio, name).toBeLessThanOrEqual(r.target.headHeightRatio.max);
		if (r.target.eyeFromBottomRatio) {
			expect(g.eyeLineFromBottomRatio, name).toBeGreaterThanOrEqual(r.target.eyeFromBottomRatio.min);
			expect(g.eyeLineFromBottomRatio, name).toBeLessThanOrEqual(r.target.eyeFromBottomRatio.max);
		}

		// Background: the top corners of the decoded JPEG are the spec colour within ΔE00 2.
		const { data, info } = await sharp(r.jpeg).raw().toBuffer({ resolveWithObject: true });
		const bg = parseHex(spec.background.recommended);
		const W = info.width;
		for (const [x0, y0] of [[2, 2], [W - 12, 2]]) {
			let worst = 0;
			for (let y = y0; y < y0 + 10; y++)
				for (let x = x0; x < x0 + 10; x++) {
					const i = (y * W + x) * info.channels;
					worst = Math.max(worst, deltaE2000Srgb({ r: data[i], g: data[i + 1], b: data[i + 2] }, bg));
				}
			expect(worst, `${name}: background ΔE00 at (${x0},${y0})`).toBeLessThan(2);
		}

		// The finished photo, run through the pipeline again, passes its own geometry checks.
		const again = await checkPhoto(await openPhotoNode(r.jpeg), spec, inference);
		expect(again.output.widthPx).toBe(r.target.outWidthPx);
		for (const id of GEOMETRY_CHECKS) {
			const c = again.checks.find((x) => x.id === id)!;
			expect(c.status, `${name}: re-check ${id} = ${c.value} (limit ${c.limit}); first pass said ${JSON.stringify(report.checks.find((x) => x.id === id)?.value)}`).toBe('pass');
		}
	});
});

describe('bad input', () => {
	it('says so when there is no face', async () => {
		const blank = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#808080' } }).png().toBuffer();
		const p = await openPhotoNode(new Uint8Array(blank));
		await expect(analysePhoto(p.work, p.scale, inference)).rejects.toMatchObject({ code: 'no-face' });
	});

	it('uses the largest of several faces and warns', async () => {
		const a = await readFile(ASTRONAUT);
		const small = await sharp(a).resize(384, 384).toBuffer();
		const two = await sharp({ create: { width: 1024, height: 512, channels: 3, background: '#ffffff' } })
			.composite([{ input: a, left: 0, top: 0 }, { input: small, left: 620, top: 64 }])
			.png()
			.toBuffer();
		const p = await openPhotoNode(new Uint8Array(two));
		const an = await analysePhoto(p.work, p.scale, inference);
		expect(an.faces.length).toBe(2);
		expect(an.face.box.x).toBeLessThan(512);
		expect(an.warnings.join(' ')).toMatch(/2 faces found: using the largest/);
	});
});

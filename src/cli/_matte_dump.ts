// scratch: dumps the render inputs of refineMatte for each portrait/spec (deleted when done)
import { createNodeInference, openPhotoNode } from './node-pipeline';
import { analysePhoto, toOriginal } from '$lib/pipeline/run/analyse';
import { applyAffine, composeAffine, computeLayout, measureHead, warpAffine, warpPersonMask } from '$lib/pipeline/geometry';
import { targetFor } from '$lib/pipeline/run/target';
import { layoutOptions } from '$lib/pipeline/run/settings';
import { getSpec } from '$lib/specs';
import { writeFileSync } from 'node:fs';
const inf = createNodeInference();
const files = process.argv.slice(3);
for (const f of files) {
	const b = f.split('/').pop()!.replace(/\.[^.]+$/, '');
	const p = await openPhotoNode(f);
	const a = await analysePhoto(p.work, p.scale, inf);
	const { landmarks, mask } = toOriginal(a);
	const source = p.source;
	const head = measureHead(landmarks, mask, { imageSize: { width: source.width, height: source.height } });
	for (const sid of ['eu-schengen-visa', 'us-passport']) {
		const spec = getSpec(sid);
		const target = targetFor(spec, 300);
		const W = target.outWidthPx, H = target.outHeightPx;
		const layout = computeLayout(head, target, source, layoutOptions(target, { headScale: 0, offsetXPx: 0, offsetY: 0 } as any));
		const xs = layout.crop.corners.map((c) => c.x), ys = layout.crop.corners.map((c) => c.y);
		const x0 = Math.floor(Math.min(...xs)) - 2, y0 = Math.floor(Math.min(...ys)) - 2;
		const bw = Math.ceil(Math.max(...xs)) + 2 - x0, bh = Math.ceil(Math.max(...ys)) + 2 - y0;
		const rs = Math.min(1, 2 * layout.scale);
		const rw = Math.max(1, Math.round(bw * rs)), rh = Math.max(1, Math.round(bh * rs));
		const region = await source.read({ x: x0, y: y0, width: bw, height: bh }, rw, rh);
		const regionToOut = composeAffine(layout.transform, { a: bw / rw, b: 0, c: 0, d: bh / rh, e: x0, f: y0 });
		const warped = warpAffine(region, regionToOut, W, H, { background: { r: 255, g: 255, b: 255, a: 0 } });
		const coverage = new Float32Array(W * H);
		for (let i = 0; i < coverage.length; i++) coverage[i] = warped.coverage[i] * (warped.image.data[i * 4 + 3] / 255);
		for (let i = 0; i < coverage.length; i++) warped.image.data[i * 4 + 3] = 255;
		const analysisMask = warpPersonMask(mask, layout.transform, W, H);
		const cropMask = (await inf.segmentPerson(warped.image)).data;
		const eye = applyAffine(layout.transform, head.eyeCentre);
		const key = `${b}.${sid}`;
		writeFileSync(`/tmp/matte/dump/${key}.rgba`, warped.image.data);
		writeFileSync(`/tmp/matte/dump/${key}.cov`, Buffer.from(coverage.buffer));
		writeFileSync(`/tmp/matte/dump/${key}.crop`, Buffer.from(Float32Array.from(cropMask).buffer));
		writeFileSync(`/tmp/matte/dump/${key}.ana`, Buffer.from(analysisMask.buffer));
		writeFileSync(`/tmp/matte/dump/${key}.json`, JSON.stringify({ W, H, eye, ied: head.interEyeDistancePx * layout.scale, chinYPx: layout.predicted.chinYPx }));
		console.log(key, W, H, head.interEyeDistancePx * layout.scale);
	}
}
await inf.dispose();

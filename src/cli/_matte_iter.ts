// scratch: refine + composite from the dumps, write panels (deleted when done)
import { refineMatte, combinePersonMasks } from '$lib/pipeline/matte';
import { composite } from '$lib/pipeline/compose/composite';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import sharp from 'sharp';
const outDir = process.argv[3] ?? '/tmp/matte/iter';
const only = process.argv[4];
mkdirSync(outDir, { recursive: true });
const keys = readdirSync('/tmp/matte/dump').filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).filter((k) => !only || k.includes(only));
const times: string[] = [];
for (const key of keys) {
	const meta = JSON.parse(readFileSync(`/tmp/matte/dump/${key}.json`, 'utf8'));
	const { W, H } = meta;
	const rgba = new Uint8ClampedArray(readFileSync(`/tmp/matte/dump/${key}.rgba`));
	const f32 = (ext: string) => { const b = readFileSync(`/tmp/matte/dump/${key}.${ext}`); return new Float32Array(b.buffer, b.byteOffset, b.length / 4).slice(); };
	const cov = f32('cov'), crop0 = f32('crop'), ana = f32('ana');
	const crop = crop0;
	const coarse = new Float32Array(W * H);
	for (let i = 0; i < coarse.length; i++) coarse[i] = cov[i] >= 0.5 ? crop[i] : 0;
	const image = { width: W, height: H, data: rgba };
	const t = performance.now();
	const m = refineMatte(image, coarse, { faceCentre: meta.eye, interEyeDistancePx: meta.ied, coverage: cov, secondaryMask: key.startsWith('syn') ? undefined : ana });
	const dt = performance.now() - t;
	times.push(`${key} ${dt.toFixed(0)}ms ${JSON.stringify(m.timingsMs, (k, v) => typeof v === 'number' ? Math.round(v) : v)}`);
	const out = composite(m.foreground, m.alpha, { r: 255, g: 255, b: 255 }, { coverage: cov, chinYPx: meta.chinYPx });
	const gray = (a: Float32Array) => { const d = new Uint8ClampedArray(W * H * 4); for (let i = 0; i < W * H; i++) { const v = Math.round(a[i] * 255); d[i*4]=d[i*4+1]=d[i*4+2]=v; d[i*4+3]=255; } return d; };
	const tri = new Float32Array(W * H); for (let i = 0; i < W*H; i++) tri[i] = m.trimap[i] / 255;
	const panels = [rgba, gray(coarse), gray(tri), gray(m.alpha), out.data];
	const big = Buffer.alloc(W * panels.length * H * 4);
	panels.forEach((p, k) => { for (let y = 0; y < H; y++) Buffer.from(p.buffer, p.byteOffset + y * W * 4, W * 4).copy(big, (y * W * panels.length + k * W) * 4); });
	await sharp(big, { raw: { width: W * panels.length, height: H, channels: 4 } }).png().toFile(`${outDir}/${key}.panel.png`);
	await sharp(Buffer.from(out.data.buffer), { raw: { width: W, height: H, channels: 4 } }).png().toFile(`${outDir}/${key}.out.png`);
}
console.log(times.join('\n'));

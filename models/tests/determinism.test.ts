/**
 * The build is deterministic (byte-identical outputs across runs), skips up-to-date
 * models, rebuilds with force, and its manifests describe the files they sit next to.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModels, sha256, type ModelManifest } from '../converter/build.ts';
import { MODEL_SOURCES } from '../converter/sources.ts';
import { REPO_ROOT } from './helpers.ts';

describe('models build', () => {
	const a = mkdtempSync(join(tmpdir(), 'models-a-'));
	const b = mkdtempSync(join(tmpdir(), 'models-b-'));
	let seconds = 0;
	afterAll(() => {
		rmSync(a, { recursive: true, force: true });
		rmSync(b, { recursive: true, force: true });
	});

	it('converts all models twice into byte-identical files', () => {
		const t0 = performance.now();
		const ra = buildModels({ root: REPO_ROOT, outDir: a, force: true });
		seconds = (performance.now() - t0) / 1000;
		const rb = buildModels({ root: REPO_ROOT, outDir: b, force: true });
		console.log(`conversion of ${ra.length} models: ${seconds.toFixed(2)} s; sizes ${ra.map((r) => `${r.name} ${(r.onnxBytes / 1e6).toFixed(2)} MB`).join(', ')}`);
		expect(ra.every((r) => r.status === 'built') && rb.every((r) => r.status === 'built')).toBe(true);
		const files = readdirSync(a).sort();
		expect(files).toEqual(readdirSync(b).sort());
		expect(files).toEqual(['NOTICE', ...MODEL_SOURCES.flatMap((s) => [`${s.name}.json`, `${s.name}.onnx`])].sort());
		for (const f of files) expect(Buffer.compare(readFileSync(join(a, f)), readFileSync(join(b, f))), f).toBe(0);
		expect(seconds).toBeLessThan(20);
	});

	it('writes manifests whose hashes and sizes match the files, with attribution', () => {
		for (const s of MODEL_SOURCES) {
			const m = JSON.parse(readFileSync(join(a, `${s.name}.json`), 'utf8')) as ModelManifest;
			const onnx = readFileSync(join(a, m.file));
			expect(m.onnx.sha256).toBe(sha256(onnx));
			expect(m.onnx.bytes).toBe(onnx.length);
			expect(m.format).toEqual({ onnxOpset: 17, onnxIrVersion: 8, dtype: 'float32' });
			expect(m.license.spdx).toBe('Apache-2.0');
			expect(m.license.attribution).toContain('Google LLC');
			expect(m.source.package).toBe(s.package);
			expect(m.source.version).toMatch(/^\d+\.\d+\.\d+$/);
			expect(m.source.sha256).toMatch(/^[0-9a-f]{64}$/);
			expect(m.inputs[0].layout).toBe('NHWC');
		}
		const notice = readFileSync(join(a, 'NOTICE'), 'utf8');
		expect(notice).toContain('Apache License');
		for (const s of MODEL_SOURCES) expect(notice).toContain(`${s.name}.onnx`);
	});

	it('skips up-to-date models, rebuilds a tampered one, and rebuilds all with force', () => {
		const again = buildModels({ root: REPO_ROOT, outDir: a });
		expect(again.map((r) => r.status)).toEqual(MODEL_SOURCES.map(() => 'up-to-date'));
		const victim = join(a, 'selfie_segmentation.onnx');
		const original = readFileSync(victim);
		writeFileSync(victim, original.subarray(0, 100));
		const repaired = buildModels({ root: REPO_ROOT, outDir: a });
		expect(repaired.filter((r) => r.status === 'built').map((r) => r.name)).toEqual(['selfie_segmentation']);
		expect(Buffer.compare(readFileSync(victim), original)).toBe(0);
		const forced = buildModels({ root: REPO_ROOT, outDir: a, force: true });
		expect(forced.every((r) => r.status === 'built')).toBe(true);
	});
});

/**
 * Build step: read the pinned MediaPipe .tflite files from node_modules, convert
 * them to ONNX, and write models/onnx/<name>.onnx, <name>.json (manifest) and NOTICE.
 * Deterministic: no timestamps, fixed field order; re-runs skip models whose
 * manifest records the same input and converter hashes and whose .onnx is intact.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODEL_SOURCES, type ModelSource, type TensorSpec } from './sources.ts';
import { convertTflite, IR_VERSION, OPSET_VERSION } from './tflite-to-onnx.ts';

export const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Manifest written next to each .onnx (models/onnx/<name>.json). */
export interface ModelManifest {
	name: string;
	file: string;
	description: string;
	format: { onnxOpset: number; onnxIrVersion: number; dtype: 'float32' };
	source: {
		package: string;
		version: string;
		path: string;
		/** [start, end) bytes inside `path`, or null for a standalone file. */
		byteRange: [number, number] | null;
		innerName: string;
		/** sha256 (hex) of the .tflite bytes converted. */
		sha256: string;
	};
	onnx: { sha256: string; bytes: number };
	/** sha256 of the converter's own sources; a change forces a rebuild. */
	converterSha256: string;
	license: { spdx: 'Apache-2.0'; attribution: string };
	inputs: TensorSpec[];
	outputs: TensorSpec[];
}

export interface BuildOptions {
	/** Folder holding node_modules (the repository root). */
	root: string;
	/** Output folder (models/onnx). */
	outDir: string;
	/** Rebuild even when outputs are up to date. */
	force?: boolean;
	/** Restrict to these model names. */
	only?: string[];
	log?: (msg: string) => void;
}

export interface BuildReport {
	name: string;
	status: 'built' | 'up-to-date';
	onnxBytes: number;
	ms: number;
}

const ATTRIBUTION = (pkg: string, version: string) =>
	`Model weights © Google LLC, from the MediaPipe project (https://github.com/google-ai-edge/mediapipe), distributed in the npm package ${pkg}@${version} under the Apache License 2.0. Converted from TFLite to ONNX by this project's converter (models/convert.ts); the conversion changes the file format and tensor layout, not the learned weights (fp16 weights widened to fp32).`;

/** sha256 over the converter's source files (sorted by name), so code changes invalidate outputs. */
export function converterHash(): string {
	const dir = fileURLToPath(new URL('.', import.meta.url));
	const h = createHash('sha256');
	for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
		h.update(f);
		h.update(readFileSync(join(dir, f)));
	}
	return h.digest('hex');
}

/**
 * Read a model's .tflite bytes from node_modules and check the TFL3 identifier.
 * @throws Error if the package is missing, the range is out of bounds, or the bytes are not TFLite.
 */
export function readSource(root: string, src: ModelSource): { bytes: Uint8Array; version: string } {
	const pkgDir = join(root, 'node_modules', ...src.package.split('/'));
	const pkgJson = join(pkgDir, 'package.json');
	if (!existsSync(pkgJson)) throw new Error(`${src.package} is not installed (needed for ${src.name})`);
	const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version as string;
	const file = readFileSync(join(pkgDir, src.path));
	const [start, end] = src.byteRange ?? [0, file.length];
	if (end > file.length) throw new Error(`${src.path} is ${file.length} bytes, shorter than the expected range end ${end}`);
	const bytes = new Uint8Array(file.buffer, file.byteOffset + start, end - start);
	const ident = String.fromCharCode(...bytes.subarray(4, 8));
	if (ident !== 'TFL3') throw new Error(`${src.package}/${src.path}[${start}..${end}) is not a TFLite model (identifier ${JSON.stringify(ident)})`);
	return { bytes, version };
}

function tensorSpecs(infos: { name: string; shape: number[] }[], specs: Omit<TensorSpec, 'name' | 'shape' | 'dtype'>[]): TensorSpec[] {
	return infos.map((v, k) => ({ name: v.name, shape: v.shape, dtype: 'float32', ...specs[k] }));
}

/** Text of models/onnx/NOTICE (attribution for every converted model). */
export function noticeText(entries: { name: string; package: string; version: string; path: string; innerName: string }[]): string {
	const lines = [
		'The ONNX models in this folder are generated at install time by models/convert.ts',
		'from TensorFlow Lite models published by Google LLC as part of MediaPipe',
		'(https://github.com/google-ai-edge/mediapipe), licensed under the Apache License,',
		'Version 2.0 (https://www.apache.org/licenses/LICENSE-2.0).',
		'',
		'Copyright Google LLC. Licensed under the Apache License, Version 2.0 (the "License");',
		'you may not use these files except in compliance with the License. Unless required',
		'by applicable law or agreed to in writing, software distributed under the License is',
		'distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either',
		'express or implied. See the License for the specific language governing permissions',
		'and limitations under the License.',
		'',
		'Modifications: converted from TFLite flatbuffers to ONNX (opset 17); fp16 weights widened',
		'to fp32; NHWC activations re-laid-out as NCHW inside the graph; MediaPipe custom operators',
		're-expressed with standard ONNX operators.',
		'',
		'Models and their sources:'
	];
	for (const e of entries) lines.push(`- ${e.name}.onnx: ${e.innerName} from npm ${e.package}@${e.version} (${e.path})`);
	return lines.join('\n') + '\n';
}

/**
 * Convert all (or `only`) models into `outDir`.
 * @throws Error from reading or converting any model (nothing partial is reported as up to date).
 */
export function buildModels(opts: BuildOptions): BuildReport[] {
	const log = opts.log ?? (() => {});
	mkdirSync(opts.outDir, { recursive: true });
	const convHash = converterHash();
	const reports: BuildReport[] = [];
	const noticeEntries: Parameters<typeof noticeText>[0] = [];
	for (const src of MODEL_SOURCES) {
		if (opts.only && !opts.only.includes(src.name)) continue;
		const t0 = performance.now();
		const { bytes, version } = readSource(opts.root, src);
		noticeEntries.push({ name: src.name, package: src.package, version, path: src.path, innerName: src.innerName });
		const inSha = sha256(bytes);
		const onnxPath = join(opts.outDir, `${src.name}.onnx`);
		const jsonPath = join(opts.outDir, `${src.name}.json`);
		if (!opts.force && existsSync(onnxPath) && existsSync(jsonPath)) {
			try {
				const m = JSON.parse(readFileSync(jsonPath, 'utf8')) as ModelManifest;
				if (m.source.sha256 === inSha && m.converterSha256 === convHash && m.source.version === version && sha256(readFileSync(onnxPath)) === m.onnx.sha256) {
					reports.push({ name: src.name, status: 'up-to-date', onnxBytes: m.onnx.bytes, ms: performance.now() - t0 });
					log(`${src.name}: up to date`);
					continue;
				}
			} catch {
				// unreadable manifest: rebuild
			}
		}
		const attribution = ATTRIBUTION(src.package, version);
		const result = convertTflite(bytes, {
			graphName: src.name,
			docString: `${src.description}. ${attribution}`,
			metadata: [
				{ key: 'source', value: `${src.package}@${version}/${src.path}${src.byteRange ? `[${src.byteRange[0]}..${src.byteRange[1]})` : ''}` },
				{ key: 'source_sha256', value: inSha },
				{ key: 'license', value: 'Apache-2.0' }
			]
		});
		const outSpecs = result.outputs.map((o) => {
			const spec = src.outputs[o.name];
			if (!spec) throw new Error(`${src.name}: no manifest description for output ${o.name}`);
			return spec;
		});
		if (result.inputs.length !== src.inputs.length) throw new Error(`${src.name}: expected ${src.inputs.length} inputs, model has ${result.inputs.length}`);
		const manifest: ModelManifest = {
			name: src.name,
			file: `${src.name}.onnx`,
			description: src.description,
			format: { onnxOpset: OPSET_VERSION, onnxIrVersion: IR_VERSION, dtype: 'float32' },
			source: { package: src.package, version, path: src.path, byteRange: src.byteRange, innerName: src.innerName, sha256: inSha },
			onnx: { sha256: sha256(result.onnx), bytes: result.onnx.length },
			converterSha256: convHash,
			license: { spdx: 'Apache-2.0', attribution },
			inputs: tensorSpecs(result.inputs, src.inputs),
			outputs: tensorSpecs(result.outputs, outSpecs)
		};
		writeFileSync(onnxPath, result.onnx);
		writeFileSync(jsonPath, JSON.stringify(manifest, null, '\t') + '\n');
		const ms = performance.now() - t0;
		reports.push({ name: src.name, status: 'built', onnxBytes: result.onnx.length, ms });
		log(`${src.name}: built ${(result.onnx.length / 1e6).toFixed(2)} MB in ${ms.toFixed(0)} ms`);
	}
	if (!opts.only) writeFileSync(join(opts.outDir, 'NOTICE'), noticeText(noticeEntries));
	return reports;
}

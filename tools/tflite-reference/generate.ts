/**
 * Generates the TFLite reference fixtures in models/fixtures/tflite/ by running the REAL .tflite
 * models with @tensorflow/tfjs-tflite (TFLite's WASM build, XNNPACK delegate) in headless Debian
 * Chromium driven by playwright-core. See README.md in this folder.
 *
 * Run from the project root:  npx tsx tools/tflite-reference/generate.ts
 * Writes (overwrites) models/fixtures/tflite/{index.json,*.u8,*.f32}.
 * Exits non-zero if a model, a page step or a sanity check fails; fixtures are only written when all
 * cases succeeded.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CASES } from './src/cases';
import { MODELS, PROJECT_ROOT, readModelBytes, rootPackageVersion, sha256 } from './src/models';
import { preparePixels } from './src/prepare';
import { startServer, type Route } from './src/server';

const TOOL_DIR = join(PROJECT_ROOT, 'tools', 'tflite-reference');
const OUT_DIR = join(PROJECT_ROOT, 'models', 'fixtures', 'tflite');
const TOOL_MODULES = join(TOOL_DIR, 'node_modules', '@tensorflow');
/** Each case runs this many times in one page; outputs must be bit-identical across runs. */
const REPEATS = 2;

interface PageOutput {
	name: string;
	shape: number[];
	base64: string;
}
interface PageResult {
	inputInfo: { name: string; shape: number[]; dtype: string };
	outputs: PageOutput[];
	repeatable: boolean;
	kernels: Record<string, number>;
	userAgent: string;
	crossOriginIsolated: boolean;
	tfjsCoreVersion: string;
	tfBackend: string;
}

function toolPackageVersion(pkg: string): string {
	return JSON.parse(readFileSync(join(TOOL_MODULES, pkg, 'package.json'), 'utf8')).version as string;
}

/** File-name-safe form of a tensor name (TFLite names may hold "/" or ":"). */
function safe(name: string): string {
	return name.replace(/[^A-Za-z0-9_.-]/g, '_');
}

const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));

function stats(a: Float32Array): { min: number; max: number; meanAbs: number } {
	let min = Infinity;
	let max = -Infinity;
	let sum = 0;
	for (const v of a) {
		if (!Number.isFinite(v)) throw new Error('non-finite value in a TFLite output');
		if (v < min) min = v;
		if (v > max) max = v;
		sum += Math.abs(v);
	}
	return { min, max, meanAbs: sum / a.length };
}

async function main(): Promise<void> {
	const routes = new Map<string, Route>();
	const js = 'text/javascript';
	routes.set('/page/index.html', { body: readFileSync(join(TOOL_DIR, 'page', 'index.html')), type: 'text/html' });
	routes.set('/favicon.ico', { body: new Uint8Array(0), type: 'image/x-icon' });
	routes.set('/page/runner.js', { body: readFileSync(join(TOOL_DIR, 'page', 'runner.js')), type: js });
	routes.set('/lib/tf-core.min.js', { body: readFileSync(join(TOOL_MODULES, 'tfjs-core/dist/tf-core.min.js')), type: js });
	routes.set('/lib/tf-backend-cpu.min.js', {
		body: readFileSync(join(TOOL_MODULES, 'tfjs-backend-cpu/dist/tf-backend-cpu.min.js')),
		type: js
	});
	routes.set('/lib/tf-tflite.min.js', { body: readFileSync(join(TOOL_MODULES, 'tfjs-tflite/dist/tf-tflite.min.js')), type: js });
	// TFLite's WASM build sits next to tf-tflite.min.js: the library preloads it relative to its own
	// script URL as soon as it is parsed, and runner.js points setWasmPath at the same folder.
	const wasmDir = join(TOOL_MODULES, 'tfjs-tflite', 'wasm');
	for (const f of readdirSync(wasmDir)) {
		routes.set(`/lib/${f}`, { body: readFileSync(join(wasmDir, f)), type: f.endsWith('.wasm') ? 'application/wasm' : js });
	}

	const modelMeta: Record<string, unknown> = {};
	for (const m of MODELS) {
		const bytes = readModelBytes(m);
		routes.set(`/models/${m.name}.tflite`, { body: bytes, type: 'application/octet-stream' });
		modelMeta[m.name] = {
			npmPackage: `${m.npmPackage}@${rootPackageVersion(m.npmPackage)}`,
			file: m.file,
			byteRange: m.byteRange,
			bytes: bytes.length,
			sha256: sha256(bytes)
		};
	}

	const inputs = new Map<string, Uint8Array>();
	for (const c of CASES) {
		const px = await preparePixels(c.prep);
		inputs.set(c.id, px);
		routes.set(`/inputs/${c.id}.u8`, { body: px, type: 'application/octet-stream' });
	}

	const server = await startServer(routes);
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
	});
	const results = new Map<string, PageResult>();
	let browserVersion = '';
	try {
		browserVersion = browser.version();
		const page = await browser.newPage();
		page.on('console', (msg) => console.log(`[page ${msg.type()}] ${msg.text()}`));
		page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));
		await page.goto(`${server.origin}/page/index.html`);
		await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
		for (const c of CASES) {
			const shape = [1, c.prep.size, c.prep.size, 3];
			const res = (await page.evaluate(
				(arg) => (window as unknown as { runCase(a: unknown): Promise<unknown> }).runCase(arg),
				{
					modelUrl: `/models/${c.model}.tflite`,
					inputUrl: `/inputs/${c.id}.u8`,
					inputName: c.inputName,
					shape,
					divisor: c.norm.divisor,
					offset: c.norm.offset,
					repeats: REPEATS
				}
			)) as PageResult;
			if (!res.repeatable) throw new Error(`${c.id}: outputs differ between runs`);
			results.set(c.id, res);
			console.log(`${c.id}: ${res.outputs.map((o) => `${o.name} [${o.shape}]`).join(', ')}; profiled node types so far ${JSON.stringify(res.kernels)}`);
		}
	} finally {
		await browser.close();
		await server.close();
	}

	const wasmLoaded = [...new Set(server.requested.filter((p) => p.includes('tflite_web_api')))];
	const notFound = server.notFound;
	if (notFound.length) throw new Error(`page requested unknown paths: ${notFound.join(', ')}`);
	const first = results.values().next().value as PageResult;
	if (first.crossOriginIsolated) throw new Error('page was cross-origin isolated; expected the single-threaded WASM');

	// Sanity: every case shows the astronaut's face, so a detector must score some anchor above 0.5 and
	// the landmark model's face flag must be above 0.5 (both through a sigmoid, as MediaPipe's
	// TensorsToDetectionsCalculator / TensorsToFloatsCalculator do). This catches wrong normalisation.
	// Replace earlier generated files (index.json, *.u8, *.f32); leave anything else (README.md) alone.
	mkdirSync(OUT_DIR, { recursive: true });
	for (const f of readdirSync(OUT_DIR)) {
		if (f === 'index.json' || f.endsWith('.u8') || f.endsWith('.f32')) rmSync(join(OUT_DIR, f));
	}
	const cases = [];
	for (const c of CASES) {
		const res = results.get(c.id)!;
		const px = inputs.get(c.id)!;
		const inputFile = `${c.id}.input.u8`;
		writeFileSync(join(OUT_DIR, inputFile), px);
		const outputs = [];
		const sanity: Record<string, number> = {};
		for (const o of res.outputs) {
			const bytes = Buffer.from(o.base64, 'base64');
			const f32 = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
			if (f32.length !== o.shape.reduce((a, b) => a * b, 1)) throw new Error(`${c.id}/${o.name}: size mismatch`);
			const file = `${c.id}.${safe(o.name)}.f32`;
			writeFileSync(join(OUT_DIR, file), bytes);
			outputs.push({ name: o.name, shape: o.shape, dtype: 'float32', file, bytes: bytes.length, sha256: sha256(bytes), ...stats(f32) });
			// BlazeFace score logits: shape [1, anchors, 1] (named classificators / reshaped_classifier_face_4).
			if (o.shape.length === 3 && o.shape[1] > 1 && o.shape[2] === 1) sanity.maxDetectionScore = sigmoid(stats(f32).max);
			if (f32.length === 1) sanity[`sigmoid(${o.name})`] = sigmoid(f32[0]);
		}
		const score = sanity.maxDetectionScore ?? Math.max(...Object.values(sanity));
		if (!(score > 0.5)) throw new Error(`${c.id}: sanity check failed, no face found (${JSON.stringify(sanity)})`);
		cases.push({
			id: c.id,
			model: c.model,
			description: c.description,
			input: {
				name: c.inputName,
				shape: res.inputInfo.shape,
				layout: 'NHWC, RGB',
				file: inputFile,
				dtype: 'uint8',
				sha256: sha256(px),
				normalization: { ...c.norm, formula: 'float32(byte / divisor + offset), computed in float64' },
				preparation: c.prep
			},
			outputs,
			sanity,
			tflite: { bitIdenticalRuns: REPEATS, profiledNodeTypes: Object.keys(res.kernels) }
		});
	}

	const index = {
		format:
			'Each case: input = raw uint8 RGB, NHWC, batch 1 (file length = product of shape); the model input is ' +
			'float32(byte / divisor + offset). Outputs = raw little-endian float32, row-major in the listed TFLite shape. ' +
			'Files are relative to this folder.',
		generatedAt: new Date().toISOString(),
		producedBy: {
			command: 'npx tsx tools/tflite-reference/generate.ts (from the project root; see tools/tflite-reference/README.md)',
			runtime: '@tensorflow/tfjs-tflite running the .tflite flatbuffer in TFLite WASM (XNNPACK delegate), single thread, in headless Chromium',
			wasmLoaded,
			crossOriginIsolated: first.crossOriginIsolated,
			versions: {
				'@tensorflow/tfjs-tflite': toolPackageVersion('tfjs-tflite'),
				'@tensorflow/tfjs-core': toolPackageVersion('tfjs-core'),
				'@tensorflow/tfjs-backend-cpu': toolPackageVersion('tfjs-backend-cpu'),
				tfjsBackendInPage: first.tfBackend,
				'playwright-core': rootPackageVersion('playwright-core'),
				sharp: rootPackageVersion('sharp'),
				chromium: browserVersion,
				userAgent: first.userAgent,
				node: process.version
			}
		},
		models: modelMeta,
		cases
	};
	writeFileSync(join(OUT_DIR, 'index.json'), JSON.stringify(index, null, '\t') + '\n');
	let total = 0;
	for (const f of readdirSync(OUT_DIR)) total += statSync(join(OUT_DIR, f)).size;
	console.log(`wrote ${cases.length} cases to ${OUT_DIR} (${total} bytes); WASM loaded: ${wasmLoaded.join(', ')}`);
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});

/**
 * Entry point: `npm run models` (also the package's `postinstall`).
 * Converts the MediaPipe .tflite models from node_modules into models/onnx/.
 *
 * Usage: tsx models/convert.ts [--force] [--out <dir>] [--only name1,name2]
 *   --force  rebuild even when the outputs match the inputs' sha256
 *   --out    output folder (default models/onnx next to this file)
 *   --only   comma-separated model names (see models/converter/sources.ts)
 * Exit code 1 on any conversion error.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModels } from './converter/build.ts';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const valueOf = (flag: string): string | undefined => {
	const k = args.indexOf(flag);
	return k >= 0 ? args[k + 1] : undefined;
};
const out = valueOf('--out');
const only = valueOf('--only');

try {
	const t0 = performance.now();
	const reports = buildModels({
		root: resolve(here, '..'),
		outDir: out ? resolve(out) : join(here, 'onnx'),
		force: args.includes('--force'),
		only: only ? only.split(',') : undefined,
		log: (m) => console.log(`[models] ${m}`)
	});
	const built = reports.filter((r) => r.status === 'built').length;
	console.log(`[models] ${built} built, ${reports.length - built} up to date, ${((performance.now() - t0) / 1000).toFixed(2)} s`);
} catch (e) {
	console.error(`[models] conversion failed: ${(e as Error).message}`);
	process.exit(1);
}

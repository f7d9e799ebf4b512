import type { ModelLoader, ModelName } from './sessions';

/**
 * Model loader for Node: reads `<dir>/<name>.onnx` with node:fs (Node only: keep this module out of browser bundles).
 * @param dir folder holding the .onnx files, e.g. 'models/onnx'
 */
export function fsModelLoader(dir: string): ModelLoader {
	return async (name: ModelName) => {
		const fs = await import('node:fs/promises');
		const path = await import('node:path');
		return new Uint8Array(await fs.readFile(path.join(dir, `${name}.onnx`)));
	};
}

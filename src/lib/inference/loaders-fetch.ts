import type { ModelLoader, ModelName } from './sessions';

/**
 * Model loader for the browser / worker: fetches `<baseUrl><name>.onnx`.
 * @param baseUrl URL prefix ending in '/', e.g. '/models/onnx/'
 * @throws Error (from the returned loader) on a non-2xx response.
 */
export function fetchModelLoader(baseUrl: string): ModelLoader {
	return async (name: ModelName) => {
		const url = new URL(`${name}.onnx`, new URL(baseUrl, globalThis.location?.href ?? 'http://localhost/')).href;
		const res = await fetch(url);
		if (!res.ok) throw new Error(`model ${name}: HTTP ${res.status} for ${url}`);
		return new Uint8Array(await res.arrayBuffer());
	};
}

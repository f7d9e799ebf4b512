/**
 * The files loaded at run time from /models/ and /ort/ (emitted by the `localAssets` plugin in
 * vite.config.ts) and their version: a SHA-256 (hex, first 16 chars) over the model files'
 * names and bytes and the onnxruntime-web version, injected at build time as
 * `__PWA_RUNTIME_ASSETS__` (vite `define`, which SvelteKit also applies to the service worker).
 */

export interface RuntimeAssets {
	version: string;
	/** Paths without the base, e.g. `/models/face_landmark.onnx`. */
	models: string[];
	/** Paths of the onnxruntime WASM builds, e.g. `/ort/ort-wasm-simd-threaded.wasm`. */
	ort: string[];
}

declare const __PWA_RUNTIME_ASSETS__: RuntimeAssets | undefined;

/** The build's runtime assets (empty lists and version `dev` when not injected). */
export const RUNTIME_ASSETS: RuntimeAssets =
	typeof __PWA_RUNTIME_ASSETS__ !== 'undefined' ? __PWA_RUNTIME_ASSETS__ : { version: 'dev', models: [], ort: [] };

/**
 * The onnxruntime build a device needs: onnxruntime-web/webgpu loads the `asyncify` build,
 * onnxruntime-web/wasm the plain one (see dist/ort.webgpu.min.mjs and dist/ort.wasm.min.mjs);
 * the app picks webgpu exactly when a hardware (not fallback) adapter exists (hasWebGpuAdapter in
 * src/lib/inference/sessions.ts). The
 * `jsep` build is never loaded by this app.
 */
export function ortFilesFor(hasWebGpuAdapter: boolean, ort: readonly string[]): string[] {
	const wanted = hasWebGpuAdapter ? /\.asyncify\.(mjs|wasm)$/ : /ort-wasm-simd-threaded\.(mjs|wasm)$/;
	return ort.filter((p) => wanted.test(p));
}

/** True for a path (without base) that belongs in the runtime cache. */
export function isRuntimeAssetPath(path: string): boolean {
	return path.startsWith('/models/') || path.startsWith('/ort/');
}

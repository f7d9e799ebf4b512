/** Types for the ESM wasm bundle of libheif-js (the package ships none for this entry). */
declare module 'libheif-js/libheif-wasm/libheif-bundle.mjs' {
	/** Emscripten module factory; the wasm binary is embedded. */
	const factory: () => unknown;
	export default factory;
}

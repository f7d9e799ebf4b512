// Browser side of the TFLite reference generator (tools/tflite-reference/generate.ts drives it with
// playwright-core). Globals `tf` (tfjs-core + cpu backend) and `tflite` (@tensorflow/tfjs-tflite) come
// from the script tags in index.html. Exposes window.runCase and window.ready.
/* global tf, tflite */
'use strict';

// The WASM files are served next to tf-tflite.min.js (see generate.ts).
tflite.setWasmPath('/lib/');

/** @type {Map<string, Promise<any>>} model URL -> TFLiteModel */
const loaded = new Map();

function loadModel(url) {
	if (!loaded.has(url)) {
		loaded.set(
			url,
			fetch(url)
				.then((r) => {
					if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
					return r.arrayBuffer();
				})
				// enableProfiling only records per-node timings; it lets the generator list which kernels ran
				// (TfLiteXNNPackDelegate vs. builtin ops).
				.then((buf) => tflite.loadTFLiteModel(buf, { enableProfiling: true }))
		);
	}
	return loaded.get(url);
}

/** Little-endian bytes of a Float32Array as base64 (browsers are little-endian, as is the fixture format). */
function toBase64(f32) {
	const bytes = new Uint8Array(f32.buffer, f32.byteOffset, f32.byteLength);
	let s = '';
	for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
	return btoa(s);
}

function sameBits(a, b) {
	if (a.length !== b.length) return false;
	const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
	const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
	for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
	return true;
}

/**
 * Runs one case.
 * @param {{modelUrl: string, inputUrl: string, inputName: string, shape: number[], divisor: number,
 *          offset: number, repeats: number}} c
 *   inputUrl serves raw uint8 RGB NHWC bytes; the float input is byte / divisor + offset (float64, stored float32).
 * @returns outputs in the model's output order with base64 float32-LE data, plus run metadata.
 */
window.runCase = async function runCase(c) {
	const model = await loadModel(c.modelUrl);
	if (model.inputs.length !== 1) throw new Error(`expected 1 input, model has ${model.inputs.length}`);
	const info = model.inputs[0];
	if (info.name !== c.inputName) throw new Error(`input name ${info.name}, expected ${c.inputName}`);
	if (JSON.stringify(info.shape) !== JSON.stringify(c.shape)) throw new Error(`input shape ${info.shape}, expected ${c.shape}`);
	const r = await fetch(c.inputUrl);
	if (!r.ok) throw new Error(`${c.inputUrl}: HTTP ${r.status}`);
	const bytes = new Uint8Array(await r.arrayBuffer());
	const n = c.shape.reduce((a, b) => a * b, 1);
	if (bytes.length !== n) throw new Error(`input has ${bytes.length} bytes, expected ${n}`);
	const x = new Float32Array(n);
	for (let i = 0; i < n; i++) x[i] = bytes[i] / c.divisor + c.offset;

	const runs = [];
	for (let k = 0; k < c.repeats; k++) {
		const input = tf.tensor(x, c.shape, 'float32');
		const raw = model.predict(input);
		const byName = raw instanceof tf.Tensor ? { [model.outputs[0].name]: raw } : raw;
		const outs = [];
		for (const o of model.outputs) {
			const t = byName[o.name];
			if (!t) throw new Error(`output ${o.name} missing from predict() result`);
			// Copy at once: the tensor may alias the interpreter's output buffer, which the next run overwrites.
			outs.push({ name: o.name, shape: t.shape.slice(), data: Float32Array.from(await t.data()) });
			t.dispose();
		}
		input.dispose();
		runs.push(outs);
	}
	const repeatable = runs.every((run) => run.every((o, i) => sameBits(o.data, runs[0][i].data)));
	// Profiling entries accumulate over every invocation of this model; only the node types matter here.
	const kernels = {};
	for (const p of model.getProfilingResults()) kernels[p.nodeType] = (kernels[p.nodeType] || 0) + 1;
	return {
		inputInfo: { name: info.name, shape: info.shape, dtype: info.dtype },
		outputs: runs[0].map((o) => ({ name: o.name, shape: o.shape, base64: toBase64(o.data) })),
		repeatable,
		kernels,
		userAgent: navigator.userAgent,
		crossOriginIsolated: self.crossOriginIsolated === true,
		tfjsCoreVersion: tf.version_core,
		tfBackend: tf.getBackend()
	};
};

window.ready = true;

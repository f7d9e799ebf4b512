// In-browser model harness (plain ES module, no build step). Query string: ?threads=N sets
// ort.env.wasm.numThreads before any session exists. window.harness exposes:
//   info() → { crossOriginIsolated, webgpu: adapter found, threads }
//   run(model, ep, runs) → { outputs: {name: number[]}, times: ms[], createMs }
// The runtime is onnxruntime-web's WebGPU build (it also runs the 'wasm' EP), as the app's
// session manager loads it when an adapter exists.
import * as ort from '/ort/ort.webgpu.bundle.min.mjs';

const threads = Number(new URLSearchParams(location.search).get('threads') ?? '1');
ort.env.wasm.numThreads = threads;
ort.env.wasm.wasmPaths = '/ort/';
ort.env.logLevel = 'error';

const sessions = new Map();
async function session(model, ep) {
	const key = `${model}/${ep}`;
	if (!sessions.has(key)) {
		const t0 = performance.now();
		const bytes = new Uint8Array(await (await fetch(`/models/${model}.onnx`)).arrayBuffer());
		const s = await ort.InferenceSession.create(bytes, { executionProviders: [ep], graphOptimizationLevel: 'all' });
		sessions.set(key, { s, createMs: performance.now() - t0 });
	}
	return sessions.get(key);
}

async function input(model) {
	const meta = await (await fetch(`/inputs/${model}.json`)).json();
	const data = new Float32Array(await (await fetch(`/inputs/${model}.bin`)).arrayBuffer());
	return { name: meta.inputName, tensor: new ort.Tensor('float32', data, meta.dims) };
}

window.harness = {
	async info() {
		let webgpu = false;
		try {
			webgpu = !!(navigator.gpu && (await navigator.gpu.requestAdapter()));
		} catch {}
		return { crossOriginIsolated: self.crossOriginIsolated, webgpu, threads };
	},
	async run(model, ep, runs = 1) {
		const { s, createMs } = await session(model, ep);
		const { name, tensor } = await input(model);
		const times = [];
		let res;
		for (let i = 0; i < runs; i++) {
			const t0 = performance.now();
			res = await s.run({ [name]: tensor });
			times.push(performance.now() - t0);
		}
		const outputs = {};
		for (const [k, t] of Object.entries(res)) outputs[k] = Array.from(await t.getData());
		return { outputs, times, createMs };
	}
};
document.getElementById('status').textContent = 'ready';

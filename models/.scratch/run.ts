import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
ort.env.wasm.numThreads = 1;
for (const n of ['short','full','attn','mesh','selfie']) {
  const s = await ort.InferenceSession.create(readFileSync(`/tmp/${n}.onnx`));
  const inName = s.inputNames[0];
  const dims = n==='short'?[1,128,128,3]:n==='full'?[1,192,192,3]:n==='selfie'?[1,256,256,3]:[1,192,192,3];
  const data = new Float32Array(dims.reduce((a,b)=>a*b)).map(()=>Math.random());
  const t0=performance.now();
  const out = await s.run({[inName]: new ort.Tensor('float32', data, dims)});
  console.log(n, (performance.now()-t0).toFixed(0)+'ms', Object.entries(out).map(([k,v])=>`${k}${JSON.stringify(v.dims)} ${(v.data as Float32Array).slice(0,3).join(',')}`).join(' | '));
}

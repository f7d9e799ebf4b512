import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--enable-unsafe-webgpu'] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console:', m.text().slice(0, 300)));
await page.route('http://localhost:9/**', async (route) => {
  const url = new URL(route.request().url());
  const p = url.pathname;
  let body: Buffer; let type = 'application/octet-stream';
  if (p === '/') { body = Buffer.from('<!doctype html><html><body>ok</body></html>'); type = 'text/html'; }
  else if (p.startsWith('/ort/')) { body = readFileSync('node_modules/onnxruntime-web/dist/' + p.slice(5)); type = p.endsWith('.mjs') ? 'text/javascript' : p.endsWith('.wasm') ? 'application/wasm' : type; }
  else if (p.startsWith('/onnx/')) body = readFileSync('models/onnx/' + p.slice(6));
  else return route.fulfill({ status: 404, body: '' });
  await route.fulfill({ status: 200, body, headers: { 'content-type': type, 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } });
});
await page.goto('http://localhost:9/');
const res = await page.evaluate(async () => {
  const adapter = await (navigator as any).gpu?.requestAdapter();
  if (!adapter) return 'no adapter';
  const ort: any = await import('http://localhost:9/ort/ort.bundle.min.mjs' as string);
  ort.env.wasm.numThreads = 1; ort.env.wasm.wasmPaths = 'http://localhost:9/ort/';
  ort.env.logLevel = 'verbose'; const all: any = {}; for (const [name, inName, shape] of [['face_detection_short_range','input',[1,128,128,3]],['selfie_segmentation','input_1',[1,256,256,3]],['face_landmark_with_attention','input_1',[1,192,192,3]]] as any) { console.log('MODEL', name); const bytes = new Uint8Array(await (await fetch('/onnx/'+name+'.onnx')).arrayBuffer());
  const input = new Float32Array(shape.reduce((a:number,b:number)=>a*b)).map((_, i) => ((i * 7919) % 255) / 255);
  const out: any = {};
  for (const ep of ['wasm', 'webgpu']) {
    const s = await ort.InferenceSession.create(bytes, { executionProviders: [ep], logSeverityLevel: 0, logVerbosityLevel: 0 });
    const r = await s.run({ [inName]: new ort.Tensor('float32', input, shape) });
    out[ep] = Object.fromEntries(Object.entries(r).map(([k, v]: any) => [k, Array.from(v.data as Float32Array)]));
  }
  const diffs: any = {};
  for (const k of Object.keys(out.wasm)) diffs[k] = Math.max(...out.wasm[k].map((v: number, i: number) => Math.abs(v - out.webgpu[k][i])));
  all[name]=diffs; }
  return JSON.stringify(all);
});
console.log(res);
await browser.close();

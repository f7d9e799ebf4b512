import { readFileSync, writeFileSync } from 'node:fs';
import { convertTflite } from '../converter/tflite-to-onnx.ts';
const files: [string, string, number, number][] = [
 ['short','node_modules/@mediapipe/face_detection/face_detection_short_range.tflite',0,-1],
 ['full','node_modules/@mediapipe/face_detection/face_detection_full_range.tflite',0,-1],
 ['attn','node_modules/@mediapipe/face_mesh/face_mesh_solution_packed_assets.data',0,2495952],
 ['mesh','node_modules/@mediapipe/face_mesh/face_mesh_solution_packed_assets.data',2495952,3737848],
 ['selfie','node_modules/@mediapipe/selfie_segmentation/selfie_segmentation.tflite',0,-1]];
for (const [n,f,a,b] of files) {
  const all = readFileSync(f); const bytes = new Uint8Array(all.buffer, all.byteOffset + a, (b<0?all.length:b)-a);
  const t0 = performance.now();
  const r = convertTflite(bytes, { graphName: n, docString: '', metadata: [] });
  console.log(n, (performance.now()-t0).toFixed(0)+'ms', r.onnx.length, JSON.stringify(r.opCounts));
  writeFileSync(`/tmp/${n}.onnx`, r.onnx);
}

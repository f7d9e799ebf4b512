import { readFileSync } from 'node:fs';
import { readTflite } from '../converter/tflite-reader.ts';
import { toReference } from 'flatbuffers/mjs/flexbuffers.js';
const all = readFileSync('node_modules/@mediapipe/face_mesh/face_mesh_solution_packed_assets.data');
const m = readTflite(new Uint8Array(all.buffer, all.byteOffset, 2495952));
for (const op of m.operators) if (op.customCode) {
  const c = op.customOptions; console.log(op.customCode, op.opVersion, c?.length);
  if (c && op.customCode==='Landmarks2TransformMatrix') { const r = toReference(c.slice().buffer); const t = r.get('target_rotation_radians'); console.log((t as any).valueType, t.isFloat(), t.isNull(), t.floatValue(), t.numericValue(), r.get('subset_idxs').length(), (r.get('subset_idxs') as any).valueType); }
}
const s = readFileSync('node_modules/@mediapipe/selfie_segmentation/selfie_segmentation.tflite');
const ms = readTflite(new Uint8Array(s.buffer, s.byteOffset, s.length));
for (const op of ms.operators) if (op.customCode) console.log(op.customCode, op.opVersion, Array.from(op.customOptions??[]), op.inputs.map(i=>ms.tensors[i].name+JSON.stringify(ms.tensors[i].shape)+ms.tensors[i].type), op.outputs.map(i=>ms.tensors[i].name+JSON.stringify(ms.tensors[i].shape)));

import { readFileSync } from 'node:fs';
import { readTflite } from '../converter/tflite-reader.ts';
import { toObject } from 'flatbuffers/mjs/flexbuffers.js';
const all = readFileSync('/work/main/node_modules/@mediapipe/face_mesh/face_mesh_solution_packed_assets.data');
const bytes = new Uint8Array(all.buffer, all.byteOffset, 2495952);
const m = readTflite(bytes);
const T = (i:number)=> i<0?'-':`${m.tensors[i].name}${JSON.stringify(m.tensors[i].shape)}${m.tensors[i].data?'C':''}`;
m.operators.forEach((op,k)=>{
  if (op.builtinCode===6) return;
  const isInteresting = op.customCode || [22,45,2,18,34].includes(op.builtinCode) || k > 600;
  if (!isInteresting) return;
  let opt = '';
  if (op.customOptions) { const c = op.customOptions.slice(); try { opt = JSON.stringify(toObject(c.buffer)); } catch(e) { opt = 'raw '+Array.from(c).join(','); } }
  console.log(k, op.customCode ?? op.builtinCode, op.inputs.map(T).join(' '), '->', op.outputs.map(T).join(' '), opt);
});

/**
 * Regenerates `canonical-face.ts` from the MediaPipe face-mesh package, reproducibly:
 *
 *   npx tsx src/lib/quality/face/canonical/extract.ts
 *
 * Source: node_modules/@mediapipe/face_mesh/face_mesh_solution_packed_assets.data, a packed file system whose index is in
 * face_mesh_solution_packed_assets_loader.js (`{"filename": ..., "start": ..., "end": ...}` entries). The entry
 * `/third_party/mediapipe/modules/face_geometry/data/geometry_pipeline_metadata_landmarks.binarypb` is a protobuf
 * `mediapipe.face_geometry.GeometryPipelineMetadata` (MediaPipe mediapipe/modules/face_geometry/protos/
 * geometry_pipeline_metadata.proto and mesh_3d.proto):
 *   GeometryPipelineMetadata { 1: Mesh3d canonical_mesh; 2: repeated WeightedLandmarkRef procrustes_landmark_basis;
 *                              3: InputSource input_source }
 *   Mesh3d { 1: vertex_type (0 = VERTEX_PT: x y z u v per vertex); 2: primitive_type; 3: repeated float vertex_buffer;
 *            4: repeated uint32 index_buffer }
 *   WeightedLandmarkRef { 1: uint32 landmark_id; 2: float weight }
 * Only the vertex positions (x y z, centimetres, canonical face frame) and the Procrustes basis are written out.
 *
 * @throws Error when the package files or the entry are missing or the protobuf does not have the expected layout.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs/minimal.js';

const PKG = 'node_modules/@mediapipe/face_mesh';
const ENTRY = '/third_party/mediapipe/modules/face_geometry/data/geometry_pipeline_metadata_landmarks.binarypb';
const OUT = join(dirname(fileURLToPath(import.meta.url)), 'canonical-face.ts');

/** Byte range of `name` in the packed data file, read from the loader's JSON index. */
function entryRange(loaderJs: string, name: string): [number, number] {
	const re = /"filename":\s*"([^"]+)",\s*"start":\s*(\d+),\s*"end":\s*(\d+)/g;
	for (let m = re.exec(loaderJs); m; m = re.exec(loaderJs)) if (m[1] === name) return [Number(m[2]), Number(m[3])];
	throw new Error(`${name} not listed in the packed-assets loader`);
}

/** Reads a packed (or unpacked) repeated scalar field into `out`. */
function readRepeated(r: protobuf.Reader, wireType: number, read: () => number, out: number[]) {
	if (wireType === 2) {
		const end = r.uint32() + r.pos;
		while (r.pos < end) out.push(read());
	} else out.push(read());
}

function parseMesh(bytes: Uint8Array) {
	const r = protobuf.Reader.create(bytes);
	const vertices: number[] = [];
	const indices: number[] = [];
	let vertexType = 0;
	while (r.pos < r.len) {
		const tag = r.uint32();
		const field = tag >>> 3;
		const wt = tag & 7;
		if (field === 1) vertexType = r.int32();
		else if (field === 3) readRepeated(r, wt, () => r.float(), vertices);
		else if (field === 4) readRepeated(r, wt, () => r.uint32(), indices);
		else r.skipType(wt);
	}
	if (vertexType !== 0) throw new Error(`unexpected vertex type ${vertexType} (want VERTEX_PT)`);
	if (vertices.length % 5 !== 0) throw new Error(`vertex buffer length ${vertices.length} is not a multiple of 5`);
	return { vertices, triangleCount: indices.length / 3 };
}

function parseBasisRef(bytes: Uint8Array) {
	const r = protobuf.Reader.create(bytes);
	let id = -1;
	let weight = 0;
	while (r.pos < r.len) {
		const tag = r.uint32();
		if (tag >>> 3 === 1) id = r.uint32();
		else if (tag >>> 3 === 2) weight = r.float();
		else r.skipType(tag & 7);
	}
	return { id, weight };
}

/**
 * Reads the canonical mesh and the Procrustes basis from the installed @mediapipe/face_mesh package.
 * @param pkgDir the package folder (default node_modules/@mediapipe/face_mesh, relative to the working directory)
 * @returns vertices: number[468*5] (x y z u v per vertex, float32 values), basis: landmark ids and weights
 */
export function readCanonicalFromPackage(pkgDir = PKG) {
	const loader = readFileSync(join(pkgDir, 'face_mesh_solution_packed_assets_loader.js'), 'utf8');
	const data = readFileSync(join(pkgDir, 'face_mesh_solution_packed_assets.data'));
	const [start, end] = entryRange(loader, ENTRY);
	const r = protobuf.Reader.create(new Uint8Array(data.buffer, data.byteOffset + start, end - start));
	let mesh: ReturnType<typeof parseMesh> | null = null;
	const basis: { id: number; weight: number }[] = [];
	while (r.pos < r.len) {
		const tag = r.uint32();
		const field = tag >>> 3;
		if (field === 1) mesh = parseMesh(r.bytes());
		else if (field === 2) basis.push(parseBasisRef(r.bytes()));
		else r.skipType(tag & 7);
	}
	if (!mesh) throw new Error('canonical_mesh missing');
	return { ...mesh, basis };
}

function main() {
	const { vertices, triangleCount, basis } = readCanonicalFromPackage();
	const mesh = { vertices, triangleCount };
	const n = mesh.vertices.length / 5;
	if (n !== 468) throw new Error(`expected 468 canonical vertices, got ${n}`);
	const xyz: string[] = [];
	for (let i = 0; i < n; i++) {
		const v = mesh.vertices.slice(i * 5, i * 5 + 3).map((x) => Number(x.toFixed(6)));
		xyz.push(v.join(', '));
	}
	const text = `/**
 * MediaPipe canonical face model (468 vertices) and Procrustes landmark basis, GENERATED by ./extract.ts from
 * @mediapipe/face_mesh (${ENTRY}); do not edit by hand. Apache-2.0, The MediaPipe Authors.
 *
 * Frame (MediaPipe face_geometry): right-handed, centimetres, origin near the head centre, x towards the subject's LEFT
 * (the image's right in an unmirrored frontal photo), y up, z out of the face towards the camera.
 * The mesh has ${mesh.triangleCount} triangles (not needed here).
 */

/** Float32Array [468*3]: x, y, z (cm) per vertex; vertex i is face-mesh landmark i. */
export const CANONICAL_FACE = new Float32Array([
${xyz.map((l) => `\t${l}`).join(',\n')}
]);

/** Landmarks MediaPipe's geometry pipeline fits with (weighted orthogonal Procrustes): ${basis.length} ids and weights. */
export const PROCRUSTES_BASIS: ReadonlyArray<readonly [id: number, weight: number]> = [
${basis.map((b) => `\t[${b.id}, ${Number(b.weight.toFixed(6))}]`).join(',\n')}
];
`;
	writeFileSync(OUT, text);
	console.log(`wrote ${OUT}: ${n} vertices, ${basis.length} basis landmarks, ${mesh.triangleCount} triangles`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();

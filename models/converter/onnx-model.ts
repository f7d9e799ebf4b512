/**
 * In-memory ONNX model and its protobuf serialisation.
 *
 * Field numbers follow onnx/onnx.proto (ModelProto, GraphProto, NodeProto,
 * AttributeProto, TensorProto, ValueInfoProto, TypeProto, TensorShapeProto,
 * OperatorSetIdProto) of the ONNX repository; only the fields this converter
 * emits or inspects are encoded. Serialisation is deterministic: fields are
 * written in a fixed order and nodes/initialisers in insertion order.
 */
import { ProtoWriter, decodeFields, decodePackedVarints, type ProtoField } from './protobuf-wire.ts';

/** ONNX TensorProto.DataType values used here (onnx.proto). */
export const DataType = { FLOAT: 1, INT32: 6, INT64: 7, BOOL: 9 } as const;

/** AttributeProto.AttributeType values (onnx.proto). */
const AttrType = { FLOAT: 1, INT: 2, STRING: 3, FLOATS: 6, INTS: 7 } as const;

export type AttrValue =
	| { kind: 'int'; value: number }
	| { kind: 'ints'; value: number[] }
	| { kind: 'float'; value: number }
	| { kind: 'floats'; value: number[] }
	| { kind: 'string'; value: string };

export interface OnnxNode {
	name: string;
	opType: string;
	/** Input value names; '' marks an omitted optional input. */
	inputs: string[];
	outputs: string[];
	attributes: { name: string; value: AttrValue }[];
}

export interface OnnxInitializer {
	name: string;
	dims: number[];
	dataType: number;
	/** Raw little-endian bytes (raw_data). */
	raw: Uint8Array;
}

export interface OnnxValueInfo {
	name: string;
	elemType: number;
	shape: number[];
}

export interface OnnxModel {
	irVersion: number;
	opsetVersion: number;
	producerName: string;
	producerVersion: string;
	docString: string;
	graphName: string;
	nodes: OnnxNode[];
	initializers: OnnxInitializer[];
	inputs: OnnxValueInfo[];
	outputs: OnnxValueInfo[];
	metadata: { key: string; value: string }[];
}

function encodeAttribute(name: string, v: AttrValue): ProtoWriter {
	// AttributeProto: name=1, f=2, i=3, s=4, floats=7, ints=8, type=20
	const w = new ProtoWriter().string(1, name);
	switch (v.kind) {
		case 'int':
			w.varint(3, v.value).varint(20, AttrType.INT);
			break;
		case 'float':
			w.float(2, v.value).varint(20, AttrType.FLOAT);
			break;
		case 'string':
			w.string(4, v.value).varint(20, AttrType.STRING);
			break;
		case 'ints':
			w.packedVarints(8, v.value).varint(20, AttrType.INTS);
			break;
		case 'floats':
			w.packedFloats(7, v.value).varint(20, AttrType.FLOATS);
			break;
	}
	return w;
}

function encodeValueInfo(v: OnnxValueInfo): ProtoWriter {
	// ValueInfoProto: name=1, type=2; TypeProto: tensor_type=1;
	// TypeProto.Tensor: elem_type=1, shape=2; TensorShapeProto: dim=1; Dimension: dim_value=1
	const shape = new ProtoWriter();
	for (const d of v.shape) shape.message(1, new ProtoWriter().varint(1, d));
	const tensorType = new ProtoWriter().varint(1, v.elemType).message(2, shape);
	const type = new ProtoWriter().message(1, tensorType);
	return new ProtoWriter().string(1, v.name).message(2, type);
}

/** Serialise an OnnxModel to ModelProto bytes. */
export function encodeModel(m: OnnxModel): Uint8Array {
	// GraphProto: node=1, name=2, initializer=5, doc_string=10, input=11, output=12
	const graph = new ProtoWriter();
	for (const n of m.nodes) {
		// NodeProto: input=1, output=2, name=3, op_type=4, attribute=5
		const node = new ProtoWriter();
		for (const i of n.inputs) node.string(1, i);
		for (const o of n.outputs) node.string(2, o);
		node.string(3, n.name).string(4, n.opType);
		for (const a of n.attributes) node.message(5, encodeAttribute(a.name, a.value));
		graph.message(1, node);
	}
	graph.string(2, m.graphName);
	for (const t of m.initializers) {
		// TensorProto: dims=1, data_type=2, name=8, raw_data=9
		const tensor = new ProtoWriter().packedVarints(1, t.dims).varint(2, t.dataType).string(8, t.name).bytes(9, t.raw);
		graph.message(5, tensor);
	}
	for (const v of m.inputs) graph.message(11, encodeValueInfo(v));
	for (const v of m.outputs) graph.message(12, encodeValueInfo(v));

	// ModelProto: ir_version=1, producer_name=2, producer_version=3, doc_string=6,
	// graph=7, opset_import=8, metadata_props=14; OperatorSetIdProto: domain=1, version=2;
	// StringStringEntryProto: key=1, value=2
	const model = new ProtoWriter()
		.varint(1, m.irVersion)
		.string(2, m.producerName)
		.string(3, m.producerVersion)
		.string(6, m.docString)
		.message(7, graph)
		.message(8, new ProtoWriter().string(1, '').varint(2, m.opsetVersion));
	for (const kv of m.metadata) model.message(14, new ProtoWriter().string(1, kv.key).string(2, kv.value));
	return model.finish();
}

// ---------------------------------------------------------------- decoding

const td = new TextDecoder();
const str = (f: ProtoField) => td.decode(f.bytes!);

/** A decoded node, enough for graph-rule checks. */
export interface DecodedNode {
	name: string;
	opType: string;
	domain: string;
	inputs: string[];
	outputs: string[];
	attributes: Record<string, number | number[] | string>;
}

/** A decoded model summary (weights are reported by name and dims only). */
export interface DecodedModel {
	irVersion: number;
	opsets: { domain: string; version: number }[];
	nodes: DecodedNode[];
	initializers: { name: string; dims: number[]; dataType: number }[];
	inputs: OnnxValueInfo[];
	outputs: OnnxValueInfo[];
	metadata: Record<string, string>;
}

function decodeValueInfo(buf: Uint8Array): OnnxValueInfo {
	let name = '';
	let elemType = 0;
	const shape: number[] = [];
	for (const f of decodeFields(buf)) {
		if (f.field === 1) name = str(f);
		if (f.field === 2)
			for (const t of decodeFields(f.bytes!))
				if (t.field === 1)
					for (const tt of decodeFields(t.bytes!)) {
						if (tt.field === 1) elemType = Number(tt.varint);
						if (tt.field === 2)
							for (const d of decodeFields(tt.bytes!))
								if (d.field === 1) {
									const dv = decodeFields(d.bytes!).find((x) => x.field === 1);
									shape.push(dv ? Number(dv.varint) : -1);
								}
					}
	}
	return { name, elemType, shape };
}

/**
 * Decode ModelProto bytes into a summary of its graph (for tests and tooling).
 * @throws Error if the bytes are not a valid protobuf message.
 */
export function decodeModel(bytes: Uint8Array): DecodedModel {
	const out: DecodedModel = { irVersion: 0, opsets: [], nodes: [], initializers: [], inputs: [], outputs: [], metadata: {} };
	for (const f of decodeFields(bytes)) {
		if (f.field === 1) out.irVersion = Number(f.varint);
		else if (f.field === 8) {
			let domain = '';
			let version = 0;
			for (const g of decodeFields(f.bytes!)) {
				if (g.field === 1) domain = str(g);
				if (g.field === 2) version = Number(g.varint);
			}
			out.opsets.push({ domain, version });
		} else if (f.field === 14) {
			let k = '';
			let v = '';
			for (const g of decodeFields(f.bytes!)) {
				if (g.field === 1) k = str(g);
				if (g.field === 2) v = str(g);
			}
			out.metadata[k] = v;
		} else if (f.field === 7) {
			for (const g of decodeFields(f.bytes!)) {
				if (g.field === 1) {
					const node: DecodedNode = { name: '', opType: '', domain: '', inputs: [], outputs: [], attributes: {} };
					for (const h of decodeFields(g.bytes!)) {
						if (h.field === 1) node.inputs.push(str(h));
						else if (h.field === 2) node.outputs.push(str(h));
						else if (h.field === 3) node.name = str(h);
						else if (h.field === 4) node.opType = str(h);
						else if (h.field === 7) node.domain = str(h);
						else if (h.field === 5) {
							let an = '';
							let av: number | number[] | string = 0;
							for (const a of decodeFields(h.bytes!)) {
								if (a.field === 1) an = str(a);
								else if (a.field === 3) av = Number(BigInt.asIntN(64, a.varint!));
								else if (a.field === 2) av = new DataView(a.bytes!.buffer, a.bytes!.byteOffset, 4).getFloat32(0, true);
								else if (a.field === 4) av = str(a);
								else if (a.field === 8)
									av = a.bytes ? decodePackedVarints(a.bytes).map((x) => Number(BigInt.asIntN(64, x))) : [Number(a.varint)];
							}
							node.attributes[an] = av;
						}
					}
					out.nodes.push(node);
				} else if (g.field === 5) {
					let name = '';
					let dims: number[] = [];
					let dataType = 0;
					for (const h of decodeFields(g.bytes!)) {
						if (h.field === 1) dims = h.bytes ? decodePackedVarints(h.bytes).map(Number) : [...dims, Number(h.varint)];
						if (h.field === 2) dataType = Number(h.varint);
						if (h.field === 8) name = str(h);
					}
					out.initializers.push({ name, dims, dataType });
				} else if (g.field === 11) out.inputs.push(decodeValueInfo(g.bytes!));
				else if (g.field === 12) out.outputs.push(decodeValueInfo(g.bytes!));
			}
		}
	}
	return out;
}

/**
 * Minimal reader for TensorFlow Lite flatbuffer models (file identifier `TFL3`).
 *
 * Only the tables and fields the converter needs are read. Field ids follow the
 * public TFLite schema (tensorflow/compiler/mlir/lite/schema/schema.fbs):
 * a table field with id `n` lives at vtable offset `4 + 2n`; a union field takes
 * two ids (its type byte, then its value).
 */
import { ByteBuffer } from 'flatbuffers';

/** TFLite `TensorType` enum values (schema.fbs `enum TensorType : byte`). */
export const TensorType = {
	FLOAT32: 0,
	FLOAT16: 1,
	INT32: 2,
	UINT8: 3,
	INT64: 4,
	INT8: 9
} as const;

/** One tensor of the TFLite subgraph. `data` is set for constant tensors (little-endian raw bytes). */
export interface TfliteTensor {
	index: number;
	name: string;
	/** Shape as stored by TFLite (NHWC for 4-D activations). */
	shape: number[];
	/** `TensorType` enum value. */
	type: number;
	/** Raw constant bytes, or null for activations / graph inputs. */
	data: Uint8Array | null;
}

/** One operator; `builtinOptions` is a lazily-read flatbuffer table (or null). */
export interface TfliteOperator {
	/** BuiltinOperator code (32 = CUSTOM). */
	builtinCode: number;
	/** Custom op name (only for CUSTOM). */
	customCode: string | null;
	/** OperatorCode.version (schema default 1); custom kernels are versioned by it. */
	opVersion: number;
	/** Tensor indices; -1 marks an omitted optional input. */
	inputs: number[];
	outputs: number[];
	builtinOptions: TableReader | null;
	/** Raw flexbuffer bytes of a custom op's options. */
	customOptions: Uint8Array | null;
}

/** The first (main) subgraph of a TFLite model. */
export interface TfliteModel {
	version: number;
	tensors: TfliteTensor[];
	operators: TfliteOperator[];
	inputs: number[];
	outputs: number[];
}

/** Accessor for one flatbuffer table: reads scalar fields by schema field id with a default. */
export class TableReader {
	constructor(
		private readonly bb: ByteBuffer,
		private readonly pos: number
	) {}

	private off(id: number): number {
		return this.bb.__offset(this.pos, 4 + 2 * id);
	}

	has(id: number): boolean {
		return this.off(id) !== 0;
	}
	int8(id: number, dflt = 0): number {
		const o = this.off(id);
		return o ? this.bb.readInt8(this.pos + o) : dflt;
	}
	bool(id: number, dflt = false): boolean {
		const o = this.off(id);
		return o ? this.bb.readInt8(this.pos + o) !== 0 : dflt;
	}
	int32(id: number, dflt = 0): number {
		const o = this.off(id);
		return o ? this.bb.readInt32(this.pos + o) : dflt;
	}
	uint32(id: number, dflt = 0): number {
		const o = this.off(id);
		return o ? this.bb.readUint32(this.pos + o) : dflt;
	}
	uint64(id: number, dflt = 0n): bigint {
		const o = this.off(id);
		return o ? this.bb.readUint64(this.pos + o) : dflt;
	}
	float32(id: number, dflt = 0): number {
		const o = this.off(id);
		return o ? this.bb.readFloat32(this.pos + o) : dflt;
	}
	string(id: number): string | null {
		const o = this.off(id);
		return o ? (this.bb.__string(this.pos + o) as string) : null;
	}
	table(id: number): TableReader | null {
		const o = this.off(id);
		return o ? new TableReader(this.bb, this.bb.__indirect(this.pos + o)) : null;
	}
	/** Vector of int32 (e.g. `[int]` fields). */
	int32Vector(id: number): number[] {
		const o = this.off(id);
		if (!o) return [];
		const start = this.bb.__vector(this.pos + o);
		const n = this.bb.__vector_len(this.pos + o);
		const out = new Array<number>(n);
		for (let i = 0; i < n; i++) out[i] = this.bb.readInt32(start + 4 * i);
		return out;
	}
	/** Vector of ubyte as a view (no copy) into the model bytes. */
	bytesVector(id: number): Uint8Array | null {
		const o = this.off(id);
		if (!o) return null;
		const start = this.bb.__vector(this.pos + o);
		const n = this.bb.__vector_len(this.pos + o);
		return this.bb.bytes().subarray(start, start + n);
	}
	/** Vector of tables. */
	tableVector(id: number): TableReader[] {
		const o = this.off(id);
		if (!o) return [];
		const start = this.bb.__vector(this.pos + o);
		const n = this.bb.__vector_len(this.pos + o);
		const out: TableReader[] = [];
		for (let i = 0; i < n; i++) out.push(new TableReader(this.bb, this.bb.__indirect(start + 4 * i)));
		return out;
	}
}

/**
 * Parse a TFLite model's first subgraph.
 * @param bytes the whole .tflite file.
 * @throws Error if the `TFL3` identifier is missing, if there is no subgraph, or if
 *   a buffer lives outside the flatbuffer (offset/size form, not used by these models).
 */
export function readTflite(bytes: Uint8Array): TfliteModel {
	const bb = new ByteBuffer(bytes);
	if (bytes.length < 8 || bb.getBufferIdentifier() !== 'TFL3') {
		throw new Error('not a TFLite flatbuffer (missing TFL3 identifier)');
	}
	const root = new TableReader(bb, bb.readInt32(0));
	// Model: version=0, operator_codes=1, subgraphs=2, description=3, buffers=4
	const version = root.uint32(0);
	const opcodes = root.tableVector(1).map((t) => {
		// OperatorCode: deprecated_builtin_code=0 (byte), custom_code=1, version=2, builtin_code=3 (int)
		const deprecated = t.int8(0);
		const builtin = t.int32(3);
		return { code: Math.max(deprecated, builtin), custom: t.string(1), version: t.int32(2, 1) };
	});
	const buffers = root.tableVector(4).map((b) => {
		// Buffer: data=0, offset=1, size=2
		if (b.uint64(1) > 1n) throw new Error('external (offset/size) TFLite buffers are not supported');
		return b.bytesVector(0);
	});
	const subgraphs = root.tableVector(2);
	if (subgraphs.length === 0) throw new Error('TFLite model has no subgraph');
	const sg = subgraphs[0];
	// SubGraph: tensors=0, inputs=1, outputs=2, operators=3, name=4
	const tensors = sg.tableVector(0).map((t, index): TfliteTensor => {
		// Tensor: shape=0, type=1, buffer=2, name=3
		const buf = buffers[t.uint32(2)] ?? null;
		return {
			index,
			shape: t.int32Vector(0),
			type: t.int8(1),
			name: t.string(3) ?? `tensor_${index}`,
			data: buf && buf.length > 0 ? buf : null
		};
	});
	const operators = sg.tableVector(3).map((op): TfliteOperator => {
		// Operator: opcode_index=0, inputs=1, outputs=2, builtin_options_type=3,
		// builtin_options=4, custom_options=5
		const code = opcodes[op.uint32(0)];
		return {
			builtinCode: code.code,
			customCode: code.custom,
			opVersion: code.version,
			inputs: op.int32Vector(1),
			outputs: op.int32Vector(2),
			builtinOptions: op.table(4),
			customOptions: op.bytesVector(5)
		};
	});
	return { version, tensors, operators, inputs: sg.int32Vector(1), outputs: sg.int32Vector(2) };
}

/**
 * Hand-rolled protobuf wire-format encoding and decoding (proto3 / proto2 wire
 * format: https://protobuf.dev/programming-guides/encoding/). Only what the ONNX
 * writer and the test-side inspector need: varints, 32-bit floats,
 * length-delimited fields and packed repeated varints.
 */

/** Wire types (protobuf encoding guide). */
export const WireType = { VARINT: 0, I64: 1, LEN: 2, I32: 5 } as const;

/**
 * Append-only protobuf message writer. Fields are written in call order, so the
 * output is deterministic for a deterministic sequence of calls.
 */
export class ProtoWriter {
	private chunks: Uint8Array[] = [];
	private scratch: number[] = [];
	private length = 0;

	private flushScratch(): void {
		if (this.scratch.length) {
			const c = Uint8Array.from(this.scratch);
			this.chunks.push(c);
			this.length += c.length;
			this.scratch = [];
		}
	}

	private pushVarint(value: bigint | number): void {
		let v = BigInt.asUintN(64, BigInt(value));
		if (v < 0x80n) {
			this.scratch.push(Number(v));
			return;
		}
		while (v >= 0x80n) {
			this.scratch.push(Number(v & 0x7fn) | 0x80);
			v >>= 7n;
		}
		this.scratch.push(Number(v));
	}

	private tag(field: number, wire: number): void {
		this.pushVarint((field << 3) | wire);
	}

	/** int32/int64/enum/bool field (negative numbers use 10-byte two's complement, as protobuf does). */
	varint(field: number, value: number | bigint): this {
		this.tag(field, WireType.VARINT);
		this.pushVarint(value);
		return this;
	}

	/** 32-bit float field (wire type 5). */
	float(field: number, value: number): this {
		this.tag(field, WireType.I32);
		const b = new Uint8Array(4);
		new DataView(b.buffer).setFloat32(0, value, true);
		for (const x of b) this.scratch.push(x);
		return this;
	}

	/** Length-delimited bytes field. */
	bytes(field: number, data: Uint8Array): this {
		this.tag(field, WireType.LEN);
		this.pushVarint(data.length);
		this.flushScratch();
		this.chunks.push(data);
		this.length += data.length;
		return this;
	}

	/** UTF-8 string field. */
	string(field: number, value: string): this {
		return this.bytes(field, new TextEncoder().encode(value));
	}

	/** Embedded message field. */
	message(field: number, msg: ProtoWriter): this {
		return this.bytes(field, msg.finish());
	}

	/** Packed repeated int64 field. */
	packedVarints(field: number, values: readonly (number | bigint)[]): this {
		const inner = new ProtoWriter();
		for (const v of values) inner.pushVarint(v);
		return this.bytes(field, inner.finish());
	}

	/** Packed repeated float field. */
	packedFloats(field: number, values: readonly number[]): this {
		const b = new Uint8Array(values.length * 4);
		const dv = new DataView(b.buffer);
		values.forEach((v, i) => dv.setFloat32(i * 4, v, true));
		return this.bytes(field, b);
	}

	/** Concatenate everything written so far. */
	finish(): Uint8Array {
		this.flushScratch();
		if (this.chunks.length === 1) return this.chunks[0];
		const out = new Uint8Array(this.length);
		let o = 0;
		for (const c of this.chunks) {
			out.set(c, o);
			o += c.length;
		}
		return out;
	}
}

/** One decoded field: varints as bigint, LEN fields as a byte view, I32/I64 as raw bytes. */
export interface ProtoField {
	field: number;
	wire: number;
	varint?: bigint;
	bytes?: Uint8Array;
}

/**
 * Decode one protobuf message into its fields, in wire order (no schema needed).
 * @throws Error on truncated input or an unsupported wire type (groups).
 */
export function decodeFields(buf: Uint8Array): ProtoField[] {
	const out: ProtoField[] = [];
	let p = 0;
	const readVarint = (): bigint => {
		let result = 0n;
		let shift = 0n;
		for (;;) {
			if (p >= buf.length) throw new Error('truncated varint');
			const b = buf[p++];
			result |= BigInt(b & 0x7f) << shift;
			if ((b & 0x80) === 0) return result;
			shift += 7n;
		}
	};
	while (p < buf.length) {
		const key = Number(readVarint());
		const field = key >>> 3;
		const wire = key & 7;
		if (wire === WireType.VARINT) out.push({ field, wire, varint: readVarint() });
		else if (wire === WireType.LEN) {
			const n = Number(readVarint());
			if (p + n > buf.length) throw new Error('truncated length-delimited field');
			out.push({ field, wire, bytes: buf.subarray(p, p + n) });
			p += n;
		} else if (wire === WireType.I32) {
			out.push({ field, wire, bytes: buf.subarray(p, p + 4) });
			p += 4;
		} else if (wire === WireType.I64) {
			out.push({ field, wire, bytes: buf.subarray(p, p + 8) });
			p += 8;
		} else throw new Error(`unsupported wire type ${wire}`);
	}
	return out;
}

/** Decode a packed (or single) repeated varint field's payload. */
export function decodePackedVarints(buf: Uint8Array): bigint[] {
	const out: bigint[] = [];
	let p = 0;
	while (p < buf.length) {
		let result = 0n;
		let shift = 0n;
		for (;;) {
			const b = buf[p++];
			result |= BigInt(b & 0x7f) << shift;
			if ((b & 0x80) === 0) break;
			shift += 7n;
		}
		out.push(result);
	}
	return out;
}

/**
 * Incremental builder of an ONNX graph: unique value names, nodes, and
 * initialisers (small integer/float constants are de-duplicated by content so
 * the same shape or axis tensor is stored once). Insertion order is kept, which
 * makes the serialised model deterministic.
 */
import { DataType, type AttrValue, type OnnxInitializer, type OnnxNode } from './onnx-model.ts';

export type Attrs = Record<string, number | number[] | string | { floats: number[] } | { float: number }>;

function toAttr(v: Attrs[string]): AttrValue {
	if (typeof v === 'number') return { kind: 'int', value: v };
	if (typeof v === 'string') return { kind: 'string', value: v };
	if (Array.isArray(v)) return { kind: 'ints', value: v };
	if ('floats' in v) return { kind: 'floats', value: v.floats };
	return { kind: 'float', value: v.float };
}

function bytesOf(a: Float32Array | BigInt64Array): Uint8Array {
	// Copy into a fresh buffer (little-endian on every platform Node/browsers run on).
	return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

export class GraphBuilder {
	readonly nodes: OnnxNode[] = [];
	readonly initializers: OnnxInitializer[] = [];
	private readonly used = new Set<string>();
	private readonly constCache = new Map<string, string>();
	private nodeCounter = 0;

	/** Reserve an exact name (graph inputs/outputs). @throws Error if already taken. */
	reserve(name: string): string {
		if (this.used.has(name)) throw new Error(`duplicate ONNX value name ${name}`);
		this.used.add(name);
		return name;
	}

	/** A fresh name derived from `base` (suffixes `_1`, `_2`, ... on collision). */
	unique(base: string): string {
		let name = base;
		for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
		this.used.add(name);
		return name;
	}

	/** Add an fp32 initialiser with the given dims; returns its name. */
	floatConst(base: string, dims: number[], data: Float32Array | number[]): string {
		const arr = data instanceof Float32Array ? data : Float32Array.from(data);
		if (arr.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`constant ${base}: ${arr.length} values for dims ${dims}`);
		return this.addInit(base, dims, DataType.FLOAT, bytesOf(arr), arr.length <= 64);
	}

	/** Add an int64 initialiser (shapes, axes, pads, indices); returns its name. */
	int64Const(base: string, dims: number[], data: number[]): string {
		if (data.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`constant ${base}: ${data.length} values for dims ${dims}`);
		return this.addInit(base, dims, DataType.INT64, bytesOf(BigInt64Array.from(data.map((x) => BigInt(x)))), true);
	}

	private addInit(base: string, dims: number[], dataType: number, raw: Uint8Array, dedupe: boolean): string {
		let key = '';
		if (dedupe) {
			key = `${dataType}|${dims.join(',')}|${Buffer.from(raw).toString('hex')}`;
			const hit = this.constCache.get(key);
			if (hit) return hit;
		}
		const name = this.unique(base);
		this.initializers.push({ name, dims, dataType, raw });
		if (dedupe) this.constCache.set(key, name);
		return name;
	}

	/**
	 * Append a node. `outputs` are exact names already reserved/unique, or bases
	 * to make unique when `uniqueOutputs` is true (the default).
	 * @returns the output names.
	 */
	node(opType: string, inputs: string[], outputs: string[], attrs: Attrs = {}, uniqueOutputs = true): string[] {
		const outs = uniqueOutputs ? outputs.map((o) => this.unique(o)) : outputs;
		const attributes = Object.keys(attrs)
			.sort()
			.map((k) => ({ name: k, value: toAttr(attrs[k]) }));
		this.nodes.push({ name: `${opType}_${this.nodeCounter++}`, opType, inputs, outputs: outs, attributes });
		return outs;
	}

	/** Single-output shorthand for {@link node}. */
	op(opType: string, inputs: string[], outBase: string, attrs: Attrs = {}): string {
		return this.node(opType, inputs, [outBase], attrs)[0];
	}
}

/**
 * IEEE 754 binary16 → binary32 conversion, used to fold TFLite DEQUANTIZE ops of
 * fp16 constants into fp32 ONNX initialisers (MediaPipe stores every weight as
 * fp16 behind a DEQUANTIZE; see shared/reference/model-conversion.md).
 */

let table: Float32Array | null = null;

function halfToFloat(h: number): number {
	const sign = h & 0x8000 ? -1 : 1;
	const exp = (h >> 10) & 0x1f;
	const frac = h & 0x3ff;
	if (exp === 0) return sign * frac * 2 ** -24; // subnormal (or zero)
	if (exp === 31) return frac ? NaN : sign * Infinity;
	return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/**
 * Decode little-endian fp16 bytes to a Float32Array (exact: every fp16 value is representable in fp32).
 * @throws Error if the byte length is odd.
 */
export function fp16BytesToFloat32(bytes: Uint8Array): Float32Array {
	if (bytes.length % 2) throw new Error('fp16 buffer has an odd byte length');
	if (!table) {
		table = new Float32Array(65536);
		for (let i = 0; i < 65536; i++) table[i] = halfToFloat(i);
	}
	const n = bytes.length / 2;
	const out = new Float32Array(n);
	for (let i = 0; i < n; i++) out[i] = table[bytes[2 * i] | (bytes[2 * i + 1] << 8)];
	return out;
}

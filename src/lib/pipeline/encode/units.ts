/**
 * File-size units. All encoder sizes are in BYTES. Photo rules state limits in "KB", which
 * means 1000 bytes (SI, IEC 80000-13) on some portals and 1024 bytes (KiB) on others; callers
 * pick the unit from the rule they implement.
 */
export type KbUnit = 1000 | 1024;

/** KB → bytes, rounded down for a maximum-style limit (never exceeds the stated limit). */
export function kbToBytes(kb: number, unit: KbUnit): number {
	return Math.floor(kb * unit);
}

/** KB → bytes, rounded up for a minimum-style limit (never falls short of it). */
export function kbToBytesCeil(kb: number, unit: KbUnit): number {
	return Math.ceil(kb * unit);
}

/** Bytes → KB (not rounded). */
export function bytesToKb(bytes: number, unit: KbUnit): number {
	return bytes / unit;
}

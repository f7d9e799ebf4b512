/** Median of a non-empty list (ms). */
export function median(xs: number[]): number {
	const s = [...xs].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs per measurement (the task asks for a median of at least 20) and warm-up runs before them. */
export const RUNS = 20;
export const WARMUP = 3;

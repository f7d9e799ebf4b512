/**
 * Optional per-stage timing of the inference pipeline (bench/models-stages.ts). Off by default: with no tracer set,
 * `traced` only calls the function. Stage names are `<call>.<pass>.<step>`, e.g. `detect.short.prep` (RGBA → tensor
 * warp with its prefilter), `detect.full.run` (the model run), `detect.refine.post` (decode + NMS + mapping),
 * `landmarks.run`, `segment.prep`. Durations are ms of the tracer's clock: wall-clock (performance.now) by default; a
 * benchmark on a shared machine may pass a CPU-time clock instead (Node: process.cpuUsage), which the load inflates less.
 */

/** Receives one stage's duration, ms. */
export type StageTracer = (stage: string, ms: number) => void;

let tracer: StageTracer | null = null;
let clock: () => number = () => performance.now();

/**
 * Sets (or with null, clears) the process-wide tracer. Benchmarks only: one tracer at a time.
 * @param now the clock, ms (default performance.now)
 */
export function setStageTracer(t: StageTracer | null, now: () => number = () => performance.now()): void {
	tracer = t;
	clock = now;
}

/** Runs `fn` and reports its duration under `stage` when a tracer is set. */
export function traced<T>(stage: string, fn: () => T): T {
	if (!tracer) return fn();
	const t0 = clock();
	const r = fn();
	tracer(stage, clock() - t0);
	return r;
}

/** Awaits `fn()` and reports its duration under `stage` when a tracer is set. */
export async function tracedAsync<T>(stage: string, fn: () => Promise<T>): Promise<T> {
	if (!tracer) return fn();
	const t0 = clock();
	const r = await fn();
	tracer?.(stage, clock() - t0);
	return r;
}

/**
 * End-to-end benchmark (`npm run bench`): the real app's pipeline worker in headless Debian Chromium on a 12 MP photo
 * (4000x3000 px JPEG), models already in the HTTP cache, with the time of each stage, in three columns:
 * - first photo at worker start: a fresh worker gets the photo at once (its warm-up stops at the photo; the sessions
 *   are still being created), the worst case of a first photo;
 * - first photo after warm-up (cold): a fresh worker first finishes its warm-up (model sessions, then
 *   WARM_UP_ROUNDS runs on the bundled warm-up portrait: src/lib/pipeline/run/warm-up.ts), as in the app, which
 *   starts it while the user chooses the document; the `ready` row is worker start → warm-up done;
 * - later photos (warm): the next photos in that worker, median;
 * for WASM with 1 and 2 threads (and WebGPU when Chromium offers an adapter), printed side
 * by side. A benchmark, not a test: numbers depend on the machine and its load.
 *
 *   npm run bench               # builds the app if build/ is missing
 *   npm run bench -- --runs 5   # warm runs per configuration (default 5)
 *   npm run bench -- --threads 2                 # only WASM with 2 threads (no 1-thread or WebGPU run)
 *   npm run bench -- --compare /path/to/other    # side by side with another checkout's build (e.g. before a change):
 *                                                # both builds served at once, each configuration run on one then
 *                                                # the other, so both see the same machine load
 *   npm run bench -- --rounds 3                  # repeat each configuration in 3 rounds (a fresh worker each: 1 cold +
 *                                                # --runs warm per round), alternating the builds and their order
 *                                                # round by round; cold
 *                                                # = median of the rounds' first photos, warm = median of all others.
 *                                                # Use it with --compare on a loaded machine.
 *   BENCH_PORT=4260 npm run bench                # preview server port (default 4175; --compare uses the next one)
 *   BENCH_CHROME_ARGS='--js-flags=--perf-basic-prof' npm run bench
 *                                                # extra Chromium switches, space-separated (here: JIT symbols for a
 *                                                # system-wide `perf record`, as used for src/lib/memory/scratch.ts)
 *   BENCH_STAGES_IN_ORDER=1 npm run bench        # also prints every stage of every later photo, in order
 *   BENCH_TRACE=/tmp/trace.json [BENCH_TRACE_ROUND=2] npm run bench -- --threads 2
 *                                                # also records a Chrome trace (chrome://tracing, Perfetto) of the
 *                                                # first configuration's warm-up and photos in round 1 (or the round
 *                                                # given) of this checkout's build, with a `photo N` mark per photo
 *                                                # (console.timeStamp) and V8's compile and GC events: how it found the
 *                                                # background compiles of src/lib/pipeline/run/warm-up.ts
 *   npm run bench -- --threads 2 --profile /tmp/worker.cpuprofile [--profile-from 4]
 *                                                # also records a CPU profile of the pipeline worker (DevTools
 *                                                # .cpuprofile) over photos 4.. of the first round (default: from the
 *                                                # 1st later photo) and prints its top functions by self time; for
 *                                                # readable names build first with `npx vite build --minify false`
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
	options: { profile: { type: 'string' }, 'profile-from': { type: 'string', default: '1' }, runs: { type: 'string', default: '5' }, rounds: { type: 'string', default: '1' }, spec: { type: 'string', default: 'eu-schengen-visa' }, threads: { type: 'string' }, compare: { type: 'string' } }
});
const WARM = Math.max(1, Number(values.runs));
const ROUNDS = Math.max(1, Number(values.rounds));
/** The round BENCH_TRACE records (1-based): BENCH_TRACE_ROUND, default 1. */
const TRACE_ROUND = Number(process.env.BENCH_TRACE_ROUND ?? 1);
if (process.env.BENCH_TRACE && !(Number.isInteger(TRACE_ROUND) && TRACE_ROUND >= 1 && TRACE_ROUND <= ROUNDS))
	throw new Error(`BENCH_TRACE_ROUND must be a round from 1 to ${ROUNDS} (--rounds), not ${process.env.BENCH_TRACE_ROUND}`);
/** Port of the first preview server (the --compare build gets the next one); BENCH_PORT overrides it so runs can coexist. */
const PORT = Number(process.env.BENCH_PORT ?? 4175);
const ROOT = join(import.meta.dirname, '..');

if (!existsSync(join(ROOT, 'build/index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });

// A 12 MP photo: a real portrait scaled to 3000x4000 (portrait orientation), JPEG q90.
const shared = join(ROOT, '../shared/testdata/portraits/obama-official.jpg');
const srcPath = existsSync(shared) ? shared : join(ROOT, 'tests/fixtures/astronaut.png');
const photo = await sharp(readFileSync(srcPath)).resize(3000, 4000, { fit: 'cover' }).jpeg({ quality: 90 }).toBuffer();
console.log(`photo: ${srcPath.split('/').pop()} scaled to 3000x4000 (12.0 MP), ${(photo.length / 1e6).toFixed(2)} MB JPEG; spec ${values.spec}`);

/** Builds to measure: this checkout, and with --compare another checkout's build (served from its own root). */
const roots: { label: string; dir: string; port: number }[] = [{ label: values.compare ? 'this' : '', dir: ROOT, port: PORT }];
if (values.compare) {
	if (!existsSync(join(values.compare, 'build/index.html'))) throw new Error(`--compare: ${values.compare}/build/index.html is missing (run vite build there first)`);
	roots.push({ label: 'compare', dir: values.compare, port: PORT + 1 });
}
const servers = await Promise.all(
	roots.map(async (r) => {
		const server = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(r.port), '--strictPort'], { cwd: r.dir, stdio: ['ignore', 'pipe', 'inherit'] });
		await new Promise<void>((resolve, reject) => {
			server.stdout!.on('data', (d: Buffer) => d.toString().includes(String(r.port)) && resolve());
			server.on('exit', (c) => reject(new Error(`vite preview exited with ${c}`)));
		});
		return server;
	})
);

// The machine's load, printed with the table: on a shared 2-core machine the stages vary by ±30–50 % with it.
const loadBefore = loadavg()[0];
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-unsafe-webgpu', ...(process.env.BENCH_CHROME_ARGS ? process.env.BENCH_CHROME_ARGS.split(' ') : [])]
});
type Run = { total: number; stages: Record<string, number> };

/** Node of a DevTools CPU profile (the fields used here). */
type ProfileNode = { id: number; callFrame: { functionName: string; url: string; lineNumber: number } };

/**
 * --profile: the page calls `benchHook('start' | 'stop')` around the photos to record; this attaches to the pipeline
 * worker's target over the browser's DevTools protocol (non-flattened session: messages go through
 * Target.sendMessageToTarget) and runs its Profiler, then writes the .cpuprofile and prints the top functions.
 */
async function attachProfiler(page: import('playwright-core').Page, file: string): Promise<{ done(): boolean }> {
	const cdp = await page.context().browser()!.newBrowserCDPSession();
	let nextId = 0;
	let finished = false;
	const pending = new Map<number, (v: { result?: unknown; error?: unknown }) => void>();
	cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
		const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: unknown };
		if (m.id !== undefined) pending.get(m.id)?.(m);
	});
	const send = async (sessionId: string, method: string, params: object = {}) => {
		const id = ++nextId;
		const reply = new Promise<{ result?: unknown; error?: unknown }>((r) => pending.set(id, r));
		await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
		const m = await reply;
		if (m.error) throw new Error(`${method}: ${JSON.stringify(m.error)}`);
		return m.result;
	};
	let sessionId = '';
	await page.exposeFunction('benchHook', async (phase: 'start' | 'stop') => {
		if (phase === 'start') {
			const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
			const worker = targetInfos.filter((t) => t.type === 'worker' && t.url.includes('pipeline.worker')).pop();
			if (!worker) throw new Error('--profile: no pipeline worker target');
			({ sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string });
			await send(sessionId, 'Profiler.enable');
			await send(sessionId, 'Profiler.start');
		} else if (sessionId) {
			const { profile } = (await send(sessionId, 'Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
			writeFileSync(file, JSON.stringify(profile));
			const byId = new Map(profile.nodes.map((n) => [n.id, n]));
			const self = new Map<string, number>();
			let total = 0;
			profile.samples.forEach((id, i) => {
				const f = byId.get(id)!.callFrame;
				const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
				self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i] / 1000);
				total += profile.timeDeltas[i] / 1000;
			});
			console.log(`\nCPU profile of the pipeline worker written to ${file} (${total.toFixed(0)} ms sampled); top functions by self time:`);
			for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${v.toFixed(0).padStart(7)} ms  ${k}`);
			finished = true;
		}
	});
	return { done: () => finished };
}
/** BENCH_TRACE's categories: tasks per thread, V8 (compiles, WebAssembly tier-up, GC) and the per-photo marks. */
const TRACE_CATEGORIES = ['toplevel', 'v8', 'v8.wasm', 'devtools.timeline', 'blink.console', 'disabled-by-default-v8.gc', 'disabled-by-default-v8.compile'];
type WarmUp = { sessionsMs: number; totalMs: number; rounds: number; renders?: number; stopped: boolean; failure?: string };
type Result = { info: { backend: string; numThreads: number }; runs: Run[]; warmUp?: WarmUp | null; readyMs?: number | null };
/** Per configuration and build: first photos at worker start, first photos after the warm-up, later photos, warm-ups. */
type Merged = { info: Result['info']; atStart: Run[]; colds: Run[]; warms: Run[]; ready: number[]; warmUps: WarmUp[] };
const results: { name: string; r: Merged }[] = [];
try {
	const context = await browser.newContext();
	const pages = await Promise.all(
		roots.map(async (root) => {
			const page = await context.newPage();
			await page.goto(`http://localhost:${root.port}/bench`);
			await page.waitForSelector('body[data-bench-ready="true"]');
			return page;
		})
	);
	const hasGpu = !values.threads && (await pages[0].evaluate(async () => !!(await (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu?.requestAdapter())));
	const configs: { name: string; backend: 'wasm' | 'webgpu'; numThreads: number }[] = values.threads
		? [{ name: `WASM ${values.threads} thread${values.threads === '1' ? '' : 's'}`, backend: 'wasm', numThreads: Number(values.threads) }]
		: [
				{ name: 'WASM 1 thread', backend: 'wasm', numThreads: 1 },
				{ name: 'WASM 2 threads', backend: 'wasm', numThreads: 2 },
				...(hasGpu ? [{ name: 'WebGPU', backend: 'webgpu' as const, numThreads: 1 }] : [])
			];
	const b64 = photo.toString('base64');
	const profiler = values.profile ? await attachProfiler(pages[0], values.profile) : null;
	const runIn = (page: (typeof pages)[number], o: { backend: string; numThreads: number; warmRuns: number; waitWarmUp: boolean; profileFrom?: number }) =>
		page.evaluate(
			([data, opts]) => {
				const bin = atob(data);
				const bytes = new Uint8Array(bin.length);
				for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
				return (globalThis as unknown as { runBench(b: Uint8Array, o: unknown): Promise<Result> }).runBench(bytes, opts);
			},
			[b64, { ...o, specId: values.spec }] as const
		);
	// One untimed pass first so every model and runtime file is in the HTTP cache ("cold" = models cached, worker new).
	for (const page of pages) await runIn(page, { backend: 'wasm', numThreads: 1, warmRuns: 0, waitWarmUp: true });
	for (const c of configs) {
		// WebGPU here is Chromium's software adapter (SwiftShader): it shows the path works, not its speed; one warm run.
		const warmRuns = c.backend === 'webgpu' ? 1 : WARM;
		const merged: (Merged | null)[] = roots.map(() => null);
		for (let round = 0; round < ROUNDS; round++) {
			// Every other round runs the builds in reverse order, so neither always goes first (measured: the first of a
			// pair runs 10–15 % slower on a loaded machine).
			const order = roots.map((_, k) => k);
			if (round % 2) order.reverse();
			for (const k of order) {
				const label = roots[k].label ? `${roots[k].label}: ` : '';
				console.log(`running ${label}${c.name}${ROUNDS > 1 ? ` (round ${round + 1}/${ROUNDS})` : ''}: 1 photo at worker start; warm-up, then 1 + ${warmRuns} photos…`);
				// a fresh worker given the photo at once (its warm-up stops at the photo), then a fresh worker that finishes its
				// warm-up first (as when the user first chooses a document)
				const atStart = await runIn(pages[k], { backend: c.backend, numThreads: c.numThreads, warmRuns: 0, waitWarmUp: false });
				const profileFrom = profiler && !profiler.done() && k === 0 ? Number(values['profile-from']) : undefined;
				const tracing = process.env.BENCH_TRACE && k === 0 && c === configs[0] && round === TRACE_ROUND - 1;
				if (tracing) await browser.startTracing(pages[k], { path: process.env.BENCH_TRACE, categories: TRACE_CATEGORIES });
				let r: Result;
				try {
					r = await runIn(pages[k], { backend: c.backend, numThreads: c.numThreads, warmRuns, waitWarmUp: true, profileFrom });
				} finally {
					if (tracing) await browser.stopTracing();
				}
				const m = (merged[k] ??= { info: r.info, atStart: [], colds: [], warms: [], ready: [], warmUps: [] });
				m.atStart.push(atStart.runs[0]);
				m.colds.push(r.runs[0]);
				m.warms.push(...r.runs.slice(1));
				if (r.readyMs != null) m.ready.push(r.readyMs);
				if (r.warmUp) m.warmUps.push(r.warmUp);
			}
		}
		for (let k = 0; k < roots.length; k++) {
			const label = roots[k].label ? `${roots[k].label}: ` : '';
			results.push({ name: `${label}${c.name} (${merged[k]!.info.backend}, ${merged[k]!.info.numThreads}t)`, r: merged[k]! });
		}
	}
	if (!hasGpu && !values.threads) console.log('WebGPU: no adapter in this Chromium; only WASM measured.');
} finally {
	await browser.close();
	for (const server of servers) server.kill();
}

const median = (xs: number[]) => {
	const s = [...xs].sort((a, b) => a - b);
	return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const stages = [...new Set(results.flatMap((x) => [...x.r.atStart, ...x.r.colds, ...x.r.warms].flatMap((run) => Object.keys(run.stages))))];
const cell = (runs: Run[], f: (r: Run) => number) => (runs.length ? median(runs.map(f)).toFixed(0) : '');
/** A run's total minus the sum of its stage timings, ms. */
const unstaged = (r: Run) => r.total - Object.values(r.stages).reduce((a, b) => a + b, 0);
const med = ROUNDS > 1 ? ' (median)' : '';
const head = ['ms', ...results.flatMap((x) => [`${x.name} first photo at worker start${med}`, `first photo after warm-up${med}`, 'later photos (median)'])];
const cols = (x: Merged) => [x.atStart, x.colds, x.warms];
const rows: string[][] = [
	['total', ...results.flatMap((x) => cols(x.r).map((runs) => cell(runs, (r) => r.total)))],
	...stages.map((s) => [s, ...results.flatMap((x) => cols(x.r).map((runs) => cell(runs, (r) => r.stages[s] ?? NaN)))]),
	// What no stage timer covers: messages between page and worker (structured clone of the file, transfer of the results).
	['other', ...results.flatMap((x) => cols(x.r).map((runs) => cell(runs, unstaged)))],
	// Worker start → warm-up done (sessions created, WARM_UP_ROUNDS runs on the warm-up portrait): happens while the user
	// chooses the document, before the first photo of the middle column.
	['ready', ...results.flatMap((x) => ['', x.r.ready.length ? median(x.r.ready).toFixed(0) : '', ''])]
];
const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => '| ' + r.map((c, i) => (i ? c.padStart(w[i]) : c.padEnd(w[i]))).join(' | ') + ' |';
console.log(`\nEnd to end in headless Chromium, ${ROUNDS} round${ROUNDS > 1 ? 's' : ''} per configuration, each: 1 photo in a fresh worker at once, then a fresh worker's warm-up, 1 photo and ${WARM} more (1-min load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after, ${cpus().length} CPUs):\n`);
console.log(line(head));
console.log('|' + w.map((x, i) => '-'.repeat(x + 1) + (i ? ':' : '-')).join('|') + '|');
for (const r of rows) console.log(line(r));
for (const x of results) {
	console.log(`${x.name}: later photos' totals in order (ms): ${x.r.warms.map((r) => r.total.toFixed(0)).join(' ')}`);
	console.log(`${x.name}: later photos' matte in order (ms): ${x.r.warms.map((r) => (r.stages.matte ?? 0).toFixed(0)).join(' ')}`);
	if (process.env.BENCH_STAGES_IN_ORDER)
		for (const st of Object.keys(x.r.warms[0]?.stages ?? {})) console.log(`  ${st.padEnd(10)} ${x.r.warms.map((r) => (r.stages[st] ?? 0).toFixed(0).padStart(4)).join(' ')}`);
}
for (const x of results)
	if (x.r.warmUps.length)
		console.log(`${x.name}: warm-up sessions ${median(x.r.warmUps.map((u) => u.sessionsMs)).toFixed(0)} ms, whole warm-up ${median(x.r.warmUps.map((u) => u.totalMs)).toFixed(0)} ms (${x.r.warmUps[0].rounds} runs on the warm-up portrait, then ${x.r.warmUps[0].renders ?? 0} renders${x.r.warmUps[0].failure ? `; they failed: ${x.r.warmUps[0].failure}` : ''})`);
console.log('\nStages: decode, detect, landmarks, segment (ROI mask), crown (portrait-crop mask) = analysis on the working copy; geometry, read (full-resolution crop), warp, coarseMask, matte, compose, encode = render; quality (the input photo\'s quality checks, first render per document), report = the worker\'s render call after the render; other = total minus all stages (page ↔ worker messages).');

/**
 * Live camera guidance benchmark (`npm run bench:camera`): the built app in headless Debian Chromium with a fake
 * camera at 640x480 (a .y4m made from tests/fixtures/astronaut.png by tests/unit/camera/fake-camera-node.ts; the
 * "shifted" framing, so the guidance keeps running and never auto-captures). Measures, over a window of live
 * guidance, with the User Timing entries the app writes (src/lib/camera/live.ts, src/lib/ui/CameraCapture.svelte):
 * - guidance updates per second (completed worker results; target >= 15 on this machine);
 * - main-thread time per frame = frame grab (createImageBitmap, synchronous part) + hand-over to the worker +
 *   handling the result (guidance, state, DOM update of overlay and message); target < 4 ms;
 * - latency of an update (frame grabbed → result shown) and Long Tasks (> 50 ms, Long Tasks API) in the window.
 * A benchmark, not a test: numbers depend on the machine and its load.
 *
 *   npm run bench:camera                      # builds the app if build/ is missing
 *   npm run bench:camera -- --build           # rebuild first
 *   npm run bench:camera -- --seconds 20      # measuring window (default 10 s)
 *   npm run bench:camera -- --warmup 8        # seconds of live guidance before measuring (default 8)
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { fakeCameraVideo } from '../tests/unit/camera/fake-camera-node';

const { values } = parseArgs({
	options: {
		seconds: { type: 'string', default: '10' },
		warmup: { type: 'string', default: '8' },
		build: { type: 'boolean', default: false },
		port: { type: 'string', default: '4176' }
	}
});
const SECONDS = Math.max(2, Number(values.seconds));
const WARMUP = Math.max(0, Number(values.warmup));
const PORT = Number(values.port);
const ROOT = join(import.meta.dirname, '..');

if (values.build || !existsSync(join(ROOT, 'build/index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
const video = await fakeCameraVideo('shifted', 'eu-schengen-visa', 640, 480);
console.log(`fake camera: ${video} (640x480, 30 fps)`);

const server = spawn(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'preview', '--port', String(PORT), '--strictPort'], {
	cwd: ROOT,
	stdio: ['ignore', 'pipe', 'inherit']
});
await new Promise<void>((resolve, reject) => {
	server.stdout!.on('data', (d: Buffer) => d.toString().includes(String(PORT)) && resolve());
	server.on('exit', (c) => reject(new Error(`vite preview exited with ${c}`)));
});

interface Entry {
	name: string;
	start: number;
	duration: number;
	/** 'camera:update' only: the worker's timings of that frame, ms (detect, landmarks, measures, total, read). */
	detail?: Record<string, number>;
}
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		'--use-fake-device-for-media-stream',
		'--use-fake-ui-for-media-stream',
		`--use-file-for-fake-video-capture=${video}`
	]
});
let entries: Entry[] = [];
let window0 = 0;
let window1 = 0;
try {
	const page = await browser.newPage();
	// Collect the app's User Timing measures and the Long Tasks from the first moment (the app clears old measures).
	await page.addInitScript(() => {
		const store: { name: string; start: number; duration: number; detail?: unknown }[] = [];
		(globalThis as unknown as { __benchEntries: typeof store }).__benchEntries = store;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) if (e.entryType === 'longtask' || e.name.startsWith('camera:')) store.push({ name: e.entryType === 'longtask' ? 'longtask' : e.name, start: e.startTime, duration: e.duration, detail: (e as PerformanceMeasure).detail ?? undefined });
		}).observe({ entryTypes: ['measure', 'longtask'] });
	});
	await page.goto(`http://localhost:${PORT}/?spec=eu-schengen-visa`);
	await page.getByTestId('take-photo').click();
	await page.waitForFunction(() => document.querySelector('[data-testid="camera"]')?.getAttribute('data-guidance') === 'move-right', null, { timeout: 180_000 });
	// The page also starts the main job's worker (models load and warm up) at first: let that settle.
	await page.waitForTimeout(WARMUP * 1000);
	window0 = await page.evaluate(() => performance.now());
	await page.waitForTimeout(SECONDS * 1000);
	window1 = await page.evaluate(() => performance.now());
	entries = await page.evaluate(() => (globalThis as unknown as { __benchEntries: Entry[] }).__benchEntries);
	const info = await page.evaluate(() => ({ coi: crossOriginIsolated, cores: navigator.hardwareConcurrency }));
	console.log(`page: crossOriginIsolated=${info.coi}, hardwareConcurrency=${info.cores}`);
} finally {
	await browser.close();
	server.kill();
}

const inWindow = (name: string) => entries.filter((e) => e.name === name && e.start >= window0 && e.start + e.duration <= window1);
const q = (xs: number[], p: number) => {
	if (!xs.length) return NaN;
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1) + 0.5))];
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const updates = inWindow('camera:update');
const grab = inWindow('camera:grab').map((e) => e.duration);
const send = inWindow('camera:send').map((e) => e.duration);
const draw = inWindow('camera:draw').map((e) => e.duration);
const seconds = (window1 - window0) / 1000;
// Per frame on the main thread: the three measured parts of each update (means and quantiles combined per part).
const perFrame = mean(grab) + mean(send) + mean(draw);
const longTasks = inWindow('longtask');

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
console.log(`\nLive guidance, fake camera 640x480, ${seconds.toFixed(1)} s window:\n`);
console.log(`| measure | value | target |`);
console.log(`|---|---:|---:|`);
console.log(`| guidance updates per second | ${(updates.length / seconds).toFixed(1)} | >= 15 |`);
console.log(`| main-thread ms per frame (grab + send + result/draw, means) | ${f(perFrame)} | < 4 |`);
console.log(`|   frame grab ms (median / p95 / max) | ${f(q(grab, 0.5))} / ${f(q(grab, 0.95))} / ${f(Math.max(...grab))} | |`);
console.log(`|   hand-over ms (median / p95 / max) | ${f(q(send, 0.5))} / ${f(q(send, 0.95))} / ${f(Math.max(...send))} | |`);
console.log(`|   result + DOM update ms (median / p95 / max) | ${f(q(draw, 0.5))} / ${f(q(draw, 0.95))} / ${f(Math.max(...draw))} | |`);
console.log(`| update latency ms, frame → result (median / p95) | ${f(q(updates.map((e) => e.duration), 0.5))} / ${f(q(updates.map((e) => e.duration), 0.95))} | |`);
const worker = (k: string) => updates.map((e) => e.detail?.[k]).filter((x): x is number => typeof x === 'number');
const withLm = worker('landmarks').filter((x) => x > 0);
console.log(`| worker: read + scale frame ms (median) | ${f(q(worker('read'), 0.5))} | |`);
console.log(`| worker: face detection ms (median / p95) | ${f(q(worker('detect'), 0.5))} / ${f(q(worker('detect'), 0.95))} | |`);
console.log(`| worker: landmarks ms when refreshed (median; refreshed on ${withLm.length} of ${updates.length} updates) | ${f(q(withLm, 0.5))} | |`);
console.log(`| worker: light + background ms (median) | ${f(q(worker('measures'), 0.5))} | |`);
console.log(`| long tasks (> 50 ms) on the main thread | ${longTasks.length} (${f(longTasks.reduce((a, e) => a + e.duration, 0))} ms) | 0 |`);

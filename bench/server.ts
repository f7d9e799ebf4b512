/**
 * Order-server load benchmark (`npm run bench:server`): GET /api/orders/:id on loopback against the
 * real server (`server/main.ts` as a child process) with SQLite, driven by autocannon for a bounded
 * time. Half the orders are paid, so half the answers carry a freshly signed Ed25519 receipt.
 * The rate limiter and request log stay on (limit raised so it never refuses; log to /dev/null).
 * A benchmark, not a test: numbers depend on the machine and its load (the target on the
 * 2-core dev machine: >= 2,000 req/s at p99 < 20 ms).
 *
 *   npm run bench:server                                  # 10 s, 10 connections
 *   npm run bench:server -- --duration 5 --connections 20
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' }, orders: { type: 'string', default: '1000' } }
});
const DURATION_S = Math.min(60, Math.max(1, Number(values.duration)));
const CONNECTIONS = Math.max(1, Number(values.connections));
const ORDERS = Math.max(2, Number(values.orders));
const ROOT = join(import.meta.dirname, '..');

const freePort = () =>
	new Promise<number>((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const port = (s.address() as { port: number }).port;
			s.close(() => resolve(port));
		});
	});

const dir = mkdtempSync(join(tmpdir(), 'bench-orders-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const { privateKey } = generateKeyPairSync('ed25519');
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
	cwd: ROOT,
	stdio: ['ignore', 'ignore', 'inherit'],
	env: {
		PATH: process.env.PATH,
		NODE_ENV: 'development',
		PORT: String(port),
		HOST: '127.0.0.1',
		APP_ORIGIN: 'http://localhost:4173',
		PUBLIC_URL: base,
		PAYMENT_PROVIDER: 'sandbox',
		SQLITE_PATH: join(dir, 'orders.db'),
		RECEIPT_PRIVATE_KEY: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
		CATALOGUE_JSON: JSON.stringify([{ sku: 'digital-set', name: 'Digital photos', amount: 499, currency: 'eur' }]),
		RATE_LIMIT_MAX: '10000000',
		RATE_LIMIT_ORDERS_MAX: '10000000',
		LOG_REQUESTS: 'true'
	}
});
const stop = () => {
	if (server.exitCode === null) server.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
};
process.on('exit', stop);

try {
	for (let i = 0; ; i++) {
		if (server.exitCode !== null) throw new Error('server exited during start-up');
		if (i > 300) throw new Error('server did not start in 30 s');
		const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 100));
	}
	const ids: string[] = [];
	for (let i = 0; i < ORDERS; i++) {
		const r = await fetch(`${base}/api/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"sku":"digital-set"}' });
		const { orderId } = (await r.json()) as { orderId: string };
		ids.push(orderId);
		if (i % 2 === 0) await fetch(`${base}/api/sandbox/complete/${orderId}`, { method: 'POST' });
	}
	const loadBefore = loadavg()[0];
	console.log(`seeded ${ORDERS} orders (${Math.ceil(ORDERS / 2)} paid) in SQLite; GET /api/orders/:id for ${DURATION_S} s, ${CONNECTIONS} connections`);

	let n = 0;
	const result = await autocannon({
		url: base,
		connections: CONNECTIONS,
		duration: DURATION_S,
		requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/orders/${ids[n++ % ids.length]}` }) }]
	});
	const rps = result.requests.average;
	const p99 = result.latency.p99;
	console.log(
		JSON.stringify({
			requests: result.requests.total,
			reqPerSec: { average: rps, p50: result.requests.p50, min: result.requests.min },
			latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99, max: result.latency.max },
			non2xx: result.non2xx,
			errors: result.errors,
			timeouts: result.timeouts,
			loadAvg1m: { before: loadBefore, after: loadavg()[0] }
		})
	);
	console.log(`order status: ${rps.toFixed(0)} req/s, p99 ${p99} ms (target >= 2000 req/s at p99 < 20 ms: ${rps >= 2000 && p99 < 20 ? 'met' : 'NOT met'})`);
	if (result.non2xx || result.errors) process.exitCode = 1;
} finally {
	stop();
}

/**
 * Payments end to end, against the real order server and a build of the app configured for it:
 *
 * - the order server (`npm run server`) in sandbox mode on a free port, SQLite in a temp folder, a
 *   fresh Ed25519 receipt key, a one-product catalogue, the app's /order page as return URL;
 * - the app built by `vite build` with PUBLIC_PAYMENT_API / PUBLIC_RECEIPT_PUBLIC_KEY set, in a temp
 *   copy of the source tree (the shared `app` project's build in ./build stays payment-free and
 *   untouched), served by `vite preview` on another free port with the CSP allowing the server.
 *
 * Walk: photo → result watermarked, Buy instead of downloads → Buy opens the sandbox checkout in a
 * new tab → pay → the tab returns to /order, which verifies the receipt → the studio tab (photo
 * kept) unlocks: no watermark, downloads work and are the unwatermarked render → the receipt is in
 * the local history → request audit: the app sent the payment server only the sku and the order
 * id, no cookies, and nothing went to any other origin → tampering with the stored receipt in
 * IndexedDB locks the photo again → "Delete all my data" warns that the receipt will be lost.
 *
 * PAYMENT_E2E_SOURCE may name another source tree to build (default: this checkout).
 */
import { test, expect, type Page, type Request } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';

const ROOT = resolve(import.meta.dirname, '../../..');
const SOURCE = resolve(process.env.PAYMENT_E2E_SOURCE ?? ROOT);
const PHOTO = join(ROOT, 'tests/fixtures/astronaut.png');
const SKU = 'digital-set';
const PRODUCT = { sku: SKU, name: 'Digital ID photos', amount: 499, currency: 'eur', description: 'The finished photos and print sheets without the preview watermark' };

// CPU device, as in history-delete-all.spec.ts (onnxruntime's WebGPU build crashes on the software adapter).
test.use({
	launchOptions: {
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu']
	}
});

function freePort(): Promise<number> {
	return new Promise((res, rej) => {
		const srv = createServer();
		srv.once('error', rej);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as { port: number };
			srv.close(() => res(port));
		});
	});
}

/** Starts `cmd` in its own process group; resolves once `ready(outputSoFar)` is true. */
function start(cmd: string, args: string[], opts: { cwd: string; env: Record<string, string>; ready: (out: string) => boolean; timeoutMs: number; name: string }): Promise<ChildProcess> {
	const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	return new Promise((res, rej) => {
		const timer = setTimeout(() => rej(new Error(`${opts.name}: not ready after ${opts.timeoutMs} ms\n${out.slice(-3000)}`)), opts.timeoutMs);
		const onData = (b: Buffer) => {
			out += b.toString();
			if (opts.ready(out)) {
				clearTimeout(timer);
				res(child);
			}
		};
		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			rej(new Error(`${opts.name}: exited with ${code}\n${out.slice(-3000)}`));
		});
	});
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string>, timeoutMs: number): Promise<void> {
	return new Promise((res, rej) => {
		const child = spawn(cmd, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		child.stdout.on('data', (b) => (out += b));
		child.stderr.on('data', (b) => (out += b));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('exit', (code) => {
			clearTimeout(timer);
			if (code === 0) res();
			else rej(new Error(`${cmd} ${args.join(' ')} exited with ${code}\n${out.slice(-4000)}`));
		});
	});
}

function stop(child: ChildProcess | undefined) {
	if (child?.pid && child.exitCode === null) {
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			// already gone
		}
	}
}

let dir = '';
let server: ChildProcess | undefined;
let preview: ChildProcess | undefined;
let appOrigin = '';
let payOrigin = '';

test.beforeAll(async () => {
	test.setTimeout(12 * 60_000);
	const [serverPort, appPort] = [await freePort(), await freePort()];
	appOrigin = `http://127.0.0.1:${appPort}`;
	payOrigin = `http://127.0.0.1:${serverPort}`;
	dir = mkdtempSync(join(tmpdir(), 'idphoto-payment-e2e-'));

	// A fresh receipt key: private half to the server, raw public half (base64url, as GET /api/receipt-key gives it) into the build.
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	const privateB64 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
	const publicRaw = (publicKey.export({ format: 'jwk' }) as { x: string }).x;

	// The app, built into a copy of the source tree so ./build and ./.svelte-kit of the checkout are not touched.
	const app = join(dir, 'app');
	for (const p of ['src', 'static', 'workers', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json']) cpSync(join(SOURCE, p), join(app, p), { recursive: true });
	symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
	if (existsSync(join(ROOT, 'models/onnx'))) {
		mkdirSync(join(app, 'models'), { recursive: true });
		symlinkSync(join(ROOT, 'models/onnx'), join(app, 'models/onnx'), 'dir');
	}
	const buildEnv = { PUBLIC_PAYMENT_API: payOrigin, PUBLIC_RECEIPT_PUBLIC_KEY: publicRaw };
	await run('npx', ['vite', 'build'], app, buildEnv, 9 * 60_000);
	preview = await start('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(appPort), '--strictPort'], {
		cwd: app,
		env: { ...buildEnv, PAYMENT_ORIGIN: payOrigin },
		ready: (out) => out.includes(`${appPort}`),
		timeoutMs: 60_000,
		name: 'vite preview'
	});

	server = await start('npm', ['run', 'server'], {
		cwd: ROOT,
		env: {
			NODE_ENV: 'development',
			HOST: '127.0.0.1',
			PORT: String(serverPort),
			APP_ORIGIN: appOrigin,
			PUBLIC_URL: payOrigin,
			CHECKOUT_SUCCESS_URL: `${appOrigin}/order?order={ORDER_ID}`,
			CHECKOUT_CANCEL_URL: `${appOrigin}/order?order={ORDER_ID}&cancelled=1`,
			SQLITE_PATH: join(dir, 'orders.db'),
			DATABASE_URL: '',
			PAYMENT_PROVIDER: 'sandbox',
			RECEIPT_PRIVATE_KEY: privateB64,
			CATALOGUE_JSON: JSON.stringify([PRODUCT]),
			CATALOGUE_FILE: '',
			LOG_REQUESTS: 'false'
		},
		ready: (out) => out.includes('"msg":"listening"'),
		timeoutMs: 60_000,
		name: 'order server'
	});
});

test.afterAll(() => {
	stop(server);
	stop(preview);
	if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Seen {
	method: string;
	url: string;
	body: string | null;
	headers: Record<string, string>;
	/** URL of the document that made the request, when known. */
	frameUrl: string;
	navigation: boolean;
}

/** Reads the order records of the local history (IndexedDB `idphoto-history`, store `receipts`). */
function readReceipts(page: Page) {
	return page.evaluate(
		() =>
			new Promise<Record<string, unknown>[]>((res, rej) => {
				const req = indexedDB.open('idphoto-history');
				req.onerror = () => rej(req.error);
				req.onsuccess = () => {
					const db = req.result;
					if (!db.objectStoreNames.contains('receipts')) return db.close(), res([]);
					const all = db.transaction('receipts').objectStore('receipts').getAll();
					all.onsuccess = () => (db.close(), res(all.result));
					all.onerror = () => rej(all.error);
				};
			})
	);
}

/** Replaces one order record in IndexedDB, then tells the app's tabs (as the order page does) to re-read. */
function writeReceiptRecord(page: Page, record: Record<string, unknown>) {
	return page.evaluate(
		(record) =>
			new Promise<void>((res, rej) => {
				const req = indexedDB.open('idphoto-history');
				req.onerror = () => rej(req.error);
				req.onsuccess = () => {
					const db = req.result;
					const tx = db.transaction('receipts', 'readwrite');
					tx.objectStore('receipts').put(record);
					tx.oncomplete = () => {
						db.close();
						const ch = new BroadcastChannel('idphoto-orders');
						ch.postMessage({ type: 'settled', orderId: record.orderId });
						ch.close();
						res();
					};
					tx.onerror = () => rej(tx.error);
				};
			}),
		record
	);
}

test('buy with the sandbox: watermark until paid, receipt verified offline, only sku and order id sent', async ({ page }) => {
	const seen: Seen[] = [];
	const pending: Promise<void>[] = [];
	const record = (r: Request) => {
		let frameUrl = '';
		try {
			frameUrl = r.frame().url();
		} catch {
			// service worker or detached frame
		}
		pending.push(
			r.allHeaders().then(
				(headers) => void seen.push({ method: r.method(), url: r.url(), body: r.postData(), headers, frameUrl, navigation: r.isNavigationRequest() }),
				() => void seen.push({ method: r.method(), url: r.url(), body: r.postData(), headers: {}, frameUrl, navigation: r.isNavigationRequest() })
			)
		);
	};
	page.context().on('request', record);

	const first = await page.goto(`${appOrigin}/`);
	// The CSP of this build's server allows exactly the payment server besides the app itself.
	expect(first!.headers()['content-security-policy']).toContain(`connect-src 'self' ${payOrigin};`);
	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click();
	await page.getByTestId('file-input').setInputFiles(PHOTO);
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });

	// Unpaid: watermark over the preview, Buy instead of downloads, and what it buys in words.
	await expect(page.getByTestId('preview-watermark')).toBeVisible();
	await expect(page.getByTestId('download-jpeg')).toHaveCount(0);
	await expect(page.getByTestId('download-sheet')).toHaveCount(0);
	await expect(page.getByTestId('buy-what')).toContainText('without the watermark');
	const product = page.getByTestId(`product-${SKU}`);
	await expect(product).toContainText(PRODUCT.name);
	await expect(product).toContainText(PRODUCT.description);
	await expect(page.getByTestId(`buy-${SKU}`)).toHaveText(/Buy · €4\.99/);

	// Buy → the checkout opens in a new tab; this tab keeps the photo.
	const [checkout] = await Promise.all([page.waitForEvent('popup'), page.getByTestId(`buy-${SKU}`).click()]);
	await checkout.waitForURL(new RegExp(`^${payOrigin}/api/sandbox/checkout/[0-9a-f]{32}$`));
	const orderId = checkout.url().split('/').pop()!;
	await expect(page.getByTestId('order-state')).toHaveAttribute('data-phase', 'waiting');
	await expect(page.getByTestId('preview-watermark')).toBeVisible();
	await checkout.getByRole('button', { name: 'Pay (sandbox)' }).click();
	await checkout.waitForURL(`${appOrigin}/order?order=${orderId}`);
	await expect(checkout.getByTestId('order-paid')).toBeVisible({ timeout: 60_000 });
	await expect(checkout.getByTestId('order-id')).toHaveText(orderId);

	// Back in the studio tab: unlocked, same photo.
	await page.bringToFront();
	await expect(page.getByTestId('preview-watermark')).toHaveCount(0, { timeout: 60_000 });
	await expect(page.getByTestId('receipt-verified')).toHaveAttribute('data-order-id', orderId);
	const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-jpeg').click()]);
	const jpeg = readFileSync((await dl.path())!);
	const meta = await sharp(jpeg).metadata();
	expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 413, 531]);
	// The file is the render itself, byte for byte the JPEG the history kept of it: the watermark was only drawn in the page.
	const rendered = await page.evaluate(
		() =>
			new Promise<number[][]>((res, rej) => {
				const req = indexedDB.open('idphoto-history');
				req.onerror = () => rej(req.error);
				req.onsuccess = () => {
					const all = req.result.transaction('blobs').objectStore('blobs').getAll();
					all.onsuccess = () => {
						req.result.close();
						res(all.result.filter((b) => b.kind === 'jpeg').map((b) => [...new Uint8Array(b.bytes)]));
					};
					all.onerror = () => rej(all.error);
				};
			})
	);
	expect(rendered).toHaveLength(1);
	expect(Buffer.from(rendered[0]).equals(jpeg)).toBe(true);
	await page.getByTestId('sheet-format').selectOption('pdf');
	const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-sheet').click()]);
	expect(readFileSync((await sheet.path())!).subarray(0, 5).toString()).toBe('%PDF-');

	// The receipt is kept in the local history, bound to this photo, and verifies with the build's key.
	const records = await readReceipts(page);
	expect(records).toHaveLength(1);
	const stored = records[0] as { orderId: string; sku: string; status: string; jobId: string; receipt: { payload: string; signature: string } };
	expect(stored).toMatchObject({ orderId, sku: SKU, status: 'paid', specId: 'eu-schengen-visa', amount: 499, currency: 'eur' });
	expect(stored.jobId).toMatch(/^[0-9a-f-]{36}$/);
	expect(JSON.parse(stored.receipt.payload)).toMatchObject({ orderId, sku: SKU });

	// Request audit.
	await Promise.all(pending);
	const outside = seen.filter((s) => !s.url.startsWith(appOrigin) && !s.url.startsWith(payOrigin) && !/^(blob|data):/.test(s.url));
	expect(outside.map((s) => s.url)).toEqual([]);
	const appRequests = seen.filter((s) => s.url.startsWith(appOrigin));
	expect(appRequests.filter((s) => s.method !== 'GET' || s.body !== null).map((s) => `${s.method} ${s.url}`)).toEqual([]);
	const toPayment = seen.filter((s) => s.url.startsWith(payOrigin));
	const describe = (s: Seen) => `${s.method} ${s.url.slice(payOrigin.length)}${s.body ? ` ${s.body}` : ''}`;
	// Sent by the app's documents (the studio and the order page): the catalogue, {"sku"}, and the order id.
	const fromApp = toPayment.filter((s) => s.frameUrl.startsWith(appOrigin) && !s.navigation);
	expect(new Set(fromApp.map(describe))).toEqual(new Set(['GET /api/catalogue', `POST /api/orders {"sku":"${SKU}"}`, `GET /api/orders/${orderId}`]));
	expect(fromApp.filter((s) => s.method === 'POST')).toHaveLength(1);
	// The rest is the checkout tab: its navigation to the checkout page (order id in the path) and the
	// sandbox page's own "Pay" form post (the role Stripe's page plays), with an empty body.
	const rest = toPayment.filter((s) => !fromApp.includes(s));
	expect(new Set(rest.map(describe))).toEqual(new Set([`GET /api/sandbox/checkout/${orderId}`, `POST /api/sandbox/complete/${orderId}`]));
	for (const s of toPayment) {
		expect(s.headers.cookie, describe(s)).toBeUndefined();
		expect(new URL(s.url).search, describe(s)).toBe('');
	}
	for (const s of fromApp) expect(s.headers.referer, describe(s)).toBeUndefined();
	expect(await page.context().cookies()).toEqual([]);
	console.log(`[payment audit] ${seen.length} requests; to the payment server from the app: ${fromApp.map(describe).join(' | ')}; from the checkout tab: ${rest.map(describe).join(' | ')}`);

	// Tamper: one byte of the stored payload changed → the receipt no longer verifies → locked again.
	const tampered = { ...stored, receipt: { ...stored.receipt, payload: stored.receipt.payload.replace(/\.(\d)/, (_, d) => `.${(Number(d) + 1) % 10}`) } };
	expect(tampered.receipt.payload).not.toBe(stored.receipt.payload);
	await writeReceiptRecord(page, tampered);
	await expect(page.getByTestId('preview-watermark')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('download-jpeg')).toHaveCount(0);
	await expect(page.getByTestId(`buy-${SKU}`)).toBeVisible();
	// Control: the untouched record unlocks again.
	await writeReceiptRecord(page, stored);
	await expect(page.getByTestId('preview-watermark')).toHaveCount(0, { timeout: 30_000 });

	// "Delete all my data" (from the order tab, so the studio tab keeps its photo) warns about the receipt and removes it.
	await checkout.goto(`${appOrigin}/history`);
	await checkout.getByTestId('delete-all').click();
	await expect(checkout.getByTestId('delete-all-receipts-warning')).toContainText('A purchase receipt will be lost');
	await checkout.getByTestId('delete-all-confirm').click();
	await expect(checkout.getByTestId('delete-all-report')).toBeVisible();
	expect(await readReceipts(checkout)).toEqual([]);
});

test('a blocked payment tab falls back to a link; cancelling the checkout tells the studio tab and unlocks nothing', async ({ page }) => {
	// Simulate a popup blocker: window.open gives nothing.
	await page.addInitScript(() => {
		window.open = () => null;
	});
	await page.goto(`${appOrigin}/`);
	await page.getByTestId('spec-search').fill('schengen');
	await page.getByTestId('spec-option-eu-schengen-visa').click();
	await page.getByTestId('file-input').setInputFiles(PHOTO);
	await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });
	await expect(page.getByTestId('preview-watermark')).toBeVisible();

	await page.getByTestId(`buy-${SKU}`).click();
	await expect(page.getByTestId('order-state')).toHaveAttribute('data-phase', 'waiting');
	const link = page.getByTestId('open-checkout');
	await expect(link).toBeVisible();
	const [checkout] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
	await checkout.waitForURL(new RegExp(`^${payOrigin}/api/sandbox/checkout/[0-9a-f]{32}$`));
	const orderId = checkout.url().split('/').pop()!;
	expect(await link.getAttribute('href')).toBe(checkout.url());

	await checkout.getByRole('link', { name: 'Cancel' }).click();
	await checkout.waitForURL(`${appOrigin}/order?order=${orderId}&cancelled=1`);
	await expect(checkout.getByTestId('order-cancelled')).toBeVisible();

	await expect(page.getByTestId('order-state')).toHaveAttribute('data-phase', 'cancelled', { timeout: 30_000 });
	await expect(page.getByTestId('order-state')).toContainText('Nothing was charged');
	await expect(page.getByTestId('preview-watermark')).toBeVisible();
	await expect(page.getByTestId('download-jpeg')).toHaveCount(0);
	await expect(page.getByTestId(`buy-${SKU}`)).toBeEnabled();
	const records = await readReceipts(page);
	expect(records.map((r) => [r.orderId, r.status, r.receipt])).toEqual([[orderId, 'pending', null]]);
	const server = (await (await fetch(`${payOrigin}/api/orders/${orderId}`)).json()) as { status: string; receipt: unknown };
	expect([server.status, server.receipt]).toEqual(['pending', null]);
});

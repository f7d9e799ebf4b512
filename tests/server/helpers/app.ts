import { createApp } from '../../../server/app.ts';
import { loadConfig } from '../../../server/config.ts';
import type { RequestLogLine } from '../../../server/log.ts';
import { SandboxProvider } from '../../../server/payments/sandbox.ts';
import { StripeProvider } from '../../../server/payments/stripe.ts';
import { ReceiptSigner } from '../../../server/receipt.ts';
import { openStore } from '../../../server/storage/index.ts';
import type { OrderStore } from '../../../server/storage/types.ts';

/** A fetch Response whose `json()` is typed `any` for terse assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export interface TestApp {
	request(path: string, init?: RequestInit & { ip?: string }): Promise<TestResponse>;
	store: OrderStore;
	logs: RequestLogLine[];
	close(): Promise<void>;
}

/**
 * The app exactly as main.ts wires it (config from `env`), served in-process through `app.request`.
 * `ip` simulates the TCP peer address (what @hono/node-server exposes as `env.incoming.socket`).
 */
export async function makeApp(env: Record<string, string>): Promise<TestApp> {
	const config = loadConfig(env);
	const store = await openStore(config.storage);
	const provider = config.payment.provider === 'stripe' ? new StripeProvider(config.payment) : new SandboxProvider(config.publicUrl);
	const logs: RequestLogLine[] = [];
	const app = createApp({ config, store, provider, signer: new ReceiptSigner(config.receiptKey), log: (l) => logs.push(l) });
	return {
		store,
		logs,
		request: (path, init = {}) => {
			const { ip = '127.0.0.1', ...rest } = init;
			return Promise.resolve(app.request(path, rest, { incoming: { socket: { remoteAddress: ip } } }));
		},
		close: () => store.close()
	};
}

export const json = (body: unknown, extra: Record<string, string> = {}): RequestInit => ({
	method: 'POST',
	headers: { 'content-type': 'application/json', ...extra },
	body: typeof body === 'string' ? body : JSON.stringify(body)
});

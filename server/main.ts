/**
 * Order server entry point: `npm run server` (settings from the environment, see .env.example).
 * Prints JSON lines on stdout: one `{"msg":"listening","port":…}` when ready, then request logs.
 * Exit codes: 2 invalid configuration, 1 start-up failure.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { stdoutSink } from './log.ts';
import { SandboxProvider } from './payments/sandbox.ts';
import { StripeProvider } from './payments/stripe.ts';
import type { PaymentProvider } from './payments/types.ts';
import { ReceiptSigner } from './receipt.ts';
import { openStore } from './storage/index.ts';

function providerFor(config: Config): PaymentProvider {
	return config.payment.provider === 'stripe' ? new StripeProvider(config.payment) : new SandboxProvider(config.publicUrl);
}

async function main(): Promise<void> {
	let config: Config;
	try {
		config = loadConfig(process.env);
	} catch (e) {
		if (e instanceof ConfigError) {
			process.stderr.write(e.message + '\n');
			process.exit(2);
		}
		throw e;
	}
	const store = await openStore(config.storage);
	const app = createApp({ config, store, provider: providerFor(config), signer: new ReceiptSigner(config.receiptKey) });
	const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
		stdoutSink({ t: new Date().toISOString(), msg: 'listening', host: info.address, port: info.port, storage: store.kind, provider: config.payment.provider });
	});
	let closing = false;
	const shutdown = (signal: string) => {
		if (closing) return;
		closing = true;
		stdoutSink({ t: new Date().toISOString(), msg: 'shutting down', signal });
		server.close(() => {
			store.close().finally(() => process.exit(0));
		});
		setTimeout(() => process.exit(0), 5000).unref();
	};
	process.on('SIGTERM', () => shutdown('SIGTERM'));
	process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((e: Error) => {
	process.stderr.write(JSON.stringify({ t: new Date().toISOString(), level: 'fatal', error: e.name, message: e.message }) + '\n');
	process.exit(1);
});

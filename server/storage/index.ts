import type { Config } from '../config.ts';
import { PostgresOrderStore } from './postgres.ts';
import { SqliteOrderStore } from './sqlite.ts';
import type { OrderStore } from './types.ts';

export type { OrderStore, Order, NewOrder, PaymentConfirmation, ConfirmOutcome, OrderStatus, ExpiryNotice, ExpireOutcome } from './types.ts';
export { SqliteOrderStore, PostgresOrderStore };

/** Opens and initialises the store the configuration names (PostgreSQL when DATABASE_URL is set, else SQLite). */
export async function openStore(storage: Config['storage']): Promise<OrderStore> {
	const store = storage.kind === 'postgres' ? new PostgresOrderStore(storage.url, storage.poolMax) : new SqliteOrderStore(storage.path);
	try {
		await store.init();
	} catch (e) {
		await store.close().catch(() => {});
		throw e;
	}
	return store;
}

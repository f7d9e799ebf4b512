import { readFileSync } from 'node:fs';
import * as v from 'valibot';

/**
 * One product the operator sells. Prices are server configuration only: the client sends a `sku`
 * and nothing else that reaches a price.
 * `amount` is in the currency's minor unit (cents for EUR/USD, yen for JPY), the unit Stripe's
 * `unit_amount` uses (https://docs.stripe.com/currencies#minor-units).
 */
export interface Product {
	sku: string;
	name: string;
	/** Integer, minor currency units (e.g. 499 = 4.99 EUR). */
	amount: number;
	/** ISO 4217 code, lower case as Stripe returns it (e.g. "eur"). */
	currency: string;
	/** What the order unlocks in the app, shown to the buyer; optional. */
	description?: string;
}

export type Catalogue = ReadonlyMap<string, Product>;

/** SKU syntax: 1-64 chars, letters, digits, `.`, `_`, `-`, starting with a letter or digit. */
export const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const ProductSchema = v.object({
	sku: v.pipe(v.string(), v.regex(SKU_PATTERN, 'sku: 1-64 of [A-Za-z0-9._-]')),
	name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	// Stripe's minimum charge is 50 minor units for most currencies; larger than 0 is enforced here,
	// Stripe enforces its own minimum (https://docs.stripe.com/currencies#minimum-and-maximum-charge-amounts).
	amount: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(99_999_999)),
	currency: v.pipe(v.string(), v.regex(/^[A-Za-z]{3}$/, 'currency: ISO 4217 three-letter code'), v.toLowerCase()),
	description: v.optional(v.pipe(v.string(), v.maxLength(500)))
});

const CatalogueSchema = v.pipe(v.array(ProductSchema), v.minLength(1, 'at least one product'));

/**
 * Parses a catalogue from JSON text: either `[Product, ...]` or `{"products": [Product, ...]}`.
 * @throws Error with every validation problem listed, or on duplicate SKUs / invalid JSON.
 */
export function parseCatalogue(json: string, source = 'catalogue'): Catalogue {
	let raw: unknown;
	try {
		raw = JSON.parse(json);
	} catch (e) {
		throw new Error(`${source}: not valid JSON (${(e as Error).message})`);
	}
	const list = raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'products' in raw ? raw.products : raw;
	const result = v.safeParse(CatalogueSchema, list);
	if (!result.success) {
		const issues = result.issues.map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`);
		throw new Error(`${source}: ${issues.join('; ')}`);
	}
	const map = new Map<string, Product>();
	for (const p of result.output) {
		if (map.has(p.sku)) throw new Error(`${source}: duplicate sku "${p.sku}"`);
		map.set(p.sku, { ...p });
	}
	return map;
}

/**
 * Loads the catalogue from `CATALOGUE_JSON` (inline JSON) or `CATALOGUE_FILE` (path to a JSON file).
 * @throws Error when both or neither are set, or when parsing fails.
 */
export function loadCatalogue(env: { CATALOGUE_JSON?: string; CATALOGUE_FILE?: string }): Catalogue {
	const inline = env.CATALOGUE_JSON?.trim();
	const file = env.CATALOGUE_FILE?.trim();
	if (inline && file) throw new Error('set only one of CATALOGUE_JSON and CATALOGUE_FILE');
	if (inline) return parseCatalogue(inline, 'CATALOGUE_JSON');
	if (file) return parseCatalogue(readFileSync(file, 'utf8'), `CATALOGUE_FILE ${file}`);
	throw new Error('no catalogue: set CATALOGUE_JSON or CATALOGUE_FILE');
}

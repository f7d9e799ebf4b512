/**
 * Prints the app's security headers for a static host, with the CSP hashes of the inline scripts
 * of the pages in build/ (run after `npm run build`; the hashes change with every build):
 *   npx tsx src/lib/pwa/scripts/print-headers.ts [--format headers|nginx] [--write]
 * `headers` is the `_headers` file of Netlify / Cloudflare Pages (with --write it goes to
 * build/_headers); `nginx` prints `add_header` lines. PAYMENT_ORIGIN (else PUBLIC_PAYMENT_API) adds the payment server
 * to connect-src. Header values come from src/lib/pwa/headers.ts, the same as `npm start`.
 */
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { inlineScriptHashes, paymentOriginFromEnv, securityHeaders } from '../headers';

const BUILD = join(import.meta.dirname, '../../../../build');
if (!existsSync(BUILD)) throw new Error('build/ is missing: run `npm run build` first');

const hashes = new Set<string>();
for (const f of readdirSync(BUILD, { recursive: true }) as string[]) {
	if (f.endsWith('.html')) for (const h of await inlineScriptHashes(readFileSync(join(BUILD, f), 'utf8'))) hashes.add(h);
}
const headers = securityHeaders({ paymentOrigin: paymentOriginFromEnv(process.env), inlineScriptHashes: [...hashes].sort() });
const format = process.argv.includes('--format') ? process.argv[process.argv.indexOf('--format') + 1] : 'headers';
const text =
	format === 'nginx'
		? Object.entries(headers).map(([k, v]) => `add_header ${k} "${v}" always;`).join('\n') + '\n'
		: '/*\n' + Object.entries(headers).map(([k, v]) => `  ${k}: ${v}`).join('\n') + '\n';
if (process.argv.includes('--write') && format !== 'nginx') writeFileSync(join(BUILD, '_headers'), text);
process.stdout.write(text);

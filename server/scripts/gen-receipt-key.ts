/**
 * Prints a new Ed25519 receipt key pair: `npx tsx server/scripts/gen-receipt-key.ts`.
 * stdout: `RECEIPT_PRIVATE_KEY=<base64 PKCS#8 DER>` (for .env) and the public key (raw base64url,
 * for the app build) as comments. Keep the private key secret; the public key is not secret.
 */
import { generateKeyPairSync } from 'node:crypto';
import { ReceiptSigner } from '../receipt.ts';

const { privateKey } = generateKeyPairSync('ed25519');
const der = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const pub = new ReceiptSigner(privateKey).publicKey;
process.stdout.write(`# receipt public key (raw, base64url): ${pub.raw}\n# keyId: ${pub.keyId}\nRECEIPT_PRIVATE_KEY=${der}\n`);

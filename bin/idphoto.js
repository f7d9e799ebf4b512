#!/usr/bin/env node
// The `idphoto` command: runs the TypeScript CLI (src/cli/main.ts) through tsx,
// with the path aliases of tsconfig.node.json ($lib → src/lib).
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

// A closed pipe (`idphoto specs | head`) ends the command quietly, as Unix tools do, instead of an EPIPE stack trace.
process.stdout.on('error', (e) => {
	if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
	throw e;
});

register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));

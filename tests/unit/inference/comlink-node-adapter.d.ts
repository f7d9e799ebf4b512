/** Types for comlink's Node adapter (shipped as .mjs next to node-adapter.d.ts, which the .mjs path does not pick up). */
declare module 'comlink/dist/esm/node-adapter.mjs' {
	import type { Endpoint } from 'comlink';
	export default function nodeEndpoint(nep: unknown): Endpoint;
}

/**
 * Both model loaders. Browser and worker code should import `./loaders-fetch` directly (this module
 * also pulls in the Node loader, whose `node:fs` import only runs when called).
 */
export { fetchModelLoader } from './loaders-fetch';
export { fsModelLoader } from './loaders-node';

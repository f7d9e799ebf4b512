/**
 * The PNG cut-out of a finished photo (transparent background, alpha = the matte, pHYs at its dpi). The pipeline worker
 * encodes it only when asked (workers/pipeline.worker.ts `cutout`), so a render returns its JPEG without waiting for it
 * and slider moves nobody keeps cost no PNG. RenderSession registers how to fetch each result's cut-out; the download
 * button and the history fetch it through cutoutOf, once per result.
 */
import type { RenderResult } from '$lib/pipeline/api';

const fetchers = new WeakMap<RenderResult, () => Promise<Uint8Array>>();
const fetched = new WeakMap<RenderResult, Promise<Uint8Array>>();

/** Says how to fetch the cut-out of `result` (the worker call with the settings it was rendered with). */
export function registerCutout(result: RenderResult, fetch: () => Promise<Uint8Array>): void {
	fetchers.set(result, fetch);
}

/**
 * PNG bytes of `result`'s cut-out: fetched on the first call and kept with the result (a failed fetch is not kept, so
 * the next call tries again).
 * @throws Error when no fetcher was registered for `result`; rejects as the worker call does (e.g. the photo was closed).
 */
export function cutoutOf(result: RenderResult): Promise<Uint8Array> {
	const known = fetched.get(result);
	if (known) return known;
	const fetch = fetchers.get(result);
	if (!fetch) return Promise.reject(new Error('The PNG of this photo is not available. Make the photo again.'));
	const p = fetch();
	fetched.set(result, p);
	p.catch(() => {
		if (fetched.get(result) === p) fetched.delete(result);
	});
	return p;
}

/**
 * The PNG cut-out of a finished photo (transparent background, alpha = the matte, pHYs at its dpi). The pipeline worker
 * encodes it only when asked (workers/pipeline.worker.ts `cutout`), so a render returns its JPEG without waiting for it
 * and slider moves nobody keeps cost no PNG. RenderSession registers how to fetch each result's cut-out; the download
 * button and the history fetch it through cutoutOf, once per result.
 */
import type { RenderResult } from '$lib/pipeline/api';

const loaders = new WeakMap<RenderResult, () => Promise<Uint8Array>>();
const loaded = new WeakMap<RenderResult, Promise<Uint8Array>>();

/** Says how to get the cut-out of `result` from the worker (its `cutout` call with the settings it was rendered with). */
export function registerCutout(result: RenderResult, load: () => Promise<Uint8Array>): void {
	loaders.set(result, load);
}

/**
 * PNG bytes of `result`'s cut-out: asked of the worker on the first call and kept with the result (a failure is not
 * kept, so the next call tries again).
 * @throws Error when no loader was registered for `result`; rejects as the worker call does (e.g. the photo was closed).
 */
export function cutoutOf(result: RenderResult): Promise<Uint8Array> {
	const known = loaded.get(result);
	if (known) return known;
	const load = loaders.get(result);
	if (!load) return Promise.reject(new Error('The PNG of this photo is not available. Make the photo again.'));
	const p = load();
	loaded.set(result, p);
	p.catch(() => {
		if (loaded.get(result) === p) loaded.delete(result);
	});
	return p;
}

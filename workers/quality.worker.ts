/**
 * Quality worker: the input photo's quality checks (src/lib/quality: pose, face, lighting, background, file; issue 4)
 * on their own thread, started by the pipeline worker (a nested worker). The pipeline worker hands it a photo's
 * analysis once (`open`) and asks for the checks (`assess`) when a render starts, so that on a device with two or more
 * cores they run while the pipeline worker renders the photo instead of after it (`npm run bench`: the `quality` row
 * is the render's wait for them). Everything stays on this device; one typed comlink API.
 */
import { expose } from 'comlink';
import { assessQuality, type QualityInput, type QualityReport, type QualityRules } from '../src/lib/quality';

/** Photos kept (the newest few): the pipeline worker's jobs (MAX_JOBS there: 2) and one warm-up photo. */
const MAX_INPUTS = 3;
const inputs = new Map<string, QualityInput>();

const api = {
	/**
	 * Keeps a photo's quality inputs under `id`: its working copy (RGBA, longest side ≤ WORK_LIMIT_PX px), landmarks,
	 * faces and person mask in working-copy px, and the original file's bytes. The oldest beyond MAX_INPUTS is dropped.
	 */
	open(id: string, input: QualityInput): void {
		inputs.delete(id);
		inputs.set(id, input);
		while (inputs.size > MAX_INPUTS) inputs.delete(inputs.keys().next().value!);
	},

	/**
	 * The quality checks of photo `id` under `rules` (rulesForSpec of the document).
	 * @throws Error when `id` is not open (dropped or forgotten).
	 */
	assess(id: string, rules: QualityRules): QualityReport {
		const input = inputs.get(id);
		if (!input) throw new Error(`quality worker: photo ${id} is not open`);
		return assessQuality(input, rules);
	},

	/** Drops photo `id`. */
	forget(id: string): void {
		inputs.delete(id);
	},

	/** Drops every photo. */
	forgetAll(): void {
		inputs.clear();
	}
};

export type QualityWorkerApi = typeof api;

expose(api);

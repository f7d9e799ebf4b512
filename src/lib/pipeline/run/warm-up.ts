/**
 * The pipeline worker's warm-up (workers/pipeline.worker.ts `warmUp`), run while the user chooses the document.
 *
 * Why: in a fresh worker the first photo pays for more than the models. Creating the four ONNX sessions and their first
 * runs took 1.5–1.8 s of a 3.2 s first photo (`npm run bench`, 12 MP, WASM 2 threads), and the JavaScript stages
 * (crown mask, matting, quality checks) run several times slower on their first calls than later, until V8 has
 * compiled them. Project measurements (issue 3): in Chromium, before the matting was split into small typed functions
 * (2026-11-29), the matting of the same crop took 1.2 s on the first call, 0.4–1.1 s on calls 2–6 and 0.15–0.25 s after;
 * since then, in Node on the same 413x531 crop, 531 and 389 ms on the first two calls and 100–150 ms from the third on,
 * and in `npm run bench` 355 ms on the first photo after the warm-up and 120–130 ms on later ones. So the worker
 * creates the sessions and then runs the whole job (decode, detect, landmarks, segment, crown, render, quality checks,
 * report) WARM_UP_ROUNDS times on a small bundled portrait: the same code the user's photo will run, with the same
 * array types, so what V8 compiles stays valid for it.
 *
 * The portrait is static/warm-up-portrait.jpg: a 288x360 px crop of tests/fixtures/astronaut.png (NASA portrait of
 * Eileen Collins, public domain; see NOTICE), precached with the app; the last run uses it upscaled to a phone photo's size
 * (WARM_UP_LONG_SIDE). It never leaves the worker: nothing is shown, stored or sent.
 */
import type { RenderSettings } from '../api';
import { WORK_LIMIT_PX } from './analyse';

/**
 * Runs of the whole job on the warm-up portrait: 2, then WARM_UP_RENDERS more renders of the last run's analysis. V8
 * needs several runs of the same code before it has compiled all of it, and the render's JavaScript stages (warp,
 * matting, compositing, encoding) need the most; the models and the analysis are ready after two runs. Measured with
 * `npm run bench -- --threads 2 --runs 6 --rounds 2 --compare` on the loaded 2-core machine: 4 whole runs against 2,
 * same run: first photo after the warm-up 1018 against 1275 ms (`ready` 4.3 against 3.1 s); 3 against 2: 1189 against
 * 1246 ms (`ready` 3.9 against 3.0 s). Two extra renders cost ~0.3 s instead of two extra whole runs' ~1.2 s (a photo
 * that arrives meanwhile stops the warm-up at its next abort check).
 */
export const WARM_UP_ROUNDS = 2;
/**
 * Renders of the last warm-up run's analysis after the rounds: 8. The render's stages reach their steady speed only
 * after several calls (in a fresh worker the first photo's matting took 250–330 ms against 110–130 ms later, with 2
 * warm-up renders). Measured on 2026-11-30 with `npm run bench -- --threads 2 --runs 6 --rounds 8 --compare` (the same
 * build with 2), same run, load average 2.1–2.7: first photo after the warm-up 626 against 766 ms (median of 8 rounds),
 * later photos 416 against 433 ms, `ready` 4.0 against 2.9 s. Three earlier runs of builds with other changes gave
 * 617/713, 654/688 and 520/896 ms. The extra second runs while the user chooses the document; a photo that arrives
 * meanwhile stops the warm-up at the render's next abort check. (6 against 2, an earlier session: 751 against 888 ms.)
 */
export const WARM_UP_RENDERS = 8;
/**
 * Long side of the warm-up portrait for the last whole run, px: WORK_LIMIT_PX (2048), i.e. the 288x360 portrait
 * upscaled to 1638x2048 px (3.4 MP) in the worker (src/lib/pipeline/run/warm-up-photo.ts), then cut to 1638x1997 px
 * (WARM_UP_TOP_CROP). That run then takes the branches a phone photo takes and runs its loops as long: a working copy
 * nearly as large as the limit allows (1997 of 2048 px), the model
 * inputs box-averaged down from a large face, the crown search, quality checks and background grid at full size; the
 * WARM_UP_RENDERS renders that follow are each paired with a run of the quality checks in the quality worker, on the
 * same photo. Its memory then goes to the worker's pools (workers/pipeline.worker.ts), where its working copy
 * (13.1 MB) takes the first photo's (a 12 MP 4:3 photo's is 1500x2000 px, 12 MB; BufferPool MAX_SLACK), and a spare
 * copy of that size, mapped after the warm-up, takes the second photo's (pipeline.worker.ts addSpareMemory).
 *
 * Why: V8 compiled the analysis and quality code during a warm-up on the 288x360 portrait alone, then threw much of it
 * away on the first real photo, whose branches it had never seen. In Chromium 150 (`npm run bench -- --threads 2` with
 * `BENCH_CHROME_ARGS='--js-flags=--trace-deopt'`, 2026-11-30), the first photo after that warm-up had 700 de-optimisations
 * and the next one 290 (e.g. "Insufficient type feedback" in warpToTensor, maskDecisions, normaliseFace); after a
 * full-size run (a trial build with the portrait upscaled 8 times in both runs), 78 and 7. Measured with `npm run bench -- --threads 2 --runs 8 --rounds 6 --compare` (the build without
 * it side by side, same run), with the portrait upscaled 6 times (1728x2160): first photo after the warm-up 686 against
 * 868 ms, and 784 against 869 ms in an earlier run; later photos 396 against 379 and 401 against 411 ms (no change
 * beyond the machine's noise). With its memory recycled for the first photo (the build before side by side): decode
 * 98 against 142 ms and `other` 22 against 66 ms on that photo, total 677 against 699 ms (its matting slower in that
 * run); later photos 375 against 342 ms, within the variation between such runs. Without the quality runs paired with
 * the renders (the build with them side by side): first photo 704 against 705 ms, later photos 399 against 344 ms,
 * `ready` 6.0 against 6.1 s, so they stay. The warm-up takes longer (`ready` 6.0–6.8 against 4.4–4.6 s), all of it
 * while the user chooses the document, and a photo that arrives meanwhile stops it at its next abort check.
 *
 * What still compiles after the warm-up (Chrome traces of `npm run bench -- --threads 2 --runs 8` with BENCH_TRACE,
 * 2026-11-30; the first photos after the warm-up take 450–900 ms, later ones 260–400 ms):
 * - In a browser that has not run the app before, ONNX Runtime's WebAssembly is compiled to its optimising tier in the
 *   background: 1.8 s of CPU during the warm-up and one 2.7 s job that started with the first photo and ran through
 *   the sixth, on the second of two cores. Chromium keeps the compiled module with the cached file (wasm.SerializeModule
 *   ran during the sixth photo), and in the benchmark's third round no such compile ran.
 * - V8 keeps optimising the app's own code: TurboFan took 460, 200, 150, 140 and 160 ms of CPU on the
 *   first five photos, then under 90 ms. `--js-flags=--trace-opt` and `--trace-deopt-verbose` show why: branches the
 *   warm-up portrait never took (before WARM_UP_TOP_CROP: a crop reaching beyond the photo's top edge; still: one side
 *   of the colour prior's flood, other sizes in the quality checks' face crop) and code de-optimised when they run.
 *   Since then the second photo no longer maps fresh memory either (workers/pipeline.worker.ts addSpareMemory). Tried
 *   and not kept: three
 *   full-size runs instead of one (compiles on photos 0–7 1.83 s against 1.84 s of CPU; later photos 443 against
 *   456 ms, `ready` 8.0 against 6.7 s), and every other render with the eye line lowest so that the crop crosses the
 *   top edge (later photos 429 against 409 ms, `ready` 7.5 against 6.7 s).
 */
export const WARM_UP_LONG_SIDE = WORK_LIMIT_PX;
/**
 * Fraction of the upscaled warm-up portrait's height cut off at its top for the last whole run: 0.025 (51 of 2048 px,
 * leaving 1638x1997 px, 13.1 MB of RGBA, still more than a 12 MP 4:3 photo's working copy). The portrait's hair then
 * lies ~1 % below the top edge, so that run's crop (and its WARM_UP_RENDERS renders) reaches beyond the photo's top
 * edge (by ~40 px of the working copy), as in many real portraits (the benchmark's 12 MP photo among them), while the
 * first run on the uncut portrait does not: V8 sees both branches of the code that fills and mattes what lies outside
 * the photo before the first real photo. In Chromium 150 (`npm run bench -- --threads 2` with
 * `BENCH_CHROME_ARGS='--js-flags=--trace-deopt'`, 2026-11-30) the first photo after the warm-up had 17 de-optimisations
 * instead of 30 (markOutside, clearOutside, extendBeyondSource, warpedPixel, opaqueCoverage, maskDecisions no longer
 * among them). Measured with `npm run bench -- --threads 2 --runs 5 --rounds 8 --compare` (the build without it, side by
 * side): first photo after the warm-up 610 against 678 ms, later photos 357 against 362 ms, `ready` 5.9 against 5.5 s.
 */
export const WARM_UP_TOP_CROP = 0.025;
/** Spec of the warm-up renders: eu-schengen-visa (35x45 mm, 413x531 px at 300 dpi), a common print size. */
export const WARM_UP_SPEC = 'eu-schengen-visa';
/** Settings of the warm-up renders: the spec's targets, white background (allowed by WARM_UP_SPEC), 300 dpi. */
export const WARM_UP_SETTINGS: RenderSettings = { background: '#ffffff', headScale: 0, offsetXPx: 0, offsetY: 0, dpi: 300 };

/** What a warm-up did. */
export interface WarmUpInfo {
	/** ms to create the four model sessions (NaN when a photo arrived before they were all created). */
	sessionsMs: number;
	/** ms from the start to the end of the warm-up, finished or stopped. */
	totalMs: number;
	/** Whole runs on the warm-up portrait completed. */
	rounds: number;
	/** Extra renders of the last run's analysis completed (WARM_UP_RENDERS). */
	renders: number;
	/** True when a real call stopped it before the end. */
	stopped: boolean;
	/** Why the runs on the warm-up portrait failed (the sessions were created; the first photo just is not sped up). */
	failure?: string;
}

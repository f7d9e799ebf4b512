import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RenderResult, RenderSettings } from '$lib/pipeline/api';
import type { PipelineCallOptions, PipelineClient } from './pipeline-client';

const render = vi.fn<(jobId: string, specId: string, settings: RenderSettings, options?: PipelineCallOptions) => Promise<RenderResult>>();
const cutout = vi.fn<(jobId: string, specId: string, settings: RenderSettings, options?: PipelineCallOptions) => Promise<Uint8Array>>();

vi.mock('./pipeline-client', async (importOriginal) => {
	const actual = await importOriginal<typeof import('./pipeline-client')>();
	const client = { render, cutout } as unknown as PipelineClient;
	return { ...actual, getPipelineClient: async () => client };
});

const { RenderSession, defaultSettings, printDpiChoices, printDpiSelectable } = await import('./render-session.svelte');
const { getSpec } = await import('$lib/specs');
const { cutoutOf } = await import('./cutout');
const { targetFor } = await import('$lib/pipeline/run/target');

function result(widthPx: number): RenderResult {
	const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
	return {
		jobId: 'job',
		jpeg,
		widthPx,
		heightPx: 531,
		dpi: 300,
		bytes: jpeg.byteLength,
		guides: { crownYPx: 50, chinYPx: 420, eyeYPx: 200, headTopBandPx: [30, 70], eyeBandPx: [180, 230] },
		timings: {},
		report: {
			spec: { id: 'de-passport', name: 'Passport' },
			output: { widthPx, heightPx: 531, dpi: 300, bytes: 4, format: 'jpeg' },
			geometry: {
				headHeightRatio: 0.7,
				eyeLineFromBottomRatio: 0.6,
				crownYPx: 50,
				chinYPx: 420,
				eyeYPx: 200,
				rollDeg: 0,
				interEyeDistanceSourcePx: 100
			},
			checks: [],
			warnings: []
		}
	};
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
	vi.useRealTimers();
	render.mockReset();
	cutout.mockReset();
});

describe('defaultSettings', () => {
	it("is neutral and uses the spec's own print dpi", () => {
		expect(defaultSettings('#ffffff')).toEqual({ background: '#ffffff', headScale: 0, offsetXPx: 0, offsetY: 0, dpi: 300 });
		expect(defaultSettings('#ffffff', 600).dpi).toBe(600);
		expect(defaultSettings('#ffffff', 350).dpi).toBe(350);
		expect(defaultSettings('#ffffff', 400).dpi).toBe(400);
	});

	it('offers 300, 600 and the spec dpi, ascending, once each', () => {
		expect(printDpiChoices()).toEqual([300, 600]);
		expect(printDpiChoices(600)).toEqual([300, 600]);
		expect(printDpiChoices(400)).toEqual([300, 400, 600]);
		expect(printDpiChoices(1200)).toEqual([300, 600, 1200]);
	});

	// Found by a walkthrough: cn-resident-id offered 600 dpi, which changed nothing (its pixel size is exact).
	it('offers a print resolution only where the pixel size follows from mm x dpi', () => {
		expect(printDpiSelectable(getSpec('cn-resident-id')!)).toBe(false);
		expect(printDpiSelectable(getSpec('us-passport')!)).toBe(true);
		expect(printDpiSelectable(getSpec('nl-passport')!)).toBe(true);
		expect(printDpiSelectable(getSpec('us-dv-lottery')!)).toBe(false);
		const rid = targetFor(getSpec('cn-resident-id')!, 600);
		expect([rid.outWidthPx, rid.outHeightPx]).toEqual([358, 441]);
	});

	// Found by a walkthrough: the Dutch passport (35 x 45 mm, source asks for >= 400 dpi) came out at 413 x 531 px.
	it('the default settings give the spec pixel size: nl-passport 551 x 709 px, cn-resident-id 358 x 441 px', () => {
		for (const [id, w, h] of [
			['nl-passport', 551, 709],
			['cn-resident-id', 358, 441],
			['us-passport', 600, 600]
		] as const) {
			const spec = getSpec(id);
			const t = targetFor(spec, defaultSettings('#ffffff', spec.print?.dpi).dpi);
			expect([t.outWidthPx, t.outHeightPx], id).toEqual([w, h]);
		}
	});
});

describe('RenderSession', () => {
	it('renders once per burst of changes with a snapshot of the last settings', async () => {
		render.mockResolvedValue(result(413));
		const session = new RenderSession();
		const settings = defaultSettings('#ffffff');
		for (const headScale of [0.1, 0.2, 0.3]) {
			settings.headScale = headScale;
			session.request('job', 'de-passport', settings);
			await vi.advanceTimersByTimeAsync(30);
		}
		settings.headScale = 0.9; // mutated after the last request: must not leak into it
		expect(session.busy).toBe(true);
		await vi.advanceTimersByTimeAsync(100);
		expect(render).toHaveBeenCalledTimes(1);
		expect(render.mock.calls[0][2].headScale).toBe(0.3);
		expect(session.result?.widthPx).toBe(413);
		expect(session.previewUrl).toMatch(/^blob:/);
		expect(session.busy).toBe(false);
		session.dispose();
		expect(session.previewUrl).toBeNull();
	});

	it("each result's PNG cut-out: not part of the render, fetched on request with the result's own settings, once", async () => {
		render.mockResolvedValue(result(413));
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
		cutout.mockRejectedValueOnce(new Error('The worker is busy.')).mockResolvedValue(png);
		const session = new RenderSession();
		const settings = { ...defaultSettings('#ffffff'), headScale: 0.2 };
		session.request('job', 'de-passport', settings);
		await vi.advanceTimersByTimeAsync(100);
		const shown = session.result!;
		expect(cutout).not.toHaveBeenCalled();
		// a failed fetch is not kept; a successful one is
		await expect(cutoutOf(shown)).rejects.toThrow('The worker is busy.');
		expect(await cutoutOf(shown)).toBe(png);
		expect(await cutoutOf(shown)).toBe(png);
		expect(cutout).toHaveBeenCalledTimes(2);
		expect(cutout.mock.calls[1].slice(0, 3)).toEqual(['job', 'de-passport', settings]);
		// a result the session did not make has no cut-out to fetch
		await expect(cutoutOf(result(413))).rejects.toThrow('The PNG of this photo is not available');
		session.dispose();
	});

	it('aborts the older render when a newer one starts', async () => {
		const signals: AbortSignal[] = [];
		render.mockImplementation((_j, _s, _set, options) => {
			signals.push(options!.signal!);
			return new Promise(() => {});
		});
		const session = new RenderSession();
		session.request('job', 'de-passport', defaultSettings('#ffffff'));
		await vi.advanceTimersByTimeAsync(100);
		session.request('job', 'de-passport', { ...defaultSettings('#ffffff'), offsetY: 0.5 });
		await vi.advanceTimersByTimeAsync(100);
		expect(signals).toHaveLength(2);
		expect(signals[0].aborted).toBe(true);
		expect(signals[1].aborted).toBe(false);
		session.dispose();
		expect(signals[1].aborted).toBe(true);
	});

	it('shows the worker error message and clears it on the next success', async () => {
		render.mockRejectedValueOnce(new Error('The head is too close to the top edge of the photo.'));
		render.mockResolvedValueOnce(result(600));
		const session = new RenderSession();
		session.request('job', 'us-passport', defaultSettings('#ffffff'));
		await vi.advanceTimersByTimeAsync(100);
		expect(session.error).toBe('The head is too close to the top edge of the photo.');
		expect(session.result).toBeNull();
		session.request('job', 'us-passport', defaultSettings('#ffffff'));
		await vi.advanceTimersByTimeAsync(100);
		expect(session.error).toBeNull();
		expect(session.result?.widthPx).toBe(600);
		session.dispose();
	});
});

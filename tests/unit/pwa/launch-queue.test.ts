/**
 * File Handling API (manifest `file_handlers`): a photo opened with the installed app from the
 * desktop arrives through window.launchQueue; consumeLaunchedFiles hands the first file to the page.
 * Source: https://wicg.github.io/manifest-incubations/#launchqueue-interface
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { consumeLaunchedFiles } from '../../../src/lib/pwa/share';

type Params = { files: { getFile(): Promise<File> }[] };

/** A launch queue as the browser gives it: the consumer is called for each launch, also ones before it was set. */
class FakeLaunchQueue {
	consumer: ((p: Params) => unknown) | null = null;
	pending: Params[] = [];
	setConsumer(c: (p: Params) => unknown) {
		this.consumer = c;
		for (const p of this.pending.splice(0)) c(p);
	}
	async launch(p: Params) {
		if (this.consumer) await this.consumer(p);
		else this.pending.push(p);
	}
}

const handle = (file: File) => ({ getFile: async () => file });

describe('consumeLaunchedFiles', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('hands over the first launched file, with its name, type and bytes', async () => {
		const queue = new FakeLaunchQueue();
		vi.stubGlobal('window', { launchQueue: queue });
		const taken: File[] = [];
		consumeLaunchedFiles((f) => taken.push(f));
		const a = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'passport.jpg', { type: 'image/jpeg' });
		const b = new File([new Uint8Array([1])], 'second.png', { type: 'image/png' });
		await queue.launch({ files: [handle(a), handle(b)] });
		expect(taken).toHaveLength(1);
		expect([taken[0].name, taken[0].type, [...new Uint8Array(await taken[0].arrayBuffer())]]).toEqual(['passport.jpg', 'image/jpeg', [0xff, 0xd8, 0xff]]);
	});

	it('takes a launch that happened before the page was ready, and ignores a launch without files', async () => {
		const queue = new FakeLaunchQueue();
		const early = new File([new Uint8Array([7])], 'early.webp', { type: 'image/webp' });
		await queue.launch({ files: [handle(early)] });
		await queue.launch({ files: [] });
		vi.stubGlobal('window', { launchQueue: queue });
		const taken: string[] = [];
		consumeLaunchedFiles((f) => taken.push(f.name));
		await Promise.resolve();
		await Promise.resolve();
		expect(taken).toEqual(['early.webp']);
	});

	it('does nothing where the File Handling API is missing', () => {
		vi.stubGlobal('window', {});
		const take = vi.fn();
		expect(() => consumeLaunchedFiles(take)).not.toThrow();
		expect(take).not.toHaveBeenCalled();
	});
});

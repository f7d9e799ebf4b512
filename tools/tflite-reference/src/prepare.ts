/** Turns a case's Preparation into raw RGB bytes with sharp (deterministic for a given sharp/libvips build). */
import { join } from 'node:path';
import sharp from 'sharp';
import type { Preparation } from './cases';
import { PROJECT_ROOT } from './models';

/**
 * Produces the case's input pixels.
 * @returns Uint8Array [1, size, size, 3] NHWC, sRGB 8-bit, row-major (length size*size*3).
 * @throws Error if sharp returns anything other than size x size x 3 channels.
 */
export async function preparePixels(prep: Preparation): Promise<Uint8Array> {
	let img = sharp(join(PROJECT_ROOT, prep.source)).removeAlpha().toColourspace('srgb');
	if (prep.extract) img = img.extract(prep.extract);
	if (prep.mirror) img = img.flop();
	const { data, info } = await img
		.resize(prep.size, prep.size, { kernel: prep.kernel, fit: 'fill' })
		.raw()
		.toBuffer({ resolveWithObject: true });
	if (info.width !== prep.size || info.height !== prep.size || info.channels !== 3) {
		throw new Error(`sharp returned ${info.width}x${info.height}x${info.channels}, expected ${prep.size}x${prep.size}x3`);
	}
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
}

/**
 * HEIC/HEIF decoding with libheif-js (Emscripten build of libheif with libde265 for HEVC;
 * LGPL-3.0, loaded lazily as a separate chunk only when a HEIC file arrives). The wasm binary is
 * embedded in `libheif-bundle.mjs`, so nothing is fetched from a CDN. libheif applies the
 * HEIF transformations (irot/imir/clap) itself, so the result is upright.
 * This build has no AV1 decoder: AVIF goes to sharp (Node) or the browser.
 */
import type { RgbaImage } from '../../types';
import { DecodeError } from './errors';

interface HeifImage {
	get_width(): number;
	get_height(): number;
	is_primary(): boolean;
	display(target: { data: Uint8ClampedArray; width: number; height: number }, cb: (r: unknown) => void): void;
	free(): void;
}
interface Libheif {
	HeifDecoder: new () => { decode(bytes: Uint8Array): HeifImage[] };
}

let libheifPromise: Promise<Libheif> | null = null;

/** Loads libheif once; a failed load is forgotten so the next call retries. */
function loadLibheif(): Promise<Libheif> {
	libheifPromise ??= import('libheif-js/libheif-wasm/libheif-bundle.mjs')
		.then((m) => (m as unknown as { default: () => Libheif | Promise<Libheif> }).default())
		.catch((e) => {
			libheifPromise = null;
			throw e;
		});
	return libheifPromise;
}

/**
 * Decodes the primary image of a HEIC/HEIF file to upright 8-bit RGBA (alpha 255 unless the file
 * has an alpha plane). Throws DecodeError 'heic-unsupported' when libheif cannot load or decode it
 * (e.g. unsupported codec, damaged file).
 */
export async function decodeHeif(bytes: Uint8Array): Promise<RgbaImage> {
	let lib: Libheif;
	try {
		lib = await loadLibheif();
	} catch (e) {
		throw new DecodeError('heic-unsupported', undefined, { cause: e });
	}
	let images: HeifImage[] = [];
	try {
		images = new lib.HeifDecoder().decode(bytes);
		const img = images.find((i) => i.is_primary()) ?? images[0];
		if (!img) throw new Error('no image in HEIF file');
		const width = img.get_width();
		const height = img.get_height();
		const data = new Uint8ClampedArray(width * height * 4);
		const ok = await new Promise<boolean>((resolve) => img.display({ data, width, height }, (r) => resolve(Boolean(r))));
		if (!ok) throw new Error('libheif could not decode the image');
		return { width, height, data };
	} catch (e) {
		if (e instanceof DecodeError) throw e;
		throw new DecodeError('heic-unsupported', undefined, { cause: e });
	} finally {
		for (const i of images) i.free?.();
	}
}

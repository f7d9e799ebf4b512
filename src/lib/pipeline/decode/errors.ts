/**
 * Typed decode errors. Every failure of the decode stage is a `DecodeError` whose `code` the UI
 * and CLI can switch on, and whose `message` is plain English meant for the user.
 */

/** Why an input could not be decoded. */
export type DecodeErrorCode =
	/** 0 bytes. */
	| 'empty'
	/** The file ends before its header or image data is complete. */
	| 'truncated'
	/** No known image signature (text, PDF, archive...). */
	| 'not-an-image'
	/** SVG/XML: vector art, not a photo. */
	| 'svg-not-supported'
	/** HEIC/HEIF that neither the platform nor the bundled libheif could decode. */
	| 'heic-unsupported'
	/** Declared size exceeds the pixel budget or the canvas limit (decompression bomb guard). */
	| 'too-large'
	/** Short side below the minimum needed for a printable ID photo. */
	| 'too-small'
	/** Signature and header are fine but the decoder rejected the data. */
	| 'decode-failed';

const MESSAGES: Record<DecodeErrorCode, string> = {
	empty: 'The file is empty (0 bytes). Please choose the photo again.',
	truncated: 'The file is incomplete: it ends before the image does. It may not have finished downloading or copying.',
	'not-an-image': 'This file is not an image we can read. Please choose a JPEG, PNG, WebP, AVIF or HEIC photo.',
	'svg-not-supported': 'This is an SVG drawing, not a photo. Please choose a photograph (JPEG, PNG, WebP, AVIF or HEIC).',
	'heic-unsupported': 'This HEIC photo cannot be opened here. Please export it as JPEG (on iPhone: Settings > Camera > Formats > Most Compatible) and try again.',
	'too-large': 'This image is too large to process safely on this device.',
	'too-small': 'This image is too small for a printable ID photo.',
	'decode-failed': 'The image data is damaged and could not be decoded.'
};

/**
 * The English base message of each code (the CLI prints it; the UI translates by code and uses
 * this table to recover the code from a message that crossed the worker boundary without it).
 */
export const DECODE_ERROR_MESSAGES: Readonly<Record<DecodeErrorCode, string>> = MESSAGES;

/** Error thrown by every decode function; `code` is stable, `message` is for people. */
export class DecodeError extends Error {
	readonly code: DecodeErrorCode;
	constructor(code: DecodeErrorCode, detail?: string, options?: { cause?: unknown }) {
		super(detail ? `${MESSAGES[code]} ${detail}` : MESSAGES[code], options);
		this.name = 'DecodeError';
		this.code = code;
	}
}

/** True when `e` is a DecodeError (works across realms where `instanceof` may not). */
export function isDecodeError(e: unknown): e is DecodeError {
	return e instanceof DecodeError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'DecodeError');
}

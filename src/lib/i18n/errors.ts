/**
 * User-facing error and status messages of the photo pipeline, the worker client and the photo
 * session, in the interface language. These messages are produced in English (the CLI prints
 * them as they are) and reach the UI either as errors with a stable `code` (DecodeError,
 * PipelineError, CameraError, HistoryError) or, after crossing the worker boundary (comlink keeps
 * only `name` and `message`), as English text. `messageCode` recovers a stable code from either;
 * `errorText` translates by that code. Unrecognised messages are shown as they are, prefixed in
 * Chinese by a translated "something went wrong".
 */
import { DECODE_ERROR_MESSAGES, type DecodeErrorCode } from '$lib/pipeline/decode/errors';
import type { Formatter } from './spec-text';

/** A recognised message: its key under `errors.` and the values its translation needs. */
export interface MessageCode {
	key: string;
	values?: Record<string, string | number>;
}

interface Rule {
	match: RegExp;
	key: string;
	/** Names of the regex groups passed as values, in order. */
	groups?: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Message patterns → keys. Sources: src/lib/pipeline/run/*.ts, src/lib/pipeline/encode/window.ts, workers/pipeline.worker.ts, src/lib/app/*.ts. */
const RULES: Rule[] = [
	// DecodeError 'too-small' with the detail added by checkDimensions (src/lib/pipeline/decode/limits.ts): the size and the minimum.
	{
		match: new RegExp(`^${escape(DECODE_ERROR_MESSAGES['too-small'])} It is (\\d+)×(\\d+) pixels; the shorter side must be at least (\\d+) px\\.$`),
		key: 'decode.too-small-size',
		groups: ['width', 'height', 'min']
	},
	...(Object.entries(DECODE_ERROR_MESSAGES) as [DecodeErrorCode, string][]).map(([code, text]) => ({
		match: new RegExp(`^${escape(text)}`),
		key: `decode.${code}`
	})),
	// PipelineError 'no-face' (run/analyse.ts) and the session's own check (app/photo-session.svelte.ts).
	{ match: /^No face was found in this photo\. Use a photo that shows your whole face, looking at the camera, in good light\.$/, key: 'pipeline.no-face' },
	{ match: /^No face was found in this photo\./, key: 'pipeline.no-face-front' },
	// PipelineError 'cannot-comply' (run/render.ts, run/sheet.ts, encode/window.ts).
	{ match: /^The head cannot be framed for this document: (.*)$/s, key: 'pipeline.cannot-frame', groups: ['detail'] },
	{ match: /^A ([\d.]+) x ([\d.]+) mm photo does not fit on (.+) paper\.$/, key: 'pipeline.sheet-too-small', groups: ['w', 'h', 'paper'] },
	{ match: /^Even at the lowest JPEG quality the photo is (\d+) bytes, over the (\d+)-byte maximum\./, key: 'pipeline.file-too-big', groups: ['bytes', 'max'] },
	{ match: /^The window (\d+)\.\.(\d+) bytes is too narrow to reach by padding\.$/, key: 'pipeline.file-window', groups: ['min', 'max'] },
	// workers/pipeline.worker.ts
	{ match: /^This photo is no longer open\. Add it again\.$/, key: 'pipeline.job-gone' },
	// app/pipeline-client.ts
	{ match: /^The photo engine could not be loaded\./, key: 'engine.load' },
	{ match: /^The photo engine could not start: (.*)$/s, key: 'engine.start-detail', groups: ['detail'] },
	{ match: /^The photo engine could not start$/, key: 'engine.start' },
	{ match: /^Something went wrong while processing the photo\.$/, key: 'generic' },
	// app/photo-session.svelte.ts
	{ match: /^Analysis cancelled\.$/, key: 'session.cancelled' },
	// app/photo-file.ts photoFileProblem
	{ match: /^This file is empty\. Choose another photo\.$/, key: 'file.empty' },
	{ match: /^“(.*)” is not a photo\./s, key: 'file.not-photo-named', groups: ['name'] },
	{ match: /^This file is not a photo\./, key: 'file.not-photo' }
];

/**
 * The stable code of a user-facing message: from `error.code` for a DecodeError, else from its
 * text (see RULES). Null when the message is not one of the known ones.
 */
export function messageCode(error: unknown): MessageCode | null {
	if (error && typeof error === 'object') {
		const e = error as { name?: unknown; code?: unknown; message?: unknown };
		if (e.name === 'DecodeError' && typeof e.code === 'string' && e.code in DECODE_ERROR_MESSAGES) {
			// The text may carry details (sizes) that a more specific rule of the same code translates.
			const fromText = typeof e.message === 'string' ? messageCode(e.message) : null;
			return fromText?.key.startsWith(`decode.${e.code}`) ? fromText : { key: `decode.${e.code}` };
		}
		if (typeof e.message === 'string') return messageCode(e.message);
		return null;
	}
	if (typeof error !== 'string') return null;
	for (const rule of RULES) {
		const m = rule.match.exec(error);
		if (!m) continue;
		const values: Record<string, string | number> = {};
		rule.groups?.forEach((g, i) => (values[g] = m[i + 1]));
		return { key: rule.key, values };
	}
	return null;
}

/**
 * True when the error is about the file itself (a decode error: empty, truncated, not an image, SVG,
 * HEIC that cannot be opened, too large, too small, damaged; or the session's own file check), so
 * analysing the same file again cannot succeed: the UI offers "Choose another photo", not "Try again".
 */
export function isFileProblem(error: unknown): boolean {
	const key = messageCode(error)?.key ?? '';
	return key.startsWith('decode.') || key.startsWith('file.');
}

/**
 * True when analysing the same file again must fail the same way, so the UI offers "Choose another photo" and no
 * "Try again": a file problem (isFileProblem), or no face found (the analysis is deterministic: the same pixels give
 * the same detections). Engine failures and cancellations stay retryable.
 */
export function retryCannotHelp(error: unknown): boolean {
	const key = messageCode(error)?.key ?? '';
	return isFileProblem(error) || key === 'pipeline.no-face' || key === 'pipeline.no-face-front';
}

/**
 * An error (or error text) for the user, in the interface language: translated by its code
 * when recognised (`errors.<code>`), else the original text after `errors.unknown`.
 * @param tr the `t` store's formatter (`$t` in a component).
 */
export function errorText(error: unknown, tr: Formatter): string {
	const code = messageCode(error);
	if (code) return tr(`errors.${code.key}`, { values: code.values });
	const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
	return text ? tr('errors.unknown', { values: { message: text } }) : tr('errors.generic');
}

/**
 * Save bytes made on this device as a file, through a temporary object URL and an <a download>.
 * Nothing is uploaded.
 */

/** MIME types of the files the app saves. */
export const MIME = { jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' } as const;

/** Offer `bytes` to the user as a download named `filename` with MIME type `type`. */
export function saveBytes(bytes: Uint8Array, filename: string, type: string): void {
	// Copy into a fresh ArrayBuffer-backed view: the source may be a view on a shared or larger buffer.
	const blob = new Blob([bytes.slice()], { type });
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	a.rel = 'noopener';
	a.style.display = 'none';
	document.body.append(a);
	a.click();
	a.remove();
	// Revoke later: some browsers start reading the URL only after click() returns.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file-name-safe stem from a spec id and output size, e.g. `us_passport_print-600x600`. */
export function fileStem(specId: string, widthPx: number, heightPx: number): string {
	const safe = specId.replace(/[^a-zA-Z0-9_-]+/g, '-');
	return `${safe}-${widthPx}x${heightPx}`;
}

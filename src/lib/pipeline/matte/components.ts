/**
 * Connected components and hole filling on binary masks (Uint8Array [h*w], 0/1, row-major).
 */

/**
 * Labels the 8-connected components of `mask` (non-zero pixels).
 * @returns labels Int32Array [h*w] (0 = background, 1..count) and per-label pixel counts (index 0 unused).
 */
export function labelComponents(mask: Uint8Array, w: number, h: number): { labels: Int32Array; count: number; sizes: number[] } {
	const labels = new Int32Array(w * h);
	const stack = new Int32Array(w * h);
	const sizes = [0];
	let count = 0;
	for (let s = 0; s < w * h; s++) {
		if (!mask[s] || labels[s]) continue;
		count++;
		let size = 0;
		let sp = 0;
		stack[sp++] = s;
		labels[s] = count;
		while (sp > 0) {
			const p = stack[--sp];
			size++;
			const px = p % w;
			const py = (p - px) / w;
			for (let dy = -1; dy <= 1; dy++) {
				const ny = py + dy;
				if (ny < 0 || ny >= h) continue;
				for (let dx = -1; dx <= 1; dx++) {
					const nx = px + dx;
					if (nx < 0 || nx >= w || (dx === 0 && dy === 0)) continue;
					const q = ny * w + nx;
					if (mask[q] && !labels[q]) {
						labels[q] = count;
						stack[sp++] = q;
					}
				}
			}
		}
		sizes.push(size);
	}
	return { labels, count, sizes };
}

/**
 * Sets to 1 every 0-pixel of `mask` (in place) that is not 4-connected to the image border through 0-pixels,
 * i.e. fills the holes of the foreground. Returns the number of pixels filled.
 */
export function fillHoles(mask: Uint8Array, w: number, h: number): number {
	const reached = new Uint8Array(w * h);
	const stack = new Int32Array(w * h);
	let sp = 0;
	const seed = (p: number) => {
		if (!mask[p] && !reached[p]) {
			reached[p] = 1;
			stack[sp++] = p;
		}
	};
	for (let x = 0; x < w; x++) {
		seed(x);
		seed((h - 1) * w + x);
	}
	for (let y = 0; y < h; y++) {
		seed(y * w);
		seed(y * w + w - 1);
	}
	while (sp > 0) {
		const p = stack[--sp];
		const x = p % w;
		if (x > 0) seed(p - 1);
		if (x < w - 1) seed(p + 1);
		if (p >= w) seed(p - w);
		if (p < (h - 1) * w) seed(p + w);
	}
	let filled = 0;
	for (let p = 0; p < w * h; p++)
		if (!mask[p] && !reached[p]) {
			mask[p] = 1;
			filled++;
		}
	return filled;
}

export interface PersonSelection {
	/** Uint8Array [h*w], 1 = kept person pixel. */
	kept: Uint8Array;
	/** Label of the component holding the face (0 when none; then the largest component was kept). */
	faceLabel: number;
	/** Number of components dropped (islands, other people, objects). */
	dropped: number;
	/** Hole pixels filled. */
	holesFilled: number;
}

/**
 * Guard rails on a binary person mask: keeps the component that contains the face centre (or, failing that, the one
 * nearest to it within `searchRadius` px, or the largest) plus components that reach the bottom of the covered area
 * (the image bottom row, or the last covered row of a column when `coverage` is given) AND whose horizontal extent
 * spans the face centre's x (a body separated from the head by a dark collar); drops every other component; then
 * fills holes. Returns a new mask.
 */
export function selectPerson(
	mask: Uint8Array,
	w: number,
	h: number,
	faceCentre: { x: number; y: number },
	searchRadius: number,
	coverage?: Float32Array
): PersonSelection {
	const { labels, count, sizes } = labelComponents(mask, w, h);
	const fx = Math.max(0, Math.min(w - 1, Math.floor(faceCentre.x)));
	const fy = Math.max(0, Math.min(h - 1, Math.floor(faceCentre.y)));
	let faceLabel = labels[fy * w + fx];
	if (!faceLabel) {
		let bestD = searchRadius * searchRadius;
		const r = Math.ceil(searchRadius);
		for (let y = Math.max(0, fy - r); y <= Math.min(h - 1, fy + r); y++)
			for (let x = Math.max(0, fx - r); x <= Math.min(w - 1, fx + r); x++) {
				const l = labels[y * w + x];
				const d = (x - fx) ** 2 + (y - fy) ** 2;
				if (l && d <= bestD) {
					bestD = d;
					faceLabel = l;
				}
			}
	}
	const keep = new Uint8Array(count + 1);
	if (faceLabel) keep[faceLabel] = 1;
	else if (count > 0) {
		let best = 1;
		for (let l = 2; l <= count; l++) if (sizes[l] > sizes[best]) best = l;
		keep[best] = 1;
	}
	// bounding x-range per label, and whether it reaches the bottom of the covered area
	const minX = new Int32Array(count + 1).fill(w);
	const maxX = new Int32Array(count + 1).fill(-1);
	const atBottom = new Uint8Array(count + 1);
	for (let x = 0; x < w; x++) {
		let last = h - 1;
		if (coverage) while (last >= 0 && coverage[last * w + x] < 0.5) last--;
		if (last >= 0) {
			const l = labels[last * w + x];
			if (l) atBottom[l] = 1;
		}
	}
	for (let p = 0; p < w * h; p++) {
		const l = labels[p];
		if (!l) continue;
		const x = p % w;
		if (x < minX[l]) minX[l] = x;
		if (x > maxX[l]) maxX[l] = x;
	}
	for (let l = 1; l <= count; l++) if (atBottom[l] && minX[l] <= fx && maxX[l] >= fx) keep[l] = 1;
	const kept = new Uint8Array(w * h);
	let dropped = 0;
	for (let l = 1; l <= count; l++) if (!keep[l]) dropped++;
	for (let p = 0; p < w * h; p++) if (keep[labels[p]] && labels[p]) kept[p] = 1;
	const holesFilled = fillHoles(kept, w, h);
	return { kept, faceLabel, dropped, holesFilled };
}

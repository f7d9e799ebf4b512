/**
 * Print-sheet layout: as many copies of the photo as fit on the paper at the photo's exact
 * physical size, in a centred grid, with cut ticks. All lengths in mm, origin at the paper's
 * top-left corner, x right, y down.
 */
import { PAPERS, type PaperId, type PaperSize } from './papers';

export interface Cell {
	xMm: number;
	yMm: number;
	wMm: number;
	hMm: number;
}

/** A straight cut tick from (x1, y1) to (x2, y2), mm. */
export interface Tick {
	x1: number;
	y1: number;
	x2: number;
	y2: number;
}

export interface SheetLayout {
	/** Paper as laid out (landscape has w > h), mm. */
	paperMm: { w: number; h: number };
	orientation: 'portrait' | 'landscape';
	/** Grid size. */
	cols: number;
	rows: number;
	/** Photo copies, row-major from the top-left, each exactly photoMm, upright. */
	cells: Cell[];
	ticks: Tick[];
}

export interface LayoutOptions {
	/** Gap between neighbouring photos (the cutting gutter), mm. Default 2. */
	gapMm?: number;
	/** Minimum blank margin at every paper edge, mm. Default 3 (typical borderless-off printer margin). */
	minMarginMm?: number;
	/** Space kept between any tick and any photo edge, mm. Default 0.5. */
	tickClearanceMm?: number;
	/** Longest tick in the outer margin, mm. Default 4. */
	tickMaxMm?: number;
}

/** Float tolerance for "fits": 1 nm, so that e.g. 4 × 37 − 2 + 6 = 152 ≤ 152.4 is not lost to rounding. */
const EPS = 1e-6;

function fit(paper: number, photo: number, gap: number, margin: number): number {
	return Math.max(0, Math.floor((paper - 2 * margin + gap + EPS) / (photo + gap)));
}

/**
 * Lays out copies of a photo of photoMm.w × photoMm.h mm on `paper` (an id from PAPERS or a
 * custom portrait size). Both paper orientations are tried with the photo kept upright; the one
 * with more copies wins (portrait on a tie). The grid is centred, so margins are equal and
 * ≥ minMarginMm; gaps are exactly gapMm.
 * Ticks extend every cell edge: into the outer margins (from tickClearanceMm off the grid, up to
 * tickMaxMm long, never past the paper edge) and across the gutters between cells (inset by
 * tickClearanceMm at both ends), so no tick touches a photo.
 * Returns zero cells (and no ticks) when the photo does not fit. Throws RangeError for
 * non-positive sizes.
 */
export function layoutSheet(paper: PaperId | Pick<PaperSize, 'wMm' | 'hMm'>, photoMm: { w: number; h: number }, options: LayoutOptions = {}): SheetLayout {
	const p = typeof paper === 'string' ? PAPERS[paper] : paper;
	if (!p) throw new RangeError(`unknown paper ${String(paper)}`);
	const { gapMm = 2, minMarginMm = 3, tickClearanceMm = 0.5, tickMaxMm = 4 } = options;
	if (!(photoMm.w > 0 && photoMm.h > 0 && p.wMm > 0 && p.hMm > 0)) throw new RangeError('paper and photo sizes must be positive');
	const pw = Math.min(p.wMm, p.hMm);
	const ph = Math.max(p.wMm, p.hMm);
	const options2 = [
		{ orientation: 'portrait' as const, W: pw, H: ph },
		{ orientation: 'landscape' as const, W: ph, H: pw }
	].map((o) => {
		const cols = fit(o.W, photoMm.w, gapMm, minMarginMm);
		const rows = fit(o.H, photoMm.h, gapMm, minMarginMm);
		return { ...o, cols, rows, count: cols * rows };
	});
	const best = options2[1].count > options2[0].count ? options2[1] : options2[0];
	const { W, H, cols, rows } = best;
	const cells: Cell[] = [];
	const ticks: Tick[] = [];
	const layout: SheetLayout = { paperMm: { w: W, h: H }, orientation: best.orientation, cols, rows, cells, ticks };
	if (best.count === 0) return layout;
	const gridW = cols * photoMm.w + (cols - 1) * gapMm;
	const gridH = rows * photoMm.h + (rows - 1) * gapMm;
	const x0 = (W - gridW) / 2;
	const y0 = (H - gridH) / 2;
	const xs: number[] = []; // left edges
	const ys: number[] = []; // top edges
	for (let c = 0; c < cols; c++) xs.push(x0 + c * (photoMm.w + gapMm));
	for (let r = 0; r < rows; r++) ys.push(y0 + r * (photoMm.h + gapMm));
	for (const y of ys) for (const x of xs) cells.push({ xMm: x, yMm: y, wMm: photoMm.w, hMm: photoMm.h });

	const vLines = xs.flatMap((x) => [x, x + photoMm.w]); // vertical cut lines, x mm
	const hLines = ys.flatMap((y) => [y, y + photoMm.h]); // horizontal cut lines, y mm
	const c = tickClearanceMm;
	// Outer margins: a tick from the paper edge side towards the grid, stopping c short of it.
	const topLen = Math.min(tickMaxMm, y0 - c);
	const sideLen = Math.min(tickMaxMm, x0 - c);
	if (topLen > 0) {
		for (const x of vLines) {
			ticks.push({ x1: x, y1: y0 - c - topLen, x2: x, y2: y0 - c });
			ticks.push({ x1: x, y1: y0 + gridH + c, x2: x, y2: y0 + gridH + c + topLen });
		}
	}
	if (sideLen > 0) {
		for (const y of hLines) {
			ticks.push({ x1: x0 - c - sideLen, y1: y, x2: x0 - c, y2: y });
			ticks.push({ x1: x0 + gridW + c, y1: y, x2: x0 + gridW + c + sideLen, y2: y });
		}
	}
	// Gutters: each horizontal cut line continued across each vertical gutter, and vice versa.
	if (gapMm > 2 * c) {
		for (let i = 0; i + 1 < cols; i++) {
			const gx1 = xs[i] + photoMm.w + c;
			const gx2 = xs[i + 1] - c;
			for (const y of hLines) ticks.push({ x1: gx1, y1: y, x2: gx2, y2: y });
		}
		for (let j = 0; j + 1 < rows; j++) {
			const gy1 = ys[j] + photoMm.h + c;
			const gy2 = ys[j + 1] - c;
			for (const x of vLines) ticks.push({ x1: x, y1: gy1, x2: x, y2: gy2 });
		}
	}
	return layout;
}

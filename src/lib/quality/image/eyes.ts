/** 'red-eye' (inside the pupils) and 'glasses-glare' (specular highlights around the eyes). */
import type { Box, Point } from '../../types';
import type { QualityCheck } from '../types';
import { srgbToLab } from '../color';
import { check, round, unknown } from './check';
import { fmtNum, fmtPct, text } from '../format';
import type { ImageContext } from './context';
import { irises } from './landmarks';

/** Pupil radius as a fraction of the iris radius (a dilated pupil indoors, where red eye happens: ~0.5). */
const PUPIL_FRACTION = 0.55;
/**
 * A red-eye pixel: a* > 30 and L* > 20 with R > 1.6·max(G, B) (flash light reflected by the retina; healthy pupils
 * are dark and brown irises have a* < 20). Fraction of pupil pixels: warn > 10 %, fail > 25 % (project calibration:
 * clean testdata portraits 0 %). Red eye is not acceptable: UK rules, ANSI/NIST-ITL 1-2011 Annex E.3.7.
 */
export const RED_WARN = 0.1;
export const RED_FAIL = 0.25;

function discPixels(ctx: ImageContext, c: Point, r: number): number[] {
	const { width: W, height: H } = ctx.image;
	const out: number[] = [];
	const r2 = r * r;
	for (let y = Math.max(0, Math.floor(c.y - r)); y <= Math.min(H - 1, Math.ceil(c.y + r)); y++)
		for (let x = Math.max(0, Math.floor(c.x - r)); x <= Math.min(W - 1, Math.ceil(c.x + r)); x++) {
			const dx = x + 0.5 - c.x, dy = y + 0.5 - c.y;
			if (dx * dx + dy * dy <= r2) out.push((y * W + x) * 4);
		}
	return out;
}

/** 'red-eye': red fraction of each pupil disc (PUPIL_FRACTION × iris radius, landmarks 468–477); the worse eye counts. */
export function checkRedEye(ctx: ImageContext): QualityCheck {
	const ir = irises(ctx.landmarks);
	const d = ctx.image.data;
	let counted = 0;
	const frac = [ir.right, ir.left].map(({ c, r }) => {
		const px = discPixels(ctx, c, Math.max(1, PUPIL_FRACTION * r));
		counted += px.length;
		let red = 0;
		for (const o of px) {
			const R = d[o], G = d[o + 1], B = d[o + 2];
			if (R <= 1.6 * Math.max(G, B)) continue;
			const lab = srgbToLab(R, G, B);
			if (lab.a > 30 && lab.L > 20) red++;
		}
		return px.length ? red / px.length : 0;
	});
	const redLimit = text('red-eye.limit', { limit: fmtPct(RED_WARN, 0) });
	if (counted === 0) return unknown('red-eye', 'face', 'ratio', redLimit, text('red-eye.unknown'), 60);
	const worst = Math.max(...frac);
	const status = worst > RED_FAIL ? 'fail' : worst > RED_WARN ? 'warn' : 'pass';
	const which = frac[0] >= frac[1] ? ir.right : ir.left;
	return check({
		id: 'red-eye',
		group: 'face',
		status,
		value: round(worst, 3),
		unit: 'ratio',
		limitText: redLimit,
		ofiq: null,
		text: text(status === 'pass' ? 'red-eye.pass' : 'red-eye.problem', { measured: fmtPct(worst, 0) }),
		fixText: text('red-eye.fix'),
		region: { x: which.c.x - 1.5 * which.r, y: which.c.y - 1.5 * which.r, width: 3 * which.r, height: 3 * which.r },
		severity: 60
	});
}

/**
 * Glasses glare: near-white saturated pixels (BT.601 luma ≥ 245 and chroma C* < 20) in the lens areas — a box
 * 0.9·IED wide and 0.6·IED tall around each eye centre, the iris disc (× 1.3, where catchlights are normal) left out.
 * Fraction of the lens area: warn > 0.5 %, fail > 1.5 % (project calibration: clean testdata portraits ≤ 0.1 %;
 * a glare spot of radius 0.1·IED covers ≈ 5.8 %). ICAO 9303: no reflections on glasses.
 */
export const GLARE_WARN = 0.005;
export const GLARE_FAIL = 0.015;

/** 'glasses-glare' (see GLARE_*); region = bounding box of the glare pixels, else both lens areas. */
export function checkGlare(ctx: ImageContext): QualityCheck {
	const ir = irises(ctx.landmarks);
	const { width: W, height: H, data: d } = ctx.image;
	const eyes = [
		{ c: ctx.eyes.right, iris: ir.right },
		{ c: ctx.eyes.left, iris: ir.left }
	];
	let glare = 0, n = 0;
	let gx0 = Infinity, gy0 = Infinity, gx1 = -Infinity, gy1 = -Infinity;
	const boxes: Box[] = [];
	for (const e of eyes) {
		const hw = 0.45 * ctx.ied, hh = 0.3 * ctx.ied;
		boxes.push({ x: e.c.x - hw, y: e.c.y - hh, width: 2 * hw, height: 2 * hh });
		const rx = 1.3 * e.iris.r;
		for (let y = Math.max(0, Math.floor(e.c.y - hh)); y < Math.min(H, Math.ceil(e.c.y + hh)); y++)
			for (let x = Math.max(0, Math.floor(e.c.x - hw)); x < Math.min(W, Math.ceil(e.c.x + hw)); x++) {
				const dx = x + 0.5 - e.iris.c.x, dy = y + 0.5 - e.iris.c.y;
				if (dx * dx + dy * dy <= rx * rx) continue;
				n++;
				const o = (y * W + x) * 4;
				const R = d[o], G = d[o + 1], B = d[o + 2];
				if (0.299 * R + 0.587 * G + 0.114 * B < 245) continue;
				const lab = srgbToLab(R, G, B);
				if (Math.hypot(lab.a, lab.b) >= 20) continue;
				glare++;
				gx0 = Math.min(gx0, x); gy0 = Math.min(gy0, y); gx1 = Math.max(gx1, x); gy1 = Math.max(gy1, y);
			}
	}
	const glareLimit = text('glasses-glare.limit', { limit: fmtPct(GLARE_WARN) });
	if (n === 0) return unknown('glasses-glare', 'lighting', 'ratio', glareLimit, text('glasses-glare.unknown'), 55);
	const f = glare / n;
	const status = f > GLARE_FAIL ? 'fail' : f > GLARE_WARN ? 'warn' : 'pass';
	const union: Box = {
		x: Math.min(boxes[0].x, boxes[1].x),
		y: Math.min(boxes[0].y, boxes[1].y),
		width: Math.max(boxes[0].x + boxes[0].width, boxes[1].x + boxes[1].width) - Math.min(boxes[0].x, boxes[1].x),
		height: Math.max(boxes[0].y + boxes[0].height, boxes[1].y + boxes[1].height) - Math.min(boxes[0].y, boxes[1].y)
	};
	return check({
		id: 'glasses-glare',
		group: 'lighting',
		status,
		value: round(f, 4),
		unit: 'ratio',
		limitText: glareLimit,
		ofiq: null,
		text: text(status === 'pass' ? 'glasses-glare.pass' : 'glasses-glare.problem', { measured: fmtPct(f) }),
		fixText: text('glasses-glare.fix'),
		region: glare > 0 ? { x: gx0, y: gy0, width: gx1 - gx0 + 1, height: gy1 - gy0 + 1 } : union,
		severity: 55
	});
}

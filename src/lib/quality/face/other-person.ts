/**
 * Evidence of a second person: more faces than the main one (OFIQ SingleFacePresent, ISO/IEC 29794-5 0x4C: f = area
 * of the second-largest face box / area of the largest), and, when a person mask is present, a second large blob of
 * the mask that is not connected to the main person (a shoulder, an arm or the body of someone beside or behind).
 */
import type { Box, FaceDetection, PersonMask } from '../../types';

/** Mask probability above which a pixel counts as person (the usual 0.5 decision level of a sigmoid mask). */
export const PERSON_LEVEL = 0.5;
/** Longest side of the grid the mask is labelled on (the mask is sampled down to this: the blobs that matter are ≥ 3 % of a person). */
const GRID = 160;

export interface OtherFace {
	/** Area of the second-largest face box / area of the largest (OFIQ's f); 0 with a single face. */
	ratio: number;
	/** The second-largest face box, image px; null with a single face. */
	box: Box | null;
}

/**
 * OFIQ's f from the faces (any order). A face whose box centre lies inside the largest face's box is taken as a second
 * detection of the same face (a duplicate the detector's NMS let through), not as another person.
 */
export function secondFace(faces: FaceDetection[]): OtherFace & { count: number } {
	if (faces.length < 2) return { ratio: 0, box: null, count: faces.length };
	const sorted = [...faces].sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
	const m = sorted[0].box;
	const others = sorted.slice(1).filter((f) => {
		const cx = f.box.x + f.box.width / 2;
		const cy = f.box.y + f.box.height / 2;
		return !(cx >= m.x && cx <= m.x + m.width && cy >= m.y && cy <= m.y + m.height);
	});
	if (others.length === 0) return { ratio: 0, box: null, count: 1 };
	const a0 = m.width * m.height;
	return { ratio: a0 > 0 ? (others[0].box.width * others[0].box.height) / a0 : 0, box: others[0].box, count: 1 + others.length };
}

export interface OtherBlob {
	/** Area of the largest person blob not connected to the main person / area of the main person's blob (mask px). */
	ratio: number;
	/** Its bounding box, image px; null when there is none. */
	box: Box | null;
}

/**
 * Labels the person mask (4-connected components of mask ≥ PERSON_LEVEL on a grid of at most 160 cells a side) and
 * compares the largest component other than the main person's with the main one. The main person's component is the
 * one under the centre of `face` (else the largest component overlapping `face`).
 * @param mask PersonMask over `mask.box` of the image (see types.ts)
 * @param face the main face box, image px
 * @returns ratio 0 and box null when the mask shows one person (or nobody under the face).
 */
export function secondPersonBlob(mask: PersonMask, face: Box): OtherBlob {
	const step = Math.max(1, Math.ceil(Math.max(mask.width, mask.height) / GRID));
	const gw = Math.ceil(mask.width / step);
	const gh = Math.ceil(mask.height / step);
	const on = new Uint8Array(gw * gh);
	for (let gy = 0; gy < gh; gy++) {
		for (let gx = 0; gx < gw; gx++) {
			const v = mask.data[Math.min(mask.height - 1, gy * step) * mask.width + Math.min(mask.width - 1, gx * step)];
			on[gy * gw + gx] = v >= PERSON_LEVEL ? 1 : 0;
		}
	}
	const labels = new Int32Array(gw * gh);
	const areas: number[] = [0];
	const bounds: [number, number, number, number][] = [[0, 0, 0, 0]];
	const stack = new Int32Array(gw * gh);
	for (let start = 0; start < on.length; start++) {
		if (!on[start] || labels[start]) continue;
		const id = areas.length;
		let area = 0;
		let x0 = gw, y0 = gh, x1 = -1, y1 = -1;
		let top = 0;
		labels[start] = id;
		stack[top++] = start;
		while (top > 0) {
			const k = stack[--top];
			const x = k % gw;
			const y = (k - x) / gw;
			area++;
			if (x < x0) x0 = x;
			if (x > x1) x1 = x;
			if (y < y0) y0 = y;
			if (y > y1) y1 = y;
			if (x > 0 && on[k - 1] && !labels[k - 1]) { labels[k - 1] = id; stack[top++] = k - 1; }
			if (x < gw - 1 && on[k + 1] && !labels[k + 1]) { labels[k + 1] = id; stack[top++] = k + 1; }
			if (y > 0 && on[k - gw] && !labels[k - gw]) { labels[k - gw] = id; stack[top++] = k - gw; }
			if (y < gh - 1 && on[k + gw] && !labels[k + gw]) { labels[k + gw] = id; stack[top++] = k + gw; }
		}
		areas.push(area);
		bounds.push([x0, y0, x1, y1]);
	}
	if (areas.length <= 2) return { ratio: 0, box: null };
	// grid cell → image px
	const sx = (mask.box.width / mask.width) * step;
	const sy = (mask.box.height / mask.height) * step;
	const toGrid = (x: number, y: number) => [Math.floor((x - mask.box.x) / sx), Math.floor((y - mask.box.y) / sy)];
	const [cx, cy] = toGrid(face.x + face.width / 2, face.y + face.height / 2);
	let main = cx >= 0 && cy >= 0 && cx < gw && cy < gh ? labels[cy * gw + cx] : 0;
	if (!main) {
		// largest component with a cell inside the face box
		const [fx0, fy0] = toGrid(face.x, face.y);
		const [fx1, fy1] = toGrid(face.x + face.width, face.y + face.height);
		for (let y = Math.max(0, fy0); y <= Math.min(gh - 1, fy1); y++)
			for (let x = Math.max(0, fx0); x <= Math.min(gw - 1, fx1); x++) {
				const l = labels[y * gw + x];
				if (l && (!main || areas[l] > areas[main])) main = l;
			}
	}
	if (!main) return { ratio: 0, box: null };
	let other = 0;
	for (let l = 1; l < areas.length; l++) if (l !== main && (!other || areas[l] > areas[other])) other = l;
	if (!other) return { ratio: 0, box: null };
	const [x0, y0, x1, y1] = bounds[other];
	return {
		ratio: areas[other] / areas[main],
		box: { x: mask.box.x + x0 * sx, y: mask.box.y + y0 * sy, width: (x1 - x0 + 1) * sx, height: (y1 - y0 + 1) * sy }
	};
}

/**
 * Synthetic defects for the quality-check evaluation (`npm run eval:checks`): each function takes a CLEAN photo (the
 * app's own finished photo: plain background, head framed) with what is known about it, and returns a copy with ONE
 * known defect. Images are 8-bit sRGB RGBA (RgbaImage), row-major; coordinates are px of that image, y down.
 * Strengths are scaled by the inter-eye distance (IED) where the defect's visibility depends on the face size
 * (issue 4: "gaussian sigma ~ 3 px at inter-eye 100 px").
 */
import sharp from 'sharp';
import type { FaceLandmarks, Point, RgbaImage } from '../../src/lib/types';
import { warpAffine } from '../../src/lib/pipeline/geometry/warp';
import { similarity } from '../../src/lib/pipeline/geometry/affine';
import { CANONICAL_FACE } from '../../src/lib/quality/face/canonical/canonical-face';

/** What a defect may use about the clean photo. */
export interface CleanPhoto {
	image: RgbaImage;
	/** Person alpha matte of the clean photo (renderPhoto's), Float32Array [h*w] in [0,1]. */
	alpha: Float32Array;
	/** 478 landmarks of the face in the clean photo (its own analysis), px. */
	landmarks: FaceLandmarks;
	/** Background colour of the clean photo, 0..255. */
	background: { r: number; g: number; b: number };
}

const clone = (im: RgbaImage): RgbaImage => ({ width: im.width, height: im.height, data: new Uint8ClampedArray(im.data) });

export function eyeCentre(lm: FaceLandmarks): Point {
	return { x: (lm.irisCenters.left.x + lm.irisCenters.right.x) / 2, y: (lm.irisCenters.left.y + lm.irisCenters.right.y) / 2 };
}

export function interEye(lm: FaceLandmarks): number {
	return Math.hypot(lm.irisCenters.left.x - lm.irisCenters.right.x, lm.irisCenters.left.y - lm.irisCenters.right.y);
}

/** Bounding box of landmarks `ids` (all 478 when omitted), px. */
export function landmarkBox(lm: FaceLandmarks, ids?: number[]): { x0: number; y0: number; x1: number; y1: number } {
	const list = ids ?? Array.from({ length: lm.points.length / 3 }, (_, i) => i);
	let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
	for (const i of list) {
		const x = lm.points[i * 3], y = lm.points[i * 3 + 1];
		x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
	}
	return { x0, y0, x1, y1 };
}

/** Deterministic PRNG (mulberry32), uniform in [0,1). */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Standard normal sample (Box-Muller) from a uniform source. */
function gauss(u: () => number): number {
	return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

// sRGB <-> linear light (IEC 61966-2-1).
const toLinear = (v: number) => {
	const c = v / 255;
	return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
};
const LIN = Float64Array.from({ length: 256 }, (_, i) => toLinear(i));
const toSrgb = (l: number) => {
	const c = Math.max(0, Math.min(1, l));
	return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);
};

/** Linear-light gains per channel (an exposure change of s stops is gain 2^s on every channel), clipped. */
export function linearGain(im: RgbaImage, gr: number, gg: number, gb: number): RgbaImage {
	const out = clone(im);
	const d = out.data;
	for (let i = 0; i < d.length; i += 4) {
		d[i] = toSrgb(LIN[d[i]] * gr);
		d[i + 1] = toSrgb(LIN[d[i + 1]] * gg);
		d[i + 2] = toSrgb(LIN[d[i + 2]] * gb);
	}
	return out;
}

/** Exposure shift of `stops` (±1.5 in the evaluation): linear light × 2^stops. */
export const exposure = (im: RgbaImage, stops: number) => linearGain(im, 2 ** stops, 2 ** stops, 2 ** stops);

/** Warm colour cast: linear R × 1.3, B × 0.7 (mean channel difference on skin ≫ 10, ANSI/NIST-ITL 1-2011 E.3.4). */
export const colourCast = (im: RgbaImage) => linearGain(im, 1.3, 1, 0.7);

/** Greyscale: Rec. 709 luma of the sRGB values on all three channels. */
export function greyscale(im: RgbaImage): RgbaImage {
	const out = clone(im);
	const d = out.data;
	for (let i = 0; i < d.length; i += 4) {
		const y = 0.2126 * d[i] + 0.7152 * d[i + 1] + 0.0722 * d[i + 2];
		d[i] = d[i + 1] = d[i + 2] = y;
	}
	return out;
}

/** Additive Gaussian noise, independent per channel, standard deviation `sigma` (0..255 units). Seeded. */
export function noise(im: RgbaImage, sigma: number, seed: number): RgbaImage {
	const out = clone(im);
	const d = out.data;
	const u = rng(seed);
	for (let i = 0; i < d.length; i += 4) for (let c = 0; c < 3; c++) d[i + c] = d[i + c] + sigma * gauss(u);
	return out;
}

/** Gaussian blur of standard deviation `sigma` px (libvips through sharp). */
export async function blur(im: RgbaImage, sigma: number): Promise<RgbaImage> {
	const { data, info } = await sharp(Buffer.from(im.data.buffer, im.data.byteOffset, im.data.byteLength), { raw: { width: im.width, height: im.height, channels: 4 } })
		.blur(sigma)
		.raw()
		.toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
}

/** In-plane rotation (roll) by `deg` degrees clockwise on screen about the eye centre; corners take the background. */
export function rotate(p: CleanPhoto, deg: number): RgbaImage {
	const c = eyeCentre(p.landmarks);
	return warpAffine(p.image, similarity(1, deg, c, c), p.image.width, p.image.height, { background: p.background }).image;
}

/**
 * Head turn (yaw) by `deg` degrees (positive: towards the subject's left, the nose moves to the image's right),
 * simulated with MediaPipe's canonical face (src/lib/quality/face/canonical/canonical-face.ts, cm, origin near the head
 * centre): each mesh landmark i moves in x by s·(x_i(cos θ − 1) + z_i sin θ), with s = image px per canonical cm from
 * the outer eye corners (33, 263), i.e. a rigid turn of an average head about its vertical axis, shown at the face's
 * own landmark positions. The image is warped by that displacement field, interpolated between landmarks (Gaussian
 * weights, σ = 0.35 IED) and faded to zero over one IED outside the face. Backward mapping, bilinear.
 */
export function yaw(p: CleanPhoto, deg: number): RgbaImage {
	const lm = p.landmarks;
	const n = 468;
	const ied = interEye(lm);
	const t = (deg * Math.PI) / 180;
	const C = CANONICAL_FACE;
	const cmSpan = Math.hypot(C[263 * 3] - C[33 * 3], C[263 * 3 + 1] - C[33 * 3 + 1]);
	const pxSpan = Math.hypot(lm.points[263 * 3] - lm.points[33 * 3], lm.points[263 * 3 + 1] - lm.points[33 * 3 + 1]);
	const s = pxSpan / cmSpan;
	// New positions of the landmarks and the backward displacement (source x = output x + dx).
	const px = new Float64Array(n), py = new Float64Array(n), dx = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const d = s * (C[i * 3] * (Math.cos(t) - 1) + C[i * 3 + 2] * Math.sin(t));
		px[i] = lm.points[i * 3] + d;
		py[i] = lm.points[i * 3 + 1];
		dx[i] = -d;
	}
	const box = landmarkBox(lm);
	const x0 = Math.max(0, Math.floor(box.x0 - ied)), x1 = Math.min(p.image.width, Math.ceil(box.x1 + ied));
	const y0 = Math.max(0, Math.floor(box.y0 - ied)), y1 = Math.min(p.image.height, Math.ceil(box.y1 + ied));
	const s2 = 2 * (0.35 * ied) ** 2;
	const out = clone(p.image);
	const src = p.image.data, W = p.image.width;
	for (let y = y0; y < y1; y++)
		for (let x = x0; x < x1; x++) {
			let wsum = 0, dsum = 0, near = Infinity;
			for (let i = 0; i < n; i++) {
				const ex = x - px[i], ey = y - py[i];
				const d2 = ex * ex + ey * ey;
				if (d2 < near) near = d2;
				if (d2 > 9 * s2) continue;
				const w = Math.exp(-d2 / s2);
				wsum += w;
				dsum += w * dx[i];
			}
			if (wsum <= 0) continue;
			const fade = Math.max(0, 1 - Math.sqrt(near) / ied);
			const sx = x + (dsum / wsum) * fade;
			const ix = Math.floor(sx), fx = sx - ix;
			const a = Math.max(0, Math.min(W - 1, ix)), b = Math.max(0, Math.min(W - 1, ix + 1));
			const o = (y * W + x) * 4;
			for (let c = 0; c < 3; c++) out.data[o + c] = src[(y * W + a) * 4 + c] * (1 - fx) + src[(y * W + b) * 4 + c] * fx;
		}
	return out;
}

/**
 * +1 when the nose tip (landmark 1) lies right of the midpoint of the face-oval edges (landmarks 234, 454) in the
 * image, else -1: the direction the head is already turned, so a simulated turn increases it.
 */
export function yawSign(lm: FaceLandmarks): 1 | -1 {
	const mid = (lm.points[234 * 3] + lm.points[454 * 3]) / 2;
	return lm.points[1 * 3] >= mid ? 1 : -1;
}

/** Alpha-blend `patch` (RGBA, its own alpha × `weight`) into `im` at (ox, oy). */
function paste(im: RgbaImage, patch: RgbaImage, weight: Float32Array, ox: number, oy: number): void {
	for (let y = 0; y < patch.height; y++) {
		const Y = oy + y;
		if (Y < 0 || Y >= im.height) continue;
		for (let x = 0; x < patch.width; x++) {
			const X = ox + x;
			if (X < 0 || X >= im.width) continue;
			const w = weight[y * patch.width + x];
			if (w <= 0) continue;
			const o = (Y * im.width + X) * 4, s = (y * patch.width + x) * 4;
			for (let c = 0; c < 3; c++) im.data[o + c] = im.data[o + c] * (1 - w) + patch.data[s + c] * w;
		}
	}
}

/**
 * A second face: the face of `other` (its landmark box grown by 25 %, with a soft elliptical edge) scaled to `relSize`
 * times this face's width and pasted beside the head at eye height, centred in the wider gap between the face and the
 * photo's side edge (a person in the background).
 */
export async function secondFace(p: CleanPhoto, other: CleanPhoto, relSize = 0.5): Promise<RgbaImage> {
	const ob = landmarkBox(other.landmarks);
	const gw = (ob.x1 - ob.x0) * 1.25, gh = (ob.y1 - ob.y0) * 1.25;
	const ocx = (ob.x0 + ob.x1) / 2, ocy = (ob.y0 + ob.y1) / 2;
	const left = Math.max(0, Math.round(ocx - gw / 2)), top = Math.max(0, Math.round(ocy - gh / 2));
	const cw = Math.min(other.image.width - left, Math.round(gw)), ch = Math.min(other.image.height - top, Math.round(gh));
	const mb = landmarkBox(p.landmarks);
	const targetW = Math.max(8, Math.round((mb.x1 - mb.x0) * relSize));
	const targetH = Math.max(8, Math.round((targetW * ch) / cw));
	const { data, info } = await sharp(Buffer.from(other.image.data.buffer, other.image.data.byteOffset, other.image.data.byteLength), { raw: { width: other.image.width, height: other.image.height, channels: 4 } })
		.extract({ left, top, width: cw, height: ch })
		.resize(targetW, targetH)
		.raw()
		.toBuffer({ resolveWithObject: true });
	const patch: RgbaImage = { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
	const weight = new Float32Array(patch.width * patch.height);
	for (let y = 0; y < patch.height; y++)
		for (let x = 0; x < patch.width; x++) {
			const ex = (x + 0.5 - patch.width / 2) / (patch.width / 2), ey = (y + 0.5 - patch.height / 2) / (patch.height / 2);
			const r = Math.hypot(ex, ey);
			weight[y * patch.width + x] = r < 0.85 ? 1 : r < 1 ? (1 - r) / 0.15 : 0;
		}
	const e = eyeCentre(p.landmarks);
	// Centre of the wider gap between the face and the photo's side edge, at eye height.
	const roomLeft = mb.x0, roomRight = p.image.width - mb.x1;
	const cxTarget = roomLeft > roomRight ? mb.x0 / 2 : (mb.x1 + p.image.width) / 2;
	const out = clone(p.image);
	paste(out, patch, weight, Math.round(cxTarget - patch.width / 2), Math.round(e.y - patch.height / 2));
	return out;
}

/** Eye landmarks: both eyes' contours (MediaPipe face mesh 33, 133, 159, 145 right; 263, 362, 386, 374 left) and irises. */
const EYE_IDS = [33, 133, 159, 145, 160, 144, 263, 362, 386, 374, 387, 373, 468, 473];

/**
 * An opaque patch over both eyes (like hair or a hand): the eyes' landmark box grown by 0.3 IED sideways and
 * 0.35 IED up and down, filled with dark brown (#3A2A20) with faint noise (not a flat synthetic colour).
 */
export function eyePatch(p: CleanPhoto, seed: number): RgbaImage {
	const b = landmarkBox(p.landmarks, EYE_IDS);
	const ied = interEye(p.landmarks);
	const x0 = Math.max(0, Math.floor(b.x0 - 0.3 * ied)), x1 = Math.min(p.image.width, Math.ceil(b.x1 + 0.3 * ied));
	const y0 = Math.max(0, Math.floor(b.y0 - 0.35 * ied)), y1 = Math.min(p.image.height, Math.ceil(b.y1 + 0.35 * ied));
	const out = clone(p.image);
	const u = rng(seed);
	for (let y = y0; y < y1; y++)
		for (let x = x0; x < x1; x++) {
			const o = (y * out.width + x) * 4;
			const k = 1 + 0.08 * gauss(u);
			out.data[o] = 0x3a * k;
			out.data[o + 1] = 0x2a * k;
			out.data[o + 2] = 0x20 * k;
		}
	return out;
}

/**
 * A busy background: a texture (diagonal colour stripes, a checkerboard and random discs, all high contrast) behind
 * the person, composited with the clean photo's matte: out = α·photo + (1 − α)·texture.
 */
export function busyBackground(p: CleanPhoto, seed: number): RgbaImage {
	const { width: W, height: H } = p.image;
	const tex = new Uint8ClampedArray(W * H * 3);
	const period = Math.max(8, Math.round(W / 12));
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++) {
			const stripe = Math.floor((x + y) / period) % 3;
			const check = (Math.floor(x / (period / 2)) + Math.floor(y / (period / 2))) % 2;
			const base = stripe === 0 ? [200, 60, 50] : stripe === 1 ? [40, 110, 190] : [235, 220, 90];
			const t = (y * W + x) * 3;
			for (let c = 0; c < 3; c++) tex[t + c] = check ? base[c] : base[c] * 0.55;
		}
	const u = rng(seed);
	for (let k = 0; k < 25; k++) {
		const cx = u() * W, cy = u() * H, r = (0.03 + 0.06 * u()) * W;
		const col = [u() * 255, u() * 255, u() * 255];
		for (let y = Math.max(0, Math.floor(cy - r)); y < Math.min(H, cy + r); y++)
			for (let x = Math.max(0, Math.floor(cx - r)); x < Math.min(W, cx + r); x++)
				if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) for (let c = 0; c < 3; c++) tex[(y * W + x) * 3 + c] = col[c];
	}
	const out = clone(p.image);
	for (let i = 0; i < W * H; i++) {
		const a = p.alpha[i];
		for (let c = 0; c < 3; c++) out.data[i * 4 + c] = a * p.image.data[i * 4 + c] + (1 - a) * tex[i * 3 + c];
	}
	return out;
}

/**
 * The person's shadow on the wall beside the head: the matte shifted sideways by 1.0 IED and down by 0.3 IED (light
 * from the front-left or -right), blurred (σ = 0.4 IED) so its edge is a gradient, darkening the background (1 − α) by
 * up to `depth` (0.5: the shadow has 50 % of the wall's linear luminance). Falls on the side with more background.
 */
export async function shadow(p: CleanPhoto, depth = 0.5): Promise<RgbaImage> {
	const { width: W, height: H } = p.image;
	const ied = interEye(p.landmarks);
	const mb = landmarkBox(p.landmarks);
	const dir = mb.x0 > W - mb.x1 ? -1 : 1;
	const sx = Math.round(dir * 1.0 * ied), sy = Math.round(0.3 * ied);
	const shifted = new Uint8ClampedArray(W * H);
	for (let y = 0; y < H; y++)
		for (let x = 0; x < W; x++) {
			const X = x - sx, Y = y - sy;
			shifted[y * W + x] = X >= 0 && X < W && Y >= 0 && Y < H ? Math.round(255 * p.alpha[Y * W + X]) : 0;
		}
	const blurred = await sharp(Buffer.from(shifted.buffer), { raw: { width: W, height: H, channels: 1 } }).blur(Math.max(0.5, 0.4 * ied)).extractChannel(0).raw().toBuffer();
	// (sharp writes a 1-channel raw input back as 3 channels unless one channel is extracted.)
	const out = clone(p.image);
	for (let i = 0; i < W * H; i++) {
		const k = 1 - depth * (blurred[i] / 255) * (1 - p.alpha[i]);
		for (let c = 0; c < 3; c++) out.data[i * 4 + c] = toSrgb(LIN[p.image.data[i * 4 + c]] * k);
	}
	return out;
}

/**
 * A tight crop that cuts the head: the top of the photo is cut at 0.6 eye-to-chin distances above the eye line
 * (through the forehead), the sides are cut symmetrically to keep the aspect ratio, and the result is scaled back to
 * the photo's size (Lanczos3).
 */
export async function tightCrop(p: CleanPhoto): Promise<RgbaImage> {
	const { width: W, height: H } = p.image;
	const e = eyeCentre(p.landmarks);
	const chinY = p.landmarks.points[152 * 3 + 1];
	const top = Math.max(1, Math.round(e.y - 0.6 * (chinY - e.y)));
	const h = H - top, w = Math.round((W * h) / H), left = Math.round((W - w) / 2);
	const { data, info } = await sharp(Buffer.from(p.image.data.buffer, p.image.data.byteOffset, p.image.data.byteLength), { raw: { width: W, height: H, channels: 4 } })
		.extract({ left, top, width: w, height: h })
		.resize(W, H, { kernel: 'lanczos3' })
		.raw()
		.toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength) };
}

/** JPEG bytes of `im` at `quality` (libjpeg-turbo through sharp, 4:2:0), no metadata. */
export async function encodeJpeg(im: RgbaImage, quality: number): Promise<Uint8Array> {
	const buf = await sharp(Buffer.from(im.data.buffer, im.data.byteOffset, im.data.byteLength), { raw: { width: im.width, height: im.height, channels: 4 } })
		.removeAlpha()
		.jpeg({ quality, mozjpeg: false })
		.toBuffer();
	return new Uint8Array(buf);
}

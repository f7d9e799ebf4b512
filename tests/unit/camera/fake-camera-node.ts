/**
 * Node side of the fake camera (tests/browser/e2e/camera.spec.ts, bench/camera.ts): measures the portrait with the
 * project's inference (models/onnx, WASM) and writes .y4m files in which the portrait is well framed for a document,
 * or shifted, rolled or too small. Files go to the OS temp folder (idphoto-fake-camera/), named by the settings and
 * a hash of the code that makes them, and are reused.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createInferenceEngine } from '../../../src/lib/inference/engine';
import { fsModelLoader } from '../../../src/lib/inference/loaders-node';
import { measureLandmarks } from '../../../src/lib/camera/landmark-measures';
import { captureFraming } from '../../../src/lib/camera/framing';
import { geometryTarget } from '../../../src/lib/specs/geometry';
import { parseSpec, type PhotoSpec } from '../../../src/lib/specs/schema';
import type { Point, RgbaImage } from '../../../src/lib/types';
import { placePortrait, y4m } from './fake-camera';

const ROOT = join(import.meta.dirname, '../../..');
export const ASTRONAUT = join(ROOT, 'tests/fixtures/astronaut.png');

export interface PortraitMeasure {
	/** Midpoint of the BlazeFace eye keypoints, portrait px. */
	eyeCentre: Point;
	/** Eye-to-chin distance (landmarks, levelled), portrait px. */
	eyeToChinPx: number;
}

async function rgbaOf(path: string): Promise<RgbaImage> {
	const { data, info } = await sharp(readFileSync(path)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
	return { width: info.width, height: info.height, data: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
}

/** Measures the main face of the portrait at `path`. @throws Error when no face is found. */
export async function measurePortrait(path: string): Promise<PortraitMeasure & { image: RgbaImage }> {
	const image = await rgbaOf(path);
	const engine = createInferenceEngine({ loader: fsModelLoader(join(ROOT, 'models/onnx')), backend: 'wasm', numThreads: 1 });
	try {
		const [face] = await engine.detectFaces(image);
		if (!face) throw new Error(`no face in ${path}`);
		const m = measureLandmarks(await engine.faceLandmarks(image, face));
		const [re, le] = face.keypoints;
		return { image, eyeCentre: { x: (re.x + le.x) / 2, y: (re.y + le.y) / 2 }, eyeToChinPx: m.eyeToChinPx };
	} finally {
		await engine.dispose();
	}
}

/**
 * The bundled spec `id`, read from src/lib/specs/data/*.json with node:fs and validated with parseSpec (the
 * registry's JSON imports need import attributes that Playwright's loader does not add).
 * @throws Error for an unknown id.
 */
export function readSpec(id: string): PhotoSpec {
	const dir = join(ROOT, 'src/lib/specs/data');
	for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
		const list = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { id?: string }[];
		const raw = Array.isArray(list) ? list.find((s) => s.id === id) : undefined;
		if (raw) return parseSpec(raw);
	}
	throw new Error(`spec ${id} not found in ${dir}`);
}

export type Variant = 'good' | 'shifted' | 'tilted' | 'small';

/**
 * Writes (or reuses) the fake-camera video of `variant` for document `specId` at `width` x `height` and returns its path.
 * - good: head height (skull-to-chin estimate 2 × eye-to-chin) at the document's target, eye centre on the frame
 *   centre line and the target eye line (src/lib/camera/framing.ts);
 * - shifted: as good, moved right by 30 % of the frame width (the face on the image's right: "move to your right");
 * - tilted: as good, rolled 15° clockwise about the eye centre;
 * - small: as good at 60 % of the size ("move closer").
 */
export async function fakeCameraVideo(variant: Variant, specId = 'eu-schengen-visa', width = 640, height = 480): Promise<string> {
	const dir = join(tmpdir(), 'idphoto-fake-camera');
	mkdirSync(dir, { recursive: true });
	// Named by the settings and a hash of the code and portrait that make the video, so a change makes a new file.
	const hash = createHash('sha256');
	for (const f of ['tests/unit/camera/fake-camera-node.ts', 'tests/unit/camera/fake-camera.ts', 'src/lib/camera/framing.ts', 'tests/fixtures/astronaut.png']) hash.update(readFileSync(join(ROOT, f)));
	const file = join(dir, `${specId}-${variant}-${width}x${height}-${hash.digest('hex').slice(0, 12)}.y4m`);
	if (existsSync(file)) return file;
	const m = await measurePortrait(ASTRONAUT);
	const framing = captureFraming(width, height, geometryTarget(readSpec(specId)));
	const above = framing.headDefinition === 'crown-to-chin' ? 1.2 : 1.0;
	let scale = framing.headHeightPx.target / ((1 + above) * m.eyeToChinPx);
	const to = { x: framing.centreX, y: framing.eyeLineY.target };
	let rollDeg = 0;
	if (variant === 'shifted') to.x += 0.3 * framing.frame.width;
	if (variant === 'tilted') rollDeg = 15;
	if (variant === 'small') scale *= 0.6;
	const frame = placePortrait(m.image, width, height, { from: m.eyeCentre, to, scale, rollDeg });
	writeFileSync(file, y4m(frame, 2));
	// A PNG next to it, for looking at what the camera shows.
	await sharp(Buffer.from(frame.data.buffer), { raw: { width, height, channels: 4 } }).png().toFile(file.replace(/\.y4m$/, '.png'));
	return file;
}

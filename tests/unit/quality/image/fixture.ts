/**
 * QualityInput of a real photo through the project's own in-process pipeline (decode → BlazeFace → face mesh → person
 * mask, src/cli/node-pipeline.ts + analysePhoto), for the quality tests. Landmarks and mask are in working-copy px.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeInference, openPhotoNode } from '../../../../src/cli/node-pipeline';
import { analysePhoto } from '$lib/pipeline/run/analyse';
import type { QualityInput } from '$lib/quality/types';
import type { RgbaImage } from '$lib/types';

export const ASTRONAUT = join(import.meta.dirname, '../../../fixtures/astronaut.png');
export const PORTRAITS_DIR = join(import.meta.dirname, '../../../../../shared/testdata/portraits');

/** Portrait files when ../shared is present, else [] with a message saying why the cases are skipped. */
export function portraits(): string[] {
	if (!existsSync(PORTRAITS_DIR)) {
		console.warn(`skipping real-portrait quality cases: ${PORTRAITS_DIR} is absent`);
		return [];
	}
	return readdirSync(PORTRAITS_DIR)
		.filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
		.sort()
		.map((f) => join(PORTRAITS_DIR, f));
}

/** Runs the pipeline's analysis on each file (one inference engine, disposed at the end). */
export async function loadInputs(files: string[]): Promise<Map<string, QualityInput>> {
	const inference = createNodeInference();
	const out = new Map<string, QualityInput>();
	try {
		for (const f of files) {
			const photo = await openPhotoNode(f);
			const a = await analysePhoto(photo.work, photo.scale, inference);
			out.set(f, { image: a.work, landmarks: a.landmarks, faces: a.faces, mask: a.mask, scale: a.scale, file: { bytes: photo.bytes ?? null, format: null } });
		}
	} finally {
		await inference.dispose();
	}
	return out;
}

/** The same input with another image (same size) and no source file: for synthetic defects. */
export function withImage(input: QualityInput, image: RgbaImage): QualityInput {
	return { ...input, image, file: undefined };
}

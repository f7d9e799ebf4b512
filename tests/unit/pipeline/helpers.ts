import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** ../shared/testdata/portraits relative to the repository root (CI always has it; a bare clone may not). */
export const PORTRAITS_DIR = join(import.meta.dirname, '../../../../shared/testdata/portraits');
export const ASTRONAUT = join(import.meta.dirname, '../../fixtures/astronaut.png');

/** Portrait files when ../shared is present, else [] (and a message says why tests are skipped). */
export function portraits(): string[] {
	if (!existsSync(PORTRAITS_DIR)) {
		console.warn(`skipping real-portrait cases: ${PORTRAITS_DIR} is absent`);
		return [];
	}
	return readdirSync(PORTRAITS_DIR)
		.filter((f) => /\.(jpe?g|png|webp)$/i.test(f))
		.sort()
		.map((f) => join(PORTRAITS_DIR, f));
}

/**
 * Writes the manifest's PNG icons from static/favicon.svg with sharp:
 * - static/icons/icon-{192,512}.png (purpose "any"): the SVG rendered at that size;
 * - static/icons/maskable-{192,512}.png (purpose "maskable"): full-bleed theme colour with the
 *   icon at 72 % of the size, centred, so it lies inside the maskable safe zone (a circle of
 *   radius 40 % of the size; https://w3c.github.io/manifest/#icon-masks).
 * With `--screenshots <url>` it also takes the manifest's screenshots of the running app
 * (static/screenshots/{narrow,wide}.png, 540×960 and 1280×800 CSS px) in Debian's Chromium.
 * Run: npx tsx src/lib/pwa/scripts/make-icons.ts [--screenshots http://localhost:4173/]
 */
import sharp from 'sharp';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../../../..');
const STATIC = join(ROOT, 'static');
/** Theme colour of the manifest and the icon's background (static/favicon.svg). */
const THEME = '#1d5f91';
/** Share of the maskable icon's side used by the artwork (inside the 80 % safe-zone circle). */
const MASKABLE_ART = 0.72;

async function icons(): Promise<void> {
	const svg = readFileSync(join(STATIC, 'favicon.svg'));
	mkdirSync(join(STATIC, 'icons'), { recursive: true });
	for (const size of [192, 512]) {
		// density: render the 64-unit viewBox at `size` px without upscaling a bitmap.
		const density = (72 * size) / 64;
		await sharp(svg, { density }).resize(size, size).png().toFile(join(STATIC, 'icons', `icon-${size}.png`));
		const art = Math.round(size * MASKABLE_ART);
		const inner = await sharp(svg, { density: (72 * art) / 64 }).resize(art, art).png().toBuffer();
		await sharp({ create: { width: size, height: size, channels: 4, background: THEME } })
			.composite([{ input: inner, gravity: 'centre' }])
			.png()
			.toFile(join(STATIC, 'icons', `maskable-${size}.png`));
	}
}

async function screenshots(url: string): Promise<void> {
	const { chromium } = await import('playwright-core');
	const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
	try {
		mkdirSync(join(STATIC, 'screenshots'), { recursive: true });
		for (const [name, width, height] of [['narrow', 540, 960], ['wide', 1280, 800]] as const) {
			const page = await browser.newPage({ viewport: { width, height } });
			await page.goto(url, { waitUntil: 'networkidle' });
			await page.screenshot({ path: join(STATIC, 'screenshots', `${name}.png`) });
			await page.close();
		}
	} finally {
		await browser.close();
	}
}

await icons();
const at = process.argv.indexOf('--screenshots');
if (at > 0) await screenshots(process.argv[at + 1] ?? 'http://localhost:4173/');

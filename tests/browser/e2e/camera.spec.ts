/**
 * Camera capture, guided live (issue 8), in Debian's Chromium with a fake camera fed from a .y4m video that this test
 * makes from tests/fixtures/astronaut.png (tests/unit/camera/fake-camera-node.ts: the portrait measured with the
 * project's inference, placed in a 640x480 frame for the Schengen visa photo; then shifted, rolled 15° or shrunk):
 * - well framed: the guidance reaches "all good", counts down, takes the photo by itself, and the main job turns it
 *   into the finished photo with the head-height and eye-line checks passing;
 * - shifted / tilted / too small: the one message shown names that problem;
 * - camera permission refused: the message and the file picker.
 * Every request of every test is recorded: all same-origin, none with a body (nothing leaves the device).
 */
import { test as base, expect, type Browser, type Page, type Request } from '@playwright/test';
import { fakeCameraVideo, type Variant } from '../../unit/camera/fake-camera-node';

const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-gpu'];
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Chromium reads the video when the camera opens, so the files must exist before any browser starts.
const videos: Record<Variant, string> = {
	good: await fakeCameraVideo('good'),
	shifted: await fakeCameraVideo('shifted'),
	tilted: await fakeCameraVideo('tilted'),
	small: await fakeCameraVideo('small')
};

const cameraArgs = (file: string) => [...BASE_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`];

/**
 * Each test needs its own browser flags (the fake camera's file is a browser-wide switch, and launchOptions cannot
 * change per describe group), so the `cam` fixture launches Chromium with `camArgs` and opens a page on baseURL.
 */
const test = base.extend<{ camArgs: string[]; cam: Page }>({
	camArgs: [[], { option: true }],
	cam: async ({ playwright, baseURL, camArgs }, use) => {
		const browser: Browser = await playwright.chromium.launch({ executablePath, args: camArgs });
		const context = await browser.newContext({ baseURL, acceptDownloads: true });
		await use(await context.newPage());
		await browser.close();
	}
});

/** Records every request of the page's context (pages and workers). */
function audit(page: Page): Request[] {
	const requests: Request[] = [];
	page.context().on('request', (r) => requests.push(r));
	return requests;
}

function expectNothingLeft(requests: Request[], baseURL: string | undefined) {
	const origin = new URL(baseURL!).origin;
	const urls = requests.map((r) => r.url());
	expect(urls.length).toBeGreaterThan(3);
	expect(urls.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
	expect(requests.filter((r) => r.method() !== 'GET' || r.postDataBuffer() !== null).map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
}

async function openCamera(page: Page) {
	await page.goto('/?spec=eu-schengen-visa');
	await page.getByTestId('take-photo').click();
	const camera = page.getByTestId('camera');
	await expect(camera).toBeVisible();
	await expect(page.getByTestId('camera-video')).toHaveJSProperty('videoWidth', 640, { timeout: 30_000 });
	return camera;
}

test.describe('well-framed portrait', () => {
	test.use({ camArgs: cameraArgs(videos.good) });

	test('reaches "all good", counts down, captures, and the main job makes a compliant photo', async ({ cam: page, baseURL }) => {
		const requests = audit(page);
		const camera = await openCamera(page);
		// The preview of a camera without a stated facing (a webcam, this fake device) is mirrored.
		await expect(camera).toHaveAttribute('data-mirrored', 'true');
		await expect(page.getByTestId('camera-overlay')).toBeVisible();
		// All good for about a second → the countdown; the message says so.
		await expect(page.getByTestId('camera-countdown')).toBeVisible({ timeout: 120_000 });
		await expect(page.getByTestId('camera-message')).toHaveText('All good: hold still.');
		// The photo is taken by itself and goes into the main job.
		await expect(camera).toBeHidden({ timeout: 30_000 });
		await expect(page.getByTestId('result-image')).toBeVisible({ timeout: 240_000 });
		await expect(page.getByTestId('check-head-height')).toHaveAttribute('data-status', 'pass');
		await expect(page.getByTestId('check-eye-line')).toHaveAttribute('data-status', 'pass');
		expectNothingLeft(requests, baseURL);
		expect(await page.context().cookies()).toEqual([]);
	});
});

const problems: { variant: Variant; id: string; message: string }[] = [
	{ variant: 'shifted', id: 'move-right', message: 'Move a little to your right.' },
	{ variant: 'tilted', id: 'straighten-head', message: 'Straighten your head: it leans to your left.' },
	{ variant: 'small', id: 'move-closer', message: 'Move closer to the camera.' }
];

for (const p of problems) {
	test.describe(`${p.variant} portrait`, () => {
		test.use({ camArgs: cameraArgs(videos[p.variant]) });

		test(`names the problem: ${p.message}`, async ({ cam: page, baseURL }) => {
			const requests = audit(page);
			const camera = await openCamera(page);
			await expect(camera).toHaveAttribute('data-guidance', p.id, { timeout: 120_000 });
			await expect(page.getByTestId('camera-message')).toHaveText(p.message);
			// It stays that way (the same frame keeps coming) and no photo is taken by itself.
			await page.waitForTimeout(3000);
			await expect(camera).toHaveAttribute('data-guidance', p.id);
			await expect(page.getByTestId('camera-countdown')).toHaveCount(0);
			// The manual shutter still works.
			await page.getByTestId('camera-shutter').click();
			await expect(camera).toBeHidden({ timeout: 30_000 });
			await expect(page.getByTestId('result-image').or(page.getByTestId('photo-error'))).toBeVisible({ timeout: 240_000 });
			expectNothingLeft(requests, baseURL);
		});
	});
}

test.describe('camera permission refused', () => {
	// No --use-fake-ui-for-media-stream: headless Chromium then refuses the permission prompt.
	test.use({ camArgs: [...BASE_ARGS, '--use-fake-device-for-media-stream', '--deny-permission-prompts'] });

	test('shows the message and the file picker instead', async ({ cam: page, baseURL }) => {
		const requests = audit(page);
		await page.goto('/?spec=eu-schengen-visa');
		await page.getByTestId('take-photo').click();
		await expect(page.getByTestId('camera-error')).toContainText('Camera access was refused');
		await expect(page.getByTestId('camera')).toHaveCount(0);
		await expect(page.getByTestId('file-input')).toBeAttached();
		await expect(page.getByText('Choose a photo…')).toBeVisible();
		expectNothingLeft(requests, baseURL);
	});
});

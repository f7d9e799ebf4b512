/**
 * Shared by the accessibility, keyboard and screenshot specs (a11y.spec.ts, keyboard.spec.ts, screenshots.spec.ts):
 * the browser flags, the two window sizes, the axe-core scan and its readable report, and a focus-indicator probe.
 *
 * axe-core runs inside the page: @axe-core/playwright injects the axe-core source with `page.evaluate` and reads the
 * results back over the DevTools protocol. It makes no network request (a11y.spec.ts checks every request of its
 * context against the app's origin).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type Request } from '@playwright/test';
import { join } from 'node:path';

export const ASTRONAUT = join(import.meta.dirname, '../../fixtures/astronaut.png');

/**
 * Chromium on the CPU device (no WebGPU adapter), as history-delete-all.spec.ts and pwa-offline.spec.ts run it;
 * the fake camera flags let the camera view open with Chromium's built-in test pattern.
 */
export const CPU_LAUNCH = {
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: [
		'--no-sandbox',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--no-first-run',
		'--disable-quic',
		'--disable-gpu',
		'--use-fake-device-for-media-stream',
		'--use-fake-ui-for-media-stream'
	]
};

/** The two window sizes of issue 9, in CSS px: a desktop window and a phone (390x844, an iPhone 12–15 viewport). */
export const VIEWPORTS = {
	desktop: { width: 1280, height: 900 },
	phone: { width: 390, height: 844 }
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** WCAG 2.0 and 2.1, levels A and AA (axe-core rule tags). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One axe violation of impact serious or critical, flattened for printing. */
export interface BlockingViolation {
	screen: string;
	id: string;
	impact: string;
	help: string;
	nodes: { target: string; html: string; summary: string }[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A+AA rules) on the whole page as it is now and returns the violations of impact
 * `serious` or `critical` (axe's two highest impact levels), labelled with `screen`.
 */
export async function blockingViolations(page: Page, screen: string): Promise<BlockingViolation[]> {
	const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
	// The scan must have looked at something (a blank page would pass every rule).
	expect(results.passes.length + results.violations.length, `axe checked nothing on ${screen}`).toBeGreaterThan(5);
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => ({
			screen,
			id: v.id,
			impact: v.impact!,
			help: v.help,
			nodes: v.nodes.map((n) => ({
				target: n.target.map(String).join(' '),
				html: n.html.length > 160 ? `${n.html.slice(0, 157)}...` : n.html,
				summary: n.failureSummary?.replace(/\s+/g, ' ').trim() ?? ''
			}))
		}));
}

/** Plain-text report of violations: one block per rule and screen, one line per element. */
export function formatViolations(list: BlockingViolation[]): string {
	return list
		.map(
			(v) =>
				`[${v.impact}] ${v.id} on "${v.screen}": ${v.help}\n` +
				v.nodes.map((n) => `    at ${n.target}\n       ${n.html}\n       ${n.summary}`).join('\n')
		)
		.join('\n');
}

/** Collects every request of the page's context (pages and workers). */
export function recordRequests(page: Page): Request[] {
	const requests: Request[] = [];
	page.context().on('request', (r) => requests.push(r));
	return requests;
}

/** URLs of recorded requests that left the app's origin (blob: and data: URLs stay on the device). */
export function requestsOutside(requests: Request[], baseURL: string | undefined): string[] {
	const origin = new URL(baseURL!).origin;
	return requests.map((r) => r.url()).filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
}

/** What the focused element looks like: its description and whether a focus indicator is drawn. */
export interface FocusProbe {
	/** e.g. `button#id "Download sheet"`, or `body` when nothing is focused. */
	what: string;
	testid: string | null;
	/** Outline (style not none, width ≥ 2 px) or a box-shadow on the element or the control that draws its focus. */
	indicator: boolean;
	/** The computed style that was read, for the failure message. */
	style: string;
}

/**
 * Describes document.activeElement and whether it shows a focus indicator. A visually hidden native control
 * (1x1 px: the file input, the background radios) shows its focus on the visible control standing for it: its
 * `label[for]` or its enclosing `label`. The indicator must be drawn when focused (an outline of style other than
 * `none` and width ≥ 2 px, WCAG 2.4.7 Focus Visible / 2.4.11's 2 CSS px), or be a box-shadow.
 */
export async function probeFocus(page: Page): Promise<FocusProbe> {
	return page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return { what: 'body', testid: null, indicator: false, style: '' };
		const rect = el.getBoundingClientRect();
		let shown: HTMLElement = el;
		if (rect.width <= 1 || rect.height <= 1) {
			const byFor = el.id ? document.querySelector<HTMLElement>(`label[for="${CSS.escape(el.id)}"]`) : null;
			shown = byFor ?? el.closest('label') ?? el;
		}
		const cs = getComputedStyle(shown);
		const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2;
		const shadow = cs.boxShadow !== 'none' && cs.boxShadow !== '';
		const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
		return {
			what: `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : ''} "${name}"`,
			testid: el.getAttribute('data-testid'),
			indicator: outline || shadow,
			style: `outline: ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow: ${cs.boxShadow}`
		};
	});
}

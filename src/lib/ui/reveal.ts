/**
 * Bringing something that just appeared after the user's action (the result's verdict, an error
 * message) into view, for phones where it lands below the fold (e.g. the verdict at y ≈ 985 px in
 * an 844 px high window), without taking the page away from someone who is typing.
 */

/** Input types where the user types text (HTML Living Standard, "the input element"); others are buttons, pickers, sliders. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);

/** True when `el` (usually `document.activeElement`) is a field the user is typing in: a text-like input, a textarea, a select or contenteditable. */
export function isTypingIn(el: Element | null | undefined): boolean {
	if (!el) return false;
	const tag = el.tagName;
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	if (tag === 'INPUT') return TEXT_INPUT_TYPES.has(((el as HTMLInputElement).type || 'text').toLowerCase());
	return (el as HTMLElement).isContentEditable === true;
}

/** Scroll behaviour that respects the user's "reduce motion" setting (CSS `prefers-reduced-motion`): 'auto' (a jump) when set. */
export function scrollBehavior(win: Pick<Window, 'matchMedia'> | undefined = globalThis.window): ScrollBehavior {
	return win?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';
}

/**
 * Scrolls `el` into view with the least movement (`block: 'nearest'`: nothing moves when it is
 * already visible) and, when `focusTarget` is given, moves focus there without a second scroll.
 * Does nothing while the user is typing in a field (`doc.activeElement`), so a late result or
 * error never pulls the page or the caret away. Returns whether it acted.
 */
export function reveal(
	el: HTMLElement | null | undefined,
	options: { focusTarget?: HTMLElement | null; doc?: Pick<Document, 'activeElement'>; win?: Pick<Window, 'matchMedia'> } = {}
): boolean {
	const doc = options.doc ?? globalThis.document;
	if (!el || isTypingIn(doc?.activeElement)) return false;
	el.scrollIntoView({ block: 'nearest', behavior: scrollBehavior(options.win) });
	options.focusTarget?.focus({ preventScroll: true });
	return true;
}

/** reveal(): scrolls a new verdict / error into view (reduced motion respected) and never while the user types. */
import { describe, expect, it } from 'vitest';
import { isTypingIn, reveal, scrollBehavior } from '$lib/ui/reveal';

/** A stand-in element recording scrollIntoView / focus calls. */
function fakeEl(tagName = 'P', extra: Record<string, unknown> = {}) {
	const calls: { scroll: ScrollIntoViewOptions[]; focus: FocusOptions[] } = { scroll: [], focus: [] };
	const el = {
		tagName,
		...extra,
		scrollIntoView: (o: ScrollIntoViewOptions) => calls.scroll.push(o),
		focus: (o: FocusOptions) => calls.focus.push(o)
	};
	return { el: el as unknown as HTMLElement, calls };
}
const motion = (reduce: boolean) => ({ matchMedia: (q: string) => ({ matches: reduce && q === '(prefers-reduced-motion: reduce)' }) as MediaQueryList });

describe('reveal', () => {
	it('scrolls with the least movement, smoothly, and focuses the target without a second scroll', () => {
		const target = fakeEl('P');
		const button = fakeEl('BUTTON');
		const done = reveal(target.el, { focusTarget: button.el, doc: { activeElement: fakeEl('INPUT', { type: 'file' }).el }, win: motion(false) });
		expect(done).toBe(true);
		expect(target.calls.scroll).toEqual([{ block: 'nearest', behavior: 'smooth' }]);
		expect(button.calls.focus).toEqual([{ preventScroll: true }]);
	});

	it('jumps instead of animating when the user asks for reduced motion', () => {
		const target = fakeEl('P');
		reveal(target.el, { doc: { activeElement: null }, win: motion(true) });
		expect(target.calls.scroll).toEqual([{ block: 'nearest', behavior: 'auto' }]);
		expect(scrollBehavior(motion(true))).toBe('auto');
		expect(scrollBehavior(motion(false))).toBe('smooth');
	});

	it('does nothing while the user is typing in a field', () => {
		for (const active of [fakeEl('INPUT', { type: 'search' }), fakeEl('INPUT', { type: '' }), fakeEl('TEXTAREA'), fakeEl('SELECT'), fakeEl('DIV', { isContentEditable: true })]) {
			const target = fakeEl('P');
			const button = fakeEl('BUTTON');
			expect(reveal(target.el, { focusTarget: button.el, doc: { activeElement: active.el }, win: motion(false) })).toBe(false);
			expect(target.calls.scroll).toEqual([]);
			expect(button.calls.focus).toEqual([]);
		}
	});

	it('tells typing fields from buttons, pickers and sliders', () => {
		expect(isTypingIn(fakeEl('INPUT', { type: 'text' }).el)).toBe(true);
		expect(isTypingIn(fakeEl('INPUT', { type: 'range' }).el)).toBe(false);
		expect(isTypingIn(fakeEl('INPUT', { type: 'file' }).el)).toBe(false);
		expect(isTypingIn(fakeEl('BUTTON').el)).toBe(false);
		expect(isTypingIn(null)).toBe(false);
	});
});

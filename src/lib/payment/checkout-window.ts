/**
 * Opening the hosted checkout in a new tab, so the studio tab keeps the photo (the photo job
 * lives in the pipeline worker's memory and is lost on navigation). The tab is opened at once,
 * inside the click (a popup opened after an await may be blocked), showing a short message; once
 * the order exists it is sent to the checkout URL, with its `opener` cut first so the payment
 * page cannot reach back into the app.
 */

/**
 * Opens an empty tab for the checkout; call synchronously in a click handler.
 * @returns the tab, or null when the browser blocked it.
 */
export function openCheckoutTab(): Window | null {
	let tab: Window | null = null;
	try {
		tab = window.open('', '_blank');
	} catch {
		return null;
	}
	if (!tab) return null;
	try {
		tab.document.title = 'Payment';
		tab.document.body.style.font = '16px system-ui, sans-serif';
		tab.document.body.style.margin = '2rem';
		tab.document.body.textContent = 'Opening the payment page…';
	} catch {
		// Not writable: it still works as a target.
	}
	return tab;
}

/**
 * Sends `tab` to `url` (http/https only), cutting its opener first.
 * @returns false when the tab is gone (closed by the user) or cannot be navigated.
 */
export function sendTabTo(tab: Window, url: string): boolean {
	if (!/^https?:\/\//i.test(url)) return false;
	try {
		if (tab.closed) return false;
		tab.opener = null;
		tab.location.replace(url);
		return true;
	} catch {
		return false;
	}
}

/**
 * Which engine runs the test (the suite runs in Chromium and Firefox), for the few tests that
 * need a Chromium-only capability. Each use says which capability and why.
 */
export const isFirefox = navigator.userAgent.includes('Firefox/');

/**
 * `it` in Chromium, `it.skip` in Firefox: for tests that drive the browser through the Chrome
 * DevTools Protocol (Puppeteer drives Firefox over WebDriver BiDi, which lacks that command).
 * `reason` names the missing capability, so the skip explains itself where it is used.
 */
export function chromiumOnly(reason: string): Mocha.TestFunction | Mocha.PendingTestFunction {
  void reason;
  return isFirefox ? it.skip : it;
}

/**
 * Keeps the browser's "ResizeObserver loop completed with undelivered notifications" report from
 * failing a test; returns the function that stops doing so. The report is informational (the
 * notifications arrive in the next frame). Firefox gives it when rows with
 * `content-visibility: auto` take their real height inside the element's own ResizeObserver
 * callback, which scrolls to hold a row in place; Chromium sizes those rows a frame later.
 */
export function tolerateResizeObserverLoop(): () => void {
  const swallow = (event: ErrorEvent) => {
    if (!/^ResizeObserver loop/.test(event.message)) return;
    event.stopImmediatePropagation();
    event.preventDefault();
  };
  // Capturing listeners at the target run before the test framework's window.onerror.
  window.addEventListener('error', swallow, { capture: true });
  return () => window.removeEventListener('error', swallow, { capture: true });
}

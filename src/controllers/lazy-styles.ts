/**
 * The styles of a part that loads on first use (the history panel, the composer extras, rich
 * items) join the element's shadow root when the part arrives, as sheets of their own. Each goes
 * where it would have stood among the element's own styles (before the sheet of `next`), so rules
 * cascade exactly as if the part had come with the element; like the rest, they read the
 * `--stream-chat-*` properties and style the same parts, so the page themes them the same way.
 */
import type { CSSResult } from 'lit';

/**
 * Adds `styles` to the element's shadow root once, before the sheet of `next` (last without it).
 * @param root - the element's render root (styles apply only to a shadow root)
 * @param styles - the part's styles
 * @param next - the element style the part's styles came before in the element's style list
 */
export function adoptStyles(
  root: HTMLElement | DocumentFragment,
  styles: readonly CSSResult[],
  next?: CSSResult,
): void {
  if (!(root instanceof ShadowRoot)) return;
  const current = root.adoptedStyleSheets;
  const sheets = styles.flatMap(({ styleSheet }) => (styleSheet && !current.includes(styleSheet) ? [styleSheet] : []));
  if (!sheets.length) return;
  const at = next?.styleSheet ? current.indexOf(next.styleSheet) : -1;
  root.adoptedStyleSheets =
    at < 0 ? [...current, ...sheets] : [...current.slice(0, at), ...sheets, ...current.slice(at)];
}

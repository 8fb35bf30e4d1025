/** Shared helpers for the markdown renderer's browser tests. */
import { render } from 'lit';
import { renderMarkdown, type RenderMarkdownOptions } from '../../src/markdown/render.js';

/** A detached container to render into. */
export function container(): HTMLElement {
  return document.createElement('div');
}

/** The container's markup without Lit's marker comments (markdown comments render as text). */
export function markup(element: Element): string {
  return element.innerHTML.replace(/<!--[\s\S]*?-->/g, '');
}

/** Renders the full text at once into a new container and returns its markup. */
export function oneShot(text: string, options: RenderMarkdownOptions = {}): string {
  const element = container();
  render(renderMarkdown(text, options), element);
  return markup(element);
}

/**
 * Streams `chunks` into `element` the way a chat does: one render per delta with
 * `streaming: true`, then a final render of the whole text.
 * @param onDelta Called after each streaming render with the text so far.
 */
export function stream(
  element: HTMLElement,
  chunks: readonly string[],
  options: RenderMarkdownOptions = {},
  onDelta?: (text: string) => void,
): string {
  let text = '';
  for (const chunk of chunks) {
    text += chunk;
    render(renderMarkdown(text, { ...options, streaming: true }), element);
    onDelta?.(text);
  }
  render(renderMarkdown(text, { ...options, streaming: false }), element);
  return text;
}

/** The elements of the rendered blocks, in order (blocks are grouped in chapters and groups). */
export function blockElements(element: Element): Element[] {
  return Array.from(element.querySelectorAll(':scope > .md > .md-chapter > .md-group > *'));
}

/** Every node under `element`, in document order. */
export function descendants(element: Node): Node[] {
  const nodes: Node[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_ALL);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
  return nodes;
}

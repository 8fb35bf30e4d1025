/**
 * Measuring what a user sees: element boxes, colours as painted, contrast, and the rules a
 * coarse pointer would apply.
 */
import type { StreamChatElement } from '../../src/stream-chat.js';

/** Every element in the shadow root that has a box. */
export function boxes(el: StreamChatElement): Element[] {
  return Array.from(el.shadowRoot?.querySelectorAll('*') ?? []).filter(
    (node) => node.getClientRects().length > 0 && !(node instanceof SVGElement && !(node instanceof SVGSVGElement)),
  );
}

const canvas = document.createElement('canvas');
canvas.width = canvas.height = 1;
const context = canvas.getContext('2d', { willReadFrequently: true })!;

/** A CSS colour as sRGB 0-255 with alpha 0-1, read back from a canvas (any CSS colour syntax). */
export function rgba(color: string): [number, number, number, number] {
  context.clearRect(0, 0, 1, 1);
  context.fillStyle = '#000';
  context.fillStyle = color;
  context.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

function over(top: [number, number, number, number], below: [number, number, number]): [number, number, number] {
  const a = top[3];
  return [top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a), top[2] * a + below[2] * (1 - a)];
}

function parentOf(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** The background painted behind `node`: its own and its ancestors' backgrounds over white. */
export function backgroundOf(node: Element): [number, number, number] {
  const layers: [number, number, number, number][] = [];
  for (let at: Element | null = node; at; at = parentOf(at)) layers.push(rgba(getComputedStyle(at).backgroundColor));
  let painted: [number, number, number] = [255, 255, 255];
  for (const layer of layers.reverse()) painted = over(layer, painted);
  return painted;
}

function luminance([r, g, b]: [number, number, number]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of a node's text against what is painted behind it. */
export function contrastOf(node: Element): number {
  const background = backgroundOf(node);
  const text = over(rgba(getComputedStyle(node).color), background);
  const [dark, light] = [luminance(text), luminance(background)].sort((a, b) => a - b) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Elements that show text of their own (a non-blank text node child), skipping disabled controls. */
export function textBearing(el: StreamChatElement): Element[] {
  return boxes(el).filter(
    (node) =>
      Array.from(node.childNodes).some((child) => child.nodeType === Node.TEXT_NODE && child.textContent?.trim()) &&
      !node.closest(':disabled') &&
      !node.closest('.visually-hidden'),
  );
}

/** The product of the opacities from `node` up to the host: 0 means the user cannot see it. */
export function opacityOf(node: Element): number {
  let opacity = 1;
  for (let at: Element | null = node; at; at = parentOf(at)) opacity *= Number(getComputedStyle(at).opacity);
  return opacity;
}

/**
 * Applies the element's `(pointer: coarse)` rules as if the pointer were coarse (no engine lets a
 * test page switch its pointer): copies them, unconditioned, into one more adopted sheet.
 */
export function emulateCoarsePointer(el: StreamChatElement): void {
  const root = el.shadowRoot!;
  const sheet = new CSSStyleSheet();
  const sheets = [...root.adoptedStyleSheets, ...Array.from(root.styleSheets)];
  for (const source of sheets) {
    for (const rule of Array.from(source.cssRules)) {
      if (rule instanceof CSSMediaRule && rule.media.mediaText.includes('pointer: coarse')) {
        for (const inner of Array.from(rule.cssRules)) sheet.insertRule(inner.cssText, sheet.cssRules.length);
      }
    }
  }
  if (!sheet.cssRules.length) throw new Error('no (pointer: coarse) rules');
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

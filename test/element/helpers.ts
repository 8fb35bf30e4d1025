/**
 * Helpers for element tests: mount `<stream-chat>` against the real server kit, record the
 * events a host page receives, and read what a user sees.
 */
import { fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../../src/index.js';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { EVENT_NAMES, type StreamChatEventMap } from '../../src/events.js';

export type Recorded = {
  [K in keyof StreamChatEventMap]: { type: K; detail: StreamChatEventMap[K] };
}[keyof StreamChatEventMap];

/** Mounts an element pointed at `apiUrl` and records every public event it dispatches. */
export async function mount(apiUrl = '/api/chat', threadId?: string) {
  const el = await fixture<StreamChatElement>(
    html`<stream-chat api-url=${apiUrl} thread-id=${ifDefined(threadId)}></stream-chat>`,
  );
  const events: Recorded[] = [];
  for (const name of EVENT_NAMES) {
    el.addEventListener(name, (event) =>
      events.push({ type: name, detail: (event as CustomEvent).detail } as Recorded),
    );
  }
  await el.updateComplete;
  return { el, events, names: () => events.map((event) => event.type.replace('stream-chat-', '')) };
}

/** Elements of the shadow root by part name. */
export function parts(el: StreamChatElement, part: string): HTMLElement[] {
  return Array.from(el.shadowRoot?.querySelectorAll<HTMLElement>(`[part~="${part}"]`) ?? []);
}

/** The first element with a part name, or throws. */
export function part(el: StreamChatElement, name: string): HTMLElement {
  const found = parts(el, name)[0];
  if (!found) throw new Error(`no part "${name}"`);
  return found;
}

/** What the user sees in each message row, in order (the text, without its timestamp). */
export function transcript(el: StreamChatElement): string[] {
  return parts(el, 'message').map(
    (row) =>
      `${row.matches('[part~="user-message"]') ? 'user' : 'assistant'}: ${(row.querySelector('.bubble') ?? row).textContent?.trim().replace(/\s+/g, ' ')}`,
  );
}

/** Sends a message through the public method and waits for its response to end. */
export async function sendAndWait(
  el: StreamChatElement,
  text: string,
): Promise<CustomEvent<StreamChatEventMap['stream-chat-response-end']>> {
  const ended = oneEvent(el, 'stream-chat-response-end');
  el.send(text).catch(() => undefined);
  const event = await ended;
  await el.updateComplete;
  return event;
}

/** Waits until an assistant message shows `text`. */
export async function waitForText(el: StreamChatElement, text: string): Promise<void> {
  await waitUntil(
    () => transcript(el).some((line) => line.startsWith('assistant: ') && line.includes(text)),
    `never showed "${text}"`,
    { timeout: 3000 },
  );
}

/** The focused element, looking inside shadow roots (`document.activeElement` stops at the host). */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Records what the element writes to the clipboard (headless browsers refuse clipboard reads);
 * `restore()` puts the real `writeText` back.
 */
export function recordClipboard(): { written: string[]; restore: () => void } {
  const written: string[] = [];
  const clipboard = navigator.clipboard;
  const write = clipboard.writeText.bind(clipboard);
  clipboard.writeText = (value: string) => {
    written.push(value);
    return write(value).catch(() => undefined);
  };
  return { written, restore: () => void (clipboard.writeText = write) };
}

/** A window of a script-tag test page: the CSP violations and the chat events it saw. */
export interface PageWindow extends Window {
  violations: string[];
  chatEvents: string[];
}

/** Opens `/pages/<build>.html<search>` (a plain page under a strict CSP) in an 800x600 frame, once the element is defined. */
export async function openScriptTagPage(
  build: string,
  search = '',
): Promise<{ frame: HTMLIFrameElement; win: PageWindow }> {
  const frame = document.createElement('iframe');
  frame.style.width = '800px';
  frame.style.height = '600px';
  frame.src = `/pages/${build}.html${search}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as unknown as PageWindow;
  await win.customElements.whenDefined('stream-chat');
  return { frame, win };
}

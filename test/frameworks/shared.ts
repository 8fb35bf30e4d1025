/**
 * What the Vue, Angular and React tests share: the script the scripted agent plays, the event
 * names a host app listens to, a `fetch` that records request headers on the way to the real
 * server, and a counter of the element's update cycles.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { PropertyValues } from 'lit';
import { StreamChatElement } from '../../src/element.js';
import { transcript } from '../element/helpers.js';

/** Every public event, as a host app subscribes to them. */
export { EVENT_NAMES } from '../../src/events.js';

/** One event as a framework handler received it. */
export interface Received {
  type: string;
  detail: unknown;
}

/**
 * A response that exercises every per-response event: a title (thread-update), a progress line,
 * a notice, an effect, one tool answered through the event and one through `clientTools`.
 */
export const SCRIPT = [
  'title Trip plan',
  'progress Reading your selection...',
  'notice info Using your selection',
  'effect set_status {"status":"Planning"}',
  'tool get_selected_items {"limit":2}',
  'tool get_theme',
  'text All done',
].join('\n');

/** A widget action the page handles itself: the element fires `stream-chat-action` for it. */
export const CLIENT_ACTION = { type: 'pick', payload: { n: 1 }, handler: 'client' } as const;

/** What the app's state answers to the two tools, as the server reports it back. */
const EXPECTED_TRANSCRIPT_TAIL = [
  'assistant: tool output: {"items":["apple","pear"],"limit":2}',
  'assistant: tool output: {"theme":"sepia"}',
  'assistant: All done',
];

/** A `fetch` that records each request's headers and then calls the real one. */
export function recordingFetch(): { fetch: typeof fetch; headers: Headers[] } {
  const headers: Headers[] = [];
  return {
    headers,
    fetch: (input, init) => {
      headers.push(new Headers(init?.headers));
      return globalThis.fetch(input, init);
    },
  };
}

/** Counts the element's update cycles and the properties each one saw change. */
export function countUpdates(el: StreamChatElement): { changed: string[][] } {
  const changed: string[][] = [];
  // `update` is protected; wrapping it on the instance observes every cycle without a subclass.
  const host = el as unknown as { update(changes: PropertyValues): void };
  const original = host.update;
  host.update = function (this: typeof host, changes: PropertyValues) {
    changed.push([...changes.keys()].map(String));
    original.call(this, changes);
  };
  return { changed };
}

/** Waits until the app has rendered its `<stream-chat>` (by tag) inside `root` and it has updated once. */
export async function chatIn(root: ParentNode, tag = 'stream-chat'): Promise<StreamChatElement> {
  await waitUntil(() => root.querySelector(tag), `no <${tag}> rendered`);
  const el = root.querySelector(tag) as StreamChatElement;
  await el.updateComplete;
  return el;
}

/** Waits until the assistant's last message reads `text`. */
export async function waitForLast(el: StreamChatElement, text: string): Promise<void> {
  await waitUntil(() => transcript(el).at(-1) === `assistant: ${text}`, `last message never read "${text}"`, {
    timeout: 3000,
  });
}

/** A host element for one app, removed again by `cleanup()`. */
export function container(): { root: HTMLElement; cleanup: () => void } {
  const root = document.createElement('div');
  document.body.append(root);
  return { root, cleanup: () => root.remove() };
}

/** The names (without prefix) of the events received so far. */
function names(received: readonly Received[]): string[] {
  return received.map((event) => event.type.replace('stream-chat-', ''));
}

/** Creates a thread on the server with one answered message and returns its id. */
export async function createThread(text: string): Promise<string> {
  const response = await fetch('/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} } },
    }),
  });
  const body = await response.text();
  const match = /"thread":\{"id":"([^"]+)"/.exec(body);
  if (!match?.[1]) throw new Error('the server created no thread');
  return match[1];
}

/** Runs `task` while recording what it writes to the console instead of printing it. */
export async function recordConsole<T>(task: () => Promise<T>): Promise<{ value: T; messages: string[] }> {
  const messages: string[] = [];
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error };
  const record = (...args: unknown[]) => void messages.push(args.map(String).join(' '));
  Object.assign(console, { log: record, info: record, warn: record, error: record });
  try {
    return { value: await task(), messages };
  } finally {
    Object.assign(console, saved);
  }
}

/**
 * Defines `tag` after the framework set properties on the not-yet-defined `late` element, and
 * checks that the upgraded element used them: the endpoint, the bound thread (loaded), the
 * `clientTools` answer and the `fetch` with the app's header.
 */
export async function expectUpgradeUsesProperties(
  late: StreamChatElement,
  tag: string,
  setup: { received: readonly Received[]; threadId: string; headers: readonly Headers[]; app: string },
): Promise<void> {
  expect(customElements.get(tag)).to.equal(undefined);
  expect(late).to.not.be.instanceOf(StreamChatElement);
  customElements.define(tag, class extends StreamChatElement {});
  expect(late).to.be.instanceOf(StreamChatElement);
  await waitUntil(
    () => setup.received.some((event) => event.type === 'stream-chat-thread-load-end'),
    'the bound thread never loaded',
  );
  await late.updateComplete;
  expect(late.apiUrl).to.equal('/api/chat');
  expect(late.threadId).to.equal(setup.threadId);
  expect(transcript(late)).to.deep.equal(['user: text saved before upgrade', 'assistant: saved before upgrade']);
  await late.send('tool get_theme');
  await waitForLast(late, 'tool output: {"theme":"sepia"}');
  expect(setup.headers.at(-1)?.get('x-app')).to.equal(setup.app);
}

/**
 * Checks what the app and the element show after the element played `SCRIPT`: both tool answers
 * in the transcript, a new thread bound, the events in order, the effect's detail, and the app's
 * header on every request. Returns the new thread's id.
 */
export function expectScriptPlayed(
  el: StreamChatElement,
  setup: { received: readonly Received[]; headers: readonly Headers[]; app: string },
): string {
  expect(transcript(el).slice(-3)).to.deep.equal(EXPECTED_TRANSCRIPT_TAIL);
  const created = el.threadId;
  expect(created).to.match(/^thr_/);
  expect(names(setup.received)).to.include.ordered.members(['response-start', 'thread-change']);
  expect(names(setup.received)).to.include.members([
    'progress',
    'notice',
    'effect',
    'client-tool',
    'thread-update',
    'response-end',
  ]);
  expect(setup.received.find((event) => event.type === 'stream-chat-effect')?.detail).to.deep.equal({
    name: 'set_status',
    data: { status: 'Planning' },
  });
  expect(setup.headers.length).to.be.greaterThan(2);
  expect(setup.headers.every((headers) => headers.get('x-app') === setup.app)).to.equal(true);
  return created as string;
}

/** Sends a message the server answers with an in-band error and checks the error event. */
export async function expectInBandError(el: StreamChatElement): Promise<void> {
  const failed = oneEvent(el, 'stream-chat-error');
  void el.send('error Out of credit').catch(() => undefined);
  expect((await failed).detail).to.include({ message: 'Out of credit', allowRetry: false });
}

/**
 * Type tests for the public API, checked by `tsc --noEmit -p tsconfig.json` (never executed; the
 * browser runner only picks up `*.test.ts`). A `@ts-expect-error` line fails the type-check when
 * the error it expects goes away, so wrong usages stay wrong.
 */
import '../../src/index.js';
import type { StreamChatElement } from '../../src/element.js';
import { EVENT_NAMES } from '../../src/element.js';
import type {
  ClientToolDetail,
  EffectDetail,
  ErrorDetail,
  JsonObject,
  ResponseEndReason,
  StreamChatEventMap,
  ThreadChangeDetail,
} from '../../src/element.js';

/** True when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when its type argument is `true`. */
function assert<T extends true>(value?: T): T | undefined {
  return value;
}

export function elementTypes(): void {
  const found = document.querySelector('stream-chat');
  assert<Equal<typeof found, StreamChatElement | null>>();

  const created = document.createElement('stream-chat');
  assert<Equal<typeof created, StreamChatElement>>();

  const all = document.querySelectorAll('stream-chat');
  assert<Equal<typeof all, NodeListOf<StreamChatElement>>>();

  if (!found) return;
  found.apiUrl = '/chatkit';
  found.threadId = null;
  found.threadId = 'thr_1';
  found.theme = 'dark';
  found.headers = { authorization: 'Bearer token' };
  found.clientTools = { get_selected_items: (params) => ({ ids: ['a'], limit: params['limit'] }) };
  found.fetch = (input, init) => fetch(input, init);
  const sent: Promise<void> = found.send('hello');
  void sent;
  const responding: boolean = found.responding;
  void responding;

  // @ts-expect-error apiUrl is a string
  found.apiUrl = 42;
  // @ts-expect-error threadId is a string or null
  found.threadId = undefined;
  // @ts-expect-error theme is 'light', 'dark' or 'auto'
  found.theme = 'blue';
  // @ts-expect-error headers are strings
  found.headers = { 'x-retries': 3 };
  // @ts-expect-error a client tool is a function
  found.clientTools = { get_selected_items: 'not a function' };
  // @ts-expect-error send takes the message text
  void found.send({ text: 'hello' });
  // @ts-expect-error responding is read-only
  found.responding = true;
  // @ts-expect-error there is no such method
  found.submit();
}

export function eventTypes(el: StreamChatElement): void {
  el.addEventListener('stream-chat-effect', (event) => {
    assert<Equal<typeof event, CustomEvent<EffectDetail>>>();
    const name: string = event.detail.name;
    const data: JsonObject = event.detail.data;
    void [name, data];
    // @ts-expect-error a misspelt detail field
    void event.detail.nme;
  });

  el.addEventListener('stream-chat-client-tool', (event) => {
    assert<Equal<typeof event.detail, ClientToolDetail>>();
    event.detail.respondWith(Promise.resolve({ ids: ['a'] }));
    const callId: string = event.detail.callId;
    void callId;
    // @ts-expect-error respondWith takes the answer
    event.detail.respondWith();
  });

  el.addEventListener('stream-chat-response-end', (event) => {
    assert<Equal<typeof event.detail.reason, ResponseEndReason>>();
    assert<Equal<ResponseEndReason, 'complete' | 'error' | 'aborted'>>();
    // @ts-expect-error 'cancelled' is not a reason
    if (event.detail.reason === 'cancelled') return;
  });

  el.addEventListener('stream-chat-response-start', (event) => {
    const threadId: string | null = event.detail.threadId;
    void threadId;
    // @ts-expect-error response-start has no reason
    void event.detail.reason;
  });

  el.addEventListener('stream-chat-thread-change', (event) => {
    assert<Equal<typeof event.detail, ThreadChangeDetail>>();
    // @ts-expect-error the thread id may be null
    const id: string = event.detail.threadId;
    void id;
  });

  el.addEventListener('stream-chat-error', (event) => {
    assert<Equal<typeof event.detail, ErrorDetail>>();
    const retry: boolean = event.detail.allowRetry;
    void retry;
  });

  const onEffect = (event: CustomEvent<EffectDetail>) => void event.detail.name;
  el.addEventListener('stream-chat-effect', onEffect);
  el.removeEventListener('stream-chat-effect', onEffect);
  // @ts-expect-error an effect listener does not take an error event
  el.addEventListener('stream-chat-error', onEffect);

  el.addEventListener('stream-chat-unknown', (event) => {
    // @ts-expect-error an unknown event is a plain Event without detail
    void event.detail;
  });
}

/** Every public event is registered in HTMLElementEventMap as a CustomEvent of its detail. */
type Registered = {
  [K in keyof StreamChatEventMap]: Equal<HTMLElementEventMap[K], CustomEvent<StreamChatEventMap[K]>>;
};
assert<Equal<Registered[keyof StreamChatEventMap], true>>();
assert<Equal<keyof StreamChatEventMap extends `stream-chat-${string}` ? true : false, true>>();

export function documentAndWindowTypes(): void {
  // The events bubble and are composed, so document and window listeners are typed too.
  document.addEventListener('stream-chat-effect', (event) => {
    assert<Equal<typeof event.detail, EffectDetail>>();
  });
  window.addEventListener('stream-chat-error', (event) => {
    assert<Equal<typeof event.detail, ErrorDetail>>();
  });
}

export function eventNamesAreComplete(): void {
  // EVENT_NAMES lists every event of the map, no more and no fewer.
  assert<Equal<(typeof EVENT_NAMES)[number], keyof StreamChatEventMap>>();
}

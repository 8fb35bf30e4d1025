/**
 * The public events of `<stream-chat>`: detail types, one factory, and their registration in
 * `HTMLElementEventMap` so `addEventListener('stream-chat-effect', e => e.detail.name)` type-checks.
 */
import type { JsonObject, JsonValue, ThreadStatus, WidgetNode } from './protocol/types.js';
import type { ErrorCode } from './errors.js';

/** Detail of `stream-chat-response-start`. */
export interface ResponseStartDetail {
  threadId: string | null;
}

/** How a response ended. */
export type ResponseEndReason = 'complete' | 'error' | 'aborted';

/** Detail of `stream-chat-response-end`. */
export interface ResponseEndDetail {
  threadId: string | null;
  reason: ResponseEndReason;
}

/** Detail of `stream-chat-progress`. */
export interface ProgressDetail {
  text: string;
  icon?: string;
}

/** Detail of `stream-chat-effect`. */
export interface EffectDetail {
  name: string;
  data: JsonObject;
}

/** Detail of `stream-chat-client-tool`. */
export interface ClientToolDetail {
  name: string;
  params: JsonObject;
  callId: string;
  threadId: string;
  /**
   * Answers the call. Call it synchronously inside the listener; the value (or what the promise
   * resolves to) is posted back to the server as JSON. Throws if the call was already answered.
   */
  respondWith(value: unknown): void;
}

/** Detail of `stream-chat-thread-change`. */
export interface ThreadChangeDetail {
  threadId: string | null;
}

/** Detail of `stream-chat-thread-load-start` and `stream-chat-thread-load-end`. */
export interface ThreadLoadDetail {
  threadId: string;
}

/** Detail of `stream-chat-thread-update`. */
export interface ThreadUpdateDetail {
  thread: { id: string; title?: string; status: ThreadStatus };
}

/** Detail of `stream-chat-notice`. */
export interface NoticeDetail {
  level: 'info' | 'warning' | 'danger';
  message: string;
  title?: string;
}

/** Detail of `stream-chat-error`. `message` is the localized text the element shows. */
export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  allowRetry: boolean;
}

/** Detail of `stream-chat-action`: a widget action whose handler is `client` (nothing is posted). */
export interface ActionDetail {
  action: { type: string; payload?: JsonValue };
  /** The widget item that fired it, or null (an action sent from code). */
  itemId: string | null;
  /** The widget tree of that item, as rendered. */
  widget: WidgetNode | null;
}

/** Every public event name with its detail type. */
export interface StreamChatEventMap {
  'stream-chat-response-start': ResponseStartDetail;
  'stream-chat-response-end': ResponseEndDetail;
  'stream-chat-progress': ProgressDetail;
  'stream-chat-effect': EffectDetail;
  'stream-chat-client-tool': ClientToolDetail;
  'stream-chat-thread-change': ThreadChangeDetail;
  'stream-chat-thread-load-start': ThreadLoadDetail;
  'stream-chat-thread-load-end': ThreadLoadDetail;
  'stream-chat-thread-update': ThreadUpdateDetail;
  'stream-chat-notice': NoticeDetail;
  'stream-chat-action': ActionDetail;
  'stream-chat-error': ErrorDetail;
}

/** Every public event name, in the order of the API table. */
export const EVENT_NAMES = [
  'stream-chat-response-start',
  'stream-chat-response-end',
  'stream-chat-progress',
  'stream-chat-effect',
  'stream-chat-client-tool',
  'stream-chat-thread-change',
  'stream-chat-thread-load-start',
  'stream-chat-thread-load-end',
  'stream-chat-thread-update',
  'stream-chat-notice',
  'stream-chat-action',
  'stream-chat-error',
] as const satisfies readonly (keyof StreamChatEventMap)[];

/** Builds a public event: a bubbling, composed `CustomEvent` with a typed detail. */
export function chatEvent<K extends keyof StreamChatEventMap>(
  name: K,
  detail: StreamChatEventMap[K],
): CustomEvent<StreamChatEventMap[K]> {
  return new CustomEvent(name, { detail, bubbles: true, composed: true });
}

/** Every public event as the DOM types it: a `CustomEvent` with its detail. */
export type StreamChatDomEventMap = { [K in keyof StreamChatEventMap]: CustomEvent<StreamChatEventMap[K]> };

// The events bubble and are composed, so they are typed on documents and windows too.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends StreamChatDomEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends StreamChatDomEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface WindowEventMap extends StreamChatDomEventMap {}
}

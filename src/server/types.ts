/**
 * The public types of the server kit's ChatKitServer: what `respond()` and `action()` are and
 * receive, the server's options (store, agent, error reporter and the two overridable hooks of
 * chatkit-python's `ChatKitServer`, stream options and cancelled-stream handling) and what
 * `process()` returns. Types only, so any module can import them without a cycle.
 */
import type {
  Action,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageItem,
  WidgetItem,
} from '../protocol/types.js';
import type { AttachmentStore } from './attachment-store.js';
import type { ItemKind, Store } from './store.js';
import type { TranscribeFn } from './transcribe.js';
import type { RequestLimits } from './validate.js';

/** What `respond()` and `action()` get besides the thread: the request context and helpers. */
export interface RespondContext<C = unknown> {
  /** The request context (what the handler's `context` function returned). */
  readonly context: C;
  /** The server's store, to read earlier items (for example a completed client tool call). */
  readonly store: Store<C>;
  /** The server's attachment store, if any: `openAttachment(id, context)` reads a file's bytes. */
  readonly attachments?: AttachmentStore<C>;
  /**
   * Aborted when the client disconnects or the thread is deleted (by any request, or found gone
   * by the store); pass it to model calls and timers to stop early.
   */
  readonly signal: AbortSignal;
  /** Returns a new item id of the given kind for this thread (`msg_…`, `tc_…`, …). */
  newItemId(kind: ItemKind): string;
  /** Returns the current time as an ISO-8601 string, for `created_at`. */
  now(): string;
  /**
   * Keeps work that outlives the turn (a title still being written, say) attached to the thread:
   * `threads.get_by_id` for the thread waits for it (30 s at most) before answering, so a page that
   * asks right after the response ended sees its result.
   */
  waitUntil?(work: Promise<unknown>): void;
}

/**
 * Produces the events of one assistant turn. `item` is the user message to answer, or null when
 * the turn continues after a client tool output or a structured input answer arrived (read it
 * from `ctx.store`). `thread` is live: set `thread.title` or `thread.status` and the server saves
 * the thread and emits `thread.updated` after the next event. Yielded `thread.item.done` items are
 * persisted. A done pending `client_tool_call` is answered by the page once the stream ends; events
 * yielded after it (a title, a notice) are still streamed, as chatkit-python does. Throw
 * {@link StreamError} or {@link CustomStreamError} to end the stream with an in-band error.
 */
export type RespondFn<C = unknown> = (
  thread: ThreadMetadata,
  item: UserMessageItem | null,
  ctx: RespondContext<C>,
) => AsyncIterable<ThreadStreamEvent>;

/**
 * Handles `threads.custom_action`: a widget action (`sender` is the widget item) or a
 * client-sent action (`sender` is null). Its events are processed exactly like respond's.
 */
export type ActionFn<C = unknown> = (
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem | null,
  ctx: RespondContext<C>,
) => AsyncIterable<ThreadStreamEvent>;

/**
 * Handles `threads.sync_custom_action` (a widget action with `streaming: false`): returns the
 * item that replaces the sender in the client, or nothing. As in chatkit-python, the server does
 * not save the returned item: save it with `ctx.store` if it should outlive a reload.
 */
export type SyncActionFn<C = unknown> = (
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem | null,
  ctx: RespondContext<C>,
) => Promise<{ updated_item?: ThreadItem }>;

/** The options sent first in every turn's stream (`stream_options`). */
export interface StreamOptions {
  /** Whether the client may offer to stop the response. */
  allow_cancel: boolean;
}

/**
 * Called when the client went away before a turn finished. `pendingItems` are the items added but
 * not done, with the updates streamed so far applied.
 */
export type StreamCancelledFn<C = unknown> = (
  thread: ThreadMetadata,
  pendingItems: ThreadItem[],
  ctx: RespondContext<C>,
) => Promise<void>;

/** Options of {@link ChatKitServer}. */
export interface ChatKitServerOptions<C = unknown> {
  /** Where threads and items live. */
  store: Store<C>;
  /** The agent: produces the events of each assistant turn. */
  respond: RespondFn<C>;
  /**
   * Files attached to user messages (`attachments.create`/`delete`, the handler's upload and
   * file routes). Without it those requests answer 501, and user messages resolve attachment ids
   * through `store.loadAttachment`.
   */
  attachments?: AttachmentStore<C>;
  /** Dictation (`input.transcribe`); without it the request answers 501. */
  transcribe?: TranscribeFn<C>;
  /** Handles `threads.custom_action`; without it such requests stream a `stream.error`. */
  action?: ActionFn<C>;
  /** Handles `threads.sync_custom_action`; without it such requests answer 501. */
  syncAction?: SyncActionFn<C>;
  /**
   * Receives unexpected errors: exceptions from `respond`/`action` other than
   * {@link StreamError} and {@link CustomStreamError}, and store failures. Defaults to
   * `console.error`.
   */
  onError?: (error: unknown) => void;
  /**
   * The options of each turn's stream, like chatkit-python's `get_stream_options`. Defaults to
   * `{ allow_cancel: true }`.
   */
  streamOptions?: (thread: ThreadMetadata, context: C) => StreamOptions;
  /**
   * Handles a turn the client left, like chatkit-python's `handle_stream_cancelled`. The default,
   * `saveCancelledTurn`, keeps the non-empty pending assistant messages and adds a hidden note
   * telling the next turn that this one was cut short. Not called when the thread was deleted.
   */
  onStreamCancelled?: StreamCancelledFn<C>;
}

/** A result to send as `text/event-stream`, one `data:` frame per event (see `encodeSseEvent`). */
export interface StreamingResult {
  streaming: true;
  /** The events in order; the body ends when the iteration ends. */
  events: AsyncIterable<ThreadStreamEvent>;
}

/** A result to send as `application/json` with status 200. */
export interface NonStreamingResult {
  streaming: false;
  /** The body, already stripped of null fields; `JSON.stringify` it. */
  json: unknown;
}

/** Options of {@link ChatKitServer.process}. */
export interface ProcessOptions {
  /** Abort it when the client disconnects: the turn stops and its partial reply is saved. */
  signal?: AbortSignal;
  /** Bounds on nesting, titles, message parts and ids (defaults: `DEFAULT_REQUEST_LIMITS`). */
  limits?: Partial<RequestLimits>;
}

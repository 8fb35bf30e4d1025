import { randomBytes } from 'node:crypto';
import type { Attachment, Page, ThreadItem, ThreadMetadata } from '../protocol/types.js';

/** What a new item id is for; each kind has its own id prefix. */
export type ItemKind =
  | 'message'
  | 'tool_call'
  | 'task'
  | 'workflow'
  | 'attachment'
  | 'hidden_context'
  | 'sdk_hidden_context';

/** Sort order of a listing (`desc` = newest first). */
export type Order = 'asc' | 'desc';

/** The kind of feedback a user gave on assistant items. */
export type FeedbackKind = 'positive' | 'negative';

const PREFIXES: Record<ItemKind, string> = {
  message: 'msg',
  tool_call: 'tc',
  task: 'tsk',
  workflow: 'wf',
  attachment: 'atc',
  hidden_context: 'cstmctx',
  sdk_hidden_context: 'shcx',
};

/**
 * Makes an id in the reference format: a prefix, `_` and 8 random hex characters.
 *
 * @param prefix - `thr`, `msg`, ... (see {@link itemIdPrefix}).
 */
export function defaultId(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/**
 * The id prefix of an item kind: `msg`, `tc`, `tsk`, `wf`, `atc`, `cstmctx` or `shcx`.
 *
 * @param kind - What the id is for.
 */
export function itemIdPrefix(kind: ItemKind): string {
  return PREFIXES[kind];
}

/**
 * Persistence for threads and items. Every method gets the request context `C` last (what the
 * handler's `context` function returned), so an implementation can scope data by user or tenant.
 * Threads are stored without items; items are stored per thread. Listings page by a cursor that is
 * the id of the last entry of the previous page (exclusive), with `after` set only when `has_more`.
 * Implementations must copy what they store and return: callers mutate the objects they get.
 */
export interface Store<C = unknown> {
  /** Returns a new unique thread id (reference format `thr_` + 8 hex characters). */
  generateThreadId(context: C): string;
  /** Returns a new unique item id for `thread` (`msg_…`, `tc_…`, … by kind). */
  generateItemId(kind: ItemKind, thread: ThreadMetadata, context: C): string;
  /** Loads a thread's metadata, or null when it does not exist (for this context). */
  loadThread(threadId: string, context: C): Promise<ThreadMetadata | null>;
  /** Creates or replaces a thread's metadata. */
  saveThread(thread: ThreadMetadata, context: C): Promise<void>;
  /** Lists threads by creation time; threads created at the same instant keep creation order. */
  loadThreads(limit: number, after: string | undefined, order: Order, context: C): Promise<Page<ThreadMetadata>>;
  /** Deletes a thread and its items. */
  deleteThread(threadId: string, context: C): Promise<void>;
  /** Lists a thread's items by creation time, hidden items included. */
  loadThreadItems(
    threadId: string,
    after: string | undefined,
    limit: number,
    order: Order,
    context: C,
  ): Promise<Page<ThreadItem>>;
  /** Appends an item to a thread (replacing an item with the same id, if any). */
  addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void>;
  /** Creates or replaces an item (upsert by id). */
  saveItem(threadId: string, item: ThreadItem, context: C): Promise<void>;
  /** Loads one item, or null when it does not exist. */
  loadItem(threadId: string, itemId: string, context: C): Promise<ThreadItem | null>;
  /** Deletes one item; deleting a missing item is not an error. */
  deleteThreadItem(threadId: string, itemId: string, context: C): Promise<void>;
  /**
   * Resolves an attachment id sent in a user message to the attachment object. Optional: without
   * it (or when it returns null) a message carrying attachment ids ends its stream empty.
   */
  loadAttachment?(attachmentId: string, context: C): Promise<Attachment | null>;
  /** Records thumbs up/down on assistant items (`items.feedback`). Optional; ignored when absent. */
  addFeedback?(threadId: string, itemIds: string[], kind: FeedbackKind, context: C): Promise<void>;
}

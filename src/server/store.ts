/**
 * The persistence contract of the server kit: the {@link Store} interface every store implements
 * (MemoryStore, FileStore, PostgresStore or your own), the rules they share (ownership by the
 * context's `userId`, deletes that stick, cursor paging) and the id helpers. ChatKitServer talks
 * to storage only through this interface, so a store that follows it can back several server
 * instances at once: the store, not the process, decides whether a thread still exists.
 */
import { randomBytes } from 'node:crypto';
import type { Attachment, Page, ThreadItem, ThreadMetadata } from '../protocol/types.js';

/** What a new item id is for; each kind has its own id prefix. */
export type ItemKind =
  'message' | 'tool_call' | 'task' | 'workflow' | 'attachment' | 'hidden_context' | 'sdk_hidden_context';

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
 * Thrown by a store when a write names a thread that does not exist for the request context:
 * never created, deleted (possibly by another server instance, mid-answer) or owned by another
 * user. ChatKitServer then ends the turn quietly and cancels its work; nothing is written.
 */
export class ThreadNotFoundError extends Error {
  /** The thread id the write named. */
  readonly threadId: string;

  /** @param threadId - The thread id the write named. */
  constructor(threadId: string) {
    super(`Thread ${threadId.slice(0, 200)} was not found.`);
    this.name = 'ThreadNotFoundError';
    this.threadId = threadId;
  }
}

/**
 * The user a request context names: its `userId` when the context is an object with a string
 * `userId`, otherwise null (no user: the request shares the threads that have no owner). Stores
 * record it as a thread's owner and show a thread only to contexts naming the same owner.
 *
 * @param context - What the handler's `context` function returned.
 */
export function contextUserId(context: unknown): string | null {
  if (typeof context !== 'object' || context === null || !('userId' in context)) return null;
  return typeof context.userId === 'string' ? context.userId : null;
}

/**
 * Persistence for threads and items. Every method gets the request context `C` last (what the
 * handler's `context` function returned). Threads are stored without items; items are stored per
 * thread. Implementations must copy what they store and return: callers mutate the objects they
 * get. The rules every store follows (the shared store tests check them):
 *
 * - **Ownership.** `createThread` records {@link contextUserId}`(context)` (a string or null) as
 *   the thread's owner. A thread is visible only to contexts naming that same owner: for any
 *   other context it does not exist, in every method (loads give null or an empty page, writes
 *   throw {@link ThreadNotFoundError}, deletes do nothing).
 * - **Deletes stick.** After `deleteThread` resolves, nothing of the thread is listed, loaded or
 *   kept, and every write naming it (`saveThread`, `addThreadItem`, `saveItem`) throws
 *   {@link ThreadNotFoundError} instead of recreating it. The check is made by the store against
 *   its data at write time, so it also holds when another server instance deleted the thread.
 * - **Order and paging.** Listings sort by `created_at` (unparseable: first); entries created
 *   at the same instant keep insertion order, and `desc` is exactly the reverse of `asc`. A
 *   cursor is the id of the last entry of the previous page (exclusive); an unknown cursor yields
 *   an empty last page; `after` is set only when `has_more`. `limit` below 1 counts as 1.
 *   Replacing an entry keeps its place.
 */
export interface Store<C = unknown> {
  /** Returns a new unique thread id (reference format `thr_` + 8 hex characters). */
  generateThreadId(context: C): string;
  /** Returns a new unique item id for `thread` (`msg_…`, `tc_…`, … by kind). */
  generateItemId(kind: ItemKind, thread: ThreadMetadata, context: C): string;
  /** Loads a thread's metadata, or null when it does not exist for this context. */
  loadThread(threadId: string, context: C): Promise<ThreadMetadata | null>;
  /**
   * Stores a new thread owned by the context's user (an `items` field, if present, is not
   * stored). Throws when a thread with that id already exists.
   */
  createThread(thread: ThreadMetadata, context: C): Promise<void>;
  /**
   * Replaces an existing thread's metadata, keeping its owner and its place in listings.
   *
   * @throws {ThreadNotFoundError} When the thread does not exist for this context.
   */
  saveThread(thread: ThreadMetadata, context: C): Promise<void>;
  /** Lists the context's threads by creation time. */
  loadThreads(limit: number, after: string | undefined, order: Order, context: C): Promise<Page<ThreadMetadata>>;
  /** Deletes a thread and all its items; an unknown (or another user's) thread is left alone. */
  deleteThread(threadId: string, context: C): Promise<void>;
  /** Lists a thread's items by creation time, hidden items included; unknown thread: empty page. */
  loadThreadItems(
    threadId: string,
    after: string | undefined,
    limit: number,
    order: Order,
    context: C,
  ): Promise<Page<ThreadItem>>;
  /**
   * Appends an item to a thread (replacing an item with the same id, if any).
   *
   * @throws {ThreadNotFoundError} When the thread does not exist for this context.
   */
  addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void>;
  /**
   * Creates or replaces an item (upsert by id).
   *
   * @throws {ThreadNotFoundError} When the thread does not exist for this context.
   */
  saveItem(threadId: string, item: ThreadItem, context: C): Promise<void>;
  /** Loads one item, or null when it (or its thread) does not exist. */
  loadItem(threadId: string, itemId: string, context: C): Promise<ThreadItem | null>;
  /** Deletes one item; deleting a missing item (or one of a missing thread) is not an error. */
  deleteThreadItem(threadId: string, itemId: string, context: C): Promise<void>;
  /**
   * Resolves an attachment id sent in a user message to the attachment object. Optional: without
   * it (or when it returns null) a message carrying attachment ids ends its stream empty.
   */
  loadAttachment?(attachmentId: string, context: C): Promise<Attachment | null>;
  /**
   * Records thumbs up/down on assistant items (`items.feedback`). Optional; ignored when absent.
   * It is called for unknown threads too (the request answers `{}` either way): check the thread.
   */
  addFeedback?(threadId: string, itemIds: string[], kind: FeedbackKind, context: C): Promise<void>;
}

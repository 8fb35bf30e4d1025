/**
 * The in-process store: threads and items in memory, for demos, tests and prototypes. It follows
 * every rule of the Store contract (ownership, deletes that stick, ordering and paging through the
 * shared Timeline) and keeps nothing of a deleted thread.
 */
import type { Page, ThreadItem, ThreadMetadata } from '../protocol/types.js';
import {
  contextUserId,
  defaultId,
  itemIdPrefix,
  ThreadNotFoundError,
  type ItemKind,
  type Order,
  type Store,
} from './store.js';
import { timeOf, Timeline, type Timed } from './timeline.js';

interface StoredThread extends Timed {
  readonly thread: ThreadMetadata;
  readonly owner: string | null;
  readonly items: Timeline<StoredItem>;
}

interface StoredItem extends Timed {
  readonly item: ThreadItem;
}

/**
 * A {@link Store} that keeps everything in process memory: for demos, tests and prototypes.
 * Data is lost on restart. Threads belong to the context's `userId` (see `contextUserId`);
 * listings sort by `created_at`, breaking ties by insertion order.
 */
export class MemoryStore<C = unknown> implements Store<C> {
  private readonly threads = new Timeline<StoredThread>();

  /** Returns `thr_` + 8 random hex characters, never the id of a thread already stored. */
  generateThreadId(_context: C): string {
    let id = defaultId('thr');
    while (this.threads.get(id)) id = defaultId('thr');
    return id;
  }

  /** Returns the kind's prefix (`msg`, `tc`, `tsk`, `wf`, …) + `_` + 8 random hex characters. */
  generateItemId(kind: ItemKind, _thread: ThreadMetadata, _context: C): string {
    return defaultId(itemIdPrefix(kind));
  }

  /** Loads a copy of a thread's metadata, or null. */
  async loadThread(threadId: string, context: C): Promise<ThreadMetadata | null> {
    const stored = this.visible(threadId, context);
    return stored ? structuredClone(stored.thread) : null;
  }

  /** Stores a copy of a new thread, owned by the context's user. */
  async createThread(thread: ThreadMetadata, context: C): Promise<void> {
    if (this.threads.get(thread.id)) throw new Error(`Thread ${thread.id} already exists.`);
    this.threads.put({
      id: thread.id,
      time: timeOf(thread.created_at),
      thread: metadataOf(thread),
      owner: contextUserId(context),
      items: new Timeline(),
    });
  }

  /** Replaces a thread's metadata in place, keeping its owner and items. */
  async saveThread(thread: ThreadMetadata, context: C): Promise<void> {
    const stored = this.writable(thread.id, context);
    this.threads.put({ ...stored, time: timeOf(thread.created_at), thread: metadataOf(thread) });
  }

  /** Lists the context's threads by creation time (ties in creation order). */
  async loadThreads(limit: number, after: string | undefined, order: Order, context: C): Promise<Page<ThreadMetadata>> {
    const owner = contextUserId(context);
    return this.threads.page(
      after,
      limit,
      order,
      (stored) => structuredClone(stored.thread),
      (stored) => stored.owner === owner,
    );
  }

  /** Deletes a thread with all its items. */
  async deleteThread(threadId: string, context: C): Promise<void> {
    if (this.visible(threadId, context)) this.threads.delete(threadId);
  }

  /** Lists a thread's items by creation time (ties in insertion order); unknown thread: empty. */
  async loadThreadItems(
    threadId: string,
    after: string | undefined,
    limit: number,
    order: Order,
    context: C,
  ): Promise<Page<ThreadItem>> {
    const stored = this.visible(threadId, context);
    if (!stored) return { data: [], has_more: false };
    return stored.items.page(after, limit, order, (entry) => structuredClone(entry.item));
  }

  /** Appends a copy of the item (replacing one with the same id in place). */
  async addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    await this.saveItem(threadId, item, context);
  }

  /** Replaces the item with the same id in place, or appends a copy. */
  async saveItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    this.writable(threadId, context).items.put({
      id: item.id,
      time: timeOf(item.created_at),
      item: structuredClone(item),
    });
  }

  /** Loads a copy of one item, or null. */
  async loadItem(threadId: string, itemId: string, context: C): Promise<ThreadItem | null> {
    const entry = this.visible(threadId, context)?.items.get(itemId);
    return entry ? structuredClone(entry.item) : null;
  }

  /** Deletes one item (missing items are ignored). */
  async deleteThreadItem(threadId: string, itemId: string, context: C): Promise<void> {
    this.visible(threadId, context)?.items.delete(itemId);
  }

  private visible(threadId: string, context: C): StoredThread | undefined {
    const stored = this.threads.get(threadId);
    return stored && stored.owner === contextUserId(context) ? stored : undefined;
  }

  private writable(threadId: string, context: C): StoredThread {
    const stored = this.visible(threadId, context);
    if (!stored) throw new ThreadNotFoundError(threadId);
    return stored;
  }
}

/** A copy of exactly the thread fields a store keeps (no `items`). */
function metadataOf(thread: ThreadMetadata): ThreadMetadata {
  const { id, created_at, title, status, allowed_image_domains, metadata } = thread;
  return structuredClone({ id, created_at, title, status, allowed_image_domains, metadata });
}

import type { Page, ThreadItem, ThreadMetadata } from '../protocol/types.js';
import { defaultId, itemIdPrefix, type ItemKind, type Order, type Store } from './store.js';

interface Dated {
  id: string;
  created_at: string;
}

/**
 * A {@link Store} that keeps everything in process memory: for demos, tests and prototypes.
 * Data is lost on restart and shared by every request context (it does not scope by user).
 * Listings sort by `created_at`, breaking ties by insertion order, so threads and items created
 * in the same millisecond keep a stable order.
 */
export class MemoryStore<C = unknown> implements Store<C> {
  private readonly threads = new Map<string, ThreadMetadata>();
  private readonly items = new Map<string, ThreadItem[]>();

  /** Returns `thr_` + 8 random hex characters. */
  generateThreadId(_context: C): string {
    return defaultId('thr');
  }

  /** Returns the kind's prefix (`msg`, `tc`, `tsk`, `wf`, …) + `_` + 8 random hex characters. */
  generateItemId(kind: ItemKind, _thread: ThreadMetadata, _context: C): string {
    return defaultId(itemIdPrefix(kind));
  }

  /** Loads a copy of a thread's metadata, or null. */
  async loadThread(threadId: string, _context: C): Promise<ThreadMetadata | null> {
    const thread = this.threads.get(threadId);
    return thread ? structuredClone(thread) : null;
  }

  /** Stores a copy of the thread's metadata (an `items` field, if present, is not stored). */
  async saveThread(thread: ThreadMetadata, _context: C): Promise<void> {
    const { id, created_at, title, status, allowed_image_domains, metadata } = thread;
    // Map.set keeps an existing key's position, so updating a thread never reorders it.
    this.threads.set(id, structuredClone({ id, created_at, title, status, allowed_image_domains, metadata }));
    if (!this.items.has(id)) this.items.set(id, []);
  }

  /** Lists threads by creation time (ties in creation order). */
  async loadThreads(limit: number, after: string | undefined, order: Order, _context: C): Promise<Page<ThreadMetadata>> {
    return paginate([...this.threads.values()], after, limit, order);
  }

  /** Deletes a thread and all its items. */
  async deleteThread(threadId: string, _context: C): Promise<void> {
    this.threads.delete(threadId);
    this.items.delete(threadId);
  }

  /** Lists a thread's items by creation time (ties in insertion order); unknown thread → empty. */
  async loadThreadItems(
    threadId: string,
    after: string | undefined,
    limit: number,
    order: Order,
    _context: C,
  ): Promise<Page<ThreadItem>> {
    return paginate(this.items.get(threadId) ?? [], after, limit, order);
  }

  /** Appends a copy of the item (replacing one with the same id in place). */
  async addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    await this.saveItem(threadId, item, context);
  }

  /** Replaces the item with the same id in place, or appends it. */
  async saveItem(threadId: string, item: ThreadItem, _context: C): Promise<void> {
    const list = this.itemsOf(threadId);
    const index = list.findIndex((existing) => existing.id === item.id);
    if (index === -1) list.push(structuredClone(item));
    else list[index] = structuredClone(item);
  }

  /** Loads a copy of one item, or null. */
  async loadItem(threadId: string, itemId: string, _context: C): Promise<ThreadItem | null> {
    const item = this.items.get(threadId)?.find((candidate) => candidate.id === itemId);
    return item ? structuredClone(item) : null;
  }

  /** Deletes one item (missing items are ignored). */
  async deleteThreadItem(threadId: string, itemId: string, _context: C): Promise<void> {
    const list = this.items.get(threadId);
    if (!list) return;
    const index = list.findIndex((item) => item.id === itemId);
    if (index !== -1) list.splice(index, 1);
  }

  private itemsOf(threadId: string): ThreadItem[] {
    let list = this.items.get(threadId);
    if (!list) {
      list = [];
      this.items.set(threadId, list);
    }
    return list;
  }
}

function time(value: Dated): number {
  const parsed = Date.parse(value.created_at);
  return Number.isNaN(parsed) ? 0 : parsed;
}

/** Pages entries kept in insertion order; an unknown `after` cursor yields an empty last page. */
function paginate<T extends Dated>(entries: T[], after: string | undefined, limit: number, order: Order): Page<T> {
  // Array.prototype.sort is stable, so equal timestamps keep insertion order; reversing first
  // makes ties newest-first for `desc`.
  const ordered = order === 'asc' ? [...entries] : [...entries].reverse();
  ordered.sort(order === 'asc' ? (a, b) => time(a) - time(b) : (a, b) => time(b) - time(a));
  let start = 0;
  if (after !== undefined) {
    const index = ordered.findIndex((entry) => entry.id === after);
    if (index === -1) return { data: [], has_more: false };
    start = index + 1;
  }
  const size = Math.max(1, limit);
  const data = ordered.slice(start, start + size).map((entry) => structuredClone(entry));
  const last = data[data.length - 1];
  const hasMore = start + size < ordered.length;
  return hasMore && last ? { data, has_more: true, after: last.id } : { data, has_more: false };
}

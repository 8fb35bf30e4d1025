/**
 * The embedded store: threads and items in append-only journal files under one directory, so
 * conversations survive restarts with no database. Pure Node; the journal mechanics live in
 * `journal.ts`, the ordering and paging rules in `timeline.ts`, and this file maps the Store
 * contract (ownership, deletes that stick) onto them.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page, ThreadItem, ThreadMetadata } from '../protocol/types.js';
import { deleteRecord, entryOf, Journal, putRecord, type Entry } from './journal.js';
import {
  contextUserId,
  defaultId,
  itemIdPrefix,
  ThreadNotFoundError,
  type ItemKind,
  type Order,
  type Store,
} from './store.js';
import type { Timeline } from './timeline.js';

/** Options of {@link FileStore}. */
export interface FileStoreOptions {
  /** Where the data lives; created (with its parents) when missing. */
  directory: string;
  /**
   * Waits for every write to reach the disk (`fdatasync`) before it resolves, so data also
   * survives a power loss or kernel crash, not just a crash of the process. Slower; defaults to
   * false.
   */
  fsync?: boolean;
  /** How many threads keep their items in memory; the least recently used are dropped. Defaults to 500. */
  maxCachedThreads?: number;
}

/**
 * Thread ids become file names, so only these are accepted: letters, digits, `_` and `-`, at
 * most 120 characters (the file name, with upper case escaped, stays under 255 bytes).
 */
const THREAD_ID = /^[A-Za-z0-9_-]{1,120}$/;

const DEFAULT_CACHED_THREADS = 500;

/**
 * A {@link Store} that keeps threads and items in files under one directory, so conversations
 * survive restarts. Pure Node (no native modules); same semantics as `MemoryStore`, including
 * ownership (a thread belongs to the context's `userId`) and deletes that stick (a deleted
 * thread's item file is removed, and later writes naming it throw `ThreadNotFoundError`).
 *
 * Layout: `threads.jsonl` holds the metadata (and owner) of every thread, and
 * `items/<thread id>.jsonl` the items of one thread (upper-case letters are written as `^` + the
 * lower-case letter, so ids that differ only in case stay apart on case-insensitive file
 * systems). Each file is an append-only journal, one JSON record per line, replayed on first use
 * and rewritten (temporary file, then an atomic rename) when it grows to more than twice its live
 * data. Writes to one file are serialized, and those that arrive while a write is in flight go
 * out together in one append. A crash mid-append leaves at most a torn last line, which replay
 * drops; everything before it is kept. A write resolves once the operating system has it (set
 * `fsync` to wait for the disk).
 *
 * Thread metadata is kept in memory (listing never opens item files); items are loaded per thread
 * on first use and cached for the `maxCachedThreads` most recently used threads. Thread ids must
 * match `/^[A-Za-z0-9_-]{1,120}$/` (the default `thr_…` ids do): other ids load as missing, and
 * creating one throws, so an id such as `../../etc/passwd` never reaches the file system.
 * Use one FileStore per directory, in one process at a time (several server instances need a
 * shared database store such as PostgresStore).
 *
 * @example
 * const server = new ChatKitServer<{ userId: string }>({ store: new FileStore({ directory: '.data/chat' }), respond });
 * http.createServer(createChatKitHandler(server, { context: (req) => ({ userId: authenticate(req) }) })).listen(8787);
 */
export class FileStore<C = unknown> implements Store<C> {
  /** The absolute path of the data directory. */
  readonly directory: string;
  private readonly fsync: boolean;
  private readonly maxCachedThreads: number;
  private readonly threads: Journal;
  /** Item journals by thread id, least recently used first. */
  private readonly itemJournals = new Map<string, Journal>();
  private prepared: Promise<void> | null = null;

  /** @param options - The data directory, and optionally `fsync` and the cache size. */
  constructor(options: FileStoreOptions) {
    this.directory = resolve(options.directory);
    this.fsync = options.fsync ?? false;
    this.maxCachedThreads = Math.max(1, options.maxCachedThreads ?? DEFAULT_CACHED_THREADS);
    this.threads = this.journal('threads.jsonl');
  }

  /** Returns `thr_` + 8 random hex characters, never the id of a thread already stored. */
  generateThreadId(_context: C): string {
    // Creating under an existing id would fail, so retry.
    let id = defaultId('thr');
    while (this.threads.state?.get(id)) id = defaultId('thr');
    return id;
  }

  /** Returns the kind's prefix (`msg`, `tc`, `tsk`, `wf`, …) + `_` + 8 random hex characters. */
  generateItemId(kind: ItemKind, _thread: ThreadMetadata, _context: C): string {
    return defaultId(itemIdPrefix(kind));
  }

  /** Loads a copy of a thread's metadata, or null (also for ids that are not valid thread ids). */
  async loadThread(threadId: string, context: C): Promise<ThreadMetadata | null> {
    const threads = await this.loaded();
    const entry = THREAD_ID.test(threadId) ? visibleIn(threads, threadId, contextUserId(context)) : undefined;
    return entry ? threadFrom(entry.json) : null;
  }

  /**
   * Stores a new thread, owned by the context's user.
   *
   * @throws {Error} When `thread.id` is not a valid thread id or is taken.
   */
  async createThread(thread: ThreadMetadata, context: C): Promise<void> {
    if (!THREAD_ID.test(thread.id)) {
      throw new Error(
        `FileStore: invalid thread id ${JSON.stringify(thread.id.slice(0, 200))}; ids must match ${THREAD_ID}.`,
      );
    }
    const owner = contextUserId(context);
    const json = threadJson(thread, owner);
    await this.loaded();
    await this.threads.write((timeline) => {
      if (timeline.get(thread.id)) throw new Error(`Thread ${thread.id} already exists.`);
      timeline.put(entryOf({ id: thread.id, created_at: thread.created_at, owner }, json));
      return putRecord(json);
    });
  }

  /** Replaces a thread's metadata, keeping its owner and its place in listings. */
  async saveThread(thread: ThreadMetadata, context: C): Promise<void> {
    const owner = contextUserId(context);
    const json = threadJson(thread, owner);
    await this.loaded();
    await this.threads.write((timeline) => {
      if (!THREAD_ID.test(thread.id) || !visibleIn(timeline, thread.id, owner))
        throw new ThreadNotFoundError(thread.id);
      timeline.put(entryOf({ id: thread.id, created_at: thread.created_at, owner }, json));
      return putRecord(json);
    });
  }

  /** Lists the context's threads by creation time (ties in creation order), from metadata only. */
  async loadThreads(limit: number, after: string | undefined, order: Order, context: C): Promise<Page<ThreadMetadata>> {
    const owner = contextUserId(context);
    const threads = await this.loaded();
    return threads.page(
      after,
      limit,
      order,
      (entry) => threadFrom(entry.json),
      (entry) => entry.owner === owner,
    );
  }

  /** Deletes a thread and its item file. */
  async deleteThread(threadId: string, context: C): Promise<void> {
    await this.loaded();
    if (!this.visible(threadId, context)) return;
    // From here on every write naming the thread fails its check (the metadata is loaded, so this
    // runs at once), and the item journal's reset is queued behind the writes made before.
    const written = this.threads.write((timeline) => (timeline.delete(threadId) ? deleteRecord(threadId) : null));
    const journal = this.itemJournal(threadId);
    await Promise.all([written, journal.reset()]);
    if (journal.idle && this.itemJournals.get(threadId) === journal) this.itemJournals.delete(threadId);
  }

  /** Lists a thread's items by creation time (ties in insertion order); unknown thread: empty. */
  async loadThreadItems(
    threadId: string,
    after: string | undefined,
    limit: number,
    order: Order,
    context: C,
  ): Promise<Page<ThreadItem>> {
    await this.loaded();
    if (!this.visible(threadId, context)) return { data: [], has_more: false };
    return this.itemJournal(threadId).read((timeline) =>
      timeline.page(after, limit, order, (entry) => itemFrom(entry.json)),
    );
  }

  /** Appends a copy of the item (replacing one with the same id in place). */
  async addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    await this.saveItem(threadId, item, context);
  }

  /** Replaces the item with the same id in place, or appends it. */
  async saveItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    const json = JSON.stringify(item);
    await this.loaded();
    if (!this.visible(threadId, context)) throw new ThreadNotFoundError(threadId);
    await this.itemJournal(threadId).write((timeline) => {
      // Checked again when the change applies: while the items load, the thread may be deleted.
      if (!this.visible(threadId, context)) throw new ThreadNotFoundError(threadId);
      timeline.put(entryOf(item, json));
      return putRecord(json);
    });
  }

  /** Loads a copy of one item, or null. */
  async loadItem(threadId: string, itemId: string, context: C): Promise<ThreadItem | null> {
    await this.loaded();
    if (!this.visible(threadId, context)) return null;
    return this.itemJournal(threadId).read((timeline) => {
      const entry = timeline.get(itemId);
      return entry ? itemFrom(entry.json) : null;
    });
  }

  /** Deletes one item (missing items are ignored). */
  async deleteThreadItem(threadId: string, itemId: string, context: C): Promise<void> {
    await this.loaded();
    if (!this.visible(threadId, context)) return;
    await this.itemJournal(threadId).write((timeline) => (timeline.delete(itemId) ? deleteRecord(itemId) : null));
  }

  /**
   * Resolves once no write is pending, every one having reached the files (for a graceful
   * shutdown: stop the HTTP server, then `await store.flush()`). Never rejects; a failed write
   * rejects the call that made it.
   */
  async flush(): Promise<void> {
    // Calls made before this one reach their journals first (see `loaded`).
    await this.loaded().catch(() => undefined);
    for (;;) {
      const busy = [this.threads, ...this.itemJournals.values()].filter((journal) => !journal.idle);
      if (busy.length === 0) return;
      await Promise.all(busy.map((journal) => journal.settled()));
    }
  }

  /**
   * The thread metadata, loaded. Every method awaits this first and then works synchronously
   * up to its journal call: the loads resolve in call order, so calls keep their order even
   * when they arrive before the first load.
   */
  private async loaded(): Promise<Timeline<Entry>> {
    return this.threads.state ?? (await this.threads.read((timeline) => timeline));
  }

  /** Whether the thread exists for this context now (false while the metadata is not loaded). */
  private visible(threadId: string, context: C): boolean {
    const threads = this.threads.state;
    return threads !== null && visibleIn(threads, threadId, contextUserId(context)) !== undefined;
  }

  /** The item journal of a thread, marked most recently used; drops idle ones over the limit. */
  private itemJournal(threadId: string): Journal {
    let journal = this.itemJournals.get(threadId);
    if (journal) {
      this.itemJournals.delete(threadId);
      this.itemJournals.set(threadId, journal);
      return journal;
    }
    // Only idle journals go: one with queued work must stay the only writer of its file.
    for (const [id, candidate] of this.itemJournals) {
      if (this.itemJournals.size < this.maxCachedThreads) break;
      if (candidate.idle) this.itemJournals.delete(id);
    }
    journal = this.journal(join('items', fileName(threadId)));
    this.itemJournals.set(threadId, journal);
    return journal;
  }

  private journal(file: string): Journal {
    return new Journal(join(this.directory, file), this.fsync, () => this.prepare());
  }

  /** Creates the directories once, before the first file is read. */
  private prepare(): Promise<void> {
    this.prepared ??= mkdir(join(this.directory, 'items'), { recursive: true }).then(
      () => undefined,
      (error: unknown) => {
        this.prepared = null;
        throw error;
      },
    );
    return this.prepared;
  }
}

/** The thread's entry when it exists and belongs to `owner`. */
function visibleIn(timeline: Timeline<Entry>, threadId: string, owner: string | null): Entry | undefined {
  const entry = timeline.get(threadId);
  return entry && entry.owner === owner ? entry : undefined;
}

/** The stored record of a thread: MemoryStore's fields plus the owner (left out when null). */
function threadJson(thread: ThreadMetadata, owner: string | null): string {
  const { id, created_at, title, status, allowed_image_domains, metadata } = thread;
  return JSON.stringify({ id, created_at, title, status, allowed_image_domains, metadata, owner: owner ?? undefined });
}

/** A thread with exactly MemoryStore's fields (absent ones present as undefined; no owner). */
function threadFrom(json: string): ThreadMetadata {
  const { id, created_at, title, status, allowed_image_domains, metadata } = JSON.parse(json) as ThreadMetadata;
  return { id, created_at, title, status, allowed_image_domains, metadata };
}

function itemFrom(json: string): ThreadItem {
  return JSON.parse(json) as ThreadItem;
}

/** The item file of a thread; `^` marks upper case, which some file systems would fold. */
function fileName(threadId: string): string {
  return `${threadId.replace(/[A-Z]/g, (letter) => `^${letter.toLowerCase()}`)}.jsonl`;
}

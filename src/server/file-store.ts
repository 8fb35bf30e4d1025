import { mkdir, open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Page, ThreadItem, ThreadMetadata } from '../protocol/types.js';
import { defaultId, itemIdPrefix, type ItemKind, type Order, type Store } from './store.js';

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

/** A journal is rewritten once it is this large and more than twice its live data. */
const COMPACT_MIN_BYTES = 64 * 1024;

/** Bytes a put record adds around its JSON: `{"put":` `}` and the newline. */
const PUT_OVERHEAD = 9;

const DEFAULT_CACHED_THREADS = 500;

/**
 * A {@link Store} that keeps threads and items in files under one directory, so conversations
 * survive restarts. Pure Node (no native modules); same semantics as `MemoryStore`: listings sort
 * by `created_at` with ties in creation order, `after` cursors are exclusive (an unknown one
 * yields an empty page), hidden items are listed, missing things load as null, and every object
 * stored or returned is a copy.
 *
 * Layout: `threads.jsonl` holds the metadata of every thread, and `items/<thread id>.jsonl` the
 * items of one thread (upper-case letters are written as `^` + the lower-case letter, so ids
 * that differ only in case stay apart on case-insensitive file systems). Each file is an
 * append-only journal, one JSON record per line (`{"put":…}` or `{"del":"<id>"}`), replayed on
 * first use and rewritten (temporary file, then an atomic rename) when it grows to more than
 * twice its live data. Writes to one file are serialized, and those that arrive while a write is
 * in flight go out together in one append. A crash mid-append leaves at most a torn last line,
 * which replay drops; everything before it is kept. A write resolves once the operating system
 * has it (set `fsync` to wait for the disk).
 *
 * Thread metadata is kept in memory (listing never opens item files); items are loaded per thread
 * on first use and cached for the `maxCachedThreads` most recently used threads. Thread ids must
 * match `/^[A-Za-z0-9_-]{1,120}$/` (the default `thr_…` ids do): other ids load as missing, and
 * saving under one throws, so an id such as `../../etc/passwd` never reaches the file system.
 * Use one FileStore per directory, in one process at a time.
 *
 * Like `MemoryStore`, a FileStore does not scope data by user: every request context sees every
 * thread. To keep users apart, give each user (or tenant) a directory of their own, as below, or
 * record the owner in `thread.metadata` (clients never see metadata: the server always sends
 * `{}`) and, in a subclass, make `loadThread` return null for threads the context does not own and
 * `loadThreads` skip them. Every request that names a thread loads it first, so `loadThread`
 * guards items, updates and deletes too.
 *
 * @example
 * // One FileStore per user: nothing one user does can reach another user's threads.
 * interface User { id: string }
 *
 * class PerUserStore implements Store<User> {
 *   private readonly stores = new Map<string, FileStore<User>>();
 *   constructor(private readonly root: string) {}
 *
 *   private of(user: User): FileStore<User> {
 *     // The user id becomes a directory name: validate it like a thread id.
 *     if (!/^[A-Za-z0-9_-]{1,64}$/.test(user.id)) throw new Error('Invalid user id.');
 *     let store = this.stores.get(user.id);
 *     if (!store) this.stores.set(user.id, (store = new FileStore({ directory: join(this.root, user.id) })));
 *     return store;
 *   }
 *
 *   generateThreadId = (user: User) => this.of(user).generateThreadId(user);
 *   generateItemId = (kind: ItemKind, thread: ThreadMetadata, user: User) => this.of(user).generateItemId(kind, thread, user);
 *   loadThread = (id: string, user: User) => this.of(user).loadThread(id, user);
 *   saveThread = (thread: ThreadMetadata, user: User) => this.of(user).saveThread(thread, user);
 *   loadThreads = (limit: number, after: string | undefined, order: Order, user: User) =>
 *     this.of(user).loadThreads(limit, after, order, user);
 *   deleteThread = (id: string, user: User) => this.of(user).deleteThread(id, user);
 *   loadThreadItems = (id: string, after: string | undefined, limit: number, order: Order, user: User) =>
 *     this.of(user).loadThreadItems(id, after, limit, order, user);
 *   addThreadItem = (id: string, item: ThreadItem, user: User) => this.of(user).addThreadItem(id, item, user);
 *   saveItem = (id: string, item: ThreadItem, user: User) => this.of(user).saveItem(id, item, user);
 *   loadItem = (id: string, itemId: string, user: User) => this.of(user).loadItem(id, itemId, user);
 *   deleteThreadItem = (id: string, itemId: string, user: User) => this.of(user).deleteThreadItem(id, itemId, user);
 * }
 *
 * const server = new ChatKitServer<User>({ store: new PerUserStore('.data/chat'), respond });
 * http.createServer(createChatKitHandler(server, { context: (req) => authenticate(req) })).listen(8787);
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
    // Saving under an existing id would replace that conversation's metadata, so retry.
    let id = defaultId('thr');
    while (this.threads.state?.get(id)) id = defaultId('thr');
    return id;
  }

  /** Returns the kind's prefix (`msg`, `tc`, `tsk`, `wf`, …) + `_` + 8 random hex characters. */
  generateItemId(kind: ItemKind, _thread: ThreadMetadata, _context: C): string {
    return defaultId(itemIdPrefix(kind));
  }

  /** Loads a copy of a thread's metadata, or null (also for ids that are not valid thread ids). */
  async loadThread(threadId: string, _context: C): Promise<ThreadMetadata | null> {
    if (!THREAD_ID.test(threadId)) return null;
    return this.threads.read((timeline) => {
      const entry = timeline.get(threadId);
      return entry ? threadFrom(entry.json) : null;
    });
  }

  /**
   * Stores the thread's metadata (an `items` field, if present, is not stored).
   *
   * @throws {Error} When `thread.id` is not a valid thread id.
   */
  async saveThread(thread: ThreadMetadata, _context: C): Promise<void> {
    checkThreadId(thread.id);
    const { id, created_at, title, status, allowed_image_domains, metadata } = thread;
    const json = JSON.stringify({ id, created_at, title, status, allowed_image_domains, metadata });
    await this.threads.write((timeline) => {
      timeline.put(entryOf(thread, json));
      return putRecord(json);
    });
  }

  /** Lists threads by creation time (ties in creation order), from metadata only. */
  async loadThreads(limit: number, after: string | undefined, order: Order, _context: C): Promise<Page<ThreadMetadata>> {
    return this.threads.read((timeline) => timeline.page(after, limit, order, threadFrom));
  }

  /** Deletes a thread and its item file. */
  async deleteThread(threadId: string, _context: C): Promise<void> {
    if (!THREAD_ID.test(threadId)) return;
    // A crash between the two can leave an orphaned item file; only a new thread that drew the
    // same random id would see it.
    await Promise.all([
      this.threads.write((timeline) => (timeline.delete(threadId) ? deleteRecord(threadId) : null)),
      this.itemJournal(threadId).reset(),
    ]);
  }

  /** Lists a thread's items by creation time (ties in insertion order); unknown thread → empty. */
  async loadThreadItems(
    threadId: string,
    after: string | undefined,
    limit: number,
    order: Order,
    _context: C,
  ): Promise<Page<ThreadItem>> {
    if (!THREAD_ID.test(threadId)) return { data: [], has_more: false };
    return this.itemJournal(threadId).read((timeline) => timeline.page(after, limit, order, itemFrom));
  }

  /**
   * Appends a copy of the item (replacing one with the same id in place).
   *
   * @throws {Error} When `threadId` is not a valid thread id.
   */
  async addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    await this.saveItem(threadId, item, context);
  }

  /**
   * Replaces the item with the same id in place, or appends it.
   *
   * @throws {Error} When `threadId` is not a valid thread id.
   */
  async saveItem(threadId: string, item: ThreadItem, _context: C): Promise<void> {
    checkThreadId(threadId);
    const json = JSON.stringify(item);
    await this.itemJournal(threadId).write((timeline) => {
      timeline.put(entryOf(item, json));
      return putRecord(json);
    });
  }

  /** Loads a copy of one item, or null. */
  async loadItem(threadId: string, itemId: string, _context: C): Promise<ThreadItem | null> {
    if (!THREAD_ID.test(threadId)) return null;
    return this.itemJournal(threadId).read((timeline) => {
      const entry = timeline.get(itemId);
      return entry ? itemFrom(entry.json) : null;
    });
  }

  /** Deletes one item (missing items are ignored). */
  async deleteThreadItem(threadId: string, itemId: string, _context: C): Promise<void> {
    if (!THREAD_ID.test(threadId)) return;
    await this.itemJournal(threadId).write((timeline) => (timeline.delete(itemId) ? deleteRecord(itemId) : null));
  }

  /**
   * Resolves once no write is pending, every one having reached the files (for a graceful
   * shutdown: stop the HTTP server, then `await store.flush()`). Never rejects; a failed write
   * rejects the call that made it.
   */
  async flush(): Promise<void> {
    for (;;) {
      const busy = [this.threads, ...this.itemJournals.values()].filter((journal) => !journal.idle);
      if (busy.length === 0) return;
      await Promise.all(busy.map((journal) => journal.settled()));
    }
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

/** One stored thread or item: its JSON (parsed anew for every read, which makes the copy). */
interface Entry {
  readonly id: string;
  /** `created_at` in milliseconds (0 when unparseable, as in MemoryStore). */
  readonly time: number;
  readonly json: string;
  /** Size of its put record in the journal. */
  readonly bytes: number;
}

/**
 * Entries in insertion order plus, built lazily, the same entries sorted by time (a stable sort,
 * so ties keep insertion order) with each id's position. Appending in time order, replacing
 * without a time change and deleting the newest keep the sorted view; anything else drops it
 * until the next listing. Pages are then O(limit), with the cursor found through the positions.
 */
class Timeline {
  /** Bytes of the put records that a rewritten journal would hold. */
  liveBytes = 0;
  private readonly entries = new Map<string, Entry>();
  private sorted: Entry[] | null = [];
  private readonly positions = new Map<string, number>();

  get(id: string): Entry | undefined {
    return this.entries.get(id);
  }

  /** Adds an entry, or replaces the one with its id in place. */
  put(entry: Entry): void {
    const old = this.entries.get(entry.id);
    // Map.set keeps an existing key's position, as MemoryStore's in-place replacement does.
    this.entries.set(entry.id, entry);
    this.liveBytes += entry.bytes - (old?.bytes ?? 0);
    const sorted = this.sorted;
    if (!sorted) return;
    const position = this.positions.get(entry.id);
    if (old && position !== undefined && old.time === entry.time) {
      sorted[position] = entry;
    } else if (!old && (sorted.at(-1)?.time ?? -Infinity) <= entry.time) {
      this.positions.set(entry.id, sorted.length);
      sorted.push(entry);
    } else {
      this.unsort();
    }
  }

  /** Removes an entry; returns whether it existed. */
  delete(id: string): boolean {
    const old = this.entries.get(id);
    if (!old) return false;
    this.entries.delete(id);
    this.liveBytes -= old.bytes;
    if (this.sorted && this.positions.get(id) === this.sorted.length - 1) {
      this.sorted.pop();
      this.positions.delete(id);
    } else {
      this.unsort();
    }
    return true;
  }

  /** One page, parsed with `parse`; `desc` is exactly the reverse of `asc`, ties included. */
  page<T>(after: string | undefined, limit: number, order: Order, parse: (json: string) => T): Page<T> {
    const sorted = this.sortedEntries();
    const count = sorted.length;
    let start = 0;
    if (after !== undefined) {
      const position = this.positions.get(after);
      if (position === undefined) return { data: [], has_more: false };
      start = order === 'asc' ? position + 1 : count - position;
    }
    const size = Math.max(1, limit);
    const end = Math.min(count, Math.trunc(start + size));
    const data: T[] = [];
    let last: Entry | undefined;
    for (let index = start; index < end; index++) {
      last = sorted[order === 'asc' ? index : count - 1 - index];
      if (last) data.push(parse(last.json));
    }
    return start + size < count && last ? { data, has_more: true, after: last.id } : { data, has_more: false };
  }

  /** The journal text that recreates these entries, in insertion order. */
  snapshot(): string {
    const records: string[] = [];
    for (const entry of this.entries.values()) records.push(putRecord(entry.json));
    return records.join('');
  }

  private sortedEntries(): Entry[] {
    if (this.sorted) return this.sorted;
    const sorted = [...this.entries.values()].sort((a, b) => a.time - b.time);
    sorted.forEach((entry, index) => this.positions.set(entry.id, index));
    this.sorted = sorted;
    return sorted;
  }

  private unsort(): void {
    this.sorted = null;
    this.positions.clear();
  }
}

/**
 * One journal file and its in-memory data (`state`: null until loaded, and again after a failed
 * write, so that the file is read anew). Operations run on the data in call order: at once when
 * it is loaded, otherwise right after the load, before anyone else can see it. File work (the
 * load, appends, rewrites, the delete) runs one task at a time on a promise chain; records
 * appended while a write is in flight go out together in the next one.
 */
class Journal {
  state: Timeline | null = null;
  /** Operations waiting for the load, in call order. */
  private waiting: { run: (state: Timeline) => void; fail: (error: unknown) => void }[] = [];
  private loading = false;
  private tail: Promise<void> = Promise.resolve();
  private tasks = 0;
  private batch: { records: string[]; done: Promise<void> } | null = null;
  /** The file's size as far as this journal knows (it is the only writer). */
  private fileBytes = 0;

  constructor(
    private readonly path: string,
    private readonly fsync: boolean,
    private readonly prepare: () => Promise<void>,
  ) {}

  /** True when nothing is waiting, queued or running: dropping the journal then loses nothing. */
  get idle(): boolean {
    return this.tasks === 0 && this.batch === null && !this.loading;
  }

  /** Runs `view` on the data (loading it first if needed). */
  read<T>(view: (state: Timeline) => T): Promise<T> {
    const state = this.state;
    if (!state) return this.afterLoad(view);
    try {
      return Promise.resolve(view(state));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Applies `change` to the data and appends the record it returns (null: nothing changed).
   * Resolves once the record is written.
   */
  async write(change: (state: Timeline) => string | null): Promise<void> {
    const written = await this.read((state) => {
      const record = change(state);
      return record === null ? null : { done: this.append(record) };
    });
    await written?.done;
  }

  /** Empties the data and deletes the file once the writes queued before are done. */
  async reset(): Promise<void> {
    // Without a load in progress there is nothing to read first: the data is empty from now on.
    if (this.state || !this.loading) return this.clear();
    const cleared = await this.afterLoad(() => ({ done: this.clear() }));
    await cleared.done;
  }

  /** Resolves when the work queued so far is done. */
  settled(): Promise<void> {
    return this.tail;
  }

  /** Empties the data now and queues the delete of the file, in one synchronous step. */
  private clear(): Promise<void> {
    // A batch still queued is written before the delete; later records start a new batch.
    this.batch = null;
    this.state = new Timeline();
    return this.run(async () => {
      try {
        await rm(this.path, { force: true });
        this.fileBytes = 0;
      } catch (error) {
        this.state = null;
        throw error;
      }
    });
  }

  private afterLoad<T>(operation: (state: Timeline) => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ run: (state) => resolve(operation(state)), fail: reject });
      if (!this.loading) this.load();
    });
  }

  private load(): void {
    this.loading = true;
    this.run(async () => {
      await this.prepare();
      return replay(this.path);
    }).then(
      ({ timeline, bytes }) => {
        this.loading = false;
        this.state = timeline;
        this.fileBytes = bytes;
        for (const operation of this.waiting.splice(0)) {
          try {
            // `state` is read anew each time: an operation may have reset it.
            operation.run(this.state ?? timeline);
          } catch (error) {
            operation.fail(error);
          }
        }
      },
      (error: unknown) => {
        this.loading = false;
        for (const operation of this.waiting.splice(0)) operation.fail(error);
      },
    );
  }

  /** Queues one record (its data change is already in `state`); resolves once it is written. */
  private append(record: string): Promise<void> {
    if (!this.batch) {
      const records: string[] = [];
      this.batch = { records, done: this.run(() => this.flush(records)) };
    }
    this.batch.records.push(record);
    return this.batch.done;
  }

  private run<T>(task: () => Promise<T>): Promise<T> {
    this.tasks++;
    const result = this.tail.then(task).finally(() => {
      this.tasks--;
    });
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  private async flush(records: string[]): Promise<void> {
    // When this batch is still the open one, `state` holds exactly the file plus these records,
    // so a snapshot of it can replace both. After a reset it is not: just append, then the queued
    // delete removes the file.
    const current = this.batch?.records === records;
    if (current) this.batch = null;
    const data = records.join('');
    const bytes = Buffer.byteLength(data);
    const state = this.state;
    try {
      // A journal emptied by reset() writes without having loaded: the directories may be new.
      await this.prepare();
      const total = this.fileBytes + bytes;
      if (current && state && total > COMPACT_MIN_BYTES && total > 2 * state.liveBytes) {
        const snapshot = state.snapshot();
        await writeAtomically(this.path, snapshot, this.fsync);
        this.fileBytes = Buffer.byteLength(snapshot);
      } else {
        await appendTo(this.path, data, this.fsync, this.fileBytes === 0);
        this.fileBytes += bytes;
      }
    } catch (error) {
      // The data in memory may now be ahead of the file: drop it (the next use reloads the file),
      // and cut off a partly written record so that later appends start on a fresh line.
      this.state = null;
      await truncate(this.path, this.fileBytes).catch(() => undefined);
      throw error;
    }
  }
}

/** Reads a journal; a torn last line (a crash mid-append) is dropped and cut from the file. */
async function replay(path: string): Promise<{ timeline: Timeline; bytes: number }> {
  const timeline = new Timeline();
  let contents: Buffer;
  try {
    contents = await readFile(path);
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { timeline, bytes: 0 };
    throw error;
  }
  const end = contents.lastIndexOf(0x0a) + 1;
  // Left in place, the torn line would swallow the next record appended after it.
  if (end < contents.length) await truncate(path, end);
  for (const line of contents.toString('utf8', 0, end).split('\n')) {
    if (line !== '') applyRecord(timeline, line);
  }
  return { timeline, bytes: end };
}

function applyRecord(timeline: Timeline, line: string): void {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    // A damaged line costs only its own record; the records are independent upserts and deletes.
    return;
  }
  if (typeof record !== 'object' || record === null) return;
  if ('put' in record && isStored(record.put)) timeline.put(entryOf(record.put, JSON.stringify(record.put)));
  else if ('del' in record && typeof record.del === 'string') timeline.delete(record.del);
}

/** A stored thread or item needs only an id; a missing `created_at` sorts first, as in MemoryStore. */
function isStored(value: unknown): value is { id: string; created_at?: unknown } {
  return typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'string';
}

function entryOf(value: { id: string; created_at?: unknown }, json: string): Entry {
  const time = typeof value.created_at === 'string' ? Date.parse(value.created_at) : Number.NaN;
  return { id: value.id, time: Number.isNaN(time) ? 0 : time, json, bytes: Buffer.byteLength(json) + PUT_OVERHEAD };
}

const putRecord = (json: string) => `{"put":${json}}\n`;
const deleteRecord = (id: string) => `${JSON.stringify({ del: id })}\n`;

/** A thread with exactly MemoryStore's fields (absent ones present as undefined). */
function threadFrom(json: string): ThreadMetadata {
  const { id, created_at, title, status, allowed_image_domains, metadata } = JSON.parse(json) as ThreadMetadata;
  return { id, created_at, title, status, allowed_image_domains, metadata };
}

function itemFrom(json: string): ThreadItem {
  return JSON.parse(json) as ThreadItem;
}

function checkThreadId(threadId: string): void {
  if (!THREAD_ID.test(threadId)) {
    throw new Error(`FileStore: invalid thread id ${JSON.stringify(threadId.slice(0, 200))}; ids must match ${THREAD_ID}.`);
  }
}

/** The item file of a thread; `^` marks upper case, which some file systems would fold. */
function fileName(threadId: string): string {
  return `${threadId.replace(/[A-Z]/g, (letter) => `^${letter.toLowerCase()}`)}.jsonl`;
}

async function appendTo(path: string, data: string, fsync: boolean, mayCreate: boolean): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await handle.writeFile(data);
    if (fsync) await handle.datasync();
  } finally {
    await handle.close();
  }
  if (fsync && mayCreate) await syncDirectory(dirname(path));
}

/** Replaces a file with `data` so that readers see the old or the new contents, never a mix. */
async function writeAtomically(path: string, data: string, fsync: boolean): Promise<void> {
  const temporary = `${path}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(data);
    // Without this, a power loss soon after the rename could leave an empty file in its place.
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temporary, path);
  if (fsync) await syncDirectory(dirname(path));
}

/** Makes a new or renamed directory entry durable; a no-op where directories cannot be opened. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open a directory; its file system does not need this step.
  }
}

/**
 * One append-only journal file of the FileStore and its data in memory: records `{"put":…}` and
 * `{"del":"<id>"}` one per line, replayed on first use into a Timeline, appended in batches and
 * rewritten atomically when the file grows to more than twice its live data. The invariants
 * (call order, batching, deletes that wait for earlier writes, recovery from torn lines and
 * failed writes) are tested in test/server/journal.test.ts.
 */
import { open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import { timeOf, Timeline, type Timed } from './timeline.js';

/** A journal is rewritten once it is this large and more than twice its live data. */
const COMPACT_MIN_BYTES = 64 * 1024;

/** Bytes a put record adds around its JSON: `{"put":` `}` and the newline. */
const PUT_OVERHEAD = 9;

/** One stored thread or item: its JSON (parsed anew for every read, which makes the copy). */
export interface Entry extends Timed {
  readonly json: string;
  /** The owner recorded with a thread (`owner` in its record); null for items and unowned threads. */
  readonly owner: string | null;
  /** Size of its put record in the journal. */
  readonly bytes: number;
}

/**
 * One journal file and its in-memory data (`state`: null until loaded, and again after a failed
 * write, so that the file is read anew). Operations run on the data in call order: at once when
 * it is loaded, otherwise right after the load, before anyone else can see it. File work (the
 * load, appends, rewrites, the delete) runs one task at a time on a promise chain; records
 * appended while a write is in flight go out together in the next one.
 */
export class Journal {
  state: Timeline<Entry> | null = null;
  /** Operations waiting for the load, in call order. */
  private waiting: { run: (state: Timeline<Entry>) => void; fail: (error: unknown) => void }[] = [];
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
  read<T>(view: (state: Timeline<Entry>) => T): Promise<T> {
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
  async write(change: (state: Timeline<Entry>) => string | null): Promise<void> {
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
    this.state = newTimeline();
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

  private afterLoad<T>(operation: (state: Timeline<Entry>) => T): Promise<T> {
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
      if (current && state && total > COMPACT_MIN_BYTES && total > 2 * state.weight) {
        const text = snapshot(state);
        await writeAtomically(this.path, text, this.fsync);
        this.fileBytes = Buffer.byteLength(text);
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
async function replay(path: string): Promise<{ timeline: Timeline<Entry>; bytes: number }> {
  const timeline = newTimeline();
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

function applyRecord(timeline: Timeline<Entry>, line: string): void {
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

/**
 * The entry of a stored thread or item, from the value and its JSON (the JSON is what is stored).
 *
 * @param value - The thread (with its `owner`, if any) or item.
 * @param json - `JSON.stringify(value)`.
 */
export function entryOf(value: { id: string; created_at?: unknown; owner?: unknown }, json: string): Entry {
  const owner = typeof value.owner === 'string' ? value.owner : null;
  return { id: value.id, time: timeOf(value.created_at), json, owner, bytes: Buffer.byteLength(json) + PUT_OVERHEAD };
}

/** The journal record that stores (or replaces) an entry. */
export const putRecord = (json: string) => `{"put":${json}}\n`;
/** The journal record that deletes the entry with this id. */
export const deleteRecord = (id: string) => `${JSON.stringify({ del: id })}\n`;

function newTimeline(): Timeline<Entry> {
  return new Timeline<Entry>((entry) => entry.bytes);
}

/** The journal text that recreates a timeline's entries, in insertion order. */
function snapshot(timeline: Timeline<Entry>): string {
  const records: string[] = [];
  for (const entry of timeline.values()) records.push(putRecord(entry.json));
  return records.join('');
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

/**
 * The ordering and paging rules of every store in one place: entries sort by creation time with
 * ties in insertion order, `desc` is exactly the reverse of `asc`, cursors are exclusive ids.
 * MemoryStore and FileStore keep their threads and items in Timelines; a database store follows
 * the same rules in its queries (`ORDER BY created_at, insertion sequence`).
 */
import type { Page } from '../protocol/types.js';
import type { Order } from './store.js';

/** What a Timeline holds: an id and a creation time in milliseconds. */
export interface Timed {
  readonly id: string;
  readonly time: number;
}

/**
 * A `created_at` value in milliseconds; anything unparseable (or missing) is 0, so it sorts
 * first.
 *
 * @param createdAt - An ISO-8601 string, or whatever a stored record holds.
 */
export function timeOf(createdAt: unknown): number {
  const time = typeof createdAt === 'string' ? Date.parse(createdAt) : Number.NaN;
  return Number.isNaN(time) ? 0 : time;
}

/**
 * Entries in insertion order plus, built lazily, the same entries sorted by time (a stable sort,
 * so ties keep insertion order) with each id's position. Appending in time order, replacing
 * without a time change and deleting the newest keep the sorted view; anything else drops it
 * until the next listing. Pages are then O(limit), with the cursor found through the positions.
 */
export class Timeline<E extends Timed> {
  private readonly entries = new Map<string, E>();
  private sorted: E[] | null = [];
  private readonly positions = new Map<string, number>();
  private total = 0;

  /** @param weigh - A size per entry, summed in {@link Timeline.weight} (FileStore: record bytes). */
  constructor(private readonly weigh: (entry: E) => number = () => 0) {}

  /** The sum of the weights of the entries. */
  get weight(): number {
    return this.total;
  }

  /** The entry with this id, if any. */
  get(id: string): E | undefined {
    return this.entries.get(id);
  }

  /** The entries in insertion order (a replaced entry keeps its first place). */
  values(): IterableIterator<E> {
    return this.entries.values();
  }

  /** Adds an entry, or replaces the one with its id in place. */
  put(entry: E): void {
    const old = this.entries.get(entry.id);
    // Map.set keeps an existing key's position: a replaced entry keeps its insertion place.
    this.entries.set(entry.id, entry);
    this.total += this.weigh(entry) - (old ? this.weigh(old) : 0);
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
    this.total -= this.weigh(old);
    if (this.sorted && this.positions.get(id) === this.sorted.length - 1) {
      this.sorted.pop();
      this.positions.delete(id);
    } else {
      this.unsort();
    }
    return true;
  }

  /**
   * One page of entries, each turned into what the caller returns by `read`; `desc` is exactly
   * the reverse of `asc`, ties included. With `include`, only the entries it accepts exist for
   * this page (another user's threads): they are skipped and never valid cursors. An unknown
   * `after` yields an empty last page.
   */
  page<T>(
    after: string | undefined,
    limit: number,
    order: Order,
    read: (entry: E) => T,
    include: (entry: E) => boolean = () => true,
  ): Page<T> {
    const sorted = this.sortedEntries();
    const count = sorted.length;
    const at = (index: number) => sorted[order === 'asc' ? index : count - 1 - index];
    let start = 0;
    if (after !== undefined) {
      const position = this.positions.get(after);
      const cursor = position === undefined ? undefined : sorted[position];
      if (position === undefined || !cursor || !include(cursor)) return { data: [], has_more: false };
      start = order === 'asc' ? position + 1 : count - position;
    }
    const size = Math.max(1, Math.trunc(limit) || 1);
    const data: T[] = [];
    let last: E | undefined;
    let index = start;
    for (; index < count && data.length < size; index++) {
      const entry = at(index);
      if (!entry || !include(entry)) continue;
      last = entry;
      data.push(read(entry));
    }
    let more = false;
    for (; index < count && !more; index++) {
      const entry = at(index);
      more = entry !== undefined && include(entry);
    }
    return more && last ? { data, has_more: true, after: last.id } : { data, has_more: false };
  }

  private sortedEntries(): E[] {
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

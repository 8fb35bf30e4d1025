/**
 * PostgresStore: threads, items and attachment metadata in PostgreSQL, through a small pool of
 * `pg` (node-postgres) connections, so several server instances behind a load balancer serve any
 * request of any conversation. It keeps nothing in process memory: every answer comes from the
 * database, every write is committed before its promise resolves, and the rules of the Store
 * contract (ownership, deletes that stick, ordering and paging) are enforced by the SQL itself
 * (see postgres-queries.ts), so they hold across instances. The schema is created and migrated
 * on first use (postgres-schema.ts). `pg` is an optional peer dependency, imported on first use.
 */
import type { Pool, PoolConfig, QueryResult, QueryResultRow } from 'pg';
import type { Attachment, Page, ThreadItem, ThreadMetadata } from '../protocol/types.js';
import { queries, type Queries, type Query } from './postgres-queries.js';
import { migrate, quoteSchema } from './postgres-schema.js';
import {
  contextUserId,
  defaultId,
  itemIdPrefix,
  ThreadNotFoundError,
  type ItemKind,
  type Order,
  type Store,
} from './store.js';
import { timeOf } from './timeline.js';

/** Options of {@link PostgresStore}. */
export interface PostgresStoreOptions {
  /**
   * Where the database is: `postgres://user:password@host:port/database`, with
   * `?sslmode=require` (or `verify-full`, …) for TLS. Without it, `pg` reads the standard
   * `PGHOST`, `PGUSER`, … environment variables.
   */
  connectionString?: string;
  /** TLS options for `pg` (`true`, or `tls.connect` options such as `{ ca }`); see also `sslmode`. */
  ssl?: PoolConfig['ssl'];
  /** The most connections this instance opens at once. Defaults to 10. */
  max?: number;
  /** The PostgreSQL schema holding the tables; created when missing. Defaults to `stream_chat`. */
  schema?: string;
  /** A `pg` Pool of your own to use instead of opening one; `close()` leaves it open. */
  pool?: Pool;
  /** Receives errors of idle pooled connections (the database restarted, …). Defaults to `console.error`. */
  onError?: (error: unknown) => void;
}

/** Pool size when `max` is not given: small, so many instances fit under the server's limit. */
export const DEFAULT_POOL_SIZE = 10;

const MISSING_PG = 'PostgresStore needs the optional peer dependency pg (node-postgres): npm install pg';

/** PostgreSQL error codes the store turns into Store semantics. */
const FOREIGN_KEY_VIOLATION = '23503';
const UNIQUE_VIOLATION = '23505';

/**
 * A {@link Store} in PostgreSQL: safe to share between any number of server instances. Threads
 * belong to the context's `userId`; listings sort by `created_at` with ties in insertion order,
 * whichever instance wrote them; deleting a thread (on any instance) makes every later write to
 * it throw {@link ThreadNotFoundError}. Ids are stored as text, items and metadata as JSON text,
 * readable with `psql`. Call {@link PostgresStore.close} on shutdown.
 *
 * @example
 * const store = new PostgresStore({ connectionString: process.env.DATABASE_URL });
 * const server = new ChatKitServer({ store, respond });
 */
export class PostgresStore<C = unknown> implements Store<C> {
  /** The schema holding the tables. */
  readonly schema: string;
  private readonly sql: Queries;
  private readonly options: PostgresStoreOptions;
  private ready: Promise<Pool> | null = null;
  private closed = false;

  /**
   * Opens nothing yet: `pg` is loaded, the pool opened and the schema migrated on first use
   * (or by {@link PostgresStore.migrate}).
   *
   * @param options - The connection string, TLS, pool size and schema.
   * @throws {Error} When `schema` is not a plain lower-case identifier.
   */
  constructor(options: PostgresStoreOptions = {}) {
    this.schema = options.schema ?? 'stream_chat';
    this.sql = queries(quoteSchema(this.schema));
    this.options = options;
  }

  /** Connects and brings the schema up to date now, rather than on the first request. */
  async migrate(): Promise<void> {
    await this.pool();
  }

  /** Closes the pool (once running queries finish); the store is unusable afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pool = await this.ready?.catch(() => undefined);
    if (pool && !this.options.pool) await pool.end();
  }

  /** Returns `thr_` + 8 random hex characters (a clash fails `createThread` rather than reuse a thread). */
  generateThreadId(_context: C): string {
    return defaultId('thr');
  }

  /** Returns the kind's prefix (`msg`, `tc`, `tsk`, `wf`, …) + `_` + 8 random hex characters. */
  generateItemId(kind: ItemKind, _thread: ThreadMetadata, _context: C): string {
    return defaultId(itemIdPrefix(kind));
  }

  /** Loads a thread's metadata, or null when it does not exist for this context. */
  async loadThread(threadId: string, context: C): Promise<ThreadMetadata | null> {
    if (!storable(threadId)) return null;
    const { rows } = await this.run<{ thread: ThreadMetadata }>(this.sql.loadThread(threadId, contextUserId(context)));
    return rows[0]?.thread ?? null;
  }

  /**
   * Stores a new thread owned by the context's user, committed when this resolves.
   *
   * @throws {Error} When a thread with that id already exists.
   */
  async createThread(thread: ThreadMetadata, context: C): Promise<void> {
    try {
      await this.run(
        this.sql.createThread(thread.id, contextUserId(context), timeOf(thread.created_at), threadJson(thread)),
      );
    } catch (error) {
      if (codeOf(error) === UNIQUE_VIOLATION)
        throw new Error(`Thread ${thread.id.slice(0, 200)} already exists.`, { cause: error });
      throw error;
    }
  }

  /**
   * Replaces a thread's metadata, keeping its owner and its place in listings.
   *
   * @throws {ThreadNotFoundError} When the thread does not exist for this context.
   */
  async saveThread(thread: ThreadMetadata, context: C): Promise<void> {
    if (!storable(thread.id)) throw new ThreadNotFoundError(thread.id);
    const result = await this.run(
      this.sql.saveThread(thread.id, contextUserId(context), timeOf(thread.created_at), threadJson(thread)),
    );
    if (result.rowCount === 0) throw new ThreadNotFoundError(thread.id);
  }

  /** Lists the context's threads by creation time (ties in creation order). */
  async loadThreads(limit: number, after: string | undefined, order: Order, context: C): Promise<Page<ThreadMetadata>> {
    if (after !== undefined && !storable(after)) return { data: [], has_more: false };
    const size = pageSize(limit);
    const { rows } = await this.run<{ id: string; thread: ThreadMetadata }>(
      this.sql.loadThreads(contextUserId(context), after, size, order),
    );
    return page(rows, size, (row) => row.thread);
  }

  /** Deletes a thread and all its items in one statement; another user's thread is left alone. */
  async deleteThread(threadId: string, context: C): Promise<void> {
    if (storable(threadId)) await this.run(this.sql.deleteThread(threadId, contextUserId(context)));
  }

  /** Lists a thread's items by creation time (ties in insertion order); unknown thread: empty. */
  async loadThreadItems(
    threadId: string,
    after: string | undefined,
    limit: number,
    order: Order,
    context: C,
  ): Promise<Page<ThreadItem>> {
    if (!storable(threadId) || (after !== undefined && !storable(after))) return { data: [], has_more: false };
    const size = pageSize(limit);
    const { rows } = await this.run<{ id: string; item: ThreadItem }>(
      this.sql.loadItems(threadId, contextUserId(context), after, size, order),
    );
    return page(rows, size, (row) => row.item);
  }

  /**
   * Appends an item (replacing one with the same id in place).
   *
   * @throws {ThreadNotFoundError} When the thread does not exist for this context.
   */
  async addThreadItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    await this.saveItem(threadId, item, context);
  }

  /**
   * Replaces the item with the same id in place, or appends it; committed when this resolves.
   *
   * @throws {ThreadNotFoundError} When the thread does not exist for this context (also when
   *   another instance deletes it while this write runs).
   */
  async saveItem(threadId: string, item: ThreadItem, context: C): Promise<void> {
    if (!storable(threadId)) throw new ThreadNotFoundError(threadId);
    const query = this.sql.saveItem(
      threadId,
      contextUserId(context),
      item.id,
      timeOf(item.created_at),
      JSON.stringify(item),
    );
    let written: number | null;
    try {
      written = (await this.run(query)).rowCount;
    } catch (error) {
      if (codeOf(error) === FOREIGN_KEY_VIOLATION) throw new ThreadNotFoundError(threadId);
      throw error;
    }
    if (written === 0) throw new ThreadNotFoundError(threadId);
  }

  /** Loads one item, or null when it (or its thread, for this context) does not exist. */
  async loadItem(threadId: string, itemId: string, context: C): Promise<ThreadItem | null> {
    if (!storable(threadId) || !storable(itemId)) return null;
    const { rows } = await this.run<{ item: ThreadItem }>(this.sql.loadItem(threadId, contextUserId(context), itemId));
    return rows[0]?.item ?? null;
  }

  /** Deletes one item; a missing item (or thread) is not an error. */
  async deleteThreadItem(threadId: string, itemId: string, context: C): Promise<void> {
    if (storable(threadId) && storable(itemId))
      await this.run(this.sql.deleteItem(threadId, contextUserId(context), itemId));
  }

  /**
   * Stores an attachment's metadata (not its bytes), owned by the context's user, so a message
   * can refer to it by id.
   *
   * @throws {Error} When the id is taken by another user's attachment.
   */
  async saveAttachment(attachment: Attachment, context: C): Promise<void> {
    if (!storable(attachment.id)) throw new Error('Attachment ids cannot contain NUL characters.');
    const result = await this.run(
      this.sql.saveAttachment(attachment.id, contextUserId(context), JSON.stringify(attachment)),
    );
    if (result.rowCount === 0) throw new Error(`Attachment ${attachment.id.slice(0, 200)} belongs to another user.`);
  }

  /** Loads an attachment's metadata, or null when it does not exist for this context. */
  async loadAttachment(attachmentId: string, context: C): Promise<Attachment | null> {
    if (!storable(attachmentId)) return null;
    const { rows } = await this.run<{ attachment: Attachment }>(
      this.sql.loadAttachment(attachmentId, contextUserId(context)),
    );
    return rows[0]?.attachment ?? null;
  }

  /** Deletes an attachment's metadata; a missing one is not an error. */
  async deleteAttachment(attachmentId: string, context: C): Promise<void> {
    if (storable(attachmentId)) await this.run(this.sql.deleteAttachment(attachmentId, contextUserId(context)));
  }

  private async run<R extends QueryResultRow = QueryResultRow>(query: Query): Promise<QueryResult<R>> {
    const pool = await this.pool();
    return pool.query<R>(query.text, query.values);
  }

  private pool(): Promise<Pool> {
    if (this.closed) return Promise.reject(new Error('This PostgresStore is closed.'));
    if (!this.ready) {
      const ready = this.open();
      this.ready = ready;
      // A database that is down at start-up is tried again by the next request.
      ready.catch(() => {
        if (this.ready === ready) this.ready = null;
      });
    }
    return this.ready;
  }

  private async open(): Promise<Pool> {
    const {
      pool: given,
      connectionString,
      ssl,
      max,
      onError = (error: unknown) => console.error('PostgresStore:', error),
    } = this.options;
    let pool = given;
    if (!pool) {
      const pg = await importPg();
      pool = new pg.Pool({ connectionString, ssl, max: max ?? DEFAULT_POOL_SIZE, connectionTimeoutMillis: 10_000 });
      // Without a listener, an idle connection that breaks would crash the process.
      pool.on('error', onError);
    }
    try {
      await migrate(pool, this.schema);
    } catch (error) {
      if (!given) await pool.end().catch(() => undefined);
      throw error;
    }
    return pool;
  }
}

async function importPg(): Promise<typeof import('pg')> {
  try {
    return await import('pg');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code === 'ERR_MODULE_NOT_FOUND' && String(error).includes("'pg'"))
      throw new Error(MISSING_PG, { cause: error });
    throw error;
  }
}

/** PostgreSQL text cannot hold NUL: an id with one names nothing that could be stored. */
function storable(id: string): boolean {
  return !id.includes('\u0000');
}

/** `limit` below 1 (or not a number) counts as 1. */
function pageSize(limit: number): number {
  return Math.min(Math.max(1, Math.trunc(limit) || 1), Number.MAX_SAFE_INTEGER - 1);
}

/** A page from up to `size + 1` rows: the extra row only says there is more. */
function page<R extends { id: string }, T>(rows: R[], size: number, read: (row: R) => T): Page<T> {
  const kept = rows.slice(0, size);
  const last = kept.at(-1);
  return rows.length > size && last
    ? { data: kept.map(read), has_more: true, after: last.id }
    : { data: kept.map(read), has_more: false };
}

/** Exactly the thread fields a store keeps (no `items`), as JSON. */
function threadJson(thread: ThreadMetadata): string {
  const { id, created_at, title, status, allowed_image_domains, metadata } = thread;
  return JSON.stringify({ id, created_at, title, status, allowed_image_domains, metadata });
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}

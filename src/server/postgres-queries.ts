/**
 * Every SQL statement PostgresStore runs, built with numbered parameters (never by pasting
 * values into the text). Ownership is part of each statement: a thread is seen only with the
 * owner it was created with (`owner = $n`, or `owner IS NULL` for requests without a user, so
 * both forms can use the `(owner, created_ms, seq)` index). Listings follow the shared ordering
 * rules: by `created_ms`, ties by insertion `seq`, `desc` the exact reverse of `asc`, and a cursor
 * is the id of the last row of the previous page (exclusive; unknown or foreign: no rows).
 */
import type { Order } from './store.js';

/** A statement and its parameters, as `pool.query` takes them. */
export interface Query {
  readonly text: string;
  readonly values: unknown[];
}

/** Builds a statement: `param(value)` appends a parameter and returns its `$n`. */
function build(make: (param: (value: unknown) => string) => string): Query {
  const values: unknown[] = [];
  const text = make((value) => `$${values.push(value)}`);
  return { text, values };
}

/** The SQL condition "`column` names this owner". */
function ownedBy(column: string, owner: string | null, param: (value: unknown) => string): string {
  return owner === null ? `${column} IS NULL` : `${column} = ${param(owner)}`;
}

/** `created_ms, seq` in the page's direction. */
function orderBy(alias: string, order: Order): string {
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  return `${alias}.created_ms ${direction}, ${alias}.seq ${direction}`;
}

/** The statements of one schema (`s` is the quoted schema name). */
export function queries(s: string) {
  return {
    createThread: (id: string, owner: string | null, createdMs: number, json: string) =>
      build(
        (p) =>
          `INSERT INTO ${s}.threads (id, owner, created_ms, thread) VALUES (${p(id)}, ${p(owner)}, ${p(createdMs)}, ${p(json)})`,
      ),

    saveThread: (id: string, owner: string | null, createdMs: number, json: string) =>
      build(
        (p) =>
          `UPDATE ${s}.threads t SET created_ms = ${p(createdMs)}, thread = ${p(json)} WHERE t.id = ${p(id)} AND ${ownedBy('t.owner', owner, p)}`,
      ),

    loadThread: (id: string, owner: string | null) =>
      build((p) => `SELECT t.thread FROM ${s}.threads t WHERE t.id = ${p(id)} AND ${ownedBy('t.owner', owner, p)}`),

    /** One more row than `limit`, to tell whether there is a next page. */
    loadThreads: (owner: string | null, after: string | undefined, limit: number, order: Order) =>
      build((p) => {
        const cursor =
          after === undefined
            ? ''
            : ` AND (t.created_ms, t.seq) ${order === 'asc' ? '>' : '<'} (SELECT c.created_ms, c.seq FROM ${s}.threads c WHERE c.id = ${p(after)} AND ${ownedBy('c.owner', owner, p)})`;
        return `SELECT t.id, t.thread FROM ${s}.threads t WHERE ${ownedBy('t.owner', owner, p)}${cursor} ORDER BY ${orderBy('t', order)} LIMIT ${p(limit + 1)}`;
      }),

    /** Deletes the thread; its items go with it (ON DELETE CASCADE), in the same statement. */
    deleteThread: (id: string, owner: string | null) =>
      build((p) => `DELETE FROM ${s}.threads t WHERE t.id = ${p(id)} AND ${ownedBy('t.owner', owner, p)}`),

    /** One more row than `limit`; no rows when the thread is not the owner's. */
    loadItems: (threadId: string, owner: string | null, after: string | undefined, limit: number, order: Order) =>
      build((p) => {
        const thread = p(threadId);
        const cursor =
          after === undefined
            ? ''
            : ` AND (i.created_ms, i.seq) ${order === 'asc' ? '>' : '<'} (SELECT c.created_ms, c.seq FROM ${s}.items c WHERE c.thread_id = ${thread} AND c.id = ${p(after)})`;
        return (
          `SELECT i.id, i.item FROM ${s}.items i WHERE i.thread_id = ${thread}` +
          ` AND EXISTS (SELECT 1 FROM ${s}.threads t WHERE t.id = ${thread} AND ${ownedBy('t.owner', owner, p)})${cursor}` +
          ` ORDER BY ${orderBy('i', order)} LIMIT ${p(limit + 1)}`
        );
      }),

    /**
     * Inserts the item, or replaces the one with its id in place (its `seq`, hence its place
     * among equal times, stays). Writes no row when the thread is not the owner's; a thread
     * deleted meanwhile fails the foreign key instead.
     */
    saveItem: (threadId: string, owner: string | null, id: string, createdMs: number, json: string) =>
      build(
        (p) =>
          `INSERT INTO ${s}.items (thread_id, id, created_ms, item)` +
          ` SELECT t.id, ${p(id)}, ${p(createdMs)}, ${p(json)} FROM ${s}.threads t WHERE t.id = ${p(threadId)} AND ${ownedBy('t.owner', owner, p)}` +
          ` ON CONFLICT (thread_id, id) DO UPDATE SET created_ms = EXCLUDED.created_ms, item = EXCLUDED.item`,
      ),

    loadItem: (threadId: string, owner: string | null, id: string) =>
      build(
        (p) =>
          `SELECT i.item FROM ${s}.items i JOIN ${s}.threads t ON t.id = i.thread_id` +
          ` WHERE i.thread_id = ${p(threadId)} AND i.id = ${p(id)} AND ${ownedBy('t.owner', owner, p)}`,
      ),

    deleteItem: (threadId: string, owner: string | null, id: string) =>
      build(
        (p) =>
          `DELETE FROM ${s}.items i USING ${s}.threads t` +
          ` WHERE i.thread_id = ${p(threadId)} AND i.id = ${p(id)} AND t.id = i.thread_id AND ${ownedBy('t.owner', owner, p)}`,
      ),

    /** Inserts or replaces an attachment; writes no row when the id belongs to another owner. */
    saveAttachment: (id: string, owner: string | null, json: string) =>
      build(
        (p) =>
          `INSERT INTO ${s}.attachments AS a (id, owner, attachment) VALUES (${p(id)}, ${p(owner)}, ${p(json)})` +
          ` ON CONFLICT (id) DO UPDATE SET attachment = EXCLUDED.attachment WHERE a.owner IS NOT DISTINCT FROM EXCLUDED.owner`,
      ),

    loadAttachment: (id: string, owner: string | null) =>
      build(
        (p) => `SELECT a.attachment FROM ${s}.attachments a WHERE a.id = ${p(id)} AND ${ownedBy('a.owner', owner, p)}`,
      ),

    deleteAttachment: (id: string, owner: string | null) =>
      build((p) => `DELETE FROM ${s}.attachments a WHERE a.id = ${p(id)} AND ${ownedBy('a.owner', owner, p)}`),
  };
}

/** The statements of a schema, by name. */
export type Queries = ReturnType<typeof queries>;

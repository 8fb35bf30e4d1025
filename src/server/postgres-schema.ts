/**
 * The PostgreSQL schema of PostgresStore and the versioned migrations that build it. Every
 * instance runs {@link migrate} on first use; an advisory lock taken inside one transaction makes
 * instances that start at the same moment apply each migration exactly once, one after another,
 * and a failed migration leaves nothing half done. Migrations are only ever appended: a version,
 * once released, is never edited.
 */
import type { Pool } from 'pg';

/** One step of the schema: applied once per database schema, in version order. */
export interface Migration {
  /** 1, 2, 3, …: recorded in `<schema>.migrations` once applied. */
  readonly version: number;
  /** What it does, for the `migrations` table and the logs. */
  readonly name: string;
  /** The statements, given the quoted schema name. */
  readonly statements: (schema: string) => readonly string[];
}

/**
 * Every migration, oldest first. Version 1:
 *
 * - `threads`: one row per thread. `id` (text, `thr_…`), `owner` (the context's `userId`, null
 *   for requests without one), `created_ms` (`created_at` in epoch milliseconds, 0 when
 *   unparseable: the sort key), `seq` (insertion order, breaking ties of `created_ms`) and
 *   `thread` (the ThreadMetadata as JSON, without items).
 * - `items`: one row per item. `thread_id` (references `threads`, deleted with it), `id`,
 *   `created_ms`, `seq` as above and `item` (the ThreadItem as JSON).
 * - `attachments`: `id`, `owner`, `created_at` and `attachment` (the Attachment as JSON).
 *
 * Indexes: `threads (owner, created_ms, seq)` for listings and cursors (and `(created_ms, seq)
 * WHERE owner IS NULL` for threads without an owner), `items (thread_id, created_ms, seq)` for
 * item pages; the primary keys serve every lookup by id.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'threads, items and attachments',
    statements: (s) => [
      `CREATE TABLE ${s}.threads (
        id text PRIMARY KEY,
        owner text,
        created_ms bigint NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        thread json NOT NULL
      )`,
      `CREATE INDEX threads_listing ON ${s}.threads (owner, created_ms, seq)`,
      // `owner IS NULL` does not count as an equality for index order: its own partial index.
      `CREATE INDEX threads_listing_no_owner ON ${s}.threads (created_ms, seq) WHERE owner IS NULL`,
      `CREATE TABLE ${s}.items (
        thread_id text NOT NULL REFERENCES ${s}.threads (id) ON DELETE CASCADE,
        id text NOT NULL,
        created_ms bigint NOT NULL,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        item json NOT NULL,
        PRIMARY KEY (thread_id, id)
      )`,
      `CREATE INDEX items_listing ON ${s}.items (thread_id, created_ms, seq)`,
      `CREATE TABLE ${s}.attachments (
        id text PRIMARY KEY,
        owner text,
        created_at timestamptz NOT NULL DEFAULT now(),
        attachment json NOT NULL
      )`,
    ],
  },
];

/** Schema names PostgresStore accepts: a plain lower-case SQL identifier. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The schema name, quoted for SQL.
 *
 * @throws {Error} When it is not a plain lower-case identifier.
 */
export function quoteSchema(name: string): string {
  if (!SCHEMA_NAME.test(name))
    throw new Error(`Invalid schema name ${JSON.stringify(name)}: use lower-case letters, digits and _.`);
  return `"${name}"`;
}

/**
 * Brings a schema up to the newest migration, creating it when missing. Safe to call from
 * several processes at once: they queue on an advisory lock named after the schema, and each
 * migration commits together with its row in `migrations`.
 *
 * @param pool - Where to run it (one connection, for one transaction).
 * @param schema - The unquoted schema name.
 * @param migrations - The migrations to apply (all of them by default).
 * @returns The versions this call applied (empty when the schema was up to date).
 */
export async function migrate(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const s = quoteSchema(schema);
  const client = await pool.connect();
  const applied: number[] = [];
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`stream-chat-element migrations ${schema}`]);
    // Checked first: CREATE SCHEMA IF NOT EXISTS still needs the CREATE right on the database,
    // which a role given a ready-made schema may lack.
    const exists = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.rowCount === 0) await client.query(`CREATE SCHEMA ${s}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${s}.migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const done = new Set(
      (await client.query<{ version: number }>(`SELECT version FROM ${s}.migrations`)).rows.map((row) => row.version),
    );
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements(s)) await client.query(statement);
      await client.query(`INSERT INTO ${s}.migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch((failure: unknown) => {
      // The connection itself is gone: drop it from the pool rather than reuse it.
      broken = failure instanceof Error ? failure : new Error(String(failure));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

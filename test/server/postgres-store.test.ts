/**
 * PostgresStore against a real PostgreSQL (TEST_DATABASE_URL, or a throwaway server started by
 * test/support/postgres.js): the same answers as MemoryStore for the same operations, writes
 * from two pools at once, deletes that stick across pools, concurrent migrations, an index for
 * every statement, and JSON that survives the round trip byte for byte.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { ThreadItem, ThreadMetadata } from '../../src/protocol/types.js';
import { MemoryStore, type Order, type Store } from '../../src/server/index.js';
import { PostgresStore, type PostgresStoreOptions } from '../../src/server/postgres-store.js';
import { queries } from '../../src/server/postgres-queries.js';
import { MIGRATIONS } from '../../src/server/postgres-schema.js';
import { ThreadNotFoundError } from '../../src/server/store.js';
import { readFileSync } from 'node:fs';
import { dropSchemas, schemaName, stopTestDatabase, testDatabaseCa, testDatabaseUrl } from '../support/postgres.js';

let url = '';
const schemas: string[] = [];
const stores: PostgresStore[] = [];

/** A store on a schema of its own (dropped after the file), or on `schema` to share one. */
function store(schema?: string, max?: number, options: Partial<PostgresStoreOptions> = {}): PostgresStore {
  const name = schema ?? schemaName();
  if (!schemas.includes(name)) schemas.push(name);
  const created = new PostgresStore({ connectionString: url, schema: name, max, onError: () => undefined, ...options });
  stores.push(created);
  return created;
}

before(async () => {
  url = await testDatabaseUrl();
});

after(async () => {
  await Promise.all(stores.map((created) => created.close()));
  await dropSchemas(url, schemas);
  await stopTestDatabase();
});

const thread = (id: string, created_at: string, title?: string): ThreadMetadata => ({
  id,
  created_at,
  title,
  status: { type: 'active' },
  metadata: { note: id },
});

const message = (threadId: string, id: string, created_at: string, text: string): ThreadItem => ({
  type: 'assistant_message',
  id,
  thread_id: threadId,
  created_at,
  content: [{ type: 'output_text', text, annotations: [] }],
});

/** A small seeded PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('PostgresStore answers like MemoryStore', () => {
  it('gives the same pages, cursors and errors for a seeded run of 400 operations', async () => {
    const pgStore = store();
    const memory = new MemoryStore();
    const next = random(7);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    // Few distinct times, so ties (and unparseable times, which sort first) are common.
    const times = ['2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z', 'not a date'];
    const users = [{ userId: 'ada' }, { userId: 'bob' }, undefined];
    const threadIds: string[] = [];
    const itemIds = ['msg_a', 'msg_b', 'msg_c', 'msg_d', 'msg_e', 'msg_f'];

    const both = async <T>(label: string, run: (target: Store) => Promise<T>) => {
      const [expected, actual] = await Promise.all([settle(run(memory)), settle(run(pgStore))]);
      // As JSON, like the wire: MemoryStore keeps absent optional fields as `undefined` keys.
      assert.deepEqual(json(actual), json(expected), label);
    };

    for (let step = 0; step < 400; step++) {
      // Every random choice is drawn before both stores run the step, so they run the same one.
      const context = pick(users);
      const roll = next();
      const threadId = threadIds.length > 0 && roll > 0.08 ? pick(threadIds) : `thr_${step}`;
      const order: Order = next() < 0.5 ? 'asc' : 'desc';
      const limit = Math.floor(next() * 4);
      const time = pick(times);
      const itemId = pick(itemIds);
      const itemCursor = next() < 0.3 ? undefined : pick([...itemIds, 'msg_unknown']);
      const threadCursor = next() < 0.4 ? undefined : pick([...threadIds, 'thr_unknown']);
      if (roll <= 0.08) {
        threadIds.push(threadId);
        await both(`create ${threadId}`, (target) => target.createThread(thread(threadId, time), context));
      } else if (roll < 0.45) {
        await both(`add ${itemId}`, (target) =>
          target.addThreadItem(threadId, message(threadId, itemId, time, `v${step}`), context),
        );
      } else if (roll < 0.5) {
        await both('save thread', (target) => target.saveThread(thread(threadId, time, `t${step}`), context));
      } else if (roll < 0.55) {
        await both('delete item', (target) => target.deleteThreadItem(threadId, itemId, context));
      } else if (roll < 0.58) {
        await both('delete thread', (target) => target.deleteThread(threadId, context));
      } else if (roll < 0.8) {
        const label = `items ${threadId} ${itemCursor} ${limit} ${order}`;
        await both(label, (target) => target.loadThreadItems(threadId, itemCursor, limit, order, context));
      } else if (roll < 0.92) {
        await both(`threads ${threadCursor} ${limit} ${order}`, (target) =>
          target.loadThreads(limit, threadCursor, order, context),
        );
      } else {
        await both('load', async (target) => [
          await target.loadThread(threadId, context),
          await target.loadItem(threadId, itemId, context),
        ]);
      }
    }
    // Every thread of every user, paged one by one both ways, ends identical.
    for (const context of users) {
      for (const order of ['asc', 'desc'] as const)
        await both(`all ${order}`, (target) => everything(target, order, context));
    }
  });
});

describe('PostgresStore across pools (as across instances)', () => {
  it('keeps one order and loses nothing when two pools append to one thread at once', async () => {
    const first = store();
    const second = store(first.schema);
    await first.createThread(thread('thr_shared', '2026-01-01T00:00:00.000Z'), undefined);
    const at = '2026-01-01T00:00:05.000Z';
    await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        (index % 2 ? first : second).addThreadItem(
          'thr_shared',
          message('thr_shared', `msg_${index}`, at, `n${index}`),
          undefined,
        ),
      ),
    );
    const seenByFirst = (await first.loadThreadItems('thr_shared', undefined, 100, 'asc', undefined)).data.map(
      (item) => item.id,
    );
    const seenBySecond = (await second.loadThreadItems('thr_shared', undefined, 100, 'asc', undefined)).data.map(
      (item) => item.id,
    );
    assert.equal(new Set(seenByFirst).size, 60);
    assert.deepEqual(seenBySecond, seenByFirst);
    // A cursor from one pool pages on the other, newest first, with no gap and no repeat.
    const paged: string[] = [];
    let cursor: string | undefined;
    for (let turn = 0; turn < 100; turn++) {
      const page = await (turn % 2 ? first : second).loadThreadItems('thr_shared', cursor, 7, 'desc', undefined);
      paged.push(...page.data.map((item) => item.id));
      if (!page.has_more) break;
      cursor = page.after;
    }
    assert.deepEqual(paged, [...seenByFirst].reverse());
  });

  it('refuses writes from one pool to a thread the other deleted, and keeps none of it', async () => {
    const first = store();
    const second = store(first.schema);
    const user = { userId: 'ada' };
    await first.createThread(thread('thr_gone', '2026-01-01T00:00:00.000Z'), user);
    await first.addThreadItem('thr_gone', message('thr_gone', 'msg_1', '2026-01-01T00:00:01.000Z', 'one'), user);
    await second.deleteThread('thr_gone', user);
    await assert.rejects(
      first.addThreadItem('thr_gone', message('thr_gone', 'msg_2', '2026-01-01T00:00:02.000Z', 'two'), user),
      ThreadNotFoundError,
    );
    await assert.rejects(
      first.saveItem('thr_gone', message('thr_gone', 'msg_1', '2026-01-01T00:00:01.000Z', 'again'), user),
      ThreadNotFoundError,
    );
    await assert.rejects(
      first.saveThread(thread('thr_gone', '2026-01-01T00:00:00.000Z', 'back'), user),
      ThreadNotFoundError,
    );
    const left = await count(first.schema, 'SELECT count(*) FROM %s.items WHERE thread_id = $1', ['thr_gone']);
    assert.equal(left, 0);
  });

  it('makes a write racing a delete either land before it (and go with it) or fail', async () => {
    const first = store(undefined, 4);
    const second = store(first.schema, 4);
    for (let round = 0; round < 5; round++) {
      const id = `thr_race${round}`;
      await first.createThread(thread(id, '2026-01-01T00:00:00.000Z'), undefined);
      const writes = Array.from({ length: 20 }, (_, index) =>
        settle(first.addThreadItem(id, message(id, `msg_${index}`, '2026-01-01T00:00:01.000Z', 'x'), undefined)),
      );
      await second.deleteThread(id, undefined);
      for (const outcome of await Promise.all(writes)) {
        if (outcome !== undefined) assert.deepEqual(outcome, { error: 'ThreadNotFoundError' });
      }
      assert.equal(await count(first.schema, 'SELECT count(*) FROM %s.items WHERE thread_id = $1', [id]), 0);
      assert.equal(await first.loadThread(id, undefined), null);
    }
  });
});

describe('PostgresStore schema', () => {
  it('survives eight instances migrating an empty schema at the same moment', async () => {
    const name = schemaName();
    const racers = Array.from({ length: 8 }, () => store(name, 2));
    await Promise.all(racers.map((racer) => racer.migrate()));
    const rows = await select(`SELECT version, name FROM "${name}".migrations ORDER BY version`);
    assert.deepEqual(
      rows,
      MIGRATIONS.map(({ version, name: label }) => ({ version, name: label })),
    );
    // And every one of them works on the result.
    await racers[0]?.createThread(thread('thr_one', '2026-01-01T00:00:00.000Z'), undefined);
    for (const racer of racers) assert.equal((await racer.loadThread('thr_one', undefined))?.id, 'thr_one');
  });

  it('has an index for every statement it runs (no sequential scan when one is avoidable)', async () => {
    const target = store();
    await target.migrate();
    const sql = queries(`"${target.schema}"`);
    const json = '{}';
    const statements = [
      sql.createThread('thr_x', 'ada', 0, json),
      ...[null, 'ada'].flatMap((owner) => [
        sql.saveThread('thr_x', owner, 0, json),
        sql.loadThread('thr_x', owner),
        sql.deleteThread('thr_x', owner),
        ...(['asc', 'desc'] as const).flatMap((order) => [
          sql.loadThreads(owner, undefined, 20, order),
          sql.loadThreads(owner, 'thr_y', 20, order),
          sql.loadItems('thr_x', owner, undefined, 20, order),
          sql.loadItems('thr_x', owner, 'msg_y', 20, order),
        ]),
        sql.saveItem('thr_x', owner, 'msg_x', 0, json),
        sql.loadItem('thr_x', owner, 'msg_x'),
        sql.deleteItem('thr_x', owner, 'msg_x'),
        sql.saveAttachment('atc_x', owner, json),
        sql.loadAttachment('atc_x', owner),
        sql.deleteAttachment('atc_x', owner),
      ]),
    ];
    const client = new pg.Client(url);
    await client.connect();
    try {
      // Small tables favour scans and sorts: forbid them, so only a missing index can bring one back.
      await client.query('SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off');
      for (const statement of statements) {
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${statement.text}`, statement.values);
        const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
        assert.doesNotMatch(plan, /Seq Scan|Sort\b/, `${statement.text}\n${plan}`);
      }
    } finally {
      await client.end();
    }
  });

  it('stores ids as text and JSON exactly as given (NUL escapes, lone surrogates, nulls in arrays)', async () => {
    const target = store();
    await target.createThread(thread('thr_text', '2026-01-01T00:00:00.000Z', 'a\u0000b \ud800'), undefined);
    const output: ThreadItem = {
      type: 'client_tool_call',
      id: 'tc_1',
      thread_id: 'thr_text',
      created_at: '2026-01-01T00:00:01.000Z',
      status: 'completed',
      call_id: 'call_1',
      name: 'pick',
      arguments: { z: 1, a: [null, { b: null }] },
      output: [null, 'x\u0000', { list: [1, null] }],
    };
    await target.addThreadItem('thr_text', output, undefined);
    assert.deepEqual(await target.loadItem('thr_text', 'tc_1', undefined), output);
    assert.equal((await target.loadThread('thr_text', undefined))?.title, 'a\u0000b \ud800');
    const rows = await select(`SELECT thread_id, id, item::text AS item FROM "${target.schema}".items`);
    assert.deepEqual(rows, [{ thread_id: 'thr_text', id: 'tc_1', item: JSON.stringify(output) }]);
    // Ids that PostgreSQL text cannot hold name nothing rather than fail the request.
    assert.equal(await target.loadThread('thr_\u0000', undefined), null);
    await assert.rejects(target.addThreadItem('thr_\u0000', output, undefined), ThreadNotFoundError);
  });

  it('keeps attachment metadata per user', async () => {
    const target = store();
    const attachment = { type: 'file' as const, id: 'atc_1', name: 'a.pdf', mime_type: 'application/pdf' };
    await target.saveAttachment(attachment, { userId: 'ada' });
    assert.deepEqual(await target.loadAttachment('atc_1', { userId: 'ada' }), attachment);
    assert.equal(await target.loadAttachment('atc_1', { userId: 'bob' }), null);
    await assert.rejects(target.saveAttachment({ ...attachment, name: 'b.pdf' }, { userId: 'bob' }), /another user/);
    await target.deleteAttachment('atc_1', { userId: 'bob' });
    assert.deepEqual(await target.loadAttachment('atc_1', { userId: 'ada' }), attachment);
    await target.deleteAttachment('atc_1', { userId: 'ada' });
    assert.equal(await target.loadAttachment('atc_1', { userId: 'ada' }), null);
  });

  it('is closed by close(): its connections end and later calls fail clearly', async () => {
    const target = store();
    await target.migrate();
    await target.close();
    await assert.rejects(target.loadThread('thr_x', undefined), /closed/);
  });
});

const json = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

describe('PostgresStore connections', () => {
  /** Whether the store's connections (named by application_name) use TLS, from the server's view. */
  async function tlsOf(name: string): Promise<boolean[]> {
    const rows = await select(
      'SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a ON a.pid = s.pid WHERE a.application_name = $1',
      [name],
    );
    return rows.map((row) => row.ssl === true);
  }

  const withParams = (params: Record<string, string>) => {
    const target = new URL(url);
    for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
    return target.href;
  };

  it('logs in with a password over plain TCP from a postgres://user:password@host:port/db URL', async () => {
    const plain = store(undefined, 2, { connectionString: withParams({ application_name: 'plain' }) });
    await plain.createThread(thread('thr_plain', '2026-01-01T00:00:00.000Z'), undefined);
    assert.equal((await plain.loadThread('thr_plain', undefined))?.id, 'thr_plain');
    assert.deepEqual([...new Set(await tlsOf('plain'))], [false]);
    const wrong = new URL(url);
    wrong.password = 'wrong';
    await assert.rejects(
      store(undefined, 1, { connectionString: wrong.href }).migrate(),
      /password authentication failed/,
    );
  });

  it('connects over verified TLS, from the URL (sslmode, sslrootcert) or from the ssl option', async (t) => {
    const ca = await testDatabaseCa();
    if (!ca) return t.skip('the test database has no certificate to trust (set TEST_DATABASE_CA)');
    const fromUrl = store(undefined, 2, {
      connectionString: withParams({ application_name: 'tls-url', sslmode: 'verify-full', sslrootcert: ca }),
    });
    await fromUrl.createThread(thread('thr_tls', '2026-01-01T00:00:00.000Z'), undefined);
    assert.deepEqual([...new Set(await tlsOf('tls-url'))], [true]);
    const fromOption = store(fromUrl.schema, 2, {
      connectionString: withParams({ application_name: 'tls-option' }),
      ssl: { ca: readFileSync(ca, 'utf8') },
    });
    assert.equal((await fromOption.loadThread('thr_tls', undefined))?.id, 'thr_tls');
    assert.deepEqual([...new Set(await tlsOf('tls-option'))], [true]);
    // A certificate nobody vouches for is refused, not silently accepted.
    const unverified = store(undefined, 1, { connectionString: withParams({ sslmode: 'verify-full' }) });
    await assert.rejects(unverified.migrate(), /self.signed|certificate/i);
  });
});

/** A promise's value, or `{ error: name }` when it rejects. */
async function settle<T>(promise: Promise<T>): Promise<T | { error: string }> {
  try {
    return await promise;
  } catch (error) {
    return { error: error instanceof Error ? error.name : String(error) };
  }
}

/** Every thread with every item, paged one entry at a time. */
async function everything(target: Store, order: Order, context: unknown) {
  const result: [ThreadMetadata, ThreadItem[]][] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await target.loadThreads(1, cursor, order, context);
    for (const found of page.data) {
      const items: ThreadItem[] = [];
      let itemCursor: string | undefined;
      for (;;) {
        const itemPage = await target.loadThreadItems(found.id, itemCursor, 1, order, context);
        items.push(...itemPage.data);
        if (!itemPage.has_more) break;
        itemCursor = itemPage.after;
      }
      result.push([found, items]);
    }
    if (!page.has_more) return result;
    cursor = page.after;
  }
}

async function select(text: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function count(schema: string, text: string, values: unknown[]): Promise<number> {
  const [row] = await select(text.replace('%s', `"${schema}"`), values);
  return Number(row?.count);
}

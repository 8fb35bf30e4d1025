/**
 * Two instances of the server kit (separate processes) on one PostgreSQL database: they start
 * together on an empty schema, serve any request of any conversation, agree byte for byte, take
 * 200 conversations at once, survive the other's kill -9, and stop cleanly on SIGTERM.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';
import { MIGRATIONS } from '../../src/server/postgres-schema.js';
import { dropSchemas, schemaName, stopTestDatabase, testDatabaseUrl } from '../support/postgres.js';
import {
  answers,
  input,
  json,
  post,
  sseEvents,
  startInstance,
  stopInstance,
  stream,
  threadIdOf,
  type Instance,
} from '../support/postgres-instances.js';

const schema = schemaName();
let url = '';
let a: Instance;
let b: Instance;
const instances: Instance[] = [];

async function start(name: string): Promise<Instance> {
  const instance = await startInstance(name, { DATABASE_URL: url, STORE_SCHEMA: schema });
  instances.push(instance);
  return instance;
}

async function sql<R extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<R>(text, values)).rows;
  } finally {
    await client.end();
  }
}

before(async () => {
  url = await testDatabaseUrl();
  // At the same moment, on a schema that does not exist yet.
  [a, b] = await Promise.all([start('a'), start('b')]);
});

after(async () => {
  await Promise.all(instances.map((instance) => stopInstance(instance)));
  await dropSchemas(url, [schema]);
  await stopTestDatabase();
});

const create = (text: string) => ({ type: 'threads.create', params: { input: input(text) } });
const addMessage = (threadId: string, text: string) => ({
  type: 'threads.add_user_message',
  params: { thread_id: threadId, input: input(text) },
});
const drip = (lines: number) => Array.from({ length: lines }, (_, index) => `line ${index + 1}\n\n`).join('');
const isDelta = (event: ThreadStreamEvent) =>
  event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta';

/** Opens a stream and reads it up to its first text delta; `rest()` reads the remainder. */
async function openUntilDelta(endpoint: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await post(endpoint, body, headers);
  const iterator = sseEvents(response)[Symbol.asyncIterator]();
  const seen: ThreadStreamEvent[] = [];
  for (;;) {
    const step = await iterator.next();
    if (step.done) throw new Error(`the stream ended before its first delta: ${JSON.stringify(seen)}`);
    seen.push(step.value);
    if (isDelta(step.value)) break;
  }
  return {
    seen,
    /** Reads the rest; resolves with all events, or rejects when the stream is cut. */
    async rest(): Promise<ThreadStreamEvent[]> {
      for (;;) {
        const step = await iterator.next();
        if (step.done) return seen;
        seen.push(step.value);
      }
    },
  };
}

describe('two instances on one database', () => {
  it('both came up from an empty schema at the same moment, migrating it once', async () => {
    const rows = await sql<{ version: number }>(`SELECT version FROM "${schema}".migrations ORDER BY version`);
    assert.deepEqual(
      rows.map((row) => row.version),
      MIGRATIONS.map((migration) => migration.version),
    );
  });

  it('serve one conversation in turns: message, client tool output and retry on the other instance', async () => {
    const created = await stream(a.url, create('text Hello there'));
    const threadId = threadIdOf(created);
    const firstMessage = created[1];
    assert.equal(firstMessage?.type === 'thread.item.done' && firstMessage.item.type, 'user_message');
    assert.deepEqual(answers(created), ['Hello there']);

    const asked = await stream(b.url, addMessage(threadId, 'tool pick {"x":1}\ntext after the tool'));
    const call = asked.at(-1);
    assert.equal(
      call?.type === 'thread.item.done' && call.item.type === 'client_tool_call' && call.item.status,
      'pending',
    );

    // The output of the call B made goes to A, which continues B's turn from the database.
    const output = await stream(a.url, {
      type: 'threads.add_client_tool_output',
      params: { thread_id: threadId, result: { picked: 2 } },
    });
    assert.deepEqual(answers(output), ['tool output: `{"picked":2}`', 'after the tool']);

    const retried = await stream(b.url, {
      type: 'threads.retry_after_item',
      params: { thread_id: threadId, item_id: firstMessage?.type === 'thread.item.done' ? firstMessage.item.id : '' },
    });
    assert.deepEqual(answers(retried), ['Hello there']);

    const itemsA = await json(a.url, { type: 'items.list', params: { thread_id: threadId, order: 'asc' } });
    assert.deepEqual(
      (JSON.parse(itemsA.text) as { data: { type: string }[] }).data.map((item) => item.type),
      ['user_message', 'assistant_message'],
    );
  });

  it('answer the same JSON for the same request, and page with each other’s cursors', async () => {
    const threadId = threadIdOf(await stream(a.url, create('text one two')));
    for (let turn = 0; turn < 3; turn++)
      await stream(turn % 2 ? a.url : b.url, addMessage(threadId, `text turn ${turn}`));
    for (const body of [
      { type: 'threads.get_by_id', params: { thread_id: threadId } },
      { type: 'items.list', params: { thread_id: threadId } },
      { type: 'threads.list', params: { limit: 50 } },
    ]) {
      const [fromA, fromB] = await Promise.all([json(a.url, body), json(b.url, body)]);
      assert.equal(fromA.status, 200);
      assert.equal(fromB.text, fromA.text);
    }
    const all = JSON.parse(
      (await json(a.url, { type: 'items.list', params: { thread_id: threadId, limit: 50 } })).text,
    ) as { data: { id: string }[] };
    const paged: string[] = [];
    let after: string | undefined;
    for (let turn = 0; turn < 20; turn++) {
      const page = JSON.parse(
        (await json(turn % 2 ? a.url : b.url, { type: 'items.list', params: { thread_id: threadId, limit: 3, after } }))
          .text,
      ) as {
        data: { id: string }[];
        has_more: boolean;
        after?: string;
      };
      paged.push(...page.data.map((item) => item.id));
      if (!page.has_more) break;
      after = page.after;
    }
    assert.deepEqual(
      paged,
      all.data.map((item) => item.id),
    );
  });

  it('stop writing a thread that the other instance deleted mid-answer', async () => {
    const running = await openUntilDelta(a.url, create(`drip 40`));
    const threadId = threadIdOf(running.seen);
    assert.equal((await json(b.url, { type: 'threads.delete', params: { thread_id: threadId } })).text, '{}');
    const events = await running.rest().catch(() => running.seen);
    assert.ok(!answers(events).length, 'the answer was not completed after the delete');
    const left = await sql<{ count: string }>(
      `SELECT (SELECT count(*) FROM "${schema}".threads WHERE id = $1) + (SELECT count(*) FROM "${schema}".items WHERE thread_id = $1) AS count`,
      [threadId],
    );
    assert.equal(left[0]?.count, '0');
    assert.equal((await json(a.url, { type: 'threads.get_by_id', params: { thread_id: threadId } })).status, 404);
  });

  it('carry 200 conversations at once, half on each, every stream complete and stored', async () => {
    const user = { 'x-user': 'load' };
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) => stream(index % 2 ? a.url : b.url, create('drip 3'), user)),
    );
    for (const events of results) assert.deepEqual(answers(events), [drip(3)]);
    const ids = results.map(threadIdOf);
    const listed = await Promise.all(
      [a, b].map(async (instance) => json(instance.url, { type: 'threads.list', params: { limit: 300 } }, user)),
    );
    assert.equal(listed[1]?.text, listed[0]?.text);
    const data = (JSON.parse(listed[0]?.text ?? '{}') as { data: { id: string }[] }).data;
    assert.deepEqual(new Set(data.map((thread) => thread.id)), new Set(ids));
    const [row] = await sql<{ count: string }>(
      `SELECT count(*) FROM "${schema}".items i JOIN "${schema}".threads t ON t.id = i.thread_id WHERE t.owner = 'load'`,
    );
    assert.equal(row?.count, '400');
  });

  it('survive kill -9 of one: what it acknowledged is stored, the other’s streams complete, a restart serves it all', async () => {
    const onA = await Promise.all(Array.from({ length: 4 }, () => openUntilDelta(a.url, create('drip 400'))));
    const onB = await Promise.all(Array.from({ length: 4 }, () => openUntilDelta(b.url, create('drip 40'))));
    a.process.kill('SIGKILL');
    assert.equal(await a.exited, 'SIGKILL');

    for (const cut of onA) await assert.rejects(cut.rest());
    for (const running of onB) assert.deepEqual(answers(await running.rest()), [drip(40)]);

    // Every thread and user message A sent as created/done is in the database, served by B.
    for (const { seen } of onA) {
      const threadId = threadIdOf(seen);
      const told = seen.find((event) => event.type === 'thread.item.done');
      assert.ok(told?.type === 'thread.item.done');
      const found = await json(b.url, { type: 'threads.get_by_id', params: { thread_id: threadId } });
      assert.equal(found.status, 200);
      assert.deepEqual((JSON.parse(found.text) as { items: { data: unknown[] } }).items.data[0], told.item);
    }

    a = await start('a');
    for (const threadId of [...onA, ...onB].map(({ seen }) => threadIdOf(seen))) {
      const body = { type: 'threads.get_by_id', params: { thread_id: threadId } };
      const [fromA, fromB] = await Promise.all([json(a.url, body), json(b.url, body)]);
      assert.equal(fromA.status, 200);
      assert.equal(fromA.text, fromB.text);
    }
  });

  it('stop cleanly on SIGTERM: running streams finish, the pool closes, the process exits 0', async () => {
    const running = await openUntilDelta(b.url, create('drip 40'));
    b.process.kill('SIGTERM');
    assert.deepEqual(answers(await running.rest()), [drip(40)]);
    assert.equal(await b.exited, 0);
    const left = await sql<{ count: string }>(`SELECT count(*) FROM pg_stat_activity WHERE application_name = 'b'`);
    assert.equal(left[0]?.count, '0');
    await assert.rejects(post(b.url, create('text late')));
  });

  it('cut streams that outlast the SIGTERM grace period, keeping their partial answers', async () => {
    const c = await startInstance('c', { DATABASE_URL: url, STORE_SCHEMA: schema, GRACE_MS: '100' });
    instances.push(c);
    const running = await openUntilDelta(c.url, create('drip 400'));
    const threadId = threadIdOf(running.seen);
    c.process.kill('SIGTERM');
    await assert.rejects(running.rest());
    assert.equal(await c.exited, 0);
    const stored = JSON.parse(
      (await json(a.url, { type: 'items.list', params: { thread_id: threadId, order: 'asc' } })).text,
    ) as {
      data: { type: string; content: { text: string }[] }[];
    };
    assert.deepEqual(
      stored.data.map((item) => item.type),
      ['user_message', 'assistant_message'],
    );
    assert.match(stored.data[1]?.content[0]?.text ?? '', /^line 1\n\n/);
    const [hidden] = await sql<{ count: string }>(
      `SELECT count(*) FROM "${schema}".items WHERE thread_id = $1 AND item->>'type' = 'sdk_hidden_context'`,
      [threadId],
    );
    assert.equal(hidden?.count, '1');
  });
});

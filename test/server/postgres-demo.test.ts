/**
 * `npm start` (demo/serve.js, on the built server kit) with DATABASE_URL: conversations go to
 * PostgreSQL, the page and POST /chatkit share one port, a second start reads the first one's
 * threads, and SIGTERM ends the process with its pool closed. Builds dist/server first when it is
 * missing or older than src/server (CI has built it already).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { dropSchemas, schemaName, stopTestDatabase, testDatabaseUrl } from '../support/postgres.js';
import { answers, input, json, post, stream, threadIdOf } from '../support/postgres-instances.js';
import { sseEvents } from '../support/sse.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const schema = schemaName();
let url = '';

/** Rebuilds dist/server when any src/server file is newer than its entry point. */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
        entry.isDirectory() ? newest(join(dir, entry.name)) : statSync(join(dir, entry.name)).mtimeMs,
      ),
    );
  let built = 0;
  try {
    built = statSync(join(root, 'dist/server/index.js')).mtimeMs;
  } catch {
    // Not built yet.
  }
  if (built >= newest(join(root, 'src/server'))) return;
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json'],
    { cwd: root, encoding: 'utf8' },
  );
  assert.equal(result.status, 0, `building the server kit failed:\n${result.stdout}${result.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts demo/serve.js with DATABASE_URL; resolves once it prints its address. */
async function startDemo(name: string) {
  const port = await freePort();
  const database = new URL(url);
  database.searchParams.set('application_name', name);
  const child = spawn(process.execPath, [join(root, 'demo/serve.js')], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: database.href,
      DATABASE_SCHEMA: schema,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPENAI_API_KEY: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (/threads: /.test(output)) resolve();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    void exited.then((code) => reject(new Error(`demo/serve.js exited (${code}):\n${output}`)));
  });
  return { origin: `http://127.0.0.1:${port}`, child, exited, output: () => output };
}

before(async () => {
  ensureBuilt();
  url = await testDatabaseUrl();
});

after(async () => {
  await dropSchemas(url, [schema]);
  await stopTestDatabase();
});

describe('npm start with DATABASE_URL', () => {
  it('keeps conversations in PostgreSQL, serves page and endpoint on one port, and stops cleanly on SIGTERM', async () => {
    const first = await startDemo('demo-one');
    let threadId = '';
    try {
      assert.match(first.output(), /threads: in PostgreSQL at 127\.0\.0\.1:\d+\/chat, schema test_\w+/);
      assert.doesNotMatch(first.output(), /chat-test-password/);
      const page = await fetch(`${first.origin}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<stream-chat/);
      const events = await stream(`${first.origin}/chatkit`, {
        type: 'threads.create',
        params: { input: input('hello there') },
      });
      threadId = threadIdOf(events);
      assert.equal(answers(events).length, 1);
      const client = new pg.Client(url);
      await client.connect();
      const rows = await client.query(`SELECT id FROM "${schema}".threads`).finally(() => client.end());
      assert.deepEqual(rows.rows, [{ id: threadId }]);
    } finally {
      first.child.kill('SIGTERM');
      assert.equal(await first.exited, 0);
    }

    const second = await startDemo('demo-two');
    const response = await post(`${second.origin}/chatkit`, {
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: input('slow') },
    });
    // Read up to the first words of the answer, and keep the stream open while the server stops.
    const events = sseEvents(response)[Symbol.asyncIterator]();
    for (;;) {
      const step = await events.next();
      assert.ok(!step.done, 'the answer ended before its first words');
      if (
        step.value.type === 'thread.item.updated' &&
        step.value.update.type === 'assistant_message.content_part.text_delta'
      )
        break;
    }
    second.child.kill('SIGTERM');
    let cut = false;
    try {
      while (!(await events.next()).done);
    } catch {
      cut = true;
    }
    assert.ok(cut, 'SIGTERM cut the running answer');
    assert.equal(await second.exited, 0);
    assert.doesNotMatch(second.output(), /Error|ChatKitServer:/);
    const client = new pg.Client(url);
    await client.connect();
    try {
      const left = await client.query(`SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'demo-%'`);
      assert.equal(left.rows[0]?.count, '0');
    } finally {
      await client.end();
    }

    // A third start serves both turns from the database.
    const third = await startDemo('demo-three');
    try {
      const listed = await json(`${third.origin}/chatkit`, {
        type: 'items.list',
        params: { thread_id: threadId, order: 'asc' },
      });
      const types = (JSON.parse(listed.text) as { data: { type: string }[] }).data.map((item) => item.type);
      // The answer cut by SIGTERM kept what it had streamed.
      assert.deepEqual(types, ['user_message', 'assistant_message', 'user_message', 'assistant_message']);
    } finally {
      third.child.kill('SIGTERM');
      await third.exited;
    }
  });
});

/**
 * Users separated by default and deletes that stick, over real HTTP, with every shipped store:
 * another user's thread is not found by any of the 11 request types that name a thread, and a
 * thread deleted mid-answer is neither written, listed nor kept, and its running work is cancelled.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Thread, ThreadItem, ThreadStreamEvent } from '../../src/protocol/types.js';
import {
  ChatKitServer,
  clientToolCall,
  createChatKitHandler,
  FileStore,
  MemoryStore,
  streamAssistantText,
  type FeedbackKind,
  type RespondFn,
  type Store,
} from '../../src/server/index.js';
import { readSse } from '../support/sse.js';
import { PostgresStore } from '../../src/server/postgres-store.js';
import { dropSchemas, schemaName, stopTestDatabase, testDatabaseUrl } from '../support/postgres.js';
import { createdThreadId, createThread, input } from './harness.js';

interface User {
  userId: string;
}

/** Records feedback so a test can see whether it reached the store. */
function withFeedback<S extends Store<User>>(store: S, received: string[]): S {
  store.addFeedback = async (threadId: string, _ids: string[], _kind: FeedbackKind, context: User) => {
    received.push(`${context.userId}:${threadId}`);
  };
  return store;
}

async function serve(store: Store<User>, respond: RespondFn<User>) {
  const server = new ChatKitServer<User>({ store, respond, onError: () => undefined });
  const handler = createChatKitHandler(server, { context: (req) => ({ userId: String(req.headers['x-user']) }) });
  const http = createServer(handler);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/`;
  const post = (user: string, body: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': user },
      body: JSON.stringify(body),
    });
  return {
    post,
    stream: async (user: string, body: unknown): Promise<ThreadStreamEvent[]> => readSse(await post(user, body)),
    json: async (user: string, body: unknown) => {
      const response = await post(user, body);
      return { status: response.status, body: (await response.json()) as unknown };
    },
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

// PostgresStore runs the same suite on a real PostgreSQL (see test/support/postgres.js), each
// store in a schema of its own.
const databaseUrl = await testDatabaseUrl();
const postgresStores: PostgresStore<User>[] = [];
function postgresStore(): PostgresStore<User> {
  const store = new PostgresStore<User>({ connectionString: databaseUrl, schema: schemaName() });
  postgresStores.push(store);
  return store;
}
after(async () => {
  await Promise.all(postgresStores.map((store) => store.close()));
  await dropSchemas(
    databaseUrl,
    postgresStores.map((store) => store.schema),
  );
  await stopTestDatabase();
});

const stores: [string, (directory: string) => Store<User>][] = [
  ['MemoryStore', () => new MemoryStore<User>()],
  ['FileStore', (directory) => new FileStore<User>({ directory })],
  ['PostgresStore', () => postgresStore()],
];

async function withDirectory(run: (directory: string) => Promise<void>): Promise<void> {
  const directory = await mkdtemp(join(tmpdir(), 'ownership-'));
  try {
    await run(directory);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

for (const [name, open] of stores) {
  describe(`${name}: users are separated by the context's userId`, () => {
    /** Answers "ok"; "tool" asks the page; the first answer also brings a widget to act on. */
    const respond: RespondFn<User> = async function* (thread, item, ctx) {
      const text = item?.content[0]?.type === 'input_text' ? item.content[0].text : '';
      if (text === 'tool') {
        yield clientToolCall(ctx, thread, 'get_selected_items');
        return;
      }
      yield* streamAssistantText(ctx, thread, ['ok']);
    };

    it('answers every request naming another user`s thread as if it did not exist, and changes nothing', () =>
      withDirectory(async (directory) => {
        const feedback: string[] = [];
        const store = withFeedback(open(directory), feedback);
        const h = await serve(store, respond);
        try {
          const threadId = createdThreadId(await h.stream('ada', createThread('hello')));
          await h.stream('ada', {
            type: 'threads.add_user_message',
            params: { thread_id: threadId, input: input('tool') },
          });
          const before = (await h.json('ada', { type: 'threads.get_by_id', params: { thread_id: threadId } }))
            .body as Thread;
          const userMessage = before.items.data[0];
          assert.equal(userMessage?.type, 'user_message');
          const target = { thread_id: threadId };

          // The 11 request types that name a thread, sent by bob.
          assert.equal((await h.post('bob', { type: 'threads.get_by_id', params: target })).status, 404);
          assert.equal(
            (await h.post('bob', { type: 'threads.update', params: { ...target, title: 'mine now' } })).status,
            404,
          );
          assert.deepEqual(await h.json('bob', { type: 'items.list', params: target }), {
            status: 200,
            body: { data: [], has_more: false },
          });
          assert.deepEqual(await h.json('bob', { type: 'threads.delete', params: target }), { status: 200, body: {} });
          const feedbackBody = {
            type: 'items.feedback',
            params: { ...target, item_ids: [userMessage.id], kind: 'negative' },
          };
          assert.deepEqual(await h.json('bob', feedbackBody), { status: 200, body: {} });
          const streams = [
            { type: 'threads.add_user_message', params: { ...target, input: input('hi from bob') } },
            { type: 'threads.retry_after_item', params: { ...target, item_id: userMessage.id } },
            { type: 'threads.add_client_tool_output', params: { ...target, result: { itemIds: ['x'] } } },
            { type: 'threads.custom_action', params: { ...target, item_id: null, action: { type: 'x', payload: {} } } },
            { type: 'threads.add_structured_input', params: { ...target, item_id: 'si_1', input: { answers: {} } } },
          ];
          for (const body of streams) assert.deepEqual(await h.stream('bob', body), [], body.type);
          const listed = (await h.json('bob', { type: 'threads.list', params: {} })).body as Page<Thread>;
          assert.deepEqual(listed.data, []);

          // Ada's thread is exactly as it was, and still hers.
          const after = (await h.json('ada', { type: 'threads.get_by_id', params: target })).body as Thread;
          assert.deepEqual(after, before);
          const pending = after.items.data.at(-1);
          assert.equal(pending?.type === 'client_tool_call' ? pending.status : undefined, 'pending');
          assert.deepEqual(feedback, []);
          const own = (await h.json('ada', { type: 'threads.list', params: {} })).body as Page<Thread>;
          assert.deepEqual(
            own.data.map((thread) => thread.id),
            [threadId],
          );
          await h.json('ada', feedbackBody);
          assert.deepEqual(feedback, [`ada:${threadId}`]);
        } finally {
          await h.close();
        }
      }));
  });

  describe(`${name}: a thread deleted mid-answer stays deleted`, () => {
    it('writes, lists and keeps nothing of it, and cancels the answer and the title work', () =>
      withDirectory(async (directory) => {
        const store = open(directory);
        let started!: () => void;
        const answering = new Promise<void>((resolve) => (started = resolve));
        let cancelled = false;
        const respond: RespondFn<User> = async function* (thread, item, ctx) {
          if (item?.content[0]?.type === 'input_text' && item.content[0].text === 'keep me') {
            yield* streamAssistantText(ctx, thread, ['kept']);
            return;
          }
          async function* slowly(): AsyncGenerator<string> {
            yield 'Hel';
            started();
            // Waits until the turn is cancelled (no timers: the delete must end it).
            await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
            cancelled = true;
            yield 'lo';
          }
          yield* streamAssistantText(ctx, thread, slowly());
          thread.title = 'A title that arrives late';
          yield* streamAssistantText(ctx, thread, ['more']);
        };
        const h = await serve(store, respond);
        try {
          const keep = createdThreadId(await h.stream('ada', createThread('keep me')));
          const response = await h.post('ada', createThread('delete me'));
          const reading = readSse(response);
          await answering;
          const threads = (await h.json('ada', { type: 'threads.list', params: {} })).body as Page<Thread>;
          const doomed = threads.data.find((thread) => thread.id !== keep)?.id ?? '';
          assert.deepEqual(await h.json('ada', { type: 'threads.delete', params: { thread_id: doomed } }), {
            status: 200,
            body: {},
          });
          const events = await reading;
          assert.ok(cancelled);
          assert.ok(!events.some((event) => event.type === 'thread.updated' || event.type === 'error'));

          const listed = (await h.json('ada', { type: 'threads.list', params: {} })).body as Page<Thread>;
          assert.deepEqual(
            listed.data.map((thread) => thread.id),
            [keep],
          );
          assert.equal(await store.loadThread(doomed, { userId: 'ada' }), null);
          const items = await store.loadThreadItems(doomed, undefined, 100, 'asc', { userId: 'ada' });
          assert.deepEqual(items.data, [] as ThreadItem[]);
          assert.equal((await h.post('ada', { type: 'threads.get_by_id', params: { thread_id: doomed } })).status, 404);
          if (store instanceof FileStore) {
            await store.flush();
            assert.deepEqual(await readdir(join(directory, 'items')), [`${keep}.jsonl`]);
          }
        } finally {
          await h.close();
        }
      }));

    it('refuses writes naming a deleted thread, so a late save cannot recreate it', () =>
      withDirectory(async (directory) => {
        const store = open(directory);
        const ada = { userId: 'ada' };
        const thread = {
          id: 'thr_gone',
          created_at: new Date().toISOString(),
          status: { type: 'active' as const },
          metadata: {},
        };
        await store.createThread(thread, ada);
        await store.deleteThread('thr_gone', ada);
        const item: ThreadItem = {
          type: 'sdk_hidden_context',
          id: 'shcx_1',
          thread_id: 'thr_gone',
          created_at: thread.created_at,
          content: 'late',
        };
        await assert.rejects(store.saveThread({ ...thread, title: 'late title' }, ada), {
          name: 'ThreadNotFoundError',
        });
        await assert.rejects(store.addThreadItem('thr_gone', item, ada), { name: 'ThreadNotFoundError' });
        await assert.rejects(store.saveItem('thr_gone', item, ada), { name: 'ThreadNotFoundError' });
        assert.deepEqual((await store.loadThreads(10, undefined, 'desc', ada)).data, []);
        assert.equal(await store.loadThread('thr_gone', ada), null);
      }));
  });
}

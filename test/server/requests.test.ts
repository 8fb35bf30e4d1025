/** Non-streaming requests (paging, update, delete, feedback) and HTTP-level refusals. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import type { Page, Thread, ThreadItem } from '../../src/protocol/types.js';
import {
  ChatKitRequestError,
  ChatKitServer,
  streamAssistantText,
  type FeedbackKind,
  type RespondFn,
} from '../../src/server/index.js';
import { readSse } from '../support/sse.js';
import {
  addMessage,
  createdThreadId,
  createThread,
  input,
  startServer,
  WatchedStore,
  type Harness,
} from './harness.js';

const reply: RespondFn = async function* (thread, _item, ctx) {
  yield* streamAssistantText(ctx, thread, ['ok']);
};

const ids = (page: unknown) => (page as Page<{ id: string }>).data.map((entry) => entry.id);

/** Asserts a refusal: status, JSON `{error:{code,message}}` and nothing else, no stack trace. */
async function assertRefused(response: Response, status: number, code: string): Promise<string> {
  assert.equal(response.status, status);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const text = await response.text();
  assert.doesNotMatch(text, /\n\s+at |\.ts:\d+|node:internal/);
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  assert.deepEqual(Object.keys(body), ['error']);
  assert.deepEqual(Object.keys(body.error).sort(), ['code', 'message']);
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 0);
  return body.error.message;
}

describe('threads.list', () => {
  let h: Harness;
  const created: string[] = [];
  before(async () => {
    h = await startServer(reply);
    created.push(createdThreadId(await h.stream(createThread('first, over HTTP'))));
    // The rest share one timestamp, so the order below is pure creation order.
    const created_at = new Date(Date.now() + 1000).toISOString();
    for (let index = 1; index < 25; index++) {
      const id = h.store.generateThreadId(undefined);
      await h.store.createThread({ id, created_at, status: { type: 'active' }, metadata: {} }, undefined);
      created.push(id);
    }
  });
  after(() => h.close());

  it('lists the newest 20 first by default, with has_more and the last id as cursor', async () => {
    const { status, body } = await h.json({ type: 'threads.list', params: {} });
    assert.equal(status, 200);
    const newestFirst = [...created].reverse();
    assert.deepEqual(ids(body), newestFirst.slice(0, 20));
    assert.equal((body as Page<Thread>).has_more, true);
    assert.equal((body as Page<Thread>).after, newestFirst[19]);
  });

  it('continues after the cursor (exclusive) and ends without has_more or after', async () => {
    const first = await h.json({ type: 'threads.list', params: {} });
    const { body } = await h.json({ type: 'threads.list', params: { after: (first.body as Page<Thread>).after } });
    assert.deepEqual(ids(body), [...created].reverse().slice(20));
    assert.equal((body as Page<Thread>).has_more, false);
    assert.ok(!('after' in (body as object)));
  });

  it('honours limit and ascending order, and returns threads with empty items', async () => {
    const { body } = await h.json({ type: 'threads.list', params: { limit: 3, order: 'asc' } });
    assert.deepEqual(ids(body), created.slice(0, 3));
    assert.equal((body as Page<Thread>).after, created[2]);
    for (const thread of (body as Page<Thread>).data) {
      assert.deepEqual(thread.items, { data: [], has_more: false });
      assert.deepEqual(thread.metadata, {});
      assert.deepEqual(thread.status, { type: 'active' });
    }
    const next = await h.json({ type: 'threads.list', params: { limit: 3, order: 'asc', after: created[2] } });
    assert.deepEqual(ids(next.body), created.slice(3, 6));
  });

  it('treats null paging fields as absent', async () => {
    const { body } = await h.json({ type: 'threads.list', params: { limit: null, order: null, after: null } });
    assert.equal(ids(body).length, 20);
    assert.equal(ids(body)[0], created.at(-1));
  });
});

describe('threads.get_by_id and items.list', () => {
  let h: Harness;
  let threadId = '';
  let itemIds: string[] = [];
  before(async () => {
    h = await startServer(reply);
    threadId = createdThreadId(await h.stream(createThread('message 0')));
    for (let index = 1; index < 13; index++) await h.stream(addMessage(threadId, `message ${index}`));
    await h.store.addThreadItem(
      threadId,
      {
        type: 'hidden_context_item',
        id: 'cstmctx_hidden',
        thread_id: threadId,
        created_at: new Date().toISOString(),
        content: 'x',
      },
      undefined,
    );
    itemIds = (await h.store.all(threadId)).map((item) => item.id);
    assert.equal(itemIds.length, 27);
  });
  after(() => h.close());

  it('get_by_id returns the thread with its first 20 items in ascending order', async () => {
    const { status, body } = await h.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
    assert.equal(status, 200);
    const thread = body as Thread;
    assert.equal(thread.id, threadId);
    assert.equal(thread.title, undefined);
    assert.deepEqual(
      thread.items.data.map((item) => item.id),
      itemIds.slice(0, 20),
    );
    assert.equal(thread.items.has_more, true);
    assert.equal(thread.items.after, itemIds[19]);
  });

  it('items.list pages newest first by default, and filters hidden items', async () => {
    const first = await h.json({ type: 'items.list', params: { thread_id: threadId, limit: 5 } });
    const visible = itemIds.filter((id) => id !== 'cstmctx_hidden').reverse();
    // The hidden item is the newest, so the first page carries only 4 of its 5 slots.
    assert.deepEqual(ids(first.body), visible.slice(0, 4));
    assert.equal((first.body as Page<ThreadItem>).has_more, true);
    const second = await h.json({
      type: 'items.list',
      params: { thread_id: threadId, limit: 5, after: (first.body as Page<ThreadItem>).after },
    });
    assert.deepEqual(ids(second.body), visible.slice(4, 9));
  });

  it('items.list continues a long thread in ascending order from get_by_id`s cursor', async () => {
    const { body } = await h.json({
      type: 'items.list',
      params: { thread_id: threadId, order: 'asc', after: itemIds[19] },
    });
    assert.deepEqual(
      ids(body),
      itemIds.slice(20).filter((id) => id !== 'cstmctx_hidden'),
    );
    assert.equal((body as Page<ThreadItem>).has_more, false);
  });

  it('items.list defaults to 20 items', async () => {
    const { body } = await h.json({ type: 'items.list', params: { thread_id: threadId } });
    assert.equal(ids(body).length, 19);
    assert.equal((body as Page<ThreadItem>).has_more, true);
  });

  it('answers an unknown thread with 404 not_found on get_by_id and update', async () => {
    await assertRefused(
      await h.post({ type: 'threads.get_by_id', params: { thread_id: 'thr_missing' } }),
      404,
      'not_found',
    );
    await assertRefused(
      await h.post({ type: 'threads.update', params: { thread_id: 'thr_missing', title: 'x' } }),
      404,
      'not_found',
    );
  });

  it('answers items.list, threads.delete and items.feedback on an unknown thread with 200, like chatkit-python', async () => {
    const missing = { thread_id: 'thr_missing' };
    assert.deepEqual(await h.json({ type: 'items.list', params: missing }), {
      status: 200,
      body: { data: [], has_more: false },
    });
    assert.deepEqual(await h.json({ type: 'threads.delete', params: missing }), { status: 200, body: {} });
    const feedback = { type: 'items.feedback', params: { ...missing, item_ids: ['msg_1'], kind: 'negative' } };
    assert.deepEqual(await h.json(feedback), { status: 200, body: {} });
    assert.equal(await h.store.loadThread('thr_missing', undefined), null);
  });
});

describe('threads.update, threads.delete, items.feedback', () => {
  it('renames a thread and returns it with empty items', async () => {
    const h = await startServer(reply);
    try {
      const threadId = createdThreadId(await h.stream(createThread('hi')));
      const { status, body } = await h.json({
        type: 'threads.update',
        params: { thread_id: threadId, title: 'Renamed' },
      });
      assert.equal(status, 200);
      assert.equal((body as Thread).title, 'Renamed');
      assert.deepEqual((body as Thread).items, { data: [], has_more: false });
      const reloaded = await h.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
      assert.equal((reloaded.body as Thread).title, 'Renamed');
      assert.equal((reloaded.body as Thread).items.data.length, 2);
    } finally {
      await h.close();
    }
  });

  it('deletes a thread and its items, answering {}', async () => {
    const h = await startServer(reply);
    try {
      const keep = createdThreadId(await h.stream(createThread('keep')));
      const drop = createdThreadId(await h.stream(createThread('drop')));
      assert.deepEqual(await h.json({ type: 'threads.delete', params: { thread_id: drop } }), {
        status: 200,
        body: {},
      });
      assert.deepEqual(ids((await h.json({ type: 'threads.list', params: {} })).body), [keep]);
      assert.deepEqual(await h.store.all(drop), []);
      await assertRefused(await h.post({ type: 'threads.get_by_id', params: { thread_id: drop } }), 404, 'not_found');
    } finally {
      await h.close();
    }
  });

  it('passes feedback to the store hook and answers {}', async () => {
    const received: [string, string[], FeedbackKind, unknown][] = [];
    class FeedbackStore extends WatchedStore {
      async addFeedback(threadId: string, itemIds: string[], kind: FeedbackKind, context: unknown): Promise<void> {
        received.push([threadId, itemIds, kind, context]);
      }
    }
    const h = await startServer(reply, { store: new FeedbackStore(), context: () => ({ user: 'ada' }) });
    try {
      const threadId = createdThreadId(await h.stream(createThread('hi')));
      const body = { type: 'items.feedback', params: { thread_id: threadId, item_ids: ['msg_1'], kind: 'positive' } };
      assert.deepEqual(await h.json(body), { status: 200, body: {} });
      assert.deepEqual(received, [[threadId, ['msg_1'], 'positive', { user: 'ada' }]]);
    } finally {
      await h.close();
    }
  });
});

describe('refused requests', () => {
  let h: Harness;
  before(async () => {
    h = await startServer(reply, { maxBodyBytes: 2048 });
  });
  after(() => h.close());

  it('rejects a message input without attachments (400 invalid_request naming the field)', async () => {
    const body = {
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text: 'hi' }], inference_options: {} } },
    };
    const message = await assertRefused(await h.post(body), 400, 'invalid_request');
    assert.match(message, /params\.input\.attachments/);
  });

  it('rejects a message input without inference_options', async () => {
    const body = {
      type: 'threads.create',
      params: { input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [] } },
    };
    assert.match(await assertRefused(await h.post(body), 400, 'invalid_request'), /params\.input\.inference_options/);
  });

  it('rejects wrongly typed fields', async () => {
    const cases: [unknown, RegExp][] = [
      [
        { type: 'threads.create', params: { input: { ...input('x'), content: [{ type: 'image', url: 'x' }] } } },
        /params\.input\.content\[0\]\.type/,
      ],
      [{ type: 'threads.add_user_message', params: { input: input('x') } }, /params\.thread_id/],
      [{ type: 'threads.list', params: { limit: -1 } }, /params\.limit/],
      [{ type: 'threads.list', params: { order: 'newest' } }, /params\.order/],
      [{ type: 'threads.add_client_tool_output', params: { thread_id: 'thr_x' } }, /params\.result/],
      [{ type: 'items.feedback', params: { thread_id: 'thr_x', item_ids: [], kind: 'meh' } }, /params\.kind/],
      [{ type: 'threads.list' }, /params/],
      [[], /body/],
    ];
    for (const [body, field] of cases)
      assert.match(await assertRefused(await h.post(body), 400, 'invalid_request'), field);
  });

  it('rejects an unknown request type', async () => {
    assert.match(
      await assertRefused(await h.post({ type: 'threads.explode', params: {} }), 400, 'invalid_request'),
      /threads\.explode/,
    );
  });

  it('rejects invalid JSON, an empty body and invalid UTF-8', async () => {
    await assertRefused(await h.post('{"type": "threads.list", '), 400, 'invalid_json');
    await assertRefused(await h.post(''), 400, 'invalid_json');
    await assertRefused(await h.post('', { body: new Uint8Array([0x7b, 0xff, 0x7d]) }), 400, 'invalid_json');
  });

  it('answers other methods with 405 and an Allow header', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await fetch(h.url, { method });
      assert.equal(response.headers.get('allow'), 'POST');
      await assertRefused(response, 405, 'method_not_allowed');
    }
  });

  it('answers a body over the limit with 413, by Content-Length or while streaming it', async () => {
    const big = JSON.stringify({ type: 'threads.create', params: { input: input('x'.repeat(4000)) } });
    await assertRefused(await h.post(big), 413, 'payload_too_large');
    const chunks = [big.slice(0, 1500), big.slice(1500)];
    const streamed = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const init: RequestInit & { duplex: 'half' } = { body: streamed, duplex: 'half' };
    await assertRefused(await h.post('', init), 413, 'payload_too_large');
    // The connection stays usable afterwards.
    assert.equal((await h.json({ type: 'threads.list', params: {} })).status, 200);
  });

  it('answers attachment, transcription and sync action requests with 501', async () => {
    await assertRefused(
      await h.post({ type: 'attachments.create', params: { name: 'a.txt', size: 3, mime_type: 'text/plain' } }),
      501,
      'not_supported',
    );
    await assertRefused(
      await h.post({ type: 'input.transcribe', params: { audio_base64: '', mime_type: 'audio/webm' } }),
      501,
      'not_supported',
    );
  });
});

describe('handler integration', () => {
  it('answers an unexpected store failure with a bare 500 and reports it', async () => {
    class BrokenStore extends WatchedStore {
      override async loadThreads(): Promise<Page<never>> {
        throw new Error('database is down');
      }
    }
    const h = await startServer(reply, { store: new BrokenStore() });
    try {
      const message = await assertRefused(await h.post({ type: 'threads.list', params: {} }), 500, 'internal_error');
      assert.doesNotMatch(message, /database/);
      assert.equal((h.errors[0] as Error).message, 'database is down');
    } finally {
      await h.close();
    }
  });

  it('passes the context function`s value to the store and maps its ChatKitRequestError', async () => {
    const contexts: unknown[] = [];
    class ContextStore extends WatchedStore {
      override async loadThread(threadId: string, context: unknown) {
        contexts.push(context);
        return super.loadThread(threadId, context);
      }
    }
    const context = (req: IncomingMessage) => {
      const user = req.headers['x-user'];
      if (typeof user !== 'string') throw new ChatKitRequestError(401, 'unauthorized', 'Sign in first.');
      return { user };
    };
    const h = await startServer(reply, { store: new ContextStore(), context });
    try {
      await assertRefused(await h.post({ type: 'threads.list', params: {} }), 401, 'unauthorized');
      const response = await h.post(
        { type: 'threads.get_by_id', params: { thread_id: 'thr_x' } },
        { headers: { 'x-user': 'ada' } },
      );
      await assertRefused(response, 404, 'not_found');
      assert.deepEqual(contexts, [{ user: 'ada' }]);
      assert.deepEqual(h.errors, []);
    } finally {
      await h.close();
    }
  });

  it('uses req.body when a framework already parsed the body', async () => {
    const h = await startServer(reply, {
      wrap: (handler) => async (req, res) => {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        Object.assign(req, { body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
        await handler(req, res);
      },
    });
    try {
      const events = await readSse(await h.post(createThread('parsed elsewhere')));
      assert.equal(events[0]?.type, 'thread.created');
    } finally {
      await h.close();
    }
  });

  it('process() accepts raw JSON text and rejects invalid requests with ChatKitRequestError', async () => {
    const server = new ChatKitServer({ store: new WatchedStore(), respond: reply });
    const result = await server.process('{"type":"threads.list","params":{}}', undefined);
    assert.deepEqual(result, { streaming: false, json: { data: [], has_more: false } });
    await assert.rejects(server.process({ type: 'nope', params: {} }, undefined), (error: unknown) => {
      assert.ok(error instanceof ChatKitRequestError);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'invalid_request');
      return true;
    });
  });
});

describe('MemoryStore', () => {
  it('keeps insertion order for threads created in the same millisecond, and updates never reorder', async () => {
    const store = new WatchedStore();
    const created_at = '2026-01-01T00:00:00.000Z';
    for (const id of ['thr_a', 'thr_b', 'thr_c'])
      await store.createThread({ id, created_at, status: { type: 'active' }, metadata: {} }, undefined);
    await store.saveThread(
      { id: 'thr_a', created_at, title: 'Renamed', status: { type: 'active' }, metadata: {} },
      undefined,
    );
    assert.deepEqual(ids(await store.loadThreads(10, undefined, 'asc', undefined)), ['thr_a', 'thr_b', 'thr_c']);
    assert.deepEqual(ids(await store.loadThreads(10, undefined, 'desc', undefined)), ['thr_c', 'thr_b', 'thr_a']);
    assert.deepEqual(ids(await store.loadThreads(1, 'thr_b', 'desc', undefined)), ['thr_a']);
    assert.deepEqual(await store.loadThreads(5, 'thr_unknown', 'desc', undefined), { data: [], has_more: false });
  });

  it('returns copies, so callers cannot change stored data by mutation', async () => {
    const store = new WatchedStore();
    const thread = {
      id: 'thr_a',
      created_at: new Date().toISOString(),
      status: { type: 'active' as const },
      metadata: {},
    };
    await store.createThread(thread, undefined);
    const loaded = await store.loadThread('thr_a', undefined);
    assert.ok(loaded);
    loaded.title = 'changed';
    thread.metadata = { changed: true };
    assert.deepEqual(await store.loadThread('thr_a', undefined), {
      ...thread,
      metadata: {},
      title: undefined,
      allowed_image_domains: undefined,
    });
  });

  it('generates ids in the reference format', () => {
    const store = new WatchedStore();
    const thread = { id: 'thr_a', created_at: '', status: { type: 'active' as const }, metadata: {} };
    assert.match(store.generateThreadId(undefined), /^thr_[0-9a-f]{8}$/);
    const expected = {
      message: 'msg',
      tool_call: 'tc',
      task: 'tsk',
      workflow: 'wf',
      attachment: 'atc',
      hidden_context: 'cstmctx',
      sdk_hidden_context: 'shcx',
    } as const;
    for (const [kind, prefix] of Object.entries(expected)) {
      assert.match(
        store.generateItemId(kind as keyof typeof expected, thread, undefined),
        new RegExp(`^${prefix}_[0-9a-f]{8}$`),
      );
    }
  });
});

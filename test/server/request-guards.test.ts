/**
 * What the handler refuses before any work starts, over real HTTP: cross-site posts, bodies that
 * are not JSON, hostile nesting, oversized titles, messages and ids; and the headers every answer
 * carries.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JsonObject, ThreadStreamEvent } from '../../src/protocol/types.js';
import { streamAssistantText, type RespondFn } from '../../src/server/index.js';
import { createdThreadId, createThread, input, startServer, type Harness, type HarnessOptions } from './harness.js';

let turns = 0;
const respond: RespondFn = async function* (thread, _item, ctx) {
  turns += 1;
  yield* streamAssistantText(ctx, thread, ['Hi']);
};

let open: Harness | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
  turns = 0;
});

async function start(options: HarnessOptions = {}): Promise<Harness> {
  open = await startServer(respond, options);
  return open;
}

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string; text: string }> {
  const text = await response.text();
  const { error } = JSON.parse(text) as { error: { code: string; message: string } };
  return { status: response.status, code: error.code, message: error.message, text };
}

async function threadCount(h: Harness): Promise<number> {
  const { body } = await h.json({ type: 'threads.list', params: {} });
  return (body as { data: unknown[] }).data.length;
}

const nested = (depth: number): JsonObject => {
  let value: JsonObject = { a: 1 };
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
};

describe('cross-site requests', () => {
  it('refuses a text/plain post (what a form on any page can send) and runs nothing', async () => {
    const h = await start();
    const threadId = createdThreadId(await h.stream(createThread('mine')));
    turns = 0;
    const form = { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' };
    const deleted = await errorOf(
      await h.post({ type: 'threads.delete', params: { thread_id: threadId } }, { headers: form }),
    );
    assert.deepEqual([deleted.status, deleted.code], [403, 'forbidden_origin']);
    const started = await h.post(createThread('spend tokens'), { headers: form });
    assert.equal(started.status, 403);
    // Without any Origin (a non-browser client), text/plain is still not JSON.
    const plain = await errorOf(await h.post(createThread('x'), { headers: { 'content-type': 'text/plain' } }));
    assert.deepEqual([plain.status, plain.code], [415, 'unsupported_media_type']);
    const none = await h.post(createThread('x'), { headers: { 'content-type': '' } });
    assert.equal(none.status, 415);
    assert.equal(turns, 0);
    assert.equal(await threadCount(h), 1);
  });

  it('refuses JSON from another origin, with or without Fetch Metadata, and from opaque origins', async () => {
    const h = await start();
    const cases: Record<string, string>[] = [
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'https://evil.example' },
      { origin: 'http://127.0.0.1.evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { origin: new URL(h.url).origin, 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of cases) {
      const refused = await errorOf(await h.post(createThread('x'), { headers }));
      assert.deepEqual([refused.status, refused.code], [403, 'forbidden_origin'], JSON.stringify(headers));
    }
    assert.equal(turns, 0);
    assert.equal(await threadCount(h), 0);
  });

  it('serves same-origin pages and clients that are not browsers', async () => {
    const h = await start();
    const origin = new URL(h.url).origin;
    const cases: Record<string, string>[] = [
      { origin, 'sec-fetch-site': 'same-origin' },
      { origin },
      {},
      { 'content-type': 'application/json; charset=utf-8' },
    ];
    for (const headers of cases) {
      const response = await h.post(createThread('hello'), { headers });
      assert.equal(response.status, 200, JSON.stringify(headers));
      await response.text();
    }
    assert.equal(turns, 4);
  });

  it('lets the integrator allow origins, answering their preflight with CORS headers', async () => {
    const h = await start({ handler: { allowedOrigins: ['https://app.example'] } });
    const preflight = await fetch(h.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.equal(preflight.headers.get('access-control-allow-methods'), 'POST');
    assert.equal(preflight.headers.get('access-control-allow-headers'), 'content-type, authorization');

    const allowed = await h.post(
      { type: 'threads.list', params: {} },
      { headers: { origin: 'https://app.example', 'sec-fetch-site': 'cross-site' } },
    );
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://app.example');
    assert.equal(allowed.headers.get('vary'), 'Origin');

    const other = await h.post(
      { type: 'threads.list', params: {} },
      { headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } },
    );
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const otherPreflight = await fetch(h.url, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    assert.equal(otherPreflight.status, 403);
  });

  it('allows any origin with "*" or a function', async () => {
    for (const allowedOrigins of ['*' as const, (origin: string) => origin.endsWith('.example')]) {
      const h = await start({ handler: { allowedOrigins } });
      const response = await h.post(
        { type: 'threads.list', params: {} },
        { headers: { origin: 'https://a.example', 'sec-fetch-site': 'cross-site' } },
      );
      assert.equal(response.status, 200);
      await open?.close();
      open = undefined;
    }
  });
});

describe('bounded input', () => {
  it('answers a body nested 100,000 levels with 400 and reports nothing', async () => {
    const h = await start();
    const depth = 100_000;
    const body = `{"type":"threads.list","params":{},"metadata":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
    const refused = await errorOf(await h.post(body));
    assert.deepEqual([refused.status, refused.code], [400, 'invalid_request']);
    assert.match(refused.message, /at most 64 levels/);
    assert.deepEqual(h.errors, []);
  });

  it('never stores a message whose tag data is nested 2,000 levels; 50 levels are kept and read back', async () => {
    const h = await start();
    const tag = (data: JsonObject) => ({
      type: 'threads.create',
      params: { input: input('', { content: [{ type: 'input_tag', id: 't', text: 'tag', data }] }) },
    });
    const refused = await errorOf(await h.post(tag(nested(2000))));
    assert.equal(refused.status, 400);
    assert.equal(await threadCount(h), 0);

    const events = await h.stream(tag(nested(50)));
    const { status, body } = await h.json({
      type: 'threads.get_by_id',
      params: { thread_id: createdThreadId(events) },
    });
    assert.equal(status, 200);
    const [message] = (body as { items: { data: { content: { data: unknown }[] }[] } }).items.data;
    assert.deepEqual(message?.content[0]?.data, nested(50));
    assert.deepEqual(h.errors, []);
  });

  it('caps title length and parts per message (defaults 256 and 64), and takes other limits', async () => {
    const h = await start();
    const threadId = createdThreadId(await h.stream(createThread('hi')));
    const rename = (title: string) => h.post({ type: 'threads.update', params: { thread_id: threadId, title } });
    const long = await errorOf(await rename('x'.repeat(257)));
    assert.deepEqual([long.status, long.code], [400, 'invalid_request']);
    assert.doesNotMatch(long.text, /xxxx/);
    assert.equal((await rename('x'.repeat(256))).status, 200);

    const parts = (n: number) =>
      input('', { content: Array.from({ length: n }, () => ({ type: 'input_text' as const, text: 'a' })) });
    const many = await h.post({ type: 'threads.add_user_message', params: { thread_id: threadId, input: parts(65) } });
    assert.equal(many.status, 400);
    const attachments = await h.post({
      type: 'threads.add_user_message',
      params: {
        thread_id: threadId,
        input: input('a', { attachments: Array.from({ length: 65 }, (_, i) => `atc_${i}`) }),
      },
    });
    assert.equal(attachments.status, 400);
    const enough = await h.stream({
      type: 'threads.add_user_message',
      params: { thread_id: threadId, input: parts(64) },
    });
    assert.ok(
      enough.some(
        (event: ThreadStreamEvent) => event.type === 'thread.item.done' && event.item.type === 'assistant_message',
      ),
    );

    await h.close();
    const strict = await start({ handler: { limits: { maxTitleLength: 5, maxDepth: 5 } } });
    const id = createdThreadId(await strict.stream(createThread('hi')));
    assert.equal(
      (await strict.post({ type: 'threads.update', params: { thread_id: id, title: 'Six ch' } })).status,
      400,
    );
    assert.equal((await strict.post({ type: 'threads.list', params: {}, metadata: nested(5) })).status, 400);
  });

  it('never echoes a huge id: a 200 kB thread id gets a short 400', async () => {
    const h = await start();
    const id = `thr_${'a'.repeat(200_000)}`;
    for (const type of ['threads.get_by_id', 'threads.delete', 'items.list']) {
      const refused = await errorOf(await h.post({ type, params: { thread_id: id } }));
      assert.equal(refused.status, 400);
      assert.ok(refused.text.length < 300, `${type}: ${refused.text.length} bytes`);
    }
    const unknown = await errorOf(
      await h.post({ type: 'threads.get_by_id', params: { thread_id: `thr_${'b'.repeat(250)}` } }),
    );
    assert.equal(unknown.status, 404);
  });
});

describe('response headers', () => {
  it('sends X-Content-Type-Options: nosniff on JSON, event streams and errors', async () => {
    const h = await start();
    const responses = [
      await h.post({ type: 'threads.list', params: {} }),
      await h.post(createThread('hi')),
      await h.post('{not json'),
      await fetch(h.url),
      await h.post({ type: 'threads.list', params: {} }, { headers: { origin: 'https://evil.example' } }),
    ];
    assert.deepEqual(
      responses.map((response) => [response.status, response.headers.get('x-content-type-options')]),
      [
        [200, 'nosniff'],
        [200, 'nosniff'],
        [400, 'nosniff'],
        [405, 'nosniff'],
        [403, 'nosniff'],
      ],
    );
    await Promise.all(responses.map((response) => response.text()));
  });
});

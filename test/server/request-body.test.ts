/**
 * How the handler reads bodies and holds streams, over raw sockets where a fetch cannot produce the
 * traffic: oversized uploads are cut off, hang-ups are not errors, slow bodies and silent turns
 * time out.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';
import { streamAssistantText, type RespondFn } from '../../src/server/index.js';
import { createdThreadId, createThread, startServer, type Harness, type HarnessOptions } from './harness.js';

const respond: RespondFn = async function* (thread, item, ctx) {
  const text = item?.content.map((part) => part.text).join('') ?? '';
  yield* streamAssistantText(ctx, thread, ['Partial ', 'answer']);
  if (text === 'go silent') {
    await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
  }
};

let open: Harness | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

/** Handler runs started and finished, counted by a wrapper around the real handler. */
let runs = { started: 0, finished: 0, waiters: [] as (() => void)[] };

async function start(options: HarnessOptions = {}): Promise<Harness> {
  runs = { started: 0, finished: 0, waiters: [] };
  const wake = () => runs.waiters.splice(0).forEach((resolve) => resolve());
  open = await startServer(respond, {
    ...options,
    wrap: (handler) => async (req, res) => {
      runs.started += 1;
      wake();
      await handler(req, res);
      runs.finished += 1;
      wake();
    },
  });
  return open;
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise<void>((resolve) => runs.waiters.push(resolve));
}

function rawPost(h: Harness, headers: Record<string, string>): Socket {
  const { port } = new URL(h.url);
  const socket = connect(Number(port), '127.0.0.1');
  const lines = Object.entries({ host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...headers }).map(
    ([k, v]) => `${k}: ${v}`,
  );
  socket.write(`POST /chatkit HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  return socket;
}

/**
 * Uploads up to `total` bytes as fast as the server takes them; resolves with what was written
 * before the server closed the connection (or `total` when it never did) and what it answered.
 */
async function upload(
  socket: Socket,
  total: number,
  chunked: boolean,
): Promise<{ written: number; closed: boolean; response: string }> {
  const received: Buffer[] = [];
  socket.on('data', (chunk: Buffer) => received.push(chunk));
  let closed = false;
  socket.on('error', () => undefined);
  socket.once('close', () => (closed = true));
  const chunk = Buffer.alloc(1024 * 1024, 'a');
  let written = 0;
  while (written < total && !closed && !socket.destroyed) {
    const frame = chunked
      ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
      : chunk;
    if (!socket.write(frame)) {
      await new Promise<void>((resolve) => {
        socket.once('drain', resolve);
        socket.once('close', resolve);
      });
    }
    written += chunk.length;
  }
  if (!closed) socket.destroy();
  return { written, closed, response: Buffer.concat(received).toString('latin1') };
}

describe('oversized bodies', () => {
  for (const chunked of [false, true]) {
    it(`answers 413 with Connection: close and stops reading (${chunked ? 'chunked' : 'declared length'})`, async () => {
      const h = await start({ maxBodyBytes: 64 * 1024 });
      const headers: Record<string, string> = chunked
        ? { 'transfer-encoding': 'chunked' }
        : { 'content-length': String(100 * 1024 * 1024) };
      const { written, closed, response } = await upload(rawPost(h, headers), 64 * 1024 * 1024, chunked);
      assert.match(response, /^HTTP\/1\.1 413 /);
      assert.match(response, /\r\nconnection: close\r\n/i);
      assert.ok(closed, 'the server closed the connection');
      assert.ok(written < 32 * 1024 * 1024, `the server took ${written >> 20} MiB after answering 413`);
      assert.deepEqual(h.errors, []);
    });
  }
});

describe('clients that go away', () => {
  it('does not report a hang-up mid-upload to onError', async () => {
    const h = await start();
    for (let i = 0; i < 20; i++) {
      const socket = rawPost(h, { 'content-length': '1000' });
      socket.write('{"type":"threads.create","par');
      // Hang up once the handler is reading the body.
      await until(() => runs.started > i);
      socket.destroy();
    }
    await until(() => runs.finished === 20);
    assert.deepEqual(h.errors, []);
    // Still serving.
    assert.equal((await h.json({ type: 'threads.list', params: {} })).status, 200);
  });
});

describe('timeouts', () => {
  it('answers a body that trickles in too slowly with 408 and closes', { timeout: 10_000 }, async () => {
    const h = await start({ handler: { bodyTimeoutMs: 150 } });
    const socket = rawPost(h, { 'content-length': '1000' });
    socket.write('{"type":');
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    await once(socket, 'close');
    const response = Buffer.concat(received).toString('latin1');
    assert.match(response, /^HTTP\/1\.1 408 /);
    assert.match(response, /\r\nconnection: close\r\n/i);
    assert.match(response, /"code":"request_timeout"/);
    assert.deepEqual(h.errors, []);
  });

  it('ends a silent turn with a retryable error and keeps the partial answer', { timeout: 10_000 }, async () => {
    const h = await start({ handler: { streamIdleTimeoutMs: 150 } });
    // The stopped turn saves its partial answer, then a note for the next turn.
    const saved = h.store.added((item) => item.type === 'sdk_hidden_context');
    const events: ThreadStreamEvent[] = await h.stream(createThread('go silent'));
    assert.deepEqual(events.at(-1), { type: 'error', code: 'stream.error', allow_retry: true });
    const threadId = createdThreadId(events);
    await saved;
    const { body } = await h.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
    const texts = (body as { items: { data: { type: string; content: { text: string }[] }[] } }).items.data
      .filter((item) => item.type === 'assistant_message')
      .map((item) => item.content.map((part) => part.text).join(''));
    assert.deepEqual(texts, ['Partial answer']);
    assert.deepEqual(h.errors, []);
  });
});

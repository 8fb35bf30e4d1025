import { expect } from '@open-wc/testing';
import { ChatKitClientError, requestJson, streamEvents, type ClientOptions } from '../../src/protocol/client.js';
import type { StreamingRequest, ThreadStreamEvent } from '../../src/protocol/types.js';
import { splits } from '../chunks.js';
import { createTranscript, toSse } from '../support/transcripts.js';

const request: StreamingRequest = {
  type: 'threads.create',
  params: { input: { content: [{ type: 'input_text', text: 'hi' }], attachments: [], inference_options: {} } },
};

/** A fetch that answers with fixed bytes, split into the given chunks (byte-level cases only). */
function bytesFetch(chunks: readonly (string | Uint8Array)[], init: ResponseInit = {}): typeof fetch {
  return async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' }, ...init });
  };
}

async function collect(options: ClientOptions): Promise<ThreadStreamEvent[]> {
  const events: ThreadStreamEvent[] = [];
  for await (const event of streamEvents(request, options)) events.push(event);
  return events;
}

async function failure(promise: Promise<unknown>): Promise<ChatKitClientError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ChatKitClientError);
    return error as ChatKitClientError;
  }
  throw new Error('expected a ChatKitClientError');
}

describe('streamEvents', () => {
  const sse = toSse(createTranscript);

  for (const [name, chunks] of splits(sse)) {
    it(`yields every event in order, split ${name}`, async () => {
      expect(await collect({ url: '/x', fetch: bytesFetch(chunks) })).to.deep.equal(createTranscript);
    });
  }

  it('decodes multi-byte characters split across byte chunks', async () => {
    const bytes = new TextEncoder().encode(sse);
    const perByte = Array.from(bytes, (byte) => Uint8Array.of(byte));
    expect(await collect({ url: '/x', fetch: bytesFetch(perByte) })).to.deep.equal(createTranscript);
  });

  it('accepts CRLF line endings and comment lines', async () => {
    const crlf = `: keep-alive\r\n\r\n${sse.replaceAll('\n', '\r\n')}`;
    expect(await collect({ url: '/x', fetch: bytesFetch([crlf]) })).to.deep.equal(createTranscript);
  });

  it('skips event types it does not know, so newer servers keep working', async () => {
    const events = await collect({
      url: '/x',
      fetch: bytesFetch([toSse([{ type: 'thread.future_thing', x: 1 }, createTranscript[2]])]),
    });
    expect(events).to.deep.equal([createTranscript[2]]);
  });

  it('posts the request as JSON with the given headers', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const fetchSpy: typeof fetch = async (url, init) => {
      seen = { url: String(url), init: init ?? {} };
      return bytesFetch([sse])(url, init);
    };
    await collect({ url: '/api/chatkit', fetch: fetchSpy, headers: { authorization: 'Bearer t' } });
    expect(seen?.url).to.equal('/api/chatkit');
    expect(seen?.init.method).to.equal('POST');
    expect(JSON.parse(String(seen?.init.body))).to.deep.equal(request);
    expect(seen?.init.headers).to.include({ authorization: 'Bearer t', 'content-type': 'application/json' });
  });

  it('reports a frame that is not JSON as bad_frame', async () => {
    const error = await failure(
      collect({ url: '/x', fetch: bytesFetch([toSse([createTranscript[0]]), 'data: {nope\n\n']) }),
    );
    expect(error.code).to.equal('bad_frame');
  });

  it('goes on past a bad frame when the caller handles it', async () => {
    const bad: string[] = [];
    const events = await collect({
      url: '/x',
      fetch: bytesFetch([toSse([createTranscript[0]]), 'data: [1,2]\n\n', toSse([createTranscript[2]])]),
      onInvalidFrame: (data) => bad.push(data),
    });
    expect(bad).to.deep.equal(['[1,2]']);
    expect(events).to.deep.equal([createTranscript[0], createTranscript[2]]);
  });

  it('reports an empty 200 stream as empty_stream', async () => {
    expect((await failure(collect({ url: '/x', fetch: bytesFetch([]) }))).code).to.equal('empty_stream');
  });

  it('reports a non-OK status with the server message', async () => {
    const fetch500 = async () =>
      new Response(JSON.stringify({ error: { code: 'invalid_request', message: 'bad input' } }), { status: 400 });
    const error = await failure(collect({ url: '/x', fetch: fetch500 }));
    expect(error.code).to.equal('http');
    expect(error.status).to.equal(400);
    expect(error.message).to.contain('bad input');
  });

  it('reports a body that is not an event stream as bad_content_type', async () => {
    const html = async () => new Response('<html></html>', { headers: { 'content-type': 'text/html' } });
    expect((await failure(collect({ url: '/x', fetch: html }))).code).to.equal('bad_content_type');
  });

  it('reports a refused connection as network', async () => {
    const refused = async () => {
      throw new TypeError('Failed to fetch');
    };
    expect((await failure(collect({ url: '/x', fetch: refused }))).code).to.equal('network');
  });

  it('ends quietly when aborted mid-stream', async () => {
    const abort = new AbortController();
    const endless: typeof fetch = async (_url, init) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(toSse(createTranscript.slice(0, 3))));
          init?.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    };
    const events: ThreadStreamEvent[] = [];
    for await (const event of streamEvents(request, { url: '/x', fetch: endless, signal: abort.signal })) {
      events.push(event);
      if (events.length === 2) abort.abort();
    }
    expect(events).to.have.length(2);
  });

  it('ends a stalled stream with idle_timeout', async () => {
    const stalled: typeof fetch = async () =>
      new Response(new ReadableStream<Uint8Array>({ start() {} }), {
        headers: { 'content-type': 'text/event-stream' },
      });
    expect((await failure(collect({ url: '/x', fetch: stalled, idleTimeout: 30 }))).code).to.equal('idle_timeout');
  });
});

describe('requestJson', () => {
  it('returns the parsed body', async () => {
    const ok = async () => new Response(JSON.stringify({ data: [], has_more: false }));
    expect(await requestJson({ type: 'threads.list', params: {} }, { url: '/x', fetch: ok })).to.deep.equal({
      data: [],
      has_more: false,
    });
  });

  it('reports a body that is not JSON', async () => {
    const text = async () => new Response('oops');
    expect(
      (await failure(requestJson({ type: 'threads.list', params: {} }, { url: '/x', fetch: text }))).code,
    ).to.equal('bad_content_type');
  });
});

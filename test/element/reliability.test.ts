import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { StreamChatElement } from '../../src/stream-chat.js';
import { mount, part, parts, sendAndWait, transcript, waitForText } from './helpers.js';

/** Catches what reaches the page uncaught during a test. */
function watchUncaught() {
  const caught: unknown[] = [];
  const onError = (event: ErrorEvent) => caught.push(event.error);
  const onRejection = (event: PromiseRejectionEvent) => caught.push(event.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    caught,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

/** The guarantees every fault must keep. */
async function expectCleanEnd(el: StreamChatElement, names: () => string[]) {
  await el.updateComplete;
  expect(names().filter((name) => name === 'response-start')).to.have.length(1);
  expect(names().filter((name) => name === 'response-end')).to.have.length(1);
  expect((part(el, 'input') as HTMLTextAreaElement).disabled).to.equal(false);
  expect(el.responding).to.equal(false);
  // Still usable for the next message.
  el.apiUrl = '/api/chat';
  await sendAndWait(el, 'still works');
  expect(transcript(el).at(-1)).to.equal('assistant: Echo: still works');
}

describe('<stream-chat> faults', () => {
  let uncaught: ReturnType<typeof watchUncaught>;
  beforeEach(() => (uncaught = watchUncaught()));
  afterEach(() => {
    uncaught.stop();
    expect(uncaught.caught).to.deep.equal([]);
  });

  for (const [fault, code, message] of [
    ['http500', 'http', 'The server could not handle the request.'],
    ['http401', 'http', 'The server could not handle the request.'],
    ['html', 'bad_content_type', 'The server sent a response this chat cannot read.'],
    ['empty', 'empty_stream', 'The server ended the response without an answer.'],
  ] as const) {
    it(`${fault}: ends as an error, keeps the text and stays usable`, async () => {
      const { el, names, events } = await mount(`/api/fault/${fault}`);
      el.setComposerValue('do not lose me');
      await el.updateComplete;
      part(el, 'send-button').click();
      await oneEvent(el, 'stream-chat-response-end');
      await el.updateComplete;
      expect(events.find((event) => event.type === 'stream-chat-error')?.detail).to.deep.equal({
        code,
        message,
        allowRetry: true,
      });
      expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('do not lose me');
      expect(part(el, 'error').textContent).to.contain(message);
      await expectCleanEnd(el, names);
    });
  }

  it('a refused connection is a network error', async () => {
    const { el, names, events } = await mount('http://127.0.0.1:9/chatkit');
    const end = await sendAndWait(el, 'hello?');
    expect(end.detail.reason).to.equal('error');
    expect(events.find((event) => event.type === 'stream-chat-error')?.detail).to.include({
      code: 'network',
      allowRetry: true,
    });
    await expectCleanEnd(el, names);
  });

  it('a connection dropped mid-answer ends as an error with Retry', async () => {
    const { el, names, events } = await mount('/api/fault/drop');
    await sendAndWait(el, 'hello');
    expect(events.find((event) => event.type === 'stream-chat-error')?.detail).to.include({
      code: 'network',
      allowRetry: true,
    });
    expect(parts(el, 'retry-button')).to.have.length(1);
    await expectCleanEnd(el, names);
  });

  it('a stalled server is ended by the idle timeout', async () => {
    const { el, names, events } = await mount('/api/fault/stall');
    el.idleTimeout = 150;
    await sendAndWait(el, 'hello');
    expect(events.find((event) => event.type === 'stream-chat-error')?.detail).to.include({
      code: 'idle_timeout',
      allowRetry: true,
    });
    await expectCleanEnd(el, names);
  });

  it('removing the element mid-stream aborts, ends once and ignores late events', async () => {
    const { el, events } = await mount();
    const done = el.send('text going away\nhang');
    await waitForText(el, 'going away');
    el.remove();
    await done;
    expect(
      events.filter((event) => event.type === 'stream-chat-response-end').map((event) => event.detail),
    ).to.deep.equal([{ threadId: el.threadId, reason: 'aborted' }]);
  });

  it('removing the element mid-tool still gives the server an output', async () => {
    const { el } = await mount();
    el.clientTools = { wait_forever: () => new Promise(() => undefined) };
    const asked = oneEvent(el, 'stream-chat-client-tool');
    const done = el.send('tool wait_forever\ntext never');
    await asked;
    const threadId = el.threadId as string;
    el.remove();
    await done;
    await waitUntil(async () => {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'threads.get_by_id', params: { thread_id: threadId } }),
      });
      const thread = (await response.json()) as {
        items: { data: { type: string; status?: string; output?: unknown }[] };
      };
      const call = thread.items.data.find((item) => item.type === 'client_tool_call');
      return call?.status === 'completed' && JSON.stringify(call.output).includes('error');
    }, 'the server received an error output');
  });

  it('going offline mid-stream ends the response with a clear message; sending offline keeps the text', async () => {
    // The browser's offline signal, as the page sees it (real offline emulation would also cut
    // the test runner's own connection); the network failure itself is a refused connection.
    const setOnline = (online: boolean) => {
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
      window.dispatchEvent(new Event(online ? 'online' : 'offline'));
    };
    const { el, names, events } = await mount();
    const ended = oneEvent(el, 'stream-chat-response-end');
    void el.send('text almost there\nhang').catch(() => undefined);
    await waitForText(el, 'almost there');
    try {
      setOnline(false);
      expect((await ended).detail.reason).to.equal('error');
      await el.updateComplete;
      expect(events.find((event) => event.type === 'stream-chat-error')?.detail).to.include({
        code: 'offline',
        allowRetry: true,
      });
      expect(part(el, 'error').textContent).to.contain('offline');
      expect(transcript(el).at(-1)).to.equal('assistant: almost there Incomplete answer');

      el.apiUrl = 'http://127.0.0.1:9/chatkit';
      el.setComposerValue('written offline');
      await el.updateComplete;
      const second = oneEvent(el, 'stream-chat-response-end');
      part(el, 'send-button').click();
      expect((await second).detail.reason).to.equal('error');
      await el.updateComplete;
      expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('written offline');
      expect(
        events.filter((event) => event.type === 'stream-chat-error').map((event) => event.detail.code),
      ).to.deep.equal(['offline', 'offline']);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      setOnline(true);
      delete (navigator as { onLine?: boolean }).onLine;
    }
    expect(names().filter((name) => name === 'response-end')).to.have.length(2);
    // Back online, Retry re-sends the message that never left.
    el.apiUrl = '/api/chat';
    const retried = oneEvent(el, 'stream-chat-response-end');
    part(el, 'retry-button').click();
    expect((await retried).detail.reason).to.equal('complete');
    await el.updateComplete;
    expect(transcript(el).at(-1)).to.equal('assistant: Echo: written offline');
    expect((part(el, 'input') as HTMLTextAreaElement).value).to.equal('');
  });

  it('an update for an unknown item, a content index far past the end and an unknown event are skipped', async () => {
    const frames = [
      {
        type: 'thread.item.added',
        item: { id: 'a1', thread_id: 't', created_at: 'x', type: 'assistant_message', content: [] },
      },
      {
        type: 'thread.item.updated',
        item_id: 'ghost',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'boo' },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a1',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 999999, delta: 'far' },
      },
      { type: 'brand.new.event', whatever: true },
      {
        type: 'thread.item.updated',
        item_id: 'a1',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'fine' },
      },
      {
        type: 'thread.item.done',
        item: {
          id: 'a1',
          thread_id: 't',
          created_at: 'x',
          type: 'assistant_message',
          content: [{ type: 'output_text', text: 'fine', annotations: [] }],
        },
      },
    ];
    const body = frames.map((frame) => `data: ${JSON.stringify(frame)}\n\n`).join('');
    const { el } = await mount();
    el.fetch = async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    const debug = console.debug;
    console.debug = () => undefined;
    try {
      const end = await sendAndWait(el, 'hi');
      expect(end.detail.reason).to.equal('complete');
    } finally {
      console.debug = debug;
    }
    expect(transcript(el)).to.deep.equal(['user: hi', 'assistant: fine']);
  });

  it('renders an enormous single delta', async () => {
    const { el } = await mount();
    const big = 'x'.repeat(1_000_000);
    const frames = [
      {
        type: 'thread.item.added',
        item: {
          id: 'a1',
          thread_id: 't',
          created_at: 'x',
          type: 'assistant_message',
          content: [{ type: 'output_text', text: '', annotations: [] }],
        },
      },
      {
        type: 'thread.item.updated',
        item_id: 'a1',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: big },
      },
    ];
    el.fetch = async () =>
      new Response(frames.map((frame) => `data: ${JSON.stringify(frame)}\n\n`).join(''), {
        headers: { 'content-type': 'text/event-stream' },
      });
    await sendAndWait(el, 'big');
    expect(parts(el, 'assistant-message')[0]?.textContent?.trim().length).to.equal(1_000_000);
  });
});

describe('<stream-chat> accessibility', () => {
  it('has no axe violations when empty, with history, and in error', async () => {
    const el = await fixture<StreamChatElement>(
      html`<stream-chat api-url="/api/chat" greeting="Hello" history></stream-chat>`,
    );
    await expect(el).to.be.accessible();
    part(el, 'history-button').click();
    await waitUntil(() => parts(el, 'history').length === 1, 'the history panel never showed', { timeout: 4000 });
    await expect(el).to.be.accessible();
    el.apiUrl = '/api/fault/http500';
    await sendAndWait(el, 'fail please');
    await expect(el).to.be.accessible();
  });
});

import { expect, oneEvent } from '@open-wc/testing';
import { mount, part, parts, sendAndWait, transcript } from './helpers.js';

/** The output the server received, as the scripted agent reports it back. */
function reportedOutputs(lines: string[]): unknown[] {
  return lines
    .filter((line) => line.startsWith('assistant: tool output: '))
    .map((line) => JSON.parse(line.slice('assistant: tool output: '.length)) as unknown);
}

/** Real fetch to the real kit, with a `notice` frame inserted after a pending client tool call's frame. */
const withNoticeAfterPendingCall: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream')) return response;
  let buffer = '';
  const insert = new TransformStream<string, string>({
    transform(chunk, controller) {
      buffer += chunk;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end + 2);
        buffer = buffer.slice(end + 2);
        controller.enqueue(frame);
        if (
          frame.includes('"type":"thread.item.done"') &&
          frame.includes('"type":"client_tool_call"') &&
          frame.includes('"status":"pending"')
        ) {
          controller.enqueue(`data: ${JSON.stringify({ type: 'notice', level: 'info', message: 'Still there' })}\n\n`);
        }
      }
    },
    flush(controller) {
      if (buffer) controller.enqueue(buffer);
    },
  });
  const body = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(insert)
    .pipeThrough(new TextEncoderStream());
  return new Response(body, { status: response.status, headers: response.headers });
};

describe('<stream-chat> client tools', () => {
  it('asks the page through the event, posts the answer and keeps responding across the gap', async () => {
    const { el, names, events } = await mount();
    el.addEventListener('stream-chat-client-tool', (event) => {
      expect(el.responding).to.equal(true);
      expect(el.hasAttribute('responding')).to.equal(true);
      event.detail.respondWith({ itemIds: ['a', 'b'] });
    });
    const end = await sendAndWait(
      el,
      'progress Reading selection...\ntool get_selected_items {"limit":2}\ntext Thanks for the selection',
    );
    expect(end.detail.reason).to.equal('complete');
    const call = events.find((event) => event.type === 'stream-chat-client-tool')?.detail as unknown as Record<
      string,
      unknown
    >;
    expect(call).to.include({ name: 'get_selected_items', threadId: el.threadId });
    expect(call.params).to.deep.equal({ limit: 2 });
    expect(call.callId).to.be.a('string').and.not.be.empty;
    expect(reportedOutputs(transcript(el))).to.deep.equal([{ itemIds: ['a', 'b'] }]);
    expect(transcript(el).at(-1)).to.equal('assistant: Thanks for the selection');
    expect(names().filter((name) => name.startsWith('response-'))).to.deep.equal(['response-start', 'response-end']);
    const tool = parts(el, 'tool')[0];
    expect(tool?.textContent?.trim(), 'the function name as words').to.equal('Used get selected items');
    expect(tool?.classList.contains('completed')).to.equal(true);
  });

  it('awaits a promise given to respondWith', async () => {
    const { el } = await mount();
    el.addEventListener('stream-chat-client-tool', (event) => {
      event.detail.respondWith(new Promise((resolve) => setTimeout(() => resolve({ zoom: 7 }), 10)));
    });
    await sendAndWait(el, 'tool get_current_viewport');
    expect(reportedOutputs(transcript(el))).to.deep.equal([{ zoom: 7 }]);
  });

  it('falls back to the clientTools property', async () => {
    const { el } = await mount();
    el.clientTools = { get_form_data: async (params) => ({ values: { name: 'Ada' }, asked: params }) };
    await sendAndWait(el, 'tool get_form_data {"form":"signup"}');
    expect(reportedOutputs(transcript(el))).to.deep.equal([{ values: { name: 'Ada' }, asked: { form: 'signup' } }]);
  });

  it('prefers a listener that answers over clientTools', async () => {
    const { el } = await mount();
    el.clientTools = { pick: () => 'from property' };
    el.addEventListener('stream-chat-client-tool', (event) => event.detail.respondWith('from listener'));
    await sendAndWait(el, 'tool pick');
    expect(reportedOutputs(transcript(el))).to.deep.equal(['from listener']);
  });

  it('posts an error result when nothing handles the tool', async () => {
    const { el } = await mount();
    const end = await sendAndWait(el, 'tool unknown_tool\ntext continued');
    expect(end.detail.reason).to.equal('complete');
    expect(reportedOutputs(transcript(el))).to.deep.equal([{ error: 'No handler for client tool "unknown_tool"' }]);
    expect(transcript(el).at(-1)).to.equal('assistant: continued');
  });

  it('posts an error result when the handler throws', async () => {
    const { el } = await mount();
    el.clientTools = {
      broken: () => {
        throw new Error('selection unavailable');
      },
    };
    await sendAndWait(el, 'tool broken');
    expect(reportedOutputs(transcript(el))).to.deep.equal([{ error: 'selection unavailable' }]);
  });

  it('posts an error result when the handler times out', async () => {
    const { el } = await mount();
    el.clientToolTimeout = 50;
    el.clientTools = { never: () => new Promise(() => undefined) };
    await sendAndWait(el, 'tool never');
    expect(reportedOutputs(transcript(el))).to.deep.equal([{ error: 'Client tool "never" timed out after 50 ms' }]);
  });

  it('posts an error result for a value that is not JSON', async () => {
    const { el } = await mount();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    el.clientTools = { cyclic: () => cyclic };
    await sendAndWait(el, 'tool cyclic');
    expect(reportedOutputs(transcript(el))).to.deep.equal([
      { error: 'Client tool "cyclic" returned a value that is not JSON' },
    ]);
  });

  it('refuses a second answer and answers given after the listener returned', async () => {
    const { el } = await mount();
    const errors: string[] = [];
    let late: ((value: unknown) => void) | undefined;
    el.addEventListener('stream-chat-client-tool', (event) => {
      event.detail.respondWith(1);
      try {
        event.detail.respondWith(2);
      } catch (error) {
        errors.push((error as DOMException).name);
      }
      late = event.detail.respondWith;
    });
    await sendAndWait(el, 'tool once');
    expect(() => late?.(3)).to.throw(DOMException);
    expect(errors).to.deep.equal(['InvalidStateError']);
    expect(reportedOutputs(transcript(el))).to.deep.equal([1]);
  });

  it('runs several round trips in one response', async () => {
    const { el, names } = await mount();
    let n = 0;
    el.addEventListener('stream-chat-client-tool', (event) =>
      event.detail.respondWith({ round: ++n, tool: event.detail.name }),
    );
    await sendAndWait(el, 'tool first\ntool second\ntext all done');
    expect(reportedOutputs(transcript(el))).to.deep.equal([
      { round: 1, tool: 'first' },
      { round: 2, tool: 'second' },
    ]);
    expect(transcript(el).at(-1)).to.equal('assistant: all done');
    expect(names().filter((name) => name.startsWith('response-'))).to.deep.equal(['response-start', 'response-end']);
  });

  it('answers a pending call that a notice and a thread update follow in the same stream', async () => {
    const { el, names, events } = await mount();
    // The kit pauses the turn right after the call (and then sends the title change); chatkit-python
    // may send more, so a notice goes in after the call's frame, on the way to the page.
    el.fetch = withNoticeAfterPendingCall;
    el.addEventListener('stream-chat-client-tool', (event) => event.detail.respondWith({ picked: event.detail.name }));
    const end = await sendAndWait(el, 'title Late title\ntool pick\ntext Thanks');
    expect(end.detail.reason).to.equal('complete');
    const order = names().filter((name) => ['client-tool', 'thread-update', 'notice'].includes(name));
    expect(order).to.deep.equal(['notice', 'thread-update', 'client-tool']);
    expect(events.find((event) => event.type === 'stream-chat-thread-update')?.detail).to.deep.equal({
      thread: { id: el.threadId, title: 'Late title', status: { type: 'active' } },
    });
    expect(reportedOutputs(transcript(el))).to.deep.equal([{ picked: 'pick' }]);
    expect(transcript(el).at(-1)).to.equal('assistant: Thanks');
    expect(names().filter((name) => name.startsWith('response-'))).to.deep.equal(['response-start', 'response-end']);
    expect(parts(el, 'tool')[0]?.textContent?.trim()).to.equal('Used pick');
    expect(parts(el, 'notice').map((row) => row.textContent?.replace(/\s+/g, ' ').trim())).to.have.length(1);
    expect(part(el, 'title').textContent?.trim()).to.equal('Late title');
  });

  it('stopping during a tool ends the response as aborted and still answers the server', async () => {
    const { el } = await mount();
    el.clientTools = { slow: () => new Promise(() => undefined) };
    const asked = oneEvent(el, 'stream-chat-client-tool');
    const done = el.send('tool slow\ntext after stop');
    await asked;
    const ended = oneEvent(el, 'stream-chat-response-end');
    el.stop();
    expect((await ended).detail.reason).to.equal('aborted');
    await done;
    // The server got an output: the next message is accepted and answered normally.
    await sendAndWait(el, 'next one');
    expect(transcript(el).at(-1)).to.equal('assistant: Echo: next one');
  });
});

describe('<stream-chat> with the built-in demo agent', () => {
  it('shows search progress, then the answer', async () => {
    const { el, events } = await mount('/api/demo');
    await sendAndWait(el, 'search cats');
    const progress = events
      .filter((event) => event.type === 'stream-chat-progress')
      .map((event) => (event.detail as { text: string }).text);
    expect(progress.slice(0, 2)).to.deep.equal(['Searching articles...', 'Found 12 articles...']);
    expect(progress).to.include('Processing article 6/12...');
    expect(transcript(el).at(-1)).to.match(/^assistant: .+/);
  });

  it('fires the status, notification and marker effects', async () => {
    const { el, events } = await mount('/api/demo');
    await sendAndWait(el, 'status');
    await sendAndWait(el, 'notify');
    await sendAndWait(el, 'add a marker on the map');
    const effects = events
      .filter((event) => event.type === 'stream-chat-effect')
      .map((event) => event.detail as { name: string; data: Record<string, unknown> });
    expect(effects.map((effect) => effect.name)).to.deep.equal(['update_status', 'show_notification', 'add_marker']);
    expect(effects[0]?.data).to.deep.equal({ state: { energy: 80, happiness: 90 }, flash: 'Status updated!' });
    expect(effects[1]?.data).to.deep.equal({ message: 'Task completed!' });
    expect(effects[2]?.data).to.have.keys(['id', 'lat', 'lng', 'label']);
  });

  it('reads the selection through get_selected_items and uses it in the answer', async () => {
    const { el } = await mount('/api/demo');
    el.clientTools = { get_selected_items: () => ({ itemIds: ['circle-a', 'circle-c'] }) };
    await sendAndWait(el, 'what is selected?');
    expect(transcript(el).at(-1)).to.contain('circle-a').and.contain('circle-c');
  });

  it('titles the thread after the first message', async () => {
    const { el, events } = await mount('/api/demo');
    await sendAndWait(el, 'tell me about streaming');
    const update = events.find((event) => event.type === 'stream-chat-thread-update')?.detail as {
      thread: { title?: string };
    };
    expect(update.thread.title).to.be.a('string').and.not.be.empty;
  });

  it('fails on request with a retryable error', async () => {
    const { el, events } = await mount('/api/demo');
    const end = await sendAndWait(el, 'error please');
    expect(end.detail.reason).to.equal('error');
    expect(events.find((event) => event.type === 'stream-chat-error')?.detail).to.include({
      code: 'custom',
      allowRetry: true,
    });
  });
});

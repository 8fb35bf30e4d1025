import { expect } from '@open-wc/testing';
import { streamEvents } from '../../src/protocol/client.js';
import type { StreamingRequest, ThreadItem, ThreadStreamEvent, UserMessageItem } from '../../src/protocol/types.js';
import { initialState, isResponding, reduce, type Action, type ChatState } from '../../src/state/reducer.js';
import { splits } from '../chunks.js';
import { createTranscript, toSse } from '../support/transcripts.js';

const optimistic: UserMessageItem = {
  id: 'local_1',
  thread_id: '',
  created_at: '2026-11-28T14:17:22Z',
  type: 'user_message',
  content: [{ type: 'input_text', text: 'hi' }],
  attachments: [],
  inference_options: {},
};

function run(state: ChatState, ...actions: Action[]): ChatState {
  return actions.reduce(reduce, state);
}

function events(...list: ThreadStreamEvent[]): Action[] {
  return list.map((event) => ({ type: 'event-received', event }));
}

function assistant(id: string, text: string): ThreadItem {
  return {
    id,
    thread_id: 'thr_1',
    created_at: 'x',
    type: 'assistant_message',
    content: [{ type: 'output_text', text, annotations: [] }],
  };
}

const sent = run(initialState, { type: 'send-started', runId: 1, item: optimistic, text: 'hi' });

describe('reduce', () => {
  it('shows the optimistic message and locks while responding', () => {
    expect(sent.items).to.deep.equal([optimistic]);
    expect(isResponding(sent)).to.equal(true);
  });

  it('applies a whole create transcript', () => {
    const state = run(sent, ...events(...createTranscript), { type: 'run-finished', runId: 1 });
    expect(state.threadId).to.equal('thr_1a2b3c4d');
    expect(state.thread?.title).to.equal('Demo title');
    expect(state.items.map((item) => [item.id, item.type])).to.deep.equal([
      ['msg_user0001', 'user_message'],
      ['msg_A', 'assistant_message'],
    ]);
    const answer = state.items[1];
    expect(answer?.type === 'assistant_message' && answer.content[0]?.text).to.equal(
      'Héllo, wörld 👋🏽 你好\n\n**done**',
    );
    expect(isResponding(state)).to.equal(false);
    expect(state.progress).to.equal(null);
    expect(state.streaming.size).to.equal(0);
  });

  for (const [name, chunks] of splits(toSse(createTranscript))) {
    it(`reaches the same state from the wire, split ${name}`, async () => {
      const fetchBytes: typeof fetch = async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
              controller.close();
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      let state = sent;
      const request: StreamingRequest = {
        type: 'threads.create',
        params: { input: { content: [], attachments: [], inference_options: {} } },
      };
      for await (const event of streamEvents(request, { url: '/x', fetch: fetchBytes })) {
        state = reduce(state, { type: 'event-received', event });
      }
      expect(state).to.deep.equal(run(sent, ...events(...createTranscript)));
    });
  }

  it('keeps the same text whether a delta arrives whole or one character at a time', () => {
    const base = run(sent, ...events(...createTranscript.slice(0, 7)));
    const text = 'Some *markdown* with `code` and ünïcödé';
    const whole = run(
      base,
      ...events({
        type: 'thread.item.updated',
        item_id: 'msg_A',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: text },
      }),
    );
    const perChar = run(
      base,
      ...events(
        ...Array.from(text, (delta): ThreadStreamEvent => ({
          type: 'thread.item.updated',
          item_id: 'msg_A',
          update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
        })),
      ),
    );
    expect(perChar.items).to.deep.equal(whole.items);
  });

  it('shows the latest progress until the next item arrives', () => {
    const state = run(sent, ...events(...createTranscript.slice(0, 4)));
    expect(state.progress).to.deep.equal({ text: 'Searching…', icon: 'search' });
    expect(run(state, ...events(createTranscript[5] as ThreadStreamEvent)).progress).to.equal(null);
  });

  it('merges thread.updated metadata without touching items', () => {
    const state = run(sent, ...events(...createTranscript));
    const updated = run(
      state,
      ...events({
        type: 'thread.updated',
        thread: {
          id: 'thr_1a2b3c4d',
          created_at: 'x',
          title: 'New',
          status: { type: 'locked', reason: 'r' },
          metadata: {},
          items: { data: [], has_more: false },
        },
      }),
    );
    expect(updated.items).to.equal(state.items);
    expect(updated.thread).to.deep.equal({
      id: 'thr_1a2b3c4d',
      created_at: 'x',
      title: 'New',
      status: { type: 'locked', reason: 'r' },
      metadata: {},
    });
  });

  it('pads content parts, but ignores an index far past the end', () => {
    const base = run(sent, ...events({ type: 'thread.item.added', item: assistant('a', '') }));
    const padded = run(
      base,
      ...events({
        type: 'thread.item.updated',
        item_id: 'a',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 2, delta: 'x' },
      }),
    );
    const item = padded.items.at(-1);
    expect(item?.type === 'assistant_message' && item.content.map((part) => part.text)).to.deep.equal(['', '', 'x']);
    const far = run(
      base,
      ...events({
        type: 'thread.item.updated',
        item_id: 'a',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 1e9, delta: 'x' },
      }),
    );
    expect(far).to.equal(base);
  });

  it('ignores updates for an unknown item', () => {
    const streaming = run(sent, ...events({ type: 'stream_options', stream_options: { allow_cancel: true } }));
    const next = run(
      streaming,
      ...events({
        type: 'thread.item.updated',
        item_id: 'nope',
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'x' },
      }),
    );
    expect(next).to.equal(streaming);
  });

  it('keeps streamed annotations when content_part.done carries none', () => {
    const source = { type: 'url' as const, title: 'Example', url: 'https://example.com' };
    const state = run(
      sent,
      ...events(
        { type: 'thread.item.added', item: assistant('a', '') },
        {
          type: 'thread.item.updated',
          item_id: 'a',
          update: {
            type: 'assistant_message.content_part.annotation_added',
            content_index: 0,
            annotation_index: 0,
            annotation: { type: 'annotation', source, index: 3 },
          },
        },
        {
          type: 'thread.item.updated',
          item_id: 'a',
          update: {
            type: 'assistant_message.content_part.done',
            content_index: 0,
            content: { type: 'output_text', text: 'abc', annotations: [] },
          },
        },
      ),
    );
    const item = state.items.at(-1);
    expect(item?.type === 'assistant_message' && item.content[0]?.annotations).to.deep.equal([
      { type: 'annotation', source, index: 3 },
    ]);
  });

  it('removes and replaces items by id, and never shows hidden ones', () => {
    const state = run(
      sent,
      ...events(
        { type: 'thread.item.done', item: assistant('a', 'one') },
        { type: 'thread.item.done', item: assistant('b', 'two') },
        { type: 'thread.item.removed', item_id: 'a' },
        { type: 'thread.item.replaced', item: assistant('b', 'three') },
        {
          type: 'thread.item.done',
          item: { id: 'h', thread_id: 't', created_at: 'x', type: 'hidden_context_item', content: 'secret' },
        },
      ),
    );
    expect(state.items.map((item) => item.id)).to.deep.equal(['local_1', 'b']);
    const b = state.items[1];
    expect(b?.type === 'assistant_message' && b.content[0]?.text).to.equal('three');
  });

  it('drops the items after the retried user message', () => {
    const state = run(sent, ...events(...createTranscript), { type: 'run-finished', runId: 1 });
    const retried = run(state, { type: 'retry-started', runId: 2, itemId: 'msg_user0001' });
    expect(retried.items.map((item) => item.id)).to.deep.equal(['msg_user0001']);
    expect(isResponding(retried)).to.equal(true);
  });

  it('marks a client tool call completed when its output is sent', () => {
    const call: ThreadItem = {
      id: 'tc',
      thread_id: 't',
      created_at: 'x',
      type: 'client_tool_call',
      status: 'pending',
      call_id: 'c1',
      name: 'get',
      arguments: {},
    };
    const state = run(sent, ...events({ type: 'thread.item.done', item: call }), {
      type: 'tool-output-sent',
      itemId: 'tc',
      output: { ok: true },
    });
    expect(state.items.at(-1)).to.deep.include({ status: 'completed', output: { ok: true } });
  });

  it('records in-band errors with their retry flag and server message', () => {
    const state = run(sent, ...events({ type: 'error', code: 'custom', message: 'Quota reached', allow_retry: false }));
    expect(state.error).to.deep.equal({ code: 'custom', message: 'Quota reached', allowRetry: false });
  });

  it('keeps items it cannot render yet, and applies their updates', () => {
    const state = run(
      sent,
      ...events(
        {
          type: 'thread.item.added',
          item: {
            id: 'w',
            thread_id: 't',
            created_at: 'x',
            type: 'widget',
            widget: { type: 'Card', children: [{ type: 'Text', id: 'txt', value: 'Hel' }] },
          },
        },
        {
          type: 'thread.item.updated',
          item_id: 'w',
          update: { type: 'widget.streaming_text.value_delta', component_id: 'txt', delta: 'lo', done: true },
        },
        {
          type: 'thread.item.added',
          item: {
            id: 'f',
            thread_id: 't',
            created_at: 'x',
            type: 'workflow',
            workflow: { type: 'custom', tasks: [], expanded: true },
          },
        },
        {
          type: 'thread.item.updated',
          item_id: 'f',
          update: { type: 'workflow.task.added', task_index: 0, task: { type: 'custom', title: 'Step 1' } },
        },
      ),
    );
    expect(state.items[1]).to.deep.include({
      widget: { type: 'Card', children: [{ type: 'Text', id: 'txt', value: 'Hello' }] },
    });
    const flow = state.items[2];
    expect(flow?.type === 'workflow' && flow.workflow.tasks).to.deep.equal([{ type: 'custom', title: 'Step 1' }]);
  });

  it('loads a thread and prepends older pages', () => {
    const thread = { id: 't', created_at: 'x', status: { type: 'active' as const }, metadata: {} };
    const loading = run(sent, { type: 'thread-loading', threadId: 't' });
    expect(loading.items).to.deep.equal([]);
    expect(loading.loading).to.equal(true);
    const page = { data: [assistant('b', 'new')], has_more: true, after: 'b' };
    const loaded = run(loading, {
      type: 'thread-loaded',
      thread: { ...thread, items: page } as typeof thread,
      items: [assistant('b', 'new')],
      olderCursor: 'b',
    });
    expect(loaded.thread, 'the metadata, without the items page').to.deep.equal(thread);
    const older = run(loaded, { type: 'older-items-loaded', items: [assistant('a', 'old')], olderCursor: null });
    expect(older.items.map((item) => item.id)).to.deep.equal(['a', 'b']);
    expect(older.olderCursor).to.equal(null);
  });

  describe('the run', () => {
    const call: ThreadItem = {
      id: 'tc',
      thread_id: 't',
      created_at: 'x',
      type: 'client_tool_call',
      status: 'pending',
      call_id: 'c1',
      name: 'get',
      arguments: {},
    };
    const echo: ThreadItem = { ...optimistic, id: 'msg_user0001' };
    const notice: ThreadStreamEvent = { type: 'notice', level: 'info', message: 'later' };

    it('streams once the first event arrives and forgets the unsent text once the server echoes it', () => {
      expect(sent.run).to.deep.include({ status: 'sending', unsent: { itemId: 'local_1', text: 'hi' } });
      const accepted = run(sent, ...events({ type: 'thread.item.done', item: echo }));
      expect(accepted.run).to.deep.include({ status: 'streaming', unsent: null });
    });

    it('keeps a pending client tool call when other events follow it', () => {
      const paused = run(
        sent,
        ...events({ type: 'thread.item.done', item: call }, notice, {
          type: 'thread.updated',
          thread: {
            id: 't',
            created_at: 'x',
            title: 'T',
            status: { type: 'active' },
            metadata: {},
            items: { data: [], has_more: false },
          },
        }),
      );
      expect(paused.run).to.deep.include({ status: 'awaiting-tool', call });
      const answered = run(paused, { type: 'tool-output-sent', itemId: 'tc', output: 1 });
      expect(answered.run).to.deep.include({ status: 'sending', call: null });
      const removed = run(paused, ...events({ type: 'thread.item.removed', item_id: 'tc' }));
      expect(removed.run?.call).to.equal(null);
    });

    it('gives an unsent message back when the run fails, and remembers it for retry', () => {
      const failed = run(
        sent,
        { type: 'run-failed', runId: 1, error: { code: 'network', allowRetry: true } },
        { type: 'run-finished', runId: 1 },
      );
      expect(failed.run).to.equal(null);
      expect(failed.items).to.deep.equal([]);
      expect(failed.draft).to.equal('hi');
      expect(failed.failedDraft).to.equal('hi');
      expect(failed.error).to.deep.equal({ code: 'network', allowRetry: true });
      const resent = run(failed, { type: 'send-started', runId: 2, item: optimistic, text: 'hi', resend: true });
      expect(resent.draft).to.equal('');
      expect(resent.failedDraft).to.equal(null);
    });

    it('keeps what the user typed meanwhile instead of giving the text back', () => {
      const failed = run(
        sent,
        { type: 'draft-changed', text: 'next' },
        { type: 'run-failed', runId: 1, error: { code: 'network', allowRetry: true } },
        { type: 'run-finished', runId: 1 },
      );
      expect(failed.draft).to.equal('next');
      expect(failed.failedDraft).to.equal('hi');
    });

    it('ends with the stream error as its outcome, keeping an accepted message', () => {
      const error: ThreadStreamEvent = { type: 'error', code: 'custom', message: 'Quota', allow_retry: false };
      const failed = run(sent, ...events({ type: 'thread.item.done', item: echo }, error), {
        type: 'run-finished',
        runId: 1,
      });
      expect(failed.items.map((item) => item.id)).to.deep.equal(['msg_user0001']);
      expect(failed.error).to.deep.equal({ code: 'custom', message: 'Quota', allowRetry: false });
      expect(failed.failedDraft).to.equal(null);
    });

    it('reports an in-band error code it does not know as unknown, keeping the message', () => {
      const state = run(sent, ...events({ type: 'error', code: 'future.code', message: 'New', allow_retry: true }));
      expect(state.error).to.deep.equal({ code: 'unknown', message: 'New', allowRetry: true });
    });

    it('gives the text back when stopped before the server took it, not after', () => {
      const stopped = run(sent, { type: 'run-aborted', runId: 1 });
      expect(stopped).to.deep.include({ run: null, items: [], draft: 'hi', failedDraft: null, error: null });
      const late = run(sent, ...events({ type: 'thread.item.done', item: echo }), { type: 'run-aborted', runId: 1 });
      expect(late.items.map((item) => item.id)).to.deep.equal(['msg_user0001']);
      expect(late.draft).to.equal('');
    });

    it('ignores the outcome of a run that is not the current one', () => {
      expect(run(sent, { type: 'run-finished', runId: 7 })).to.equal(sent);
      expect(run(sent, { type: 'run-aborted', runId: 7 })).to.equal(sent);
      expect(run(sent, { type: 'run-failed', runId: 7, error: { code: 'network', allowRetry: true } })).to.equal(sent);
    });
  });
});

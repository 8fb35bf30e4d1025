/**
 * Contract: the exact event sequences chatkit-python 1.6.5's `ChatKitServer` sends, checked over
 * real HTTP with the reference SSE parser. The reference is chatkit/server.py: every request type
 * in `_process_streaming_impl` (the client tool round trip in its `ThreadsAddClientToolOutputReq`
 * case, retry in `ThreadsRetryAfterItemReq`), and in `_process_events` `stream_options` first,
 * `thread.updated` after any event that changed the thread (titles), the in-band `error` events
 * and `handle_stream_cancelled` on cancellation.
 * @see https://github.com/openai/chatkit-python/blob/v1.6.5/chatkit/server.py
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  ClientToolCallItem,
  StructuredInputItem,
  Thread,
  ThreadStreamEvent,
  WidgetItem,
} from '../../src/protocol/types.js';
import {
  clientEffect,
  clientToolCall,
  CustomStreamError,
  notice,
  progress,
  StreamError,
  streamAssistantText,
  type RespondFn,
} from '../../src/server/index.js';
import { sseEvents } from '../support/sse.js';
import {
  addMessage,
  assistantTexts,
  createdThreadId,
  createThread,
  deltas,
  startServer,
  types,
  WatchedStore,
  type Harness,
} from './harness.js';

/** The event types of one streamed assistant message with `chunks` text deltas. */
const message = (chunks: number) => [
  'thread.item.added',
  'thread.item.updated',
  ...Array.from({ length: chunks }, () => 'thread.item.updated'),
  'thread.item.updated',
  'thread.item.done',
];

/** Streams "Hello" in two chunks after a progress update. */
const hello: RespondFn = async function* (thread, _item, ctx) {
  yield progress('Searching...', 'search');
  yield* streamAssistantText(ctx, thread, ['Hel', 'lo']);
};

async function withServer(respond: RespondFn, run: (h: Harness) => Promise<void>, options = {}): Promise<void> {
  const harness = await startServer(respond, options);
  try {
    await run(harness);
  } finally {
    await harness.close();
  }
}

describe('threads.create', () => {
  it('streams thread.created, the stored user message, stream_options, then respond events', () =>
    withServer(hello, async (h) => {
      const events = await h.stream(createThread('hi'));
      assert.deepEqual(types(events), [
        'thread.created',
        'thread.item.done',
        'stream_options',
        'progress_update',
        ...message(2),
      ]);
      const [created, userDone, options, progressEvent] = events;

      assert.equal(created?.type, 'thread.created');
      assert.match(created.thread.id, /^thr_[0-9a-f]{8}$/);
      assert.ok(!Number.isNaN(Date.parse(created.thread.created_at)));
      assert.deepEqual(
        { ...created.thread, id: '', created_at: '' },
        { id: '', created_at: '', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } },
      );

      assert.equal(userDone?.type, 'thread.item.done');
      assert.equal(userDone.item.type, 'user_message');
      assert.match(userDone.item.id, /^msg_[0-9a-f]{8}$/);
      assert.deepEqual(
        { ...userDone.item, id: '', created_at: '' },
        {
          type: 'user_message',
          id: '',
          created_at: '',
          thread_id: created.thread.id,
          content: [{ type: 'input_text', text: 'hi' }],
          attachments: [],
          inference_options: {},
        },
      );
      assert.deepEqual(options, { type: 'stream_options', stream_options: { allow_cancel: true } });
      assert.deepEqual(progressEvent, { type: 'progress_update', icon: 'search', text: 'Searching...' });
      assert.deepEqual(deltas(events), ['Hel', 'lo']);
      assert.deepEqual(assistantTexts(events), ['Hello']);
    }));

  it('streams an assistant message as added → content_part.added → deltas → content_part.done → done', () =>
    withServer(hello, async (h) => {
      const events = (await h.stream(createThread('hi'))).slice(4);
      const added = events[0];
      assert.equal(added?.type, 'thread.item.added');
      const id = added.item.id;
      assert.deepEqual(
        { ...added.item, created_at: '' },
        {
          type: 'assistant_message',
          id,
          thread_id: added.item.thread_id,
          created_at: '',
          content: [],
        },
      );
      const part = (text: string) => ({ type: 'output_text', text, annotations: [] });
      assert.deepEqual(events.slice(1, 5), [
        {
          type: 'thread.item.updated',
          item_id: id,
          update: { type: 'assistant_message.content_part.added', content_index: 0, content: part('') },
        },
        {
          type: 'thread.item.updated',
          item_id: id,
          update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Hel' },
        },
        {
          type: 'thread.item.updated',
          item_id: id,
          update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'lo' },
        },
        {
          type: 'thread.item.updated',
          item_id: id,
          update: { type: 'assistant_message.content_part.done', content_index: 0, content: part('Hello') },
        },
      ]);
      const done = events[5];
      assert.equal(done?.type, 'thread.item.done');
      assert.deepEqual(done.item, { ...added.item, content: [part('Hello')] });
    }));

  it('frames every event as one `data:` line and a blank line, with no event names or ids', () =>
    withServer(hello, async (h) => {
      const response = await h.post(createThread('hi'));
      assert.equal(response.headers.get('cache-control'), 'no-cache');
      assert.equal(response.headers.get('x-accel-buffering'), 'no');
      const text = await response.text();
      const frames = text.split('\n\n');
      assert.equal(frames.pop(), '');
      assert.equal(frames.length, 10);
      for (const frame of frames) assert.match(frame, /^data: \{[^\n]*\}$/);
    }));

  it('persists the user message and the finished assistant message', () =>
    withServer(hello, async (h) => {
      const threadId = createdThreadId(await h.stream(createThread('hi')));
      const items = await h.store.all(threadId);
      assert.deepEqual(
        items.map((item) => item.type),
        ['user_message', 'assistant_message'],
      );
    }));
});

describe('threads.add_user_message', () => {
  it('streams the stored user message, stream_options, then respond events for that message', () => {
    const echo: RespondFn = async function* (thread, item, ctx) {
      const text = item?.content.map((part) => part.text).join('') ?? '(none)';
      yield* streamAssistantText(ctx, thread, [`echo: `, text]);
    };
    return withServer(echo, async (h) => {
      const threadId = createdThreadId(await h.stream(createThread('first')));
      const events = await h.stream(addMessage(threadId, 'second'));
      assert.deepEqual(types(events), ['thread.item.done', 'stream_options', ...message(2)]);
      const [userDone] = events;
      assert.equal(userDone?.type, 'thread.item.done');
      assert.equal(userDone.item.thread_id, threadId);
      assert.equal(userDone.item.type === 'user_message' && userDone.item.content[0]?.text, 'second');
      assert.deepEqual(assistantTexts(events), ['echo: second']);
      assert.equal((await h.store.all(threadId)).length, 4);
    });
  });

  it('keeps quoted_text and inference options from the input', () =>
    withServer(hello, async (h) => {
      const threadId = createdThreadId(await h.stream(createThread('first')));
      const body = addMessage(threadId, 'why?');
      body.params.input = {
        ...body.params.input,
        quoted_text: 'the sky is blue',
        inference_options: { model: 'fast', tool_choice: { id: 'search' } },
      };
      const [userDone] = await h.stream(body);
      assert.equal(userDone?.type, 'thread.item.done');
      assert.equal(userDone.item.type, 'user_message');
      assert.equal(userDone.item.quoted_text, 'the sky is blue');
      assert.deepEqual(userDone.item.inference_options, { model: 'fast', tool_choice: { id: 'search' } });
    }));

  it('answers an unknown thread with 200 and an empty stream, without calling respond', async () => {
    let calls = 0;
    const counting: RespondFn = async function* (thread, _item, ctx) {
      calls++;
      yield* streamAssistantText(ctx, thread, ['x']);
    };
    await withServer(counting, async (h) => {
      assert.deepEqual(await h.stream(addMessage('thr_missing', 'hello')), []);
      assert.equal(calls, 0);
    });
  });

  it('ends the stream empty when an attachment id cannot be resolved', () =>
    withServer(hello, async (h) => {
      const body = createThread('see file');
      body.params.input = { ...body.params.input, attachments: ['atc_unknown'] };
      assert.deepEqual(await h.stream(body), []);
      assert.deepEqual((await h.store.loadThreads(10, undefined, 'desc', undefined)).data, []);
    }));
});

describe('thread titles', () => {
  it('emits thread.updated after the first event that follows a title change, and saves it', () => {
    const titled: RespondFn = async function* (thread, _item, ctx) {
      yield progress('Thinking...');
      thread.title = 'Demo title';
      yield* streamAssistantText(ctx, thread, ['ok']);
    };
    return withServer(titled, async (h) => {
      const events = await h.stream(createThread('hi'));
      assert.deepEqual(types(events), [
        'thread.created',
        'thread.item.done',
        'stream_options',
        'progress_update',
        'thread.item.added',
        'thread.updated',
        ...message(1).slice(1),
      ]);
      const updated = events[5];
      assert.equal(updated?.type, 'thread.updated');
      assert.equal(updated.thread.title, 'Demo title');
      assert.deepEqual(updated.thread.items, { data: [], has_more: false });
      assert.equal((await h.store.loadThread(updated.thread.id, undefined))?.title, 'Demo title');
    });
  });

  it('emits a final thread.updated when the title changes after the last event', () => {
    const late: RespondFn = async function* (thread, _item, ctx) {
      yield* streamAssistantText(ctx, thread, ['ok']);
      thread.title = 'Late title';
      thread.status = { type: 'locked', reason: 'Read only' };
    };
    return withServer(late, async (h) => {
      const events = await h.stream(createThread('hi'));
      const last = events.at(-1);
      assert.equal(last?.type, 'thread.updated');
      assert.equal(last.thread.title, 'Late title');
      assert.deepEqual(last.thread.status, { type: 'locked', reason: 'Read only' });
      assert.equal(types(events).filter((type) => type === 'thread.updated').length, 1);
      const { body } = await h.json({ type: 'threads.get_by_id', params: { thread_id: last.thread.id } });
      assert.deepEqual((body as { status: unknown }).status, { type: 'locked', reason: 'Read only' });
    });
  });

  it('does not emit thread.updated when nothing changed', () =>
    withServer(hello, async (h) => {
      assert.ok(!types(await h.stream(createThread('hi'))).includes('thread.updated'));
    }));
});

describe('client tool round trip', () => {
  const calls: (string | null)[] = [];
  const selection: RespondFn = async function* (thread, item, ctx) {
    calls.push(item ? item.type : null);
    if (item) {
      yield progress('Reading selection...');
      yield clientToolCall(ctx, thread, 'get_selected_items', { scope: 'canvas' });
      // After the pending call the turn goes on, as in chatkit-python (its _process_events has no
      // pending-call case): a title and a notice still reach the client.
      thread.title = 'Selection';
      yield notice('info', 'Waiting for the page.');
      return;
    }
    const page = await ctx.store.loadThreadItems(thread.id, undefined, 1, 'desc', ctx.context);
    const call = page.data[0];
    assert.equal(call?.type, 'client_tool_call');
    yield* streamAssistantText(ctx, thread, [`output: ${JSON.stringify(call.output)}`]);
  };

  it('streams the pending call and what follows it, completes the call from the output, then responds with null', () =>
    withServer(selection, async (h) => {
      calls.length = 0;
      const first = await h.stream(createThread('what is selected?'));
      assert.deepEqual(types(first), [
        'thread.created',
        'thread.item.done',
        'stream_options',
        'progress_update',
        'thread.item.done',
        'notice',
        'thread.updated',
      ]);
      const updated = first.at(-1);
      assert.equal(updated?.type === 'thread.updated' ? updated.thread.title : undefined, 'Selection');
      const pending = first[4];
      assert.equal(pending?.type, 'thread.item.done');
      assert.equal(pending.item.type, 'client_tool_call');
      const call = pending.item as ClientToolCallItem;
      assert.equal(call.status, 'pending');
      assert.equal(call.name, 'get_selected_items');
      assert.deepEqual(call.arguments, { scope: 'canvas' });
      assert.match(call.id, /^tc_[0-9a-f]{8}$/);
      assert.ok(call.call_id.length > 8);
      assert.ok(!('output' in call));
      const threadId = createdThreadId(first);
      assert.deepEqual(await h.store.loadItem(threadId, call.id, undefined), call);

      const second = await h.stream({
        type: 'threads.add_client_tool_output',
        params: { thread_id: threadId, result: { itemIds: ['a', 'b'], note: null } },
      });
      assert.deepEqual(types(second), ['stream_options', ...message(1)]);
      assert.deepEqual(assistantTexts(second), ['output: {"itemIds":["a","b"],"note":null}']);
      assert.deepEqual(calls, ['user_message', null]);

      const stored = await h.store.loadItem(threadId, call.id, undefined);
      assert.deepEqual(stored, { ...call, status: 'completed', output: { itemIds: ['a', 'b'], note: null } });
      assert.deepEqual(
        (await h.store.all(threadId)).map((item) => item.type),
        ['user_message', 'client_tool_call', 'assistant_message'],
      );
    }));

  it('ends with an empty stream when the newest item is not a pending client tool call', () =>
    withServer(selection, async (h) => {
      calls.length = 0;
      const threadId = createdThreadId(await h.stream(createThread('what is selected?')));
      await h.stream({ type: 'threads.add_client_tool_output', params: { thread_id: threadId, result: {} } });
      const again = await h.stream({
        type: 'threads.add_client_tool_output',
        params: { thread_id: threadId, result: {} },
      });
      assert.deepEqual(again, []);
      assert.deepEqual(calls, ['user_message', null]);
    }));

  it('deletes stale pending calls when the newest one is answered', () =>
    withServer(selection, async (h) => {
      const threadId = createdThreadId(await h.stream(createThread('what is selected?')));
      const [stale] = (await h.store.all(threadId)).filter((item) => item.type === 'client_tool_call');
      assert.ok(stale);
      const newest = {
        ...stale,
        id: 'tc_newest',
        call_id: 'call_newest',
        created_at: new Date(Date.now() + 1000).toISOString(),
      };
      await h.store.addThreadItem(threadId, newest, undefined);
      await h.stream({
        type: 'threads.add_client_tool_output',
        params: { thread_id: threadId, result: { itemIds: [] } },
      });
      const calls = (await h.store.all(threadId)).filter((item) => item.type === 'client_tool_call');
      assert.deepEqual(
        calls.map((item) => [item.id, item.type === 'client_tool_call' && item.status]),
        [['tc_newest', 'completed']],
      );
    }));
});

describe('threads.retry_after_item', () => {
  let turn = 0;
  const numbered: RespondFn = async function* (thread, item, ctx) {
    turn++;
    const text = item?.content.map((part) => part.text).join('');
    yield* streamAssistantText(ctx, thread, [`answer ${turn} to ${text}`]);
  };

  it('deletes every item after the user message without thread.item.removed, then responds to it', () =>
    withServer(numbered, async (h) => {
      turn = 0;
      const threadId = createdThreadId(await h.stream(createThread('one')));
      await h.stream(addMessage(threadId, 'two'));
      const [firstUser] = await h.store.all(threadId);
      assert.equal(firstUser?.type, 'user_message');

      const events = await h.stream({
        type: 'threads.retry_after_item',
        params: { thread_id: threadId, item_id: firstUser.id },
      });
      assert.deepEqual(types(events), ['stream_options', ...message(1)]);
      assert.deepEqual(assistantTexts(events), ['answer 3 to one']);
      const items = await h.store.all(threadId);
      assert.deepEqual(
        items.map((item) => (item.type === 'assistant_message' ? item.content[0]?.text : item.id)),
        [firstUser.id, 'answer 3 to one'],
      );
    }));

  it('ends empty and deletes nothing when the item is not a user message or is unknown', () =>
    withServer(numbered, async (h) => {
      const threadId = createdThreadId(await h.stream(createThread('one')));
      const before = await h.store.all(threadId);
      const assistant = before.find((item) => item.type === 'assistant_message');
      assert.ok(assistant);
      for (const itemId of [assistant.id, 'msg_unknown']) {
        assert.deepEqual(
          await h.stream({ type: 'threads.retry_after_item', params: { thread_id: threadId, item_id: itemId } }),
          [],
        );
      }
      assert.deepEqual(await h.store.all(threadId), before);
    }));
});

describe('in-band errors', () => {
  const failing = (error: unknown, titleToo = false): RespondFn =>
    async function* (thread, _item, ctx) {
      yield* streamAssistantText(ctx, thread, ['partial']);
      if (titleToo) thread.title = 'Set before failing';
      throw error;
    };

  it('turns a CustomStreamError into a custom error with its message and retry flag', () =>
    withServer(failing(new CustomStreamError('Quota reached.', { allowRetry: true })), async (h) => {
      const events = await h.stream(createThread('hi'));
      assert.deepEqual(events.at(-1), { type: 'error', code: 'custom', message: 'Quota reached.', allow_retry: true });
      assert.deepEqual(h.errors, []);
    }));

  it('defaults CustomStreamError to allow_retry false', () =>
    withServer(failing(new CustomStreamError('No.')), async (h) => {
      assert.deepEqual((await h.stream(createThread('hi'))).at(-1), {
        type: 'error',
        code: 'custom',
        message: 'No.',
        allow_retry: false,
      });
    }));

  it('turns any other exception into stream.error with allow_retry and no message, and reports it', () => {
    const boom = new Error('boom');
    return withServer(failing(boom), async (h) => {
      const events = await h.stream(createThread('hi'));
      assert.deepEqual(events.at(-1), { type: 'error', code: 'stream.error', allow_retry: true });
      assert.deepEqual(h.errors, [boom]);
    });
  });

  it('sends StreamError codes with their default retry flags', () =>
    withServer(failing(new StreamError('rate_limited')), async (h) => {
      assert.deepEqual((await h.stream(createThread('hi'))).at(-1), {
        type: 'error',
        code: 'rate_limited',
        allow_retry: false,
      });
      assert.deepEqual(new StreamError().allowRetry, true);
      assert.deepEqual(new StreamError('stream.error', { allowRetry: false }).allowRetry, false);
    }));

  it('still emits the final thread.updated after an error, and abandons the unfinished message', () =>
    withServer(failing(new CustomStreamError('Oops'), true), async (h) => {
      const events = await h.stream(createThread('hi'));
      assert.deepEqual(types(events).slice(-2), ['error', 'thread.updated']);
      const threadId = createdThreadId(events);
      assert.deepEqual(
        (await h.store.all(threadId)).map((item) => item.type),
        ['user_message', 'assistant_message'],
      );
    }));

  it('catches an exception thrown before the first event', () => {
    const immediate: RespondFn = () => {
      throw new Error('sync failure');
    };
    return withServer(immediate, async (h) => {
      const events = await h.stream(createThread('hi'));
      assert.deepEqual(types(events), ['thread.created', 'thread.item.done', 'stream_options', 'error']);
      assert.equal(h.errors.length, 1);
    });
  });
});

describe('serialisation', () => {
  it('omits absent optional fields but keeps nulls inside free-form data', () => {
    const effects: RespondFn = async function* () {
      yield clientEffect('select', { id: null, list: [1, null] });
      yield { type: 'progress_update', text: 'no icon', icon: undefined };
    };
    return withServer(effects, async (h) => {
      const response = await h.post(createThread('hi'));
      const text = await response.text();
      assert.match(text, /"data":\{"id":null,"list":\[1,null\]\}/);
      assert.doesNotMatch(text.replace(/"data":\{"id":null,"list":\[1,null\]\}/, ''), /null/);
      assert.doesNotMatch(text, /"title"|"quoted_text"|"icon"|"allowed_image_domains"|"after"/);
    });
  });

  it('keeps nulls inside an array tool output, live and when served again from the store', () => {
    const ask: RespondFn = async function* (thread, item, ctx) {
      if (item) yield clientToolCall(ctx, thread, 'lookup');
    };
    return withServer(ask, async (h) => {
      const threadId = createdThreadId(await h.stream(createThread('look it up')));
      const output = [{ id: 'a', note: null }, null, [null]];
      await h.stream({ type: 'threads.add_client_tool_output', params: { thread_id: threadId, result: output } });
      const { body } = await h.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
      const call = (body as Thread).items.data.find((entry) => entry.type === 'client_tool_call');
      assert.deepEqual(call?.type === 'client_tool_call' ? call.output : undefined, output);
    });
  });

  it('sends input_tag parts with interactive: false unless the client set it, like chatkit-python', () =>
    withServer(hello, async (h) => {
      const tag = { type: 'input_tag', id: 'p1', text: '@Paris', data: { city: null } };
      const body = createThread('hi');
      const input = { ...body.params.input, content: [tag, { ...tag, id: 'p2', interactive: true }] };
      const [, userDone] = await h.stream({ ...body, params: { input } });
      const expected = [
        { ...tag, interactive: false },
        { ...tag, id: 'p2', interactive: true },
      ];
      assert.equal(userDone?.type, 'thread.item.done');
      assert.deepEqual(userDone.item.type === 'user_message' ? userDone.item.content : undefined, expected);
      const { body: thread } = await h.json({
        type: 'threads.get_by_id',
        params: { thread_id: userDone.item.thread_id },
      });
      const stored = (thread as Thread).items.data[0];
      assert.deepEqual(stored?.type === 'user_message' ? stored.content : undefined, expected);
    }));

  it('drops null optional fields sent by the client', () =>
    withServer(hello, async (h) => {
      const body = createThread('hi');
      const [, userDone] = await h.stream({ ...body, params: { input: { ...body.params.input, quoted_text: null } } });
      assert.equal(userDone?.type, 'thread.item.done');
      assert.ok(!('quoted_text' in userDone.item));
    }));
});

describe('items from respond', () => {
  it('persists done items, applies removed and replaced, and never sends hidden items', () => {
    const editing: RespondFn = async function* (thread, _item, ctx) {
      const base = { thread_id: thread.id, created_at: ctx.now() };
      yield {
        type: 'thread.item.done',
        item: {
          ...base,
          id: 'msg_keep',
          type: 'assistant_message',
          content: [{ type: 'output_text', text: 'v1', annotations: [] }],
        },
      };
      yield { type: 'thread.item.done', item: { ...base, id: 'msg_drop', type: 'assistant_message', content: [] } };
      yield {
        type: 'thread.item.done',
        item: { ...base, id: 'cstmctx_1', type: 'hidden_context_item', content: 'secret' },
      };
      yield { type: 'thread.item.removed', item_id: 'msg_drop' };
      yield {
        type: 'thread.item.replaced',
        item: {
          ...base,
          id: 'msg_keep',
          type: 'assistant_message',
          content: [{ type: 'output_text', text: 'v2', annotations: [] }],
        },
      };
    };
    return withServer(editing, async (h) => {
      const events = await h.stream(createThread('hi'));
      assert.deepEqual(types(events).slice(3), [
        'thread.item.done',
        'thread.item.done',
        'thread.item.removed',
        'thread.item.replaced',
      ]);
      assert.doesNotMatch(JSON.stringify(events), /secret/);
      const threadId = createdThreadId(events);
      const stored = await h.store.all(threadId);
      assert.deepEqual(stored.map((item) => item.id).slice(1), ['msg_keep', 'cstmctx_1']);
      const keep = stored[1];
      assert.equal(keep?.type === 'assistant_message' && keep.content[0]?.text, 'v2');
      const { body } = await h.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
      assert.deepEqual((body as { items: { data: { id: string }[] } }).items.data.map((item) => item.id).slice(1), [
        'msg_keep',
      ]);
    });
  });
});

describe('threads.custom_action', () => {
  const widget = (threadId: string): WidgetItem => ({
    type: 'widget',
    id: 'msg_widget',
    thread_id: threadId,
    created_at: new Date().toISOString(),
    widget: { type: 'Card', children: [] },
  });

  it('streams stream_options then the action handler events, with the sender widget', async () => {
    const seen: unknown[] = [];
    await withServer(
      hello,
      async (h) => {
        const threadId = createdThreadId(await h.stream(createThread('hi')));
        await h.store.addThreadItem(threadId, widget(threadId), undefined);
        const action = { type: 'vote', payload: { choice: 'yes' } };
        const events = await h.stream({
          type: 'threads.custom_action',
          params: { thread_id: threadId, item_id: 'msg_widget', action },
        });
        assert.deepEqual(types(events), ['stream_options', 'client_effect']);
        const none = await h.stream({
          type: 'threads.custom_action',
          params: { thread_id: threadId, item_id: null, action },
        });
        assert.deepEqual(types(none), ['stream_options', 'client_effect']);
        assert.deepEqual(seen, [
          [action, 'msg_widget'],
          [action, null],
        ]);
      },
      {
        action: async function* (_thread: unknown, action: unknown, sender: WidgetItem | null) {
          seen.push([action, sender?.id ?? null]);
          yield clientEffect('voted', {});
        },
      },
    );
  });

  it('sends a non-retryable stream.error when item_id is not a widget', () =>
    withServer(hello, async (h) => {
      const events = await h.stream(createThread('hi'));
      const threadId = createdThreadId(events);
      const userId = events[1]?.type === 'thread.item.done' ? events[1].item.id : '';
      const result = await h.stream({
        type: 'threads.custom_action',
        params: { thread_id: threadId, item_id: userId, action: { type: 'x' } },
      });
      assert.deepEqual(result, [{ type: 'error', code: 'stream.error', allow_retry: false }]);
    }));

  it('sends stream.error and reports when no action handler is configured', () =>
    withServer(hello, async (h) => {
      const threadId = createdThreadId(await h.stream(createThread('hi')));
      const events = await h.stream({
        type: 'threads.custom_action',
        params: { thread_id: threadId, item_id: null, action: { type: 'x' } },
      });
      assert.deepEqual(events, [
        { type: 'stream_options', stream_options: { allow_cancel: true } },
        { type: 'error', code: 'stream.error', allow_retry: true },
      ]);
      assert.equal(h.errors.length, 1);
    }));
});

describe('threads.add_structured_input', () => {
  it('streams stream_options, the answered item as thread.item.replaced, then respond(null)', async () => {
    const items: (string | null)[] = [];
    const respond: RespondFn = async function* (thread, item, ctx) {
      items.push(item?.type ?? null);
      if (item) return;
      yield* streamAssistantText(ctx, thread, ['thanks']);
    };
    await withServer(respond, async (h) => {
      const threadId = createdThreadId(await h.stream(createThread('ask me')));
      const question: StructuredInputItem = {
        type: 'structured_input',
        id: 'msg_q',
        thread_id: threadId,
        created_at: new Date().toISOString(),
        status: 'pending',
        inputs: [
          {
            type: 'multiple_choice',
            id: 'color',
            question: 'Color?',
            options: [{ value: 'red' }, { value: 'blue' }],
            multiple: false,
          },
          { type: 'freeform', id: 'why', question: 'Why?' },
        ],
      };
      await h.store.addThreadItem(threadId, question, undefined);
      const events = await h.stream({
        type: 'threads.add_structured_input',
        params: {
          thread_id: threadId,
          item_id: 'msg_q',
          input: { answers: { color: { values: ['blue'], skipped: false } } },
        },
      });
      assert.deepEqual(types(events), ['stream_options', 'thread.item.replaced', ...message(1)]);
      const expected = {
        ...question,
        status: 'answered',
        inputs: [
          { ...question.inputs[0], answer: { values: ['blue'], skipped: false } },
          { ...question.inputs[1], answer: { values: [], skipped: true } },
        ],
      };
      assert.deepEqual(events[1], { type: 'thread.item.replaced', item: expected });
      assert.deepEqual(await h.store.loadItem(threadId, 'msg_q', undefined), expected);
      assert.deepEqual(items, ['user_message', null]);
      const again = await h.stream({
        type: 'threads.add_structured_input',
        params: { thread_id: threadId, item_id: 'msg_q', input: { answers: {} } },
      });
      assert.deepEqual(again, []);
    });
  });
});

describe('cancellation', () => {
  /** Streams "Partial answer" in two deltas, then waits forever, ignoring the abort signal. */
  const stuck = (signals: AbortSignal[]): RespondFn =>
    async function* (thread, _item, ctx) {
      signals.push(ctx.signal);
      const id = ctx.newItemId('message');
      const base = { type: 'assistant_message', id, thread_id: thread.id, created_at: ctx.now() } as const;
      yield { type: 'thread.item.added', item: { ...base, content: [] } };
      yield { type: 'thread.item.added', item: { ...base, id: 'msg_empty', content: [] } };
      yield {
        type: 'thread.item.updated',
        item_id: id,
        update: {
          type: 'assistant_message.content_part.added',
          content_index: 0,
          content: { type: 'output_text', text: '', annotations: [] },
        },
      };
      yield {
        type: 'thread.item.updated',
        item_id: id,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'Partial ' },
      };
      yield {
        type: 'thread.item.updated',
        item_id: id,
        update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'answer' },
      };
      await new Promise(() => undefined);
    };

  it('on disconnect saves the non-empty partial message and a hidden note, and aborts ctx.signal', async () => {
    const signals: AbortSignal[] = [];
    const store = new WatchedStore();
    await withServer(
      stuck(signals),
      async (h) => {
        const abort = new AbortController();
        const response = await h.post(createThread('tell me a story'), { signal: abort.signal });
        const seen: ThreadStreamEvent[] = [];
        const note = store.added((item) => item.type === 'sdk_hidden_context');
        for await (const event of sseEvents(response)) {
          seen.push(event);
          if (deltas(seen).length === 2) break;
        }
        abort.abort();
        const hidden = await note;
        const threadId = createdThreadId(seen);
        assert.equal(hidden.thread_id, threadId);
        assert.match(hidden.id, /^shcx_[0-9a-f]{8}$/);

        const stored = await store.all(threadId);
        assert.deepEqual(
          stored.map((item) => item.type),
          ['user_message', 'assistant_message', 'sdk_hidden_context'],
        );
        const partial = stored[1];
        assert.equal(partial?.type === 'assistant_message' && partial.content[0]?.text, 'Partial answer');
        assert.equal(signals[0]?.aborted, true);

        const { body } = await h.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
        assert.deepEqual(
          (body as { items: { data: { type: string }[] } }).items.data.map((item) => item.type),
          ['user_message', 'assistant_message'],
        );
        const list = await h.json({ type: 'items.list', params: { thread_id: threadId } });
        assert.deepEqual(
          (list.body as { data: { type: string }[] }).data.map((item) => item.type),
          ['assistant_message', 'user_message'],
        );
      },
      { store },
    );
  });

  it('calls return() on the respond iterator when the client goes away', async () => {
    let closed: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (closed = resolve));
    const store = new WatchedStore();
    const cooperative: RespondFn = async function* (thread, _item, ctx) {
      try {
        yield* streamAssistantText(
          ctx,
          thread,
          (async function* () {
            yield 'Some ';
            await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
            yield 'more';
          })(),
        );
      } finally {
        closed();
      }
    };
    await withServer(
      cooperative,
      async (h) => {
        const abort = new AbortController();
        const response = await h.post(createThread('hi'), { signal: abort.signal });
        const note = store.added((item) => item.type === 'sdk_hidden_context');
        const seen: ThreadStreamEvent[] = [];
        for await (const event of sseEvents(response)) {
          seen.push(event);
          if (deltas(seen).length === 1) break;
        }
        abort.abort();
        await Promise.all([note, finished]);
        const stored = await store.all(createdThreadId(seen));
        const partial = stored.find((item) => item.type === 'assistant_message');
        assert.equal(partial?.type === 'assistant_message' && partial.content[0]?.text, 'Some ');
      },
      { store },
    );
  });
});

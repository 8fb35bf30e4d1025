/**
 * The agent bridge's pure parts: SDK stream events → ChatKit events (with synthetic runs),
 * thread items → model input, title clean-up and provider error mapping.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ThreadItem, ThreadMetadata, ThreadStreamEvent } from '../../src/protocol/types.js';
import { CustomStreamError, MemoryStore, StreamError, type RespondContext } from '../../src/server/index.js';
import {
  AgentChatContext,
  chatContextOf,
  cleanTitle,
  IDLE_TIMEOUT_MESSAGE,
  PROVIDER_ERROR_MESSAGES,
  providerStreamError,
  streamAgentRun,
  threadItemsToAgentInput,
  type AgentRun,
  type AgentRunEvent,
  type StreamAgentRunOptions,
} from '../../src/server/agents/index.js';

const thread: ThreadMetadata = {
  id: 'thr_1',
  created_at: '2026-01-01T00:00:00.000Z',
  status: { type: 'active' },
  metadata: {},
};

function chat(): AgentChatContext {
  let counter = 0;
  const request: RespondContext = {
    context: undefined,
    store: new MemoryStore(),
    signal: new AbortController().signal,
    newItemId: (kind) => `${kind}_${++counter}`,
    now: () => '2026-01-01T00:00:01.000Z',
  };
  return new AgentChatContext(thread, request);
}

const raw = (data: object): AgentRunEvent => ({ type: 'raw_model_stream_event', data });
const delta = (text: string, itemId = 'msg_a', contentIndex = 0): AgentRunEvent =>
  raw({ type: 'output_text_delta', delta: text, itemId, providerData: { content_index: contentIndex } });
const runItem = (name: string, rawItem: object): AgentRunEvent => ({
  type: 'run_item_stream_event',
  name,
  item: { rawItem },
});
const message = (id: string, ...content: object[]) =>
  runItem('message_output_created', { type: 'message', id, role: 'assistant', status: 'completed', content });
const call = (name: string, args: object, callId = 'call_1') =>
  runItem('tool_called', { type: 'function_call', name, callId, arguments: JSON.stringify(args), status: 'completed' });

/** A run that yields `steps` (functions run in between, like tools executing). */
function run(...steps: (AgentRunEvent | (() => void))[]): AgentRun {
  return {
    async *[Symbol.asyncIterator]() {
      for (const step of steps) {
        await Promise.resolve();
        if (typeof step === 'function') step();
        else yield step;
      }
    },
  };
}

async function collect(
  context: AgentChatContext,
  agentRun: AgentRun,
  options: StreamAgentRunOptions = {},
): Promise<ThreadStreamEvent[]> {
  const events: ThreadStreamEvent[] = [];
  for await (const event of streamAgentRun(context, agentRun, options)) events.push(event);
  return events;
}

const updateTypes = (events: ThreadStreamEvent[]) =>
  events.map((event) =>
    event.type === 'thread.item.updated'
      ? event.update.type.replace('assistant_message.content_part.', '')
      : event.type,
  );

describe('streamAgentRun', () => {
  it('maps streamed deltas and the final message to one assistant message', async () => {
    const events = await collect(
      chat(),
      run(
        raw({ type: 'response_started' }),
        delta('Hel'),
        delta('lo'),
        message('msg_a', { type: 'output_text', text: 'Hello' }),
      ),
    );
    assert.deepEqual(updateTypes(events), [
      'thread.item.added',
      'added',
      'text_delta',
      'text_delta',
      'done',
      'thread.item.done',
    ]);
    const done = events.at(-1);
    assert.deepEqual(done, {
      type: 'thread.item.done',
      item: {
        type: 'assistant_message',
        id: 'message_1',
        thread_id: 'thr_1',
        created_at: '2026-01-01T00:00:01.000Z',
        content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
      },
    });
  });

  it('shows a message the provider did not stream in one go, and skips empty ones', async () => {
    const events = await collect(
      chat(),
      run(
        message('msg_b', { type: 'output_text', text: '' }),
        message('msg_c', { type: 'output_text', text: 'All at once' }),
      ),
    );
    assert.deepEqual(updateTypes(events), ['thread.item.added', 'added', 'text_delta', 'done', 'thread.item.done']);
    assert.equal(
      events[2]?.type === 'thread.item.updated' &&
        events[2].update.type === 'assistant_message.content_part.text_delta' &&
        events[2].update.delta,
      'All at once',
    );
  });

  it('keeps content parts apart, pads skipped parts, and maps URL citations and refusals', async () => {
    const events = await collect(
      chat(),
      run(
        delta('One', 'msg_a', 0),
        delta('Three', 'msg_a', 2),
        message(
          'msg_a',
          {
            type: 'output_text',
            text: 'One',
            providerData: {
              annotations: [
                { type: 'url_citation', url: 'https://example.com/a', title: 'A', start_index: 0, end_index: 3 },
              ],
            },
          },
          { type: 'refusal', refusal: 'No.' },
          { type: 'output_text', text: 'Three' },
        ),
      ),
    );
    assert.deepEqual(updateTypes(events), [
      'thread.item.added',
      'added',
      'text_delta',
      'added',
      'added',
      'text_delta',
      'done',
      'done',
      'done',
      'thread.item.done',
    ]);
    const done = events.at(-1);
    assert.deepEqual(done?.type === 'thread.item.done' && done.item.type === 'assistant_message' && done.item.content, [
      {
        type: 'output_text',
        text: 'One',
        annotations: [
          { type: 'annotation', source: { type: 'url', title: 'A', url: 'https://example.com/a' }, index: 3 },
        ],
      },
      { type: 'output_text', text: 'No.', annotations: [] },
      { type: 'output_text', text: 'Three', annotations: [] },
    ]);
  });

  it('streams what tools emit through the context in order with the run, including events sent before it started', async () => {
    const context = chat();
    context.progress('Warming up');
    const events = await collect(
      context,
      run(
        call('lookup', { q: 'x' }),
        () => context.progress('Looking up x', 'search'),
        () => context.effect('highlight', { id: 'x' }),
        runItem('tool_output', { type: 'function_call_result', name: 'lookup', callId: 'call_1', output: 'ok' }),
        delta('Done'),
        message('msg_a', { type: 'output_text', text: 'Done' }),
      ),
    );
    assert.deepEqual(events.slice(0, 4), [
      { type: 'progress_update', text: 'Warming up' },
      { type: 'progress_update', text: 'Using lookup…' },
      { type: 'progress_update', icon: 'search', text: 'Looking up x' },
      { type: 'client_effect', name: 'highlight', data: { id: 'x' } },
    ]);
    assert.equal(events[4]?.type, 'thread.item.added');
  });

  it('ends with one pending client tool call carrying the model’s call id', async () => {
    const events = await collect(
      chat(),
      run(
        call('get_selected_items', { scope: 'all' }, 'call_model_1'),
        call('get_selected_items', {}, 'call_model_2'),
        runItem('tool_output', { type: 'function_call_result' }),
      ),
      {
        clientTools: ['get_selected_items'],
        toolProgress: (toolCall) =>
          toolCall.name === 'get_selected_items' ? { text: 'Reading selection...', icon: 'cursor' } : null,
      },
    );
    assert.deepEqual(events, [
      { type: 'progress_update', icon: 'cursor', text: 'Reading selection...' },
      { type: 'progress_update', icon: 'cursor', text: 'Reading selection...' },
      {
        type: 'thread.item.done',
        item: {
          type: 'client_tool_call',
          id: 'tool_call_1',
          thread_id: 'thr_1',
          created_at: '2026-01-01T00:00:01.000Z',
          status: 'pending',
          call_id: 'call_model_1',
          name: 'get_selected_items',
          arguments: { scope: 'all' },
        },
      },
    ]);
  });

  it('shows hosted tool calls as progress and ignores events it does not know', async () => {
    const events = await collect(
      chat(),
      run(
        { type: 'agent_updated_stream_event' },
        runItem('tool_called', { type: 'hosted_tool_call', name: 'web_search_call' }),
        runItem('reasoning_item_created', { type: 'reasoning' }),
        raw({ type: 'model', event: {} }),
      ),
    );
    assert.deepEqual(events, [{ type: 'progress_update', text: 'Using web_search_call…' }]);
  });

  it('rethrows the run’s error, from the iteration or from `error` once completed', async () => {
    const failing: AgentRun = {
      async *[Symbol.asyncIterator]() {
        yield delta('Par');
        throw new Error('socket closed');
      },
    };
    await assert.rejects(collect(chat(), failing), /socket closed/);
    const flagged: AgentRun = { ...run(delta('x')), completed: Promise.resolve(), error: new Error('max turns') };
    await assert.rejects(collect(chat(), flagged), /max turns/);
  });

  it('fails with a retryable custom error when nothing happens for idleTimeoutMs, aborting the run', async () => {
    const abort = new AbortController();
    const silent: AgentRun = {
      async *[Symbol.asyncIterator]() {
        await new Promise((resolve) => abort.signal.addEventListener('abort', resolve));
      },
    };
    await assert.rejects(collect(chat(), silent, { idleTimeoutMs: 50, abort }), (error: unknown) => {
      assert.ok(error instanceof CustomStreamError);
      assert.equal(error.message, IDLE_TIMEOUT_MESSAGE);
      assert.equal(error.allowRetry, true);
      return true;
    });
    assert.equal(abort.signal.aborted, true);
  });
});

describe('chatContextOf', () => {
  it('returns the bridge context of a run and refuses anything else', () => {
    const context = chat();
    assert.equal(chatContextOf({ context }), context);
    assert.throws(() => chatContextOf({ context: {} }), TypeError);
    assert.throws(() => chatContextOf(undefined), TypeError);
  });
});

describe('threadItemsToAgentInput', () => {
  const base = { thread_id: 'thr_1', created_at: '2026-01-01T00:00:00.000Z' };
  const items: ThreadItem[] = [
    {
      ...base,
      id: 'msg_1',
      type: 'user_message',
      content: [
        { type: 'input_text', text: 'Look at' },
        { type: 'input_tag', id: 't1', text: '@Paris', data: {} },
      ],
      attachments: [{ type: 'file', id: 'atc_1', name: 'notes.pdf', mime_type: 'application/pdf' }],
      quoted_text: 'an earlier line',
      inference_options: {},
    },
    {
      ...base,
      id: 'msg_2',
      type: 'assistant_message',
      content: [
        { type: 'output_text', text: 'Sure.', annotations: [] },
        { type: 'output_text', text: '', annotations: [] },
      ],
    },
    {
      ...base,
      id: 'tc_1',
      type: 'client_tool_call',
      status: 'completed',
      call_id: 'call_9',
      name: 'get_selected_items',
      arguments: { all: true },
      output: { itemIds: ['a'] },
    },
    {
      ...base,
      id: 'tc_2',
      type: 'client_tool_call',
      status: 'pending',
      call_id: 'call_10',
      name: 'get_selected_items',
      arguments: {},
    },
    { ...base, id: 'shcx_1', type: 'sdk_hidden_context', content: 'The user stopped the previous response.' },
    { ...base, id: 'wd_1', type: 'widget', widget: { type: 'Card' }, copy_text: 'Weather: sunny' },
    { ...base, id: 'wf_1', type: 'workflow', workflow: { type: 'custom', tasks: [], expanded: false } },
  ];

  it('converts messages, completed client tool calls, hidden context and widget copy text', () => {
    assert.deepEqual(threadItemsToAgentInput(items), [
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'Quoting: an earlier line' },
          { type: 'input_text', text: 'Look at' },
          { type: 'input_text', text: '@Paris' },
          { type: 'input_text', text: 'Attached files (not shown to you): notes.pdf' },
        ],
      },
      { type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Sure.' }] },
      {
        type: 'function_call',
        callId: 'call_9',
        name: 'get_selected_items',
        arguments: '{"all":true}',
        status: 'completed',
      },
      {
        type: 'function_call_result',
        callId: 'call_9',
        name: 'get_selected_items',
        status: 'completed',
        output: '{"itemIds":["a"]}',
      },
      { type: 'message', role: 'system', content: 'The user stopped the previous response.' },
      {
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Weather: sunny' }],
      },
    ]);
  });

  it('lets a hook convert or drop items, falling back to the default', () => {
    const input = threadItemsToAgentInput(items.slice(0, 2), {
      convert: (item) => (item.type === 'assistant_message' ? [] : undefined),
    });
    assert.deepEqual(
      input.map((entry) => entry.type === 'message' && entry.role),
      ['user'],
    );
  });
});

describe('cleanTitle', () => {
  const cases: [string, string | undefined][] = [
    ['Trip to Paris', 'Trip to Paris'],
    ['"Planning a Trip to Paris."', 'Planning a Trip to Paris'],
    ['Title: Weekend plans\nSomething else', 'Weekend plans'],
    ['**Title:** “Budget review”', 'Budget review'],
    ['  ', undefined],
    ['x'.repeat(100), `${'x'.repeat(79)}…`],
  ];
  for (const [raw, expected] of cases) {
    it(`cleans ${JSON.stringify(raw.slice(0, 30))}`, () => assert.equal(cleanTitle(raw), expected));
  }
});

describe('providerStreamError', () => {
  class AuthenticationError extends Error {
    readonly status = 401;
  }
  class APIConnectionError extends Error {}

  it('maps by status, by error class and through causes; passes stream errors; leaves the rest', () => {
    assert.equal(providerStreamError(new AuthenticationError('bad key'))?.message, PROVIDER_ERROR_MESSAGES.auth);
    assert.equal(
      providerStreamError(new Error('wrapped', { cause: new APIConnectionError('refused') }))?.message,
      PROVIDER_ERROR_MESSAGES.network,
    );
    const custom = new CustomStreamError('Already mapped');
    assert.equal(providerStreamError(custom), custom);
    const stream = new StreamError();
    assert.equal(providerStreamError(stream), stream);
    assert.equal(providerStreamError(new TypeError('a bug')), undefined);
    assert.equal(providerStreamError('a string'), undefined);
  });
});

/**
 * The agent bridge end to end: the real ChatKitServer and node:http handler, the real Agents SDK
 * and OpenAI client, and a scripted OpenAI-compatible endpoint on loopback (test/support/fake-openai.ts).
 */
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenAIProvider } from '@openai/agents';
import OpenAI from 'openai';
import type { ClientToolCallItem, JsonObject, ThreadStreamEvent } from '../../src/protocol/types.js';
import {
  createModelDemoAgent,
  IDLE_TIMEOUT_MESSAGE,
  PROVIDER_ERROR_MESSAGES,
  type ModelDemoAgentOptions,
} from '../../src/server/agents/index.js';
import { fakeCall, reply, startFakeOpenAI, type FakeOpenAI, type FakeRequest } from '../support/fake-openai.js';
import {
  addMessage,
  assistantTexts,
  createdThreadId,
  createThread,
  deltas,
  startServer,
  types,
  type Harness,
} from './harness.js';

const MAIN = 'main-model';
const TITLE = 'title-model';

/** Origins of every HTTP request made through fetch during this file: all must be loopback. */
const origins = new Set<string>();
const onRequest = (message: unknown) => {
  const request = (message as { request?: { origin?: unknown } }).request;
  if (typeof request?.origin === 'string') origins.add(request.origin);
};
before(() => subscribe('undici:request:create', onRequest));
after(() => {
  unsubscribe('undici:request:create', onRequest);
  for (const origin of origins)
    assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/, `a request left loopback: ${origin}`);
});

interface Setup {
  fake: FakeOpenAI;
  h: Harness;
}

let open: Setup | undefined;
afterEach(async () => {
  await open?.h.close();
  await open?.fake.close();
  open = undefined;
});

/** Starts the fake model and a ChatKit server running the demo agent on it. */
async function setup(options: ModelDemoAgentOptions = {}): Promise<Setup> {
  const fake = await startFakeOpenAI();
  const settings = {
    model: MAIN,
    title: { model: TITLE },
    ...options,
    openai: { apiKey: 'sk-test-key', baseURL: fake.baseURL, ...options.openai },
  };
  const respond = createModelDemoAgent(settings);
  open = { fake, h: await startServer(respond) };
  return open;
}

const withoutThreadUpdates = (events: ThreadStreamEvent[]) => events.filter((event) => event.type !== 'thread.updated');
const progressTexts = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'progress_update' ? [event.text] : []));
const effects = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'client_effect' ? [{ name: event.name, data: event.data }] : []));

/** The `input` array the fake model received in a request. */
function inputOf(request: FakeRequest | undefined): JsonObject[] {
  const input = request?.body.input;
  assert.ok(Array.isArray(input), 'the request has an input array');
  return input as JsonObject[];
}

/** A user message as the Responses API request carries it. */
const userInput = (text: string) => ({ role: 'user', content: [{ type: 'input_text', text }] });

function pendingCall(events: ThreadStreamEvent[]): ClientToolCallItem {
  const last = events.at(-1);
  assert.equal(last?.type, 'thread.item.done');
  assert.equal(last.item.type, 'client_tool_call');
  return last.item;
}

describe('agent bridge: streamed text', () => {
  it('streams model text as one assistant message and titles the thread with the small model', async () => {
    const { fake, h } = await setup();
    // The answer starts once the title is in, so the title goes out in this stream.
    const answer = reply.held(reply.text('Hel', 'lo', ' there'));
    fake.script(MAIN, answer.reply);
    fake.script(TITLE, reply.text('"Greeting The Assistant."'));
    void fake.received(TITLE).then(async (request) => {
      await request.closed;
      answer.release();
    });

    const events = await h.stream(createThread('hi there'));
    assert.deepEqual(types(withoutThreadUpdates(events)), [
      'thread.created',
      'thread.item.done',
      'stream_options',
      'thread.item.added',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.updated',
      'thread.item.done',
    ]);
    assert.deepEqual(deltas(events), ['Hel', 'lo', ' there']);
    assert.deepEqual(assistantTexts(events), ['Hello there']);
    const added = events.find((event) => event.type === 'thread.item.added');
    assert.equal(added?.type === 'thread.item.added' && added.item.type, 'assistant_message');
    assert.match(added?.type === 'thread.item.added' ? added.item.id : '', /^msg_[0-9a-f]{8}$/);

    const updates = events.filter((event) => event.type === 'thread.updated');
    assert.equal(updates.length, 1);
    assert.equal(updates[0]?.type === 'thread.updated' && updates[0].thread.title, 'Greeting The Assistant');
    assert.ok(
      events.indexOf(updates[0] as ThreadStreamEvent) > events.findIndex((event) => event.type === 'stream_options'),
    );

    const [request] = fake.requestsFor(MAIN);
    assert.equal(request?.path, '/v1/responses');
    assert.equal(request.authorization, 'Bearer sk-test-key');
    assert.equal(request.body.stream, true);
    assert.deepEqual(inputOf(request), [userInput('hi there')]);
    assert.match(String(request.body.instructions), /stream-chat/);
    const tools = (request.body.tools as JsonObject[]).map((tool) => tool.name);
    assert.deepEqual(tools, [
      'search_articles',
      'update_status',
      'show_notification',
      'add_marker',
      'get_selected_items',
    ]);
    assert.deepEqual(inputOf(fake.requestsFor(TITLE)[0]), [{ role: 'user', content: 'hi there' }]);

    const { body } = await h.json({ type: 'threads.get_by_id', params: { thread_id: createdThreadId(events) } });
    assert.equal((body as { title?: string }).title, 'Greeting The Assistant');
    assert.deepEqual(h.errors, []);
  });

  it('sends the thread history and asks for a title only once', async () => {
    const { fake, h } = await setup();
    fake.script(MAIN, reply.text('First answer.'), reply.text('Second answer.'));
    fake.script(TITLE, reply.text('A short chat'));
    const threadId = createdThreadId(await h.stream(createThread('first question')));
    const second = await h.stream(addMessage(threadId, 'second question'));

    assert.deepEqual(assistantTexts(second), ['Second answer.']);
    assert.equal(second.filter((event) => event.type === 'thread.updated').length, 0);
    assert.equal(fake.requestsFor(TITLE).length, 1);
    assert.deepEqual(inputOf(fake.requestsFor(MAIN)[1]), [
      userInput('first question'),
      {
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'First answer.', annotations: [] }],
      },
      userInput('second question'),
    ]);
  });

  it('keeps the response going when the title model fails', async () => {
    const { fake, h } = await setup();
    fake.script(MAIN, reply.text('Still here.'));
    fake.script(TITLE, reply.httpError(500, 'server_error', 'title model down', 'server_error'));
    const events = await h.stream(createThread('hello'));
    assert.deepEqual(assistantTexts(events), ['Still here.']);
    assert.equal(
      events.some((event) => event.type === 'thread.updated' || event.type === 'error'),
      false,
    );
  });
});

describe('agent bridge: server tools', () => {
  it('shows a tool call as progress, streams the tool’s own progress in order, and gives the result to the model', async () => {
    const { fake, h } = await setup({ title: false });
    fake.script(
      MAIN,
      reply.call('search_articles', { query: 'progress updates' }),
      reply.text('Here is what I found.'),
    );
    const events = await h.stream(createThread('search for progress'));

    assert.deepEqual(progressTexts(events), [
      'Searching articles...',
      'Found 2 articles...',
      'Processing article 1/2...',
      'Processing article 2/2...',
    ]);
    const first = events.find((event) => event.type === 'progress_update');
    assert.deepEqual(first, { type: 'progress_update', icon: 'search', text: 'Searching articles...' });
    const lastProgress = events.findLastIndex((event) => event.type === 'progress_update');
    assert.ok(
      lastProgress < events.findIndex((event) => event.type === 'thread.item.added'),
      'progress comes before the answer',
    );
    assert.deepEqual(assistantTexts(events), ['Here is what I found.']);

    const followUp = inputOf(fake.requestsFor(MAIN)[1]);
    const call = followUp.find((item) => item.type === 'function_call');
    const output = followUp.find((item) => item.type === 'function_call_output');
    assert.equal(call?.name, 'search_articles');
    assert.equal(output?.call_id, call?.call_id);
    const articles = JSON.parse(String(output?.output)) as { title: string }[];
    assert.equal(articles[0]?.title, 'Progress updates');
  });

  it('fires client effects from tools, in order with text before and after', async () => {
    const { fake, h } = await setup({ title: false });
    fake.script(
      MAIN,
      reply.response(
        { type: 'text', chunks: ['Updating', ' now.'] },
        fakeCall('update_status', { energy: 80, happiness: 120, flash: 'Status updated!' }),
        fakeCall('show_notification', { message: 'Task completed!' }),
      ),
      reply.call('add_marker', { label: 'Paris', lat: 48.8566, lng: 2.3522 }),
      reply.text('Done.'),
    );
    const events = await h.stream(createThread('update my status'));

    assert.deepEqual(effects(events), [
      { name: 'update_status', data: { state: { energy: 80, happiness: 100 }, flash: 'Status updated!' } },
      { name: 'show_notification', data: { message: 'Task completed!' } },
      { name: 'add_marker', data: { id: 'marker_paris_48.86_2.35', lat: 48.86, lng: 2.35, label: 'Paris' } },
    ]);
    assert.deepEqual(assistantTexts(events), ['Updating now.', 'Done.']);
    const order = events.flatMap((event) =>
      event.type === 'client_effect'
        ? [event.name]
        : event.type === 'thread.item.done' && event.item.type === 'assistant_message'
          ? ['text']
          : [],
    );
    assert.deepEqual(order, ['text', 'update_status', 'show_notification', 'add_marker', 'text']);
    assert.deepEqual(progressTexts(events), ['Updating your status...', 'Adding a marker...']);
  });
});

describe('agent bridge: client tools', () => {
  it('ends the turn with a pending call, then replays the call and the page’s output to the model', async () => {
    const { fake, h } = await setup({ title: false });
    fake.script(MAIN, reply.call('get_selected_items', {}, ['Let me look.']));
    const first = await h.stream(createThread('what is selected?'));

    assert.deepEqual(assistantTexts(first), ['Let me look.']);
    assert.deepEqual(progressTexts(first), ['Reading selection...']);
    const call = pendingCall(first);
    assert.deepEqual([call.status, call.name, call.arguments], ['pending', 'get_selected_items', {}]);
    assert.match(call.id, /^tc_[0-9a-f]{8}$/);
    const modelCallId = call.call_id;
    assert.match(modelCallId, /^call_fake\d+$/);

    fake.script(MAIN, reply.text('You selected ', 'a and b.'));
    const threadId = createdThreadId(first);
    const second = await h.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: threadId, result: { itemIds: ['a', 'b'] } },
    });

    assert.deepEqual(types(second).slice(0, 2), ['stream_options', 'thread.item.added']);
    assert.deepEqual(assistantTexts(second), ['You selected a and b.']);
    const input = inputOf(fake.requestsFor(MAIN)[1]);
    assert.deepEqual(input.slice(-2), [
      { type: 'function_call', call_id: modelCallId, name: 'get_selected_items', arguments: '{}', status: 'completed' },
      { type: 'function_call_output', call_id: modelCallId, output: '{"itemIds":["a","b"]}', status: 'completed' },
    ]);
    assert.deepEqual(input[0], userInput('what is selected?'));

    const stored = await h.store.all(threadId);
    const completed = stored.find((item) => item.type === 'client_tool_call');
    assert.deepEqual(completed?.type === 'client_tool_call' && [completed.status, completed.output], [
      'completed',
      { itemIds: ['a', 'b'] },
    ]);
  });

  it('canvas page: reads the selection with the client tool, then adds a marker per item', async () => {
    const { fake, h } = await setup({ title: false });
    fake.script(MAIN, reply.call('get_selected_items'));
    const first = await h.stream(createThread('Mark my selection on the canvas'));
    const call = pendingCall(first);

    fake.script(
      MAIN,
      reply.response(
        fakeCall('add_marker', { label: 'circle-a', lat: 40, lng: -100 }),
        fakeCall('add_marker', { label: 'circle-c', lat: 60, lng: 70 }),
      ),
      reply.text('I marked circle-a and circle-c.'),
    );
    const second = await h.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: createdThreadId(first), result: { itemIds: ['circle-a', 'circle-c'] } },
    });

    assert.deepEqual(effects(second), [
      { name: 'add_marker', data: { id: 'marker_circle-a_40_-100', lat: 40, lng: -100, label: 'circle-a' } },
      { name: 'add_marker', data: { id: 'marker_circle-c_60_70', lat: 60, lng: 70, label: 'circle-c' } },
    ]);
    assert.deepEqual(assistantTexts(second), ['I marked circle-a and circle-c.']);
    const output = inputOf(fake.requestsFor(MAIN)[1]).find((item) => item.type === 'function_call_output');
    assert.deepEqual(output, {
      type: 'function_call_output',
      call_id: call.call_id,
      output: '{"itemIds":["circle-a","circle-c"]}',
      status: 'completed',
    });
    assert.equal(second.at(-1)?.type, 'thread.item.done');
  });
});

describe('agent bridge: provider errors', () => {
  const cases = [
    {
      name: '401 (bad key)',
      script: reply.httpError(401, 'invalid_api_key', 'Incorrect API key provided'),
      message: PROVIDER_ERROR_MESSAGES.auth,
      retry: false,
    },
    {
      name: '403',
      script: reply.httpError(403, 'forbidden', 'Not allowed'),
      message: PROVIDER_ERROR_MESSAGES.forbidden,
      retry: false,
    },
    {
      name: '404 (unknown model)',
      script: reply.httpError(404, 'model_not_found', 'The model does not exist'),
      message: PROVIDER_ERROR_MESSAGES.model,
      retry: false,
    },
    {
      name: '429 (rate limit)',
      script: reply.httpError(429, 'rate_limit_exceeded', 'Slow down', 'requests'),
      message: PROVIDER_ERROR_MESSAGES.rateLimit,
      retry: true,
    },
    {
      name: '429 (quota)',
      script: reply.httpError(429, 'insufficient_quota', 'You exceeded your quota', 'insufficient_quota'),
      message: PROVIDER_ERROR_MESSAGES.quota,
      retry: false,
    },
    {
      name: '500',
      script: reply.httpError(500, 'server_error', 'Oops', 'server_error'),
      message: PROVIDER_ERROR_MESSAGES.server,
      retry: true,
    },
    {
      name: 'an error event mid-stream',
      script: reply.streamError('server_error', 'The server had an error', 'Par', 'tial'),
      message: PROVIDER_ERROR_MESSAGES.interrupted,
      retry: true,
    },
  ];
  for (const { name, script, message, retry } of cases) {
    it(`ends the response with a custom error event on ${name}`, async () => {
      const { fake, h } = await setup({ title: false });
      fake.script(MAIN, script);
      const events = await h.stream(createThread('hello'));
      assert.deepEqual(events.at(-1), { type: 'error', code: 'custom', message, allow_retry: retry });
      assert.equal(events.filter((event) => event.type === 'error').length, 1);
      assert.deepEqual(assistantTexts(events), []);
      assert.deepEqual(h.errors, [], 'provider errors are expected, not reported as server faults');
    });
  }

  it('reports an unreachable provider as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: `http://127.0.0.1:${port}/v1`, maxRetries: 0 });
    const { h } = await setup({ title: false, modelProvider: new OpenAIProvider({ openAIClient: client }) });
    const events = await h.stream(createThread('hello'));
    assert.deepEqual(events.at(-1), {
      type: 'error',
      code: 'custom',
      message: PROVIDER_ERROR_MESSAGES.network,
      allow_retry: true,
    });
  });

  it('never hangs: a silent provider ends the turn after the idle timeout', async () => {
    const { fake, h } = await setup({ title: false, idleTimeoutMs: 300 });
    fake.script(MAIN, reply.hang());
    const events = await h.stream(createThread('hello'));
    assert.deepEqual(events.at(-1), {
      type: 'error',
      code: 'custom',
      message: IDLE_TIMEOUT_MESSAGE,
      allow_retry: true,
    });
  });
});

describe('agent bridge: cancellation', () => {
  it('stops the model request when the client goes away, and notes the cancellation for the next turn', async () => {
    const { fake, h } = await setup({ title: false });
    fake.script(MAIN, reply.hang());
    const asked = fake.received(MAIN);
    const controller = new AbortController();
    const response = await h.post(createThread('tell me a long story'), { signal: controller.signal });
    const request = await asked;
    const note = h.store.added((item) => item.type === 'sdk_hidden_context');
    controller.abort();
    await response.body?.cancel().catch(() => undefined);
    await request.closed;
    await note;
  });
});

describe('agent bridge: Chat Completions API', () => {
  it('streams text and completes a client tool round trip over /v1/chat/completions', async () => {
    const { fake, h: server } = await setup({ title: false, openai: { api: 'chat_completions' } });
    fake.script(MAIN, reply.call('get_selected_items', {}, ['Checking.']));
    const first = await server.stream(createThread('what is selected?'));
    assert.deepEqual(assistantTexts(first), ['Checking.']);
    const call = pendingCall(first);

    fake.script(MAIN, reply.text('Two items.'));
    const second = await server.stream({
      type: 'threads.add_client_tool_output',
      params: { thread_id: createdThreadId(first), result: { itemIds: ['x', 'y'] } },
    });
    assert.deepEqual(assistantTexts(second), ['Two items.']);
    const [, followUp] = fake.requestsFor(MAIN);
    assert.equal(followUp?.path, '/v1/chat/completions');
    const messages = followUp.body.messages as JsonObject[];
    const tool = messages.find((message) => message.role === 'tool');
    assert.deepEqual(tool, { role: 'tool', tool_call_id: call.call_id, content: '{"itemIds":["x","y"]}' });
  });
});

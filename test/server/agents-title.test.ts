/**
 * The agent bridge's titles and dropped model connections, end to end: the real ChatKitServer and
 * handler, the real Agents SDK and OpenAI client, a scripted OpenAI-compatible model on loopback.
 */
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Thread, ThreadStreamEvent } from '../../src/protocol/types.js';
import {
  createModelDemoAgent,
  PROVIDER_ERROR_MESSAGES,
  type ModelDemoAgentOptions,
} from '../../src/server/agents/index.js';
import { reply, startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { assistantTexts, createdThreadId, createThread, startServer, type Harness } from './harness.js';

const MAIN = 'main-model';
const TITLE = 'title-model';

let open: { fake: FakeOpenAI; h: Harness } | undefined;
afterEach(async () => {
  await open?.h.close();
  await open?.fake.close();
  open = undefined;
});

async function setup(options: ModelDemoAgentOptions = {}) {
  const fake = await startFakeOpenAI();
  const respond = createModelDemoAgent({
    model: MAIN,
    title: { model: TITLE },
    ...options,
    openai: { apiKey: 'sk-test', baseURL: fake.baseURL, ...options.openai },
  });
  open = { fake, h: await startServer(respond) };
  return open;
}

const titleUpdates = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'thread.updated' ? [event.thread.title] : []));

async function storedTitle(h: Harness, threadId: string): Promise<string | undefined> {
  const { body } = await h.json({ type: 'threads.get_by_id', params: { thread_id: threadId } });
  return (body as Thread).title;
}

async function listedTitles(h: Harness): Promise<(string | undefined)[]> {
  const { body } = await h.json({ type: 'threads.list', params: {} });
  return (body as { data: Thread[] }).data.map((thread) => thread.title);
}

describe('agent bridge: titles', () => {
  it('keeps the title when the first message is answered with a client tool call', async () => {
    const { fake, h } = await setup();
    const title = reply.held(reply.text('Selected items'));
    fake.script(MAIN, reply.call('get_selected_items', {}, ['Let me look.']));
    fake.script(TITLE, title.reply);
    const events = await h.stream(createThread('what is selected?'));
    const last = events.at(-1);
    assert.equal(
      last?.type === 'thread.item.done' && last.item.type === 'client_tool_call' && last.item.status,
      'pending',
    );
    const threadId = createdThreadId(events);

    // The title model answers only after the turn paused for the page.
    const asked = storedTitle(h, threadId);
    title.release();
    assert.equal(await asked, 'Selected items');
    assert.deepEqual(await listedTitles(h), ['Selected items']);
    assert.deepEqual(h.errors, []);
  });

  it('saves a title that is ready before the pending client tool call ends the turn, and streams it', async () => {
    const { fake, h } = await setup();
    fake.script(TITLE, reply.text('Reading the selection'));
    const main = reply.held(reply.call('get_selected_items', {}, ['Let me look.']));
    fake.script(MAIN, main.reply);
    const titleAsked = fake.received(TITLE);
    const streaming = h.stream(createThread('what is selected?'));
    await titleAsked;
    const titleServed = fake.requestsFor(TITLE)[0]?.closed;
    await titleServed;
    main.release();
    const events = await streaming;
    assert.deepEqual(titleUpdates(events), ['Reading the selection']);
    assert.equal(await storedTitle(h, createdThreadId(events)), 'Reading the selection');
  });

  it('ends the response when the answer is done, however slow the title model is; the title is saved after', async () => {
    const { fake, h } = await setup();
    const title = reply.held(reply.text('A slow title'));
    fake.script(MAIN, reply.text('Quick ', 'answer.'));
    fake.script(TITLE, title.reply);
    const events = await h.stream(createThread('hello'));

    // The stream ended while the title model still had not answered.
    assert.equal(fake.pending(TITLE), 0);
    assert.deepEqual(assistantTexts(events), ['Quick answer.']);
    assert.deepEqual(titleUpdates(events), []);
    const threadId = createdThreadId(events);

    // A page asking for the thread right after the response ended gets the title once it exists.
    const asked = storedTitle(h, threadId);
    title.release();
    assert.equal(await asked, 'A slow title');
    assert.deepEqual(await listedTitles(h), ['A slow title']);
    assert.deepEqual(h.errors, []);
  });

  it('answers a thread request at once when no title is on its way', async () => {
    const { fake, h } = await setup({ title: false });
    fake.script(MAIN, reply.text('Hi.'));
    const events = await h.stream(createThread('hello'));
    assert.equal(await storedTitle(h, createdThreadId(events)), undefined);
  });
});

describe('agent bridge: dropped model connection', () => {
  for (const api of ['responses', 'chat_completions'] as const) {
    it(`tells the user the model stopped mid-response, offers Retry and logs nothing (${api})`, async () => {
      const { fake, h } = await setup({ title: false, openai: { api } });
      fake.script(MAIN, reply.drop('Half an ', 'answer'));
      const events = await h.stream(createThread('hello'));
      assert.deepEqual(events.at(-1), {
        type: 'error',
        code: 'custom',
        message: PROVIDER_ERROR_MESSAGES.interrupted,
        allow_retry: true,
      });
      assert.deepEqual(h.errors, []);
    });
  }
});

/** The built-in demo agent: every command of DEMO_COMMANDS, over real HTTP. */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';
import { createDemoAgent, DEMO_COMMANDS, demoTitle } from '../../src/server/index.js';
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

let h: Harness;
before(async () => {
  h = await startServer(createDemoAgent({ delayMs: 0 }));
});
after(() => h.close());

const effects = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'client_effect' ? [{ name: event.name, data: event.data }] : []));
const progressTexts = (events: ThreadStreamEvent[]) =>
  events.flatMap((event) => (event.type === 'progress_update' ? [event.text] : []));

describe('DEMO_COMMANDS', () => {
  it('lists every keyword with a description', () => {
    assert.deepEqual(DEMO_COMMANDS.map((command) => command.keyword).sort(), [
      'canvas',
      'crash',
      'error',
      'marker',
      'notice',
      'notify',
      'question',
      'search',
      'selected',
      'slow',
      'snippet',
      'status',
      'widget',
      'workflow',
    ]);
    for (const command of DEMO_COMMANDS) assert.ok(command.description.length > 10, command.keyword);
  });
});

describe('default answer', () => {
  it('streams markdown in small tokens that echo the message', async () => {
    const text = 'Explain `sse` please';
    const events = await h.stream(createThread(text));
    const [answer] = assistantTexts(events);
    assert.ok(answer);
    assert.match(answer, /^#+ \S/m);
    assert.match(answer, /\*\*[^*]+\*\*/);
    assert.match(answer, /^- \S/m);
    assert.match(answer, /`[^`\n]+`/);
    assert.ok(answer.includes(`\n\`\`\`text\n${text}\n\`\`\``), answer);
    const chunks = deltas(events);
    assert.ok(chunks.length > 40);
    assert.equal(chunks.join(''), answer);
    for (const chunk of chunks) assert.ok(chunk.trim().length <= 5, JSON.stringify(chunk));
  });

  it('fences the echo with more backticks than the message contains', async () => {
    const [answer] = assistantTexts(await h.stream(createThread('code: ```js\nx\n```')));
    assert.ok(answer?.includes('````text\ncode: ```js\nx\n```\n````'), answer);
  });

  it('titles an untitled thread after the first message and keeps that title', async () => {
    const events = await h.stream(createThread('How do I stream responses from my server?'));
    const updates = events.filter((event) => event.type === 'thread.updated');
    assert.equal(updates.length, 1);
    assert.equal(updates[0]?.type === 'thread.updated' && updates[0].thread.title, 'How do I stream responses');
    const again = await h.stream(addMessage(createdThreadId(events), 'something else entirely now'));
    assert.ok(!types(again).includes('thread.updated'));
  });

  it('derives deterministic 3 to 5 word titles', () => {
    assert.equal(demoTitle('hi'), 'Chat about hi');
    assert.equal(demoTitle('  ?! '), 'A new conversation');
    assert.equal(demoTitle('show me the status of my order please'), 'Show me the status of');
    for (const text of ['a b', 'one two three', 'x y z w v u t']) {
      const words = demoTitle(text).split(' ').length;
      assert.ok(words >= 3 && words <= 5, text);
    }
  });
});

describe('commands', () => {
  it('search: progress updates, then a list of results', async () => {
    const events = await h.stream(createThread('Search for streaming articles'));
    assert.deepEqual(progressTexts(events), [
      'Searching articles...',
      'Found 12 articles...',
      'Processing article 1/12...',
      'Processing article 6/12...',
      'Processing article 11/12...',
    ]);
    const first = events.find((event) => event.type === 'progress_update');
    assert.deepEqual(first, { type: 'progress_update', icon: 'search', text: 'Searching articles...' });
    const lastProgress = types(events).lastIndexOf('progress_update');
    assert.ok(lastProgress < types(events).indexOf('thread.item.added'));
    assert.match(assistantTexts(events)[0] ?? '', /^1\. .+\n2\. .+\n3\. /m);
  });

  it("status and notify: the demo page's client effects, then a short answer", async () => {
    const status = await h.stream(createThread('update my STATUS'));
    assert.deepEqual(effects(status), [
      { name: 'update_status', data: { state: { energy: 80, happiness: 90 }, flash: 'Status updated!' } },
    ]);
    assert.equal(assistantTexts(status).length, 1);
    const notify = await h.stream(createThread('notify me'));
    assert.deepEqual(effects(notify), [{ name: 'show_notification', data: { message: 'Task completed!' } }]);
  });

  it('snippet and highlight: closed code blocks in three languages', async () => {
    for (const text of ['show a snippet', 'highlight please']) {
      const [answer] = assistantTexts(await h.stream(createThread(text)));
      assert.deepEqual(answer?.match(/^```\w+$/gm), ['```ts', '```python', '```bash'], answer);
      assert.equal(answer?.match(/^```$/gm)?.length, 3, answer);
    }
  });

  it('marker and map: a deterministic add_marker effect', async () => {
    const [marker] = effects(await h.stream(createThread('Add a marker for Paris.')));
    assert.equal(marker?.name, 'add_marker');
    const data = marker.data as { id: string; lat: number; lng: number; label: string };
    assert.deepEqual(Object.keys(data).sort(), ['id', 'label', 'lat', 'lng']);
    assert.equal(data.label, 'Paris');
    assert.ok(data.lat >= -90 && data.lat <= 90 && data.lng >= -180 && data.lng <= 180);
    const [again] = effects(await h.stream(createThread('Add a marker for Paris.')));
    assert.deepEqual(again, marker);
    const [map] = effects(await h.stream(createThread('show it on the map')));
    assert.equal(map?.name, 'add_marker');
    assert.notEqual((map.data as { id: string }).id, data.id);
  });

  it('notice: an info notice with markdown', async () => {
    const events = await h.stream(createThread('show a notice'));
    const notice = events.find((event) => event.type === 'notice');
    assert.equal(notice?.type, 'notice');
    assert.equal(notice.level, 'info');
    assert.match(notice.message, /\*\*notice\*\*/);
  });

  it('error: a few tokens, then the custom retryable error', async () => {
    const events = await h.stream(createThread('trigger an error'));
    assert.ok(deltas(events).length > 2);
    assert.deepEqual(events.at(-1)?.type === 'thread.updated' ? events.at(-2) : events.at(-1), {
      type: 'error',
      code: 'custom',
      message: 'The demo agent failed on purpose.',
      allow_retry: true,
    });
  });

  it('crash: a generic stream.error, reported to onError', async () => {
    const before = h.errors.length;
    const events = await h.stream(createThread('crash now'));
    assert.ok(
      events.some(
        (event) =>
          event.type === 'error' && event.code === 'stream.error' && event.allow_retry && !('message' in event),
      ),
    );
    assert.equal(h.errors.length, before + 1);
  });
});

describe('selected: the client tool round trip', () => {
  async function roundTrip(text: string, result: unknown) {
    const first = await h.stream(createThread(text));
    assert.deepEqual(progressTexts(first), ['Reading selection...']);
    const call = first.at(-1);
    assert.equal(call?.type, 'thread.item.done');
    assert.equal(call.item.type, 'client_tool_call');
    assert.deepEqual(call.item.type === 'client_tool_call' && [call.item.status, call.item.name, call.item.arguments], [
      'pending',
      'get_selected_items',
      {},
    ]);
    const threadId = createdThreadId(first);
    const second = await h.stream({ type: 'threads.add_client_tool_output', params: { thread_id: threadId, result } });
    return assistantTexts(second);
  }

  it('answers with the selected item ids', async () => {
    assert.deepEqual(await roundTrip('What is selected?', { itemIds: ['a', 'b'] }), [
      'You have 2 items selected: a, b.',
    ]);
  });

  it('handles one, none, an error output and the "selection" alias', async () => {
    assert.deepEqual(await roundTrip('my selection', { itemIds: ['tree'] }), ['You have 1 item selected: tree.']);
    assert.deepEqual(await roundTrip('what is selected', { itemIds: [] }), ['You have no items selected.']);
    assert.deepEqual(await roundTrip('what is selected', { error: 'No canvas on this page' }), [
      'I could not read your selection: No canvas on this page',
    ]);
  });
});

describe('slow', () => {
  it('streams slowly enough to stop, and keeps what was streamed', async () => {
    const store = new WatchedStore();
    const slow = await startServer(createDemoAgent({ delayMs: 0 }), { store });
    try {
      const abort = new AbortController();
      const response = await slow.post(createThread('go slow'), { signal: abort.signal });
      const note = store.added((item) => item.type === 'sdk_hidden_context');
      const seen: ThreadStreamEvent[] = [];
      for await (const event of sseEvents(response)) {
        seen.push(event);
        if (deltas(seen).length === 2) break;
      }
      abort.abort();
      await note;
      const partial = (await store.all(createdThreadId(seen))).find((item) => item.type === 'assistant_message');
      assert.equal(partial?.type, 'assistant_message');
      const saved = partial.content[0]?.text ?? '';
      // At least what the client saw; at most a token more if the abort raced the next one.
      assert.ok(saved.startsWith(deltas(seen).join('')), saved);
      assert.ok(saved.length < 40, saved);
    } finally {
      await slow.close();
    }
  });
});

import { expect } from '@open-wc/testing';
import { streamEvents } from '../../src/protocol/client.js';
import type { StreamingRequest, ThreadStreamEvent, UserMessageItem } from '../../src/protocol/types.js';
import { initialState, reduce, type Action, type ChatState } from '../../src/state/reducer.js';
import { randomChunks, seededRandom } from '../chunks.js';

const request: StreamingRequest = { type: 'threads.create', params: { input: { content: [], attachments: [], inference_options: {} } } };
const TEXTS = ['', 'a', ' ', 'héllo', '👋🏽', '\n', '```', '**', '<script>x</script>', 'data: fake\n\n', '\r\n', '你好'];
const ITEM_TYPES = ['assistant_message', 'user_message', 'client_tool_call', 'widget', 'workflow', 'task', 'generated_image', 'end_of_turn', 'hidden_context_item', 'mystery_item'];

/** A random event from a small vocabulary, as the parser delivers it. */
function randomEvent(random: () => number): ThreadStreamEvent {
  for (;;) {
    const event = JSON.parse(randomFrame(random, true).slice('data: '.length)) as ThreadStreamEvent;
    // The client drops event types it does not know before they reach the reducer.
    if ((event.type as string) !== 'totally.new.event') return event;
  }
}

/** A random but well-framed or deliberately broken event, from a small vocabulary. */
function randomFrame(random: () => number, wellFramed = false): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const id = `i${Math.floor(random() * 4)}`;
  const text = pick(TEXTS);
  const index = pick([0, 0, 1, 2, -1, 40, 1e9]);
  const item = () => ({
    id,
    thread_id: 't',
    created_at: 'x',
    type: pick(ITEM_TYPES),
    content: random() < 0.8 ? [{ type: 'output_text', text, annotations: [] }] : [],
    status: 'pending',
    call_id: 'c',
    name: 'n',
    arguments: {},
    widget: { type: 'Card', children: [{ type: 'Text', id: 'w', value: text }] },
    workflow: { type: 'custom', tasks: [], expanded: true },
    task: { type: 'custom', title: text },
  });
  const updates = [
    { type: 'assistant_message.content_part.added', content_index: index, content: { type: 'output_text', text, annotations: [] } },
    { type: 'assistant_message.content_part.text_delta', content_index: index, delta: text },
    { type: 'assistant_message.content_part.annotation_added', content_index: index, annotation_index: index, annotation: { type: 'annotation', source: { type: 'url', title: text, url: 'https://e.x' } } },
    { type: 'assistant_message.content_part.done', content_index: index, content: { type: 'output_text', text, annotations: [] } },
    { type: 'widget.streaming_text.value_delta', component_id: 'w', delta: text, done: false },
    { type: 'workflow.task.added', task_index: index, task: { type: 'custom', title: text } },
    { type: 'unknown.update', x: 1 },
  ];
  const events: unknown[] = [
    { type: 'thread.created', thread: { id: 't', created_at: 'x', status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } } },
    { type: 'thread.updated', thread: { id: 't', created_at: 'x', title: text, status: { type: 'active' }, metadata: {}, items: { data: [], has_more: false } } },
    { type: 'thread.item.added', item: item() },
    { type: 'thread.item.updated', item_id: id, update: pick(updates) },
    { type: 'thread.item.updated', item_id: id, update: pick(updates) },
    { type: 'thread.item.done', item: item() },
    { type: 'thread.item.removed', item_id: id },
    { type: 'thread.item.replaced', item: item() },
    { type: 'stream_options', stream_options: { allow_cancel: random() < 0.5 } },
    { type: 'progress_update', text },
    { type: 'error', code: pick(['stream.error', 'custom', 'future.code']), message: text, allow_retry: random() < 0.5 },
    { type: 'notice', level: 'info', message: text },
    { type: 'client_effect', name: text, data: {} },
    { type: 'totally.new.event' },
  ];
  const roll = wellFramed ? 1 : random();
  if (roll < 0.03) return 'data: {not json\n\n';
  if (roll < 0.05) return 'data: [1,2,3]\n\n';
  if (roll < 0.06) return ': a comment\n\n';
  if (roll < 0.07) return 'event: ignored\ndata: {"type":"progress_update","text":"named"}\n\n';
  return `data: ${JSON.stringify(pick(events))}\n\n`;
}

async function run(chunks: readonly string[]): Promise<ChatState> {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
  const fetchBody: typeof fetch = async () => new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  let state = initialState;
  try {
    for await (const event of streamEvents(request, { url: '/x', fetch: fetchBody, onInvalidFrame: () => undefined })) {
      state = reduce(state, { type: 'event-received', event });
    }
  } catch (error) {
    // Only "nothing arrived" may end a stream of frames early.
    expect((error as { code?: string }).code).to.equal('empty_stream');
  }
  return state;
}

/** A cheap exact comparison key (chai's deep equal is slow in a loop of thousands). */
function snapshot(state: ChatState): string {
  return JSON.stringify({ ...state, streaming: [...state.streaming] });
}

function checkInvariants(state: ChatState): void {
  const ids = state.items.map((item) => item.id);
  expect(new Set(ids).size, 'item ids are unique').to.equal(ids.length);
  for (const id of state.streaming) if (!ids.includes(id)) expect.fail(`streaming item ${id} is not shown`);
  for (const item of state.items) {
    expect(['hidden_context_item', 'sdk_hidden_context', 'end_of_turn']).not.to.include(item.type);
    if (item.type === 'assistant_message') {
      expect(item.content.length).to.be.below(64);
      for (const part of item.content) expect(part.text).to.be.a('string');
    }
  }
}

describe('client + reducer fuzz', () => {
  const debug = console.debug;
  before(() => (console.debug = () => undefined));
  after(() => (console.debug = debug));

  it('survives 1,500 random event sequences split at random bytes, reaching the same state however split', async function () {
    this.timeout(60_000);
    for (let seed = 1; seed <= 1500; seed++) {
      const random = seededRandom(seed);
      const frames = Array.from({ length: 1 + Math.floor(random() * 30) }, () => randomFrame(random)).join('');
      const whole = await run([frames]);
      const split = await run(randomChunks(frames, seed, 7));
      checkInvariants(whole);
      if (snapshot(split) !== snapshot(whole)) expect(split, `seed ${seed}`).to.deep.equal(whole);
    }
  });

  it('keeps the run consistent through 2,000 random sends, streams, tool outputs, failures and stops', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const random = seededRandom(seed);
      let state = initialState;
      let runId = 0;
      let local = 0;
      for (let step = 0; step < 40; step++) {
        const action = randomAction(random, state, () => ++runId, () => `local_${++local}`);
        const before = state;
        state = reduce(state, action);
        checkRun(before, action, state, `seed ${seed} step ${step} ${action.type}`);
      }
    }
  });
});

/** The next thing that may happen: mostly stream events while a run is on, and every way a run ends. */
function randomAction(random: () => number, state: ChatState, nextRun: () => number, nextLocal: () => string): Action {
  const roll = random();
  if (roll < 0.04) return { type: 'draft-changed', text: random() < 0.5 ? '' : 'typed' };
  // Like the controller: a new run starts only when none is running.
  if (!state.run) {
    if (roll < 0.2 && state.threadId) return { type: 'retry-started', runId: nextRun(), itemId: 'i0' };
    const id = nextLocal();
    const text = random() < 0.5 ? 'hello' : 'again';
    const item: UserMessageItem = { id, thread_id: '', created_at: 'x', type: 'user_message', content: [{ type: 'input_text', text }], attachments: [], inference_options: {} };
    return { type: 'send-started', runId: nextRun(), item, text, resend: random() < 0.3 };
  }
  const runId = state.run.id;
  if (roll < 0.1) return { type: 'run-failed', runId, error: { code: random() < 0.5 ? 'offline' : 'network', allowRetry: true } };
  if (roll < 0.15) return { type: 'run-finished', runId };
  if (roll < 0.18) return { type: 'run-aborted', runId };
  if (roll < 0.2) return { type: 'run-finished', runId: runId + 1 };
  if (roll < 0.25 && state.run.call) return { type: 'tool-output-sent', itemId: state.run.call.id, output: { ok: true } };
  if (roll < 0.3) {
    const item: UserMessageItem = { id: 'i3', thread_id: 't', created_at: 'x', type: 'user_message', content: [{ type: 'input_text', text: 'echo' }], attachments: [], inference_options: {} };
    return { type: 'event-received', event: { type: 'thread.item.done', item } };
  }
  return { type: 'event-received', event: randomEvent(random), noticeId: Math.floor(random() * 1000) };
}

/** Fails with `message` unless `ok` (chai's assertions are too slow for a loop of 100,000 steps). */
function check(ok: boolean, message: string): void {
  if (!ok) expect.fail(message);
}

/** What must hold about the run after each action. */
function checkRun(before: ChatState, action: Action, after: ChatState, label: string): void {
  const run = after.run;
  const ids = after.items.map((item) => item.id);
  check(new Set(ids).size === ids.length, `${label}: item ids are unique`);
  for (const id of after.streaming) check(ids.includes(id), `${label}: streaming item ${id} is shown`);
  if (run) {
    check((run.status === 'awaiting-tool') === (run.call !== null), `${label}: awaiting a tool iff a call is pending`);
    if (run.unsent) check(ids.includes(run.unsent.itemId), `${label}: the unsent message is shown`);
  } else {
    check(after.streaming.size === (before.run ? 0 : before.streaming.size), `${label}: nothing streams without a run`);
    check(!after.allowCancel || before.allowCancel, `${label}: cancel only while running`);
  }
  const outcome = action.type === 'run-finished' || action.type === 'run-aborted' || action.type === 'run-failed';
  if (outcome && action.runId !== before.run?.id) check(after === before, `${label}: a stale run's outcome changes nothing`);
  if (!before.run || (action.type !== 'run-finished' && action.type !== 'run-aborted') || action.runId !== before.run.id) return;
  const { unsent, error } = before.run;
  check(run === null && after.progress === null, `${label}: the run is over, without progress`);
  const failed = action.type === 'run-finished' && error !== null;
  if (failed) check(after.error === error, `${label}: the failure is shown`);
  if (unsent && (failed || action.type === 'run-aborted')) {
    check(!ids.includes(unsent.itemId), `${label}: the unsent message leaves the list`);
    check(after.draft === (before.draft.trim() ? before.draft : unsent.text), `${label}: its text is given back unless the user typed`);
    check(after.failedDraft === (failed ? unsent.text : before.failedDraft), `${label}: retry re-sends it only after a failure`);
  } else {
    check(after.draft === before.draft, `${label}: the draft is the user's`);
    check(after.items === before.items, `${label}: the transcript stays`);
  }
}

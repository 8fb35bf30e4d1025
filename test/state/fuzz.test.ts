import { expect } from '@open-wc/testing';
import { streamEvents } from '../../src/protocol/client.js';
import type { StreamingRequest } from '../../src/protocol/types.js';
import { initialState, reduce, type ChatState } from '../../src/state/reducer.js';
import { randomChunks, seededRandom } from '../chunks.js';

const request: StreamingRequest = { type: 'threads.create', params: { input: { content: [], attachments: [], inference_options: {} } } };
const TEXTS = ['', 'a', ' ', 'héllo', '👋🏽', '\n', '```', '**', '<script>x</script>', 'data: fake\n\n', '\r\n', '你好'];
const ITEM_TYPES = ['assistant_message', 'user_message', 'client_tool_call', 'widget', 'workflow', 'task', 'generated_image', 'end_of_turn', 'hidden_context_item', 'mystery_item'];

/** A random but well-framed or deliberately broken event, from a small vocabulary. */
function randomFrame(random: () => number): string {
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
  const roll = random();
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

  // Firefox reads these streams far more slowly (70 to 150 ms a seed on a busy two-core machine),
  // so it runs the first 200 of the same seeds to stay well inside the per-file time budget.
  const seeds = navigator.userAgent.includes('Firefox/') ? 200 : 1500;

  it(`survives ${seeds} random event sequences split at random bytes, reaching the same state however split`, async function () {
    this.timeout(60_000);
    for (let seed = 1; seed <= seeds; seed++) {
      const random = seededRandom(seed);
      const frames = Array.from({ length: 1 + Math.floor(random() * 30) }, () => randomFrame(random)).join('');
      const whole = await run([frames]);
      const split = await run(randomChunks(frames, seed, 7));
      checkInvariants(whole);
      if (snapshot(split) !== snapshot(whole)) expect(split, `seed ${seed}`).to.deep.equal(whole);
    }
  });
});

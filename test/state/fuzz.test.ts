import { expect } from '@open-wc/testing';
import { streamEvents } from '../../src/protocol/client.js';
import type { StreamingRequest } from '../../src/protocol/types.js';
import { initialState, reduce, type ChatState } from '../../src/state/reducer.js';
import { randomChunks, seededRandom } from '../chunks.js';
import { randomFrame } from './random-events.js';

const request: StreamingRequest = {
  type: 'threads.create',
  params: { input: { content: [], attachments: [], inference_options: {} } },
};

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
    this.timeout(110_000);
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

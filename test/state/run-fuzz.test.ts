import { expect } from '@open-wc/testing';
import type { UserMessageItem } from '../../src/protocol/types.js';
import { initialState, reduce, type Action, type ChatState } from '../../src/state/reducer.js';
import { seededRandom } from '../chunks.js';
import { randomEvent } from './random-events.js';

describe('run fuzz', () => {
  it('keeps the run consistent through 1,000 random sends, streams, tool outputs, failures and stops', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const random = seededRandom(seed);
      let state = initialState;
      let runId = 0;
      let local = 0;
      for (let step = 0; step < 40; step++) {
        const action = randomAction(
          random,
          state,
          () => ++runId,
          () => `local_${++local}`,
        );
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
    const item: UserMessageItem = {
      id,
      thread_id: '',
      created_at: 'x',
      type: 'user_message',
      content: [{ type: 'input_text', text }],
      attachments: [],
      inference_options: {},
    };
    return { type: 'send-started', runId: nextRun(), item, text, resend: random() < 0.3 };
  }
  const runId = state.run.id;
  if (roll < 0.1)
    return { type: 'run-failed', runId, error: { code: random() < 0.5 ? 'offline' : 'network', allowRetry: true } };
  if (roll < 0.15) return { type: 'run-finished', runId };
  if (roll < 0.18) return { type: 'run-aborted', runId };
  if (roll < 0.2) return { type: 'run-finished', runId: runId + 1 };
  if (roll < 0.25 && state.run.call)
    return { type: 'tool-output-sent', itemId: state.run.call.id, output: { ok: true } };
  if (roll < 0.3) {
    const item: UserMessageItem = {
      id: 'i3',
      thread_id: 't',
      created_at: 'x',
      type: 'user_message',
      content: [{ type: 'input_text', text: 'echo' }],
      attachments: [],
      inference_options: {},
    };
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
  if (outcome && action.runId !== before.run?.id)
    check(after === before, `${label}: a stale run's outcome changes nothing`);
  if (
    !before.run ||
    (action.type !== 'run-finished' && action.type !== 'run-aborted') ||
    action.runId !== before.run.id
  )
    return;
  const { unsent, error } = before.run;
  check(run === null && after.progress === null, `${label}: the run is over, without progress`);
  const failed = action.type === 'run-finished' && error !== null;
  if (failed) check(after.error === error, `${label}: the failure is shown`);
  if (unsent && (failed || action.type === 'run-aborted')) {
    check(!ids.includes(unsent.itemId), `${label}: the unsent message leaves the list`);
    check(
      after.draft === (before.draft.trim() ? before.draft : unsent.text),
      `${label}: its text is given back unless the user typed`,
    );
    check(
      after.failedDraft === (failed ? unsent.text : before.failedDraft),
      `${label}: retry re-sends it only after a failure`,
    );
  } else {
    check(after.draft === before.draft, `${label}: the draft is the user's`);
    check(after.items === before.items, `${label}: the transcript stays`);
  }
}

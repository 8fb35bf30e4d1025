/**
 * The turns running in this process, by thread. Each streaming request runs as one turn with its
 * own `AbortController`: the client's disconnect aborts it, deleting one of its threads aborts it
 * (its respond sees `ctx.signal`), and a thread found deleted on the way ends its stream quietly.
 */
import type { ThreadStreamEvent } from '../protocol/types.js';
import { ThreadNotFoundError } from './store.js';
import { THREAD_GONE } from './turn.js';

/** Streams one turn; `track` names each thread it works on, so deleting that thread cancels it. */
export type TurnStream = (turn: AbortController, track: (threadId: string) => void) => AsyncIterable<ThreadStreamEvent>;

export class RunningTurns {
  private readonly turns = new Map<string, Set<AbortController>>();

  /** Runs a turn until it ends, the client leaves (`signal`) or its thread is deleted. */
  async *run(signal: AbortSignal, stream: TurnStream): AsyncGenerator<ThreadStreamEvent> {
    const turn = new AbortController();
    const leave = () => turn.abort(signal.reason);
    if (signal.aborted) leave();
    else signal.addEventListener('abort', leave, { once: true });
    const threads: string[] = [];
    const track = (threadId: string) => {
      threads.push(threadId);
      let running = this.turns.get(threadId);
      if (!running) this.turns.set(threadId, (running = new Set()));
      running.add(turn);
    };
    try {
      yield* stream(turn, track);
    } catch (error) {
      if (!(error instanceof ThreadNotFoundError)) throw error;
      turn.abort(THREAD_GONE);
    } finally {
      signal.removeEventListener('abort', leave);
      for (const threadId of threads) {
        const running = this.turns.get(threadId);
        running?.delete(turn);
        if (running?.size === 0) this.turns.delete(threadId);
      }
    }
  }

  /** Aborts every turn of the thread running in this process. */
  cancel(threadId: string): void {
    for (const turn of this.turns.get(threadId) ?? []) turn.abort(THREAD_GONE);
    this.turns.delete(threadId);
  }
}

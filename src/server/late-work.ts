/**
 * Work that outlives a turn, by thread: a title still being written when the answer is done, say.
 * `threads.get_by_id` waits for a thread's late work (30 s at most) before it answers, so a page
 * that asks right after a response ended sees the result. It is kept in this process only: on a
 * server with several instances, a request that reaches another instance answers at once, with
 * what the store holds.
 */
export class LateWork {
  private readonly pending = new Map<string, Set<Promise<unknown>>>();

  /** @param limitMs - How long {@link LateWork.settled} waits at most. */
  constructor(private readonly limitMs = 30_000) {}

  /** Attaches `work` to the thread until it settles (its failure is the caller's to report). */
  add(threadId: string, work: Promise<unknown>): void {
    let pending = this.pending.get(threadId);
    if (!pending) this.pending.set(threadId, (pending = new Set()));
    const set = pending;
    const settled: Promise<unknown> = work
      .catch(() => undefined)
      .finally(() => {
        set.delete(settled);
        if (set.size === 0 && this.pending.get(threadId) === set) this.pending.delete(threadId);
      });
    set.add(settled);
  }

  /** Resolves when the thread's late work has settled, or after the limit. */
  async settled(threadId: string): Promise<void> {
    const pending = this.pending.get(threadId);
    if (!pending) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.limitMs)));
    await Promise.race([Promise.all(pending), limit]);
    clearTimeout(timer);
  }
}

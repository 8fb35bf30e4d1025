// Main-thread busy time from a Chromium trace, on the page's own clock (performance.now()).
//
// startTrace() records the 'RunTask' events of every thread (category
// disabled-by-default-devtools.timeline) and user-timing marks. The page calls
// performance.mark(SYNC_MARK) once; its trace event tells which process and thread is the page's
// main thread and how trace timestamps map to performance.now().

/** The user-timing mark the page sets to tie the trace to its clock. */
export const SYNC_MARK = 'bench-sync';

const CATEGORIES = ['disabled-by-default-devtools.timeline', 'blink.user_timing'];

/** Starts a trace of the browser (one at a time per browser). */
export function startTrace(page) {
  return page.tracing.start({ categories: CATEGORIES });
}

/**
 * Stops the trace and returns the page main thread's task intervals, merged and in page time (ms),
 * with a function giving the busy time between two page times.
 *
 * @returns {Promise<{tasks: number[][], busyBetween(from: number, to: number): number, bytes: number}>}
 */
export async function stopTrace(page) {
  const bytes = await page.tracing.stop();
  const parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const sync = events.find((event) => event.name === SYNC_MARK && event.cat === 'blink.user_timing');
  if (!sync) throw new Error(`trace: the ${SYNC_MARK} mark is missing`);
  const pageTime = sync.args?.data?.startTime;
  if (typeof pageTime !== 'number') throw new Error('trace: the sync mark has no startTime');
  const offset = sync.ts / 1000 - pageTime; // trace ms - page ms
  const raw = events
    .filter((event) => event.name === 'RunTask' && event.ph === 'X' && event.pid === sync.pid && event.tid === sync.tid)
    .map((event) => [event.ts / 1000 - offset, (event.ts + (event.dur ?? 0)) / 1000 - offset])
    .sort((a, b) => a[0] - b[0]);
  // Nested RunTask events (nested run loops) must not count twice.
  const tasks = [];
  for (const [start, end] of raw) {
    const last = tasks[tasks.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else tasks.push([start, end]);
  }
  const before = new Float64Array(tasks.length + 1); // busy time before task i
  tasks.forEach(([start, end], index) => (before[index + 1] = before[index] + (end - start)));
  /** Busy time from the start of the trace until page time t. */
  const busyUntil = (t) => {
    let low = 0;
    let high = tasks.length; // first task starting after t
    while (low < high) {
      const middle = (low + high) >> 1;
      if (tasks[middle][0] <= t) low = middle + 1;
      else high = middle;
    }
    if (low === 0) return 0;
    const [start, end] = tasks[low - 1];
    return before[low - 1] + Math.min(t, end) - start;
  };
  return { tasks, busyBetween: (from, to) => busyUntil(to) - busyUntil(from), bytes: bytes.length };
}

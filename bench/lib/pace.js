// Releases a stream's tokens at a model's pace, each by itself, for the streaming benchmarks.
import { setTimeout as sleep } from 'node:timers/promises';
import { parentPort } from 'node:worker_threads';
import { epochNow } from './server.js';

/**
 * The tokens of a stream, each released when it is due: `fast` at `fastRate`/s, a pause, then
 * `paced` at `rate`/s. Posts `{type: 'paced', at}` (epoch ms) to the parent thread when the paced part starts.
 * Between two tokens it always yields to the event loop, so no two tokens share a network write.
 */
export async function* pace(tokens, { fast, fastRate, pauseMs, paced, rate }) {
  let start = epochNow();
  for (let i = 0; i < fast + paced; i++) {
    if (i === fast && paced > 0) {
      if (fast > 0) await sleep(pauseMs);
      start = epochNow();
      parentPort.postMessage({ type: 'paced', at: start });
    }
    const due = i < fast ? start + (i * 1000) / fastRate : start + ((i - fast) * 1000) / rate;
    const wait = due - epochNow();
    if (wait >= 1) await sleep(wait);
    else await new Promise((resolve) => setImmediate(resolve)); // never two tokens in one write
    yield tokens[i % tokens.length];
  }
}

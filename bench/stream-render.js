// Streaming render cost of <stream-chat> against deep-chat 2.4.2, in headless Chromium.
//
// One long markdown answer (at least --tokens tokens of 1-6 characters: headings, paragraphs with
// bold, code and links, lists, fenced code blocks, tables; generated deterministically) is streamed
// by the BUILT server kit (dist/server), ONE token per `text_delta` SSE event and per network
// write, --rate tokens per second (6,000 by default, about what a Python ChatKit server writes;
// 0 writes them as fast as the server can, in a few large network reads).
// Both widgets get the same bytes from the same endpoint in the same run: <stream-chat> posts
// threads.create itself; deep-chat gets a `connect.handler` that posts the same request with fetch,
// parses the same SSE stream and calls `signals.onResponse({text})` once per delta (deep-chat's
// documented streaming handler API: onOpen, onResponse, onClose).
//
// How the figures are measured, per widget, in a fresh tab (the server runs in a worker thread so
// that writing as fast as it can never delays the driver's sampling):
// - busy time: CDP Performance.getMetrics `TaskDuration` (cumulative main-thread task time of the
//   page's renderer), just before send() and again after the final paint;
// - longest task: PerformanceObserver 'longtask' and 'long-animation-frame' entries, plus the
//   longest interval between two requestAnimationFrame callbacks (the longest frame);
// - cost per token over the first and the last 10% of the stream = main-thread busy time between
//   two progress points / tokens rendered between them. Busy time comes from a Chromium trace
//   (the 'RunTask' events of the page's main thread, clipped to the interval), so it is exact even
//   inside a long task. Progress points: for <stream-chat>, the length of the rendered answer
//   (textContent of the last assistant bubble), read after every DOM update of the element (a
//   MutationObserver on its shadow root) and whenever Node polls (every --sample-ms); rendered
//   characters map to tokens through a prefix sum of token lengths, scaled by source/final length
//   when a renderer drops or adds characters (markdown), so exact for plain text and approximate for
//   markdown. deep-chat renders each token synchronously inside onResponse() and can stay in one
//   long task for seconds, where no sample can run, so its handler records (time, tokens handed
//   over) every 10 tokens after the awaited onResponse(). The first window starts at the first
//   progress point showing a rendered token (request setup is not counted) and spans at least 10%
//   of the tokens; the last one ends at the first point showing the whole answer.
// - last byte to final paint: from the moment the server writes its last bytes (the response's
//   end() call) until the whole answer is rendered and one animation frame (rAF, then a posted
//   task) has passed. Node and the page share the wall clock (performance.timeOrigin + now()).
// A widget still rendering after --deadline-s is stopped (deep-chat's handler stops feeding
// tokens) and reported as unfinished, with the figures of what it rendered.
//
// Build first (`npm run build`), then: node bench/stream-render.js [--tokens=20000] [--runs=1]
// It prints figures and never fails on time.
import { statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, workerData } from 'node:worker_threads';
import { headerLine, launchWithServer, PROBES, summariseProbe, taskDuration } from './lib/browser.js';
import { markdownAnswer } from './lib/markdown-text.js';
import { pace } from './lib/pace.js';
import { readOptions } from './lib/options.js';
import {
  chunks,
  epochNow,
  fromRoot,
  loadServerKit,
  requireFiles,
  serveFromWorker,
  startServerWorker,
} from './lib/server.js';
import { fmt, max, median, ratio, table } from './lib/stats.js';
import { startTrace, stopTrace, SYNC_MARK } from './lib/trace.js';

const USAGE = `
stream-render: streaming render cost of <stream-chat> (dist/stream-chat.js) vs deep-chat 2.4.2.
Streams one long markdown answer, one token per SSE text_delta event, into each widget in
headless Chromium and prints busy time, longest task/frame, cost per token early vs late in the
stream, and the delay from the server's last byte to the final paint.
Build first: npm run build. Then: node bench/stream-render.js [options]
Chromium: /usr/bin/chromium, or CHROME_PATH.`;

const SPEC = {
  tokens: { default: 20000, help: 'tokens in the answer (at least; it ends at a block boundary)' },
  rate: { default: 6000, help: 'tokens per second, each its own write (0: as fast as the server writes)' },
  runs: { default: 1, help: 'runs (each streams into both widgets); medians and maxima are printed' },
  'sample-ms': { default: 50, help: 'how often Node polls the page (and reads the rendered length of <stream-chat>)' },
  'deadline-s': { default: 45, help: 'a widget still rendering after this long is stopped and reported as unfinished' },
  widgets: { default: 'ours,deep-chat', help: 'which widgets to measure, comma-separated (ours, deep-chat)' },
};

const PROMPT = 'Write the long answer.';
const BOX = 'height:600px;width:480px';

/** <stream-chat>: send() posts threads.create; done when response-end came and the row stopped streaming. */
const OURS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stream-render: stream-chat</title>
<style>body{margin:0;font-family:system-ui}#box{${BOX}}</style></head>
<body><div id="box"><stream-chat api-url="/chatkit"></stream-chat></div>
<script type="module" src="/dist/stream-chat.js"></script>
<script type="module">
await customElements.whenDefined('stream-chat');
const el = document.querySelector('stream-chat');
await el.updateComplete;
const rows = () => el.shadowRoot.querySelectorAll('[part~="assistant-message"]');
const renderedLength = () => {
  const list = rows();
  const last = list[list.length - 1];
  return last ? (last.querySelector('.bubble') ?? last).textContent.trim().length : 0;
};
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
window.__bench = {
  cost: 0,
  result: null,
  progress: [], // [page time, rendered characters, null, after a DOM update]
  /** Records a progress point; returns whether the answer is fully rendered and painted. */
  sample(update = false) {
    const start = performance.now();
    this.progress.push([start, renderedLength(), null, update]);
    this.cost += performance.now() - start;
    return this.result !== null;
  },
  start(prompt) {
    this.startedAt = performance.now();
    // A progress point after every DOM update of the element (MutationObserver callbacks run
    // right after the update's microtask), besides the ones Node asks for.
    const observer = new MutationObserver(() => this.sample(true));
    observer.observe(el.shadowRoot, { subtree: true, childList: true, characterData: true });
    el.addEventListener('stream-chat-response-end', async ({ detail }) => {
      await el.updateComplete;
      // The final render is the one where the row no longer streams.
      while (rows()[rows().length - 1]?.getAttribute('aria-busy') === 'true') await frame();
      const renderedAt = performance.now();
      const length = renderedLength();
      observer.disconnect();
      const paintAt = await __probe.afterPaint();
      this.progress.push([renderedAt, length, null]);
      this.result = { finished: detail.reason === 'complete', reason: detail.reason, renderedAt, paintAt, length };
    }, { once: true });
    el.send(prompt).catch((error) => { this.error = String(error?.code ?? error); });
  },
  ready: true,
};
</script></body></html>`;

/** deep-chat 2.4.2 with a streaming handler that reads the same ChatKit SSE stream. */
const DEEP_CHAT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>stream-render: deep-chat</title>
<style>body{margin:0;font-family:system-ui}#box{${BOX}}</style></head>
<body><div id="box"></div>
<script type="module">
import '/deep-chat.js';
const dc = document.createElement('deep-chat');
dc.chatStyle = { height: '600px', width: '480px' };
const renderedLength = () => {
  const list = dc.shadowRoot?.querySelectorAll('.ai-message-text') ?? [];
  return list.length ? list[list.length - 1].textContent.trim().length : 0;
};
window.__bench = {
  cost: 0,
  result: null,
  progress: [], // [page time, null, tokens rendered]
  sample() {
    return this.result !== null;
  },
  start(prompt, deadlineMs) {
    this.startedAt = performance.now();
    this.deadline = this.startedAt + deadlineMs;
    dc.submitUserMessage({ text: prompt });
  },
};
dc.connect = {
  stream: true,
  // deep-chat 2.4.2 custom handler: signals.onOpen(), then signals.onResponse({text}) per chunk
  // (it returns a promise that settles once the chunk is rendered), then signals.onClose().
  handler: async (body, signals) => {
    const bench = window.__bench;
    const text = body?.messages?.at(-1)?.text ?? '';
    const input = { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} };
    const response = await fetch('/chatkit', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'threads.create', params: { input } }),
    });
    signals.onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let tokens = 0;
    let stopped = false;
    read: for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let from = 0;
      for (let end = buffer.indexOf('\\n\\n'); end !== -1; end = buffer.indexOf('\\n\\n', from)) {
        const frame = buffer.slice(from, end);
        from = end + 2;
        if (!frame.startsWith('data: ')) continue;
        const event = JSON.parse(frame.slice(6));
        if (event.type !== 'thread.item.updated' || event.update.type !== 'assistant_message.content_part.text_delta') continue;
        await signals.onResponse({ text: event.update.delta });
        tokens++;
        if (tokens % 10 === 0) bench.progress.push([performance.now(), null, tokens]);
        if (performance.now() > bench.deadline) {
          stopped = true;
          await reader.cancel().catch(() => undefined);
          break read;
        }
      }
      buffer = buffer.slice(from);
    }
    const renderedAt = performance.now();
    bench.progress.push([renderedAt, null, tokens]);
    signals.onClose();
    const length = renderedLength();
    const paintAt = await __probe.afterPaint();
    bench.result = { finished: !stopped, reason: stopped ? 'deadline' : 'complete', renderedAt, paintAt, length, tokens };
  },
};
document.getElementById('box').append(dc);
// Ready once deep-chat has rendered its input and wired its submit handler (it does so in a timeout).
for (let i = 0; i < 200 && !dc.shadowRoot?.querySelector('#input'); i++) await new Promise((r) => setTimeout(r, 10));
await new Promise((r) => setTimeout(r, 100));
window.__bench.ready = true;
</script></body></html>`;

const WIDGETS = {
  ours: { label: '<stream-chat>', path: '/ours.html' },
  'deep-chat': { label: 'deep-chat 2.4.2', path: '/deep-chat.html' },
};

/** Worker thread: the ChatKit endpoint (built server kit) and the files, on one node:http server. */
async function serve({ tokens: count, rate }) {
  const { tokens } = markdownAnswer(count);
  const { ChatKitServer, MemoryStore, createChatKitHandler, streamAssistantText } = await loadServerKit();
  const chatkit = new ChatKitServer({
    store: new MemoryStore(),
    async *respond(thread, _item, ctx) {
      const paced = pace(tokens, { fast: tokens.length, fastRate: rate, pauseMs: 0, paced: 0, rate });
      yield* streamAssistantText(ctx, thread, rate > 0 ? paced : tokens);
    },
  });
  await serveFromWorker({
    routes: {
      '/ours.html': OURS_PAGE,
      '/deep-chat.html': DEEP_CHAT_PAGE,
      '/dist/stream-chat.js': { file: 'dist/stream-chat.js' },
      ...chunks('dist/stream-chat.js', '/dist/'),
      '/deep-chat.js': { file: 'node_modules/deep-chat/dist/deepChat.bundle.js' },
    },
    chatkit: createChatKitHandler(chatkit),
  });
}

async function main() {
  const options = readOptions(USAGE, SPEC);
  requireFiles('stream-render', [
    'dist/stream-chat.js',
    'dist/server/index.js',
    'node_modules/deep-chat/dist/deepChat.bundle.js',
  ]);
  const { text, tokens } = markdownAnswer(options.tokens);
  // prefix[i] = source characters in the first i tokens.
  const prefix = new Float64Array(tokens.length + 1);
  tokens.forEach((token, index) => (prefix[index + 1] = prefix[index] + token.length));

  const server = await startServerWorker(new URL(import.meta.url), { tokens: options.tokens, rate: options.rate });
  // Warm the server up (JIT) so that both widgets get a stream written at the same pace.
  const warmUp = [];
  for (let i = 0; i < 2; i++) warmUp.push(await drainStream(server.origin));
  const { chromium, stop } = await launchWithServer(server);

  const bundle = statSync(fromRoot('dist/stream-chat.js'));
  console.log(headerLine('stream-render', chromium.version));
  console.log(
    `answer: ${tokens.length} tokens, ${text.length} characters of markdown (${(text.length / tokens.length).toFixed(2)} chars/token), ` +
      (options.rate > 0
        ? `one token per SSE text_delta event and per write, ${options.rate} tokens/s`
        : 'one token per SSE text_delta event, no delay between events'),
  );
  console.log(
    `dist/stream-chat.js: ${(bundle.size / 1024).toFixed(1)} kB, built ${bundle.mtime.toISOString()}; widgets 480x600 px`,
  );
  console.log(
    `server: ${warmUp.map((ms) => fmt(ms, '', 0)).join(' and ')} ms to write the whole stream to Node's fetch (2 warm-up streams)`,
  );
  console.log(
    `runs: ${options.runs}; Node polls every ${options['sample-ms']} ms; deadline ${options['deadline-s']} s per stream\n`,
  );

  const selected = String(options.widgets)
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name in WIDGETS);
  const results = Object.fromEntries(selected.map((name) => [name, []]));
  try {
    for (let run = 1; run <= options.runs; run++) {
      for (const name of selected) {
        process.stdout.write(`run ${run}/${options.runs}: ${WIDGETS[name].label.padEnd(16)} `);
        const result = await measure(chromium.browser, server, WIDGETS[name].path, tokens, prefix, options);
        results[name].push(result);
        console.log(
          result.finished
            ? `done in ${fmt(result.wall / 1000, 's', 2)} (${result.finalLength} characters rendered)`
            : `NOT finished: stopped at the ${options['deadline-s']} s deadline with ${result.tokensRendered} of ${tokens.length} tokens rendered` +
                (result.error ? ` (${result.error})` : ''),
        );
      }
    }
  } finally {
    await stop();
  }
  report(selected, results, tokens.length, options);
}

/** Reads one whole answer stream with Node's fetch; returns how long it took (ms). */
async function drainStream(origin) {
  const start = performance.now();
  const input = { content: [{ type: 'input_text', text: PROMPT }], attachments: [], inference_options: {} };
  const response = await fetch(`${origin}/chatkit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'threads.create', params: { input } }),
  });
  for await (const _chunk of response.body);
  return performance.now() - start;
}

/** Streams the answer into one widget in a fresh tab and returns its figures. */
async function measure(browser, server, path, tokens, prefix, options) {
  const page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error?.message ?? error)));
  const blocked = new Set();
  page.on('requestfailed', (request) => {
    if (!request.url().startsWith(server.origin)) blocked.add(new URL(request.url()).host);
  });
  page.on('console', (message) => {
    const url = message.location()?.url ?? '';
    if (message.type() === 'error' && !(url && !url.startsWith(server.origin))) pageErrors.push(message.text());
  });
  try {
    await page.evaluateOnNewDocument(PROBES);
    await page.goto(server.origin + path, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bench?.ready === true, { timeout: 30_000 });
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    await sleep(300); // let loading work settle
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    const streamsBefore = server.streams.length;
    const deadlineMs = options['deadline-s'] * 1000;

    await startTrace(page);
    await page.evaluate((mark) => {
      window.__probe.start();
      performance.mark(mark);
    }, SYNC_MARK);
    const busyBefore = await taskDuration(cdp);
    await cdp.send('Runtime.evaluate', { expression: `__bench.start(${JSON.stringify(PROMPT)}, ${deadlineMs})` });
    const giveUp = epochNow() + deadlineMs + 60_000;
    for (;;) {
      await sleep(options['sample-ms']);
      const { result } = await cdp.send('Runtime.evaluate', { expression: '__bench.sample()', returnByValue: true });
      if (result.value === true) break;
      if (epochNow() > giveUp) throw new Error(`${path}: no result ${deadlineMs / 1000 + 60} s after the start`);
    }
    const busyAfter = await taskDuration(cdp);
    const probe = summariseProbe(await page.evaluate(() => window.__probe.stop()));
    const bench = await page.evaluate(() => {
      const { result, cost, error, progress, startedAt } = window.__bench;
      return { result, cost, error, progress, startedAt };
    });
    const trace = await stopTrace(page);
    // The stream record arrives from the worker when the response finished.
    for (let i = 0; i < 100 && server.streams.length <= streamsBefore; i++) await sleep(20);
    const stream = server.streams[streamsBefore];
    const { result } = bench;

    // Progress points -> tokens rendered (see the header comment).
    const scale = result.finished && result.length > 0 ? prefix[tokens.length] / result.length : 1;
    const tokensAt = (length) => {
      const chars = Math.min(length * scale, prefix[tokens.length]);
      let low = 0;
      let high = tokens.length;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (prefix[middle] <= chars) low = middle;
        else high = middle - 1;
      }
      return low;
    };
    const points = bench.progress
      .map(([t, length, count, update]) => ({ t, tokens: count ?? tokensAt(length), update: update === true }))
      .sort((a, b) => a.t - b.t);
    const rendered = points.length ? points[points.length - 1].tokens : 0;
    const tenth = tokens.length / 10;
    return {
      finished: result.finished,
      error: bench.error ?? (result.finished || result.reason === 'deadline' ? undefined : result.reason),
      finalLength: result.length,
      tokensRendered: rendered,
      busy: busyAfter - busyBefore,
      busyTrace: trace.busyBetween(bench.startedAt, result.paintAt),
      traceBytes: trace.bytes,
      wall: result.paintAt - bench.startedAt,
      lastByteToPaint: result.finished && stream?.lastByteAt ? timeOrigin + result.paintAt - stream.lastByteAt : NaN,
      streamBytes: stream?.bytes ?? 0,
      serverWrite: stream?.lastByteAt ? stream.lastByteAt - stream.firstByteAt : NaN,
      firstWindow: costWindow(points, trace, 'first', tenth, tokens.length),
      lastWindow: costWindow(points, trace, 'last', tenth, tokens.length),
      points: points.length,
      samplerCost: bench.cost,
      pageErrors,
      blocked: [...blocked],
      ...probe,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/**
 * Main-thread cost per token (ms) over a window of at least `size` tokens at the start or the end
 * of what was rendered, between two progress points.
 */
function costWindow(points, trace, which, size, total) {
  let from;
  let to;
  if (which === 'first') {
    from = points.findIndex((point) => point.tokens > 0);
    if (from < 0) return undefined;
    to = points.findIndex((point, index) => index > from && point.tokens >= points[from].tokens + size);
    if (to < 0) to = points.length - 1;
  } else {
    to = points.findIndex((point) => point.tokens >= total);
    if (to < 0) to = points.length - 1;
    from = -1;
    for (let index = to - 1; index >= 0; index--) {
      if (points[index].tokens <= points[to].tokens - size) {
        from = index;
        break;
      }
    }
    if (from < 0) return undefined;
  }
  const tokens = points[to].tokens - points[from].tokens;
  if (tokens <= 0) return undefined;
  const busy = trace.busyBetween(points[from].t, points[to].t);
  const updates = points.slice(from + 1, to + 1).filter((point) => point.update).length;
  return {
    perToken: busy / tokens,
    perUpdate: updates ? busy / updates : NaN,
    updates,
    fromToken: points[from].tokens,
    toToken: points[to].tokens,
    intervals: to - from,
    complete: points[to].tokens >= total,
  };
}

function report(selected, results, total, options) {
  const runs = options.runs;
  const both = selected.length === 2;
  const unfinished = (name) => results[name].some((result) => !result.finished);
  const rows = [
    [
      `figure (median of ${runs} run${runs > 1 ? 's, max in brackets' : ''})`,
      ...selected.map((name) => WIDGETS[name].label),
      ...(both ? ['ours/deep-chat'] : []),
    ],
  ];
  const add = (label, get, { unit = 'ms', digits = 1, atLeast = false, noRatio = false, none = 'n/a' } = {}) => {
    const medians = selected.map((name) => median(results[name].map(get)));
    const bound = selected.map((name, index) => atLeast && unfinished(name) && Number.isFinite(medians[index]));
    const cells = selected.map((name, index) => {
      if (!Number.isFinite(medians[index])) return none;
      const top = runs > 1 ? ` (${fmt(max(results[name].map(get)), '', digits)})` : '';
      return `${bound[index] ? '>= ' : ''}${fmt(medians[index], unit, digits)}${top}`;
    });
    // An unfinished widget's figure is a lower bound, so the ratio is a bound too.
    const mark = bound[0] && !bound[1] ? '>= ' : bound[1] && !bound[0] ? '<= ' : bound[0] ? '~ ' : '';
    const ratioCell = noRatio
      ? ''
      : ratio(medians[0], medians[1]) === 'n/a'
        ? 'n/a'
        : mark + ratio(medians[0], medians[1]);
    rows.push([label, ...cells, ...(both ? [ratioCell] : [])]);
  };
  add('total main-thread busy, send -> final paint', (r) => r.busy, { atLeast: true });
  add('wall time, send -> final paint', (r) => r.wall, { atLeast: true });
  add('longest task (longtask entries)', (r) => (r.longtaskCount ? r.longestTask : NaN), { none: 'none > 50 ms' });
  add('tasks over 50 ms (count)', (r) => r.longtaskCount, { unit: '', digits: 0, atLeast: true, noRatio: true });
  add('longest animation frame (LoAF entries)', (r) => (r.loafCount ? r.longestLoaf : NaN), { none: 'none > 50 ms' });
  add('longest frame (rAF to rAF)', (r) => r.maxFrame);
  add('cost per token, first 10% of tokens', (r) => r.firstWindow?.perToken ?? NaN, { digits: 4 });
  add('cost per token, last 10% of tokens *', (r) => r.lastWindow?.perToken ?? NaN, { digits: 4 });
  add(
    'last 10% / first 10% cost per token',
    (r) => (r.lastWindow && r.firstWindow ? r.lastWindow.perToken / r.firstWindow.perToken : NaN),
    { unit: 'x', digits: 2 },
  );
  add('last server byte -> final paint', (r) => r.lastByteToPaint);
  console.log('');
  table(rows);

  console.log('\ndetails (last run):');
  for (const name of selected) {
    const r = results[name].at(-1);
    console.log(
      `  ${WIDGETS[name].label}: ${r.finished ? 'finished' : `UNFINISHED, ${r.tokensRendered} of ${total} tokens rendered before the deadline`}`,
    );
    const describe = (w, label) =>
      w
        ? `${label} window: tokens ${w.fromToken}-${w.toToken} (${w.intervals} progress intervals)`
        : `${label} window: n/a`;
    console.log(
      `    ${describe(r.firstWindow, 'first')}; ${describe(r.lastWindow, 'last')}${r.lastWindow && !r.lastWindow.complete ? ' = the last tokens it rendered' : ''}`,
    );
    if (r.firstWindow?.updates && r.lastWindow?.updates) {
      const [a, b] = [r.firstWindow, r.lastWindow];
      console.log(
        `    per DOM update of the element: first window ${a.updates} updates, ${fmt(a.perUpdate)} busy and ${((a.toToken - a.fromToken) / a.updates).toFixed(0)} tokens each; ` +
          `last window ${b.updates} updates, ${fmt(b.perUpdate)} and ${((b.toToken - b.fromToken) / b.updates).toFixed(0)} tokens each`,
      );
    }
    console.log(
      `    busy from the trace: ${fmt(r.busyTrace)} (CDP TaskDuration: ${fmt(r.busy)}); ${r.points} progress points` +
        (r.samplerCost ? `, in-page sampling cost ${fmt(r.samplerCost)}` : '') +
        `; trace ${(r.traceBytes / 1024 / 1024).toFixed(1)} MB`,
    );
    console.log(
      `    ${r.frames} frames; ${r.loafCount} long animation frames (longest blocking ${fmt(r.longestLoafBlocking)}); ` +
        `server wrote ${(r.streamBytes / 1024 / 1024).toFixed(2)} MB of SSE in ${fmt(r.serverWrite)} (first to last byte)`,
    );
    if (!r.longtaskCount)
      console.log(`    no task over 50 ms; the longest frame measured was ${fmt(r.maxFrame)} (rAF to rAF)`);
    if (r.blocked.length) console.log(`    blocked its requests to ${r.blocked.join(', ')} (loopback only)`);
    if (r.pageErrors.length)
      console.log(`    ${r.pageErrors.length} page errors, first: ${r.pageErrors[0].slice(0, 200)}`);
  }
  console.log(
    '\n* for an unfinished widget, the last 10% of the tokens it rendered before the deadline.' +
      '\nmethod: busy = CDP TaskDuration delta; cost per token = main-thread busy time (trace RunTask events) between' +
      '\ntwo progress points / tokens rendered between them; progress = rendered text length sampled from Node' +
      '\nafter every DOM update (mapped to tokens by a prefix sum) for <stream-chat>, tokens handed to onResponse() for deep-chat;' +
      '\nlast byte -> paint = the last write of the server (end()) to the full text rendered plus one animation frame.',
  );
}

if (isMainThread) await main();
else await serve(workerData);

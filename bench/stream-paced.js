// Streaming cost at a real model's pace: <stream-chat> and deep-chat 2.4.2 side by side, in
// headless Chromium, each token its own SSE `text_delta` event AND its own network write.
//
// The BUILT server kit (dist/server) streams the deterministic markdown answer of
// bench/lib/markdown-text.js; a pacer releases each token when it is due, so every token is written
// by itself (the handler writes one event per write, and a paced token never shares a write).
// Scenarios, each in a fresh tab per widget:
// - short: 1,000 tokens at --rate tokens/s (100) as the whole answer;
// - long:  --prefix tokens (10,000; --deep-chat-prefix, 200, for deep-chat, which renders every
//          token synchronously and would take minutes) written at --burst-rate, a pause of
//          --pause-ms, then the same 1,000 tokens at --rate;
// - burst: --burst-tokens tokens (20,000) at --burst-rate tokens/s (6,000, what a Python ChatKit
//          server writes), every token still its own write.
// Figures: main-thread work = CDP Performance.getMetrics TaskDuration (the page renderer's main
// thread, all tasks) from the start of the measured phase (the paced tokens, or the whole burst)
// to the final paint; per token, and as % of the wall time of that phase. Longest task from
// PerformanceObserver 'longtask' entries (no rAF loop runs, so the page only paints when it has
// to). DOM nodes of the answer (every node, Lit's marker comments included) per token, and the JS
// heap after the answer (after a forced GC), its growth since before the send, and the size of the
// text it holds. The `reader` widget is the floor: fetch and SSE splitting only, nothing rendered.
// The `spaced` widget is the floor reading less often (--read-gap-ms between reads); it prints the
// events each read brought (1.00: the browser hands over every network write by itself anyway).
//
// Build first (`npm run build`), then: node bench/stream-paced.js [--scenarios=short,long,burst]
// It prints figures and never fails on time.
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, workerData } from 'node:worker_threads';
import { headerLine, launchWithServer, taskDuration } from './lib/browser.js';
import { heapBreakdown } from './lib/heap.js';
import { markdownAnswer } from './lib/markdown-text.js';
import { readOptions } from './lib/options.js';
import { pace } from './lib/pace.js';
import { chunks, epochNow, loadServerKit, requireFiles, serveFromWorker, startServerWorker } from './lib/server.js';
import { fmt, table } from './lib/stats.js';

const USAGE = `
stream-paced: main-thread work per token of <stream-chat> (dist/stream-chat.js) and deep-chat 2.4.2
when every token is its own SSE event and its own network write, paced like a real model.
Build first: npm run build. Then: node bench/stream-paced.js [options]`;

const SPEC = {
  scenarios: { default: 'short,long,burst', help: 'which scenarios to run, comma-separated' },
  widgets: {
    default: 'ours,deep-chat,reader',
    help: 'which widgets to measure (ours, deep-chat, reader; base with --base; spaced: the reader with --read-gap-ms)',
  },
  'read-gap-ms': { default: 20, help: 'the spaced reader waits this long after each read' },
  paced: { default: 1000, help: 'paced tokens (short and long)' },
  rate: { default: 100, help: 'paced tokens per second' },
  prefix: { default: 10000, help: 'fast tokens before the paced ones in the long scenario (ours)' },
  'deep-chat-prefix': { default: 200, help: 'the same for deep-chat' },
  'pause-ms': { default: 1000, help: 'pause between the fast prefix and the paced tokens' },
  'burst-tokens': { default: 20000, help: 'tokens in the burst scenario' },
  'burst-rate': { default: 6000, help: 'tokens per second of the prefix and the burst' },
  trace: { default: '', help: 'write a Chromium trace of each measured page to <trace>-<scenario>-<widget>.json' },
  profile: {
    default: '',
    help: 'write a CPU profile of each measured page to <profile>-<scenario>-<widget>.cpuprofile',
  },
  bundle: { default: 'dist/stream-chat.js', help: 'the <stream-chat> build to measure (to compare two builds)' },
  base: {
    default: '',
    help: 'another <stream-chat> build, measured as the widget `base` (A/B in one run: --widgets=base,ours --base=<old dist/stream-chat.js>)',
  },
  'warm-up': {
    default: 0,
    help: 'tokens of a first answer before the measured one (<stream-chat> only): heap growth is then what the answer holds, not code compiled on first use',
  },
  'heap-detail': {
    default: 0,
    help: '1: take heap snapshots before and after the answer and split the growth into data and compiled code',
  },
  'heap-snapshot': {
    default: '',
    help: 'with --heap-detail=1: write the snapshots to <heap-snapshot>-<scenario>-<widget>-{before,after}.heapsnapshot (compare them with bench/heap-diff.js)',
  },
  repeat: { default: 1, help: 'run every scenario and widget this many times, in turn (A/B on a busy machine)' },
  'deadline-s': { default: 90, help: 'a stream still rendering after this long is reported unfinished' },
};

const BOX = 'height:600px;width:480px';
const PROBE = `window.__longtasks = [];
try { new PerformanceObserver((list) => { for (const e of list.getEntries()) __longtasks.push(e.duration); }).observe({ type: 'longtask' }); } catch {}
window.__afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = () => resolve(performance.now()); c.port2.postMessage(0); }));
window.__countNodes = (root) => { if (!root) return 0; let n = 0; const w = document.createTreeWalker(root, NodeFilter.SHOW_ALL); while (w.nextNode()) n++; return n; };`;

const OURS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>paced: stream-chat</title>
<style>body{margin:0;font-family:system-ui}#box{${BOX}}</style></head>
<body><div id="box"><stream-chat api-url="/chatkit"></stream-chat></div>
<script>${PROBE}</script>
<script type="module" src="/dist/stream-chat.js"></script>
<script type="module">
await customElements.whenDefined('stream-chat');
const el = document.querySelector('stream-chat');
await el.updateComplete;
const last = () => { const rows = el.shadowRoot.querySelectorAll('[part~="assistant-message"]'); return rows[rows.length - 1]; };
window.__bench = {
  result: null,
  start(prompt) {
    el.addEventListener('stream-chat-response-end', async ({ detail }) => {
      await el.updateComplete;
      while (last()?.getAttribute('aria-busy') === 'true') await new Promise((r) => requestAnimationFrame(r));
      const paintAt = await __afterPaint();
      const row = last();
      this.result = { reason: detail.reason, paintAt, length: row?.textContent.trim().length ?? 0, nodes: __countNodes(row) };
    }, { once: true });
    el.send(prompt).catch((error) => { this.result = { reason: String(error?.code ?? error) }; });
  },
  ready: true,
};
</script></body></html>`;

const DEEP_CHAT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>paced: deep-chat</title>
<style>body{margin:0;font-family:system-ui}#box{${BOX}}</style></head>
<body><div id="box"></div>
<script>${PROBE}</script>
<script type="module">
import '/deep-chat.js';
const dc = document.createElement('deep-chat');
dc.chatStyle = { height: '600px', width: '480px' };
window.__bench = { result: null, start(prompt, deadlineMs) { this.deadline = performance.now() + deadlineMs; dc.submitUserMessage({ text: prompt }); } };
dc.connect = {
  stream: true,
  // deep-chat's streaming handler API: onOpen(), onResponse({text}) per chunk, onClose().
  handler: async (body, signals) => {
    const text = body?.messages?.at(-1)?.text ?? '';
    const input = { content: [{ type: 'input_text', text }], attachments: [], inference_options: {} };
    const response = await fetch('/chatkit', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'threads.create', params: { input } }) });
    signals.onOpen();
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
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
        if (event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta') await signals.onResponse({ text: event.update.delta });
        if (performance.now() > window.__bench.deadline) {
          stopped = true;
          await reader.cancel().catch(() => undefined);
          break read;
        }
      }
      buffer = buffer.slice(from);
    }
    signals.onClose();
    const paintAt = await __afterPaint();
    const list = dc.shadowRoot?.querySelectorAll('.ai-message-text') ?? [];
    const row = list[list.length - 1];
    window.__bench.result = { reason: stopped ? 'deadline' : 'complete', paintAt, length: row?.textContent.trim().length ?? 0, nodes: __countNodes(row) };
  },
};
document.getElementById('box').append(dc);
for (let i = 0; i < 200 && !dc.shadowRoot?.querySelector('#input'); i++) await new Promise((r) => setTimeout(r, 10));
await new Promise((r) => setTimeout(r, 100));
window.__bench.ready = true;
</script></body></html>`;

// The floor: the same request read with fetch and split into SSE frames, nothing rendered. What
// any widget pays per network read before it does anything with the token. With `gapMs`, the
// reader waits that long after each read and reads into a 64 KiB buffer (a BYOB reader, which may
// fill it from several network writes): the events per read show whether a page that reads less
// often gets several tokens per read, and so pays the per-write cost less often.
const readerPage = (
  gapMs,
) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>paced: reader</title></head>
<body><script>${PROBE}</script>
<script type="module">
window.__bench = {
  result: null,
  start(prompt) {
    void this.read(prompt);
  },
  async read(prompt) {
    const input = { content: [{ type: 'input_text', text: prompt }], attachments: [], inference_options: {} };
    const response = await fetch('/chatkit', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'threads.create', params: { input } }) });
    const gap = ${gapMs};
    const reader = gap ? response.body.getReader({ mode: 'byob' }) : response.body.pipeThrough(new TextDecoderStream()).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let length = 0;
    let reads = 0;
    let frames = 0;
    for (;;) {
      const { value, done } = gap ? await reader.read(new Uint8Array(65536)) : await reader.read();
      if (done) break;
      reads++;
      buffer += gap ? decoder.decode(value, { stream: true }) : value;
      let from = 0;
      for (let end = buffer.indexOf('\\n\\n'); end !== -1; end = buffer.indexOf('\\n\\n', from)) {
        const frame = buffer.slice(from, end);
        from = end + 2;
        if (!frame.startsWith('data: ')) continue;
        frames++;
        const event = JSON.parse(frame.slice(6));
        if (event.type === 'thread.item.updated' && event.update.type === 'assistant_message.content_part.text_delta') length += event.update.delta.length;
      }
      buffer = buffer.slice(from);
      if (gap) await new Promise((resolve) => setTimeout(resolve, gap));
    }
    this.result = { reason: 'complete', paintAt: await __afterPaint(), length, nodes: 0, reads, frames };
  },
  ready: true,
};
</script></body></html>`;

const WIDGETS = {
  ours: { label: '<stream-chat>', path: '/ours.html' },
  base: { label: '<stream-chat> --base', path: '/base.html' },
  reader: { label: 'fetch + SSE split only (floor)', path: '/reader.html' },
  spaced: { label: 'the floor, reads spaced (--read-gap-ms)', path: '/spaced.html' },
  'deep-chat': { label: 'deep-chat 2.4.2', path: '/deep-chat.html' },
};

/** Worker thread: the ChatKit endpoint (built server kit) and the pages. The prompt is the plan, as JSON. */
async function serve({ bundle, base, readGapMs }) {
  const { tokens } = markdownAnswer(40000);
  const { ChatKitServer, MemoryStore, createChatKitHandler, streamAssistantText } = await loadServerKit();
  const chatkit = new ChatKitServer({
    store: new MemoryStore(),
    async *respond(thread, item, ctx) {
      const plan = JSON.parse(item.content.map((part) => part.text).join(''));
      yield* streamAssistantText(ctx, thread, pace(tokens, plan));
    },
  });
  await serveFromWorker({
    routes: {
      '/ours.html': OURS_PAGE,
      '/deep-chat.html': DEEP_CHAT_PAGE,
      '/reader.html': readerPage(0),
      '/spaced.html': readerPage(readGapMs),
      ...(base
        ? {
            '/base.html': OURS_PAGE.replace('/dist/stream-chat.js', '/base/stream-chat.js'),
            '/base/stream-chat.js': { file: base },
            ...chunks(base, '/base/'),
          }
        : {}),
      '/dist/stream-chat.js': { file: bundle },
      ...chunks(bundle, '/dist/'),
      '/deep-chat.js': { file: 'node_modules/deep-chat/dist/deepChat.bundle.js' },
    },
    chatkit: createChatKitHandler(chatkit),
  });
}

function plans(options, widget) {
  const burst = options['burst-rate'];
  const prefix = widget === 'deep-chat' ? options['deep-chat-prefix'] : options.prefix;
  return {
    short: { fast: 0, fastRate: burst, pauseMs: 0, paced: options.paced, rate: options.rate },
    long: { fast: prefix, fastRate: burst, pauseMs: options['pause-ms'], paced: options.paced, rate: options.rate },
    burst: { fast: options['burst-tokens'], fastRate: burst, pauseMs: 0, paced: 0, rate: options.rate },
  };
}

async function measure(browser, server, widget, plan, options) {
  const page = await browser.newPage();
  try {
    await page.goto(server.origin + WIDGETS[widget].path, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bench?.ready === true, { timeout: 30_000 });
    const cdp = await page.createCDPSession();
    await cdp.send('Performance.enable');
    const warmUp = widget === 'ours' || widget === 'base' ? options['warm-up'] : 0;
    if (warmUp > 0) {
      const first = { fast: warmUp, fastRate: options['burst-rate'], pauseMs: 0, paced: 0, rate: options.rate };
      await page.evaluate((prompt) => window.__bench.start(prompt), JSON.stringify(first));
      await page.waitForFunction(() => window.__bench.result !== null, { timeout: 30_000 });
      await page.evaluate(() => {
        window.__bench.result = null;
        window.__longtasks.length = 0;
      });
    }
    await sleep(300);
    const snapshotFile = (when) =>
      options['heap-snapshot'] ? `${options['heap-snapshot']}-${plan.name}-${when}.heapsnapshot` : undefined;
    const detailBefore = options['heap-detail'] ? await heapBreakdown(cdp, snapshotFile('before')) : null;
    await cdp.send('HeapProfiler.collectGarbage');
    const heapBefore = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const timeOrigin = await page.evaluate(() => performance.timeOrigin);
    const pacedBefore = server.messages.length;
    const startedAt = epochNow();
    let busyFrom = await taskDuration(cdp);
    let from = startedAt;
    if (options.trace)
      await page.tracing.start({
        path: `${options.trace}-${plan.name}.json`,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'],
      });
    if (options.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    await page.evaluate(
      (prompt, deadline) => window.__bench.start(prompt, deadline),
      JSON.stringify(plan),
      options['deadline-s'] * 1000,
    );
    const giveUp = startedAt + options['deadline-s'] * 1000;
    let result = null;
    while (!result && epochNow() < giveUp) {
      await sleep(20);
      if (plan.paced > 0 && from === startedAt && server.messages.length > pacedBefore) {
        // The paced part starts: measure from here (Node hears of it within a few ms).
        busyFrom = await taskDuration(cdp);
        from = server.messages[pacedBefore].at;
      }
      result = await page.evaluate(() => window.__bench.result);
    }
    const busyTo = await taskDuration(cdp);
    if (options.trace) await page.tracing.stop();
    if (options.profile) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(`${options.profile}-${plan.name}.cpuprofile`, JSON.stringify(profile));
    }
    if (!result) return { finished: false };
    const end = timeOrigin + result.paintAt;
    const tokens = plan.fast + plan.paced;
    const measured = plan.paced > 0 ? plan.paced : plan.fast;
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const detailAfter = detailBefore ? await heapBreakdown(cdp, snapshotFile('after')) : null;
    const longtasks = await page.evaluate(() => window.__longtasks.filter((d) => d > 0));
    return {
      finished: result.reason === 'complete',
      reason: result.reason,
      perToken: (busyTo - busyFrom) / measured,
      busyShare: (busyTo - busyFrom) / (end - from),
      longest: longtasks.length ? Math.max(...longtasks) : 0,
      longCount: longtasks.length,
      nodesPerToken: result.nodes / tokens,
      heap: usedSize,
      heapGrowth: usedSize - heapBefore,
      detail: detailAfter && {
        data: detailAfter.data - detailBefore.data,
        code: detailAfter.code - detailBefore.code,
        strings: detailAfter.strings - detailBefore.strings,
      },
      length: result.length,
      reads: result.reads,
      frames: result.frames,
      wall: end - from,
    };
  } finally {
    await page.close().catch(() => undefined);
  }
}

async function main() {
  const options = readOptions(USAGE, SPEC);
  requireFiles('stream-paced', [
    options.bundle,
    ...(options.base ? [options.base] : []),
    'dist/server/index.js',
    'node_modules/deep-chat/dist/deepChat.bundle.js',
  ]);
  const server = await startServerWorker(new URL(import.meta.url), {
    bundle: options.bundle,
    base: options.base,
    readGapMs: options['read-gap-ms'],
  });
  const { chromium, stop } = await launchWithServer(server);
  const { text, tokens } = markdownAnswer(options['burst-tokens']);
  const answerTokens = markdownAnswer(40000).tokens; // what the server streams (see serve())
  console.log(headerLine('stream-paced', chromium.version));
  console.log(`measuring ${options.bundle}`);
  console.log(
    `answer text: ${(text.length / tokens.length).toFixed(2)} characters per token; each token its own SSE event and network write; widgets 480x600 px\n`,
  );
  const scenarios = String(options.scenarios)
    .split(',')
    .map((s) => s.trim());
  const widgets = String(options.widgets)
    .split(',')
    .map((s) => s.trim())
    .filter((w) => w in WIDGETS);
  const rows = [
    [
      'scenario',
      'widget',
      'ms/token',
      'busy',
      'longest task',
      'tasks>50ms',
      'nodes/token',
      'heap after',
      'heap growth',
      'text',
    ],
  ];
  try {
    for (let round = 0; round < options.repeat; round++)
      for (const scenario of scenarios) {
        for (const widget of widgets) {
          const plan = plans(options, widget)[scenario];
          if (!plan) continue;
          plan.name = `${scenario}-${widget}`;
          const what =
            scenario === 'burst'
              ? `${plan.fast} tokens at ${plan.fastRate}/s`
              : `${plan.paced} at ${plan.rate}/s${plan.fast ? ` after ${plan.fast}` : ''}`;
          process.stdout.write(`${scenario} (${what}): ${WIDGETS[widget].label} ... `);
          const r = await measure(chromium.browser, server, widget, plan, options);
          console.log(
            r.finished ? `done in ${fmt(r.wall / 1000, 's', 1)}` : `NOT finished (${r.reason ?? 'deadline'})`,
          );
          if (!r.finished) continue;
          const row = [
            `${scenario}: ${what}`,
            WIDGETS[widget].label,
            fmt(r.perToken, '', 3),
            `${(r.busyShare * 100).toFixed(1)}%`,
            r.longCount ? fmt(r.longest) : 'none > 50 ms',
            String(r.longCount),
            r.nodesPerToken.toFixed(2),
            `${(r.heap / 1024 / 1024).toFixed(1)} MB`,
            `${(r.heapGrowth / 1024).toFixed(0)} kB (${(r.heapGrowth / Math.max(1, r.length)).toFixed(1)}x text)`,
            `${(r.length / 1024).toFixed(1)} kB`,
          ];
          rows.push(row);
          if (r.detail) {
            const kB = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
            // The text the element holds is the answer's markdown source (the item's text), not the
            // shorter text shown.
            const source = answerTokens.slice(0, plan.fast + plan.paced).join('').length;
            console.log(
              `  heap growth by snapshot: data ${kB(r.detail.data)} (${(r.detail.data / Math.max(1, source)).toFixed(2)}x ` +
                `the ${(source / 1024).toFixed(1)} kB of markdown the answer holds; strings ${kB(r.detail.strings)}), ` +
                `compiled code ${kB(r.detail.code)}`,
            );
          }
          if (r.reads)
            console.log(`  ${r.frames} events in ${r.reads} reads: ${(r.frames / r.reads).toFixed(2)} events per read`);
          console.log(
            `  ${row
              .slice(2)
              .map((cell, i) => `${rows[0][i + 2]} ${cell}`)
              .join(', ')}`,
          );
        }
      }
  } finally {
    await stop();
  }
  console.log('');
  table(rows);
  console.log(
    '\nms/token and busy: main-thread task time (CDP TaskDuration) from the first paced token (burst: from send) to the' +
      '\nfinal paint, per measured token and as a share of that wall time. nodes/token: every node of the answer row' +
      '\n(comments included) / tokens streamed. heap after: JS heap used after a forced GC, page and widget included;' +
      "\nheap growth: that minus the same before the message was sent, and as a multiple of the answer's text length.",
  );
}

if (isMainThread) await main();
else await serve(workerData);

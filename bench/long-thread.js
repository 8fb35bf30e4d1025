// Opening a long thread in <stream-chat>, and paging older messages in by scrolling up, in
// headless Chromium.
//
// The BUILT server kit (dist/server) serves a MemoryStore seeded directly with one thread of
// --items items (alternating user and assistant messages of a few lines of markdown each). Each run
// opens it in a fresh tab (`el.threadId = id`, the element inside a 480x600 px container) and:
// - times setting threadId -> `stream-chat-thread-load-end`, and -> the first paint of the messages
//   (load-end, then one animation frame: a rAF callback and a posted task after it, with message
//   rows in the DOM); main-thread busy time over the same span (CDP Performance.getMetrics
//   TaskDuration delta);
// - counts DOM nodes: the element's shadow root (elements, and all nodes including text and
//   Lit's comment markers) and the whole page (document plus every shadow root);
// - scrolls the message list to the top --pages times in a row; each time it measures the time
//   until the older page is rendered (the number of rows grows; a MutationObserver on the list)
//   and until the next frame after that, the longest frame (rAF to rAF) and longest task
//   (PerformanceObserver 'longtask' / 'long-animation-frame') in between, and whether the view
//   stayed still: the offset of the previously first row from the top of the scroller right
//   after scrolling to the top vs one frame after the older page was rendered ("jump"), and the
//   largest offset change seen at any frame in between ("transient shift", e.g. a loading line).
// It prints the median and the max over the runs. It never fails on time.
//
// Build first (`npm run build`), then: node bench/long-thread.js [--items=2000] [--runs=5] [--pages=5]
import { setTimeout as sleep } from 'node:timers/promises';
import { statSync } from 'node:fs';
import { isMainThread, workerData } from 'node:worker_threads';
import { headerLine, launchWithServer, PROBES, summariseProbe, taskDuration } from './lib/browser.js';
import { heapBreakdown } from './lib/heap.js';
import { random, shortMarkdown } from './lib/markdown-text.js';
import { readOptions } from './lib/options.js';
import { chunks, fromRoot, loadServerKit, requireFiles, serveFromWorker, startServerWorker } from './lib/server.js';
import { fmt, max, median, table } from './lib/stats.js';

const USAGE = `
long-thread: opening a long thread in <stream-chat> (dist/stream-chat.js) and paging older
messages in by scrolling up, in headless Chromium. Prints time to load-end and to first paint,
DOM node counts, and per scroll-up page: time to render, longest frame/task, and the view's jump.
Build first: npm run build. Then: node bench/long-thread.js [options]
Chromium: /usr/bin/chromium, or CHROME_PATH.`;

const SPEC = {
  items: { default: 2000, help: 'items in the seeded thread (alternating user / assistant)' },
  runs: { default: 5, help: 'runs, each in a fresh tab; medians and maxima are printed' },
  pages: { default: 5, help: 'scroll-to-top page loads per run' },
  'heap-detail': { default: 0, help: '1: heap snapshots before and after opening, growth split into data and code' },
  'heap-snapshot': {
    default: '',
    help: "with --heap-detail=1: write the first run's snapshots to <heap-snapshot>-{before,after}.heapsnapshot (compare them with bench/heap-diff.js)",
  },
  'warm-up': {
    default: 0,
    help: '1: open a 4-item thread, then a new conversation, before each measured open: the heap growth then leaves out what the page makes once, on first use (templates, object shapes, code, the item actions and the highlighter loaded from their own files)',
  },
  'timeout-s': { default: 15, help: 'how long to wait for one load or page before giving up on it' },
};

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>long-thread</title>
<style>body{margin:0;font-family:system-ui}#box{height:600px;width:480px}</style></head>
<body><div id="box"><stream-chat api-url="/chatkit"></stream-chat></div>
<script type="module" src="/dist/stream-chat.js"></script>
<script type="module">
await customElements.whenDefined('stream-chat');
const el = document.querySelector('stream-chat');
await el.updateComplete;
const SETTLE_FRAMES = 10;
const scroller = () => el.shadowRoot.querySelector('[part~="messages"]');
const rows = () => scroller()?.querySelectorAll('[part~="message"]') ?? [];

/** Nodes under a root, descending into shadow roots: [elements, all nodes]. */
function countNodes(root) {
  let elements = 0;
  let all = 0;
  const walk = (start) => {
    const walker = document.createTreeWalker(start, NodeFilter.SHOW_ALL);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      all++;
      if (node.nodeType === Node.ELEMENT_NODE) {
        elements++;
        if (node.shadowRoot) walk(node.shadowRoot);
      }
    }
  };
  walk(root);
  return [elements, all];
}

window.__bench = {
  ready: true,
  nodes() {
    const [shadowElements, shadowAll] = countNodes(el.shadowRoot);
    const [pageElements, pageAll] = countNodes(document);
    const text = [...rows()].reduce((sum, row) => sum + (row.textContent ?? '').length, 0);
    return { rows: rows().length, shadowElements, shadowAll, pageElements, pageAll, text };
  },
  async open(id, timeoutMs) {
    __probe.start();
    const start = performance.now();
    const end = new Promise((resolve) => {
      el.addEventListener('stream-chat-thread-load-end', () => resolve(performance.now()), { once: true });
      setTimeout(() => resolve(NaN), timeoutMs);
    });
    el.threadId = id;
    const loadEnd = await end;
    let painted = await __probe.afterPaint();
    while (!rows().length && performance.now() - start < timeoutMs) painted = await __probe.afterPaint();
    const probe = __probe.stop();
    const list = scroller();
    return {
      loadEnd: loadEnd - start,
      painted: rows().length ? painted - start : NaN,
      rows: rows().length,
      atBottom: list ? list.scrollHeight - list.scrollTop - list.clientHeight : NaN,
      probe,
    };
  },
  /** Goes back to a new conversation. */
  async close() {
    el.threadId = null;
    await el.updateComplete;
    await __probe.afterPaint();
  },
  async pageUp(timeoutMs) {
    const list = scroller();
    const before = rows().length;
    const first = rows()[0];
    const offset = () => first.getBoundingClientRect().top - list.getBoundingClientRect().top;
    __probe.start();
    const start = performance.now();
    list.scrollTop = 0;
    const offsetBefore = offset();
    let shift = 0;
    let watching = true;
    const watch = () => {
      if (!watching) return;
      shift = Math.max(shift, Math.abs(offset() - offsetBefore));
      requestAnimationFrame(watch);
    };
    requestAnimationFrame(watch);
    const rendered = await new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (rows().length <= before) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(performance.now());
      });
      observer.observe(list, { childList: true, subtree: true });
      const timer = setTimeout(() => {
        observer.disconnect();
        resolve(NaN);
      }, timeoutMs);
    });
    const painted = await __probe.afterPaint();
    const jump = offset() - offsetBefore;
    // Off-screen rows may get their real height only once rendered (content-visibility): look
    // again after SETTLE_FRAMES more frames.
    for (let frame = 0; frame < SETTLE_FRAMES; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    watching = false;
    const settled = offset() - offsetBefore;
    shift = Math.max(shift, Math.abs(jump), Math.abs(settled));
    const probe = __probe.stop();
    return {
      rendered: rendered - start,
      painted: Number.isNaN(rendered) ? NaN : painted - start,
      rowsBefore: before,
      rowsAfter: rows().length,
      jump,
      settled,
      shift,
      scrollTop: list.scrollTop,
      probe,
    };
  },
};
</script></body></html>`;

/** The text of each item of a seeded thread (the same on every call). */
function threadTexts(items, seed) {
  const rand = random(seed);
  return Array.from({ length: items }, (_, index) => shortMarkdown(rand, index % 2 === 0 ? 'user' : 'assistant'));
}

const WARM_UP_THREAD = 'thr_warmup';

/** Worker thread: seeds the store and serves the page, dist/stream-chat.js and the ChatKit endpoint. */
async function serve({ items }) {
  const { ChatKitServer, MemoryStore, createChatKitHandler } = await loadServerKit();
  const store = new MemoryStore();
  const thread = await seed(store, 'thr_longlong', threadTexts(items, 7));
  // The warm-up answers hold a code block, so the syntax highlighter (a file of its own) loads then.
  const warmUp = threadTexts(4, 8);
  warmUp[3] += '\n\n```js\nconst ready = true;\n```';
  await seed(store, WARM_UP_THREAD, warmUp, 'msg_w');
  const chatkit = new ChatKitServer({
    store,
    async *respond() {
      // Opening and paging never stream.
    },
  });
  await serveFromWorker({
    routes: {
      '/': PAGE,
      '/dist/stream-chat.js': { file: 'dist/stream-chat.js' },
      ...chunks('dist/stream-chat.js', '/dist/'),
    },
    chatkit: createChatKitHandler(chatkit),
    info: { threadId: thread.id },
  });
}

/** A thread of alternating user and assistant messages with the given texts. */
async function seed(store, id, texts, prefix = 'msg_') {
  const items = texts.length;
  const thread = {
    id,
    created_at: '2025-01-01T00:00:00.000Z',
    title: `A ${items}-item thread`,
    status: { type: 'active' },
    metadata: {},
  };
  await store.createThread(thread, undefined);
  const base = Date.parse(thread.created_at);
  for (let index = 0; index < items; index++) {
    const created_at = new Date(base + (index + 1) * 1000).toISOString();
    const id = `${prefix}${index.toString(16).padStart(8, '0')}`;
    const user = index % 2 === 0;
    const text = texts[index];
    await store.addThreadItem(
      thread.id,
      user
        ? {
            type: 'user_message',
            id,
            thread_id: thread.id,
            created_at,
            content: [{ type: 'input_text', text }],
            attachments: [],
            inference_options: {},
          }
        : {
            type: 'assistant_message',
            id,
            thread_id: thread.id,
            created_at,
            content: [{ type: 'output_text', text, annotations: [] }],
          },
      undefined,
    );
  }
  return thread;
}

async function main() {
  const options = readOptions(USAGE, SPEC);
  requireFiles('long-thread', ['dist/stream-chat.js', 'dist/server/index.js']);
  const server = await startServerWorker(new URL(import.meta.url), { items: options.items });
  const texts = threadTexts(options.items, 7);
  const { chromium, stop } = await launchWithServer(server);

  const bundle = statSync(fromRoot('dist/stream-chat.js'));
  console.log(headerLine('long-thread', chromium.version));
  console.log(
    `thread: ${options.items} items (alternating user / assistant, a few lines of markdown each), MemoryStore in a worker thread`,
  );
  console.log(
    `dist/stream-chat.js: ${(bundle.size / 1024).toFixed(1)} kB, built ${bundle.mtime.toISOString()}; element in a 480x600 px container`,
  );
  console.log(`runs: ${options.runs} (fresh tab each), ${options.pages} scroll-to-top page loads per run\n`);

  const timeoutMs = options['timeout-s'] * 1000;
  const runs = [];
  try {
    for (let run = 1; run <= options.runs; run++) {
      const page = await chromium.browser.newPage();
      try {
        await page.evaluateOnNewDocument(PROBES);
        await page.goto(`${server.origin}/`, { waitUntil: 'load' });
        await page.waitForFunction(() => window.__bench?.ready === true, { timeout: 30_000 });
        const cdp = await page.createCDPSession();
        await cdp.send('Performance.enable');
        await sleep(300); // let loading work settle
        if (options['warm-up']) {
          await page.evaluate((id, ms) => window.__bench.open(id, ms), WARM_UP_THREAD, timeoutMs);
          await page.evaluate(() => window.__bench.close());
          await sleep(300);
        }

        const snapshotFile = (when) =>
          options['heap-snapshot'] && run === 1 ? `${options['heap-snapshot']}-${when}.heapsnapshot` : undefined;
        const detailBefore = options['heap-detail'] ? await heapBreakdown(cdp, snapshotFile('before')) : null;
        await cdp.send('HeapProfiler.collectGarbage');
        const heapBefore = (await cdp.send('Runtime.getHeapUsage')).usedSize;
        const busyBefore = await taskDuration(cdp);
        const open = await page.evaluate((id, ms) => window.__bench.open(id, ms), server.info.threadId, timeoutMs);
        open.busy = (await taskDuration(cdp)) - busyBefore;
        open.probe = summariseProbe(open.probe);
        await sleep(200);
        const nodesOpen = await page.evaluate(() => window.__bench.nodes());
        await cdp.send('HeapProfiler.collectGarbage');
        const counters = await cdp.send('Memory.getDOMCounters');
        const heapOpen = (await cdp.send('Runtime.getHeapUsage')).usedSize;
        const detailOpen = detailBefore ? await heapBreakdown(cdp, snapshotFile('after')) : null;
        // The element holds the items of the first page it loaded (every one shown as a row): their
        // markdown is the text it holds.
        const held = texts.slice(texts.length - nodesOpen.rows).reduce((sum, text) => sum + text.length, 0);
        const data = detailOpen ? detailOpen.data - detailBefore.data : NaN;
        if (detailOpen)
          console.log(
            `heap growth by snapshot: data ${fmt(data / 1024, 'kB', 0)} ` +
              `(${(data / Math.max(1, held)).toFixed(1)}x the ${fmt(held / 1024, 'kB', 1)} of markdown of the ${nodesOpen.rows} items held; ` +
              `strings ${fmt((detailOpen.strings - detailBefore.strings) / 1024, 'kB', 0)}), ` +
              `compiled code ${fmt((detailOpen.code - detailBefore.code) / 1024, 'kB', 0)}`,
          );

        const pages = [];
        for (let step = 0; step < options.pages; step++) {
          const result = await page.evaluate((ms) => window.__bench.pageUp(ms), timeoutMs);
          result.probe = summariseProbe(result.probe);
          pages.push(result);
          await sleep(150); // let the restored scroll position settle before the next scroll
        }
        const nodesPaged = await page.evaluate(() => window.__bench.nodes());
        runs.push({ open, nodesOpen, counters, pages, nodesPaged, heapGrowth: heapOpen - heapBefore, held, data });
        console.log(
          `run ${run}/${options.runs}: load-end ${fmt(open.loadEnd)}, first paint ${fmt(open.painted)}, ${open.rows} rows; ` +
            `pages: ${pages.map((p) => `${fmt(p.painted, '', 0)}`).join(' / ')} ms, jumps ${pages.map((p) => fmt(p.jump, '', 0)).join(' / ')} px ` +
            `(settled ${pages.map((p) => fmt(p.settled, '', 0)).join(' / ')} px); ` +
            `${nodesPaged.rows} rows after paging; JS heap after opening ${fmt(heapOpen / 1048576, 'MB', 1)} ` +
            `(page and element), ${fmt((heapOpen - heapBefore) / 1024, 'kB', 0)} more than before opening ` +
            `(${fmt(nodesOpen.text / 1024, 'kB', 1)} of text in ${nodesOpen.rows} rows shown)`,
        );
      } finally {
        await page.close().catch(() => undefined);
      }
    }
  } finally {
    await stop();
  }
  report(runs, options);
}

function report(runs, options) {
  const both = (values, unit = 'ms', digits = 1) => [fmt(median(values), unit, digits), fmt(max(values), unit, digits)];
  console.log(`\nopening the thread (${runs.length} runs)`);
  table([
    ['figure', 'median', 'max'],
    ['threadId set -> thread-load-end', ...both(runs.map((r) => r.open.loadEnd))],
    ['threadId set -> first paint of the messages', ...both(runs.map((r) => r.open.painted))],
    ['main-thread busy over that span (TaskDuration)', ...both(runs.map((r) => r.open.busy))],
    ['longest frame during it (rAF to rAF)', ...both(runs.map((r) => r.open.probe.maxFrame))],
    [
      'longest task during it (longtask entries; 0 = none)',
      ...both(runs.map((r) => (r.open.probe.longtaskCount ? r.open.probe.longestTask : 0))),
    ],
    [
      'rows rendered after opening',
      ...both(
        runs.map((r) => r.open.rows),
        '',
        0,
      ),
    ],
    [
      'distance from the bottom after opening',
      ...both(
        runs.map((r) => r.open.atBottom),
        'px',
        0,
      ),
    ],
  ]);

  const growth = median(runs.map((r) => r.heapGrowth));
  const text = median(runs.map((r) => r.nodesOpen.text));
  const held = median(runs.map((r) => r.held));
  console.log(
    `\nJS heap growth from opening (after GC, median${options['warm-up'] ? ', after a warm-up thread' : ''}): ` +
      `${fmt(growth / 1024, 'kB', 0)} for ${fmt(held / 1024, 'kB', 1)} of markdown held ` +
      `(${fmt(text / 1024, 'kB', 1)} of text shown; ${(growth / Math.max(1, held)).toFixed(1)}x the markdown)`,
  );
  if (options['heap-detail']) {
    const data = median(runs.map((r) => r.data));
    console.log(
      `  of it data (heap snapshots, median): ${fmt(data / 1024, 'kB', 0)}, ${(data / held).toFixed(1)}x the markdown`,
    );
  }

  console.log('\nDOM nodes (median over runs)');
  const nodeRow = (label, get) => [
    label,
    fmt(median(runs.map((r) => get(r.nodesOpen))), '', 0),
    fmt(median(runs.map((r) => get(r.nodesPaged))), '', 0),
  ];
  table([
    ['count', 'after opening', `after ${options.pages} pages`],
    nodeRow('message rows', (n) => n.rows),
    nodeRow('element shadow root: elements', (n) => n.shadowElements),
    nodeRow('element shadow root: all nodes (text, comments too)', (n) => n.shadowAll),
    nodeRow('whole page: elements (incl. shadow roots)', (n) => n.pageElements),
    nodeRow('whole page: all nodes (incl. shadow roots)', (n) => n.pageAll),
    ['renderer DOM node counter (CDP, after GC)', fmt(median(runs.map((r) => r.counters.nodes)), '', 0), ''],
  ]);

  console.log(`\nscroll to the top, ${options.pages} times in a row: median (max) over ${runs.length} runs`);
  const cell = (values, unit = '', digits = 0) =>
    `${fmt(median(values), unit, digits)} (${fmt(max(values), '', digits)})`;
  const rows = [
    [
      'page',
      'rows',
      'rows rendered',
      '+ next frame',
      'longest frame',
      'longest task',
      'jump',
      'jump, settled',
      'largest shift',
    ],
  ];
  const stepRow = (label, list) => [
    label,
    fmt(median(list.map((p) => p.rowsAfter)), '', 0),
    cell(
      list.map((p) => p.rendered),
      'ms',
      1,
    ),
    cell(
      list.map((p) => p.painted),
      'ms',
      1,
    ),
    cell(
      list.map((p) => p.probe.maxFrame),
      'ms',
      1,
    ),
    cell(
      list.map((p) => (p.probe.longtaskCount ? p.probe.longestTask : 0)),
      'ms',
      0,
    ),
    cell(
      list.map((p) => Math.abs(p.jump)),
      'px',
      0,
    ),
    cell(
      list.map((p) => Math.abs(p.settled)),
      'px',
      0,
    ),
    cell(
      list.map((p) => p.shift),
      'px',
      0,
    ),
  ];
  for (let step = 0; step < options.pages; step++)
    rows.push(stepRow(String(step + 1), runs.map((r) => r.pages[step]).filter(Boolean)));
  rows.push(
    stepRow(
      'all',
      runs.flatMap((r) => r.pages),
    ),
  );
  table(rows);
  const failed = runs.flatMap((r) => r.pages).filter((p) => Number.isNaN(p.rendered)).length;
  if (failed) console.log(`  ${failed} page loads did not add rows within ${options['timeout-s']} s`);
  const longTasks = runs.flatMap((r) => r.pages).reduce((sum, p) => sum + p.probe.longtaskCount, 0);
  if (!longTasks) console.log('  no task over 50 ms during any page load (longest task 0 = none reported)');
  console.log(
    '\njump = |offset of the previously first row from the scroller top one frame after the older page\n' +
      'rendered - the same offset right after scrolling to the top|; 0 means the view stayed still.\n' +
      'jump, settled = the same, 10 frames later; largest shift = the largest change seen at any frame\n' +
      'from scrolling to the top until then (the time the page loads included). The longest frame and\n' +
      'task cover the same span; "+ next frame" = until the frame after the rows were rendered.\n' +
      'In the per-run lines the jump is signed: negative = the row moved up (the view skipped ahead).',
  );
}

if (isMainThread) await main();
else await serve(workerData);

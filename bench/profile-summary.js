// Summarises what the benchmarks' `--profile` and `--trace` options write: where a page's main
// thread spent its time.
//
//   node bench/profile-summary.js --file=<file.cpuprofile> [--map=dist/stream-chat.js.map] [--top=30]
//     self time by category (native rendering "(program)", GC, idle), by source (our files through
//     the build's source map, lit, marked, eventsource-parser, the page) and by function.
//   node bench/profile-summary.js --file=<file.json> (a Chromium trace)
//     self time of the renderer main thread's trace events by name (style recalc, layout,
//     pre-paint, paint, script, GC...), and the longest tasks with what they did.
//
// It prints figures only; it reads nothing but the files it is given.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { readOptions } from './lib/options.js';

const USAGE = `
profile-summary: self time by category, source and function of a CPU profile (.cpuprofile), or by
trace event of a Chromium trace (.json), as written by stream-paced.js --profile / --trace.
Usage: node bench/profile-summary.js [options] --file=<file>`;

const SPEC = {
  file: { default: '', help: 'the .cpuprofile or trace .json to summarise' },
  map: { default: 'dist/stream-chat.js.map', help: 'source map of the measured bundle' },
  top: { default: 30, help: 'how many functions / events to list' },
};

const ms = (us) => (us / 1000).toFixed(1).padStart(9);

function summariseProfile(profile, options) {
  let consumer = null;
  try {
    consumer = new SourceMap(JSON.parse(readFileSync(options.map, 'utf8')));
  } catch {
    console.log(`(no source map at ${options.map}: bundle positions are shown as they are)`);
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map(); // node id -> µs
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // Chromium's convention: a sample's time is the delta that follows it.
    const dt = timeDeltas[i + 1] ?? 0;
    self.set(samples[i], (self.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const original = (frame) => {
    if (!consumer || !frame.url.endsWith('/dist/stream-chat.js') || frame.lineNumber < 0) return null;
    // Both 0-based; the entry at or before the position.
    const entry = consumer.findEntry(frame.lineNumber, frame.columnNumber);
    return entry?.originalSource
      ? { source: entry.originalSource, line: entry.originalLine + 1, name: entry.name }
      : null;
  };
  const sourceOf = (frame) => {
    if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native/V8)';
    const position = original(frame);
    if (position?.source) {
      const source = position.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '');
      const m = /^(@?[^/]+(?:\/[^/]+)?)/.exec(source);
      if (source.startsWith('src/')) return source;
      return m?.[1]?.startsWith('@') ? m[1] : (source.split('/')[0] ?? source);
    }
    return frame.url.replace(/^https?:\/\/[^/]+/, '');
  };
  const nameOf = (frame) => {
    const position = original(frame);
    const name = frame.functionName || '(anonymous)';
    if (position?.source) {
      const source = position.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '');
      return `${position.name ?? name} ${source}:${position.line}`;
    }
    return `${name} ${frame.url.replace(/^https?:\/\/[^/]+/, '')}:${frame.lineNumber + 1}`;
  };
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const idle = [...self]
    .filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)')
    .reduce((a, [, t]) => a + t, 0);
  const bySource = new Map();
  const byFunction = new Map();
  for (const [id, time] of self) {
    const frame = byId.get(id).callFrame;
    if (frame.functionName === '(idle)') continue;
    const source = sourceOf(frame);
    bySource.set(source, (bySource.get(source) ?? 0) + time);
    const name = nameOf(frame);
    byFunction.set(name, (byFunction.get(name) ?? 0) + time);
  }
  console.log(`profile: ${ms(total)} ms sampled, ${ms(idle).trim()} ms idle, ${ms(total - idle).trim()} ms busy\n`);
  console.log('self time by source (busy):');
  for (const [source, time] of [...bySource].sort((a, b) => b[1] - a[1]).slice(0, options.top))
    console.log(`${ms(time)} ms ${((time / (total - idle)) * 100).toFixed(1).padStart(5)}%  ${source}`);
  console.log('\nself time by function:');
  for (const [name, time] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, options.top))
    console.log(`${ms(time)} ms ${((time / (total - idle)) * 100).toFixed(1).padStart(5)}%  ${name}`);
}

function summariseTrace(parsed, options) {
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = events.find(
    (e) =>
      e.name === 'thread_name' &&
      e.args?.name === 'CrRendererMain' &&
      events.some((x) => x.pid === e.pid && x.name === 'RunTask' && x.tid === e.tid),
  );
  if (!main) throw new Error('no renderer main thread in the trace');
  // The renderer with the most task time is the measured page.
  const busy = new Map();
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X') continue;
    const key = `${e.pid}:${e.tid}`;
    busy.set(key, (busy.get(key) ?? 0) + (e.dur ?? 0));
  }
  const threads = new Set(
    events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  const [key] = [...busy].filter(([k]) => threads.has(k)).sort((a, b) => b[1] - a[1])[0];
  const list = events
    .filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Self time: an event's duration minus its direct children's.
  const selfOf = new Map();
  const stack = [];
  for (const e of list) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) selfOf.set(parent, (selfOf.get(parent) ?? parent.dur) - e.dur);
    selfOf.set(e, e.dur);
    stack.push(e);
  }
  const byName = new Map();
  let total = 0;
  for (const e of list) {
    const time = Math.max(0, selfOf.get(e) ?? 0);
    const name =
      e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.callFunction'
        ? `${e.name} (script)`
        : e.name;
    byName.set(name, (byName.get(name) ?? 0) + time);
    if (e.name === 'RunTask') total += e.dur;
  }
  console.log(`trace: renderer main thread ${key}, ${ms(total).trim()} ms in tasks\n`);
  console.log('self time by trace event:');
  for (const [name, time] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, options.top))
    console.log(`${ms(time)} ms ${((time / total) * 100).toFixed(1).padStart(5)}%  ${name}`);
  const tasks = list
    .filter((e) => e.name === 'RunTask')
    .sort((a, b) => b.dur - a.dur)
    .slice(0, 5);
  console.log('\nlongest tasks:');
  for (const task of tasks) {
    const inside = new Map();
    for (const e of list) {
      if (e === task || e.ts < task.ts || e.ts + e.dur > task.ts + task.dur) continue;
      inside.set(e.name, (inside.get(e.name) ?? 0) + Math.max(0, selfOf.get(e) ?? 0));
    }
    const parts = [...inside]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([n, t]) => `${n} ${(t / 1000).toFixed(1)}`);
    console.log(`${ms(task.dur)} ms: ${parts.join(', ')}`);
  }
}

const options = readOptions(USAGE, SPEC);
if (!options.file) {
  console.error('--file=<file> is needed (see --help)');
  process.exit(2);
}
const data = JSON.parse(readFileSync(options.file, 'utf8'));
if (Array.isArray(data.nodes)) summariseProfile(data, options);
else summariseTrace(data, options);

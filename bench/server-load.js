// Load and soak run of the built server kit over loopback: a burst of concurrent streaming
// conversations, then thousands of short ones in sequence. Prints throughput, time to first
// event, memory and every failed or truncated stream; never fails on time (it exits 1 only when a
// stream broke). Build first (`npx tsc -p tsconfig.server.json`), then
// `node bench/server-load.js [--concurrency=200] [--soak=3000] [--store=file] …` (see OPTIONS).
// The server runs in a child process (with --expose-gc) so its memory is measured alone.
// `--store=postgres --instances=2` runs two server processes on one PostgreSQL database
// (DATABASE_URL, else a throwaway server from test/support/postgres.js) and sends each
// conversation to the next instance in turn, its threads.delete to the other one.
import { fork } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** Flags (`--name=value`) and environment variables (`BENCH_NAME`) with their defaults. */
const OPTIONS = {
  concurrency: 200, // burst: conversations streaming at once
  tokens: 100, // burst: tokens per answer
  'token-ms': 25, // burst: pause before each token
  soak: 3000, // soak: conversations, each followed by threads.delete
  'soak-concurrency': 20, // soak: conversations in flight at once
  'soak-tokens': 10,
  'soak-token-ms': 1,
  warmup: 200, // short conversations before measuring, not counted
  store: 'memory', // memory | file (a FileStore in a temporary directory) | postgres (a fresh schema)
  compare: 0, // 1: run file, postgres and postgres with 2 instances in turn, then print them side by side
  instances: 1, // server processes, requests spread round-robin (postgres only: the others keep data in-process)
  'deadline-s': 180, // the whole run stops after this, whatever happens
};

const KIT = new URL('../dist/server/index.js', import.meta.url);

// ---------------------------------------------------------------------------------------------
// Server (child process)

async function serve() {
  const { ChatKitServer, FileStore, MemoryStore, PostgresStore, createChatKitHandler, streamAssistantText } =
    await import(KIT.href);
  const directory = process.env.BENCH_STORE_DIRECTORY;
  const database = process.env.BENCH_DATABASE_URL;
  const store = database
    ? new PostgresStore({ connectionString: database, schema: process.env.BENCH_SCHEMA })
    : directory
      ? new FileStore({ directory })
      : new MemoryStore();
  if (database) await store.migrate();
  let errors = 0;

  /** Answers "tokens=N delay=D" with N tokens, D ms apart. */
  async function* respond(thread, item, ctx) {
    const text = item?.content.map((part) => part.text).join('') ?? '';
    const [, tokens = '1', delay = '0'] = /tokens=(\d+) delay=(\d+)/.exec(text) ?? [];
    yield* streamAssistantText(ctx, thread, words(Math.min(Number(tokens), 10_000), Number(delay), ctx.signal));
  }

  const server = new ChatKitServer({ store, respond, onError: () => errors++ });
  const httpServer = http.createServer(createChatKitHandler(server));
  httpServer.listen(0, '127.0.0.1');
  await new Promise((resolve) => httpServer.once('listening', resolve));
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();

  // The driver is gone (it crashed or was killed): never outlive it.
  process.on('disconnect', () => process.exit(0));
  process.on('message', async (message) => {
    if (message.type === 'stop') {
      httpServer.closeAllConnections();
      httpServer.close(() => void Promise.resolve(database ? store.close() : undefined).finally(() => process.exit(0)));
      return;
    }
    if (message.gc && typeof globalThis.gc === 'function') {
      // Twice: the first pass can leave objects that only a second one frees (weak refs, finalizers).
      globalThis.gc();
      await sleep(50);
      globalThis.gc();
    }
    const { rss, heapUsed } = process.memoryUsage();
    process.send({ type: 'snapshot', rss, heapUsed, lagP99: lag.percentile(99) / 1e6, lagMax: lag.max / 1e6, errors });
    lag.reset();
  });
  process.send({ type: 'ready', port: httpServer.address().port, gc: typeof globalThis.gc === 'function' });
}

async function* words(count, delay, signal) {
  for (let index = 0; index < count; index++) {
    if (delay > 0) await sleep(delay, undefined, { signal });
    yield `w${index} `;
  }
}

// ---------------------------------------------------------------------------------------------
// Driver (parent process)

async function drive() {
  const options = readOptions();
  if (!options.compare) {
    const { broken } = await run(options);
    process.exit(broken === 0 ? 0 : 1);
  }
  // The same load against FileStore, then PostgreSQL with one and with two instances.
  const runs = [];
  for (const [store, instances] of [
    ['file', 1],
    ['postgres', 1],
    ['postgres', 2],
  ]) {
    console.log(`\n=== store=${store}, ${instances} instance${instances > 1 ? 's' : ''}\n`);
    runs.push([
      `${store}, ${instances} instance${instances > 1 ? 's' : ''}`,
      await run({ ...options, store, instances }),
    ]);
  }
  console.log('\nside by side (burst | soak):');
  for (const [label, result] of runs) {
    const line = (phaseResult) =>
      `${rate(phaseResult.events, phaseResult.elapsed)} events/s, first event p50 ${quantile(phaseResult.firstEvent, 0.5)} / p95 ${quantile(phaseResult.firstEvent, 0.95)} ms`;
    console.log(`  ${label.padEnd(22)} ${line(result.burst)} | ${line(result.soak)}`);
  }
  process.exit(runs.some(([, result]) => result.broken > 0) ? 1 : 0);
}

/** One whole run (warm-up, burst, soak) with one store and instance count; prints as it goes. */
async function run(options) {
  if (!existsSync(fileURLToPath(KIT))) {
    console.error('server-load: dist/server/index.js is missing; build it first: npx tsc -p tsconfig.server.json');
    process.exit(1);
  }
  const started = performance.now();
  const directory = options.store === 'file' ? await mkdtemp(join(tmpdir(), 'server-load-')) : undefined;
  const database = options.store === 'postgres' ? await openDatabase() : undefined;
  const cleanUp = async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
    await database?.close();
  };
  const children = Array.from({ length: options.instances }, () =>
    fork(fileURLToPath(import.meta.url), ['--serve'], {
      execArgv: ['--expose-gc'],
      env: {
        ...process.env,
        BENCH_STORE_DIRECTORY: directory ?? '',
        BENCH_DATABASE_URL: database?.url ?? '',
        BENCH_SCHEMA: database?.schema ?? '',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const deadline = setTimeout(() => {
    console.error(`server-load: stopped at the ${options['deadline-s']} s deadline`);
    for (const child of children) child.kill();
    if (directory) rmSync(directory, { recursive: true, force: true });
    void Promise.resolve(database?.close()).finally(() => process.exit(1));
  }, options['deadline-s'] * 1000);
  deadline.unref();

  let stopping = false;
  for (const child of children) {
    child.once('exit', (code) => {
      if (stopping) return;
      console.error(`server-load: a server process exited (${code}) during the run`);
      for (const other of children) other.kill();
      void cleanUp().finally(() => process.exit(1));
    });
  }
  const channels = children.map(channel);
  /** Memory and event-loop figures of every instance: sums of memory, the worst delays. */
  const snapshot = async (gc = false) => {
    const all = await Promise.all(channels.map((each) => each.ask({ type: 'snapshot', gc })));
    const sum = (key) => all.reduce((total, value) => total + value[key], 0);
    const max = (key) => Math.max(...all.map((value) => value[key]));
    return {
      rss: sum('rss'),
      heapUsed: sum('heapUsed'),
      errors: sum('errors'),
      lagP99: max('lagP99'),
      lagMax: max('lagMax'),
    };
  };

  const ready = await Promise.all(channels.map((each) => each.next()));
  const urls = ready.map((each) => `http://127.0.0.1:${each.port}/chatkit`);
  let turn = 0;
  /** The next instance in turn, and the one after it (for the conversation's threads.delete). */
  const route = () => {
    const index = turn++;
    return [urls[index % urls.length], urls[(index + 1) % urls.length]];
  };
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const where =
    options.instances > 1 ? `${options.instances} server processes, requests round-robin` : 'server in a child process';
  console.log(
    `server-load: node ${process.version}, ${availableParallelism()} CPUs, store=${options.store}, ` +
      `${where}, forced GC ${ready[0].gc ? 'available (--expose-gc)' : 'unavailable'}`,
  );

  const memory = [['before', await snapshot()]];

  // Cold code (both processes) would otherwise dominate the burst's first events.
  const warmUp = await phase(options.warmup, 10, () => conversation(route(), agent, { tokens: 5, delay: 0 }, true));
  await snapshot();
  console.log(`warm-up: ${options.warmup} short conversations in ${seconds(warmUp.elapsed)} (not counted below)`);

  const burst = { tokens: options.tokens, delay: options['token-ms'] };
  console.log(
    `\nburst: ${options.concurrency} conversations at once, ${burst.tokens} tokens each, ${burst.delay} ms apart`,
  );
  const burstResult = await phase(options.concurrency, options.concurrency, () =>
    conversation(route(), agent, burst, false),
  );
  const afterBurst = await snapshot();
  report(burstResult, afterBurst);
  memory.push(['after burst', afterBurst]);

  const soak = { tokens: options['soak-tokens'], delay: options['soak-token-ms'] };
  console.log(
    `\nsoak: ${options.soak} conversations, ${options['soak-concurrency']} at a time, ` +
      `${soak.tokens} tokens each, ${soak.delay} ms apart, each followed by threads.delete`,
  );
  const soakResult = await phase(options.soak, options['soak-concurrency'], () =>
    conversation(route(), agent, soak, true),
  );
  const afterSoak = await snapshot();
  report(soakResult, afterSoak);
  memory.push(['after soak', afterSoak]);
  const afterGc = await snapshot(true);
  memory.push([ready[0].gc ? 'after forced GC' : 'after soak (no GC)', afterGc]);

  console.log(`\nmemory of the server process${children.length > 1 ? 'es (summed)' : ''} (RSS / heapUsed):`);
  for (const [label, value] of memory) console.log(`  ${label.padEnd(16)} ${mb(value.rss)} / ${mb(value.heapUsed)}`);
  const retained = afterGc.heapUsed - memory[0][1].heapUsed;
  console.log(
    `  heap retained after the run: ${mb(retained)} (the burst's ${options.concurrency} threads stay stored)`,
  );
  if (afterGc.errors > 0) console.log(`  the server reported ${afterGc.errors} unexpected errors (onError)`);

  const broken = warmUp.failures.length + burstResult.failures.length + soakResult.failures.length;
  console.log(
    `\ntotal time: ${seconds(performance.now() - started)}, ${broken === 0 ? 'every stream complete' : `${broken} broken streams`}`,
  );

  agent.destroy();
  stopping = true;
  for (const child of children) child.send({ type: 'stop' });
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  await cleanUp();
  clearTimeout(deadline);
  return { broken, burst: burstResult, soak: soakResult };
}

/** Messages from one child, in order: `next()` waits for the next one, `ask()` sends then waits. */
function channel(child) {
  const messages = [];
  const waiters = [];
  child.on('message', (message) => (waiters.shift() ?? ((value) => messages.push(value)))(message));
  const next = () =>
    messages.length ? Promise.resolve(messages.shift()) : new Promise((resolve) => waiters.push(resolve));
  return {
    next,
    ask(message) {
      child.send(message);
      return next();
    },
  };
}

/**
 * The database for --store=postgres: DATABASE_URL (or TEST_DATABASE_URL) with a fresh schema,
 * else a throwaway PostgreSQL server. `close()` drops the schema (and stops that server).
 */
async function openDatabase() {
  const { dropSchemas, startPostgres } = await import('../test/support/postgres.js');
  const given = process.env.DATABASE_URL || process.env.TEST_DATABASE_URL;
  const server = given ? undefined : await startPostgres();
  const url = given ?? server.url;
  const schema = `bench_${process.pid}`;
  return {
    url,
    schema,
    async close() {
      await dropSchemas(url, [schema]);
      await server?.stop();
    },
  };
}

function readOptions() {
  const options = { ...OPTIONS };
  for (const name of Object.keys(OPTIONS)) {
    const flag = process.argv.find((arg) => arg.startsWith(`--${name}=`));
    const raw = flag?.slice(name.length + 3) ?? process.env[`BENCH_${name.toUpperCase().replaceAll('-', '_')}`];
    if (raw === undefined) continue;
    if (typeof OPTIONS[name] === 'number') {
      const value = Number(raw);
      if (!Number.isFinite(value) || value < 0) usage(`--${name} must be a number ≥ 0, got ${raw}`);
      options[name] = value;
    } else {
      options[name] = raw;
    }
  }
  if (!['memory', 'file', 'postgres'].includes(options.store))
    usage(`--store must be memory, file or postgres, got ${options.store}`);
  if (options.instances < 1 || !Number.isInteger(options.instances))
    usage(`--instances must be a whole number ≥ 1, got ${options.instances}`);
  if (options.instances > 1 && options.store !== 'postgres')
    usage('--instances above 1 needs --store=postgres (the other stores live in one process)');
  return options;
}

function usage(problem) {
  console.error(`server-load: ${problem}\noptions (--name=value or BENCH_NAME): ${Object.keys(OPTIONS).join(', ')}`);
  process.exit(2);
}

/** Runs `count` conversations with at most `limit` in flight. */
async function phase(count, limit, run) {
  const results = [];
  let started = 0;
  const begin = performance.now();
  const worker = async () => {
    while (started < count) {
      started++;
      results.push(await run());
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
  const elapsed = performance.now() - begin;
  return {
    elapsed,
    count,
    events: results.reduce((sum, result) => sum + result.events, 0),
    firstEvent: results.flatMap((result) => (result.firstEvent === undefined ? [] : [result.firstEvent])),
    firstToken: results.flatMap((result) => (result.firstToken === undefined ? [] : [result.firstToken])),
    failures: results.filter((result) => result.problem),
  };
}

function report(result, server) {
  const ok = result.count - result.failures.length;
  const failed = result.failures.filter((failure) => failure.kind === 'failed').length;
  console.log(
    `  done in ${seconds(result.elapsed)}: ${ok} complete, ${failed} failed, ${result.failures.length - failed} truncated`,
  );
  const perSecond = (value) => Math.round((value * 1000) / result.elapsed).toLocaleString('en-US');
  console.log(`  throughput: ${perSecond(result.events)} events/s, ${perSecond(result.count)} conversations/s`);
  console.log(`  time to first event: ${percentiles(result.firstEvent)}`);
  console.log(`  time to first token: ${percentiles(result.firstToken)}`);
  console.log(`  server event-loop delay: p99 ${server.lagP99.toFixed(1)} ms, max ${server.lagMax.toFixed(1)} ms`);
  for (const failure of result.failures.slice(0, 10)) console.log(`  ${failure.kind}: ${failure.problem}`);
  if (result.failures.length > 10) console.log(`  … and ${result.failures.length - 10} more`);
}

/**
 * Streams one `threads.create` and checks it event by event: thread.created, the user message,
 * stream_options, the assistant message added, its content part, one delta per token, the part
 * done and the message done with the whole text; then, for the soak, deletes the thread (through `deleteUrl`: with several instances, another one).
 */
async function conversation([url, deleteUrl], agent, { tokens, delay }, deleteAfter) {
  const body = JSON.stringify({
    type: 'threads.create',
    params: {
      input: {
        content: [{ type: 'input_text', text: `tokens=${tokens} delay=${delay}` }],
        attachments: [],
        inference_options: {},
      },
    },
  });
  const timeout = tokens * delay * 4 + 15_000;
  const result = { events: 0, firstEvent: undefined, firstToken: undefined, problem: undefined, kind: 'failed' };
  const begin = performance.now();
  const seen = [];
  let response;
  try {
    response = await post(url, agent, body, timeout, (event) => {
      result.events++;
      const now = performance.now() - begin;
      result.firstEvent ??= now;
      if (event.update?.type === 'assistant_message.content_part.text_delta') result.firstToken ??= now;
      seen.push(event);
    });
  } catch (error) {
    result.problem = `${error.message} after ${seen.length} events`;
    return result;
  }
  if (response.status !== 200) {
    result.problem = `HTTP ${response.status}`;
    return result;
  }
  const expectedText = Array.from({ length: tokens }, (_, index) => `w${index} `).join('');
  const types = seen.map((event) => event.update?.type ?? event.type);
  const expected = [
    'thread.created',
    'thread.item.done',
    'stream_options',
    'thread.item.added',
    'assistant_message.content_part.added',
    ...Array.from({ length: tokens }, () => 'assistant_message.content_part.text_delta'),
    'assistant_message.content_part.done',
    'thread.item.done',
  ];
  const last = seen.at(-1);
  const finalText = last?.item?.content?.[0]?.text;
  if (
    types.length !== expected.length ||
    types.some((type, index) => type !== expected[index]) ||
    finalText !== expectedText
  ) {
    result.kind = 'truncated';
    result.problem = `got ${types.length} of ${expected.length} events, last ${types.at(-1) ?? 'none'}`;
    return result;
  }
  if (deleteAfter) {
    const threadId = seen[0].thread.id;
    try {
      const body = JSON.stringify({ type: 'threads.delete', params: { thread_id: threadId } });
      // A kept-alive socket the server closed as idle just as it was reused fails at once with
      // ECONNRESET; a delete is safe to send again whether or not it arrived.
      const deleted = await post(deleteUrl, agent, body, 15_000).catch((error) =>
        error.code === 'ECONNRESET' ? post(deleteUrl, agent, body, 15_000) : Promise.reject(error),
      );
      if (deleted.status !== 200 || deleted.text !== '{}')
        result.problem = `threads.delete answered ${deleted.status} ${deleted.text}`;
    } catch (error) {
      result.problem = `threads.delete: ${error.message}`;
    }
  }
  return result;
}

/**
 * POSTs a body; for `text/event-stream` calls `onEvent` per `data:` frame as it arrives. Rejects
 * when the connection fails, is cut before the body ends, or takes longer than `timeout` ms.
 */
function post(url, agent, body, timeout, onEvent) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      timeout,
    });
    request.on('timeout', () => request.destroy(new Error(`no data for ${timeout} ms`)));
    request.on('error', reject);
    request.on('response', (response) => {
      response.setEncoding('utf8');
      const streaming = response.headers['content-type']?.startsWith('text/event-stream');
      let buffer = '';
      let text = '';
      response.on('data', (chunk) => {
        if (!streaming) {
          text += chunk;
          return;
        }
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = frame
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
            .join('\n');
          if (data) onEvent?.(JSON.parse(data));
        }
      });
      response.on('aborted', () => reject(new Error('the response was cut off')));
      response.on('error', reject);
      response.on('end', () => {
        if (!response.complete) reject(new Error('the response was cut off'));
        else if (buffer.trim() !== '') reject(new Error('the stream ended inside a frame'));
        else resolve({ status: response.statusCode, text });
      });
    });
    request.end(body);
  });
}

const rate = (count, ms) => Math.round((count * 1000) / ms).toLocaleString('en-US');

function quantile(values, q) {
  if (values.length === 0) return '-';
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))].toFixed(0);
}

function percentiles(values) {
  if (values.length === 0) return 'no samples';
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return `p50 ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, p99 ${at(0.99).toFixed(1)} ms`;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

if (process.argv.includes('--serve')) await serve();
else await drive();

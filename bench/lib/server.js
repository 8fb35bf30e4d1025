// One loopback HTTP server per benchmark: the bench pages, files from dist/ and node_modules, and
// a ChatKit endpoint built with the BUILT server kit (dist/server). Node 20, no dependencies.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';

/** The package root (bench/lib/../..). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Absolute path of a file in the package. */
export const fromRoot = (path) => fileURLToPath(new URL(path, new URL('../../', import.meta.url)));

/** Milliseconds since the Unix epoch with sub-millisecond precision (the browser's timeOrigin + now() clock). */
export const epochNow = () => performance.timeOrigin + performance.now();

/**
 * Exits with a hint to build when a needed file is missing.
 *
 * @param {string} script - The benchmark's name, for the message.
 * @param {string[]} paths - Files relative to the package root.
 */
export function requireFiles(script, paths) {
  const missing = paths.filter((path) => !existsSync(fromRoot(path)));
  if (!missing.length) return;
  console.error(`${script}: missing ${missing.join(', ')}`);
  console.error('Build the package first: npm run build');
  console.error('(or only what the benchmarks load: npx tsc -p tsconfig.server.json && npx vite build --mode bundle)');
  process.exit(1);
}

/**
 * Routes for the optional parts a build loads on first use (`stream-chat-*.js` beside it: the item
 * actions, the syntax highlighter, ...), served at `at` as a page would find them beside the build.
 *
 * @param {string} bundle - The build's module file, relative to the package root.
 * @param {string} at - The URL folder the page loads the build from (`/dist/`).
 */
export function chunks(bundle, at) {
  const folder = dirname(bundle);
  const names = readdirSync(fromRoot(folder)).filter((name) => /^stream-chat-.+\.js$/.test(name));
  return Object.fromEntries(names.map((name) => [at + name, { file: join(folder, name) }]));
}

/** Loads the built server kit (dist/server/index.js). */
export function loadServerKit() {
  return import(new URL('../../dist/server/index.js', import.meta.url).href);
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
};

/**
 * Starts the server on 127.0.0.1 and a free port.
 *
 * @param {object} options
 * @param {Record<string, string | {file: string}>} options.routes - GET paths: an HTML/JS string,
 *   or `{file}` relative to the package root (read once, served from memory).
 * @param {(req, res) => unknown} options.chatkit - The ChatKit handler, served at POST /chatkit.
 * @param {(record: object) => void} [options.onStream] - Called when an event-stream response
 *   finished, with `{startedAt, firstByteAt, lastByteAt, bytes}` (epoch ms; `firstByteAt` is the
 *   first body write, `lastByteAt` the call to end() that writes the last bytes).
 * @returns {Promise<{origin: string, close(): Promise<void>}>}
 */
async function startServer({ routes, chatkit, onStream = () => undefined }) {
  const files = new Map();
  for (const [path, value] of Object.entries(routes)) {
    const body = typeof value === 'string' ? Buffer.from(value) : readFileSync(fromRoot(value.file));
    const name = typeof value === 'string' ? path : value.file;
    const type = TYPES[/\.[a-z]+$/.exec(name)?.[0] ?? '.html'] ?? 'application/octet-stream';
    files.set(path, { body, type });
  }
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/chatkit') {
      track(res, onStream);
      return void chatkit(req, res);
    }
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const file = files.get(path);
    if (req.method !== 'GET' || !file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length, 'cache-control': 'no-store' });
    res.end(file.body);
  });
  server.keepAliveTimeout = 1000;
  server.listen(0, '127.0.0.1');
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Records the timing of event-stream responses without changing what is written. */
function track(res, onStream) {
  const record = { startedAt: epochNow(), firstByteAt: 0, lastByteAt: 0, bytes: 0 };
  let stream = false;
  const { writeHead, write, end } = res;
  res.writeHead = function (status, ...rest) {
    const headers = rest.find((value) => value && typeof value === 'object') ?? {};
    const type = headers['content-type'] ?? headers['Content-Type'] ?? res.getHeader('content-type') ?? '';
    stream = /event-stream/.test(String(type));
    return writeHead.call(this, status, ...rest);
  };
  res.write = function (chunk, ...rest) {
    if (stream) {
      if (!record.firstByteAt) record.firstByteAt = epochNow();
      record.bytes += Buffer.byteLength(chunk);
    }
    return write.call(this, chunk, ...rest);
  };
  // The last byte is written when end() is called (it writes the body's terminating chunk);
  // 'finish' can fire later, once this thread gets around to it.
  res.end = function (...args) {
    if (stream && !record.lastByteAt) record.lastByteAt = epochNow();
    return end.apply(this, args);
  };
  res.once('finish', () => {
    if (stream) onStream(record);
  });
}

/**
 * Runs the benchmark's server in a worker thread, so that streaming as fast as the server can
 * write never starves the driver's own timers (sampling, deadlines). The worker is `script`
 * itself: it must call {@link serveFromWorker} when `isMainThread` is false.
 *
 * @param {URL} script - The module to run in the worker (usually `import.meta.url`).
 * @param {object} data - Its `workerData`.
 * @returns {Promise<{origin: string, info: object, streams: object[], messages: object[], close(): Promise<void>}>}
 *   `streams` fills with the records described in {@link startServer}; `messages` with any other
 *   message the worker posts; `info` is what the worker passed as `info` (for example a seeded
 *   thread id).
 */
export async function startServerWorker(script, data) {
  const worker = new Worker(script, { workerData: data });
  const streams = [];
  const messages = [];
  const ready = await new Promise((resolve, reject) => {
    worker.on('message', (message) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'stream') streams.push(message.record);
      else messages.push(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the server worker exited with code ${code}`)));
  });
  worker.on('error', (error) => console.error('server worker:', error));
  return {
    origin: ready.origin,
    info: ready.info,
    streams,
    messages,
    close: async () => {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ type: 'close' });
      const timer = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The worker side of {@link startServerWorker}: serves, reports streams, closes when told. */
export async function serveFromWorker({ routes, chatkit, info = {} }) {
  const server = await startServer({
    routes,
    chatkit,
    onStream: (record) => parentPort.postMessage({ type: 'stream', record }),
  });
  parentPort.on('message', async (message) => {
    if (message.type !== 'close') return;
    await server.close();
    parentPort.close();
  });
  parentPort.postMessage({ type: 'ready', origin: server.origin, info });
}

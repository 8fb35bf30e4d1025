/**
 * Several server-kit instances on one PostgreSQL database, each a real process
 * (test/support/postgres-instance.ts), plus a round-robin proxy in front of them: what a load
 * balancer without stickiness does. Used by the multi-instance tests and the element test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { ThreadStreamEvent } from '../../src/protocol/types.js';
import { readSse, sseEvents } from './sse.js';

const SCRIPT = fileURLToPath(new URL('./postgres-instance.ts', import.meta.url));

/** A running instance. */
export interface Instance {
  readonly name: string;
  readonly port: number;
  /** Its ChatKit endpoint. */
  readonly url: string;
  readonly process: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
  /** Everything it wrote to stderr. */
  readonly errors: string[];
}

/**
 * Starts an instance and resolves once it accepts requests (its schema migrated).
 *
 * @param name - Its name (x-instance header, application_name in pg_stat_activity).
 * @param env - DATABASE_URL, STORE_SCHEMA and optionally GRACE_MS.
 */
export function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    env: { ...process.env, ...env, INSTANCE: name, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const errors: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => errors.push(chunk));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const port = /listening (\d+)/.exec(output)?.[1];
      if (!port) return;
      output = '';
      resolve({ name, port: Number(port), url: `http://127.0.0.1:${port}/chatkit`, process: child, exited, errors });
    });
    void exited.then((code) =>
      reject(new Error(`instance ${name} exited (${code}) before listening:\n${errors.join('')}`)),
    );
  });
}

/** Stops an instance with SIGTERM and resolves with its exit code. */
export async function stopInstance(instance: Instance): Promise<number | string> {
  if (instance.process.exitCode === null && instance.process.signalCode === null) instance.process.kill('SIGTERM');
  return instance.exited;
}

/** A proxy that sends each request to the next instance in turn; `served` lists who got each. */
export interface Proxy {
  readonly url: string;
  readonly served: string[];
  close(): Promise<void>;
}

/**
 * A round-robin reverse proxy on 127.0.0.1. Requests for anything but `/chatkit` go to `fallback`
 * (a page and its scripts), when given.
 */
export async function roundRobinProxy(
  instances: Instance[],
  fallback?: (path: string) => { type: string; body: string } | null,
): Promise<Proxy> {
  const served: string[] = [];
  let turn = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/chatkit') {
      const found = fallback?.(req.url ?? '/');
      if (!found) return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': found.type }).end(found.body);
    }
    const target = instances[turn++ % instances.length];
    if (!target) return void res.writeHead(502).end();
    served.push(target.name);
    const upstream = request(
      { host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/chatkit`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** POSTs a JSON body to an endpoint. */
export function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });
}

/** POSTs a streaming request and reads all its events. */
export async function stream(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ThreadStreamEvent[]> {
  const response = await post(url, body, headers);
  if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  return readSse(response);
}

/** POSTs a non-streaming request and returns status and text (to compare bytes). */
export async function json(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const response = await post(url, body, headers);
  return { status: response.status, text: await response.text() };
}

export { sseEvents };

/** A user message input as the element sends it. */
export const input = (text: string) => ({
  content: [{ type: 'input_text', text }],
  attachments: [],
  inference_options: {},
});

/** The thread id of a `threads.create` stream. */
export function threadIdOf(events: ThreadStreamEvent[]): string {
  const first = events[0];
  if (first?.type !== 'thread.created') throw new Error(`expected thread.created, got ${first?.type}`);
  return first.thread.id;
}

/** The final texts of the assistant messages done in a stream. */
export function answers(events: ThreadStreamEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'thread.item.done' && event.item.type === 'assistant_message'
      ? [event.item.content.map((part) => part.text).join('')]
      : [],
  );
}

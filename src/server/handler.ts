/**
 * The node:http request listener for a `ChatKitServer` (frameworks built on node:http use it
 * too): request guards, the bounded body read, JSON and error answers, the SSE stream with an
 * idle timeout and an abort when the client leaves, and the attachment routes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ThreadStreamEvent } from '../protocol/types.js';
import type { ChatKitServer } from './chatkit-server.js';
import { matchAttachmentRoute, serveAttachmentRoute } from './attachment-routes.js';
import { ChatKitRequestError } from './errors.js';
import { ClientGoneError, readBody } from './request-body.js';
import { guardRequest, type AllowedOrigins } from './request-guard.js';
import type { RequestLimits } from './validate.js';
import { encodeSseEvent, SSE_HEADERS } from './wire.js';

/** Options of {@link createChatKitHandler}. */
export interface ChatKitHandlerOptions<C> {
  /**
   * Builds the request context handed to the store and to respond (the user, tenant, locale…).
   * Throw a `ChatKitRequestError` (for example 401) to refuse the request. Without it the
   * context is `undefined`.
   */
  context?: (req: IncomingMessage) => C | Promise<C>;
  /**
   * Cross-site pages allowed to call the endpoint (exact origins, `'*'`, or a function). By
   * default only same-origin pages and non-browser clients may; other origins get 403.
   */
  allowedOrigins?: AllowedOrigins;
  /** Largest accepted request body in bytes; larger ones get 413. Defaults to 1 MiB. */
  maxBodyBytes?: number;
  /** Longest time for a request body to arrive, in ms; slower ones get 408. Defaults to 30 000. */
  bodyTimeoutMs?: number;
  /**
   * Longest silence of a streamed answer, in ms: the turn is then stopped and the stream ends
   * with a retryable `stream.error`. Defaults to 120 000.
   */
  streamIdleTimeoutMs?: number;
  /** Bounds on nesting, title length, message parts and ids (defaults: `DEFAULT_REQUEST_LIMITS`). */
  limits?: Partial<RequestLimits>;
  /** Longest time for a file upload to arrive, in ms; a slower one is discarded. Defaults to 120 000. */
  uploadTimeoutMs?: number;
}

/**
 * A node:http request listener; it also fits Express (with or without `express.json()`), Koa
 * (`ctx.req`, `ctx.res` with `ctx.respond = false`) and Hono's Node adapter. Fastify parses bodies
 * itself: there, call `ChatKitServer.process(request.body, …)` and stream with `encodeSseEvent`.
 */
export type ChatKitHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves a {@link ChatKitServer} on node:http. Answers POST with `Content-Type: application/json`
 * only (405, 415), from the same origin, a non-browser client or an allowed origin (403), reads a
 * body of at most `maxBodyBytes` within `bodyTimeoutMs` (413 or 408, then the connection closes),
 * or uses `req.body` when a body parser already ran. Refused requests get their status and
 * `{"error":{"code","message"}}`, unexpected failures a 500 with the same shape (never a stack
 * trace); every answer carries `X-Content-Type-Options: nosniff`. Streaming requests get
 * `200 text/event-stream` with one flushed `data:` frame per event; when the client goes away the
 * turn is aborted. With an attachment store on the server it also serves the upload and file
 * routes under the endpoint's path (see `attachment-routes.ts` and the README). A client hanging up is not an error: `onError` never hears of it.
 *
 * @param server - The ChatKit server to route requests to.
 * @param options - The request context, allowed origins, limits and timeouts.
 * @returns A `(req, res) => Promise<void>` listener that never rejects.
 */
export function createChatKitHandler<C>(
  server: ChatKitServer<C>,
  options: ChatKitHandlerOptions<C> = {},
): ChatKitHandler {
  const body = { maxBytes: options.maxBodyBytes ?? 1024 * 1024, timeoutMs: options.bodyTimeoutMs ?? 30_000 };
  const idleTimeoutMs = options.streamIdleTimeoutMs ?? 120_000;
  return async (req, res) => {
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    res.setHeader('x-content-type-options', 'nosniff');
    try {
      const route = server.attachments ? matchAttachmentRoute(req) : null;
      if (route && server.attachments) {
        await serveAttachmentRoute(server.attachments, route, req, res, {
          allowedOrigins: options.allowedOrigins,
          context: async (request) => (options.context ? await options.context(request) : (undefined as C)),
          timeoutMs: options.uploadTimeoutMs ?? 120_000,
        });
        return;
      }
      if (guardRequest(req, res, options.allowedOrigins) === 'answered') return;
      const raw = await readBody(req, body);
      // Without a context function C is expected to accept undefined (documented above).
      const context = options.context ? await options.context(req) : (undefined as C);
      const result = await server.process(raw, context, { signal: abort.signal, limits: options.limits });
      if (!result.streaming) {
        sendJson(res, 200, result.json);
        return;
      }
      res.writeHead(200, SSE_HEADERS);
      res.flushHeaders();
      await streamEvents(res, result.events, idleTimeoutMs, abort);
      res.end();
    } catch (error) {
      if (error instanceof ClientGoneError) {
        res.destroy();
        return;
      }
      if (!(error instanceof ChatKitRequestError)) server.onError(error);
      if (res.headersSent) {
        // The status is already sent: ending the body is the only signal left (an empty or cut
        // stream, which clients treat as a failure).
        res.end();
      } else if (error instanceof ChatKitRequestError) {
        // After 408 or 413 the rest of the body is still on its way: close instead of reading it.
        const close = error.status === 408 || error.status === 413;
        sendJson(res, error.status, { error: { code: error.code, message: error.message } }, close);
      } else {
        sendJson(res, 500, { error: { code: 'internal_error', message: 'The server failed to handle the request.' } });
      }
    }
  };
}

const IDLE = Symbol('idle');

/**
 * Writes the events as they come. When the turn stays silent for `idleMs`, it is stopped (its
 * partial answer is saved as on a disconnect) and the stream ends with a retryable error.
 */
async function streamEvents(
  res: ServerResponse,
  events: AsyncIterable<ThreadStreamEvent>,
  idleMs: number,
  abort: AbortController,
): Promise<void> {
  const iterator = events[Symbol.asyncIterator]();
  let wake: ((value: typeof IDLE) => void) | undefined;
  const timer = setTimeout(() => wake?.(IDLE), idleMs);
  try {
    for (;;) {
      timer.refresh();
      const step = await new Promise<IteratorResult<ThreadStreamEvent> | typeof IDLE>((resolve, reject) => {
        wake = resolve;
        iterator.next().then(resolve, reject);
      });
      if (step === IDLE) {
        await write(res, encodeSseEvent({ type: 'error', code: 'stream.error', allow_retry: true }));
        abort.abort();
        // Not awaited: the turn finishes its cleanup (saving the partial answer) on its own.
        iterator.return?.().catch(() => undefined);
        return;
      }
      if (step.done) return;
      await write(res, encodeSseEvent(step.value));
    }
  } finally {
    clearTimeout(timer);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

/** Writes one frame, flushes compression middleware if present, and waits out backpressure. */
function write(res: ServerResponse, chunk: string): Promise<void> {
  if (res.destroyed || res.writableEnded) return Promise.resolve();
  const drained = res.write(chunk);
  if ('flush' in res && typeof res.flush === 'function') res.flush();
  if (drained) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

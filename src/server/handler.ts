import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatKitServer } from './chatkit-server.js';
import { ChatKitRequestError } from './errors.js';
import { encodeSseEvent, SSE_HEADERS } from './wire.js';

/** Options of {@link createChatKitHandler}. */
export interface ChatKitHandlerOptions<C> {
  /**
   * Builds the request context handed to the store and to respond (the user, tenant, locale…).
   * Throw a `ChatKitRequestError` (for example 401) to refuse the request. Without it the
   * context is `undefined`.
   */
  context?: (req: IncomingMessage) => C | Promise<C>;
  /** Largest accepted request body in bytes; larger ones get 413. Defaults to 1 MiB. */
  maxBodyBytes?: number;
}

/**
 * A node:http request listener; it also fits Express (with or without `express.json()`), Koa
 * (`ctx.req`, `ctx.res` with `ctx.respond = false`) and Hono's Node adapter. Fastify parses bodies
 * itself: there, call `ChatKitServer.process(request.body, …)` and stream with `encodeSseEvent`.
 */
export type ChatKitHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Serves a {@link ChatKitServer} on node:http. Answers POST only (405 otherwise), reads a JSON body
 * of at most `maxBodyBytes` (413), or uses `req.body` when a body parser already ran; refused
 * requests get their status and `{"error":{"code","message"}}`, unexpected failures a 500 with the
 * same shape (never a stack trace). Streaming requests get `200 text/event-stream` with one
 * flushed `data:` frame per event; when the client goes away the turn is aborted.
 *
 * @param server - The ChatKit server to route requests to.
 * @param options - How to build the request context, and the body size limit.
 * @returns A `(req, res) => Promise<void>` listener that never rejects.
 */
export function createChatKitHandler<C>(server: ChatKitServer<C>, options: ChatKitHandlerOptions<C> = {}): ChatKitHandler {
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  return async (req, res) => {
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        throw new ChatKitRequestError(405, 'method_not_allowed', 'Use POST with a JSON body.');
      }
      const body = await readBody(req, maxBodyBytes);
      // Without a context function C is expected to accept undefined (documented above).
      const context = options.context ? await options.context(req) : (undefined as C);
      const result = await server.process(body, context, { signal: abort.signal });
      if (!result.streaming) {
        sendJson(res, 200, result.json);
        return;
      }
      res.writeHead(200, SSE_HEADERS);
      res.flushHeaders();
      for await (const event of result.events) await write(res, encodeSseEvent(event));
      res.end();
    } catch (error) {
      if (!(error instanceof ChatKitRequestError)) server.onError(error);
      if (res.headersSent) {
        // The status is already sent: ending the body is the only signal left (an empty or cut
        // stream, which clients treat as a failure).
        res.end();
      } else if (error instanceof ChatKitRequestError) {
        sendJson(res, error.status, { error: { code: error.code, message: error.message } });
      } else {
        sendJson(res, 500, { error: { code: 'internal_error', message: 'The server failed to handle the request.' } });
      }
    }
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
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

const tooLarge = (limit: number) =>
  new ChatKitRequestError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`);

/** Reads the raw body (or takes `req.body` from a body parser that already consumed it). */
function readBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if ('body' in req && req.body !== undefined) return Promise.resolve(req.body);
  // Someone consumed the stream without leaving a parsed body: there is nothing left to read.
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    // Let node:http discard the body after the reply instead of resetting the connection.
    req.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      cleanup();
      req.resume();
      reject(tooLarge(limit));
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => {
      cleanup();
      reject(new ChatKitRequestError(400, 'incomplete_body', 'The client closed the connection before sending the whole body.'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

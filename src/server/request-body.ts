/**
 * Reads a request body within a size and a time limit (413, 408), stopping at once when a limit
 * is hit, or takes the body a framework's parser already read; a client that hangs up mid-upload
 * is `ClientGoneError`, ordinary traffic that nobody is told about.
 */
import type { IncomingMessage } from 'node:http';
import { ChatKitRequestError } from './errors.js';

/**
 * The client went away before its request was complete: ordinary traffic (a closed tab, a lost
 * network), so nobody is told and nothing is answered.
 */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection before sending the whole body.');
    this.name = 'ClientGoneError';
  }
}

/** How {@link readBody} bounds a body. */
export interface BodyLimits {
  /** Largest body in bytes (413 beyond it). */
  maxBytes: number;
  /** Longest time for the whole body to arrive, in milliseconds (408 after it). */
  timeoutMs: number;
}

const tooLarge = (limit: number) =>
  new ChatKitRequestError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`);

/**
 * Reads the raw body, or takes `req.body` from a body parser that already consumed it. On 413 and
 * 408 it stops reading at once: the caller answers with `Connection: close`, so the rest of an
 * oversized or trickling upload is never pulled off the wire.
 *
 * @throws {ChatKitRequestError} 413 or 408.
 * @throws {ClientGoneError} when the client hangs up mid-upload.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<unknown> {
  if ('body' in req && req.body !== undefined) return Promise.resolve(req.body);
  // Someone consumed the stream without leaving a parsed body: there is nothing left to read.
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  const declared = Number(req.headers['content-length']);
  if (declared > limits.maxBytes) return Promise.reject(tooLarge(limits.maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: Error | undefined, body?: Buffer) => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (error) {
        req.pause();
        // A late 'error' after we stopped listening must not become an uncaught exception.
        req.on('error', () => undefined);
        reject(error);
      } else {
        resolve(body);
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limits.maxBytes) chunks.push(chunk);
      else finish(tooLarge(limits.maxBytes));
    };
    const onEnd = () => finish(undefined, Buffer.concat(chunks));
    // node:http reports a hang-up mid-body as an 'aborted' error (ECONNRESET), then 'close'.
    const onError = () => finish(new ClientGoneError());
    const onClose = () => finish(new ClientGoneError());
    const timer = setTimeout(
      () =>
        finish(
          new ChatKitRequestError(
            408,
            'request_timeout',
            `The request body did not arrive within ${limits.timeoutMs} ms.`,
          ),
        ),
      limits.timeoutMs,
    );
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

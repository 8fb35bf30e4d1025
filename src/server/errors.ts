/**
 * The errors the server kit's users throw or catch: `ChatKitRequestError` refuses a request
 * with an HTTP status before anything streams, `StreamError` and `CustomStreamError` end a
 * stream with an in-band `error` event, as chatkit-python's errors of the same names
 * (chatkit/errors.py) do.
 */
import type { ErrorCode } from '../protocol/types.js';

/**
 * A request the server refuses before any event is streamed (bad JSON, an invalid body, an
 * unknown thread on a non-streaming request). The handler answers it with `status` and the JSON
 * body `{"error":{"code","message"}}`; integrators may throw it from their `context` function too
 * (for example a 401).
 */
export class ChatKitRequestError extends Error {
  /** The HTTP status to answer with. */
  readonly status: number;
  /** A stable machine-readable code such as `invalid_request` or `not_found`. */
  readonly code: string;

  /**
   * @param status - The HTTP status (400, 404, 405, 413, ...).
   * @param code - A stable machine-readable code.
   * @param message - A short human-readable explanation, safe to show to the caller.
   */
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ChatKitRequestError';
    this.status = status;
    this.code = code;
  }
}

/**
 * Thrown from `respond()` (or `action()`) to end the stream with an in-band
 * `{"type":"error","code":<code>,"allow_retry":...}` event. The client shows its own localised
 * text for the code.
 */
export class StreamError extends Error {
  /** The error code sent to the client (`stream.error` unless told otherwise). */
  readonly code: ErrorCode;
  /** Whether the client may offer a Retry button. */
  readonly allowRetry: boolean;

  /**
   * @param code - The error code; defaults to `stream.error`.
   * @param options.allowRetry - Defaults to true for `stream.error`, false for other codes.
   */
  constructor(code: ErrorCode = 'stream.error', options: { allowRetry?: boolean } = {}) {
    super(`Stream error: ${code}`);
    this.name = 'StreamError';
    this.code = code;
    this.allowRetry = options.allowRetry ?? code === 'stream.error';
  }
}

/**
 * Thrown from `respond()` (or `action()`) to end the stream with an in-band
 * `{"type":"error","code":"custom","message":<message>,"allow_retry":...}` event; `message` is
 * shown to the user as is, so it must already be user-facing and localised.
 */
export class CustomStreamError extends Error {
  /** Whether the client may offer a Retry button. */
  readonly allowRetry: boolean;

  /**
   * @param message - The user-facing message.
   * @param options.allowRetry - Defaults to false.
   */
  constructor(message: string, options: { allowRetry?: boolean } = {}) {
    super(message);
    this.name = 'CustomStreamError';
    this.allowRetry = options.allowRetry ?? false;
  }
}

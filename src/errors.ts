/**
 * The error codes the element reports and localizes, and the error `send()` and `retry()` reject
 * with. Every locale has a message for every code (`Strings['errors']` is keyed by `ErrorCode`).
 */
import type { ClientErrorCode } from './protocol/client.js';

/** Codes of in-band `error` events the element knows: chatkit-python's `stream.error` and a custom error's `custom`. */
type ServerErrorCode = 'stream.error' | 'custom';

/** Every error code of `stream-chat-error`, `StreamChatError` and the error banner. */
export type ErrorCode =
  | ServerErrorCode
  | ClientErrorCode
  | 'offline'
  | 'thread_not_found'
  | 'rename_failed'
  | 'delete_failed'
  | 'feedback_failed'
  | 'busy'
  | 'empty_message'
  | 'nothing_to_retry'
  /** An in-band error with a code this version does not know. */
  | 'unknown';

const SERVER_CODES: ReadonlySet<string> = new Set<ServerErrorCode>(['stream.error', 'custom']);

/** The code of an in-band error: a known server code, else `unknown` (the chatkit enum is open). */
export function serverErrorCode(code: string): ErrorCode {
  return SERVER_CODES.has(code) ? (code as ServerErrorCode) : 'unknown';
}

/** An error `send()` and `retry()` reject with; `code` matches `stream-chat-error`. */
export class StreamChatError extends Error {
  override readonly name = 'StreamChatError';
  /**
   * @param code - the error code, as in the `stream-chat-error` event
   * @param message - the localized text
   * @param allowRetry - whether `retry()` makes sense
   */
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly allowRetry: boolean,
  ) {
    super(message);
  }
}

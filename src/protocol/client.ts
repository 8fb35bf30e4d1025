/**
 * The ChatKit HTTP client: one POST per request, server-sent events for streaming requests.
 *
 * No Lit, no DOM beyond `fetch` and web streams, so it runs in browsers, workers and Node.
 */
import { createParser, type ParseError } from 'eventsource-parser';
import type {
  NonStreamingRequest,
  NonStreamingResponses,
  StreamingRequest,
  ThreadStreamEvent,
  ThreadStreamEventType,
} from './types.js';

/** Why a request or stream failed on the client side (server `error` events keep their own code). */
export type ClientErrorCode =
  'network' | 'http' | 'bad_content_type' | 'bad_frame' | 'empty_stream' | 'idle_timeout' | 'frame_too_large';

/** A failed request or stream, with a code the UI can localize. */
export class ChatKitClientError extends Error {
  override readonly name = 'ChatKitClientError';
  /**
   * @param code - what went wrong
   * @param message - a developer-facing description (the UI shows its own localized text)
   * @param status - the HTTP status, for `http`
   */
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Where and how requests are sent. */
export interface ClientOptions {
  url: string;
  fetch: typeof fetch;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Ends a stream that sends no bytes for this long (ms); 0 or missing waits forever. */
  idleTimeout?: number;
  /** Called for a frame that is not a JSON object with a string `type`; the stream goes on. */
  onInvalidFrame?: (data: string, error: ChatKitClientError) => void;
}

/** Largest single frame accepted (characters); a bigger one is a broken or hostile server. */
const MAX_FRAME = 8 * 1024 * 1024;

const KNOWN_EVENTS: ReadonlySet<string> = new Set<ThreadStreamEventType>([
  'thread.created',
  'thread.updated',
  'thread.item.added',
  'thread.item.updated',
  'thread.item.done',
  'thread.item.removed',
  'thread.item.replaced',
  'stream_options',
  'progress_update',
  'error',
  'notice',
  'client_effect',
]);

async function post(body: unknown, options: ClientOptions): Promise<Response> {
  let response: Response;
  try {
    response = await options.fetch(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ChatKitClientError('network', `Request failed: ${describe(error)}`);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    throw new ChatKitClientError('http', `HTTP ${response.status}: ${serverMessage(text)}`, response.status);
  }
  return response;
}

/**
 * Sends a non-streaming request and returns its JSON body.
 * @throws ChatKitClientError on a network error, a non-OK status or a body that is not JSON
 */
export async function requestJson<R extends NonStreamingRequest>(
  request: R,
  options: ClientOptions,
): Promise<NonStreamingResponses[R['type']]> {
  const response = await post(request, options);
  const text = await response.text();
  try {
    return JSON.parse(text) as NonStreamingResponses[R['type']];
  } catch {
    throw new ChatKitClientError('bad_content_type', `Expected JSON from ${request.type}, got: ${text.slice(0, 80)}`);
  }
}

/**
 * Sends a streaming request and yields its events in order. Unknown event types are skipped,
 * so older clients keep working with newer servers. An abort through `options.signal` ends the
 * iteration quietly.
 * @throws ChatKitClientError when the request fails, the body is not an event stream, a frame is
 * not JSON (without `onInvalidFrame`), the stream stalls past `idleTimeout`, or it carries no event
 */
export async function* streamEvents(
  request: StreamingRequest,
  options: ClientOptions,
): AsyncGenerator<ThreadStreamEvent, void, undefined> {
  let response: Response;
  try {
    response = await post(request, options);
  } catch (error) {
    if (options.signal?.aborted) return;
    throw error;
  }
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream') || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    throw new ChatKitClientError('bad_content_type', `Expected an event stream, got "${type || 'no content type'}"`);
  }
  // The body is read and split by hand, not piped through two TransformStreams: a model sends
  // every token in its own network write, so this runs once per token, and each pipe costs
  // promise jobs per chunk.
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const frames: string[] = [];
  let broken: ParseError | undefined;
  const parser = createParser({
    maxBufferSize: MAX_FRAME,
    onEvent: (message) => void frames.push(message.data),
    onError: (error) => void (broken ??= error),
  });
  const idle = idleWatch(reader, options.idleTimeout ?? 0);
  let count = 0;
  try {
    for (;;) {
      idle.reading = true;
      const next = await reader.read();
      idle.reading = false;
      if (idle.stalled)
        throw new ChatKitClientError('idle_timeout', `No data from the server for ${options.idleTimeout} ms`);
      if (next.done || options.signal?.aborted) break;
      parser.feed(decoder.decode(next.value, { stream: true }));
      // Frames before a broken line still count; the stream ends at the break.
      for (let i = 0; i < frames.length; i++) {
        if (options.signal?.aborted) return;
        const event = decodeFrame(frames[i] as string, options);
        if (!event) continue;
        count++;
        yield event;
      }
      frames.length = 0;
      if (broken) throw broken;
    }
  } catch (error) {
    if (options.signal?.aborted) return;
    if (error instanceof ChatKitClientError) throw error;
    if (error instanceof Error && /buffer/i.test(error.message)) {
      throw new ChatKitClientError('frame_too_large', 'The server sent a frame larger than 8 MiB');
    }
    throw new ChatKitClientError('network', `The stream broke: ${describe(error)}`);
  } finally {
    idle.stop();
    reader.cancel().catch(() => undefined);
  }
  if (count === 0 && !options.signal?.aborted) {
    throw new ChatKitClientError('empty_stream', 'The server ended the response without sending anything');
  }
}

function decodeFrame(data: string, options: ClientOptions): ThreadStreamEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    value = undefined;
  }
  if (!isRecord(value) || typeof value.type !== 'string') {
    const error = new ChatKitClientError('bad_frame', `Malformed frame: ${data.slice(0, 80)}`);
    if (!options.onInvalidFrame) throw error;
    options.onInvalidFrame(data, error);
    return undefined;
  }
  if (!KNOWN_EVENTS.has(value.type)) {
    console.debug(`[stream-chat] skipped unknown event type "${value.type}"`);
    return undefined;
  }
  return value as unknown as ThreadStreamEvent;
}

/**
 * Ends a read that waits longer than `timeout` ms (0: never) by cancelling the reader, which
 * resolves the pending read as done; `stalled` then says why. One timer for the whole stream,
 * re-armed when it fires, rather than a timer per read (a read per token).
 */
function idleWatch(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  timeout: number,
): { reading: boolean; readonly stalled: boolean; stop(): void } {
  let since = performance.now();
  let reading = false;
  let stalled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const left = reading ? since + timeout - performance.now() : timeout;
    if (left > 0) {
      timer = setTimeout(check, left);
      return;
    }
    stalled = true;
    reader.cancel().catch(() => undefined);
  };
  if (timeout > 0) timer = setTimeout(check, timeout);
  return {
    get reading() {
      return reading;
    },
    set reading(value: boolean) {
      if (value) since = performance.now();
      reading = value;
    },
    get stalled() {
      return stalled;
    },
    stop: () => clearTimeout(timer),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The `error.message` of a JSON error body, or the start of a text body. */
function serverMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string') return body.error.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 200) || 'no body';
}

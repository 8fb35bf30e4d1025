/**
 * Client tools: asks the page for a tool's result (a `stream-chat-client-tool` listener first,
 * then the `clientTools` handlers), bounded by a timeout and the run's signal, and turns the
 * answer into JSON the server can take. Errors become an `{error}` result, and an output whose run
 * ended meanwhile is still posted, so the server is never left waiting. No Lit, no DOM. A file of
 * its own beside the module, which the run controller loads when a stream first brings a call.
 */
import { streamEvents, type ClientOptions } from '../protocol/client.js';
import type { ClientToolCallItem, JsonObject, JsonValue, StreamingRequest } from '../protocol/types.js';
import type { ClientToolDetail } from '../events.js';

/** A handler for a client tool, used when no event listener answers it. */
export type ClientToolHandler = (params: JsonObject) => unknown;

/** How one call is asked and bounded. */
export interface ClientToolOptions {
  /** Fires `stream-chat-client-tool` with this detail. */
  ask(detail: ClientToolDetail): void;
  /** Fallback handlers by tool name. */
  handlers: Record<string, ClientToolHandler>;
  /** Longest wait (ms) for an answer. */
  timeout: number;
  /** The run's signal: a stopped run stops waiting. */
  signal: AbortSignal;
}

const STOPPED = 'The response was stopped';

/** Asks the page for a client tool's result: listener first, then a handler, else an error result. */
export async function callClientTool(call: ClientToolCallItem, options: ClientToolOptions): Promise<JsonValue> {
  // Stopped while this module loaded: the page is not asked, the server still gets an answer.
  if (options.signal.aborted) return { error: STOPPED };
  const answer = askListener(call, options.ask) ?? askHandler(call, options.handlers[call.name]);
  if (!answer) return { error: `No handler for client tool "${call.name}"` };
  const { timeout, signal } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limits = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Client tool "${call.name}" timed out after ${timeout} ms`)), timeout);
    signal.addEventListener('abort', () => reject(new Error(STOPPED)), { once: true });
  });
  try {
    return toJson(await Promise.race([answer, limits]), call.name);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Fires the event; a listener may answer once, synchronously. */
function askListener(call: ClientToolCallItem, ask: (detail: ClientToolDetail) => void): Promise<unknown> | null {
  let answer: Promise<unknown> | null = null;
  let open = true;
  ask({
    name: call.name,
    params: call.arguments ?? {},
    callId: call.call_id,
    threadId: call.thread_id,
    respondWith(value: unknown) {
      if (!open)
        throw new DOMException('respondWith() must be called synchronously in the listener', 'InvalidStateError');
      if (answer) throw new DOMException('This client tool call was already answered', 'InvalidStateError');
      answer = Promise.resolve(value);
    },
  });
  open = false;
  return answer;
}

function askHandler(call: ClientToolCallItem, handler: ClientToolHandler | undefined): Promise<unknown> | null {
  return handler ? Promise.resolve().then(() => handler(call.arguments ?? {})) : null;
}

/** Turns a tool's result into JSON the server can take, or an error result. */
function toJson(value: unknown, name: string): JsonValue {
  if (value === undefined) return null;
  try {
    return JSON.parse(JSON.stringify(value)) as JsonValue;
  } catch {
    return { error: `Client tool "${name}" returned a value that is not JSON` };
  }
}

/** Posts the output of a tool whose run ended while it ran, so the server is never left waiting. */
export function postOrphanOutput(options: ClientOptions, threadId: string, result: JsonValue): void {
  const abort = new AbortController();
  const request: StreamingRequest = {
    type: 'threads.add_client_tool_output',
    params: { thread_id: threadId, result },
  };
  void (async () => {
    try {
      // The first event proves the server took the output; nobody is left to show the rest.
      for await (const _event of streamEvents(request, { ...options, signal: abort.signal })) abort.abort();
    } catch {
      // The server is gone; there is no one to tell.
    }
  })();
}

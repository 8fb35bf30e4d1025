/**
 * The run context the agent bridge hands an Agents SDK run: tools reach the thread, the request
 * context and the store through it, and the progress lines and client effects they emit wait in
 * a per-context buffer until the bridge streams them, in order with the model's output.
 */
import type { JsonObject, ThreadMetadata, ThreadStreamEvent } from '../../protocol/types.js';
import type { RespondContext } from '../types.js';
import { clientEffect, progress } from '../respond-helpers.js';

type Sink = (event: ThreadStreamEvent) => void;

/** Where each context's events go while a run is being streamed; events wait here until then. */
const sinks = new WeakMap<AgentChatContext<unknown>, { sink: Sink | undefined; buffer: ThreadStreamEvent[] }>();

/**
 * The run context the agent bridge gives an Agents SDK run (`runContext.context` inside tools):
 * it lets a tool show progress and fire client effects, streamed into the ChatKit response in
 * order with the model's output, and read the thread, the request context and the store.
 *
 * @example
 * // A tool of your own SDK agent (declarative tools of createAgentResponder get it as `ctx`).
 * execute: async (args, runContext) => {
 *   const chat = chatContextOf(runContext);
 *   chat.progress('Searching articles...', 'search');
 *   chat.effect('update_status', { state: { energy: 80 } });
 *   return 'found 3 articles';
 * }
 */
export class AgentChatContext<C = unknown> {
  /** The thread being answered (live: setting `title` renames it). */
  readonly thread: ThreadMetadata;
  /** The respond context: request context, store, abort signal, ids and clock. */
  readonly request: RespondContext<C>;

  /**
   * @param thread - The thread being answered.
   * @param request - The respond context of the turn.
   */
  constructor(thread: ThreadMetadata, request: RespondContext<C>) {
    this.thread = thread;
    this.request = request;
    sinks.set(this, { sink: undefined, buffer: [] });
  }

  /** The request context (what the handler's `context` function returned). */
  get context(): C {
    return this.request.context;
  }

  /** Aborted when the client disconnects or the run is stopped. */
  get signal(): AbortSignal {
    return this.request.signal;
  }

  /**
   * Shows a transient status line ("Searching…") until the next update, item or the end.
   *
   * @param text - The status text.
   * @param icon - An icon name (`search`, `lucide:<name>`, …).
   */
  progress(text: string, icon?: string): void {
    this.emit(progress(text, icon));
  }

  /**
   * Fires a client effect: the page receives it as the `stream-chat-effect` event.
   *
   * @param name - The effect name, e.g. `add_marker`.
   * @param data - Its JSON payload.
   */
  effect(name: string, data: JsonObject = {}): void {
    this.emit(clientEffect(name, data));
  }

  /**
   * Streams any ChatKit event (a notice, a widget item, …) at this point of the response.
   *
   * @param event - The event; `thread.item.done` items are persisted by the server as usual.
   */
  emit(event: ThreadStreamEvent): void {
    const state = sinks.get(this);
    if (!state) return;
    if (state.sink) state.sink(event);
    else state.buffer.push(event);
  }
}

/**
 * Returns the {@link AgentChatContext} of a run started by the bridge, from the SDK's run context
 * (the second argument of a tool's `execute`).
 *
 * @param runContext - The SDK `RunContext` (or anything with a `context` field).
 * @throws {TypeError} When the run was not started with an AgentChatContext.
 */
export function chatContextOf<C = unknown>(runContext: { readonly context: unknown } | undefined): AgentChatContext<C> {
  const context = runContext?.context;
  if (!(context instanceof AgentChatContext)) {
    throw new TypeError(
      'This tool needs an AgentChatContext as the run context: run the agent through the stream-chat agent bridge.',
    );
  }
  return context as AgentChatContext<C>;
}

/**
 * Sends the context's events to `sink` (first the ones emitted so far) until the returned
 * function is called; events emitted after that are buffered again.
 */
export function attachSink(chat: AgentChatContext<unknown>, sink: Sink): () => void {
  const state = sinks.get(chat);
  if (!state) return () => undefined;
  state.sink = sink;
  for (const event of state.buffer.splice(0)) sink(event);
  return () => {
    if (state.sink === sink) state.sink = undefined;
  };
}

/**
 * RunController: sends, retries and stops responses, and runs their client-tool round trips.
 * Shaped like `@lit/task`: one `AbortController` and one call id per run, the run's status in
 * the reducer state, and its outcome (complete, error, aborted) settled in one place, `finish()`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChatKitClientError, streamEvents } from '../protocol/client.js';
import type {
  Action as WireAction,
  Attachment,
  InferenceOptions,
  StreamingRequest,
  StructuredInputSubmission,
  UserMessageItem,
} from '../protocol/types.js';
import { lastUserMessage, type Action } from '../state/reducer.js';
import { StreamChatError, type ErrorCode } from '../errors.js';
import { showError, shownError, type ChatConfig } from './chat-store.js';
import { announce } from './announce.js';
import type { ClientToolHandler } from './client-tools.js';
import { fetchLateTitle } from './late-title.js';

/** What the run controller needs besides the shared config. */
export interface RunConfig extends ChatConfig {
  /** The page's fallback handlers and their timeout (ms). */
  clientTools(): { handlers: Record<string, ClientToolHandler>; timeout: number };
  /**
   * What the composer adds to the next message (uploaded attachments, tool and model); `sent` says
   * they went out and may return a function that gives them back if the server never takes the message.
   */
  composerInput?(): {
    attachments: Attachment[];
    inference_options: InferenceOptions;
    sent(): (() => void) | undefined;
  };
}

/** The live part of a run the reducer cannot hold: its signal and its caller's promise. */
interface Call {
  readonly id: number;
  readonly abort: AbortController;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  /** Removes the run's window listeners. */
  readonly cleanup: () => void;
  /** Gives the composer back what an unsent message carried (its attachments). */
  readonly giveBack?: () => void;
}

/**
 * The client-tool plumbing, a file of its own beside the module: it loads when a stream first
 * brings a client tool call, while the rest of that stream still arrives; a failed load is tried
 * again by the next call.
 */
let clientTools: Promise<typeof import('./client-tools.js')> | undefined;
const loadClientTools = () =>
  (clientTools ??= import('./client-tools.js').catch((error: unknown) => {
    clientTools = undefined;
    throw error;
  }));

/** Largest number of client-tool round trips in one response (a looping server is a bug). */
const MAX_TOOL_ROUNDS = 25;
/** Longest stretch (ms) of stream events handled before yielding to the browser. */
const SLICE_MS = 8;

export class RunController implements ReactiveController {
  private callId = 0;
  private call: Call | null = null;
  private localIds = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly config: RunConfig,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stop();
  }

  /** Sends a user message (text, or only the composer's uploaded attachments) and resolves when its response ends. */
  send(text: string, resend = false): Promise<void> {
    const trimmed = text.trim();
    const extras = this.config.composerInput?.() ?? { attachments: [], inference_options: {}, sent: () => undefined };
    if (!trimmed && !extras.attachments.length) return Promise.reject(this.refuse('empty_message'));
    const state = this.config.store.state;
    if (state.run || state.loading) return Promise.reject(this.refuse('busy'));
    const item: UserMessageItem = {
      id: `local_${++this.localIds}`,
      thread_id: state.threadId ?? '',
      created_at: new Date().toISOString(),
      type: 'user_message',
      // A message of attachments alone has no text part, as ChatKit sends it.
      content: trimmed ? [{ type: 'input_text', text: trimmed }] : [],
      attachments: extras.attachments,
      inference_options: extras.inference_options,
    };
    const input = {
      content: item.content,
      attachments: extras.attachments.map((attachment) => attachment.id),
      inference_options: extras.inference_options,
    };
    const giveBack = extras.sent();
    const request: StreamingRequest = state.threadId
      ? { type: 'threads.add_user_message', params: { thread_id: state.threadId, input } }
      : { type: 'threads.create', params: { input } };
    return this.start((runId) => ({ type: 'send-started', runId, item, text: trimmed, resend }), request, giveBack);
  }

  /** Regenerates the answer to the last accepted user message, or re-sends a rejected one. */
  retry(): Promise<void> {
    const state = this.config.store.state;
    if (state.run || state.loading) return Promise.reject(this.refuse('busy'));
    if (state.failedDraft !== null) return this.send(state.failedDraft, true);
    const last = lastUserMessage(state);
    if (!last || !state.threadId) return Promise.reject(this.refuse('nothing_to_retry'));
    const threadId = state.threadId;
    return this.start((runId) => ({ type: 'retry-started', runId, itemId: last.id }), {
      type: 'threads.retry_after_item',
      params: { thread_id: threadId, item_id: last.id },
    });
  }

  /** Regenerates one answer: `threads.retry_after_item` from the user message before it; the new answer replaces it. */
  regenerate(answerId: string): Promise<void> {
    const state = this.config.store.state;
    if (state.run || state.loading) return Promise.reject(this.refuse('busy'));
    const index = state.items.findIndex((item) => item.id === answerId);
    const before = state.items.slice(0, Math.max(index, 0)).findLast((item) => item.type === 'user_message');
    if (index < 0 || !before || !state.threadId) return Promise.reject(this.refuse('nothing_to_retry'));
    const threadId = state.threadId;
    return this.start((runId) => ({ type: 'retry-started', runId, itemId: before.id }), {
      type: 'threads.retry_after_item',
      params: { thread_id: threadId, item_id: before.id },
    });
  }

  /** Posts a widget action (`threads.custom_action`) and resolves when its answer ends. */
  action(action: WireAction, itemId: string | null): Promise<void> {
    return this.request((threadId) => ({
      type: 'threads.custom_action',
      params: { thread_id: threadId, item_id: itemId, action },
    }));
  }

  /** Answers a structured input item (`threads.add_structured_input`) and resolves when the reply ends. */
  answer(itemId: string, input: StructuredInputSubmission): Promise<void> {
    return this.request((threadId) => ({
      type: 'threads.add_structured_input',
      params: { thread_id: threadId, item_id: itemId, input },
    }));
  }

  /** Starts a response that adds no user message, in the open thread. */
  private request(build: (threadId: string) => StreamingRequest): Promise<void> {
    const state = this.config.store.state;
    if (state.run || state.loading) return Promise.reject(this.refuse('busy'));
    if (!state.threadId) return Promise.reject(this.refuse('nothing_to_retry'));
    return this.start((runId) => ({ type: 'request-started', runId }), build(state.threadId));
  }

  /** Aborts the running response; it ends with reason `aborted`. */
  stop(): void {
    const call = this.call;
    if (!call) return;
    call.abort.abort();
    this.finish(call.id, true);
  }

  private start(started: (runId: number) => Action, first: StreamingRequest, giveBack?: () => void): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const id = ++this.callId;
      const abort = new AbortController();
      let cleanup = (): void => undefined;
      if (typeof window !== 'undefined') {
        // A connection that dies with the network often just goes quiet: end the run at once.
        const offline = () => {
          if (this.call?.id !== id || this.config.store.state.run?.error) return;
          this.config.store.apply({ type: 'run-failed', runId: id, error: { code: 'offline', allowRetry: true } });
          abort.abort();
        };
        window.addEventListener('offline', offline);
        cleanup = () => window.removeEventListener('offline', offline);
      }
      this.call = { id, abort, resolve, reject, cleanup, giveBack };
      this.config.store.apply(started(id));
      this.config.dispatch('stream-chat-response-start', { threadId: this.config.store.state.threadId });
      void this.drive(id, abort.signal, first);
    });
  }

  /** Streams the first request, then one round trip per client tool call, then ends the run. */
  private async drive(id: number, signal: AbortSignal, first: StreamingRequest): Promise<void> {
    let request: StreamingRequest | null = first;
    try {
      for (let round = 0; request; round++) {
        if (round > MAX_TOOL_ROUNDS) throw new ChatKitClientError('bad_frame', 'Too many client tool round trips');
        await this.stream(id, signal, request);
        request = null;
        const run = this.config.store.state.run;
        if (this.call?.id !== id || !run || run.error) break;
        if (run.call) {
          const pending = run.call;
          const { handlers, timeout } = this.config.clientTools();
          const { callClientTool, postOrphanOutput } = await loadClientTools();
          const output = await callClientTool(pending, {
            ask: (detail) => this.config.dispatch('stream-chat-client-tool', detail),
            handlers,
            timeout,
            signal,
          });
          if (this.call?.id !== id || this.config.store.state.run?.error) {
            postOrphanOutput(this.config.request(), pending.thread_id, output);
            break;
          }
          this.config.store.apply({ type: 'tool-output-sent', itemId: pending.id, output });
          request = {
            type: 'threads.add_client_tool_output',
            params: { thread_id: pending.thread_id, result: output },
          };
        }
      }
    } catch (error) {
      if (this.call?.id === id) this.config.store.apply({ type: 'run-failed', runId: id, error: shownError(error) });
    }
    this.finish(id, false);
  }

  /** Streams one request into the store, re-emitting what its events mean for the page. */
  private async stream(id: number, signal: AbortSignal, request: StreamingRequest): Promise<void> {
    let firstDelta = true;
    let reportedBadFrame = false;
    const events = streamEvents(request, {
      ...this.config.request(),
      signal,
      // A malformed frame is reported once, and the stream goes on: the item's final
      // `thread.item.done` carries the authoritative content anyway.
      onInvalidFrame: () => {
        if (reportedBadFrame) return;
        reportedBadFrame = true;
        showError(this.config, { code: 'bad_frame', allowRetry: true });
      },
    });
    let slice = performance.now();
    let handled = slice;
    for await (const event of events) {
      if (this.call?.id !== id) break;
      // A fast server can deliver thousands of events in one network chunk: give the browser
      // the main thread back every few milliseconds, so input and paint never wait long. An event
      // that came after a wait for the network starts a new stretch: the browser had the thread.
      const now = performance.now();
      if (now - handled > 4) slice = now;
      else if (now - slice > SLICE_MS) {
        await yieldToMain();
        slice = performance.now();
        if (this.call?.id !== id) break;
      }
      if (event.type === 'thread.item.done' && event.item.type === 'client_tool_call') void loadClientTools();
      const delta = event.type === 'thread.item.updated';
      // The first token paints at once; later ones coalesce (see STREAM_RENDER_INTERVAL_MS).
      this.config.store.apply(
        { type: 'event-received', event, noticeId: ++this.localIds },
        delta && !firstDelta ? 'frame' : 'now',
      );
      if (delta) firstDelta = false;
      announce(this.config.dispatch, event);
      handled = performance.now();
    }
  }

  /** Settles a run once: the reducer ends it, then the page hears how, then the caller's promise. */
  private finish(id: number, aborted: boolean): void {
    const call = this.call;
    if (call?.id !== id) return;
    this.call = null;
    call.cleanup();
    const { store, dispatch } = this.config;
    const error = aborted ? null : (store.state.run?.error ?? null);
    const unsent = store.state.run?.unsent ?? null;
    store.apply(aborted ? { type: 'run-aborted', runId: id } : { type: 'run-finished', runId: id });
    // The server never took the message: its attachments go back with its text, for a resend or retry().
    if (unsent && (aborted || error)) call.giveBack?.();
    const threadId = store.state.threadId;
    // The title may still be on its way (a slow title model): ask for it once.
    if (threadId && !store.state.thread?.title) void fetchLateTitle(this.config, threadId, () => this.callId === id);
    if (!error) {
      dispatch('stream-chat-response-end', { threadId, reason: aborted ? 'aborted' : 'complete' });
      call.resolve();
      return;
    }
    const message = this.config.describe(error);
    dispatch('stream-chat-error', { code: error.code, message, allowRetry: error.allowRetry });
    dispatch('stream-chat-response-end', { threadId, reason: 'error' });
    call.reject(new StreamChatError(error.code, message, error.allowRetry));
  }

  private refuse(code: ErrorCode): StreamChatError {
    return new StreamChatError(code, this.config.describe({ code, allowRetry: false }), false);
  }
}

/**
 * Lets the browser run input handlers and paint before the stream goes on. A plain task, not
 * `scheduler.yield()`, whose prioritised continuations measurably delayed frames.
 */
function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

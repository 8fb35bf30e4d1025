/**
 * ChatController: the only place where effects happen. It sends requests, feeds stream events
 * through `reduce()`, runs client tools, and asks the element to re-render and dispatch events.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChatKitClientError, requestJson, streamEvents, type ClientOptions } from '../protocol/client.js';
import type {
  ClientToolCallItem,
  JsonObject,
  JsonValue,
  StreamingRequest,
  StructuredInputSubmission,
  ThreadItem,
  ThreadStreamEvent,
  UserMessageItem,
} from '../protocol/types.js';
import { initialState, lastUserMessage, reduce, type Action, type ChatState, type ShownError } from '../state/reducer.js';
import type { ResponseEndReason, StreamChatEventMap } from '../events.js';

/** A handler for a client tool, used when no event listener answers it. */
export type ClientToolHandler = (params: JsonObject) => unknown;

/** What the controller needs from the element. */
export interface ChatHost extends ReactiveControllerHost {
  readonly clientTools: Record<string, ClientToolHandler>;
  readonly clientToolTimeout: number;
  /** Where and how requests go (endpoint, fetch, headers, idle timeout). */
  clientOptions(): ClientOptions;
  /** Dispatches a public event from the element. */
  emit<K extends keyof StreamChatEventMap>(name: K, detail: StreamChatEventMap[K]): void;
  /** Tells the element which thread is open now, so it can reflect `thread-id`. */
  threadOpened(threadId: string | null): void;
  /** Gives back text the server never accepted, so the user does not lose it. */
  restoreDraft(text: string): void;
  /** The restored text was sent again: clear the composer if it still holds it. */
  draftSent(text: string): void;
}

/** One response, from the user's send to the end of its last client-tool round trip. */
interface Run {
  readonly abort: AbortController;
  ended: boolean;
  /** Text of a message the server has not accepted yet; restored if the run fails. */
  draft: string | null;
  optimisticId: string | null;
  error: ShownError | null;
  /** Removes the run's window listeners. */
  cleanup: () => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

/** Largest number of client-tool round trips in one response (a looping server is a bug). */
const MAX_TOOL_ROUNDS = 25;
/** Longest stretch (ms) of stream events handled before yielding to the browser. */
const SLICE_MS = 8;
/** Older items fetched per page when a long thread is opened or scrolled up. */
const PAGE_SIZE = 50;
/** Items shown first when a long thread opens: enough to fill a view, quick to render. */
const FIRST_PAGE_SIZE = 30;

/** An error `send()` and `retry()` reject with; `code` matches `stream-chat-error`. */
export class StreamChatError extends Error {
  override readonly name = 'StreamChatError';
  /**
   * @param code - the error code, as in the `stream-chat-error` event
   * @param message - the localized text
   * @param allowRetry - whether `retry()` makes sense
   */
  constructor(
    readonly code: string,
    message: string,
    readonly allowRetry: boolean,
  ) {
    super(message);
  }
}

export class ChatController implements ReactiveController {
  /** The conversation as the element renders it. */
  state: ChatState = initialState;
  private run: Run | null = null;
  private localIds = 0;
  private loadSeq = 0;
  private frame = 0;
  private lastFailedDraft: string | null = null;

  constructor(
    private readonly host: ChatHost,
    /** Localizes an error code (the element owns the strings). */
    private readonly describeError: (error: ShownError) => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Moved in the DOM while a thread was loading: the old load was dropped, so load again.
    if (this.state.loading && this.state.threadId) void this.load(this.state.threadId, ++this.loadSeq);
  }

  hostDisconnected(): void {
    this.abortRun();
    this.loadSeq++;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Sends a user message and resolves when its response ends. */
  send(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return Promise.reject(this.fail('empty_message', false));
    if (this.run || this.state.responding) return Promise.reject(this.fail('busy', false));
    if (this.state.loading) return Promise.reject(this.fail('busy', false));
    const item: UserMessageItem = {
      id: `local_${++this.localIds}`,
      thread_id: this.state.threadId ?? '',
      created_at: new Date().toISOString(),
      type: 'user_message',
      content: [{ type: 'input_text', text: trimmed }],
      attachments: [],
      inference_options: {},
    };
    const input = { content: item.content, attachments: [], inference_options: {} };
    const request: StreamingRequest = this.state.threadId
      ? { type: 'threads.add_user_message', params: { thread_id: this.state.threadId, input } }
      : { type: 'threads.create', params: { input } };
    this.lastFailedDraft = null;
    return this.start({ type: 'send-started', item }, request, trimmed, item.id);
  }

  /** Regenerates the answer to the last accepted user message, or re-sends a rejected one. */
  retry(): Promise<void> {
    if (this.run || this.state.loading) return Promise.reject(this.fail('busy', false));
    if (this.lastFailedDraft !== null) {
      const draft = this.lastFailedDraft;
      this.host.draftSent(draft);
      return this.send(draft);
    }
    const last = lastUserMessage(this.state);
    if (!last || !this.state.threadId) return Promise.reject(this.fail('nothing_to_retry', false));
    return this.start(
      { type: 'retry-started', itemId: last.id },
      { type: 'threads.retry_after_item', params: { thread_id: this.state.threadId, item_id: last.id } },
      null,
      null,
    );
  }

  // -- Widget actions and structured input (issue 14) ------------------------------------------

  /** Posts `threads.custom_action` and streams its answer as one response. */
  customAction(action: { type: string; payload?: JsonValue }, itemId: string | null): Promise<void> {
    const threadId = this.state.threadId;
    if (!threadId) return Promise.reject(this.fail('nothing_to_retry', false));
    if (this.run || this.state.responding || this.state.loading) return Promise.reject(this.fail('busy', false));
    const request: StreamingRequest = { type: 'threads.custom_action', params: { thread_id: threadId, item_id: itemId, action } };
    return this.start({ type: 'request-started' }, request, null, null);
  }

  /**
   * Posts `threads.sync_custom_action`; the item it returns replaces its namesake in place. Allowed
   * while another response streams.
   */
  async syncCustomAction(action: { type: string; payload?: JsonValue }, itemId: string | null): Promise<void> {
    const threadId = this.state.threadId;
    if (!threadId) throw this.fail('nothing_to_retry', false);
    const seq = this.loadSeq;
    try {
      const answer = await requestJson({ type: 'threads.sync_custom_action', params: { thread_id: threadId, item_id: itemId, action } }, this.options());
      if (seq !== this.loadSeq || !answer.updated_item) return;
      this.apply({ type: 'event-received', event: { type: 'thread.item.replaced', item: answer.updated_item } });
    } catch (error) {
      if (seq !== this.loadSeq) return;
      const shown = { ...this.shownError(error), allowRetry: false };
      this.showError(shown);
      throw new StreamChatError(shown.code, this.describeError(shown), false);
    }
  }

  /** Answers a structured input item (`threads.add_structured_input`) and streams the reply. */
  answerStructuredInput(itemId: string, input: StructuredInputSubmission): Promise<void> {
    const threadId = this.state.threadId;
    if (!threadId) return Promise.reject(this.fail('nothing_to_retry', false));
    if (this.run || this.state.responding || this.state.loading) return Promise.reject(this.fail('busy', false));
    const request: StreamingRequest = { type: 'threads.add_structured_input', params: { thread_id: threadId, item_id: itemId, input } };
    return this.start({ type: 'request-started' }, request, null, null);
  }

  /** Aborts the running response; it ends with reason `aborted`. */
  stop(): void {
    this.abortRun();
  }

  /** Clears the view for a new conversation. */
  newThread(): void {
    this.openThread(null);
  }

  /** Opens a thread by id (loading it from the server), or a new conversation for null. */
  openThread(threadId: string | null): void {
    if (threadId === this.state.threadId && !this.state.loading) return;
    this.abortRun();
    const seq = ++this.loadSeq;
    this.host.threadOpened(threadId);
    if (threadId === null) {
      this.apply({ type: 'thread-cleared' });
      this.host.emit('stream-chat-thread-change', { threadId: null });
      return;
    }
    this.apply({ type: 'thread-loading', threadId });
    this.host.emit('stream-chat-thread-change', { threadId });
    this.host.emit('stream-chat-thread-load-start', { threadId });
    void this.load(threadId, seq);
  }

  /** Loads the page of items before the oldest one shown (long threads); one page at a time. */
  async loadOlder(): Promise<void> {
    const { threadId, olderCursor, loadingOlder } = this.state;
    if (!threadId || !olderCursor || loadingOlder) return;
    const seq = this.loadSeq;
    this.apply({ type: 'older-items-requested' });
    try {
      const page = await requestJson(
        { type: 'items.list', params: { thread_id: threadId, order: 'desc', limit: PAGE_SIZE, after: olderCursor } },
        this.options(),
      );
      if (seq !== this.loadSeq) return;
      this.apply({
        type: 'older-items-loaded',
        items: page.data.slice().reverse(),
        olderCursor: page.has_more ? (page.after ?? page.data.at(-1)?.id ?? null) : null,
      });
    } catch (error) {
      if (seq !== this.loadSeq) return;
      this.apply({ type: 'older-items-loaded', items: [], olderCursor });
      this.showError(this.shownError(error));
    }
  }

  /** Shows an error that belongs to no response (a failed rename, say) and reports it. */
  showError(error: ShownError): void {
    this.apply({ type: 'request-failed', error });
    this.host.emit('stream-chat-error', { code: error.code, message: this.describeError(error), allowRetry: error.allowRetry });
  }

  /** Removes the error banner. */
  dismissError(): void {
    this.apply({ type: 'error-dismissed' });
  }

  /** Removes a notice banner. */
  dismissNotice(id: number): void {
    this.apply({ type: 'notice-dismissed', id });
  }

  private async load(threadId: string, seq: number): Promise<void> {
    try {
      const thread = await requestJson({ type: 'threads.get_by_id', params: { thread_id: threadId } }, this.options());
      if (seq !== this.loadSeq) return;
      let items: ThreadItem[] = thread.items.data;
      let olderCursor: string | null = null;
      if (thread.items.has_more) {
        // Open long threads at their newest page; older pages load as the user scrolls up.
        const page = await requestJson(
          { type: 'items.list', params: { thread_id: threadId, order: 'desc', limit: FIRST_PAGE_SIZE } },
          this.options(),
        );
        if (seq !== this.loadSeq) return;
        items = page.data.slice().reverse();
        olderCursor = page.has_more ? (page.after ?? page.data.at(-1)?.id ?? null) : null;
      }
      this.apply({ type: 'thread-loaded', thread, items, olderCursor });
      this.host.emit('stream-chat-thread-load-end', { threadId });
    } catch (error) {
      if (seq !== this.loadSeq) return;
      const notFound = error instanceof ChatKitClientError && error.code === 'http' && error.status === 404;
      this.apply({ type: 'thread-cleared' });
      this.host.emit('stream-chat-thread-load-end', { threadId });
      this.host.threadOpened(null);
      this.host.emit('stream-chat-thread-change', { threadId: null });
      this.showError(notFound ? { code: 'thread_not_found', allowRetry: false } : { ...this.shownError(error), allowRetry: false });
    }
  }

  private start(action: Action, first: StreamingRequest, draft: string | null, optimisticId: string | null): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const run: Run = { abort: new AbortController(), ended: false, draft, optimisticId, error: null, cleanup: () => undefined, resolve, reject };
      this.run = run;
      if (typeof window !== 'undefined') {
        // A connection that dies with the network often just goes quiet: end the run at once.
        const offline = () => this.failRun(run, { code: 'offline', allowRetry: true });
        window.addEventListener('offline', offline);
        run.cleanup = () => window.removeEventListener('offline', offline);
      }
      this.apply(action);
      this.host.emit('stream-chat-response-start', { threadId: this.state.threadId });
      void this.drive(run, first);
    });
  }

  /** Streams the first request, then one round trip per client tool call, then ends the run. */
  private async drive(run: Run, first: StreamingRequest): Promise<void> {
    let request: StreamingRequest | null = first;
    try {
      for (let round = 0; request; round++) {
        if (round > MAX_TOOL_ROUNDS) throw new ChatKitClientError('bad_frame', 'Too many client tool round trips');
        const pending = await this.stream(run, request);
        request = null;
        if (run.ended || run.error) break;
        if (pending) {
          const output = await this.callClientTool(run, pending);
          if (run.ended || run.error) {
            this.postOrphanOutput(pending.thread_id, output);
            break;
          }
          this.apply({ type: 'tool-output-sent', itemId: pending.id, output });
          request = { type: 'threads.add_client_tool_output', params: { thread_id: pending.thread_id, result: output } };
        }
      }
      this.finish(run, run.error ? 'error' : 'complete');
    } catch (error) {
      if (run.ended) return;
      run.error = this.shownError(error);
      this.finish(run, 'error');
    }
  }

  /** Streams one request; returns the pending client tool call that ended it, if any. */
  private async stream(run: Run, request: StreamingRequest): Promise<ClientToolCallItem | null> {
    let pending: ClientToolCallItem | null = null;
    let firstDelta = true;
    let reportedBadFrame = false;
    const events = streamEvents(request, {
      ...this.options(),
      signal: run.abort.signal,
      // A malformed frame is reported once, and the stream goes on: the item's final
      // `thread.item.done` carries the authoritative content anyway.
      onInvalidFrame: () => {
        if (reportedBadFrame) return;
        reportedBadFrame = true;
        this.showError({ code: 'bad_frame', allowRetry: true });
      },
    });
    let slice = performance.now();
    for await (const event of events) {
      if (run !== this.run) break;
      // A fast server can deliver thousands of events in one network chunk: give the browser
      // the main thread back every few milliseconds, so input and paint never wait long.
      if (performance.now() - slice > SLICE_MS) {
        await yieldToMain();
        slice = performance.now();
        if (run !== this.run) break;
      }
      pending = null;
      if (event.type === 'thread.item.done' && event.item.type === 'user_message') {
        run.draft = null;
        run.optimisticId = null;
      }
      const delta = event.type === 'thread.item.updated';
      // The first token paints at once; later bursts coalesce into one render per frame.
      this.apply({ type: 'event-received', event, noticeId: ++this.localIds }, delta && !firstDelta);
      if (delta) firstDelta = false;
      this.announce(run, event);
      if (event.type === 'thread.item.done' && event.item.type === 'client_tool_call' && event.item.status === 'pending') {
        pending = event.item;
      }
    }
    return pending;
  }

  /** Re-emits what a stream event means for the host page. */
  private announce(run: Run, event: ThreadStreamEvent): void {
    switch (event.type) {
      case 'thread.created':
        this.loadSeq++;
        this.host.threadOpened(event.thread.id);
        this.host.emit('stream-chat-thread-change', { threadId: event.thread.id });
        break;
      case 'thread.updated': {
        const { id, title, status } = event.thread;
        this.host.emit('stream-chat-thread-update', { thread: title === undefined ? { id, status } : { id, title, status } });
        break;
      }
      case 'progress_update':
        this.host.emit('stream-chat-progress', event.icon ? { text: event.text, icon: event.icon } : { text: event.text });
        break;
      case 'client_effect':
        this.host.emit('stream-chat-effect', { name: event.name, data: event.data ?? {} });
        break;
      case 'notice':
        this.host.emit(
          'stream-chat-notice',
          event.title
            ? { level: event.level, message: event.message, title: event.title }
            : { level: event.level, message: event.message },
        );
        break;
      case 'error':
        run.error = { code: event.code, allowRetry: event.allow_retry, ...(event.message ? { message: event.message } : {}) };
        break;
      default:
        break;
    }
  }

  /** Asks the page for a client tool's result: listener first, then `clientTools`, else an error. */
  private async callClientTool(run: Run, call: ClientToolCallItem): Promise<JsonValue> {
    let answer: Promise<unknown> | null = null;
    let open = true;
    this.host.emit('stream-chat-client-tool', {
      name: call.name,
      params: call.arguments ?? {},
      callId: call.call_id,
      threadId: call.thread_id,
      respondWith(value: unknown) {
        if (!open) throw new DOMException('respondWith() must be called synchronously in the listener', 'InvalidStateError');
        if (answer) throw new DOMException('This client tool call was already answered', 'InvalidStateError');
        answer = Promise.resolve(value);
      },
    });
    open = false;
    const handler = this.host.clientTools[call.name];
    if (!answer && handler) answer = Promise.resolve().then(() => handler(call.arguments ?? {}));
    if (!answer) return { error: `No handler for client tool "${call.name}"` };
    const timeout = this.host.clientToolTimeout;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limits = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Client tool "${call.name}" timed out after ${timeout} ms`)), timeout);
      run.abort.signal.addEventListener('abort', () => reject(new Error('The response was stopped')), { once: true });
    });
    try {
      return toJson(await Promise.race([answer, limits]), call.name);
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The run ended while a tool ran: the server still gets an output so it is never left waiting. */
  private postOrphanOutput(threadId: string, result: JsonValue): void {
    const abort = new AbortController();
    const request: StreamingRequest = { type: 'threads.add_client_tool_output', params: { thread_id: threadId, result } };
    void (async () => {
      try {
        // The first event proves the server took the output; nobody is left to show the rest.
        for await (const _event of streamEvents(request, { ...this.options(), signal: abort.signal })) abort.abort();
      } catch {
        // The server is gone; there is no one to tell.
      }
    })();
  }

  /** Ends a run as failed from outside its stream (the page went offline). */
  private failRun(run: Run, error: ShownError): void {
    if (run.ended || run.error) return;
    run.error = error;
    run.abort.abort();
  }

  private finish(run: Run, reason: ResponseEndReason): void {
    if (run.ended) return;
    run.ended = true;
    run.cleanup();
    if (this.run === run) this.run = null;
    if (reason === 'error' && run.draft !== null) {
      // The server never accepted the message: take it out of the view and give it back.
      if (run.optimisticId) this.apply({ type: 'send-rejected', itemId: run.optimisticId });
      this.lastFailedDraft = run.draft;
      this.host.restoreDraft(run.draft);
    }
    if (reason === 'error' && run.error) this.apply({ type: 'request-failed', error: run.error });
    this.apply({ type: 'response-ended' });
    const threadId = this.state.threadId;
    if (reason === 'error' && run.error) {
      const message = this.describeError(run.error);
      this.host.emit('stream-chat-error', { code: run.error.code, message, allowRetry: run.error.allowRetry });
      this.host.emit('stream-chat-response-end', { threadId, reason });
      run.reject(new StreamChatError(run.error.code, message, run.error.allowRetry));
      return;
    }
    this.host.emit('stream-chat-response-end', { threadId, reason });
    run.resolve();
  }

  private abortRun(): void {
    const run = this.run;
    if (!run) return;
    run.abort.abort();
    if (run.draft !== null && run.optimisticId) {
      // Stopped before the server took the message: give the text back.
      this.apply({ type: 'send-rejected', itemId: run.optimisticId });
      this.host.restoreDraft(run.draft);
      run.draft = null;
    }
    this.finish(run, 'aborted');
  }

  /** Applies an action and schedules a render: at once, or on the next frame for stream deltas. */
  private apply(action: Action, coalesce = false): void {
    this.state = reduce(this.state, action);
    if (!coalesce) {
      if (this.frame) cancelAnimationFrame(this.frame);
      this.frame = 0;
      this.host.requestUpdate();
      return;
    }
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.host.requestUpdate();
    });
  }

  private options(): ClientOptions {
    return this.host.clientOptions();
  }

  private shownError(error: unknown): ShownError {
    if (error instanceof ChatKitClientError) {
      const offline = error.code === 'network' && typeof navigator !== 'undefined' && navigator.onLine === false;
      return { code: offline ? 'offline' : error.code, allowRetry: true };
    }
    return { code: 'network', allowRetry: true };
  }

  private fail(code: string, allowRetry: boolean): StreamChatError {
    return new StreamChatError(code, this.describeError({ code, allowRetry }), allowRetry);
  }
}

/**
 * Lets the browser run input handlers and paint before the stream goes on. A plain task, not
 * `scheduler.yield()`, whose prioritised continuations measurably delayed frames.
 */
function yieldToMain(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
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

import type {
  Action,
  AssistantMessageItem,
  Attachment,
  ChatKitRequest,
  NonStreamingRequest,
  Page,
  StreamingRequest,
  StructuredInputItem,
  StructuredInputSubmission,
  Thread,
  ThreadItem,
  ThreadItemUpdate,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageInput,
  UserMessageItem,
  WidgetItem,
} from '../protocol/types.js';
import { ChatKitRequestError, CustomStreamError, StreamError } from './errors.js';
import type { ItemKind, Store } from './store.js';
import { parseRequest } from './validate.js';
import { toWire } from './wire.js';

/** Page size used when a list request gives no `limit`, and for `threads.get_by_id`. */
export const DEFAULT_PAGE_SIZE = 20;

/** What `respond()` and `action()` get besides the thread: the request context and helpers. */
export interface RespondContext<C = unknown> {
  /** The request context (what the handler's `context` function returned). */
  readonly context: C;
  /** The server's store, to read earlier items (for example a completed client tool call). */
  readonly store: Store<C>;
  /** Aborted when the client disconnects; pass it to model calls and timers to stop early. */
  readonly signal: AbortSignal;
  /** Returns a new item id of the given kind for this thread (`msg_…`, `tc_…`, …). */
  newItemId(kind: ItemKind): string;
  /** Returns the current time as an ISO-8601 string, for `created_at`. */
  now(): string;
}

/**
 * Produces the events of one assistant turn. `item` is the user message to answer, or null when
 * the turn continues after a client tool output or a structured input answer arrived (read it
 * from `ctx.store`). `thread` is live: set `thread.title` or `thread.status` and the server saves
 * the thread and emits `thread.updated` after the next event. Yielded `thread.item.done` items are
 * persisted; a done pending `client_tool_call` ends the turn. Throw {@link StreamError} or
 * {@link CustomStreamError} to end the stream with an in-band error.
 */
export type RespondFn<C = unknown> = (
  thread: ThreadMetadata,
  item: UserMessageItem | null,
  ctx: RespondContext<C>,
) => AsyncIterable<ThreadStreamEvent>;

/**
 * Handles `threads.custom_action`: a widget action (`sender` is the widget item) or a
 * client-sent action (`sender` is null). Its events are processed exactly like respond's.
 */
export type ActionFn<C = unknown> = (
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem | null,
  ctx: RespondContext<C>,
) => AsyncIterable<ThreadStreamEvent>;

/**
 * Handles `threads.sync_custom_action` (a widget action with `streaming: false`): returns the
 * item that replaces the sender in the client, or nothing. As in chatkit-python, the server does
 * not save the returned item: save it with `ctx.store` if it should outlive a reload.
 */
export type SyncActionFn<C = unknown> = (
  thread: ThreadMetadata,
  action: Action,
  sender: WidgetItem | null,
  ctx: RespondContext<C>,
) => Promise<{ updated_item?: ThreadItem }>;

/** Options of {@link ChatKitServer}. */
export interface ChatKitServerOptions<C = unknown> {
  /** Where threads and items live. */
  store: Store<C>;
  /** The agent: produces the events of each assistant turn. */
  respond: RespondFn<C>;
  /** Handles `threads.custom_action`; without it such requests stream a `stream.error`. */
  action?: ActionFn<C>;
  /** Handles `threads.sync_custom_action`; without it such requests answer 501. */
  syncAction?: SyncActionFn<C>;
  /**
   * Receives unexpected errors: exceptions from `respond`/`action` other than
   * {@link StreamError} and {@link CustomStreamError}, and store failures. Defaults to
   * `console.error`.
   */
  onError?: (error: unknown) => void;
}

/** A result to send as `text/event-stream`, one `data:` frame per event (see `encodeSseEvent`). */
export interface StreamingResult {
  streaming: true;
  /** The events in order; the body ends when the iteration ends. */
  events: AsyncIterable<ThreadStreamEvent>;
}

/** A result to send as `application/json` with status 200. */
export interface NonStreamingResult {
  streaming: false;
  /** The body, already stripped of null fields; `JSON.stringify` it. */
  json: unknown;
}

/** Options of {@link ChatKitServer.process}. */
export interface ProcessOptions {
  /** Abort it when the client disconnects: the turn stops and its partial reply is saved. */
  signal?: AbortSignal;
}

const STREAMING_TYPES: ReadonlySet<string> = new Set<StreamingRequest['type']>([
  'threads.create',
  'threads.add_user_message',
  'threads.add_client_tool_output',
  'threads.add_structured_input',
  'threads.retry_after_item',
  'threads.custom_action',
]);

const CANCELLED_NOTE = 'The user stopped the previous response before it finished.';

/**
 * Serves the ChatKit protocol (chatkit-python 1.6.5 on the wire) over any transport: validate
 * and route one request with {@link ChatKitServer.process}, then send the result. For node:http
 * and frameworks built on it, use `createChatKitHandler`.
 *
 * @example
 * const server = new ChatKitServer({ store: new MemoryStore(), respond: createDemoAgent() });
 * http.createServer(createChatKitHandler(server)).listen(8787);
 */
export class ChatKitServer<C = unknown> {
  /** The store given to the constructor. */
  readonly store: Store<C>;
  /** The error reporter given to the constructor (or `console.error`). */
  readonly onError: (error: unknown) => void;
  private readonly respond: RespondFn<C>;
  private readonly action: ActionFn<C> | undefined;
  private readonly syncAction: SyncActionFn<C> | undefined;

  /** @param options - The store, the agent and optional action handler and error reporter. */
  constructor(options: ChatKitServerOptions<C>) {
    this.store = options.store;
    this.respond = options.respond;
    this.action = options.action;
    this.syncAction = options.syncAction;
    this.onError = options.onError ?? ((error) => console.error('ChatKitServer:', error));
  }

  /**
   * Validates one request and runs it. Streaming requests return at once with a lazy event
   * iterable; the work (loading the thread, calling respond) happens while it is iterated, so
   * setup failures such as an unknown thread end the stream without events, as in chatkit-python.
   *
   * @param request - The body: parsed JSON, or its raw text or bytes.
   * @param context - Your per-request context, handed to the store and to respond.
   * @param options - An abort signal for client disconnects.
   * @throws {ChatKitRequestError} 400 for invalid JSON or an invalid request, 404 for an unknown
   *   thread on a non-streaming request, 501 for attachment, transcription and sync-action requests.
   */
  async process(request: unknown, context: C, options: ProcessOptions = {}): Promise<StreamingResult | NonStreamingResult> {
    const parsed = parseRequest(typeof request === 'string' || request instanceof Uint8Array ? parseJson(request) : request);
    if (isStreaming(parsed)) {
      const signal = options.signal ?? new AbortController().signal;
      return { streaming: true, events: this.stream(parsed, context, signal) };
    }
    return { streaming: false, json: toWire(await this.answer(parsed, context)) };
  }

  private async answer(request: NonStreamingRequest, context: C): Promise<unknown> {
    const { store } = this;
    switch (request.type) {
      case 'threads.list': {
        const { limit, order = 'desc', after } = request.params;
        const page = await store.loadThreads(limit || DEFAULT_PAGE_SIZE, after, order, context);
        return { ...page, data: page.data.map((thread) => threadResponse(thread)) };
      }
      case 'attachments.create':
      case 'attachments.delete':
      case 'input.transcribe':
        throw new ChatKitRequestError(501, 'not_supported', `${request.type} is not supported by this server.`);
    }
    const thread = await store.loadThread(request.params.thread_id, context);
    if (!thread) throw new ChatKitRequestError(404, 'not_found', `Thread ${request.params.thread_id} was not found.`);
    switch (request.type) {
      case 'threads.get_by_id': {
        const items = await store.loadThreadItems(thread.id, undefined, DEFAULT_PAGE_SIZE, 'asc', context);
        return threadResponse(thread, withoutHidden(items));
      }
      case 'items.list': {
        const { limit, order = 'desc', after } = request.params;
        return withoutHidden(await store.loadThreadItems(thread.id, after, limit || DEFAULT_PAGE_SIZE, order, context));
      }
      case 'threads.update':
        thread.title = request.params.title;
        await store.saveThread(thread, context);
        return threadResponse(thread);
      case 'threads.delete':
        await store.deleteThread(thread.id, context);
        return {};
      case 'items.feedback':
        await store.addFeedback?.(thread.id, request.params.item_ids, request.params.kind, context);
        return {};
      case 'threads.sync_custom_action':
        return this.runSyncAction(thread, request.params.item_id, request.params.action, context);
      default:
        return unreachable(request);
    }
  }

  private async runSyncAction(thread: ThreadMetadata, itemId: string | null, action: Action, context: C): Promise<unknown> {
    if (!this.syncAction) throw new ChatKitRequestError(501, 'not_supported', 'threads.sync_custom_action is not supported by this server.');
    const sender = itemId === null ? null : await this.store.loadItem(thread.id, itemId, context);
    if (sender && sender.type !== 'widget') {
      throw new ChatKitRequestError(400, 'invalid_request', 'threads.sync_custom_action requires a widget sender item.');
    }
    return this.syncAction(thread, action, sender, this.respondContext(thread, context, new AbortController().signal));
  }

  private async *stream(request: StreamingRequest, context: C, signal: AbortSignal): AsyncGenerator<ThreadStreamEvent> {
    const { store } = this;
    if (request.type === 'threads.create') {
      const attachments = await this.loadAttachments(request.params.input, context);
      if (!attachments) return;
      const thread: ThreadMetadata = {
        id: store.generateThreadId(context),
        created_at: new Date().toISOString(),
        status: { type: 'active' },
        metadata: {},
      };
      await store.saveThread(thread, context);
      yield { type: 'thread.created', thread: threadResponse(thread) };
      yield* this.userTurn(thread, request.params.input, attachments, this.respondContext(thread, context, signal));
      return;
    }

    // As in chatkit-python, setup failures (unknown thread or item, nothing to answer) end the
    // stream without any event; the client treats an empty stream as a failed request.
    const thread = await store.loadThread(request.params.thread_id, context);
    if (!thread) return;
    const ctx = this.respondContext(thread, context, signal);
    const respond = this.respond;
    switch (request.type) {
      case 'threads.add_user_message': {
        const attachments = await this.loadAttachments(request.params.input, context);
        if (attachments) yield* this.userTurn(thread, request.params.input, attachments, ctx);
        return;
      }
      case 'threads.add_client_tool_output': {
        // The protocol carries no call id: the output answers the newest item, which must be a
        // pending client tool call (protocol/chatkit.md §6).
        const [newest] = (await store.loadThreadItems(thread.id, undefined, 1, 'desc', context)).data;
        if (newest?.type !== 'client_tool_call' || newest.status !== 'pending') return;
        await store.saveItem(thread.id, { ...newest, status: 'completed', output: request.params.result }, context);
        await this.deleteStalePendingCalls(thread.id, context);
        yield* this.pipeline(thread, ctx, () => respond(thread, null, ctx));
        return;
      }
      case 'threads.retry_after_item': {
        const newer: string[] = [];
        let target: ThreadItem | undefined;
        for await (const item of this.itemsNewestFirst(thread.id, context)) {
          if (item.id === request.params.item_id) {
            target = item;
            break;
          }
          newer.push(item.id);
        }
        if (target?.type !== 'user_message') return;
        const message = target;
        // No thread.item.removed events: the client drops the later items itself (§8).
        for (const id of newer) await store.deleteThreadItem(thread.id, id, context);
        yield* this.pipeline(thread, ctx, () => respond(thread, message, ctx));
        return;
      }
      case 'threads.custom_action': {
        let sender: WidgetItem | null = null;
        if (request.params.item_id !== null) {
          const item = await store.loadItem(thread.id, request.params.item_id, context);
          if (!item) return;
          if (item.type !== 'widget') {
            yield { type: 'error', code: 'stream.error', allow_retry: false };
            return;
          }
          sender = item;
        }
        const { action } = this;
        const requested = request.params.action;
        yield* this.pipeline(thread, ctx, () => {
          if (!action) throw new Error('threads.custom_action needs an `action` option on ChatKitServer.');
          return action(thread, requested, sender, ctx);
        });
        return;
      }
      case 'threads.add_structured_input': {
        const item = await store.loadItem(thread.id, request.params.item_id, context);
        if (item?.type !== 'structured_input' || item.status !== 'pending') return;
        const answered = answerStructuredInput(item, request.params.input);
        yield* this.pipeline(thread, ctx, async function* () {
          yield { type: 'thread.item.replaced', item: answered };
          yield* respond(thread, null, ctx);
        });
        return;
      }
      default:
        unreachable(request);
    }
  }

  private async *userTurn(
    thread: ThreadMetadata,
    input: UserMessageInput,
    attachments: Attachment[],
    ctx: RespondContext<C>,
  ): AsyncGenerator<ThreadStreamEvent> {
    const item: UserMessageItem = {
      type: 'user_message',
      id: ctx.newItemId('message'),
      thread_id: thread.id,
      created_at: ctx.now(),
      content: input.content,
      attachments,
      quoted_text: input.quoted_text,
      inference_options: input.inference_options,
    };
    await this.store.addThreadItem(thread.id, item, ctx.context);
    yield { type: 'thread.item.done', item: structuredClone(item) };
    yield* this.pipeline(thread, ctx, () => this.respond(thread, item, ctx));
  }

  /**
   * Runs one turn: `stream_options`, then the turn's events, persisted as they pass, with
   * `thread.updated` after any event that changed the thread and once more at the end. Errors
   * become an in-band `error` event; a disconnect saves the partial reply and a hidden note.
   */
  private async *pipeline(
    thread: ThreadMetadata,
    ctx: RespondContext<C>,
    start: () => AsyncIterable<ThreadStreamEvent>,
  ): AsyncGenerator<ThreadStreamEvent> {
    const { store } = this;
    yield { type: 'stream_options', stream_options: { allow_cancel: true } };
    let saved = JSON.stringify(thread);
    const threadUpdate = async (): Promise<ThreadStreamEvent[]> => {
      const current = JSON.stringify(thread);
      if (current === saved) return [];
      saved = current;
      await store.saveThread(thread, ctx.context);
      return [{ type: 'thread.updated', thread: threadResponse(thread) }];
    };

    const pending = new Map<string, ThreadItem>();
    let iterator: AsyncIterator<ThreadStreamEvent> | undefined;
    let settled = false;
    try {
      iterator = start()[Symbol.asyncIterator]();
      for (;;) {
        const step = await nextUnlessAborted(iterator, ctx.signal);
        if (step === ABORTED) break;
        if (step.done) {
          settled = true;
          break;
        }
        const event = step.value;
        await this.persist(thread.id, event, pending, ctx.context);
        if (!isHiddenItemDone(event)) yield event;
        yield* await threadUpdate();
        if (event.type === 'thread.item.done' && event.item.type === 'client_tool_call' && event.item.status === 'pending') {
          // Only one client tool call per turn: the turn pauses until its output is posted.
          settled = true;
          await iterator.return?.();
          break;
        }
      }
    } catch (error) {
      settled = true;
      yield this.errorEvent(error);
    } finally {
      // Not awaited: after an abort the iterator may be mid-step, and return() would wait for it.
      closeQuietly(iterator);
      if (!settled) await this.saveCancelled(thread, pending, ctx);
    }
    yield* await threadUpdate();
  }

  private async persist(threadId: string, event: ThreadStreamEvent, pending: Map<string, ThreadItem>, context: C): Promise<void> {
    const { store } = this;
    switch (event.type) {
      case 'thread.item.added':
        pending.set(event.item.id, structuredClone(event.item));
        break;
      case 'thread.item.updated': {
        const item = pending.get(event.item_id);
        if (item?.type === 'assistant_message') applyUpdate(item, event.update);
        break;
      }
      case 'thread.item.done':
        pending.delete(event.item.id);
        await store.addThreadItem(threadId, event.item, context);
        break;
      case 'thread.item.replaced':
        pending.delete(event.item.id);
        await store.saveItem(threadId, event.item, context);
        break;
      case 'thread.item.removed':
        pending.delete(event.item_id);
        await store.deleteThreadItem(threadId, event.item_id, context);
        break;
    }
  }

  /** Keeps what the user already saw and tells the next turn that this one was cut short. */
  private async saveCancelled(thread: ThreadMetadata, pending: Map<string, ThreadItem>, ctx: RespondContext<C>): Promise<void> {
    for (const item of pending.values()) {
      if (item.type === 'assistant_message' && item.content.some((part) => part.text.trim() !== '')) {
        await this.store.addThreadItem(thread.id, item, ctx.context);
      }
    }
    const note: ThreadItem = {
      type: 'sdk_hidden_context',
      id: ctx.newItemId('sdk_hidden_context'),
      thread_id: thread.id,
      created_at: ctx.now(),
      content: CANCELLED_NOTE,
    };
    await this.store.addThreadItem(thread.id, note, ctx.context);
  }

  private errorEvent(error: unknown): ThreadStreamEvent {
    if (error instanceof CustomStreamError) {
      return { type: 'error', code: 'custom', message: error.message, allow_retry: error.allowRetry };
    }
    if (error instanceof StreamError) return { type: 'error', code: error.code, allow_retry: error.allowRetry };
    this.onError(error);
    return { type: 'error', code: 'stream.error', allow_retry: true };
  }

  private async loadAttachments(input: UserMessageInput, context: C): Promise<Attachment[] | null> {
    const attachments: Attachment[] = [];
    for (const id of input.attachments) {
      const attachment = (await this.store.loadAttachment?.(id, context)) ?? null;
      if (!attachment) return null;
      attachments.push(attachment);
    }
    return attachments;
  }

  /** Drops pending client tool calls that were never answered (only the newest one can be). */
  private async deleteStalePendingCalls(threadId: string, context: C): Promise<void> {
    const recent = await this.store.loadThreadItems(threadId, undefined, DEFAULT_PAGE_SIZE, 'desc', context);
    for (const item of recent.data) {
      if (item.type === 'client_tool_call' && item.status === 'pending') {
        await this.store.deleteThreadItem(threadId, item.id, context);
      }
    }
  }

  private async *itemsNewestFirst(threadId: string, context: C): AsyncGenerator<ThreadItem> {
    let after: string | undefined;
    for (;;) {
      const page = await this.store.loadThreadItems(threadId, after, DEFAULT_PAGE_SIZE, 'desc', context);
      yield* page.data;
      if (!page.has_more || page.after === undefined) return;
      after = page.after;
    }
  }

  private respondContext(thread: ThreadMetadata, context: C, signal: AbortSignal): RespondContext<C> {
    const { store } = this;
    return {
      context,
      store,
      signal,
      newItemId: (kind) => store.generateItemId(kind, thread, context),
      now: () => new Date().toISOString(),
    };
  }
}

function parseJson(raw: string | Uint8Array): unknown {
  try {
    return JSON.parse(typeof raw === 'string' ? raw : new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new ChatKitRequestError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

function isStreaming(request: ChatKitRequest): request is StreamingRequest {
  return STREAMING_TYPES.has(request.type);
}

function unreachable(value: never): never {
  throw new Error(`Unhandled request: ${JSON.stringify(value)}`);
}

/** The client-facing thread: private metadata is never exposed (always `{}`). */
function threadResponse(thread: ThreadMetadata, items: Page<ThreadItem> = { data: [], has_more: false }): Thread {
  const { id, title, created_at, status, allowed_image_domains } = thread;
  return structuredClone({ id, title, created_at, status, allowed_image_domains, metadata: {}, items });
}

function isHidden(item: ThreadItem): boolean {
  return item.type === 'hidden_context_item' || item.type === 'sdk_hidden_context';
}

function isHiddenItemDone(event: ThreadStreamEvent): boolean {
  return event.type === 'thread.item.done' && isHidden(event.item);
}

function withoutHidden(page: Page<ThreadItem>): Page<ThreadItem> {
  return { ...page, data: page.data.filter((item) => !isHidden(item)) };
}

/**
 * As chatkit-python 1.6.5's `_apply_structured_input_submission`: a skipped submission, an
 * omitted answer, an answer marked skipped or one without values all become
 * `{values: [], skipped: true}`; a single-choice answer keeps its first value; unknown ids are ignored.
 */
function answerStructuredInput(item: StructuredInputItem, input: StructuredInputSubmission): StructuredInputItem {
  const status = input.status ?? 'answered';
  return {
    ...structuredClone(item),
    status,
    inputs: item.inputs.map((question) => {
      const answer = input.answers?.[question.id];
      if (status === 'skipped' || !answer || answer.skipped || !answer.values?.length) {
        return { ...structuredClone(question), answer: { values: [], skipped: true } };
      }
      const single = question.type === 'multiple_choice' && !question.multiple;
      return { ...structuredClone(question), answer: { values: single ? answer.values.slice(0, 1) : [...answer.values], skipped: false } };
    }),
  };
}

/** Applies an assistant-message update to a pending copy, padding missing parts (§4). */
function applyUpdate(item: AssistantMessageItem, update: ThreadItemUpdate): void {
  if (!update.type.startsWith('assistant_message.')) return;
  const part = (index: number) => {
    while (item.content.length <= index) item.content.push({ type: 'output_text', text: '', annotations: [] });
    return index;
  };
  switch (update.type) {
    case 'assistant_message.content_part.added':
    case 'assistant_message.content_part.done':
      item.content[part(update.content_index)] = structuredClone(update.content);
      break;
    case 'assistant_message.content_part.text_delta': {
      const target = item.content[part(update.content_index)];
      if (target) target.text += update.delta;
      break;
    }
    case 'assistant_message.content_part.annotation_added': {
      const annotations = item.content[part(update.content_index)]?.annotations;
      annotations?.splice(Math.min(update.annotation_index, annotations.length), 0, structuredClone(update.annotation));
      break;
    }
  }
}

const ABORTED = Symbol('aborted');

/** Waits for the iterator's next step, or for the signal, whichever comes first. */
function nextUnlessAborted<T>(iterator: AsyncIterator<T>, signal: AbortSignal): Promise<IteratorResult<T> | typeof ABORTED> {
  if (signal.aborted) return Promise.resolve(ABORTED);
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve(ABORTED);
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (step) => {
        signal.removeEventListener('abort', onAbort);
        resolve(step);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

function closeQuietly(iterator: AsyncIterator<unknown> | undefined): void {
  if (!iterator?.return) return;
  try {
    iterator.return().catch(() => undefined);
  } catch {
    // A respond that fails while closing has nothing left to tell anyone.
  }
}

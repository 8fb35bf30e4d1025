/**
 * The ChatKit protocol server: validates one request, routes it (chatkit-python 1.6.5's
 * `ChatKitServer.process` in chatkit/server.py is the reference for every request type) and
 * returns either a JSON body or a lazy stream of events. Non-streaming answers live in
 * `requests.ts`, turns run in `turn.ts` (and are tracked per thread in `running-turns.ts`, so
 * deleting a thread cancels the work still running for it), and the public types live in `types.ts`.
 */
import type {
  Attachment,
  ChatKitRequest,
  StreamingRequest,
  StructuredInputItem,
  StructuredInputSubmission,
  ThreadItem,
  ThreadMetadata,
  ThreadStreamEvent,
  UserMessageContent,
  UserMessageInput,
  UserMessageItem,
  WidgetItem,
} from '../protocol/types.js';
import { ChatKitRequestError } from './errors.js';
import type { AttachmentStore } from './attachment-store.js';
import type { Store } from './store.js';
import type { TranscribeFn } from './transcribe.js';
import { runTurn, saveCancelledTurn, threadResponse } from './turn.js';
import type {
  ActionFn,
  ChatKitServerOptions,
  NonStreamingResult,
  ProcessOptions,
  RespondContext,
  RespondFn,
  StreamCancelledFn,
  StreamingResult,
  StreamOptions,
  SyncActionFn,
} from './types.js';
import {
  answerRequest,
  answerSyncAction,
  deleteStalePendingCalls,
  itemsNewestFirst,
  loadAttachments,
} from './requests.js';
import { RunningTurns } from './running-turns.js';
import { parseRequest } from './validate.js';
import { LateWork } from './late-work.js';
import { toWire } from './wire.js';

const STREAMING_TYPES: ReadonlySet<string> = new Set<StreamingRequest['type']>([
  'threads.create',
  'threads.add_user_message',
  'threads.add_client_tool_output',
  'threads.add_structured_input',
  'threads.retry_after_item',
  'threads.custom_action',
]);

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
  /** The attachment store given to the constructor, if any (the handler's upload routes use it). */
  readonly attachments: AttachmentStore<C> | undefined;
  private readonly transcribe: TranscribeFn<C> | undefined;
  private readonly respond: RespondFn<C>;
  private readonly action: ActionFn<C> | undefined;
  private readonly syncAction: SyncActionFn<C> | undefined;
  private readonly streamOptions: (thread: ThreadMetadata, context: C) => StreamOptions;
  private readonly onStreamCancelled: StreamCancelledFn<C>;
  /** The running turns of each thread in this process, to cancel when the thread is deleted. */
  private readonly running = new RunningTurns();
  private readonly turnOf = new WeakMap<RespondContext<C>, AbortController>();
  private readonly lateWork = new LateWork();

  /** @param options - The store, the agent, and optionally the action handler, error reporter and hooks. */
  constructor(options: ChatKitServerOptions<C>) {
    this.store = options.store;
    this.attachments = options.attachments;
    this.transcribe = options.transcribe;
    this.respond = options.respond;
    this.action = options.action;
    this.syncAction = options.syncAction;
    this.onError = options.onError ?? ((error) => console.error('ChatKitServer:', error));
    this.streamOptions = options.streamOptions ?? (() => ({ allow_cancel: true }));
    this.onStreamCancelled = options.onStreamCancelled ?? saveCancelledTurn;
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
   *   thread on `threads.get_by_id`, `threads.update` and `threads.sync_custom_action`, 501 for
   *   sync actions without a `syncAction` hook and for attachment or transcription requests without
   *   an attachment store or transcribe hook.
   */
  async process(
    request: unknown,
    context: C,
    options: ProcessOptions = {},
  ): Promise<StreamingResult | NonStreamingResult> {
    const parsed = parseRequest(
      typeof request === 'string' || request instanceof Uint8Array ? parseJson(request) : request,
      options.limits,
    );
    if (isStreaming(parsed)) {
      const signal = options.signal ?? new AbortController().signal;
      const events = this.running.run(signal, (turn, track) => this.stream(parsed, context, turn, track));
      return { streaming: true, events };
    }
    if (parsed.type === 'threads.get_by_id') await this.lateWork.settled(parsed.params.thread_id);
    const answer =
      parsed.type === 'threads.sync_custom_action' && this.syncAction
        ? await answerSyncAction(this.store, this.syncAction, parsed.params, context, (thread) =>
            this.respondContext(thread, context, new AbortController()),
          )
        : await answerRequest(this.store, parsed, context, (threadId) => this.running.cancel(threadId), {
            attachments: this.attachments,
            transcribe: this.transcribe,
          });
    return { streaming: false, json: toWire(answer) };
  }

  private async *stream(
    request: StreamingRequest,
    context: C,
    turn: AbortController,
    track: (threadId: string) => void,
  ): AsyncGenerator<ThreadStreamEvent> {
    const { store } = this;
    if (request.type === 'threads.create') {
      const attachments = await loadAttachments(store, request.params.input, context, this.attachments);
      if (!attachments) return;
      const thread: ThreadMetadata = {
        id: store.generateThreadId(context),
        created_at: new Date().toISOString(),
        status: { type: 'active' },
        metadata: {},
      };
      await store.createThread(thread, context);
      track(thread.id);
      yield { type: 'thread.created', thread: threadResponse(thread) };
      yield* this.userTurn(thread, request.params.input, attachments, this.respondContext(thread, context, turn));
      return;
    }

    // As in chatkit-python, setup failures (unknown thread or item, nothing to answer) end the
    // stream without any event; the client treats an empty stream as a failed request.
    const thread = await store.loadThread(request.params.thread_id, context);
    if (!thread) return;
    track(thread.id);
    const ctx = this.respondContext(thread, context, turn);
    const respond = this.respond;
    switch (request.type) {
      case 'threads.add_user_message': {
        const attachments = await loadAttachments(store, request.params.input, context, this.attachments);
        if (attachments) yield* this.userTurn(thread, request.params.input, attachments, ctx);
        return;
      }
      case 'threads.add_client_tool_output': {
        // The protocol carries no call id: the output answers the newest item, which must be a
        // pending client tool call: chatkit-python's `ThreadsAddClientToolOutputReq` case
        // (chatkit/server.py) raises "Last thread item in … was not a ClientToolCallItem".
        const [newest] = (await store.loadThreadItems(thread.id, undefined, 1, 'desc', context)).data;
        if (newest?.type !== 'client_tool_call' || newest.status !== 'pending') return;
        await store.saveItem(thread.id, { ...newest, status: 'completed', output: request.params.result }, context);
        await deleteStalePendingCalls(store, thread.id, context);
        yield* this.pipeline(thread, ctx, () => respond(thread, null, ctx));
        return;
      }
      case 'threads.retry_after_item': {
        const newer: string[] = [];
        let target: ThreadItem | undefined;
        for await (const item of itemsNewestFirst(store, thread.id, context)) {
          if (item.id === request.params.item_id) {
            target = item;
            break;
          }
          newer.push(item.id);
        }
        if (target?.type !== 'user_message') return;
        const message = target;
        // No thread.item.removed events, as in chatkit-python's `ThreadsRetryAfterItemReq` case
        // (chatkit/server.py), which only calls `store.delete_thread_item`: the client drops them.
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
      content: input.content.map(withInteractive),
      // As chatkit-python: the attachments now name their thread, and remember it.
      attachments: attachments.map((attachment) => ({ ...attachment, thread_id: thread.id })),
      quoted_text: input.quoted_text,
      inference_options: input.inference_options,
    };
    for (const attachment of attachments) await this.attachments?.attachToThread(attachment.id, thread.id, ctx.context);
    await this.store.addThreadItem(thread.id, item, ctx.context);
    yield { type: 'thread.item.done', item: structuredClone(item) };
    yield* this.pipeline(thread, ctx, () => this.respond(thread, item, ctx));
  }

  /** Runs one turn (see `runTurn`), with this server's store and hooks. */
  private pipeline(
    thread: ThreadMetadata,
    ctx: RespondContext<C>,
    start: () => AsyncIterable<ThreadStreamEvent>,
  ): AsyncGenerator<ThreadStreamEvent> {
    const turn = this.turnOf.get(ctx);
    return runTurn(thread, ctx, start, {
      store: this.store,
      streamOptions: this.streamOptions(thread, ctx.context),
      onStreamCancelled: this.onStreamCancelled,
      onError: this.onError,
      abort: (reason) => turn?.abort(reason),
    });
  }

  private respondContext(thread: ThreadMetadata, context: C, turn: AbortController): RespondContext<C> {
    const { store } = this;
    const ctx: RespondContext<C> = {
      context,
      store,
      attachments: this.attachments,
      signal: turn.signal,
      newItemId: (kind) => store.generateItemId(kind, thread, context),
      now: () => new Date().toISOString(),
      waitUntil: (work) => this.lateWork.add(thread.id, work),
    };
    this.turnOf.set(ctx, turn);
    return ctx;
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
      return {
        ...structuredClone(question),
        answer: { values: single ? answer.values.slice(0, 1) : [...answer.values], skipped: false },
      };
    }),
  };
}

/** An `input_tag` part as chatkit-python stores it: `interactive` defaults to false. */
function withInteractive(part: UserMessageContent): UserMessageContent {
  return part.type === 'input_tag' ? { ...part, interactive: part.interactive ?? false } : part;
}

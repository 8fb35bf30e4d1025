/**
 * One assistant turn as ChatKitServer streams it, modelled on chatkit-python's
 * `ChatKitServer._process_events` (chatkit/server.py): `stream_options` first, then respond's
 * events, each persisted as it passes (`thread.item.done` added, `.replaced` saved, `.removed`
 * deleted), hidden items never sent, and `thread.updated` after any event that changed the thread
 * and once more at the end. Errors become one in-band `error` event; a client that leaves is
 * handed to the `onStreamCancelled` hook; a thread deleted meanwhile ends the turn quietly.
 */
import type {
  AssistantMessageItem,
  Page,
  Thread,
  ThreadItem,
  ThreadItemUpdate,
  ThreadMetadata,
  ThreadStreamEvent,
} from '../protocol/types.js';
import { CustomStreamError, StreamError } from './errors.js';
import { ThreadNotFoundError, type Store } from './store.js';
import type { RespondContext, StreamCancelledFn, StreamOptions } from './types.js';

/** The abort reason of a turn whose thread was deleted: nothing more is saved for it. */
export const THREAD_GONE = Symbol('thread gone');

/** The note the default cancel hook leaves for the next turn. */
const CANCELLED_NOTE = 'The user stopped the previous response before it finished.';

/** What {@link runTurn} needs from the server. */
export interface TurnSettings<C> {
  store: Store<C>;
  streamOptions: StreamOptions;
  onStreamCancelled: StreamCancelledFn<C>;
  onError: (error: unknown) => void;
  /** Aborts `ctx.signal`; the turn aborts it with {@link THREAD_GONE} when the store refuses a write. */
  abort: (reason: unknown) => void;
}

/**
 * The default `onStreamCancelled` hook, as chatkit-python's `handle_stream_cancelled`: keeps what
 * the user already saw (pending assistant messages with text) and adds a hidden note so that the
 * next turn knows this one was cut short.
 *
 * @param thread - The thread of the turn.
 * @param pendingItems - Items added but not done when the client left.
 * @param ctx - The turn's respond context.
 */
export async function saveCancelledTurn<C>(
  thread: ThreadMetadata,
  pendingItems: ThreadItem[],
  ctx: RespondContext<C>,
): Promise<void> {
  for (const item of pendingItems) {
    if (item.type === 'assistant_message' && item.content.some((part) => part.text.trim() !== '')) {
      await ctx.store.addThreadItem(thread.id, item, ctx.context);
    }
  }
  const note: ThreadItem = {
    type: 'sdk_hidden_context',
    id: ctx.newItemId('sdk_hidden_context'),
    thread_id: thread.id,
    created_at: ctx.now(),
    content: CANCELLED_NOTE,
  };
  await ctx.store.addThreadItem(thread.id, note, ctx.context);
}

/**
 * Streams one turn (see the module comment). A done pending `client_tool_call` does not end it:
 * like chatkit-python, whatever respond yields afterwards is streamed too.
 */
export async function* runTurn<C>(
  thread: ThreadMetadata,
  ctx: RespondContext<C>,
  start: () => AsyncIterable<ThreadStreamEvent>,
  settings: TurnSettings<C>,
): AsyncGenerator<ThreadStreamEvent> {
  const { store } = settings;
  const gone = () => ctx.signal.aborted && ctx.signal.reason === THREAD_GONE;
  yield { type: 'stream_options', stream_options: settings.streamOptions };
  let saved = JSON.stringify(thread);
  const threadUpdate = async (): Promise<ThreadStreamEvent[]> => {
    const current = JSON.stringify(thread);
    if (current === saved || gone()) return [];
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
      await persist(store, thread.id, event, pending, ctx.context);
      if (!isHiddenItemDone(event)) yield event;
      yield* await threadUpdate();
    }
    yield* await threadUpdate();
  } catch (error) {
    settled = true;
    if (error instanceof ThreadNotFoundError) {
      settings.abort(THREAD_GONE);
    } else {
      yield errorEvent(error, settings.onError);
      yield* await threadUpdate().catch(() => []);
    }
  } finally {
    // Not awaited: after an abort the iterator may be mid-step, and return() would wait for it.
    closeQuietly(iterator);
    if (!settled && !gone()) {
      await settings.onStreamCancelled(thread, [...pending.values()], ctx).catch((error: unknown) => {
        if (!(error instanceof ThreadNotFoundError)) settings.onError(error);
      });
    }
  }
}

async function persist<C>(
  store: Store<C>,
  threadId: string,
  event: ThreadStreamEvent,
  pending: Map<string, ThreadItem>,
  context: C,
): Promise<void> {
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

/** The client-facing thread: private metadata is never exposed (always `{}`). */
export function threadResponse(
  thread: ThreadMetadata,
  items: Page<ThreadItem> = { data: [], has_more: false },
): Thread {
  const { id, title, created_at, status, allowed_image_domains } = thread;
  return structuredClone({ id, title, created_at, status, allowed_image_domains, metadata: {}, items });
}

function errorEvent(error: unknown, onError: (error: unknown) => void): ThreadStreamEvent {
  if (error instanceof CustomStreamError) {
    return { type: 'error', code: 'custom', message: error.message, allow_retry: error.allowRetry };
  }
  if (error instanceof StreamError) return { type: 'error', code: error.code, allow_retry: error.allowRetry };
  onError(error);
  return { type: 'error', code: 'stream.error', allow_retry: true };
}

function isHiddenItemDone(event: ThreadStreamEvent): boolean {
  return (
    event.type === 'thread.item.done' &&
    (event.item.type === 'hidden_context_item' || event.item.type === 'sdk_hidden_context')
  );
}

/**
 * Applies an assistant-message update to a pending copy. Missing parts are padded, as
 * chatkit-python's `_apply_assistant_message_update` does: "Pad the content list so the requested
 * content_index exists before we write into it."
 */
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
function nextUnlessAborted<T>(
  iterator: AsyncIterator<T>,
  signal: AbortSignal,
): Promise<IteratorResult<T> | typeof ABORTED> {
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

/**
 * The answers to the non-streaming requests (chatkit-python's `_process_non_streaming` in
 * chatkit/server.py is the reference), including a sync action's, and the store reads the
 * streaming requests share: a thread's items newest first, stale pending client tool calls,
 * attachments by id.
 */
import type {
  Attachment,
  NonStreamingRequest,
  Page,
  ThreadItem,
  ThreadMetadata,
  UserMessageInput,
} from '../protocol/types.js';
import { ChatKitRequestError } from './errors.js';
import type { AttachmentStore } from './attachment-store.js';
import type { Store } from './store.js';
import { audioInput, type TranscribeFn } from './transcribe.js';
import { threadResponse } from './turn.js';
import type { RespondContext, SyncActionFn } from './types.js';

/** The optional parts of a server a non-streaming request may need. */
export interface RequestExtras<C> {
  attachments?: AttachmentStore<C>;
  transcribe?: TranscribeFn<C>;
}

/** Page size used when a list request gives no `limit`, and for `threads.get_by_id`. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * Answers one non-streaming request with the JSON to send (before `toWire`).
 *
 * @param onDeleted - Called after a thread was deleted, to cancel its running turns.
 * @throws {ChatKitRequestError} 404 on `threads.get_by_id` and `threads.update` of an unknown
 *   thread, 501 for sync actions, and for attachment and transcription requests when `extras`
 *   has no attachment store or transcribe hook.
 */
export async function answerRequest<C>(
  store: Store<C>,
  request: NonStreamingRequest,
  context: C,
  onDeleted: (threadId: string) => void,
  extras: RequestExtras<C> = {},
): Promise<unknown> {
  switch (request.type) {
    case 'threads.list': {
      const { limit, order = 'desc', after } = request.params;
      const page = await store.loadThreads(limit || DEFAULT_PAGE_SIZE, after, order, context);
      return { ...page, data: page.data.map((thread) => threadResponse(thread)) };
    }
    case 'attachments.create':
      if (!extras.attachments) break;
      return extras.attachments.createAttachment(request.params, context);
    case 'attachments.delete':
      if (!extras.attachments) break;
      await extras.attachments.deleteAttachment(request.params.attachment_id, context);
      return {};
    case 'input.transcribe': {
      if (!extras.transcribe) break;
      const { text } = await extras.transcribe(
        audioInput(request.params.audio_base64, request.params.mime_type),
        context,
      );
      return { text };
    }
  }
  switch (request.type) {
    case 'attachments.create':
    case 'attachments.delete':
    case 'input.transcribe':
    case 'threads.sync_custom_action':
      throw new ChatKitRequestError(501, 'not_supported', `${request.type} is not supported by this server.`);
  }
  // As in chatkit-python, listing items, deleting and feedback do not require the thread: an
  // unknown one (or another user's) answers an empty page or `{}` and changes nothing.
  const thread = await store.loadThread(request.params.thread_id, context);
  switch (request.type) {
    case 'items.list': {
      if (!thread) return { data: [], has_more: false };
      const { limit, order = 'desc', after } = request.params;
      return withoutHidden(await store.loadThreadItems(thread.id, after, limit || DEFAULT_PAGE_SIZE, order, context));
    }
    case 'threads.delete':
      if (thread) {
        await store.deleteThread(thread.id, context);
        onDeleted(thread.id);
      }
      return {};
    case 'items.feedback':
      if (thread) await store.addFeedback?.(thread.id, request.params.item_ids, request.params.kind, context);
      return {};
  }
  if (!thread)
    throw new ChatKitRequestError(404, 'not_found', `Thread ${request.params.thread_id.slice(0, 200)} was not found.`);
  switch (request.type) {
    case 'threads.get_by_id': {
      const items = await store.loadThreadItems(thread.id, undefined, DEFAULT_PAGE_SIZE, 'asc', context);
      return threadResponse(thread, withoutHidden(items));
    }
    case 'threads.update':
      thread.title = request.params.title;
      await store.saveThread(thread, context);
      return threadResponse(thread);
    default:
      return unreachable(request);
  }
}

/**
 * Answers `threads.sync_custom_action` with what the hook returns (`{ updated_item? }`).
 *
 * @param respondContext - The context the hook gets for the loaded thread.
 * @throws {ChatKitRequestError} 404 for an unknown thread, 400 when the sender is not a widget.
 */
export async function answerSyncAction<C>(
  store: Store<C>,
  hook: SyncActionFn<C>,
  params: Extract<NonStreamingRequest, { type: 'threads.sync_custom_action' }>['params'],
  context: C,
  respondContext: (thread: ThreadMetadata) => RespondContext<C>,
): Promise<unknown> {
  const { thread_id: threadId, item_id: itemId, action } = params;
  const thread = await store.loadThread(threadId, context);
  if (!thread) throw new ChatKitRequestError(404, 'not_found', `Thread ${threadId.slice(0, 200)} was not found.`);
  const sender = itemId === null ? null : await store.loadItem(thread.id, itemId, context);
  if (sender && sender.type !== 'widget') {
    throw new ChatKitRequestError(400, 'invalid_request', 'threads.sync_custom_action requires a widget sender item.');
  }
  return hook(thread, action, sender, respondContext(thread));
}

/**
 * Resolves the attachment ids of a user message (through the attachment store when there is one,
 * else `store.loadAttachment`); null when any is unknown, another user's or not uploaded yet.
 */
export async function loadAttachments<C>(
  store: Store<C>,
  input: UserMessageInput,
  context: C,
  attachmentStore?: AttachmentStore<C>,
): Promise<Attachment[] | null> {
  const attachments: Attachment[] = [];
  for (const id of input.attachments) {
    const attachment = (await (attachmentStore ?? store).loadAttachment?.(id, context)) ?? null;
    if (!attachment) return null;
    attachments.push(attachment);
  }
  return attachments;
}

/** Drops pending client tool calls that were never answered (only the newest one can be). */
export async function deleteStalePendingCalls<C>(store: Store<C>, threadId: string, context: C): Promise<void> {
  const recent = await store.loadThreadItems(threadId, undefined, DEFAULT_PAGE_SIZE, 'desc', context);
  for (const item of recent.data) {
    if (item.type === 'client_tool_call' && item.status === 'pending') {
      await store.deleteThreadItem(threadId, item.id, context);
    }
  }
}

export async function* itemsNewestFirst<C>(store: Store<C>, threadId: string, context: C): AsyncGenerator<ThreadItem> {
  let after: string | undefined;
  for (;;) {
    const page = await store.loadThreadItems(threadId, after, DEFAULT_PAGE_SIZE, 'desc', context);
    yield* page.data;
    if (!page.has_more || page.after === undefined) return;
    after = page.after;
  }
}

function isHidden(item: ThreadItem): boolean {
  return item.type === 'hidden_context_item' || item.type === 'sdk_hidden_context';
}

function withoutHidden(page: Page<ThreadItem>): Page<ThreadItem> {
  return { ...page, data: page.data.filter((item) => !isHidden(item)) };
}

function unreachable(value: never): never {
  throw new Error(`Unhandled request: ${JSON.stringify(value)}`);
}

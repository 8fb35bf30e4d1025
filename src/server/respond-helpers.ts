/**
 * Builders for the events a `respond()` generator yields: progress lines, client effects,
 * notices, a streamed assistant message and a pending client tool call, each in the shape
 * chatkit-python's types (chatkit/types.py) give them on the wire.
 */
import { randomBytes } from 'node:crypto';
import type {
  AssistantMessageContent,
  AssistantMessageItem,
  ClientToolCallItem,
  JsonObject,
  ThreadMetadata,
  ThreadStreamEvent,
} from '../protocol/types.js';
import type { RespondContext } from './types.js';

/** A `progress_update` event. */
export type ProgressEvent = Extract<ThreadStreamEvent, { type: 'progress_update' }>;
/** A `client_effect` event. */
export type ClientEffectEvent = Extract<ThreadStreamEvent, { type: 'client_effect' }>;
/** A `notice` event. */
export type NoticeEvent = Extract<ThreadStreamEvent, { type: 'notice' }>;
/** A `thread.item.done` event. */
export type ItemDoneEvent = Extract<ThreadStreamEvent, { type: 'thread.item.done' }>;

/**
 * Builds a transient status line ("Searching…"), shown until the next progress update, item or
 * the end of the stream. Not persisted.
 *
 * @param text - The status text.
 * @param icon - An icon name (`search`, `lucide:<name>`, …).
 */
export function progress(text: string, icon?: string): ProgressEvent {
  return icon === undefined ? { type: 'progress_update', text } : { type: 'progress_update', icon, text };
}

/**
 * Builds a fire-and-forget instruction for the host page (the element re-emits it as the
 * `stream-chat-effect` event). Not persisted, never answered.
 *
 * @param name - The effect name, e.g. `update_status`.
 * @param data - Its JSON payload.
 */
export function clientEffect(name: string, data: JsonObject = {}): ClientEffectEvent {
  return { type: 'client_effect', name, data };
}

/**
 * Builds a user-facing banner or toast.
 *
 * @param level - `info`, `warning` or `danger`.
 * @param message - Markdown text.
 * @param title - An optional title.
 */
export function notice(level: NoticeEvent['level'], message: string, title?: string): NoticeEvent {
  return title === undefined ? { type: 'notice', level, message } : { type: 'notice', level, message, title };
}

/**
 * Streams one assistant message: `thread.item.added` (empty message), `content_part.added`, one
 * `text_delta` per non-empty chunk, `content_part.done` and `thread.item.done` with the full text.
 *
 * @param ctx - The respond context (ids and clock).
 * @param thread - The thread the message belongs to.
 * @param chunks - The text, in pieces (model tokens, or a plain array).
 */
export async function* streamAssistantText<C>(
  ctx: RespondContext<C>,
  thread: ThreadMetadata,
  chunks: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<ThreadStreamEvent, AssistantMessageItem> {
  const base = {
    type: 'assistant_message',
    id: ctx.newItemId('message'),
    thread_id: thread.id,
    created_at: ctx.now(),
  } as const;
  const part = (text: string): AssistantMessageContent => ({ type: 'output_text', text, annotations: [] });
  yield { type: 'thread.item.added', item: { ...base, content: [] } };
  yield {
    type: 'thread.item.updated',
    item_id: base.id,
    update: { type: 'assistant_message.content_part.added', content_index: 0, content: part('') },
  };
  let text = '';
  for await (const delta of chunks) {
    if (delta === '') continue;
    text += delta;
    yield {
      type: 'thread.item.updated',
      item_id: base.id,
      update: { type: 'assistant_message.content_part.text_delta', content_index: 0, delta },
    };
  }
  yield {
    type: 'thread.item.updated',
    item_id: base.id,
    update: { type: 'assistant_message.content_part.done', content_index: 0, content: part(text) },
  };
  const item: AssistantMessageItem = { ...base, content: [part(text)] };
  yield { type: 'thread.item.done', item: structuredClone(item) };
  return item;
}

/**
 * Builds the `thread.item.done` event of a pending client tool call: the page runs tool `name`
 * with `args` and posts its output with `threads.add_client_tool_output`, which continues the turn
 * with `respond(thread, null)`. Yield it last: the server persists it and ends the stream.
 *
 * @param ctx - The respond context (ids and clock).
 * @param thread - The thread the call belongs to.
 * @param name - The tool name the page handles, e.g. `get_selected_items`.
 * @param args - The tool arguments.
 */
export function clientToolCall<C>(
  ctx: RespondContext<C>,
  thread: ThreadMetadata,
  name: string,
  args: JsonObject = {},
): ItemDoneEvent & { item: ClientToolCallItem } {
  return {
    type: 'thread.item.done',
    item: {
      type: 'client_tool_call',
      id: ctx.newItemId('tool_call'),
      thread_id: thread.id,
      created_at: ctx.now(),
      status: 'pending',
      call_id: `call_${randomBytes(12).toString('hex')}`,
      name,
      arguments: args,
    },
  };
}
